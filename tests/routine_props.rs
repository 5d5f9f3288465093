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
