//! `neckguide check`: every shipped file is valid, and each kind of bad file
//! gets its exact located message.

use std::fs;

use crate::common::{repo_root, run, stderr, stdout};

#[test]
fn every_shipped_file_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files: Vec<String> = Vec::new();
    for dir in ["exercises", "exercises/routines"] {
        for entry in fs::read_dir(repo_root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path.display().to_string());
            }
        }
    }
    assert!(
        files.len() >= 8,
        "expected the six exercises and two routines"
    );
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = run(tmp.path(), &args);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), files.len());
    assert!(stdout(&out).lines().all(|l| l.contains(": ok: ")));
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_says_how_often_a_routine_asks_the_outcome_measures() {
    let tmp = tempfile::tempdir().unwrap();
    for (extra, words) in [
        ("", "3 times a day, outcome measures every 7 days"),
        (
            "\"measures_every_days\": 1,",
            "outcome measures every 1 day",
        ),
    ] {
        let file = tmp.path().join("r.json");
        fs::write(
            &file,
            VALID.replace("\"items\"", &format!("{extra} \"items\"")),
        )
        .unwrap();
        let out = run(tmp.path(), &["check", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).trim_end().ends_with(words), "{}", stdout(&out));
    }
    assert_rejected(
        VALID
            .replace("\"items\"", "\"measures_every_days\": 91, \"items\"")
            .as_bytes(),
        &[
            "r.json:5:26: measures_every_days: measures_every_days must be between 1 and 90, found 91",
        ],
    );
}

const VALID: &str = r#"{
  "id": "my-routine",
  "name": "My routine",
  "times_per_day": 3,
  "items": [
    { "exercise": "seated-retraction" },
    { "exercise": "supine-deep-neck-flexion", "dose": { "hold_seconds": 5 } }
  ]
}
"#;

/// Writes `content` as `r.json` in a temp dir, checks it, and returns the
/// exit status and stderr with the temp path replaced by `r.json`.
fn check_bytes(content: &[u8]) -> (bool, String) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r.json");
    fs::write(&file, content).unwrap();
    let out = run(tmp.path(), &["check", file.to_str().unwrap()]);
    let err = stderr(&out).replace(&file.display().to_string(), "r.json");
    (out.status.success(), err)
}

fn assert_rejected(content: &[u8], expected: &[&str]) {
    let (ok, err) = check_bytes(content);
    assert!(
        !ok,
        "expected a failure for {}",
        String::from_utf8_lossy(content)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines, expected, "\nfull stderr:\n{err}");
}

#[test]
fn the_valid_example_passes() {
    let (ok, err) = check_bytes(VALID.as_bytes());
    assert!(ok, "{err}");
}

#[test]
fn truncated_json() {
    let cut = &VALID[..VALID.find("\"supine").unwrap()];
    assert_rejected(
        cut.as_bytes(),
        // Just after the last thing written (the colon), not after the
        // space that follows it.
        &["r.json:7:18: (file): the file ends too early; is it cut off?"],
    );
}

/// A parser message such as `expected ident` is said in words, with its
/// line and column.
#[test]
fn syntax_errors_are_in_plain_words() {
    let bad = VALID.replacen("\"supine", "nope \"supine", 1);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r.json");
    std::fs::write(&file, bad).unwrap();
    let out = run(tmp.path(), &["check", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains(
            ": (file): this is not valid JSON: a word such as true, false or null was expected"
        ),
        "{said}"
    );
    assert!(!said.contains("expected ident"), "{said}");
}

#[test]
fn wrong_types() {
    let text = VALID
        .replace("\"times_per_day\": 3", "\"times_per_day\": \"three\"")
        .replace("\"hold_seconds\": 5", "\"hold_seconds\": [5]");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:4:20: times_per_day: expected a whole number, found the text \"three\"",
            "r.json:7:73: items[1].dose.hold_seconds: expected a whole number or null, found a list",
        ],
    );
}

