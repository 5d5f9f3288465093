//! No input makes the loader panic: arbitrary bytes, and arbitrary mutations
//! of the valid files we ship.

use proptest::prelude::*;

use neckguide::routine::{self, Library, Parsed};

use crate::common::repo_root;

fn shipped_files() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for dir in ["exercises", "exercises/routines"] {
        for entry in std::fs::read_dir(repo_root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(std::fs::read(path).unwrap());
            }
        }
    }
    files
}

/// Pieces of JSON that are likely to produce interesting near-valid files.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-1",
    "0",
    "1e999",
    "99999999999999999999",
    "\"\"",
    "\"..\"",
    "\"$schema\"",
    "\"items\"",
    "\"dose\"",
    "\"kind\"",
    "\"holds\"",
    "\"directions\"",
    "\"timed\"",
    "\"practice\"",
    "\"exercise\"",
    "\\u0000",
    "\u{feff}",
    "é",
    "\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1..40usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..200usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Flip(i, b) => {
            if let Some(x) = bytes.get_mut(i % len) {
                *x = b;
            }
        }
        Mutation::Delete(i, n) => {
            let start = i % len;
            let end = (start + n).min(bytes.len());
            if start < end {
                bytes.drain(start..end);
            }
        }
        Mutation::Insert(i, t) => {
            let at = (i % len).min(bytes.len());
            bytes.splice(at..at, TOKENS[t].bytes());
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::Duplicate(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            let copy: Vec<u8> = bytes[start..end].to_vec();
            bytes.splice(start..start, copy);
        }
    }
}

fn parse_all_ways(bytes: &[u8], library: &Library) {
    let any = routine::parse("f.json", bytes, None, library);
    let _ = routine::parse_routine("f.json", bytes, library);
    let _ = routine::parse_exercise("f.json", bytes);
    match any {
        Ok(Parsed::Routine(r)) => {
            // A routine that validates can always be planned.
            let schedule = neckguide::schedule::Schedule::build(
                r.due_items(0),
                &neckguide::schedule::ScheduleConfig::default(),
            );
            let _ = schedule.planned_events();
        }
        Ok(Parsed::Exercise(_)) => {}
        Err(problems) => {
            assert!(!problems.problems.is_empty());
            for p in &problems.problems {
                assert!(p.pos.line >= 1 && p.pos.column >= 1, "{p}");
                assert!(!p.message.is_empty());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_all_ways(&bytes, &Library::builtin());
    }

    #[test]
    fn mutated_shipped_files_never_panic(
        file in 0..8usize,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let files = shipped_files();
        let mut bytes = files[file % files.len()].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        parse_all_ways(&bytes, &Library::builtin());
    }
}

/// Characters that hide or reorder text, by kind, as the Unicode data
/// (16.0) gives them: Default_Ignorable_Code_Point, Bidi_Control, and the
/// format characters and separators around them. Written out here, apart
/// from the code, so the test does not take the code's own word.
const HIDDEN_RANGES: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{034F}', '\u{034F}'),   // combining grapheme joiner
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{115F}', '\u{1160}'),   // Hangul fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian selectors and vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width marks, LRM, RLM
    ('\u{2028}', '\u{2029}'),   // line and paragraph separators
    ('\u{202A}', '\u{202E}'),   // embeddings and overrides
    ('\u{2060}', '\u{206F}'),   // word joiner, invisible operators, isolates
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors
    ('\u{FEFF}', '\u{FEFF}'),   // byte order mark
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF0}', '\u{FFFB}'),   // unassigned and interlinear annotation
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0000}', '\u{E007F}'), // tags
    ('\u{E0100}', '\u{E01EF}'), // variation selectors supplement
];

fn hidden_char() -> impl Strategy<Value = char> {
    proptest::sample::select(HIDDEN_RANGES).prop_flat_map(|(from, to)| {
        (u32::from(from)..=u32::from(to)).prop_map(|n| char::from_u32(n).unwrap_or('\u{200B}'))
    })
}

