//! Files that are not what they seem (issue 9): named pipes where a routine
//! file is expected, control characters in a routine's text, export and
//! report over the person's own data. Each runs the real binary (or the app
//! layer) against a temp data dir.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use neckguide::app::paths::DataDir;
use neckguide::app::{App, AppOptions};
use neckguide::session::ManualClock;

use crate::common::{neckguide, run, stderr, stdout};

/// Runs `cmd` to its end, but kills it and fails the test when it is still
/// running after `limit`: a hang is a failure, not a stuck test run.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {limit:?}: {cmd:?}\nstderr: {}",
                stderr(&out)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn check_and_plan_refuse_a_named_pipe_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("f.json");
    mkfifo(&fifo);
    let name = fifo.to_str().unwrap();
    for args in [vec!["check", name], vec!["plan", name]] {
        let mut cmd = neckguide(&tmp.path().join("data"));
        cmd.args(&args);
        let out = output_within(cmd, Duration::from_secs(20));
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!("{name}:1:1: (file): cannot read the file: it is a named pipe, not a file\n"),
            "{args:?}"
        );
    }
    // A folder and a device are refused the same way.
    let out = run(
        tmp.path(),
        &["check", tmp.path().to_str().unwrap(), "/dev/zero"],
    );
    let err = stderr(&out);
    assert!(
        err.contains(": cannot read the file: it is a folder, not a file\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "/dev/zero:1:1: (file): cannot read the file: it is a character device, not a file\n"
        ),
        "{err}"
    );
}

#[test]
fn a_named_pipe_given_with_routine_or_in_the_routines_folder_does_not_hang_the_app() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("routines")).unwrap();
    mkfifo(&data.join("routines").join("stuck.json"));
    let fifo = tmp.path().join("f.json");
    mkfifo(&fifo);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let app = App::open(AppOptions {
            routine_file: Some(fifo),
            ..AppOptions::stepped(Some(DataDir::new(&data)), Arc::new(ManualClock::new()))
        });
        let notices: Vec<String> = app.notices().iter().map(|n| n.text.clone()).collect();
        let problems: Vec<String> = app
            .catalog()
            .problems
            .iter()
            .flat_map(|p| p.problems.iter().map(ToString::to_string))
            .collect();
        let _ = tx.send((notices, problems));
    });
    let (notices, problems) = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("opening the app hangs on a named pipe");
    assert!(
        notices.iter().any(|n| n
            .contains("f.json:1:1: (file): cannot read the file: it is a named pipe, not a file")),
        "{notices:?}"
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "stuck.json:1:1: (file): cannot read the file: it is a named pipe, not a file"
        )
    );
}

/// The id from the issue: it sets the terminal title, clears the screen and
/// forges a line of `check` output.
const FORGED: &str = r"x\u001b]0;PWNED\u0007\u001b[2J\nFAKE.json:1:1: ok";

fn no_terminal_controls(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters in {text:?}"
    );
}

#[test]
fn check_escapes_control_characters_it_echoes() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r.json");
    fs::write(
        &file,
        format!(
            r#"{{"id": "{FORGED}", "name": "R", "times_per_day": 1, "items": [{{"exercise": "{FORGED}"}}]}}"#
        ),
    )
    .unwrap();
    let out = run(tmp.path(), &["check", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    no_terminal_controls(&err);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line per problem, none forged: {err}");
    let shown = r"x\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{a}FAKE.json:1:1: ok";
    assert!(
        lines[0].contains(&format!("id: the id \"{shown}\" must be")),
        "{err}"
    );
    assert!(
        lines[1].contains(&format!("unknown exercise id \"{shown}\"")),
        "{err}"
    );
    // A file name with an escape in it is escaped too.
    let named = tmp.path().join("a\u{1b}[2Jb.json");
    fs::write(&named, "{").unwrap();
    let out = run(tmp.path(), &["check", named.to_str().unwrap()]);
    let err = stderr(&out);
    no_terminal_controls(&err);
    assert!(err.contains(r"a\u{1b}[2Jb.json:"), "{err}");
}

#[test]
fn names_with_hidden_or_reordering_characters_are_refused_with_their_place() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, code) in [
        (r"Chin \u202Euck", "U+202E"),
        (r"Chin\u200Btuck", "U+200B"),
        (r"\uFEFFChin tuck", "U+FEFF"),
        (r"Chin\u2066tuck", "U+2066"),
        (r"Chin\u0085tuck", "U+0085"),
        (r"Chin\ntuck", "U+000A"),
    ] {
        let file = tmp.path().join("r.json");
        fs::write(
            &file,
            format!(
                "{{\"id\": \"r\",\n \"name\": \"{name}\", \"times_per_day\": 1, \"items\": [{{\"exercise\": \"head-lifts\"}}]}}"
            ),
        )
        .unwrap();
        let out = run(tmp.path(), &["check", file.to_str().unwrap()]);
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        no_terminal_controls(&err);
        assert_eq!(
            err,
            format!(
                "{}:2:10: name: the name contains the control or invisible character {code}; remove it\n",
                file.display()
            ),
            "{name}"
        );
    }
}