#[test]
fn negative_huge_and_fractional_numbers() {
    let text = VALID
        .replace("\"times_per_day\": 3", "\"times_per_day\": -3")
        .replace("\"hold_seconds\": 5", "\"hold_seconds\": 1e40");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:4:20: times_per_day: times_per_day must be between 1 and 12, found -3",
            "r.json:7:73: items[1].dose.hold_seconds: the number 1e40 is far too large; it must be between 1 and 120",
        ],
    );
    let text = VALID.replace("\"hold_seconds\": 5", "\"hold_seconds\": 2.5");
    assert_rejected(
        text.as_bytes(),
        &["r.json:7:73: items[1].dose.hold_seconds: expected a whole number, found 2.5"],
    );
    let text = VALID
        .replace("\"times_per_day\": 3", "\"times_per_day\": -3")
        .replace("\"hold_seconds\": 5", "\"hold_seconds\": 99999");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:4:20: times_per_day: times_per_day must be between 1 and 12, found -3",
            "r.json:7:73: items[1].dose.hold_seconds: hold_seconds must be between 1 and 120 seconds, found 99999",
        ],
    );
}

#[test]
fn zero_repetitions() {
    let text = VALID.replace("\"hold_seconds\": 5", "\"repetitions\": 0");
    assert_rejected(
        text.as_bytes(),
        &["r.json:7:72: items[1].dose.repetitions: repetitions must be between 1 and 50, found 0"],
    );
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let text = VALID.replace("\"hold_seconds\": 5", "\"hold_secs\": 5");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:7:57: items[1].dose.hold_secs: unknown field `hold_secs`; did you mean `hold_seconds`?",
        ],
    );
}

#[test]
fn unknown_exercise_id() {
    let text = VALID.replace("\"seated-retraction\"", "\"seated-retractoin\"");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:6:19: items[0].exercise: unknown exercise id \"seated-retractoin\"; did you mean \"seated-retraction\"?",
        ],
    );
}

#[test]
fn duplicate_ids() {
    let text = VALID.replace("\"supine-deep-neck-flexion\"", "\"seated-retraction\"");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:7:19: items[1].exercise: the exercise \"seated-retraction\" is already in this routine (duplicate id); list it once and set its dose",
        ],
    );
}

#[test]
fn a_two_mib_file() {
    let mut text = VALID.replace("\"My routine\"", "\"My routine\", \"note\": \"");
    text.insert_str(
        text.find("\"note\": \"").unwrap() + 9,
        &"x".repeat(2 * 1024 * 1024),
    );
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:1:1: (file): the file is larger than 1 MiB, the most a routine or exercise file may be",
        ],
    );
}

#[test]
fn invalid_utf8() {
    let mut bytes = VALID
        .replace("My routine", "My r\u{fffd}utine")
        .into_bytes();
    let at = bytes
        .windows(3)
        .position(|w| w == "\u{fffd}".as_bytes())
        .unwrap();
    bytes.splice(at..at + 3, [0xFF]);
    assert_rejected(
        &bytes,
        &["r.json:3:16: (file): the file is not valid UTF-8 text (byte 0xFF); save it as UTF-8"],
    );
}

#[test]
fn deep_nesting() {
    let text = VALID.replace(
        "\"My routine\"",
        &format!(
            "\"My routine\", \"note\": {}1{}",
            "[".repeat(500),
            "]".repeat(500)
        ),
    );
    assert_rejected(
        text.as_bytes(),
        &["r.json:3:159: (file): the JSON is nested too deeply"],
    );
}

#[test]
fn image_path_that_leaves_the_folder() {
    let text = r#"{
  "id": "own",
  "name": "Own",
  "times_per_day": 1,
  "items": [
    { "exercise": {
        "id": "chin-tuck-own", "name": "Chin tuck", "position": "sitting",
        "steps": ["Tuck your chin."], "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 3 },
        "image": "../../etc/passwd.png" } }
  ]
}"#;
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:9:18: items[0].exercise.image: the image path \"../../etc/passwd.png\" leaves its folder; use a path inside the routine's folder or under assets/",
        ],
    );
}

