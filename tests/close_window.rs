//! Closing the window during a session (Alt+F4, the close button, a
//! session manager): the close is held back and the person asked as Esc
//! asks; "Yes" saves the session as ended early and closes, "No" goes on.
//! Kittest flows, the close request given as the window system gives it
//! (a `ViewportEvent::Close`), the commands to the window read back.

use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable as _;

use crate::ui_flows::{Fixture, fixture};
use neckguide::ui::Screen;

const ASKED: &str = "End the session now?";

/// Asks the window to close, as the window system does, and runs frames
/// until it settles; the commands the window sent meanwhile.
fn close(f: &mut Fixture) -> Vec<ViewportCommand> {
    f.harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    frames(f)
}

/// Runs frames (up to 20) until the window asks for no more; the commands
/// to the window sent meanwhile.
fn frames(f: &mut Fixture) -> Vec<ViewportCommand> {
    let mut commands = Vec::new();
    for _ in 0..20 {
        f.harness.step();
        let output = f.harness.output();
        if let Some(root) = output.viewport_output.get(&ViewportId::ROOT) {
            commands.extend(root.commands.iter().cloned());
        }
    }
    commands
}

#[test]
fn closing_during_a_session_asks_and_yes_saves_it_ended_early_and_closes() {
    let mut f = fixture();
    f.start_session(2);
    let sent = close(&mut f);
    assert!(sent.contains(&ViewportCommand::CancelClose), "{sent:?}");
    assert!(f.has(ASKED));
    // "No": it goes on, and the window stays.
    f.click("No, keep going");
    assert!(!f.has(ASKED));
    assert!(matches!(f.harness.state().screen(), Screen::Session { .. }));
    // Asked again, "Yes": saved as ended early, and the window closes.
    let sent = close(&mut f);
    assert!(sent.contains(&ViewportCommand::CancelClose), "{sent:?}");
    f.harness.get_by_label("Yes, end it").click();
    let sent = frames(&mut f);
    assert!(sent.contains(&ViewportCommand::Close), "{sent:?}");
    let records = f.records();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["outcome"], "ended_early");
}

#[test]
fn closing_at_home_closes_at_once() {
    let mut f = fixture();
    f.harness.run();
    let sent = close(&mut f);
    assert!(!sent.contains(&ViewportCommand::CancelClose), "{sent:?}");
    assert!(!f.has(ASKED));
}

/// A second close while the question shows (a session manager logging
/// out) is let through, and the window's exit saves the session at once,
/// as interrupted: not left to be found at the next start.
#[test]
fn a_close_that_cannot_wait_saves_the_session_as_interrupted_at_once() {
    let mut f = fixture();
    f.start_session(2);
    let sent = close(&mut f);
    assert!(sent.contains(&ViewportCommand::CancelClose), "{sent:?}");
    let sent = close(&mut f);
    assert!(!sent.contains(&ViewportCommand::CancelClose), "{sent:?}");
    assert!(f.records().is_empty());
    eframe::App::on_exit(f.harness.state_mut(), None);
    let records = f.records();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["outcome"], "interrupted");
    assert!(
        !f.dir.path().join(neckguide::log::CHECKPOINT_FILE).exists(),
        "nothing left to recover"
    );
}
