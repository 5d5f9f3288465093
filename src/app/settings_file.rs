//! The settings as this window keeps them: the values ([`Settings`]), whether
//! they changed since they were last written, and a settings file that
//! could not be read whole, kept as a copy before any save replaces it.
//! Part of [`App`](super::App); what goes wrong is said in its [`Notices`].

use std::path::{Path, PathBuf};

use super::notices::Notices;
use super::settings::{self, Settings};
use crate::checkin::DailyCheck;
use crate::log::DailyCheckRecord;

/// The settings and the file they are written to.
#[derive(Debug, Default)]
pub struct SettingsFile {
    saved: Settings,
    /// Where they are written (`None`: no data folder, nothing is written).
    path: Option<PathBuf>,
    /// Whether `saved` changed since it was last written.
    unsaved: bool,
    /// What became of a file that could not be read whole when the window
    /// opened.
    damaged: Option<Damaged>,
}

/// A settings file that could not be read whole when the window opened.
#[derive(Debug, Clone)]
struct Damaged {
    /// No copy of it could be kept yet (then it is not replaced).
    uncopied: bool,
}

impl SettingsFile {
    /// Reads the settings at `path`. When they cannot be read whole, says
    /// so and keeps a copy of the file as it is, before any save replaces
    /// it ([`settings::keep_damaged`], named for `now`); when no copy can be
    /// made, no save replaces it until one can.
    pub fn load(path: PathBuf, now: &jiff::Zoned, notices: &mut Notices) -> Self {
        let (saved, problem) = Settings::load(&path);
        let damaged = problem.map(|problem| {
            let uncopied = match settings::keep_damaged(&path, now) {
                Ok(Some(copy)) => {
                    notices.warn(&format!("{problem} {}", kept_as(&copy)));
                    false
                }
                Ok(None) => {
                    notices.warn(&problem);
                    false
                }
                Err(e) => {
                    notices.warn(&format!(
                        "{problem} A copy of the file could not be kept ({e}), so your settings are not saved until one can be; the file stays as it is."
                    ));
                    true
                }
            };
            Damaged { uncopied }
        });
        Self {
            saved,
            path: Some(path),
            unsaved: false,
            damaged,
        }
    }

    /// The settings.
    pub fn saved(&self) -> &Settings {
        &self.saved
    }

    /// Whether the file could not be read whole when the window opened.
    pub fn damaged(&self) -> bool {
        self.damaged.is_some()
    }

    /// Replaces the settings; they are written by
    /// [`SettingsFile::save_changed`]. Says whether they changed.
    pub fn set(&mut self, saved: Settings) -> bool {
        if saved == self.saved {
            return false;
        }
        self.saved = saved;
        self.unsaved = true;
        true
    }

    /// Changes the settings with `change` and writes them now.
    pub fn change_and_save(
        &mut self,
        change: impl FnOnce(&mut Settings),
        now: &jiff::Zoned,
        notices: &mut Notices,
    ) {
        change(&mut self.saved);
        self.save(now, notices);
    }

    /// Writes the settings when they changed since they were last written.
    pub fn save_changed(&mut self, now: &jiff::Zoned, notices: &mut Notices) {
        if self.unsaved {
            self.save(now, notices);
        }
    }

    /// Writes the settings (each failure is said; the next change tries
    /// again). A damaged file not yet copied is copied first (named for
    /// `now`), and is never replaced uncopied.
    pub fn save(&mut self, now: &jiff::Zoned, notices: &mut Notices) {
        self.unsaved = false;
        let Some(path) = self.path.clone() else {
            return;
        };
        if self.damaged.as_ref().is_some_and(|d| d.uncopied) {
            match settings::keep_damaged(&path, now) {
                Ok(copy) => {
                    if let Some(d) = &mut self.damaged {
                        d.uncopied = false;
                    }
                    if let Some(copy) = copy {
                        notices.add(&kept_as(&copy), false);
                    }
                }
                Err(e) => {
                    notices.warn(&format!(
                        "Your settings were not saved: the damaged settings file could not be copied first ({e}), and saving would lose it. Copy {} somewhere safe, or remove it.",
                        crate::routine::escape_path(&path)
                    ));
                    return;
                }
            }
        }
        if let Err(e) = self.saved.save(&path) {
            notices.warn(&format!("Your settings could not be saved: {e}"));
        }
    }