#[test]
fn every_problem_of_a_file_at_once() {
    let text = r#"{
  "id": "Bad Id",
  "name": "  ",
  "times_per_day": 0,
  "colour": "red",
  "items": [
    { "exercise": "head-lifts", "dose": { "sets": 11, "minutes": 3 }, "times_per_day": 2 },
    { "exercise": "nope" }
  ]
}"#;
    let (ok, err) = check_bytes(text.as_bytes());
    assert!(!ok);
    // The structure problem (the unknown field) and the value problems
    // together, in the order of the file: one round of fixing.
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "r.json:2:9: id: the id \"Bad Id\" must be 1 to 64 lowercase letters, digits and single dashes, like \"seated-retraction\"",
            "r.json:3:11: name: the name is empty",
            "r.json:4:20: times_per_day: times_per_day must be between 1 and 12, found 0",
            "r.json:5:3: colour: unknown field `colour`; known fields: `id`, `items`, `measures_every_days`, `name`, `note`, `prescriber`, `times_per_day`",
            "r.json:7:51: items[0].dose.sets: sets must be between 1 and 10, found 11",
            "r.json:7:66: items[0].dose.minutes: `minutes` does not apply to a `holds` dose",
            "r.json:8:19: items[1].exercise: unknown exercise id \"nope\"; built-in exercises are: supine-deep-neck-flexion, seated-retraction, neutral-head-walking, supine-neutral-head, head-lifts, isometric-neck-strengthening",
        ]
    );
    let text = text.replace("  \"colour\": \"red\",\n", "");
    let (ok, err) = check_bytes(text.as_bytes());
    assert!(!ok);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "r.json:2:9: id: the id \"Bad Id\" must be 1 to 64 lowercase letters, digits and single dashes, like \"seated-retraction\"",
            "r.json:3:11: name: the name is empty",
            "r.json:4:20: times_per_day: times_per_day must be between 1 and 12, found 0",
            "r.json:6:51: items[0].dose.sets: sets must be between 1 and 10, found 11",
            "r.json:6:66: items[0].dose.minutes: `minutes` does not apply to a `holds` dose",
            "r.json:7:19: items[1].exercise: unknown exercise id \"nope\"; built-in exercises are: supine-deep-neck-flexion, seated-retraction, neutral-head-walking, supine-neutral-head, head-lifts, isometric-neck-strengthening",
        ]
    );
}

#[test]
fn schema_key_is_accepted_and_a_missing_file_is_reported() {
    let text = VALID.replacen(
        '{',
        "{\n  \"$schema\": \"../schema/routine.schema.json\",",
        1,
    );
    let (ok, err) = check_bytes(text.as_bytes());
    assert!(ok, "{err}");

    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["check", "/nonexistent/routine.json"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).starts_with("/nonexistent/routine.json:1:1: (file): cannot read the file:"),
        "{}",
        stderr(&out)
    );
}

/// A wrong list element is left out for the value checks, and what they
/// find after it is said at its own place, never at the element before.
#[test]
fn a_wrong_array_element_does_not_hide_or_move_other_problems() {
    let bad = br#"{ "id": "x", "name": "", "times_per_day": 3, "items": [ 5, { "exercise": "head-lifts", "dose": { "repetitions": 0 } } ] }"#;
    let (ok, said) = check_bytes(bad);
    assert!(!ok);
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "r.json:1:22: name: the name is empty",
            "r.json:1:57: items[0]: expected an object, found the number 5",
            "r.json:1:113: items[1].dose.repetitions: repetitions must be between 1 and 50, found 0",
        ]
    );
}

