//! Unit tests of the catalog: imports into folders of their own, pictures
//! refused through links, ids taken, older imports still read, a named
//! pipe in the routines folder.

use super::*;
use crate::atomic_file::tests::names;

fn routine_text(id: &str, image: &str) -> String {
    format!(
        r#"{{"id": "{id}", "name": "Routine {id}", "times_per_day": 1, "items": [
              {{"exercise": {{"id": "{id}-ex", "name": "Own exercise", "position": "walking",
                "steps": ["Do it."], "image": "{image}",
                "dose": {{"kind": "practice"}}}}}}]}}"#
    )
}

#[test]
fn import_copies_the_file_whole_into_its_own_folder_once() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let library = Library::builtin();
    let from = tempfile::tempdir().unwrap();
    let source = from.path().join("week-2.json");
    fs::write(&source, routine_text("week-2", "pic.png")).unwrap();
    fs::write(from.path().join("pic.png"), "picture").unwrap();
    let routine = import(&source, &library, &data_dir).unwrap();
    assert!(matches!(routine, Imported::Added(_)));
    let again = import(&source, &library, &data_dir).unwrap();
    assert_eq!(again, Imported::AlreadyAdded(routine.into_routine()));
    let folder = data_dir.routines().join("week-2");
    assert_eq!(names(&data_dir.routines()), ["week-2"]);
    assert_eq!(
        names(&folder),
        ["pic.png", "week-2.json"],
        "no temp files left"
    );
    assert_eq!(
        fs::read(folder.join("week-2.json")).unwrap(),
        fs::read(&source).unwrap()
    );
    let catalog = Catalog::load(&library, Some(&data_dir));
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    assert_eq!(
        catalog.get("week-2").map(|e| &e.origin),
        Some(&Origin::Imported(folder.join("week-2.json")))
    );
}

#[test]
fn two_routines_naming_the_same_picture_keep_their_own() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let library = Library::builtin();
    let from = tempfile::tempdir().unwrap();
    for id in ["first", "second"] {
        let folder = from.path().join(id);
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("r.json"), routine_text(id, "shared.png")).unwrap();
        fs::write(folder.join("shared.png"), format!("picture of {id}")).unwrap();
        import(&folder.join("r.json"), &library, &data_dir).unwrap();
    }
    for id in ["first", "second"] {
        let copied = data_dir.routines().join(id).join("shared.png");
        assert_eq!(
            fs::read_to_string(copied).unwrap(),
            format!("picture of {id}")
        );
    }
}

#[cfg(unix)]
#[test]
fn a_picture_that_is_a_symbolic_link_is_not_copied() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let from = tempfile::tempdir().unwrap();
    let secret = from.path().join("secret.txt");
    fs::write(&secret, "private key").unwrap();
    std::os::unix::fs::symlink(&secret, from.path().join("pic.png")).unwrap();
    let source = from.path().join("r.json");
    fs::write(&source, routine_text("linked", "pic.png")).unwrap();
    let err = import(&source, &Library::builtin(), &data_dir).unwrap_err();
    let ImportError::Invalid(problems) = err else {
        panic!("{err}");
    };
    let text = problems.problems[0].to_string();
    assert!(
            text.ends_with(
                "items[0].exercise.image: the image \"pic.png\" cannot be used: it is a symbolic link, not a file"
            ),
            "{text}"
        );
    assert!(!data_dir.routines().exists(), "nothing was copied");
}

#[cfg(unix)]
#[test]
fn a_picture_in_a_linked_folder_is_not_copied() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("pic.png"), "someone else's").unwrap();
    let from = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), from.path().join("img")).unwrap();
    let source = from.path().join("r.json");
    fs::write(&source, routine_text("linked", "img/pic.png")).unwrap();
    let err = import(&source, &Library::builtin(), &data_dir).unwrap_err();
    assert!(err.to_string().contains("problem"), "{err}");
    assert!(!data_dir.routines().exists(), "nothing was copied");
}

#[test]
fn an_id_taken_by_a_preset_or_an_earlier_import_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let library = Library::builtin();
    let from = tempfile::tempdir().unwrap();
    fs::write(from.path().join("pic.png"), "picture").unwrap();
    // The preset file itself is already there.
    let preset =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises/routines/daily-neck-routine.json");
    assert!(matches!(
        import(&preset, &library, &data_dir),
        Ok(Imported::AlreadyAdded(_))
    ));
    // Another file with a preset's id.
    let clash = from.path().join("clash.json");
    fs::write(&clash, routine_text("daily-neck-routine", "pic.png")).unwrap();
    let err = import(&clash, &library, &data_dir).unwrap_err();
    assert!(
        matches!(&err, ImportError::IdTaken { id, by: Origin::Preset } if id == "daily-neck-routine"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the routine id \"daily-neck-routine\" is already taken by a built-in routine; \
             give this routine another \"id\" in its file"
    );
    // A second, different file with the id of an earlier import.
    let first = from.path().join("first.json");
    fs::write(&first, routine_text("mine", "pic.png")).unwrap();
    import(&first, &library, &data_dir).unwrap();
    let second = from.path().join("second.json");
    fs::write(
        &second,
        routine_text("mine", "pic.png").replace("Do it.", "Do it well."),
    )
    .unwrap();
    let err = import(&second, &library, &data_dir).unwrap_err();
    let by = Origin::Imported(data_dir.routines().join("mine/mine.json"));
    assert!(
        matches!(&err, ImportError::IdTaken { by: b, .. } if *b == by),
        "{err:?}"
    );
    assert!(!data_dir.routines().join("daily-neck-routine").exists());
    // Asked, the person keeps both: a copy under a free id and name.
    let copy = import_with(&clash, &library, &data_dir, OnClash::KeepBoth).unwrap();
    assert_eq!(copy.routine().id, "daily-neck-routine-2");
    assert!(
        copy.routine().name.ends_with(" (2)"),
        "{}",
        copy.routine().name
    );
    assert!(
        data_dir
            .routines()
            .join("daily-neck-routine-2/daily-neck-routine-2.json")
            .is_file()
    );
    // A preset is never replaced.
    assert!(matches!(
        import_with(&clash, &library, &data_dir, OnClash::Replace),
        Err(ImportError::IdTaken {
            by: Origin::Preset,
            ..
        })
    ));
    assert_eq!(
        fs::read(data_dir.routines().join("mine/mine.json")).unwrap(),
        fs::read(&first).unwrap(),
        "the earlier import is kept"
    );
    // Asked, the person replaces the earlier import.
    let replaced = import_with(&second, &library, &data_dir, OnClash::Replace).unwrap();
    assert_eq!(replaced.routine().id, "mine");
    assert_eq!(
        fs::read(data_dir.routines().join("mine/mine.json")).unwrap(),
        fs::read(&second).unwrap()
    );
    let catalog = Catalog::load(&library, Some(&data_dir));
    assert_eq!(
        catalog
            .entries
            .iter()
            .filter(|e| e.routine.id == "mine")
            .count(),
        1
    );
}

