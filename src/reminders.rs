//! When sessions are due: the reminder times of a day and the next reminder.
//! A pure function of the person's day ([`ReminderDay`], from the settings),
//! the routine's times a day, the sessions done today, what was reminded
//! already ([`Memory`]) and `now`. The window's home, `neckguide remind
//! --next` and the reminder agent all ask it.
//!
//! The rules:
//! - A day's reminders are spread evenly from the first to the last time
//!   (one a day: at the first time), or are the times the person picked.
//! - Session `i` of the day (0-based) belongs to the day's `i`-th time. A
//!   session done moves the next reminder on: with `done` sessions done
//!   today, only the times from the `done`-th on are still to come.
//! - A time that passed without a reminder (the agent was not running, the
//!   computer slept) is reminded once, late, at `now`; several missed at
//!   once give a single reminder; once reminded, a time is never repeated.
//! - Times are wall-clock times in the time zone of `now`: after a change of
//!   time zone, "14:00" is 14:00 where the person is now.
//! - On a day with a yes to a warning sign, one reminder to see the doctor
//!   takes the place of the session reminders.

use std::fmt;

use jiff::civil::{Date, Weekday};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day to the second, written `HH:MM` (or `HH:MM:SS` when the
/// seconds are not zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayTime {
    seconds: u32,
}

const DAY_SECONDS: u32 = 24 * 60 * 60;

impl DayTime {
    /// `hour:minute`; `None` when it is not a time of day.
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        Self::hms(hour, minute, 0)
    }

    /// `hour:minute:second`; `None` when it is not a time of day.
    pub fn hms(hour: u8, minute: u8, second: u8) -> Option<Self> {
        (hour < 24 && minute < 60 && second < 60).then_some(Self {
            seconds: u32::from(hour) * 3600 + u32::from(minute) * 60 + u32::from(second),
        })
    }

    /// The time `minutes` after midnight (clamped to 23:59).
    pub fn from_minutes(minutes: u32) -> Self {
        Self {
            seconds: minutes.min(24 * 60 - 1) * 60,
        }
    }

    /// The hour (0–23).
    pub fn hour(self) -> u8 {
        u8::try_from(self.seconds / 3600).unwrap_or(0)
    }

    /// The minute (0–59).
    pub fn minute(self) -> u8 {
        u8::try_from(self.seconds / 60 % 60).unwrap_or(0)
    }

    /// The second (0–59).
    pub fn second(self) -> u8 {
        u8::try_from(self.seconds % 60).unwrap_or(0)
    }

    /// Reads `H:MM`, `HH:MM` or `HH:MM:SS`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("expected a time of day like 08:00, not \"{text}\"");
        let parts: Vec<&str> = text.trim().split(':').collect();
        let number = |i: usize, width: std::ops::RangeInclusive<usize>| {
            parts
                .get(i)
                .filter(|p| width.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u8>().ok())
        };
        let (h, m) = (number(0, 1..=2), number(1, 2..=2));
        let s = match parts.len() {
            2 => Some(0),
            3 => number(2, 2..=2),
            _ => None,
        };
        match (h, m, s) {
            (Some(h), Some(m), Some(s)) => Self::hms(h, m, s).ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    fn on(self, date: Date, now: &Zoned) -> Option<Zoned> {
        date.at(
            i8::try_from(self.hour()).ok()?,
            i8::try_from(self.minute()).ok()?,
            i8::try_from(self.second()).ok()?,
            0,
        )
        .to_zoned(now.time_zone().clone())
        .ok()
    }
}

impl fmt::Display for DayTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())?;
        if self.second() != 0 {
            write!(f, ":{:02}", self.second())?;
        }
        Ok(())
    }
}

