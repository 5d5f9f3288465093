use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Zoned};
use proptest::prelude::*;

use super::*;

fn tz(hours: i8) -> TimeZone {
    TimeZone::fixed(Offset::constant(hours))
}

/// 2026-11-23 is a Monday.
fn at(day: i8, hour: i8, minute: i8) -> Zoned {
    jiff::civil::date(2026, 11, day)
        .at(hour, minute, 0, 0)
        .to_zoned(tz(1))
        .unwrap()
}

fn t(h: u8, m: u8) -> DayTime {
    DayTime::new(h, m).unwrap()
}

fn standing(times_per_day: u32, done_today: u32) -> Standing {
    Standing {
        times_per_day,
        done_today,
        warning_today: false,
    }
}

fn reminded(z: &Zoned) -> Memory {
    Memory {
        last_reminded: Some(z.timestamp()),
        snoozed_until: None,
    }
}

fn next(day: &ReminderDay, s: Standing, now: &Zoned, memory: &Memory) -> (Zoned, About, bool) {
    let r = next_reminder(day, s, now, memory).expect("a reminder");
    (r.at, r.about, r.late)
}

#[test]
fn spreads_the_sessions_from_the_first_to_the_last_time() {
    let day = ReminderDay::default();
    assert_eq!(day.times(3), [t(8, 0), t(14, 0), t(20, 0)]);
    assert_eq!(day.times(1), [t(8, 0)]);
    assert_eq!(day.times(2), [t(8, 0), t(20, 0)]);
    assert_eq!(day.times(4), [t(8, 0), t(12, 0), t(16, 0), t(20, 0)]);
    assert!(day.times(0).is_empty());
    let backwards = ReminderDay {
        first: t(18, 0),
        last: t(9, 0),
        ..ReminderDay::default()
    };
    assert_eq!(backwards.times(2), [t(18, 0), t(18, 0)]);
    let picked = ReminderDay {
        picked: vec![t(19, 30), t(7, 15), t(12, 0), t(7, 15)],
        ..ReminderDay::default()
    };
    assert_eq!(picked.times(3), [t(7, 15), t(12, 0), t(19, 30)]);
    assert_eq!(picked.times(2), [t(7, 15), t(12, 0)]);
}

#[test]
fn day_times_read_and_write_as_hh_mm() {
    assert_eq!(DayTime::parse("8:05"), Ok(t(8, 5)));
    assert_eq!(t(8, 5).to_string(), "08:05");
    assert_eq!(
        DayTime::parse("08:05:09"),
        Ok(DayTime::hms(8, 5, 9).unwrap())
    );
    assert_eq!(DayTime::hms(8, 5, 9).unwrap().to_string(), "08:05:09");
    for bad in [
        "24:00", "12:60", "noon", "12", "-1:00", "012:000", "1:2", "12:00:60", "+1:00",
    ] {
        assert!(DayTime::parse(bad).is_err(), "{bad}");
    }
    let json = serde_json::to_string(&ReminderDay::default()).unwrap();
    assert_eq!(
        json,
        r#"{"first":"08:00","last":"20:00","days":["mon","tue","wed","thu","fri","sat","sun"],"picked":[]}"#
    );
    assert_eq!(
        serde_json::from_str::<ReminderDay>(&json).unwrap(),
        ReminderDay::default()
    );
}

#[test]
fn a_session_done_moves_the_next_reminder_on() {
    let day = ReminderDay::default();
    let nine = at(23, 9, 0);
    let memory = reminded(&at(23, 8, 0));
    assert_eq!(
        next(&day, standing(3, 0), &nine, &memory),
        (at(23, 14, 0), About::Session(0), false)
    );
    assert_eq!(
        next(&day, standing(3, 1), &nine, &memory),
        (at(23, 14, 0), About::Session(1), false)
    );
    assert_eq!(
        next(&day, standing(3, 2), &nine, &memory),
        (at(23, 20, 0), About::Session(2), false)
    );
    // All done: tomorrow's first.
    assert_eq!(
        next(&day, standing(3, 3), &nine, &memory),
        (at(24, 8, 0), About::Session(0), false)
    );
    // Done before the first reminder: the first is not posted at all.
    assert_eq!(
        next(&day, standing(3, 1), &at(23, 7, 0), &Memory::default()),
        (at(23, 14, 0), About::Session(1), false)
    );
}

