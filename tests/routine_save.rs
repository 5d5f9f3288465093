//! Routines made in the builder, saved: only a routine that passes every
//! check is written, as stable pretty JSON that `neckguide check` and
//! `neckguide plan` accept; a folder that cannot be written is said.

use neckguide::app::catalog::{SaveError, save_routine};
use neckguide::routine::Library;
use neckguide::routine::raw::{RawDose, RawExercise, RawExerciseRef, RawItem, RawRoutine};

use crate::common::{run, stderr};

fn library_item(id: &str) -> RawItem {
    RawItem {
        exercise: RawExerciseRef::Id(id.to_owned()),
        dose: None,
        times_per_day: None,
        progression: None,
    }
}

/// From empty: three library exercises (one with a changed dose) and one
/// exercise of the therapist's own.
fn made_from_empty() -> RawRoutine {
    let mut retraction = library_item("seated-retraction");
    retraction.dose = Some(RawDose {
        repetitions: Some(8),
        ..RawDose::default()
    });
    RawRoutine {
        schema: None,
        id: "after-visit-2".to_owned(),
        name: "After the second visit".to_owned(),
        prescriber: Some("A. Therapist, PT".to_owned()),
        note: None,
        times_per_day: 2,
        measures_every_days: Some(14),
        items: vec![
            library_item("supine-deep-neck-flexion"),
            retraction,
            library_item("neutral-head-walking"),
            RawItem {
                exercise: RawExerciseRef::Inline(Box::new(RawExercise {
                    schema: None,
                    id: "shoulder-rolls".to_owned(),
                    name: "Shoulder rolls".to_owned(),
                    category: None,
                    position: neckguide::exercise::Position::Sitting,
                    steps: vec!["Roll your shoulders slowly back.".to_owned()],
                    cautions: Vec::new(),
                    dose: RawDose {
                        kind: Some(neckguide::routine::raw::DoseKind::Holds),
                        hold_seconds: Some(3),
                        repetitions: Some(10),
                        ..RawDose::default()
                    },
                    times_per_day: None,
                    frequency: None,
                    image: None,
                    picture_held: None,
                    source: None,
                })),
                dose: None,
                times_per_day: Some(1),
                progression: None,
            },
        ],
    }
}

/// The file a routine made from empty is saved as (also by the builder
/// in the window, `builder_ui`).
pub(crate) const EXPECTED: &str = r#"{
  "$schema": "routine.schema.json",
  "id": "after-visit-2",
  "name": "After the second visit",
  "prescriber": "A. Therapist, PT",
  "times_per_day": 2,
  "measures_every_days": 14,
  "items": [
    {
      "exercise": "supine-deep-neck-flexion"
    },
    {
      "exercise": "seated-retraction",
      "dose": {
        "repetitions": 8
      }
    },
    {
      "exercise": "neutral-head-walking"
    },
    {
      "exercise": {
        "id": "shoulder-rolls",
        "name": "Shoulder rolls",
        "position": "sitting",
        "steps": [
          "Roll your shoulders slowly back."
        ],
        "dose": {
          "kind": "holds",
          "hold_seconds": 3,
          "repetitions": 10
        }
      },
      "times_per_day": 1
    }
  ]
}
"#;

