//! What the app remembers between runs: the person's settings, the routine
//! they chose and today's warning-sign answers. One plain `#[serde(default)]`
//! struct, saved as `DATA_DIR/settings.json` by [`crate::atomic_file::replace`].

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::desktop::{Appearance, ColorScheme};
use crate::checkin::DailyCheck;
use crate::reminders::ReminderDay;
use crate::schedule::{DEFAULT_GET_READY_SECONDS, ScheduleConfig};

/// A colour theme as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on light.
    #[default]
    Light,
    /// Light text on dark.
    Dark,
    /// Black and white with strong outlines.
    HighContrast,
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 3] = [Self::Light, Self::Dark, Self::HighContrast];

    /// The name shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// The theme the person chose: the system's, or one of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    /// Follow the system's dark or light mode and its contrast setting
    /// (light when the system says nothing).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// Always high contrast.
    HighContrast,
}

impl ThemeChoice {
    /// Every choice, in the order offered.
    pub const ALL: [ThemeChoice; 4] = [Self::System, Self::Light, Self::Dark, Self::HighContrast];

    /// The name shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => Theme::Light.label(),
            Self::Dark => Theme::Dark.label(),
            Self::HighContrast => Theme::HighContrast.label(),
        }
    }

    /// The theme to draw, given what the system asks for.
    pub fn theme(self, system: Appearance) -> Theme {
        match self {
            Self::System if system.high_contrast => Theme::HighContrast,
            Self::System => match system.color_scheme {
                ColorScheme::Dark => Theme::Dark,
                ColorScheme::Light | ColorScheme::NoPreference => Theme::Light,
            },
            Self::Light => Theme::Light,
            Self::Dark => Theme::Dark,
            Self::HighContrast => Theme::HighContrast,
        }
    }
}

/// The largest settings file read (a few hundred bytes are written).
const MAX_BYTES: u64 = 1 << 20;

/// Smallest and largest text size, in percent.
pub const TEXT_SIZE_PERCENT: (u32, u32) = (100, 200);
/// Shortest and longest get-ready countdown, in seconds.
pub const COUNTDOWN_SECONDS: (u32, u32) = (0, 10);

/// Everything saved between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Cue sounds on.
    pub sound: bool,
    /// Volume, 0–100.
    pub volume: u32,
    /// Spoken guidance on ("Spoken guidance": exercise names, steps,
    /// phases, counting), by the desktop's speech service or else the
    /// recorded words.
    pub spoken_cues: bool,
    /// The steps of an exercise read aloud while getting into position
    /// ("Read the steps aloud"), with spoken guidance on.
    pub read_steps: bool,
    /// The get-ready countdown before each exercise, in seconds.
    pub countdown_seconds: u32,
    /// Text size in percent (100–200).
    pub text_size_percent: u32,
    /// The colour theme.
    pub theme: ThemeChoice,
    /// The id of the routine chosen on the home screen.
    pub routine: Option<String>,
    /// Today's (or the last) answers to the warning signs.
    pub daily_check: Option<DailyCheck>,
    /// When reminders come: the first and last time of a day, the days,
    /// or picked times. (Whether they come at all is the autostart entry:
    /// [`crate::app::autostart`].)
    pub reminders: ReminderDay,
    /// The exercise's figure moves from its start to the held position
    /// with each hold (an exercise with two pictures); off, the start
    /// picture stays still.
    pub moving_pictures: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            sound: true,
            volume: 80,
            spoken_cues: true,
            read_steps: true,
            countdown_seconds: DEFAULT_GET_READY_SECONDS,
            text_size_percent: 100,
            theme: ThemeChoice::System,
            routine: None,
            daily_check: None,
            reminders: ReminderDay::default(),
            moving_pictures: true,
        }
    }
}

impl Settings {
    /// The values brought within their bounds (a hand-edited file may hold anything).
    pub fn clamped(mut self) -> Self {
        self.volume = self.volume.min(100);
        self.countdown_seconds = self
            .countdown_seconds
            .clamp(COUNTDOWN_SECONDS.0, COUNTDOWN_SECONDS.1);
        self.text_size_percent = self
            .text_size_percent
            .clamp(TEXT_SIZE_PERCENT.0, TEXT_SIZE_PERCENT.1);
        self
    }

    /// The person's pacing of a session: everything a schedule takes from
    /// the settings (today, the get-ready countdown).
    pub fn pacing(&self) -> ScheduleConfig {
        ScheduleConfig {
            get_ready_ms: u64::from(self.countdown_seconds) * 1000,
            ..ScheduleConfig::default()
        }
    }

