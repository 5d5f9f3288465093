//! The speech thread against a fake speech service on a Unix socket in a
//! temporary folder (never the person's own).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::*;

/// What the fake service heard: each line with the instant it came.
type Heard = Receiver<(Instant, String)>;

/// A fake speech-dispatcher on `path` answering as SSIP does; every line
/// it reads (the text of a SPEAK too) is sent to the returned receiver.
fn fake_service(path: &Path) -> Heard {
    let listener = UnixListener::bind(path).unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let tx = tx.clone();
            std::thread::spawn(move || serve(stream, &tx));
        }
    });
    rx
}

fn serve(stream: UnixStream, heard: &mpsc::Sender<(Instant, String)>) {
    let mut out = stream.try_clone().unwrap();
    let mut data = false;
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { return };
        let _ = heard.send((Instant::now(), line.clone()));
        let answer = if data {
            if line != "." {
                continue;
            }
            data = false;
            "225-7\r\n225 OK MESSAGE QUEUED"
        } else if line.starts_with("SET self CLIENT_NAME") {
            "208 OK CLIENT NAME SET"
        } else if line.starts_with("SET self PRIORITY") {
            "202 OK PRIORITY SET"
        } else if line == "GET RATE" {
            "251-20\r\n251 OK GET RETURNED"
        } else if line.starts_with("CANCEL") {
            "213 OK CANCELED"
        } else if line == "SPEAK" {
            data = true;
            "230 OK RECEIVING DATA"
        } else {
            "300 ERR UNKNOWN"
        };
        if out.write_all(format!("{answer}\r\n").as_bytes()).is_err() {
            return;
        }
    }
}

fn socket(dir: &tempfile::TempDir) -> (PathBuf, Address) {
    let path = dir.path().join("speechd.sock");
    let address = Address::Socket {
        path: path.clone(),
        usual: false,
    };
    (path, address)
}

fn wait_for(speaker: &Speaker, status: SpeechStatus, within: Duration) {
    let deadline = Instant::now() + within;
    while speaker.status() != status {
        assert!(
            Instant::now() < deadline,
            "still {:?}, not {status:?}",
            speaker.status()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The lines heard until `quiet` passes with none.
fn lines_until_quiet(heard: &Heard, quiet: Duration) -> Vec<(Instant, String)> {
    let mut lines = Vec::new();
    while let Ok(line) = heard.recv_timeout(quiet) {
        lines.push(line);
    }
    lines
}

#[test]
fn a_sentence_is_said_on_its_moment_and_a_cancel_drops_what_waits() {
    let dir = tempfile::tempdir().unwrap();
    let (path, address) = socket(&dir);
    let heard = fake_service(&path);
    let speaker = Speaker::start_at(address);
    assert_eq!(speaker.status(), SpeechStatus::NotChecked);
    speaker.keep(true);
    wait_for(&speaker, SpeechStatus::Ready, Duration::from_secs(2));
    // The rate it said (20) is the words a minute estimated.
    assert_eq!(speaker.words_per_minute(), words_per_minute(20));
    let said = lines_until_quiet(&heard, Duration::from_millis(200));
    let said: Vec<&str> = said.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(said[1..], ["SET self PRIORITY message", "GET RATE"]);

    let at = Instant::now() + Duration::from_millis(300);
    speaker.say("Hold:\nPush to the left side".to_owned(), at);
    let said = lines_until_quiet(&heard, Duration::from_millis(600));
    let text = said
        .iter()
        .find(|(_, l)| l == "Hold: Push to the left side")
        .unwrap_or_else(|| panic!("not said: {said:?}"));
    let early = at.saturating_duration_since(text.0);
    let late = text.0.saturating_duration_since(at);
    assert!(
        early <= SERVICE_DELAY + Duration::from_millis(5) && late < Duration::from_millis(100),
        "said {early:?} early, {late:?} late"
    );

    // Sent ahead, then a command: it is never said, and what is being
    // said is stopped.
    speaker.say(
        "Release.".to_owned(),
        Instant::now() + Duration::from_millis(300),
    );
    speaker.cancel();
    let said = lines_until_quiet(&heard, Duration::from_millis(600));
    let said: Vec<&str> = said.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(said, ["CANCEL self"]);
}

/// A service that takes the connection and never answers: the thread
/// gives up after [`ANSWER_WAIT`] and says so; the caller never waits.
#[test]
fn a_service_that_hangs_is_taken_as_gone_and_nobody_waits_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, address) = socket(&dir);
    let listener = UnixListener::bind(&path).unwrap();
    let held = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_secs(3));
        drop(stream);
    });
    let speaker = Speaker::start_at(address);
    let asked = Instant::now();
    speaker.check();
    speaker.say("Hold.".to_owned(), Instant::now());
    speaker.cancel();
    assert!(
        asked.elapsed() < Duration::from_millis(20),
        "{:?}",
        asked.elapsed()
    );
    wait_for(&speaker, SpeechStatus::NotFound, ANSWER_WAIT * 3);
    assert!(asked.elapsed() >= ANSWER_WAIT, "{:?}", asked.elapsed());
    held.join().unwrap();
}

#[test]
fn with_no_socket_no_service_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (_, address) = socket(&dir);
    let speaker = Speaker::start_at(address);
    speaker.check();
    wait_for(&speaker, SpeechStatus::NotFound, Duration::from_secs(2));
    assert_eq!(
        speaker.status().words(),
        "Speech service not found: recorded words in US English"
    );
    assert_eq!(Speaker::none().status(), SpeechStatus::NotFound);
}

#[test]
fn the_address_is_speechd_address_or_the_usual_socket() {
    let run = Some(PathBuf::from("/run/user/1000"));
    let usual = Address::Socket {
        path: PathBuf::from("/run/user/1000/speech-dispatcher/speechd.sock"),
        usual: true,
    };
    assert_eq!(Address::from_env(None, run.clone()), usual);
    assert_eq!(Address::from_env(Some("unix_socket"), run.clone()), usual);
    assert_eq!(
        Address::from_env(Some("unix_socket:/tmp/s.sock"), run.clone()),
        Address::Socket {
            path: PathBuf::from("/tmp/s.sock"),
            usual: false
        }
    );
    assert!(matches!(
        Address::from_env(Some("inet_socket:localhost:6560"), run),
        Address::Unusable(_)
    ));
    assert!(matches!(
        Address::from_env(None, None),
        Address::Unusable(_)
    ));
    assert_eq!(one_line(". Hold\n still "), "Hold still");
}