impl Serialize for DayTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DayTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A day of the week, as saved (`"mon"` … `"sun"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// Every day, Monday first.
    pub const ALL: [Day; 7] = [
        Self::Mon,
        Self::Tue,
        Self::Wed,
        Self::Thu,
        Self::Fri,
        Self::Sat,
        Self::Sun,
    ];

    /// The day of a date.
    pub fn of(date: Date) -> Self {
        match date.weekday() {
            Weekday::Monday => Self::Mon,
            Weekday::Tuesday => Self::Tue,
            Weekday::Wednesday => Self::Wed,
            Weekday::Thursday => Self::Thu,
            Weekday::Friday => Self::Fri,
            Weekday::Saturday => Self::Sat,
            Weekday::Sunday => Self::Sun,
        }
    }

    /// The short name shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mon => "Mon",
            Self::Tue => "Tue",
            Self::Wed => "Wed",
            Self::Thu => "Thu",
            Self::Fri => "Fri",
            Self::Sat => "Sat",
            Self::Sun => "Sun",
        }
    }
}

/// The person's day, as far as reminders go (saved in the settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderDay {
    /// The first reminder of a day.
    pub first: DayTime,
    /// The last reminder of a day.
    pub last: DayTime,
    /// The days with reminders.
    pub days: Vec<Day>,
    /// Times the person picked; when there are any, they are used instead
    /// of spreading the sessions from `first` to `last`.
    pub picked: Vec<DayTime>,
}

impl Default for ReminderDay {
    fn default() -> Self {
        Self {
            first: DayTime { seconds: 8 * 3600 },
            last: DayTime { seconds: 20 * 3600 },
            days: Day::ALL.to_vec(),
            picked: Vec::new(),
        }
    }
}

impl ReminderDay {
    /// The reminder times of a day with `times_per_day` sessions, in order:
    /// session `i` belongs to the `i`-th. Picked times, sorted, at most one
    /// per session; else spread evenly from `first` to `last` (when `last`
    /// is before `first`, all at `first`).
    pub fn times(&self, times_per_day: u32) -> Vec<DayTime> {
        let n = usize::try_from(times_per_day).unwrap_or(usize::MAX);
        if !self.picked.is_empty() {
            let mut picked = self.picked.clone();
            picked.sort();
            picked.dedup();
            picked.truncate(n);
            return picked;
        }
        // Spread to the minute.
        let first = self.first.seconds / 60;
        let span = (self.last.seconds / 60).saturating_sub(first);
        let steps = times_per_day.saturating_sub(1).max(1);
        (0..times_per_day.min(DAY_SECONDS / 60))
            .map(|i| DayTime::from_minutes(first + span * i / steps))
            .collect()
    }

    /// Whether `date` has reminders.
    pub fn has_reminders(&self, date: Date) -> bool {
        self.days.contains(&Day::of(date))
    }

    /// The reminder instants of `date` in the time zone of `now`, each
    /// with its session (0-based); none on a day off.
    pub fn slots_on(&self, date: Date, times_per_day: u32, now: &Zoned) -> Vec<Slot> {
        if !self.has_reminders(date) {
            return Vec::new();
        }
        self.times(times_per_day)
            .into_iter()
            .zip(0u32..)
            .filter_map(|(t, session)| {
                Some(Slot {
                    at: t.on(date, now)?,
                    session,
                    snoozed: false,
                })
            })
            .collect()
    }
}

/// One reminder time of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// When.
    pub at: Zoned,
    /// Which session of the day it is for (0 = the first).
    pub session: u32,
    /// Whether it is a reminder put off with "In 15 minutes".
    pub snoozed: bool,
}

/// What the reminder agent reminded already (kept in its state file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    /// The last reminder posted (or held back because a session was
    /// running): no reminder time up to it is reminded again.
    #[serde(with = "instant")]
    pub last_reminded: Option<Timestamp>,
    /// "In 15 minutes": remind again then.
    #[serde(with = "instant")]
    pub snoozed_until: Option<Timestamp>,
}

/// An optional instant saved as RFC 3339 text (`null` when none).
mod instant {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.collect_str(t),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| text.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// How today stands, for reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Sessions a day the routine prescribes.
    pub times_per_day: u32,
    /// Sessions of the routine completed today.
    pub done_today: u32,
    /// Whether today's answers to the warning signs hold a yes (and the
    /// person is not cleared).
    pub warning_today: bool,
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// A session is due: which one of the day (0 = the first).
    Session(u32),
    /// A warning sign was answered yes today: see the doctor, no session.
    SeeDoctor,
}

/// The next reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// When to post it (`now` for one that is due already).
    pub at: Zoned,
    /// What it says.
    pub about: About,
    /// Whether it is late: its time passed while nothing reminded.
    pub late: bool,
}

/// How long after its time a reminder still counts as on time.
const ON_TIME_SECONDS: i64 = 60;

/// The next reminder after what `memory` says was reminded, given `now`:
/// due now (`at == now`) when a reminder time passed without a reminder or
/// a snooze ran out; else the coming one. `None` when no day has reminders.
pub fn next_reminder(
    day: &ReminderDay,
    standing: Standing,
    now: &Zoned,
    memory: &Memory,
) -> Option<Reminder> {
    let today = now.date();
    let reminded = memory.last_reminded;
    let after_reminded = |t: Timestamp| reminded.is_none_or(|r| t > r);
    let all_done = standing.done_today >= standing.times_per_day;
    let reminded_today =
        reminded.is_some_and(|r| r.to_zoned(now.time_zone().clone()).date() == today);

    let mut best: Option<Reminder> = None;
    let consider = |best: &mut Option<Reminder>, r: Reminder| {
        if best.as_ref().is_none_or(|b| r.at < b.at) {
            *best = Some(r);
        }
    };

    // Today.
    let today_about = if standing.warning_today {
        About::SeeDoctor
    } else {
        About::Session(standing.done_today)
    };
    let today_open = if standing.warning_today {
        !reminded_today
    } else {
        !all_done
    };
    if today_open {
        let pending: Vec<Slot> = day
            .slots_on(today, standing.times_per_day, now)
            .into_iter()
            .filter(|s| standing.warning_today || s.session >= standing.done_today)
            .filter(|s| after_reminded(s.at.timestamp()))
            .collect();
        let missed = pending.iter().rfind(|s| s.at <= *now);
        if let Some(missed) = missed {
            let late =
                now.timestamp().as_second() - missed.at.timestamp().as_second() > ON_TIME_SECONDS;
            consider(
                &mut best,
                Reminder {
                    at: now.clone(),
                    about: today_about,
                    late,
                },
            );
        } else if let Some(next) = pending.first() {
            consider(
                &mut best,
                Reminder {
                    at: next.at.clone(),
                    about: today_about,
                    late: false,
                },
            );
        }
        if let Some(until) = memory.snoozed_until.filter(|&u| after_reminded(u)) {
            let at = until.to_zoned(now.time_zone().clone());
            consider(
                &mut best,
                Reminder {
                    at: if at < *now { now.clone() } else { at },
                    about: today_about,
                    late: false,
                },
            );
        }
    }

    // The first day after today with reminders (a warning sign is asked
    // anew each day, so that day's reminders are for sessions).
    if best.is_none() {
        let mut date = today;
        for _ in 0..7 {
            let Ok(next) = date.tomorrow() else { break };
            date = next;
            if let Some(first) = day
                .slots_on(date, standing.times_per_day, now)
                .into_iter()
                .next()
            {
                consider(
                    &mut best,
                    Reminder {
                        at: first.at,
                        about: About::Session(first.session),
                        late: false,
                    },
                );
                break;
            }
        }
    }
    best
}

/// The reminder times still to come today (after `now`, for the sessions
/// not done yet), a snoozed reminder still to come among them in its
/// place, and all of tomorrow's, in order; for `neckguide remind --next`
/// and home's "Next session at". On a day with a yes to a warning sign,
/// today has none.
pub fn coming(day: &ReminderDay, standing: Standing, now: &Zoned, memory: &Memory) -> Vec<Slot> {
    let today = now.date();
    let mut slots: Vec<Slot> = if standing.warning_today {
        Vec::new()
    } else {
        day.slots_on(today, standing.times_per_day, now)
            .into_iter()
            .filter(|s| s.session >= standing.done_today && s.at > *now)
            .collect()
    };
    // A snooze not reminded yet, for the session not done yet (as
    // [`next_reminder`] posts it); one whose time passed is left to it.
    let snooze = memory
        .snoozed_until
        .filter(|&u| memory.last_reminded.is_none_or(|r| u > r))
        .map(|u| u.to_zoned(now.time_zone().clone()))
        .filter(|u| {
            *u > *now
                && u.date() == today
                && !standing.warning_today
                && standing.done_today < standing.times_per_day
        });
    if let Some(at) = snooze {
        let place = slots.partition_point(|s| s.at <= at);
        slots.insert(
            place,
            Slot {
                at,
                session: standing.done_today,
                snoozed: true,
            },
        );
    }
    if let Ok(tomorrow) = today.tomorrow() {
        slots.extend(day.slots_on(tomorrow, standing.times_per_day, now));
    }
    slots
}

#[cfg(test)]
mod tests;