fn data_with_log(tmp: &Path) -> std::path::PathBuf {
    let data = tmp.join("data");
    fs::create_dir_all(data.join("routines")).unwrap();
    fs::write(
        data.join("sessions.jsonl"),
        r#"{"v":1,"id":"s1","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:10:00+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"completed"}"#.to_owned() + "\n",
    )
    .unwrap();
    fs::write(data.join("settings.json"), r#"{"countdown_seconds": 5}"#).unwrap();
    fs::write(data.join("routines/mine.json"), "{}").unwrap();
    data
}

fn export(data: &Path, target: &Path, extra: &[&str]) -> Output {
    neckguide(data)
        .args(["export", "--csv", target.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap()
}

fn report(data: &Path, target: &Path, extra: &[&str]) -> Output {
    neckguide(data)
        .args(["report", target.to_str().unwrap(), "--today", "2026-11-22"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn export_and_report_never_write_over_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_log(tmp.path());
    let before: Vec<(String, Vec<u8>)> = ["sessions.jsonl", "settings.json", "routines/mine.json"]
        .iter()
        .map(|f| (f.to_string(), fs::read(data.join(f)).unwrap()))
        .collect();
    let hard_link = tmp.path().join("linked.csv");
    fs::hard_link(data.join("sessions.jsonl"), &hard_link).unwrap();
    let settings_link = tmp.path().join("settings-link.csv");
    fs::hard_link(data.join("settings.json"), &settings_link).unwrap();
    let symlink = tmp.path().join("sym.csv");
    std::os::unix::fs::symlink(data.join("routines/mine.json"), &symlink).unwrap();
    let cases = [
        (data.join("settings.json"), "is inside the data folder"),
        (data.join("routines/mine.json"), "is inside the data folder"),
        (data.join("new.csv"), "is inside the data folder"),
        (
            data.join("routines/../new.csv"),
            "is inside the data folder",
        ),
        (hard_link.clone(), "is part of the session log"),
        (settings_link.clone(), "is the same file as"),
        (symlink.clone(), "is inside the data folder"),
    ];
    for (target, why) in &cases {
        for force in [&[][..], &["--force"][..]] {
            for out in [export(&data, target, force), report(&data, target, force)] {
                assert!(!out.status.success(), "{} {force:?}", target.display());
                assert!(
                    stderr(&out).contains(why),
                    "{} {force:?}: {}",
                    target.display(),
                    stderr(&out)
                );
            }
        }
    }
    for (file, bytes) in &before {
        assert_eq!(&fs::read(data.join(file)).unwrap(), bytes, "{file} changed");
    }
    assert!(!data.join("new.csv").exists());
}

#[test]
fn export_and_report_replace_an_existing_file_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_log(tmp.path());
    let csv = tmp.path().join("sessions.csv");
    let html = tmp.path().join("report.html");
    for (target, write) in [
        (&csv, export as fn(&Path, &Path, &[&str]) -> Output),
        (&html, report),
    ] {
        fs::write(target, "kept").unwrap();
        let out = write(&data, target, &[]);
        assert!(!out.status.success());
        assert_eq!(
            stderr(&out),
            format!(
                "neckguide: {} already exists; pass --force to replace it\n",
                target.display()
            )
        );
        assert_eq!(fs::read_to_string(target).unwrap(), "kept");
        let out = write(&data, target, &["--force"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).starts_with("Wrote "));
        assert_ne!(fs::read_to_string(target).unwrap(), "kept");
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

/// A command that writes an output file: data folder, file, more arguments.
type Writer<'a> = dyn Fn(&Path, &Path, &[&str]) -> Output + 'a;

/// What `--force` replaces: a file, or the file a link names (the link is
/// kept); never a named pipe, a device node or a link to nothing, with or
/// without it, and the message says what is there.
#[test]
fn force_replaces_only_a_file_or_the_file_a_link_names() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_log(tmp.path());
    let routine = crate::common::repo_root().join("exercises/routines/gentle-neck-routine.json");
    let handout = |data: &Path, target: &Path, extra: &[&str]| {
        neckguide(data)
            .args([
                "handout",
                routine.to_str().unwrap(),
                target.to_str().unwrap(),
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let writers: [&Writer<'_>; 3] = [&export, &report, &handout];
    let fifo = tmp.path().join("pipe.csv");
    mkfifo(&fifo);
    let dangling = tmp.path().join("dangling.csv");
    let gone = tmp.path().join("gone.csv");
    symlink(&gone, &dangling).unwrap();
    let to_device = tmp.path().join("null.csv");
    symlink("/dev/null", &to_device).unwrap();
    let mut cases = vec![
        (fifo.clone(), "it is a named pipe, not a file".to_owned()),
        (
            dangling.clone(),
            format!(
                "it is a symbolic link to {}, which does not exist",
                gone.display()
            ),
        ),
        (
            to_device.clone(),
            "it is a symbolic link to a character device, not to a file".to_owned(),
        ),
    ];
    // A device node of our own (as root; the system's /dev/null is never
    // offered to a build that might replace it).
    let device = tmp.path().join("device.csv");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        cases.push((
            device.clone(),
            "it is a character device, not a file".to_owned(),
        ));
    }
    for (target, why) in &cases {
        for force in [&[][..], &["--force"][..]] {
            for write in writers {
                let out = write(&data, target, force);
                assert!(!out.status.success(), "{} {force:?}", target.display());
                assert_eq!(
                    stderr(&out),
                    format!(
                        "neckguide: {}: {why}, and only a file is replaced; choose another file\n",
                        target.display()
                    ),
                    "{force:?}"
                );
            }
        }
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(!gone.exists());
    assert!(fs::symlink_metadata(&to_device).unwrap().is_symlink());
    if made {
        let kind = fs::symlink_metadata(&device).unwrap().file_type();
        assert!(kind.is_char_device());
    }
    // A link to a file: with --force that file is replaced, the link kept.
    let file = tmp.path().join("real.csv");
    let link = tmp.path().join("link.csv");
    symlink(&file, &link).unwrap();
    for write in writers {
        fs::write(&file, "kept").unwrap();
        let out = write(&data, &link, &[]);
        assert!(
            stderr(&out).contains("already exists; pass --force"),
            "{}",
            stderr(&out)
        );
        let out = write(&data, &link, &["--force"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_ne!(fs::read_to_string(&file).unwrap(), "kept");
    }
}

/// A socket where a routine file is expected is named a socket.
#[test]
fn a_socket_is_said_to_be_a_socket() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("routine.json");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let out = run(tmp.path(), &["check", path.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("it is a socket, not a file"),
        "{}",
        stderr(&out)
    );
}

/// A routine of one own exercise with the picture `image`.
fn own_routine(id: &str, image: &str, step: &str) -> String {
    format!(
        r#"{{"id": "{id}", "name": "Routine {id}", "times_per_day": 1, "items": [
          {{"exercise": {{"id": "{id}-ex", "name": "Own exercise", "position": "walking",
            "steps": ["{step}"], "image": "{image}", "dose": {{"kind": "practice"}}}}}}]}}"#
    )
}

/// Opens the app over `data` with `routine` given as `--routine`; returns
/// its notices.
fn open_with(data: &Path, routine: &Path) -> Vec<String> {
    let app = App::open(AppOptions {
        routine_file: Some(routine.to_path_buf()),
        ..AppOptions::stepped(Some(DataDir::new(data)), Arc::new(ManualClock::new()))
    });
    let mut said: Vec<String> = app.notices().iter().map(|n| n.text.clone()).collect();
    // A taken id is a question for the person, not a notice.
    if let Some(clash) = app.import_clash() {
        said.push(format!(
            "asks: the id \"{}\" is taken by \"{}\" (built in: {})",
            clash.id, clash.taken_by, clash.preset
        ));
    }
    said
}

/// Every file under `dir`, with its contents.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn import_keeps_each_routine_apart_follows_no_link_and_refuses_a_taken_id() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // Two routines naming the same picture name keep their own picture.
    for id in ["first", "second"] {
        let folder = tmp.path().join(id);
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join("r.json"),
            own_routine(id, "shared.png", "Do it."),
        )
        .unwrap();
        fs::write(folder.join("shared.png"), format!("picture of {id}")).unwrap();
        let notices = open_with(&data, &folder.join("r.json"));
        assert!(
            notices.contains(&format!("Added the routine \"Routine {id}\".")),
            "{notices:?}"
        );
    }
    for id in ["first", "second"] {
        assert_eq!(
            fs::read_to_string(data.join("routines").join(id).join("shared.png")).unwrap(),
            format!("picture of {id}")
        );
    }
    // A picture that is a link to another file is not copied.
    let linked = tmp.path().join("linked");
    fs::create_dir_all(&linked).unwrap();
    fs::write(tmp.path().join("secret.txt"), "private key").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), linked.join("pic.png")).unwrap();
    fs::write(
        linked.join("r.json"),
        own_routine("linked", "pic.png", "Do it."),
    )
    .unwrap();
    let notices = open_with(&data, &linked.join("r.json"));
    assert!(
        notices.iter().any(|n| n
            .contains("the image \"pic.png\" cannot be used: it is a symbolic link, not a file")),
        "{notices:?}"
    );
    assert!(
        files_under(&data)
            .iter()
            .all(|(_, bytes)| bytes != b"private key"),
        "the linked file was copied"
    );
    // A routine with a preset's id is not "Added" and ignored: the person
    // is asked.
    let clash = tmp.path().join("clash.json");
    fs::write(
        &clash,
        own_routine("daily-neck-routine", "shared.png", "Do it."),
    )
    .unwrap();
    fs::write(tmp.path().join("shared.png"), "picture").unwrap();
    let notices = open_with(&data, &clash);
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("asks: the id \"daily-neck-routine\"")
                && n.ends_with("(built in: true)")),
        "{notices:?}"
    );
    assert!(
        !notices.iter().any(|n| n.starts_with("Added")),
        "{notices:?}"
    );
    // A changed file with the id of an earlier import asks, and until the
    // person answers the earlier one is kept; the same file again is
    // already added.
    let before = files_under(&data.join("routines"));
    let changed = tmp.path().join("first").join("changed.json");
    fs::write(&changed, own_routine("first", "shared.png", "Changed.")).unwrap();
    let notices = open_with(&data, &changed);
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("asks: the id \"first\"") && n.ends_with("(built in: false)")),
        "{notices:?}"
    );
    let notices = open_with(&data, &tmp.path().join("first").join("r.json"));
    assert!(
        notices.contains(&"The routine \"Routine first\" is already added.".to_owned()),
        "{notices:?}"
    );
    assert_eq!(files_under(&data.join("routines")), before);
}