#[test]
fn routines_imported_the_old_way_are_still_read_and_keep_their_id() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let library = Library::builtin();
    let flat = data_dir.routines();
    fs::create_dir_all(&flat).unwrap();
    fs::write(flat.join("old.json"), routine_text("old", "old.png")).unwrap();
    fs::write(flat.join("old.png"), "picture").unwrap();
    let catalog = Catalog::load(&library, Some(&data_dir));
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    assert_eq!(
        catalog.get("old").map(|e| &e.origin),
        Some(&Origin::Imported(flat.join("old.json")))
    );
    // The same file again is already there; a changed one is refused.
    let from = tempfile::tempdir().unwrap();
    fs::write(from.path().join("old.png"), "picture").unwrap();
    let again = from.path().join("old.json");
    fs::write(&again, routine_text("old", "old.png")).unwrap();
    assert!(matches!(
        import(&again, &library, &data_dir),
        Ok(Imported::AlreadyAdded(_))
    ));
    fs::write(
        &again,
        routine_text("old", "old.png").replace("Do it.", "Now."),
    )
    .unwrap();
    assert!(matches!(
        import(&again, &library, &data_dir),
        Err(ImportError::IdTaken { .. })
    ));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_routines_folder_is_a_problem_not_a_hang() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    fs::create_dir_all(data_dir.routines()).unwrap();
    let fifo = data_dir.routines().join("f.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = data_dir.clone();
    std::thread::spawn(move || {
        let _ = tx.send(Catalog::load(&Library::builtin(), Some(&dir)).problems);
    });
    let problems = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("loading the routines folder hangs on a named pipe");
    let text: Vec<String> = problems
        .iter()
        .flat_map(|p| p.problems.iter().map(ToString::to_string))
        .collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].ends_with("(file): cannot read the file: it is a named pipe, not a file"),
        "{text:?}"
    );
}

/// A routine whose own exercise names `image` and `picture_held`.
fn routine_with_held(id: &str, image: &str, held: &str) -> String {
    routine_text(id, image).replacen(
        &format!("\"image\": \"{image}\""),
        &format!("\"image\": \"{image}\", \"picture_held\": \"{held}\""),
        1,
    )
}

#[test]
fn a_held_picture_is_checked_and_imported_as_the_first_is() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(data.path());
    let library = Library::builtin();
    let from = tempfile::tempdir().unwrap();
    let source = from.path().join("moving.json");
    fs::write(
        &source,
        routine_with_held("moving", "start.svg", "pictures/held.svg"),
    )
    .unwrap();
    fs::write(from.path().join("start.svg"), "start").unwrap();
    // The held picture missing: check says where and what to do, and the
    // import refuses it.
    let problems = check_file(&source, &library).unwrap_err();
    let text = problems.problems[0].to_string();
    assert!(
        text.ends_with(
            "items[0].exercise.picture_held: the image \"pictures/held.svg\" was not found in the folder of this file; put the picture there or correct the path"
        ),
        "{text}"
    );
    assert!(import(&source, &library, &data_dir).is_err());
    // With it there: both are copied beside the imported routine.
    fs::create_dir(from.path().join("pictures")).unwrap();
    fs::write(from.path().join("pictures/held.svg"), "held").unwrap();
    assert!(check_file(&source, &library).is_ok());
    let routine = import(&source, &library, &data_dir).unwrap().into_routine();
    let exercise = &routine.items[0].exercise;
    assert_eq!(
        exercise.picture_held,
        Some(crate::exercise::Image::Relative("pictures/held.svg".into()))
    );
    let folder = data_dir.routines().join("moving");
    assert_eq!(
        fs::read_to_string(folder.join("start.svg")).unwrap(),
        "start"
    );
    assert_eq!(
        fs::read_to_string(folder.join("pictures/held.svg")).unwrap(),
        "held"
    );
}

#[test]
fn a_held_picture_without_the_start_is_a_problem() {
    let from = tempfile::tempdir().unwrap();
    let source = from.path().join("r.json");
    let text = routine_with_held("half", "start.svg", "held.svg").replacen(
        "\"image\": \"start.svg\", ",
        "",
        1,
    );
    fs::write(&source, text).unwrap();
    fs::write(from.path().join("held.svg"), "held").unwrap();
    let problems = check_file(&source, &Library::builtin()).unwrap_err();
    let text = problems.problems[0].to_string();
    assert!(
        text.contains("picture_held: a held position's picture needs the start position's too"),
        "{text}"
    );
}
