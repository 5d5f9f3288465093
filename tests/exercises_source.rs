//! The built-in exercises say exactly what the clinical source says, and the
//! committed JSON Schemas match the Rust types.

use std::fs;

use neckguide::exercise::{Direction, Dose, Position};
use neckguide::routine::{self, Library};

use crate::common::repo_root;

/// The source text, as committed beside the exercises.
fn source() -> String {
    fs::read_to_string(repo_root().join("exercises/source/002_e3902a89c7106d1c.txt")).unwrap()
}

#[test]
fn committed_source_is_the_shared_seed() {
    // The seed lives beside the repository on the developers' and CI's
    // machines; when it is there, the committed copy must be identical.
    let shared = repo_root().join("../shared/seeds/002_e3902a89c7106d1c.txt");
    if let Ok(seed) = fs::read_to_string(shared) {
        assert_eq!(seed, source());
    }
}

#[test]
fn six_exercises_with_the_source_numbers() {
    let library = Library::builtin();
    let ids = library.ids();
    assert_eq!(
        ids,
        [
            "supine-deep-neck-flexion",
            "seated-retraction",
            "neutral-head-walking",
            "supine-neutral-head",
            "head-lifts",
            "isometric-neck-strengthening"
        ]
    );
    let get = |id| library.get(id).unwrap();
    let holds = |id| match &get(id).dose {
        Dose::Holds(h) if h.directions.is_empty() => (h.hold_seconds, h.repetitions, h.sets),
        other => panic!("{id}: {other:?}"),
    };
    assert_eq!(holds("supine-deep-neck-flexion"), (5, 5, 1));
    assert_eq!(get("supine-deep-neck-flexion").times_per_day, Some(3));
    assert_eq!(
        get("supine-deep-neck-flexion").position,
        Position::LyingOnBack
    );
    assert_eq!(holds("seated-retraction"), (10, 5, 1));
    assert_eq!(get("seated-retraction").times_per_day, Some(3));
    assert_eq!(get("seated-retraction").position, Position::Sitting);
    assert_eq!(holds("head-lifts"), (5, 5, 1));
    assert_eq!(get("head-lifts").times_per_day, Some(2));
    assert_eq!(get("head-lifts").position, Position::LyingFaceDownOnElbows);
    match &get("isometric-neck-strengthening").dose {
        Dose::Holds(d) => {
            assert_eq!(d.hold_seconds, 10);
            assert_eq!(
                d.directions,
                [
                    Direction::Forward,
                    Direction::Backward,
                    Direction::Left,
                    Direction::Right
                ]
            );
            assert_eq!((d.repetitions, d.sets), (1, 1));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        get("isometric-neck-strengthening").position,
        Position::Sitting
    );
    match &get("supine-neutral-head").dose {
        Dose::Timed(t) => assert_eq!((t.minutes, t.max_minutes), (5, Some(10))),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        get("supine-neutral-head").frequency.as_deref(),
        Some("every couple of hours as needed")
    );
    match &get("neutral-head-walking").dose {
        Dose::Practice(p) => assert_eq!(p.minutes, None),
        other => panic!("{other:?}"),
    }
    assert_eq!(get("neutral-head-walking").position, Position::Walking);
}

#[test]
fn names_steps_and_cautions_are_the_source_words() {
    let source = source();
    let library = Library::builtin();
    for e in library.exercises() {
        assert!(source.contains(&e.name), "{}: name not in the source", e.id);
        for text in e.steps.iter().chain(&e.cautions).chain(&e.frequency) {
            assert!(
                source.contains(text.as_str()),
                "{}: not in the source: {text}",
                e.id
            );
        }
        if let Some(category) = &e.category {
            assert!(source.contains(category.as_str()), "{}: {category}", e.id);
        }
    }
}

#[test]
fn every_builtin_picture_exists() {
    for e in Library::builtin().exercises() {
        match &e.image {
            Some(neckguide::exercise::Image::Builtin(path)) => {
                assert!(repo_root().join(path).is_file(), "{}: {path} missing", e.id)
            }
            other => panic!("{}: expected a built-in picture, got {other:?}", e.id),
        }
    }
}

#[test]
fn presets_load_and_daily_routine_has_the_right_items() {
    let library = Library::builtin();
    let presets = library.presets();
    assert_eq!(presets.len(), routine::PRESET_ROUTINES.len());
    let daily = presets
        .iter()
        .find(|r| r.id == "daily-neck-routine")
        .unwrap();
    let ids: Vec<&str> = daily.items.iter().map(|i| i.exercise.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "supine-deep-neck-flexion",
            "seated-retraction",
            "isometric-neck-strengthening",
            "head-lifts"
        ]
    );
    assert_eq!(daily.times_per_day, 3);
    let due = |n| daily.due_items(n).len();
    assert_eq!((due(0), due(1), due(2)), (4, 4, 3));
}

#[test]
fn committed_schemas_match_the_types() {
    for (file, schema) in [
        ("routine.schema.json", routine::routine_schema()),
        ("exercise.schema.json", routine::exercise_schema()),
        (
            "record.schema.json",
            neckguide::log::record::log_line_schema(),
        ),
    ] {
        let path = repo_root().join("exercises/schema").join(file);
        let committed = fs::read_to_string(&path).unwrap_or_default();
        let generated = neckguide::cli::schema_text(schema).unwrap() + "\n";
        assert!(
            committed == generated,
            "{file} is out of date with the Rust types; run `make schema` and commit it"
        );
    }
}
