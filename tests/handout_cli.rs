//! `neckguide handout`: the printed handout of each shipped routine, and of
//! a routine whose own exercise has no picture.

use std::fs;

use crate::common::{repo_root, run, stderr, stdout};

/// What a handout must never hold: anything fetched from elsewhere or run.
fn assert_self_contained(html: &str) {
    for fetched in [
        "<script",
        "src=\"http",
        "href=",
        "url(",
        "@import",
        "<link",
        "<iframe",
    ] {
        assert!(!html.contains(fetched), "the handout holds {fetched:?}");
    }
}

#[test]
fn each_shipped_routine_has_a_handout_with_every_exercise_step_and_dose() {
    let tmp = tempfile::tempdir().unwrap();
    let library = neckguide::routine::Library::builtin();
    for name in ["daily-neck-routine", "gentle-neck-routine"] {
        let file = repo_root().join(format!("exercises/routines/{name}.json"));
        let out_file = tmp.path().join(format!("{name}.html"));
        let out = run(
            tmp.path(),
            &[
                "handout",
                file.to_str().unwrap(),
                out_file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).starts_with("Wrote the handout of"),
            "{}",
            stdout(&out)
        );
        let html = fs::read_to_string(&out_file).unwrap();
        assert_self_contained(&html);
        let routine = neckguide::app::catalog::load_routine_file(&file, &library).unwrap();
        let esc = neckguide::html::escape;
        for item in &routine.items {
            let e = &item.exercise;
            assert!(html.contains(&esc(&e.name)), "{}", e.name);
            assert!(html.contains(&esc(e.position.label())));
            for step in &e.steps {
                assert!(html.contains(&esc(step)), "{step}");
            }
            // Each caution said, a stop caution as the one stop line.
            let (stop, cautions) = neckguide::handout::stop_line(e);
            for caution in cautions {
                assert!(html.contains(&esc(caution)), "{caution}");
            }
            assert!(html.contains(&esc(&stop)), "{stop}");
            let dose = neckguide::handout::dose_words(&e.dose, item.times_per_day);
            assert!(html.contains(&esc(&dose)), "{dose}");
            if let Some(rests) = neckguide::handout::rest_words(&e.dose) {
                assert!(html.contains(&esc(&rests)), "{rests}");
            }
        }
        // One stop line each exercise, and none among its cautions.
        assert_eq!(
            html.matches("<p class=\"stop\">").count(),
            routine.items.len()
        );
        assert!(!html.contains("<p class=\"caution\">Stop"), "{html}");
        // Every exercise is one block that printing never splits.
        assert_eq!(html.matches("<article>").count(), routine.items.len());
        assert!(html.contains("break-inside: avoid"));
        // Pictures inlined, two per shipped exercise side by side: the
        // start and the held position, each with its caption.
        assert_eq!(
            html.matches("<img src=\"data:image/svg+xml;base64,")
                .count(),
            2 * routine.items.len()
        );
        assert_eq!(
            html.matches("<div class=\"poses\">").count(),
            routine.items.len()
        );
        assert_eq!(
            html.matches("<figcaption>Start</figcaption>").count(),
            routine.items.len()
        );
        assert_eq!(
            html.matches("<figcaption>Held</figcaption>").count(),
            routine.items.len()
        );
        for sign in neckguide::checkin::WarningSign::ALL {
            assert!(html.contains(&esc(sign.source_words())));
        }
        assert!(html.contains("not medical advice"));
    }
    let daily = fs::read_to_string(tmp.path().join("daily-neck-routine.html")).unwrap();
    assert!(daily.contains("Hold 5 seconds, 5 times, 3 times a day"));
    assert!(daily.contains("Rest 5 seconds between holds."));
    assert!(daily.contains("Do this routine 3 times a day."));
}