#[test]
fn a_routine_made_from_empty_is_saved_as_expected_and_checks_and_plans() {
    let tmp = tempfile::tempdir().unwrap();
    let path = save_routine(&made_from_empty(), tmp.path(), &Library::builtin()).unwrap();
    assert_eq!(path, tmp.path().join("after-visit-2.json"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), EXPECTED);
    // The schema it names is beside it.
    assert!(tmp.path().join("routine.schema.json").is_file());
    let file = path.to_str().unwrap();
    let out = run(tmp.path(), &["check", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(tmp.path(), &["plan", "--json", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = String::from_utf8_lossy(&out.stdout);
    assert!(plan.contains("shoulder-rolls"), "{plan}");
}

#[test]
fn a_routine_with_problems_or_an_unwritable_folder_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bad = made_from_empty();
    bad.name = String::new();
    if let Some(RawItem { dose: Some(d), .. }) = bad.items.get_mut(1) {
        d.repetitions = Some(0);
    }
    match save_routine(&bad, tmp.path(), &Library::builtin()) {
        Err(SaveError::Invalid(problems)) => {
            let said: Vec<String> = problems.problems.iter().map(|p| p.path.clone()).collect();
            assert_eq!(said, ["name", "items[1].dose.repetitions"]);
        }
        other => panic!("expected problems, got {other:?}"),
    }
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    // A "folder" that is a file: nothing can be written in it.
    let not_a_folder = tmp.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let err = save_routine(&made_from_empty(), &not_a_folder, &Library::builtin()).unwrap_err();
    assert!(matches!(err, SaveError::Write { .. }), "{err:?}");
    assert!(err.to_string().starts_with("could not write "), "{err}");
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "x");
}

#[test]
fn a_save_replaces_only_a_file_or_the_file_a_link_names() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("after-visit-2.json");
    let refused = |why: &str| {
        let err = save_routine(&made_from_empty(), tmp.path(), &Library::builtin()).unwrap_err();
        assert!(matches!(err, SaveError::Write { .. }), "{err:?}");
        assert!(err.to_string().ends_with(why), "{err}");
        // Nothing written: not the schema beside it either.
        assert!(!tmp.path().join("routine.schema.json").exists());
    };
    // A named pipe: left as it is.
    let status = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    refused("it is a named pipe, not a file, and only a file is replaced");
    assert!(
        std::fs::symlink_metadata(&file)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    std::fs::remove_file(&file).unwrap();
    // A link to nothing, and a link to a device: left as they are.
    let gone = tmp.path().join("gone.json");
    symlink(&gone, &file).unwrap();
    refused(&format!(
        "it is a symbolic link to {}, which does not exist, and only a file is replaced",
        gone.display()
    ));
    assert!(!gone.exists());
    std::fs::remove_file(&file).unwrap();
    symlink("/dev/null", &file).unwrap();
    refused(
        "it is a symbolic link to a character device, not to a file, and only a file is replaced",
    );
    std::fs::remove_file(&file).unwrap();
    // A link to a file: that file is replaced, the link kept.
    let elsewhere = tmp.path().join("elsewhere.json");
    std::fs::write(&elsewhere, "old").unwrap();
    symlink(&elsewhere, &file).unwrap();
    let path = save_routine(&made_from_empty(), tmp.path(), &Library::builtin()).unwrap();
    assert_eq!(path, file);
    assert!(std::fs::symlink_metadata(&file).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), EXPECTED);
}

/// Set in a copy of this test binary re-run under a file size limit: the
/// folder to save in.
const FULL_DISK_DIR_ENV: &str = "NECKGUIDE_TEST_SAVE_FULL_DIR";

/// Runs only in a child process started by
/// `a_full_disk_writes_nothing_and_says_so`, under a file size limit of one
/// byte: no file can grow, as on a full disk.
#[test]
#[ignore = "a helper child process of a_full_disk_writes_nothing_and_says_so"]
fn save_full_disk_child() {
    let dir = crate::common::child_input(
        FULL_DISK_DIR_ENV,
        "routine_save::a_full_disk_writes_nothing_and_says_so",
    );
    let folder = std::path::Path::new(&dir);
    let err = save_routine(&made_from_empty(), folder, &Library::builtin()).unwrap_err();
    let SaveError::Write { source, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::FileTooLarge, "{source}");
    // Nothing written, not even a temporary file left behind.
    let left: Vec<_> = std::fs::read_dir(folder).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    println!("save full disk child: ok");
}

#[test]
fn a_full_disk_writes_nothing_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    if crate::common::run_child_on_a_full_disk(
        "routine_save::save_full_disk_child",
        "1",
        FULL_DISK_DIR_ENV,
        tmp.path(),
        "save full disk child: ok",
    ) {
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }
}