    /// Today's answers to the warning signs, if they were asked `today`.
    pub fn daily_check_on(&self, today: jiff::civil::Date) -> Option<&DailyCheck> {
        let today = today.to_string();
        self.saved.daily_check.as_ref().filter(|c| c.date == today)
    }

    /// Takes `today`'s answers to the warning signs from the log's daily
    /// checks when the settings have none of today (the log is the record;
    /// the settings keep a copy for a window that cannot write the log).
    /// Not written: the log has them.
    pub fn copy_daily_check(
        &mut self,
        daily_checks: &[DailyCheckRecord],
        today: jiff::civil::Date,
    ) {
        if self.daily_check_on(today).is_some() {
            return;
        }
        if let Some(check) = daily_checks.iter().rev().find(|c| c.date == today) {
            self.saved.daily_check = Some(DailyCheck {
                date: today.to_string(),
                yes: check.yes_signs(),
                cleared: check.cleared_by_clinician_at.is_some(),
                compared: check.compared_with_yesterday,
            });
        }
    }
}

/// The words for where a damaged settings file is kept.
fn kept_as(copy: &Path) -> String {
    format!(
        "The damaged file is kept as {}.",
        crate::routine::escape_path(copy)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> jiff::Zoned {
        "2026-03-02T08:00:00+01:00[Europe/Paris]"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn settings_are_written_only_when_changed() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = tmp.path().join("settings.json");
        let mut notices = Notices::default();
        let mut file = SettingsFile::load(path.clone(), &now(), &mut notices);
        assert!(!file.set(Settings::default()));
        file.save_changed(&now(), &mut notices);
        assert!(!path.exists(), "nothing changed, nothing written");
        let quiet = Settings {
            volume: 30,
            ..Settings::default()
        };
        assert!(file.set(quiet.clone()));
        assert!(!path.exists(), "written when the change is done");
        file.save_changed(&now(), &mut notices);
        assert_eq!(Settings::load(&path), (quiet, None));
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        file.save_changed(&now(), &mut notices);
        assert!(!path.exists(), "written once");
        assert!(notices.all().is_empty());
    }

    #[test]
    fn a_damaged_file_is_kept_before_the_first_save_replaces_it() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = tmp.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap_or_else(|e| panic!("{e}"));
        let mut notices = Notices::default();
        let mut file = SettingsFile::load(path.clone(), &now(), &mut notices);
        assert!(file.damaged());
        let copy = tmp.path().join("settings.damaged-20260302-080000.json");
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap_or_else(|e| panic!("{e}")),
            "{ not json"
        );
        let [notice] = notices.all() else {
            panic!("{:?}", notices.all());
        };
        assert!(notice.warning && notice.text.ends_with(&kept_as(&copy)));
        file.change_and_save(|s| s.volume = 10, &now(), &mut notices);
        assert_eq!(Settings::load(&path).0.volume, 10);
        assert_eq!(notices.all().len(), 1);
    }

    #[test]
    fn the_logs_daily_check_of_today_is_copied_unless_the_settings_have_one() {
        let at = now();
        let today = at.date();
        let yes = [crate::checkin::WarningSign::ALL[0]];
        let record =
            DailyCheckRecord::new(today, crate::log::LocalTimestamp::from_zoned(&at), &yes);
        let yesterday = DailyCheckRecord {
            date: today.yesterday().unwrap_or_else(|e| panic!("{e}")),
            ..record.clone()
        };
        let mut file = SettingsFile::default();
        file.copy_daily_check(std::slice::from_ref(&yesterday), today);
        assert_eq!(file.daily_check_on(today), None);
        file.copy_daily_check(&[record], today);
        let copied = file.daily_check_on(today).cloned();
        assert_eq!(copied.as_ref().map(|c| c.yes.clone()), Some(yes.to_vec()));
        // Today's own answers are not replaced by the log's.
        file.saved.daily_check = Some(DailyCheck {
            yes: Vec::new(),
            ..copied.unwrap_or_else(|| panic!("copied"))
        });
        let again = DailyCheckRecord::new(today, crate::log::LocalTimestamp::from_zoned(&at), &yes);
        file.copy_daily_check(&[again], today);
        assert_eq!(file.daily_check_on(today).map(|c| c.yes.len()), Some(0));
        assert!(!file.unsaved, "a copy of the log is not written");
    }
}