/// The valid routine with `text` (JSON-quoted) in the field `field`.
fn routine_with_text(field: &str, text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    let mut fields = vec![
        ("name", "\"Own\"".to_owned()),
        ("prescriber", "\"Dr Lee\"".to_owned()),
        ("note", "\"Gently.\"".to_owned()),
        ("ex_name", "\"Chin tuck\"".to_owned()),
        ("step", "\"Tuck your chin.\"".to_owned()),
        ("caution", "\"Stop if it hurts.\"".to_owned()),
        ("category", "\"Stabilization\"".to_owned()),
    ];
    for (name, value) in &mut fields {
        if *name == field {
            *value = quoted.clone();
        }
    }
    let v = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    format!(
        r#"{{"id": "own", "name": {}, "prescriber": {}, "note": {}, "times_per_day": 1, "items": [
  {{"exercise": {{"id": "chin-tuck-own", "name": {}, "position": "sitting", "category": {},
    "steps": [{}], "cautions": [{}],
    "dose": {{"kind": "holds", "hold_seconds": 5, "repetitions": 3}}}}}}]}}"#,
        v("name"),
        v("prescriber"),
        v("note"),
        v("ex_name"),
        v("category"),
        v("step"),
        v("caution"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Issue 24, item 9: a character that hides or reorders text is
    /// refused in every text field, short or long, wherever it sits, by
    /// its code point; the message never carries it raw.
    #[test]
    fn hidden_characters_are_refused_in_every_text(
        c in hidden_char(),
        field in proptest::sample::select(vec!["name", "prescriber", "note", "ex_name", "step", "caution", "category"]),
        at in 0..8usize,
    ) {
        let base = "Tuck in";
        let mut text: String = base.chars().take(at).collect();
        text.push(c);
        text.extend(base.chars().skip(at));
        let file = routine_with_text(field, &text);
        let plain = routine_with_text(field, base);
        prop_assert!(routine::parse_routine("r.json", plain.as_bytes(), &Library::builtin()).is_ok());
        let problems = routine::parse_routine("r.json", file.as_bytes(), &Library::builtin())
            .expect_err("a hidden character was accepted");
        let code = format!("U+{:04X}", u32::from(c));
        prop_assert!(
            problems.problems.iter().any(|p| p.message.contains(&code)),
            "{:?}", problems.problems
        );
        for p in &problems.problems {
            prop_assert!(!p.to_string().contains(c), "{p}");
        }
    }

    /// Issue 24, item 8: a whole number in any JSON spelling but the plain
    /// one is said as it must be written, at the field; a whole number past
    /// i64 is far too large, at the field, never at 1:1.
    #[test]
    fn whole_numbers_in_other_spellings_are_said_as_they_must_be_written(
        n in 1..=120i64,
        spelling in 0..4usize,
        huge in (1u64 << 63)..=u64::MAX,
    ) {
        let written = match spelling {
            0 => format!("{n}.0"),
            1 => format!("{n}e0"),
            2 => format!("{}E-1", n * 10),
            _ => format!("{n}.000E+0"),
        };
        let file = |value: &str| format!(
            "{{\"id\": \"r\", \"name\": \"R\", \"times_per_day\": 1,\n \"items\": [{{\"exercise\": \"head-lifts\",\n  \"dose\": {{\"hold_seconds\": {value}}}}}]}}"
        );
        let problems = routine::parse_routine("r.json", file(&written).as_bytes(), &Library::builtin())
            .expect_err("a float was read as a whole number");
        let said: Vec<String> = problems.problems.iter().map(ToString::to_string).collect();
        prop_assert_eq!(said, vec![format!(
            "r.json:3:28: items[0].dose.hold_seconds: write this number as {n}, a whole number without a decimal point or an exponent"
        )]);
        let problems = routine::parse_routine("r.json", file(&huge.to_string()).as_bytes(), &Library::builtin())
            .expect_err("a number past i64 was accepted");
        let said: Vec<String> = problems.problems.iter().map(ToString::to_string).collect();
        prop_assert_eq!(said, vec![format!(
            "r.json:3:28: items[0].dose.hold_seconds: the number {huge} is far too large; it must be between 1 and 120"
        )]);
    }
}

