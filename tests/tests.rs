//! All integration tests, built into one test binary (links once).

mod common;

mod check_cli;
mod exercises_source;
mod history_cli;
mod log_store;
mod plan_cli;
mod routine_props;
mod session_engine;