#[test]
fn on_time_at_the_reminder_time() {
    let day = ReminderDay::default();
    let memory = reminded(&at(23, 8, 0));
    let now = at(23, 14, 0);
    assert_eq!(
        next(&day, standing(3, 1), &now, &memory),
        (now.clone(), About::Session(1), false)
    );
}

#[test]
fn a_missed_reminder_is_posted_once_late() {
    let day = ReminderDay::default();
    let now = at(23, 15, 30);
    // Nothing reminded yet today (the agent started at 15:30).
    let (when, about, late) = next(&day, standing(3, 0), &now, &Memory::default());
    assert_eq!((when, about, late), (now.clone(), About::Session(0), true));
    // Once posted, it is not repeated: the next is 20:00.
    assert_eq!(
        next(&day, standing(3, 0), &at(23, 15, 31), &reminded(&now)),
        (at(23, 20, 0), About::Session(0), false)
    );
}

#[test]
fn a_clock_jump_over_several_times_gives_one_late_reminder() {
    // Asleep from 09:00 to 21:00: 14:00 and 20:00 passed.
    let day = ReminderDay::default();
    let memory = reminded(&at(23, 8, 0));
    let woke = at(23, 21, 0);
    assert_eq!(
        next(&day, standing(3, 0), &woke, &memory),
        (woke.clone(), About::Session(0), true)
    );
    assert_eq!(
        next(&day, standing(3, 0), &woke, &reminded(&woke)),
        (at(24, 8, 0), About::Session(0), false)
    );
    // Asleep over midnight: yesterday's missed ones are not posted today.
    let next_morning = at(24, 7, 0);
    assert_eq!(
        next(&day, standing(3, 0), &next_morning, &memory),
        (at(24, 8, 0), About::Session(0), false)
    );
}

#[test]
fn days_off_have_no_reminders() {
    let weekdays = ReminderDay {
        days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
        ..ReminderDay::default()
    };
    // Friday 2026-11-27 after the last reminder: Monday 08:00.
    let friday_night = at(27, 21, 0);
    assert_eq!(
        next(&weekdays, standing(3, 3), &friday_night, &Memory::default()),
        (at(30, 8, 0), About::Session(0), false)
    );
    // On Saturday nothing is missed.
    assert_eq!(
        next(
            &weekdays,
            standing(3, 0),
            &at(28, 15, 0),
            &Memory::default()
        )
        .0,
        at(30, 8, 0)
    );
    let none = ReminderDay {
        days: Vec::new(),
        ..ReminderDay::default()
    };
    assert_eq!(
        next_reminder(&none, standing(3, 0), &friday_night, &Memory::default()),
        None
    );
}

#[test]
fn times_follow_the_time_zone_the_person_is_in() {
    let day = ReminderDay::default();
    // Reminded at 08:00 in UTC+1, then flown to UTC-5 at 12:00 UTC+1.
    let memory = reminded(&at(23, 8, 0));
    let landed = at(23, 12, 0).with_time_zone(tz(-5)); // 06:00 there
    let (when, _, _) = next(&day, standing(3, 0), &landed, &memory);
    assert_eq!(
        when,
        jiff::civil::date(2026, 11, 23)
            .at(8, 0, 0, 0)
            .to_zoned(tz(-5))
            .unwrap()
    );
    assert_eq!(when.time(), jiff::civil::time(8, 0, 0, 0));
    // Flown east instead (UTC+9, 20:30 there): 20:00 passed, posted once.
    let east = at(23, 12, 30).with_time_zone(tz(9));
    let (when, _, late) = next(&day, standing(3, 0), &east, &memory);
    assert_eq!((when, late), (east.clone(), true));
}

#[test]
fn a_warning_sign_day_reminds_once_to_see_the_doctor() {
    let day = ReminderDay::default();
    let warned = Standing {
        warning_today: true,
        ..standing(3, 0)
    };
    assert_eq!(
        next(&day, warned, &at(23, 7, 0), &Memory::default()),
        (at(23, 8, 0), About::SeeDoctor, false)
    );
    // Reminded once today: tomorrow's reminders are for sessions again.
    assert_eq!(
        next(&day, warned, &at(23, 9, 0), &reminded(&at(23, 8, 0))),
        (at(24, 8, 0), About::Session(0), false)
    );
    assert!(
        coming(&day, warned, &at(23, 9, 0), &Memory::default())
            .iter()
            .all(|s| s.at.date() == jiff::civil::date(2026, 11, 24))
    );
}