    /// Reads the saved state. A missing file gives the defaults; an
    /// unreadable one gives the defaults and a message for the person.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        // Never blocking, a regular file only, and capped: a named pipe or
        // a device put in its place is not read for ever.
        let read = crate::user_file::read_whole(path, crate::user_file::Links::Follow, MAX_BYTES)
            .and_then(|mut bytes| {
                // A byte-order mark some editors write is no part of the JSON.
                if bytes.starts_with(b"\xef\xbb\xbf") {
                    bytes.drain(..3);
                }
                String::from_utf8(bytes).map_err(|_| {
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not text")
                })
            });
        let text = match read {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::default(), None),
            Err(e) => {
                return (
                    Self::default(),
                    Some(format!(
                        "Your settings could not be read ({e}); the defaults are used."
                    )),
                );
            }
        };
        match Self::from_json(&text) {
            Ok((saved, bad)) if bad.is_empty() => (saved, None),
            Ok((saved, bad)) => (
                saved,
                Some(format!(
                    "Some of your settings in {} could not be read ({}); those are back to their defaults, the rest are kept.",
                    path.display(),
                    bad.join(", ")
                )),
            ),
            Err(e) => (
                Self::default(),
                Some(format!(
                    "Your settings file {} is damaged ({}); the defaults are used.",
                    path.display(),
                    crate::log::plain_json_error(&e)
                )),
            ),
        }
    }

    /// Reads settings field by field: a field that cannot be read falls back
    /// to its default alone, and is named in the returned list; fields this
    /// version does not know are ignored. Fails only when the text is not a
    /// JSON object.
    pub fn from_json(text: &str) -> Result<(Self, Vec<String>), serde_json::Error> {
        use serde::de::Error as _;
        let file: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)?;
        let serde_json::Value::Object(mut merged) = serde_json::to_value(Self::default())? else {
            return Err(serde_json::Error::custom("the defaults are not an object"));
        };
        let mut bad = Vec::new();
        for (key, value) in file {
            if !merged.contains_key(&key) {
                continue;
            }
            let mut candidate = merged.clone();
            candidate.insert(key.clone(), value.clone());
            if serde_json::from_value::<Self>(serde_json::Value::Object(candidate)).is_ok() {
                merged.insert(key, value);
            } else {
                bad.push(key);
            }
        }
        let saved: Self = serde_json::from_value(serde_json::Value::Object(merged))?;
        Ok((saved.clamped(), bad))
    }

    /// Writes the state, replacing the old file atomically and durably
    /// ([`crate::atomic_file::replace`]).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::atomic_file::replace(path, text.as_bytes())
    }
}

/// The most bytes of a damaged settings file kept by [`keep_damaged`].
const MAX_DAMAGED_BYTES: u64 = 16 * 1024 * 1024;