#[test]
fn a_log_or_settings_that_is_no_file_neither_hangs_nor_is_read_for_ever() {
    let tmp = tempfile::tempdir().unwrap();
    let routine = crate::common::repo_root().join("exercises/routines/daily-neck-routine.json");
    let routine = routine.to_str().unwrap().to_owned();
    let target = tmp.path().join("out.html");
    let target = target.to_str().unwrap().to_owned();
    let cases: [(&str, &str, &[&str]); 4] = [
        ("sessions.jsonl", "fifo", &["history"]),
        ("sessions.jsonl", "zero", &["report", &target]),
        ("settings.json", "fifo", &["plan", &routine]),
        ("settings.json", "zero", &["plan", &routine]),
    ];
    for (n, (file, kind, args)) in cases.into_iter().enumerate() {
        let data = tmp.path().join(format!("data-{n}"));
        fs::create_dir_all(&data).unwrap();
        let path = data.join(file);
        match kind {
            "fifo" => mkfifo(&path),
            _ => std::os::unix::fs::symlink("/dev/zero", &path).unwrap(),
        }
        let mut cmd = neckguide(&data);
        cmd.args(args);
        let out = output_within(cmd, Duration::from_secs(20));
        let said = stderr(&out) + &stdout(&out);
        let what = if kind == "fifo" {
            "a named pipe"
        } else {
            "a character device"
        };
        assert!(
            said.contains(&format!("it is {what}, not a file")),
            "{file} {kind} {args:?}: {said}"
        );
        if file == "sessions.jsonl" {
            assert!(!out.status.success(), "{args:?}: {said}");
        } else {
            // Settings fall back to their defaults and the plan is printed.
            assert!(out.status.success(), "{args:?}: {said}");
        }
    }
}

#[test]
fn a_file_size_limit_makes_a_write_fail_instead_of_killing_the_app() {
    use std::os::unix::process::ExitStatusExt;
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: needs prlimit (util-linux)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_log(tmp.path());
    let target = tmp.path().join("report.html");
    // prlimit starts the binary with SIGXFSZ as this test has it (default).
    let out = Command::new("prlimit")
        .arg("--fsize=200")
        .arg(env!("CARGO_BIN_EXE_neckguide"))
        .args(["report", target.to_str().unwrap(), "--today", "2026-11-22"])
        .env("NECKGUIDE_DATA_DIR", &data)
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        None,
        "killed by a signal: {:?}",
        out.status
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));
    assert!(!target.exists(), "no half a report");
}