#[test]
fn a_snooze_reminds_again_then_once() {
    let day = ReminderDay::default();
    let posted = at(23, 14, 0);
    let memory = Memory {
        last_reminded: Some(posted.timestamp()),
        snoozed_until: Some(at(23, 14, 15).timestamp()),
    };
    assert_eq!(
        next(&day, standing(3, 1), &at(23, 14, 1), &memory),
        (at(23, 14, 15), About::Session(1), false)
    );
    // The session was done meanwhile: no snoozed reminder.
    assert_eq!(
        next(&day, standing(3, 3), &at(23, 14, 1), &memory).0,
        at(24, 8, 0)
    );
    // Posted at 14:15: not again.
    let after = Memory {
        last_reminded: Some(at(23, 14, 15).timestamp()),
        ..memory
    };
    assert_eq!(
        next(&day, standing(3, 1), &at(23, 14, 16), &after).0,
        at(23, 20, 0)
    );
}

#[test]
fn coming_lists_the_rest_of_today_and_tomorrow() {
    let day = ReminderDay::default();
    let slots = coming(&day, standing(3, 1), &at(23, 9, 0), &Memory::default());
    let listed: Vec<(Zoned, u32)> = slots.into_iter().map(|s| (s.at, s.session)).collect();
    assert_eq!(
        listed,
        [
            (at(23, 14, 0), 1),
            (at(23, 20, 0), 2),
            (at(24, 8, 0), 0),
            (at(24, 14, 0), 1),
            (at(24, 20, 0), 2),
        ]
    );
}

#[test]
fn a_snooze_is_among_the_coming_reminders_until_it_is_reminded() {
    let day = ReminderDay::default();
    let memory = Memory {
        last_reminded: Some(at(23, 14, 0).timestamp()),
        snoozed_until: Some(at(23, 14, 15).timestamp()),
    };
    let listed = |standing, now: &Zoned, memory: &Memory| -> Vec<(Zoned, u32, bool)> {
        coming(&day, standing, now, memory)
            .into_iter()
            .map(|s| (s.at, s.session, s.snoozed))
            .collect()
    };
    // Snoozed at 14:01: first, for the session still to do, then 20:00.
    let now = at(23, 14, 1);
    assert_eq!(
        listed(standing(3, 1), &now, &memory)[..2],
        [(at(23, 14, 15), 1, true), (at(23, 20, 0), 2, false)]
    );
    // Done meanwhile, or reminded at 14:15, or its time passed: gone.
    assert!(listed(standing(3, 3), &now, &memory).iter().all(|s| !s.2));
    let reminded = Memory {
        last_reminded: Some(at(23, 14, 15).timestamp()),
        ..memory.clone()
    };
    assert!(
        listed(standing(3, 1), &at(23, 14, 16), &reminded)
            .iter()
            .all(|s| !s.2)
    );
    assert!(
        listed(standing(3, 1), &at(23, 14, 16), &memory)
            .iter()
            .all(|s| !s.2)
    );
    // Snoozed past the next time: in its place after it.
    let late = Memory {
        snoozed_until: Some(at(23, 20, 5).timestamp()),
        ..memory
    };
    assert_eq!(
        listed(standing(3, 1), &at(23, 19, 55), &late)[..2],
        [(at(23, 20, 0), 2, false), (at(23, 20, 5), 1, true)]
    );
}

/// A reminder day with any first and last time, any days and maybe
/// picked times.
fn any_day() -> impl Strategy<Value = ReminderDay> {
    (
        0u32..1440,
        0u32..1440,
        proptest::collection::vec(any::<bool>(), 7),
        proptest::collection::vec(0u32..1440, 0..4),
    )
        .prop_map(|(first, last, on, picked)| ReminderDay {
            first: DayTime::from_minutes(first),
            last: DayTime::from_minutes(last),
            days: Day::ALL
                .into_iter()
                .zip(on)
                .filter_map(|(d, on)| on.then_some(d))
                .collect(),
            picked: picked.into_iter().map(DayTime::from_minutes).collect(),
        })
}

