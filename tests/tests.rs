//! All integration tests, built into one test binary (links once).

// A panic in a test is a test failure, so tests may unwrap and index.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

mod atomic_file;
mod builder_ui;
mod check_cli;
mod close_window;
mod desktop;
mod doses_app;
mod doses_cli;
mod e2e_desktop;
mod e2e_speech;
mod e2e_window;
mod exercises_source;
mod fake_desktop;
mod fhir_export;
mod file_faults;
mod handout_cli;
mod history_cli;
mod install;
mod layers;
mod log_store;
mod measures_flow;
mod moving_figure;
mod phase_band;
mod plan_cli;
mod readme_keys;
mod remind_agent;
mod remind_cli;
mod remind_ui;
mod routine_props;
mod routine_save;
mod session_engine;
mod ui_a11y;
mod ui_flows;
mod ui_layout;
mod ui_loading;
mod window_manager;