/// A valid routine in which each of [`PLANTS`] has a place of its own.
fn plantable_routine() -> serde_json::Value {
    serde_json::json!({
        "id": "planted",
        "name": "Planted",
        "prescriber": "Dr Lee",
        "times_per_day": 3,
        "items": [
            { "exercise": "head-lifts", "dose": { "hold_seconds": 5, "repetitions": 5 } },
            { "exercise": "seated-retraction", "dose": { "repetitions": 5 }, "times_per_day": 2 },
            { "exercise": {
                "id": "own", "name": "Own", "position": "sitting",
                "steps": ["Sit tall.", "Turn your head."],
                "dose": { "kind": "directions", "hold_seconds": 5, "directions": ["left", "right"] }
            } }
        ]
    })
}

/// Places in [`plantable_routine`], none inside another, and the wrong
/// values each may get: structure problems (a wrong type, an unknown value
/// or field, a list's element) and value problems (out of bounds, empty).
const PLANTS: &[(&str, &[&str])] = &[
    ("name", &["\"\"", "5", "null"]),
    ("prescriber", &["7", "[]"]),
    ("colour", &["\"red\""]),
    ("items[0].dose.hold_seconds", &["500", "0", "\"5\"", "2.5"]),
    ("items[0].dose.repetitions", &["0", "51", "true"]),
    ("items[1].dose.repetitions", &["0", "\"five\""]),
    ("items[1].dose.holds", &["3"]),
    ("items[1].times_per_day", &["13", "\"2\""]),
    ("items[2].exercise.position", &["\"lying\"", "1"]),
    ("items[2].exercise.steps[1]", &["5", "\"\""]),
    ("items[2].exercise.dose.directions[1]", &["\"upward\"", "3"]),
];

/// Sets the field at `path` (written as a problem's field path) to `value`.
fn plant(doc: &mut serde_json::Value, path: &str, value: serde_json::Value) {
    let mut node = doc;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*part, None),
        };
        let last = i + 1 == parts.len();
        if last && index.is_none() {
            node.as_object_mut().unwrap().insert(key.to_owned(), value);
            return;
        }
        node = node.get_mut(key).unwrap();
        if let Some(index) = index {
            if last {
                node[index] = value;
                return;
            }
            node = node.get_mut(index).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// N independent problems planted at random places of a valid routine,
    /// structure and value problems mixed, in lists too: `check` says N,
    /// each at the place planted, in one pass.
    #[test]
    fn every_planted_problem_is_said_once_at_its_place(
        planted in proptest::sample::subsequence(
            (0..PLANTS.len()).collect::<Vec<_>>(), 1..=PLANTS.len()),
        picks in proptest::collection::vec(any::<usize>(), PLANTS.len()),
    ) {
        let mut doc = plantable_routine();
        let mut expected: Vec<&str> = Vec::new();
        for &slot in &planted {
            let (path, values) = PLANTS[slot];
            let value = values[picks[slot] % values.len()];
            plant(&mut doc, path, serde_json::from_str(value).unwrap());
            expected.push(path);
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let problems = match routine::parse("r.json", text.as_bytes(), None, &Library::builtin()) {
            Ok(_) => panic!("no problem found in\n{text}"),
            Err(problems) => problems.problems,
        };
        let mut said: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        said.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(&said, &expected, "{}\n{}", text,
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
        for p in &problems {
            if p.message.starts_with("unknown field") {
                continue; // Said at its key.
            }
            let path = field_path(&p.path);
            prop_assert_eq!(p.pos, routine::position_of(text.as_bytes(), &path), "{}", p);
        }
    }
}

/// A problem's field path as a [`routine::FieldPath`].
fn field_path(written: &str) -> routine::FieldPath {
    let mut path = routine::FieldPath::root();
    for part in written.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        path = path.key(key);
        if let Some(index) = index {
            path = path.index(index);
        }
    }
    path
}
