//! A fast reader for the session lines of the log in exactly the form this
//! code writes them (`serde_json::to_vec` of a [`SessionRecord`]: fields in
//! the order the struct declares them, no whitespace, no escapes), and in
//! the version-1 form `scripts/make-log.py` writes (the same without `kind`
//! and `reached`). Fields serde fills in by default may be missing; the
//! others must be there, in that order.
//!
//! The contract: [`session`] is a strict subset of serde_json. When it
//! returns a record, `serde_json::from_str::<SessionRecord>` reads the same
//! line to an equal record. Anything it is not sure of (an escape or a raw
//! control character in a string, whitespace, keys out of order, unknown or
//! repeated keys, a number with a sign, a fraction, an exponent, a leading
//! zero or out of range, a pain rating outside 0–10, a timestamp not of the
//! form `YYYY-MM-DDTHH:MM:SS±HH:MM`, a `pain_stop` or a `dose`) it declines
//! with `None`, and the store reads the line with
//! [`LogLine::parse`](super::LogLine::parse), serde_json, as before: what is
//! accepted and the words of every error stay exactly as they were.
//!
//! Why: reading the log spent about 60% of its time in serde_json's derived
//! reader of [`SessionRecord`] (issue 14 asks 20,000 records loaded and
//! summarized in under 25 ms, `history --json` of 200,000 under 0.3 s).
//! With this reader, on two shared cores: `load + summary of 20k records`
//! (benches/history.rs) went from a median of 40–46 ms to 24–27 ms, and
//! `history --json` of 200,000 lines of `make-log.py` from 0.41 s to
//! 0.24 s, with the same output and the same peak memory.
//! The values are built as serde builds them: ids and names interned
//! ([`intern`]), timestamps by [`LocalTimestamp`]'s own fast parser, the
//! exercises in a vector of exactly their number.

use super::local_timestamp::parse_exact;
use super::record::{SessionKind, exactly};
use super::shared_text::intern;
use super::{ExerciseResult, LocalTimestamp, Outcome, PainScore, RoutineRef, SessionRecord};
use crate::checkin::ArmSymptoms;

/// The session record of `text` if it is a session line in the canonical
/// form; `None` for anything else (which serde_json then reads, or refuses).
pub(crate) fn session(text: &str) -> Option<SessionRecord> {
    let mut line = Line { text, at: 0 };
    let record = line.session()?;
    (line.at == text.len()).then_some(record)
}

