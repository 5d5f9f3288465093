//! Closing the window during a session (Alt+F4, the title bar's close
//! button): the close is held back ([`egui::ViewportCommand::CancelClose`])
//! and the person is asked as Esc asks ("End the session?"). After "Yes"
//! the session is saved as ended early, with no check-out, and the window
//! closes; after "No" it goes on. A close that cannot wait for the answer
//! (a second one while it asks, as a session manager logging out sends)
//! is let through, and the session is saved as interrupted at once when
//! the window goes ([`NeckguideApp::save_on_exit`]), not found later.

use super::{Action, NeckguideApp, Screen};

impl NeckguideApp {
    /// Holds a close request back and asks, while a session runs.
    pub(super) fn close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let Screen::Session { confirm_end } = self.screen else {
            return;
        };
        if !self.app.session_running() || (confirm_end && self.closing) {
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.closing = true;
        self.apply(Action::AskEnd);
    }

    /// After the person answered a close's question: "Yes" ended the
    /// session, which is saved, and the window closes; anything else
    /// forgets the close.
    pub(super) fn close_when_answered(&mut self, ctx: &egui::Context) {
        if !self.closing {
            return;
        }
        match self.screen {
            // Still asking, or ending.
            Screen::Session { confirm_end: true } => {}
            Screen::CheckOut(_) => {
                self.closing = false;
                self.app.save_session(None, "");
                self.app.clear_finished_session();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            _ => self.closing = false,
        }
    }

    /// The window goes with a session running: it is saved now, as
    /// interrupted.
    pub(super) fn save_on_exit(&mut self) {
        if self.app.session_running() {
            self.app.save_session(None, "");
        }
    }
}