/// The file of issue 29: a wrong direction in a list, a 500 s hold and 0
/// repetitions are three lines of one run, not two rounds.
#[test]
fn a_wrong_direction_a_long_hold_and_no_repetitions_in_one_pass() {
    let text = r#"{
  "id": "three",
  "name": "Three problems",
  "times_per_day": 1,
  "items": [
    { "exercise": "head-lifts", "dose": { "hold_seconds": 500 } },
    { "exercise": "seated-retraction", "dose": { "repetitions": 0 } },
    { "exercise": { "id": "own", "name": "Own", "position": "sitting", "steps": ["Turn."],
        "dose": { "kind": "directions", "hold_seconds": 5, "directions": ["left", "upward"] } } }
  ]
}"#;
    let (ok, said) = check_bytes(text.as_bytes());
    assert!(!ok);
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "r.json:6:59: items[0].dose.hold_seconds: hold_seconds must be between 1 and 120 seconds, found 500",
            "r.json:7:65: items[1].dose.repetitions: repetitions must be between 1 and 50, found 0",
            "r.json:9:83: items[2].exercise.dose.directions[1]: unknown value \"upward\"; expected one of `forward`, `backward`, `left`, `right`",
        ]
    );
}

/// A routine item with a progression rule: the rule of issue 11, and each
/// kind of wrong rule located, never a panic.
#[test]
fn progression_rules_are_checked_and_located() {
    let rule = |step: &str, up: &str, down: &str, after: &str| {
        format!(
            r#"{{
  "id": "prog",
  "name": "Progressing",
  "times_per_day": 3,
  "items": [
    {{ "exercise": "head-lifts",
      "progression": {{ "step": {step}, "up_to": {up}, "down_to": {down}, "after_good_sessions": {after} }} }}
  ]
}}"#
        )
    };
    let reps = |n: i64| format!(r#"{{ "repetitions": {n} }}"#);
    let good = rule(&reps(1), &reps(8), &reps(3), "6");
    let (ok, err) = check_bytes(good.as_bytes());
    assert!(ok, "{err}");
    for (text, expected) in [
        (
            rule(
                r#"{ "repetitions": 1, "sets": 1 }"#,
                &reps(8),
                &reps(3),
                "6",
            ),
            "r.json:7:32: items[0].progression.step: this names 2 fields (`repetitions`, `sets`); a rule changes one",
        ),
        (
            rule(&reps(1), &reps(2), &reps(3), "6"),
            "r.json:7:113: items[0].progression.down_to.repetitions: down_to (3) is above up_to (2)",
        ),
        (
            rule(&reps(1), &reps(99), &reps(3), "6"),
            "r.json:7:80: items[0].progression.up_to.repetitions: repetitions must be between 1 and 50, found 99",
        ),
        (
            rule(&reps(1), &reps(8), &reps(3), "0"),
            "r.json:7:141: items[0].progression.after_good_sessions: after_good_sessions must be between 1 and 50, found 0",
        ),
        (
            rule(&reps(1), &reps(8), r#"{ "sets": 1 }"#, "6"),
            "r.json:7:106: items[0].progression.down_to.sets: `down_to` names `sets` but the step changes `repetitions`",
        ),
        (
            rule(
                r#"{ "minutes": 1 }"#,
                r#"{ "minutes": 8 }"#,
                r#"{ "minutes": 3 }"#,
                "6",
            ),
            "r.json:7:45: items[0].progression.step.minutes: this dose has no `minutes` to change",
        ),
        (
            rule(&reps(1), &reps(8), &reps(6), "6"),
            "r.json:7:22: items[0].progression: the prescribed repetitions (5) is outside down_to (6) to up_to (8)",
        ),
    ] {
        let (ok, err) = check_bytes(text.as_bytes());
        assert!(!ok, "{text}");
        assert_eq!(err.lines().collect::<Vec<_>>(), [expected], "{text}");
    }
}

/// A routine whose own exercise names the picture `image`, on line 9.
fn routine_with_picture(image: &str) -> String {
    format!(
        r#"{{
  "id": "own",
  "name": "Own",
  "times_per_day": 1,
  "items": [
    {{ "exercise": {{
        "id": "chin-tuck-own", "name": "Chin tuck", "position": "sitting",
        "steps": ["Tuck your chin."], "dose": {{ "kind": "holds", "hold_seconds": 5, "repetitions": 3 }},
        "image": "{image}" }} }}
  ]
}}"#
    )
}