/// The line being read and how far.
struct Line<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Line<'a> {
    /// The bytes not read yet.
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    /// Reads `literal` if the text goes on with it.
    fn eat(&mut self, literal: &[u8]) -> bool {
        let found = self.rest().starts_with(literal);
        if found {
            self.at += literal.len();
        }
        found
    }

    /// Reads `literal`, or declines the line.
    fn expect(&mut self, literal: &[u8]) -> Option<()> {
        self.eat(literal).then_some(())
    }

    /// A string with no escapes and no control characters, without its
    /// quotes.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b"\"")?;
        let start = self.at;
        let length = self
            .rest()
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        let end = start + length;
        // A quote ends it; a backslash or a control character declines.
        if self.text.as_bytes().get(end) != Some(&b'"') {
            return None;
        }
        self.at = end + 1;
        self.text.get(start..end)
    }

    /// A whole number in 0..=u32::MAX written as JSON writes one: digits,
    /// no sign, no leading zero, no fraction or exponent.
    fn u32(&mut self) -> Option<u32> {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let (number, after) = rest.split_at_checked(digits)?;
        if digits == 0
            || digits > 10
            || (digits > 1 && number.first() == Some(&b'0'))
            || matches!(after.first(), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        let value = number
            .iter()
            .fold(0_u64, |value, digit| value * 10 + u64::from(digit - b'0'));
        let value = u32::try_from(value).ok()?;
        self.at += digits;
        Some(value)
    }

    /// `true` or `false`.
    fn bool(&mut self) -> Option<bool> {
        if self.eat(b"true") {
            Some(true)
        } else if self.eat(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A timestamp written exactly `YYYY-MM-DDTHH:MM:SS±HH:MM`.
    fn timestamp(&mut self) -> Option<LocalTimestamp> {
        parse_exact(self.string()?.as_bytes())
    }

    /// A pain rating 0–10, or `null`.
    fn pain(&mut self) -> Option<Option<PainScore>> {
        if self.eat(b"null") {
            return Some(None);
        }
        let value = u8::try_from(self.u32()?).ok()?;
        Some(Some(PainScore::new(value)?))
    }

    /// The field `key` (written `,"key":`) if it is next: `Some(None)` if
    /// it is not, `None` if it is and its value does not read.
    fn optional<T>(
        &mut self,
        key: &[u8],
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        if self.eat(key) {
            value(self).map(Some)
        } else {
            Some(None)
        }
    }

    /// A whole session line, fields in the order [`SessionRecord`] declares
    /// them; the ones serde fills in by default may be missing.
    fn session(&mut self) -> Option<SessionRecord> {
        self.expect(b"{\"v\":")?;
        let v = self.u32()?;
        // `kind` may only be `session`, and a line without one is a session.
        self.optional(b",\"kind\":", |line| line.expect(b"\"session\""))?;
        self.expect(b",\"id\":")?;
        let id = self.string()?.to_owned();
        self.expect(b",\"started_at\":")?;
        let started_at = self.timestamp()?;
        self.expect(b",\"ended_at\":")?;
        let ended_at = self.timestamp()?;
        self.expect(b",\"routine\":{\"id\":")?;
        let routine_id = intern(self.string()?);
        self.expect(b",\"name\":")?;
        let routine_name = intern(self.string()?);
        self.expect(b",\"times_per_day\":")?;
        let times_per_day = self.u32()?;
        self.expect(b"},\"outcome\":")?;
        let outcome = match self.string()? {
            "completed" => Outcome::Completed,
            "ended_early" => Outcome::EndedEarly,
            "stopped_for_pain" => Outcome::StoppedForPain,
            "interrupted" => Outcome::Interrupted,
            _ => return None,
        };
        let pain_before = self.optional(b",\"pain_before\":", Self::pain)?.flatten();
        let pain_after = self.optional(b",\"pain_after\":", Self::pain)?.flatten();
        let arm_symptoms = self
            .optional(b",\"arm_symptoms\":", Self::bool)?
            .unwrap_or_default();
        let arm = self.optional(b",\"arm\":", |line| match line.string()? {
            "none" => Some(ArmSymptoms::None),
            "in_arm" => Some(ArmSymptoms::InArm),
            "further_down" => Some(ArmSymptoms::FurtherDown),
            _ => None,
        })?;
        let note = self
            .optional(b",\"note\":", |line| line.string().map(str::to_owned))?
            .unwrap_or_default();
        let exercises = self
            .optional(b",\"exercises\":", Self::exercises)?
            .unwrap_or_default();
        // A `pain_stop` (or anything else) is left to serde_json.
        self.expect(b"}")?;
        Some(SessionRecord {
            v,
            kind: SessionKind::Session,
            id,
            started_at,
            ended_at,
            routine: RoutineRef {
                id: routine_id,
                name: routine_name,
                times_per_day,
            },
            outcome,
            pain_before,
            pain_after,
            arm_symptoms,
            arm,
            note,
            exercises,
            pain_stop: None,
        })
    }

    /// The list of exercises, in a vector of exactly their number.
    fn exercises(&mut self) -> Option<Vec<ExerciseResult>> {
        self.expect(b"[")?;
        if self.eat(b"]") {
            return Some(Vec::new());
        }
        // After the first, each exercise follows a comma; `]` ends them.
        let mut first = true;
        exactly(|| {
            if !first {
                if self.eat(b"]") {
                    return Ok(None);
                }
                self.expect(b",").ok_or(())?;
            }
            first = false;
            self.exercise().map(Some).ok_or(())
        })
        .ok()
    }

    /// One exercise, fields in the order [`ExerciseResult`] declares them;
    /// one with a `dose` is declined.
    fn exercise(&mut self) -> Option<ExerciseResult> {
        self.expect(b"{\"id\":")?;
        let id = intern(self.string()?);
        self.expect(b",\"done\":")?;
        let done = self.u32()?;
        self.expect(b",\"prescribed\":")?;
        let prescribed = self.u32()?;
        let skipped = self
            .optional(b",\"skipped\":", Self::bool)?
            .unwrap_or_default();
        let reached = self.optional(b",\"reached\":", Self::bool)?;
        self.expect(b"}")?;
        Some(ExerciseResult {
            id,
            done,
            prescribed,
            skipped,
            reached,
            dose: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use jiff::Timestamp;
    use jiff::tz::Offset;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::{Config, TestRunner};

    use super::*;
    use crate::log::{DoseRan, PainStop, Seconds, StopReason, StopStep};

    /// A version-1 line as `scripts/make-log.py` writes it.
    const MADE: &str = r#"{"v":1,"id":"-414f7f0a400-0","started_at":"1827-10-12T08:00:00+02:00","ended_at":"1827-10-12T08:14:00+02:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"ended_early","pain_before":2,"pain_after":1,"arm_symptoms":true,"note":"Felt a little stiff in the morning, better after the stretches.","exercises":[{"id":"seated-retraction","done":10,"prescribed":10,"skipped":false},{"id":"retraction-extension","done":10,"prescribed":10,"skipped":false},{"id":"upper-trap-stretch","done":30,"prescribed":30,"skipped":false},{"id":"levator-scapulae-stretch","done":0,"prescribed":30,"skipped":false},{"id":"scapular-squeeze","done":0,"prescribed":10,"skipped":false},{"id":"nerve-glide-median","done":0,"prescribed":8,"skipped":true}]}"#;

    /// A version-2 line as this code writes it, with every optional field.
    const WRITTEN: &str = r#"{"v":2,"kind":"session","id":"b2","started_at":"2026-11-25T09:00:00-09:30","ended_at":"2026-11-25T09:04:00+14:00","routine":{"id":"r","name":"R é","times_per_day":4294967295},"outcome":"interrupted","pain_before":null,"pain_after":10,"arm_symptoms":false,"arm":"further_down","note":"naïve 😀 / ' ","exercises":[{"id":"a","done":0,"prescribed":4294967295,"skipped":false,"reached":true}]}"#;

    /// What serde_json reads `text` to, as a session.
    fn general(text: &str) -> Result<SessionRecord, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Checks the contract on `text`: the fast path declines, or reads what
    /// serde_json reads (into a vector of exactly the exercises' number).
    /// Returns whether it read the line.
    fn agrees(text: &str) -> Result<bool, TestCaseError> {
        let Some(fast) = session(text) else {
            return Ok(false);
        };
        match general(text) {
            Ok(slow) => prop_assert_eq!(&fast, &slow, "{}", text),
            Err(err) => prop_assert!(false, "fast read {text:?}, serde_json: {err}"),
        }
        prop_assert_eq!(fast.exercises.capacity(), fast.exercises.len());
        Ok(true)
    }

    fn declines_or_agrees(text: &str) {
        if let Err(err) = agrees(text) {
            panic!("{err}");
        }
    }

    fn text() -> impl Strategy<Value = String> {
        let tricky = prop_oneof![
            Just('"'),
            Just('\\'),
            Just('\t'),
            Just('\n'),
            Just('\u{0}'),
            Just('\u{1f}'),
            Just('\u{7f}'),
            Just('\u{2028}'),
            Just('é'),
            Just('😀'),
            Just('/'),
            Just(' '),
            Just(','),
            Just('}'),
            Just('a'),
        ];
        prop_oneof![
            4 => "[a-z0-9 -]{0,24}",
            2 => any::<String>(),
            1 => "[a-z]{120,140}",
            2 => proptest::collection::vec(tricky, 0..8)
                .prop_map(|chars| chars.into_iter().collect()),
        ]
    }

    fn number() -> impl Strategy<Value = u32> {
        prop_oneof![Just(0), Just(u32::MAX), 0_u32..100, any::<u32>()]
    }

    fn timestamp() -> impl Strategy<Value = LocalTimestamp> {
        (-62_000_000_000_i64..250_000_000_000, -1439_i32..=1439).prop_map(|(second, minutes)| {
            LocalTimestamp::new(
                Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH),
                Offset::from_seconds(minutes * 60).unwrap_or(Offset::UTC),
            )
        })
    }

    fn pain() -> impl Strategy<Value = Option<PainScore>> {
        proptest::option::of((0_u8..=10).prop_filter_map("0-10", PainScore::new))
    }

    fn dose() -> impl Strategy<Value = Option<DoseRan>> {
        let part = || proptest::option::of(number());
        proptest::option::weighted(
            0.1,
            (part(), part(), part(), part()).prop_map(
                |(hold_seconds, repetitions, sets, minutes)| DoseRan {
                    hold_seconds,
                    repetitions,
                    sets,
                    minutes,
                },
            ),
        )
    }

    fn exercise() -> impl Strategy<Value = ExerciseResult> {
        (
            text(),
            number(),
            number(),
            any::<bool>(),
            proptest::option::of(any::<bool>()),
            dose(),
        )
            .prop_map(
                |(id, done, prescribed, skipped, reached, dose)| ExerciseResult {
                    id: id.into(),
                    done,
                    prescribed,
                    skipped,
                    reached,
                    dose,
                },
            )
    }

    fn pain_stop() -> impl Strategy<Value = Option<Box<PainStop>>> {
        let stop = (
            text(),
            prop_oneof![Just(StopStep::Hold), Just(StopStep::SetRest)],
            proptest::option::of(number()),
            proptest::option::of(text()),
            0_u64..100_000,
            prop_oneof![Just(StopReason::Pain), Just(StopReason::ArmSymptoms)],
            proptest::option::of(any::<bool>()),
            arm(),
        )
            .prop_map(
                |(exercise, step, set, direction, millis, reason, arm_symptoms_now, arm_now)| {
                    PainStop {
                        exercise: exercise.into(),
                        step,
                        set,
                        repetition: set,
                        direction,
                        seconds_into_step: Seconds::from_duration(
                            std::time::Duration::from_millis(millis),
                        ),
                        reason,
                        arm_symptoms_now,
                        arm_now,
                    }
                },
            );
        proptest::option::weighted(0.1, stop.prop_map(Box::new))
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Completed),
            Just(Outcome::EndedEarly),
            Just(Outcome::StoppedForPain),
            Just(Outcome::Interrupted),
        ]
    }

    fn arm() -> impl Strategy<Value = Option<ArmSymptoms>> {
        proptest::option::of(proptest::sample::select(ArmSymptoms::ALL.to_vec()))
    }

    fn record() -> impl Strategy<Value = SessionRecord> {
        let head = (
            prop_oneof![Just(1_u32), Just(2), number()],
            text(),
            timestamp(),
            timestamp(),
            (text(), text(), number()),
            outcome(),
        );
        let tail = (
            pain(),
            pain(),
            any::<bool>(),
            arm(),
            text(),
            proptest::collection::vec(exercise(), 0..8),
            pain_stop(),
        );
        (head, tail).prop_map(
            |(
                (v, id, started_at, ended_at, (routine_id, name, times_per_day), outcome),
                (pain_before, pain_after, arm_symptoms, arm, note, exercises, pain_stop),
            )| SessionRecord {
                v,
                kind: SessionKind::Session,
                id,
                started_at,
                ended_at,
                routine: RoutineRef {
                    id: routine_id.into(),
                    name: name.into(),
                    times_per_day,
                },
                outcome,
                pain_before,
                pain_after,
                arm_symptoms,
                arm,
                note,
                exercises,
                pain_stop,
            },
        )
    }

    /// Whether the fast path must read `record` written by serde_json: no
    /// escapes, no pain stop, no dose.
    fn canonical_and_common(record: &SessionRecord, json: &str) -> bool {
        !json.contains('\\')
            && record.pain_stop.is_none()
            && record.exercises.iter().all(|e| e.dose.is_none())
    }

    proptest! {
        #![proptest_config(Config::with_cases(1000))]

        #[test]
        fn written_records_are_read_as_serde_json_reads_them(record in record()) {
            let json = serde_json::to_string(&record).unwrap_or_default();
            let read = agrees(&json)?;
            if canonical_and_common(&record, &json) {
                prop_assert!(read, "declined a common line: {}", json);
            }
        }
    }

    /// An edit of a line's bytes.
    #[derive(Debug, Clone)]
    enum Edit {
        Delete(Index),
        Insert(Index, u8),
        Replace(Index, u8),
        /// Swaps a byte with the next (two digits, a quote and a letter).
        Swap(Index),
        /// Copies a piece of the line elsewhere (a key and its value again).
        Copy(Index, usize, Index),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let byte =
            proptest::sample::select(b"0123456789-+.eE \t\r\n\"\\,:{}[]naxu\x00\x1f\x7f".to_vec());
        prop_oneof![
            any::<Index>().prop_map(Edit::Delete),
            (any::<Index>(), byte.clone()).prop_map(|(at, b)| Edit::Insert(at, b)),
            (any::<Index>(), byte).prop_map(|(at, b)| Edit::Replace(at, b)),
            any::<Index>().prop_map(Edit::Swap),
            (any::<Index>(), 1_usize..40, any::<Index>())
                .prop_map(|(from, length, to)| Edit::Copy(from, length, to)),
        ]
    }

    fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
        if bytes.is_empty() {
            return;
        }
        let len = bytes.len();
        match edit {
            Edit::Delete(at) => {
                bytes.remove(at.index(len));
            }
            Edit::Insert(at, b) => bytes.insert(at.index(len + 1), *b),
            Edit::Replace(at, b) => {
                if let Some(old) = bytes.get_mut(at.index(len)) {
                    *old = *b;
                }
            }
            Edit::Swap(at) => {
                let i = at.index(len);
                if i + 1 < len {
                    bytes.swap(i, i + 1);
                }
            }
            Edit::Copy(from, length, to) => {
                let start = from.index(len);
                let piece = bytes
                    .get(start..(start + length).min(len))
                    .unwrap_or_default()
                    .to_vec();
                let at = to.index(len + 1);
                bytes.splice(at..at, piece);
            }
        }
    }

    #[test]
    fn edited_lines_are_declined_or_read_as_serde_json_reads_them() {
        let common = record().prop_filter_map("a common line", |record| {
            let json = serde_json::to_string(&record).ok()?;
            canonical_and_common(&record, &json).then_some(json)
        });
        let lines = prop_oneof![
            1 => Just(MADE.to_owned()),
            1 => Just(WRITTEN.to_owned()),
            3 => common,
        ];
        let mut runner = TestRunner::new(Config::with_cases(4000));
        let read = Cell::new(0_usize);
        let result = runner.run(
            &(lines, proptest::collection::vec(edit(), 1..4)),
            |(line, edits)| {
                let mut bytes = line.into_bytes();
                for edit in &edits {
                    apply(&mut bytes, edit);
                }
                let Ok(text) = String::from_utf8(bytes) else {
                    return Ok(());
                };
                if agrees(&text)? {
                    read.set(read.get() + 1);
                }
                Ok(())
            },
        );
        if let Err(err) = result {
            panic!("{err}");
        }
        // Edits inside strings and numbers keep many lines readable: the
        // fast path's side of the comparison is tried, not only its `None`.
        assert!(read.get() > 200, "only {} edited lines read", read.get());
    }

    #[test]
    fn the_lines_this_code_and_make_log_write_are_read() {
        for line in [MADE, WRITTEN] {
            assert!(matches!(agrees(line), Ok(true)), "{line}");
        }
        let made = session(MADE).unwrap_or_else(|| panic!("declined"));
        assert_eq!(made.exercises.len(), 6);
        assert_eq!(made.exercises.first().and_then(|e| e.reached), None);
        assert_eq!(made.pain_before.map(PainScore::get), Some(2));
        // Ids and names are shared as serde_json shares them.
        let again = session(MADE).unwrap_or_else(|| panic!("declined"));
        assert!(std::ptr::eq(
            made.routine.id.as_str(),
            again.routine.id.as_str()
        ));
    }

    #[test]
    fn doubtful_lines_are_declined_or_read_alike() {
        let edits = [
            ("\"done\":10,", "\"done\":01,"),
            ("\"pain_before\":2", "\"pain_before\":11"),
            ("\"pain_before\":2", "\"pain_before\":256"),
            ("\"pain_before\":2", "\"pain_before\":-1"),
            ("\"pain_before\":2", "\"pain_before\":-0"),
            ("\"done\":10,", "\"done\":1.0,"),
            ("\"done\":10,", "\"done\":1e1,"),
            ("\"done\":10,", "\"done\":4294967296,"),
            ("\"done\":10,", "\"done\":42949672950,"),
            ("\"v\":1,", "\"v\":1,\"v\":1,"),
            ("\"v\":1,", "\"v\":1,\"id\":\"x\","),
            ("\"v\":1,", "\"v\": 1,"),
            ("\"v\":1,", "\"v\":1,\"device\":1,"),
            ("Felt", "Fe\tlt"),
            ("Felt", "Fe\\u0000lt"),
            ("Felt", "Fe\\ud800lt"),
            ("Felt", "Fe\\\"lt"),
            ("\"skipped\":true", "\"skipped\":true,\"dose\":{\"sets\":1}"),
            ("\"skipped\":true", "\"skipped\":true,\"reached\":null"),
            ("\"ended_early\"", "\"finished\""),
            ("\"arm_symptoms\":true", "\"arm_symptoms\":1"),
            ("+02:00\",\"routine", "Z\",\"routine"),
            ("08:00:00+02:00", "08:00:00.5+02:00"),
            ("1827-10-12T08:00", "1827-02-30T08:00"),
            ("]}", "]},"),
        ];
        for (from, to) in edits {
            assert!(MADE.contains(from), "{from}");
            let line = MADE.replacen(from, to, 1);
            assert_eq!(session(&line), None, "{line}");
            declines_or_agrees(&line);
        }
        for line in [
            format!("{MADE} "),
            format!(" {MADE}"),
            format!("{MADE}x"),
            format!("{MADE}{{}}"),
            MADE.replace(",\"note\":", ", \"note\":"),
        ] {
            assert_eq!(session(&line), None, "{line}");
            declines_or_agrees(&line);
        }
        // What the fast path takes and serde_json refuses would be a bug;
        // these it reads as serde_json does.
        for line in [
            MADE.replace(",\"pain_before\":2", ""),
            MADE.replace("\"v\":1", "\"v\":0"),
            MADE.replace("\"pain_before\":2", "\"pain_before\":0"),
            MADE.replace(",\"skipped\":true", ""),
        ] {
            assert!(matches!(agrees(&line), Ok(true)), "{line}");
        }
    }

    #[test]
    fn a_pain_stop_is_left_to_serde_json() {
        let stop = MADE.replacen(
            "]}",
            r#"],"pain_stop":{"exercise":"a","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":3.4,"reason":"pain"}}"#,
            1,
        );
        assert_eq!(session(&stop), None);
        assert!(general(&stop).is_ok_and(|r| r.pain_stop.is_some()));
        // Also with where arm symptoms are after the stop.
        let arm_now = stop.replacen(
            r#""reason":"pain"}"#,
            r#""reason":"arm_symptoms","arm_symptoms_now":true,"arm_now":"further_down"}"#,
            1,
        );
        assert_eq!(session(&arm_now), None);
        assert!(general(&arm_now).is_ok_and(|r| {
            r.pain_stop
                .is_some_and(|s| s.arm_now == Some(ArmSymptoms::FurtherDown))
        }));
        assert!(matches!(
            crate::log::LogLine::parse(&stop),
            Ok(crate::log::LogLine::Session(r)) if r.pain_stop.is_some()
        ));
    }
}