/// Runs an agent over `days` days: it sleeps until each reminder or a
/// smaller step (the person doing a session or the computer sleeping),
/// and posts what is due. Returns the posts (when, about, late) and the
/// sessions done by date at each post.
fn simulate(
    day: &ReminderDay,
    times_per_day: u32,
    steps: &[(u32, bool)],
) -> Vec<(Zoned, About, bool, u32)> {
    let mut now = at(23, 0, 0);
    let end = at(30, 0, 0);
    let mut memory = Memory::default();
    let mut done = 0u32;
    let mut done_date = now.date();
    let mut posts = Vec::new();
    let mut steps = steps.iter().cycle();
    while now < end {
        if now.date() != done_date {
            done = 0;
            done_date = now.date();
        }
        let s = standing(times_per_day, done);
        let Some(r) = next_reminder(day, s, &now, &memory) else {
            break;
        };
        assert!(r.at >= now, "a reminder in the past: {:?} at {now}", r.at);
        if r.at == now {
            assert_ne!(
                memory.last_reminded,
                Some(now.timestamp()),
                "reminded twice at {now}"
            );
            posts.push((now.clone(), r.about, r.late, done));
            memory.last_reminded = Some(now.timestamp());
            continue;
        }
        let &(minutes, session) = steps.next().unwrap_or(&(60, false));
        let step = now.saturating_add(SignedDuration::from_mins(i64::from(minutes.max(1))));
        if session {
            done += 1;
        }
        now = if r.at > now && r.at < step {
            r.at
        } else {
            step
        };
    }
    posts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// With the agent awake and nothing done, every reminder time of
    /// every reminder day is posted on time, and nothing else.
    #[test]
    fn an_awake_agent_posts_every_time_once(day in any_day(), times in 1u32..6) {
        let posts = simulate(&day, times, &[(24 * 60, false)]);
        let mut expected: Vec<(Zoned, u32)> = Vec::new();
        let mut date = at(23, 0, 0).date();
        for _ in 0..7 {
            let mut slots = day.slots_on(date, times, &at(23, 0, 0));
            // Two sessions at the same time of day give one reminder.
            slots.dedup_by(|b, a| a.at == b.at);
            expected.extend(slots.into_iter().map(|s| (s.at, s.session)));
            date = date.tomorrow().unwrap();
        }
        let got: Vec<(Zoned, u32)> = posts
            .iter()
            .map(|(at, about, late, _)| {
                prop_assert!(!late);
                let About::Session(s) = about else {
                    return Err(TestCaseError::fail("a doctor reminder"));
                };
                Ok((at.clone(), *s))
            })
            .collect::<Result<_, _>>()?;
        // Reminders at the same time of day remind the first session.
        let expected_times: Vec<Zoned> = expected.iter().map(|e| e.0.clone()).collect();
        let got_times: Vec<Zoned> = got.iter().map(|g| g.0.clone()).collect();
        prop_assert_eq!(got_times, expected_times);
    }

    /// Whatever the person does and however the clock jumps: no reminder
    /// on a day off or after the day's sessions are done, never more
    /// reminders in a day than sessions, and between two reminders a
    /// reminder time passed (nothing is repeated).
    #[test]
    fn jumps_and_sessions_never_repeat_a_reminder(
        day in any_day(),
        times in 1u32..6,
        steps in proptest::collection::vec((1u32..900, proptest::bool::weighted(0.2)), 1..40),
    ) {
        let posts = simulate(&day, times, &steps);
        let zone_now = at(23, 0, 0);
        let mut previous: Option<Zoned> = None;
        for (when, about, _, done) in &posts {
            prop_assert!(day.has_reminders(when.date()));
            prop_assert!(*done < times);
            prop_assert_eq!(*about, About::Session(*done));
            let slots = day.slots_on(when.date(), times, &zone_now);
            let passed = slots.iter().any(|s| {
                s.at <= *when && previous.as_ref().is_none_or(|p| s.at > *p)
            });
            prop_assert!(passed, "a reminder at {} with no reminder time since {:?}", when, previous);
            previous = Some(when.clone());
        }
        let mut per_day = std::collections::BTreeMap::new();
        for (when, ..) in &posts {
            *per_day.entry(when.date()).or_insert(0u32) += 1;
        }
        prop_assert!(per_day.values().all(|&n| n <= times));
    }
}

#[test]
fn timestamps_in_memory_are_instants() {
    // A memory written in one zone reads the same in another.
    let memory = reminded(&at(23, 8, 0));
    let json = serde_json::to_string(&memory).unwrap();
    assert_eq!(serde_json::from_str::<Memory>(&json).unwrap(), memory);
    assert!(
        json.contains("\"last_reminded\":\"2026-11-23T07:00:00Z\""),
        "{json}"
    );
}