/// Issue 24, item 5: every picture the import and `plan` refuse, `check`
/// refuses too, at the picture's line (not at `FILE:1:1`), with the same
/// words; a missing built-in picture is a problem everywhere.
#[cfg(unix)]
#[test]
fn check_refuses_every_picture_the_app_refuses_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("pic.png"), "someone else's").unwrap();
    // What to make in the routine's folder, given the folder elsewhere.
    type Make = fn(&std::path::Path, &std::path::Path);
    let cases: [(&str, &str, Make); 5] = [
        (
            "pic.png",
            "the image \"pic.png\" was not found in the folder of this file; put the picture there or correct the path",
            |_, _| {},
        ),
        (
            "pic.png",
            "the image \"pic.png\" cannot be used: it is a symbolic link, not a file",
            |dir, _| {
                std::os::unix::fs::symlink("/etc/passwd", dir.join("pic.png")).unwrap();
            },
        ),
        (
            "pic.png",
            "the image \"pic.png\" cannot be used: it is larger than 16777216 bytes",
            |dir, _| {
                let f = fs::File::create(dir.join("pic.png")).unwrap();
                f.set_len(16 * 1024 * 1024 + 1).unwrap();
            },
        ),
        (
            "img/pic.png",
            "the image \"img/pic.png\" cannot be used: it is reached through a symbolic link to another folder",
            |dir, elsewhere| {
                std::os::unix::fs::symlink(elsewhere, dir.join("img")).unwrap();
            },
        ),
        (
            "assets/exercises/nope.svg",
            "there is no built-in picture \"assets/exercises/nope.svg\"; the built-in pictures are: assets/exercises/supine-deep-neck-flexion.svg, assets/exercises/supine-deep-neck-flexion-held.svg, assets/exercises/seated-retraction.svg, assets/exercises/seated-retraction-held.svg, assets/exercises/head-lifts.svg, assets/exercises/head-lifts-held.svg, assets/exercises/isometric-neck-strengthening.svg, assets/exercises/isometric-neck-strengthening-held.svg, assets/exercises/supine-neutral-head.svg, assets/exercises/supine-neutral-head-held.svg, assets/exercises/neutral-head-walking.svg, assets/exercises/neutral-head-walking-held.svg",
            |_, _| {},
        ),
    ];
    for (n, (image, message, make)) in cases.into_iter().enumerate() {
        let dir = tmp.path().join(format!("case-{n}"));
        fs::create_dir(&dir).unwrap();
        make(&dir, &elsewhere);
        let file = dir.join("r.json");
        fs::write(&file, routine_with_picture(image)).unwrap();
        let expected = format!("r.json:9:18: items[0].exercise.image: {message}");
        for command in ["check", "plan", "doses"] {
            let out = run(tmp.path(), &[command, file.to_str().unwrap()]);
            let said = stderr(&out).replace(&file.display().to_string(), "r.json");
            assert!(!out.status.success(), "{command} {image}: {said}");
            assert_eq!(
                said.lines().collect::<Vec<_>>(),
                [expected.as_str()],
                "{command}"
            );
        }
    }
    // The picture there, a regular file: ok.
    let dir = tmp.path().join("good");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("pic.png"), "picture").unwrap();
    fs::write(dir.join("r.json"), routine_with_picture("pic.png")).unwrap();
    let out = run(tmp.path(), &["check", dir.join("r.json").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// An exercise file's own picture is checked beside the exercise file.
#[test]
fn an_exercise_file_with_a_missing_picture_is_refused_at_its_line() {
    let text = r#"{
  "id": "chin-tuck-own", "name": "Chin tuck", "position": "sitting",
  "steps": ["Tuck your chin."],
  "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 3 },
  "image": "pictures/chin.svg"
}"#;
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:5:12: image: the image \"pictures/chin.svg\" was not found in the folder of this file; put the picture there or correct the path",
        ],
    );
}

