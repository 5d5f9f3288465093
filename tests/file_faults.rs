//! Files that are not what they seem (issue 9): named pipes where a routine
//! file is expected. Each runs the real binary (or the app layer) against a
//! temp data dir.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use neckguide::app::audio::{Audio, AudioStatus};
use neckguide::app::paths::DataDir;
use neckguide::app::{App, AppOptions};
use neckguide::session::{ManualClock, SessionConfig};

use crate::common::{neckguide, run, stderr};

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
            data_dir: Some(DataDir::new(&data)),
            routine_file: Some(fifo),
            clock: Arc::new(ManualClock::new()),
            audio: Audio::with_status(AudioStatus::Disabled),
            background_ticker: false,
            session_config: SessionConfig::default(),
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
