//! Cost of the history: loading and summarizing 22,000 sessions (twenty
//! years of three a day, with a daily check each day, as the app writes
//! them: `scripts/make-log.py` writes the same log for the whole process),
//! and appending one record with its fsync. `make bench` runs them; `make
//! test` only builds them (clippy --all-targets).

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::SignedDuration;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use neckguide::checkin::ArmSymptoms;
use neckguide::history::{self, History};
use neckguide::log::{
    DailyCheckRecord, DoseRan, ExerciseResult, LocalTimestamp, LogLine, LogStore, Outcome,
    PainScore, RoutineRef, SessionRecord, record::SessionKind,
};

const RECORDS: usize = 22_000;

/// A record as the app writes it (`app/record.rs`): a Europe/Berlin local
/// time (so DST changes happen), the daily neck routine's exercises (head
/// lifts in the first two sessions of a day), each with the dose it ran
/// with, pain ratings, where arm symptoms were, now and then a note.
fn record(n: usize, slot: usize, start: jiff::Zoned) -> SessionRecord {
    let outcome = match n % 23 {
        0 => Outcome::EndedEarly,
        7 => Outcome::Interrupted,
        13 if n.is_multiple_of(5) => Outcome::StoppedForPain,
        _ => Outcome::Completed,
    };
    let end = start
        .checked_add(SignedDuration::from_secs(840 + (n % 120) as i64))
        .unwrap_or_else(|_| start.clone());
    let items = [
        ("supine-deep-neck-flexion", 5, 5, 5),
        ("seated-retraction", 10, 5, 5),
        ("isometric-neck-strengthening", 10, 1, 4),
        ("head-lifts", 5, 5, 5),
    ];
    let count = if slot < 2 { 4 } else { 3 };
    let exercises = items
        .iter()
        .take(count)
        .enumerate()
        .map(|(i, (id, hold, repetitions, prescribed))| ExerciseResult {
            id: (*id).into(),
            done: if outcome == Outcome::Completed || i < 2 {
                *prescribed
            } else {
                0
            },
            prescribed: *prescribed,
            skipped: outcome == Outcome::EndedEarly && i == count - 1,
            reached: Some(outcome == Outcome::Completed || i < 3),
            dose: Some(DoseRan {
                hold_seconds: Some(*hold),
                repetitions: Some(*repetitions),
                sets: Some(1),
                minutes: None,
            }),
        })
        .collect();
    let arm = if n.is_multiple_of(41) {
        ArmSymptoms::InArm
    } else {
        ArmSymptoms::None
    };
    SessionRecord {
        v: 2,
        kind: SessionKind::Session,
        id: format!("{:x}-3f2a-{n:x}", start.timestamp().as_millisecond()),
        started_at: LocalTimestamp::from_zoned(&start),
        ended_at: LocalTimestamp::from_zoned(&end),
        routine: RoutineRef {
            id: "daily-neck-routine".into(),
            name: "Daily neck routine".into(),
            times_per_day: 3,
        },
        outcome,
        pain_before: PainScore::new((n % 6) as u8 + 2),
        pain_after: PainScore::new((n % 5) as u8 + 1),
        arm_symptoms: arm.any(),
        arm: Some(arm),
        note: if n.is_multiple_of(17) {
            "Felt a little stiff in the morning, better after the stretches.".into()
        } else {
            String::new()
        },
        exercises,
        pain_stop: None,
    }
}

/// Writes `RECORDS` sessions, about 3 a day, each day's first after the
/// day's daily check, into `dir/sessions.jsonl`, and returns the last day.
fn write_log(dir: &Path) -> Date {
    let tz = TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC);
    let mut day = jiff::civil::date(2005, 1, 1);
    let mut out = Vec::new();
    let mut n = 0;
    while n < RECORDS {
        let sessions = if n.is_multiple_of(11) { 1 } else { 3 }.min(RECORDS - n);
        if let Ok(morning) = day.at(7, 58, 0, 0).to_zoned(tz.clone()) {
            let check = DailyCheckRecord::new(day, LocalTimestamp::from_zoned(&morning), &[]);
            let line = serde_json::to_string(&LogLine::DailyCheck(check)).unwrap_or_default();
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        for (slot, hour) in [8, 13, 19].iter().take(sessions).enumerate() {
            let Ok(start) = day.at(*hour, (n % 50) as i8, 0, 0).to_zoned(tz.clone()) else {
                continue;
            };
            let line = serde_json::to_string(&record(n + slot, slot, start)).unwrap_or_default();
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        n += sessions;
        day = day.tomorrow().unwrap_or(day);
    }
    let mut file =
        std::fs::File::create(dir.join("sessions.jsonl")).unwrap_or_else(|e| panic!("{e}"));
    file.write_all(&out).unwrap_or_else(|e| panic!("{e}"));
    day
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let today = write_log(tmp.path());
    let store = LogStore::open(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let loaded = store.load().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.records.len(), RECORDS);

    c.bench_function("load 22k sessions", |b| {
        b.iter(|| black_box(store.load().map(|l| l.records.len())))
    });
    c.bench_function("summary of 22k sessions", |b| {
        b.iter(|| black_box(history::summary(&loaded.records, today)))
    });
    c.bench_function("load + summary of 22k sessions", |b| {
        b.iter(|| {
            let log = store.load().unwrap_or_default();
            black_box(history::summary(&log.records, today))
        })
    });
    c.bench_function("load + full History (screen) of 22k sessions", |b| {
        b.iter(|| {
            let log = store.load().unwrap_or_default();
            black_box(History::compute(&log.records, log.unreadable.len(), today))
        })
    });

    let append_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let appender = LogStore::open(append_dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let one = loaded
        .records
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no record"));
    // A new id each time: the log refuses an id it holds already.
    let mut n = 0_u64;
    c.bench_function("append one record with fsync", |b| {
        b.iter_batched(
            || {
                n += 1;
                let mut record = one.clone();
                record.id = format!("append-{n}");
                record
            },
            |record| {
                appender
                    .append(black_box(&record))
                    .unwrap_or_else(|e| panic!("{e}"))
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(history_benches, benches);
criterion_main!(history_benches);