/// Keeps a copy of the settings file at `path`, which could not be read
/// whole, before anything replaces it: `settings.damaged-<date>-<time>.json`
/// beside it (`at` gives the date and time), or the copy kept already when
/// one holds the same bytes. Returns where the copy is; `None` when there is
/// nothing to keep (no file, or not a regular file, which a save replaces
/// without losing anything of the person's).
pub fn keep_damaged(path: &Path, at: &jiff::Zoned) -> std::io::Result<Option<PathBuf>> {
    use crate::app::user_file::{self, Links};
    let bytes = match user_file::read_whole(path, Links::Follow, MAX_DAMAGED_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if user_file::not_a_file(&e).is_some() => return Ok(None),
        Err(e) => return Err(e),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let stem = path
        .file_stem()
        .map_or_else(|| "settings".into(), |s| s.to_string_lossy());
    let prefix = format!("{stem}.damaged-");
    // A copy of the same bytes already kept (the window opened again).
    for entry in fs::read_dir(folder)?.flatten() {
        let name = entry.file_name();
        let is_copy = name.to_str().is_some_and(|n| n.starts_with(&prefix));
        // Read as the settings are: regular files only (no link, pipe or
        // device), and no more than a copy can hold.
        if is_copy
            && user_file::read_whole(&entry.path(), Links::Refuse, MAX_DAMAGED_BYTES)
                .is_ok_and(|kept| kept == bytes)
        {
            return Ok(Some(entry.path()));
        }
    }
    let when = at.strftime("%Y%m%d-%H%M%S").to_string();
    let mut copy = folder.join(format!("{prefix}{when}.json"));
    let mut n = 1;
    while fs::symlink_metadata(&copy).is_ok() {
        n += 1;
        copy = folder.join(format!("{prefix}{when}-{n}.json"));
    }
    crate::atomic_file::replace(&copy, &bytes)?;
    Ok(Some(copy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_read_past_and_a_named_pipe_is_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        fs::write(&path, b"\xef\xbb\xbf{\"volume\": 40}").unwrap();
        let (loaded, message) = Settings::load(&path);
        assert_eq!((loaded.volume, message), (40, None));
        fs::remove_file(&path).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        // No writer: a blocking read would wait here for ever.
        let (loaded, message) = Settings::load(&path);
        assert_eq!(loaded, Settings::default());
        let message = message.unwrap_or_default();
        assert!(
            message.contains("it is a named pipe, not a file"),
            "{message}"
        );
    }

    #[test]
    fn round_trips_and_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(Settings::load(&path), (Settings::default(), None));
        let saved = Settings {
            volume: 30,
            theme: ThemeChoice::HighContrast,
            routine: Some("gentle-neck-routine".into()),
            ..Settings::default()
        };
        saved.save(&path).unwrap();
        assert_eq!(Settings::load(&path), (saved, None));
        fs::write(
            &path,
            "{\"volume\": 500, \"text_size_percent\": 20, \"new_field\": 1}",
        )
        .unwrap();
        let (loaded, message) = Settings::load(&path);
        assert_eq!(
            (loaded.volume, loaded.text_size_percent, message),
            (100, 100, None)
        );
        // One wrong-typed field falls back alone: today's answers stay.
        let kept = Settings {
            volume: 40,
            daily_check: Some(DailyCheck {
                date: "2026-11-21".to_owned(),
                yes: vec![crate::checkin::WarningSign::ALL[0]],
                cleared: false,
                compared: None,
            }),
            ..Settings::default()
        };
        kept.save(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let broken = text.replacen("\"theme\": \"system\"", "\"theme\": 7", 1);
        assert_ne!(broken, text);
        fs::write(&path, broken).unwrap();
        let (loaded, message) = Settings::load(&path);
        assert_eq!(loaded, kept);
        assert!(message.unwrap().contains("(theme)"));
        fs::write(&path, "{not json").unwrap();
        let (loaded, message) = Settings::load(&path);
        assert_eq!(loaded, Settings::default());
        assert!(message.unwrap().contains("damaged"));
    }

    #[test]
    fn a_damaged_file_is_kept_once_before_it_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let at: jiff::Zoned = "2026-11-23T09:05:07+01:00[+01:00]".parse().unwrap();
        assert_eq!(keep_damaged(&path, &at).unwrap(), None);
        fs::write(&path, "{\"routine\": \"my-routine\", oops").unwrap();
        let copy = keep_damaged(&path, &at).unwrap().unwrap();
        assert_eq!(
            copy,
            dir.path().join("settings.damaged-20261123-090507.json")
        );
        assert_eq!(
            fs::read_to_string(&copy).unwrap(),
            "{\"routine\": \"my-routine\", oops"
        );
        // The same damage again: the copy kept already.
        let later: jiff::Zoned = "2026-11-24T10:00:00+01:00[+01:00]".parse().unwrap();
        assert_eq!(keep_damaged(&path, &later).unwrap(), Some(copy.clone()));
        // Other damage in the same second: a copy of its own.
        fs::write(&path, "{nope").unwrap();
        let other = keep_damaged(&path, &at).unwrap().unwrap();
        assert_eq!(
            other,
            dir.path().join("settings.damaged-20261123-090507-2.json")
        );
        assert_eq!(fs::read_to_string(&other).unwrap(), "{nope");
        assert!(copy.exists());
    }

    #[test]
    fn follow_the_system_takes_its_scheme_and_contrast() {
        let system = |color_scheme, high_contrast| Appearance {
            color_scheme,
            high_contrast,
        };
        let choice = ThemeChoice::System;
        assert_eq!(choice.theme(Appearance::default()), Theme::Light);
        assert_eq!(choice.theme(system(ColorScheme::Dark, false)), Theme::Dark);
        assert_eq!(
            choice.theme(system(ColorScheme::Light, false)),
            Theme::Light
        );
        assert_eq!(
            choice.theme(system(ColorScheme::Light, true)),
            Theme::HighContrast
        );
        // A theme of one's own stays whatever the system says.
        assert_eq!(
            ThemeChoice::Light.theme(system(ColorScheme::Dark, true)),
            Theme::Light
        );
        assert_eq!(Settings::default().theme, ThemeChoice::System);
        // Settings saved before "Follow the system" existed keep their theme.
        let (old, bad) = Settings::from_json(r#"{"theme": "high_contrast"}"#).unwrap();
        assert_eq!((old.theme, bad.len()), (ThemeChoice::HighContrast, 0));
    }
}
