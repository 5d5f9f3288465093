//! The crash guarantee of `atomic_file::replace`: a writer killed at any
//! moment leaves the file with one whole version, never empty or mixed.
//!
//! The test runs this test binary again as a child that does nothing but
//! replace one file, alternating two large contents, and kills it (SIGKILL
//! on Unix) at random moments, like the log's crash tests in `log_store`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use neckguide::atomic_file;

use crate::common::{Rng, child, child_input};

/// Tells the child which file to replace.
const PATH_ENV: &str = "NECKGUIDE_TEST_ATOMIC_FILE_PATH";
/// The size of each version: large enough that a write takes a while.
const SIZE: usize = 256 * 1024;
/// What the child prints once it has replaced the file once.
const READY: &str = "child_writer: ready";

fn version(byte: u8) -> Vec<u8> {
    vec![byte; SIZE]
}

/// The child: replaces the file in a tight loop until it is killed.
#[test]
#[ignore = "run as a child by replace_survives_being_killed"]
fn child_writer() {
    let path = child_input(PATH_ENV, "atomic_file::replace_survives_being_killed");
    let path = Path::new(&path);
    let (a, b) = (version(b'a'), version(b'b'));
    atomic_file::replace(path, &a).unwrap();
    println!("{READY}");
    loop {
        atomic_file::replace(path, &b).unwrap();
        atomic_file::replace(path, &a).unwrap();
    }
}

#[test]
fn replace_survives_being_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.bin");
    let (a, b) = (version(b'a'), version(b'b'));
    let mut rng = Rng::seeded();
    let seed = rng.0;
    for round in 0..20 {
        let mut child = child("atomic_file::child_writer")
            .env(PATH_ENV, &path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is in its loop.
        let stdout = child.stdout.take().unwrap();
        let ready = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains(READY));
        assert!(ready, "round {round}: the child never got going");
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "round {round}: the child was not killed");
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes == a || bytes == b,
            "round {round}: the file holds {} bytes, not one whole version (seed {seed})",
            bytes.len()
        );
    }
    // Only the file and, perhaps, the temp files of killed writers are left;
    // remove_leftovers clears those.
    let leftovers = atomic_file::remove_leftovers(&path).unwrap();
    eprintln!("20 kills, {leftovers} killed mid-write (seed {seed})");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["state.bin"]);
}