#[test]
fn an_own_exercise_without_a_picture_and_hostile_text_read_correctly() {
    let tmp = tempfile::tempdir().unwrap();
    let routine = tmp.path().join("own.json");
    fs::write(
        &routine,
        r#"{ "id": "own", "name": "Mine <b>bold</b>", "prescriber": "Dr. O'Neil & Co",
  "times_per_day": 2, "items": [ { "exercise": { "id": "shrugs", "name": "Shoulder shrugs",
    "position": "sitting", "steps": ["Lift <script>alert(1)</script> your shoulders."],
    "dose": { "kind": "holds", "hold_seconds": 3, "repetitions": 1 } } } ] }"#,
    )
    .unwrap();
    let out_file = tmp.path().join("own.html");
    let args = [
        "handout",
        routine.to_str().unwrap(),
        out_file.to_str().unwrap(),
    ];
    let out = run(tmp.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(&out_file).unwrap();
    assert_self_contained(&html);
    assert!(!html.contains("<img"));
    assert!(html.contains("<h1>Mine &lt;b&gt;bold&lt;/b&gt;</h1>"));
    assert!(html.contains("From Dr. O&#39;Neil &amp; Co"));
    assert!(html.contains("Lift &lt;script&gt;alert(1)&lt;/script&gt; your shoulders."));
    assert!(html.contains("Hold 3 seconds, once, twice a day"));
    // An existing file is kept unless --force.
    let again = run(tmp.path(), &args);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists; pass --force"),
        "{}",
        stderr(&again)
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(run(tmp.path(), &forced).status.success());
    // A bad routine file: its located problems, no file written.
    fs::write(
        &routine,
        r#"{ "id": "own", "name": "", "times_per_day": 2, "items": [] }"#,
    )
    .unwrap();
    let none = tmp.path().join("none.html");
    let out = run(
        tmp.path(),
        &["handout", routine.to_str().unwrap(), none.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("name"), "{}", stderr(&out));
    assert!(!none.exists());
}

/// A routine with a rule, sets and an own exercise: the handout says how
/// the dose may change, the rests and sets, and one stop line each.
#[test]
fn a_rule_rests_and_sets_are_in_the_handout() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ruled.json");
    fs::write(
        &file,
        r#"{ "id": "ruled", "name": "Ruled", "times_per_day": 2, "items": [
  { "exercise": "seated-retraction", "dose": { "repetitions": 5, "sets": 2 },
    "progression": { "step": { "repetitions": 1 }, "up_to": { "repetitions": 8 },
                     "down_to": { "repetitions": 3 }, "after_good_sessions": 6 } },
  { "exercise": { "id": "shoulder-rolls", "name": "Shoulder rolls", "position": "sitting",
      "steps": ["Roll your shoulders slowly back."],
      "cautions": ["Keep the movement small.", "Stop if it hurts."],
      "dose": { "kind": "holds", "hold_seconds": 3, "repetitions": 10, "sets": 3,
                "rest_between_sets_seconds": 20 } }, "times_per_day": 1 } ] }"#,
    )
    .unwrap();
    let html_file = tmp.path().join("ruled.html");
    let out = run(
        tmp.path(),
        &[
            "handout",
            file.to_str().unwrap(),
            html_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(&html_file).unwrap();
    for words in [
        "Your app may raise this to 8 times or lower it to 3 times as your pain allows (up 1 after 6 good sessions in a row, down 1 after a session that worsens your pain); your physical therapist set this.",
        "Hold 10 seconds, 5 times, in 2 sets, twice a day",
        "Rest 5 seconds between holds and 30 seconds between sets.",
        "Rest 5 seconds between holds and 20 seconds between sets.",
        "<p class=\"stop\">Stop this exercise if you experience any pain, or if pain spreads down your arm.</p>",
        "<p class=\"stop\">Stop if it hurts, or if pain spreads down your arm.</p>",
        "<p class=\"caution\">Keep the movement small.</p>",
    ] {
        assert!(html.contains(words), "{words} not in\n{html}");
    }
    assert_eq!(html.matches("<p class=\"stop\">").count(), 2);
    assert_eq!(html.matches("<p class=\"rule\">").count(), 1);
}

/// An own exercise with a start and a held picture beside the routine:
/// `check` passes and the handout shows both, side by side, in that order;
/// with only the start picture it shows that one alone.
#[test]
fn an_own_exercise_with_a_held_picture_shows_both_frames() {
    let tmp = tempfile::tempdir().unwrap();
    let routine = tmp.path().join("own.json");
    let text = r#"{ "id": "own-moving", "name": "Moving", "times_per_day": 1, "items": [
  { "exercise": { "id": "chin-tuck", "name": "Chin tuck", "position": "sitting",
    "steps": ["Tuck your chin."], "image": "tuck-start.svg", "picture_held": "tuck-held.svg",
    "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 3 } } } ] }"#;
    fs::write(&routine, text).unwrap();
    let svg = |colour: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="{colour}"/></svg>"#
        )
    };
    fs::write(tmp.path().join("tuck-start.svg"), svg("#00ff00")).unwrap();
    fs::write(tmp.path().join("tuck-held.svg"), svg("#0000ff")).unwrap();
    let check = run(tmp.path(), &["check", routine.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let out_file = tmp.path().join("own.html");
    let args = [
        "handout",
        routine.to_str().unwrap(),
        out_file.to_str().unwrap(),
        "--force",
    ];
    let out = run(tmp.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(&out_file).unwrap();
    assert_self_contained(&html);
    let b64 = |text: String| {
        use std::io::Write as _;
        let mut child = std::process::Command::new("base64")
            .args(["-w", "0"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
    };
    let start = html.find(&b64(svg("#00ff00"))).expect("the start picture");
    let held = html.find(&b64(svg("#0000ff"))).expect("the held picture");
    assert!(start < held, "start first, then held");
    assert!(html.contains("alt=\"Chin tuck, sitting: start position\""));
    assert!(html.contains("alt=\"Chin tuck, sitting: held position\""));
    assert!(html.contains("<figcaption>Start</figcaption>"));
    assert!(html.contains("<figcaption>Held</figcaption>"));
    // One picture: shown alone, as before.
    fs::write(
        &routine,
        text.replace(r#" "picture_held": "tuck-held.svg","#, ""),
    )
    .unwrap();
    let out = run(tmp.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(&out_file).unwrap();
    assert_eq!(html.matches("<img").count(), 1);
    assert!(!html.contains("<figcaption>"));
}