/// Issue 24, item 8: a whole number written with a decimal point or an
/// exponent is said as it must be written, not "far too large"; a number
/// beyond i64 is far too large at its place, not `FILE:1:1` in jargon.
#[test]
fn numbers_are_said_truly_at_their_place() {
    for (written, message) in [
        (
            "5e0",
            "write this number as 5, a whole number without a decimal point or an exponent",
        ),
        (
            "1e2",
            "write this number as 100, a whole number without a decimal point or an exponent",
        ),
        (
            "1E+2",
            "write this number as 100, a whole number without a decimal point or an exponent",
        ),
        (
            "1.5e3",
            "write this number as 1500, a whole number without a decimal point or an exponent; it must be between 1 and 120",
        ),
        (
            "-0",
            "write this number as 0, a whole number without a decimal point or an exponent; it must be between 1 and 120",
        ),
        (
            "5.0",
            "write this number as 5, a whole number without a decimal point or an exponent",
        ),
        (
            "9223372036854775808",
            "the number 9223372036854775808 is far too large; it must be between 1 and 120",
        ),
        (
            "18446744073709551615",
            "the number 18446744073709551615 is far too large; it must be between 1 and 120",
        ),
        (
            "-1e40",
            "the number -1e40 is far too small; it must be between 1 and 120",
        ),
    ] {
        let text = VALID.replace(
            "\"hold_seconds\": 5",
            &format!("\"hold_seconds\": {written}"),
        );
        assert_rejected(
            text.as_bytes(),
            &[&format!(
                "r.json:7:73: items[1].dose.hold_seconds: {message}"
            )],
        );
    }
    // In a progression rule, whose amounts have no bounds in the schema.
    let text = VALID.replace(
        "{ \"exercise\": \"seated-retraction\" }",
        r#"{ "exercise": "head-lifts", "progression": { "step": { "repetitions": 18446744073709551615 }, "up_to": { "repetitions": 8 }, "down_to": { "repetitions": 3 }, "after_good_sessions": 6 } }"#,
    );
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:6:75: items[0].progression.step.repetitions: the number 18446744073709551615 is far too large",
        ],
    );
}

/// Issue 24, item 8: a problem at the end of line N is at line N, not at
/// N+1:1; columns count characters, not bytes.
#[test]
fn a_problem_at_the_end_of_a_line_is_on_that_line() {
    // A line break inside quotes.
    let text = VALID.replace("\"My routine\"", "\"My routine\n\"");
    assert_rejected(
        text.as_bytes(),
        &[
            "r.json:3:22: (file): this is not valid JSON: quoted text holds a line break or another control character",
        ],
    );
    // A file cut just after a line break ends on the line before.
    let cut = &VALID[..VALID.find("  \"items\"").unwrap()];
    assert_rejected(
        cut.as_bytes(),
        &["r.json:4:22: (file): the file ends too early; is it cut off?"],
    );
    // After "é" (two bytes), the column is the character's.
    let text = VALID.replace("\"My routine\",", "\"Mé routine\" x,");
    assert_rejected(
        text.as_bytes(),
        &["r.json:3:24: (file): this is not valid JSON: a comma or a closing } is missing"],
    );
}

/// Issue 24, item 9: each kind of character that hides or reorders text
/// is refused in names and in steps, by its code point, never echoed raw.
#[test]
fn invisible_characters_are_refused_in_names_and_steps() {
    for c in [
        '\u{061C}',
        '\u{2060}',
        '\u{2064}',
        '\u{00AD}',
        '\u{E0041}',
        '\u{2028}',
        '\u{115F}',
        '\u{3164}',
        '\u{180E}',
        '\u{FFF9}',
        '\u{034F}',
    ] {
        let code = format!("U+{:04X}", u32::from(c));
        let text = VALID.replace("\"My routine\"", &format!("\"My{c}routine\""));
        assert_rejected(
            text.as_bytes(),
            &[&format!(
                "r.json:3:11: name: the name contains the control or invisible character {code}; remove it"
            )],
        );
        let text = routine_with_picture("assets/exercises/head-lifts.svg")
            .replace("Tuck your chin.", &format!("Tuck your{c} chin."));
        assert_rejected(
            text.as_bytes(),
            &[&format!(
                "r.json:8:19: items[0].exercise.steps[0]: the step contains the control or invisible character {code}; remove it"
            )],
        );
    }
}
