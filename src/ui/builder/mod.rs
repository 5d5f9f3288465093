//! The routine builder: a therapist makes or edits a routine here. It
//! starts from empty, a preset or a routine file; the routine's fields, its
//! exercises (from the library, with their picture and source dose, or the
//! therapist's own), each dose, how many of the day's sessions each is in
//! and its progression rule. Every problem the validator of `neckguide
//! check` finds shows under its field while typing; the preview shows the
//! first session's timeline (the schedule `plan` prints) and writes the
//! handout; saving writes the routine file where the therapist picks and
//! adds it to the person's routines.
//!
//! The draft and its checks are the model's ([`crate::routine::draft`]);
//! reading and writing files is the app's ([`crate::app::builder`]). This
//! screen keeps what is its own: the draft being typed, the folder typed,
//! the file dialog's question, the last save's words.
//!
//! Here the screen's state and the page, drawn in its sections, each in a
//! file: `start.rs` (start from), `routine_fields.rs` (the routine),
//! `items.rs` (its exercises), `dose.rs` (an exercise's dose), `rule.rs`
//! (its progression rule), `add.rs` (add an exercise), `preview.rs` (the
//! timeline and the handout) and `save.rs` (the save bar); `fields.rs` has
//! the fields and buttons they draw with.

mod actions;
mod add;
mod dose;
mod fields;
mod items;
mod preview;
mod routine_fields;
mod rule;
mod save;
mod start;

use std::collections::HashSet;
use std::path::PathBuf;

use egui::Ui;

use super::action::Action;
use super::open_file::PortalQuestion;
use super::widgets::page_ui;
use crate::app::builder::{DraftSource, SaveRefused};
use crate::app::desktop::{Desktop, Opening};
use crate::routine::Library;
use crate::routine::draft::{Checked, Draft};
use crate::schedule::ScheduleConfig;
use add::add_ui;
use fields::{Marks, text};
use items::items_ui;
use preview::preview_ui;
use routine_fields::routine_fields_ui;
use save::save_ui;
use start::start_ui;
/// The screen's title.
pub const TITLE: &str = "Make or edit a routine";
/// The accessible name of the save folder's field.
pub const SAVE_FOLDER: &str = "Save in folder";

/// The builder's state: the draft, its last check, the save folder.
#[derive(Debug)]
pub struct Builder {
    draft: Draft,
    /// The draft last checked and what the check found (checked again only
    /// when the draft changes, not every frame).
    checked: Option<(Draft, Checked)>,
    folder: String,
    open_path: String,
    /// The system's dialog to choose the save folder; why it did not open
    /// is said by the folder field.
    folder_question: PortalQuestion,
    /// The system's dialog to choose a routine file to edit; why it did not
    /// open is said by the file's path field.
    file_question: PortalQuestion,
    /// The presets' names, read once.
    presets: Vec<String>,
    /// What the draft started from, or why it could not start.
    started: Option<Result<String, String>>,
    /// What the draft was made from (where its pictures are).
    source: DraftSource,
    /// What saving did, and whether its words have been scrolled into
    /// view (once, the frame they first show).
    saved: Option<Result<String, SaveRefused>>,
    saved_in_view: bool,
    handout: Option<Result<String, String>>,
    /// The handout written, being handed to the desktop to open.
    opening: Option<(PathBuf, Opening)>,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            draft: Draft::empty(),
            checked: None,
            folder: crate::app::builder::default_save_folder()
                .display()
                .to_string(),
            open_path: String::new(),
            folder_question: PortalQuestion::default(),
            file_question: PortalQuestion::default(),
            presets: Vec::new(),
            started: None,
            source: DraftSource::Empty,
            saved: None,
            saved_in_view: false,
            handout: None,
            opening: None,
        }
    }
}

impl Builder {
    /// Starts over from `draft`, made from `source` (`what` says from what).
    pub fn start(&mut self, draft: Draft, source: DraftSource, what: String) {
        self.draft = draft;
        self.source = source;
        self.checked = None;
        self.started = Some(Ok(what));
        self.saved = None;
        self.handout = None;
    }

    /// Says why a draft could not start; the one being typed is kept.
    pub fn start_failed(&mut self, why: String) {
        self.started = Some(Err(why));
    }

    /// The routine file's raw form, when the draft passes every check.
    pub fn valid_raw(&self) -> Option<&crate::routine::raw::RawRoutine> {
        let (_, checked) = self.checked.as_ref()?;
        checked.routine.as_ref().map(|_| &checked.raw)
    }

    /// What the draft was made from.
    pub fn source(&self) -> &DraftSource {
        &self.source
    }

    /// The folder typed (or chosen) to save in.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.folder.trim())
    }

    /// Says what saving did.
    pub fn set_saved(&mut self, result: Result<String, SaveRefused>) {
        self.saved = Some(result);
        self.saved_in_view = false;
    }

    /// Says what writing the handout did; `opening` is the written file
    /// being handed to the desktop to open.
    pub fn set_handout(&mut self, result: Result<PathBuf, String>, opening: Option<Opening>) {
        self.handout = Some(
            result
                .as_ref()
                .map(|path| {
                    format!(
                        "The handout is written: {}. Opening it…",
                        crate::routine::escape_path(path)
                    )
                })
                .map_err(Clone::clone),
        );
        self.opening = match (result, opening) {
            (Ok(path), Some(opening)) => Some((path, opening)),
            _ => None,
        };
    }

    /// The presets' names (read from the presets once).
    pub fn presets(&mut self, library: &Library) -> &[String] {
        if self.presets.is_empty() {
            self.presets = crate::app::builder::preset_names(library);
        }
        &self.presets
    }

    /// The draft checked, checking it again only when it changed.
    fn check(&mut self, library: &Library) -> Checked {
        match &self.checked {
            Some((draft, checked)) if *draft == self.draft => checked.clone(),
            _ => {
                let checked = self.draft.check(library);
                self.checked = Some((self.draft.clone(), checked.clone()));
                checked
            }
        }
    }
}

/// What the builder shows from the app.
pub struct BuilderView<'a> {
    /// The built-in exercises.
    pub library: &'a Library,
    /// The names of the presets, in order.
    pub presets: Vec<String>,
    /// The routines the person added: name and file.
    pub imported: Vec<(String, PathBuf)>,
    /// The desktop, for its file dialog.
    pub desktop: &'a Desktop,
    /// The pacing the session would run with.
    pub pacing: ScheduleConfig,
}

/// Draws the builder; returns what the person asked for.
pub fn builder_ui(ui: &mut Ui, state: &mut Builder, view: &BuilderView<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    let checked = state.check(view.library);
    let mut marks = Marks {
        checked: &checked,
        shown: HashSet::new(),
        typing: None,
    };
    page_ui(ui, TITLE, &mut actions, |ui, actions| {
        // What is typed into the fields reads at the size of their labels.
        ui.style_mut()
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(17.0));
        ui.label(text(
            "For a physical therapist: put together the exercises you prescribe, their doses and how often, then save the routine file and print its handout.",
        ));
        ui.add_space(8.0);
        start_ui(ui, state, view, actions);
        ui.separator();
        routine_fields_ui(ui, &mut state.draft, &mut marks);
        ui.separator();
        items_ui(ui, &mut state.draft, view.library, &mut marks);
        ui.separator();
        add_ui(ui, &mut state.draft, view.library);
        ui.separator();
        preview_ui(ui, state, &checked, view, actions);
        ui.separator();
        save_ui(ui, state, &checked, &marks.shown, view, actions);
    });
    actions
}
