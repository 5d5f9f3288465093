//! What the routine builder's buttons do: a draft started, saved, or its
//! handout written, through the app; what happened shows on the builder.

use crate::ui::NeckguideApp;
use crate::ui::action::BuilderAction;

impl NeckguideApp {
    /// Does what the routine builder asked: start a draft, save it, or
    /// write its handout; what happened shows on the builder.
    pub(in crate::ui) fn build(&mut self, action: BuilderAction) {
        use crate::app::builder::{DraftSource, draft_from};
        match action {
            BuilderAction::Start(source) => {
                let what = match &source {
                    DraftSource::Empty => "Started an empty routine.".to_owned(),
                    DraftSource::Preset(i) => format!(
                        "Editing a copy of {}.",
                        self.builder
                            .presets(self.app.library())
                            .get(*i)
                            .cloned()
                            .unwrap_or_default()
                    ),
                    DraftSource::File(path) => {
                        format!("Editing {}.", crate::routine::escape_path(path))
                    }
                };
                match draft_from(&source, self.app.library(), self.app.catalog()) {
                    Ok(draft) => self.builder.start(draft, source, what),
                    Err(why) => self.builder.start_failed(why),
                }
            }
            BuilderAction::Save => {
                let folder = self.builder.folder();
                let Some(raw) = self.builder.valid_raw().cloned() else {
                    return;
                };
                let source = self.builder.source().clone();
                let saved = self.app.save_built_routine(&raw, &source, &folder);
                self.builder.set_saved(saved);
            }
            BuilderAction::CreateFolderAndSave => {
                match self.app.create_save_folder(&self.builder.folder()) {
                    Ok(()) => self.build(BuilderAction::Save),
                    Err(words) => self.builder.set_saved(Err(words.into())),
                }
            }
            BuilderAction::PrintHandout => {
                let folder = self.builder.folder();
                let Some(raw) = self.builder.valid_raw().cloned() else {
                    return;
                };
                let source = self.builder.source().clone();
                let written = self.app.write_handout(&raw, &source, &folder);
                let opening = written
                    .as_ref()
                    .ok()
                    .map(|path| self.app.desktop().open_file(path));
                self.builder.set_handout(written, opening);
            }
        }
    }
}
