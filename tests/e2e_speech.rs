//! Spoken guidance end to end: the real binary in a real window (hidden
//! for the session), its sound through a private PulseAudio null sink,
//! recorded; its words through a private speech-dispatcher (its own
//! runtime and config folders, the espeak-ng module, sound to the same
//! PulseAudio), whose log (level 5) holds each text it was sent. And with
//! no speech service, or one that hangs: the recorded words, on time.
//! Settings, in a kittest window, says which voice speaks.

use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::neckguide;
use crate::e2e_window::{
    Burst, DISPLAY_LOCK, Kill, bursts, can_run, keys, pulse_with_null_sink, record_sink, records,
    window_of, xdotool,
};

/// A therapist's own exercise, not one the app has words recorded for:
/// 15 s to get into position (its steps read then), a 3 s get ready, two
/// 2 s holds with a 4 s rest.
const OWN_ROUTINE: &str = r#"{ "id": "own", "name": "My therapist's routine", "times_per_day": 1,
  "items": [ { "exercise": { "id": "chin-nods", "name": "Gentle chin nods", "position": "lying_on_back",
    "steps": ["Lie on your back with a towel under your head.", "Nod your chin down slowly, then back."],
    "dose": { "kind": "holds", "hold_seconds": 2, "repetitions": 2, "rest_seconds": 4 } } } ] }"#;

/// One exercise of two 2 s holds with a 6 s rest, so that each cue's tone
/// and recorded words end before the next cue: get ready from 0 s (ticks
/// at 0, 1, 2), holds at 3 and 11 s, releases at 5 and 13 s, ticks at 8,
/// 9 and 10 s.
const RECORDED_ROUTINE: &str = r#"{ "id": "rec", "name": "Recorded words", "times_per_day": 1,
  "items": [ { "exercise": { "id": "rec-hold", "name": "Recorded hold", "position": "sitting",
    "steps": ["Hold still."],
    "dose": { "kind": "holds", "hold_seconds": 2, "repetitions": 2, "rest_seconds": 6 } } } ] }"#;

/// What a run needs around the app: a temporary home and runtime folder,
/// a private PulseAudio with a null sink `rec` whose monitor is recorded,
/// and the processes to stop at the end.
struct Rig {
    tmp: tempfile::TempDir,
    runtime: PathBuf,
    guard: Kill,
    wav: PathBuf,
}

impl Rig {
    fn env(&self, cmd: &mut Command) {
        cmd.env("HOME", self.tmp.path())
            .env("XDG_RUNTIME_DIR", &self.runtime);
    }

    /// Starts PulseAudio and the recorder.
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let runtime = tmp.path().join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        std::fs::write(
            tmp.path().join(".asoundrc"),
            "pcm.!default { type pulse }\nctl.!default { type pulse }\n",
        )
        .unwrap();
        let wav = tmp.path().join("out.wav");
        let mut rig = Self {
            tmp,
            runtime,
            guard: Kill(Vec::new()),
            wav,
        };
        let env = |cmd: &mut Command| rig.env(cmd);
        let pulse = pulse_with_null_sink(&env);
        let record = record_sink(&env, &rig.wav);
        rig.guard.0.extend([pulse, record]);
        rig
    }

    /// Opens the app on `data` with `routine_file` and the variable
    /// `extra` in its environment, and answers the check-in (pain 2, no to
    /// every question, Start); its window.
    fn start_session(&mut self, data: &Path, routine_file: &Path, extra: (&str, String)) -> String {
        let stderr = self.tmp.path().join("stderr.txt");
        let mut app = neckguide(data);
        self.env(&mut app);
        let app = app
            .env(extra.0, extra.1)
            .arg("--routine")
            .arg(routine_file)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        self.guard.0.push(app);
        let window = window_of(self.guard.0.last_mut().unwrap(), &stderr);
        keys(&window, &["space", "2", "n", "n", "n", "n", "n", "Return"]);
        window
    }

    /// Starts a private speech-dispatcher (single mode, never exits by
    /// itself, log level 5: each text it is sent is in its log) on the
    /// espeak-ng module, its sound to this PulseAudio; its socket and its
    /// log file.
    fn speech_dispatcher(&mut self) -> (PathBuf, PathBuf) {
        let conf = self.tmp.path().join("speechd-conf");
        let logs = self.tmp.path().join("speechd-logs");
        std::fs::create_dir_all(conf.join("modules")).unwrap();
        std::fs::create_dir_all(&logs).unwrap();
        std::fs::write(
            conf.join("speechd.conf"),
            format!(
                "LogLevel 5\nLogDir \"{}\"\nAudioOutputMethod \"pulse\"\nAddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nDefaultModule espeak-ng\nDefaultLanguage \"en\"\n",
                logs.display()
            ),
        )
        .unwrap();
        let module =
            std::fs::read("/etc/speech-dispatcher/modules/espeak-ng.conf").unwrap_or_default();
        std::fs::write(conf.join("modules/espeak-ng.conf"), module).unwrap();
        let socket = self.runtime.join("speechd-private.sock");
        let mut speechd = Command::new("speech-dispatcher");
        self.env(&mut speechd);
        let speechd = speechd
            .arg("-C")
            .arg(&conf)
            .arg("-S")
            .arg(&socket)
            .args(["-t", "0", "-s"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.guard.0.push(speechd);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !socket.exists() {
            assert!(
                Instant::now() < deadline,
                "speech-dispatcher did not make its socket"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        (socket, logs.join("speech-dispatcher.log"))
    }

    /// Runs `routine` through the window with the speech service at
    /// `socket`: the check-in, then (`skip_position`) Continue at once or
    /// not, the session hidden for `length` seconds, the check-out. The
    /// recording's loud stretches, and the app's standard error.
    fn session(
        &mut self,
        routine: &str,
        socket: &Path,
        skip_position: bool,
        length: u64,
    ) -> (Vec<Burst>, String) {
        let data = self.tmp.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let routine_file = self.tmp.path().join("routine.json");
        std::fs::write(&routine_file, routine).unwrap();
        let window = self.start_session(
            &data,
            &routine_file,
            (
                "SPEECHD_ADDRESS",
                format!("unix_socket:{}", socket.display()),
            ),
        );
        if skip_position {
            std::thread::sleep(Duration::from_millis(500));
            keys(&window, &["Return"]);
        }
        xdotool(&["windowunmap", "--sync", &window]);
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(length).saturating_sub(started.elapsed()));
        xdotool(&["windowmap", "--sync", &window]);
        std::thread::sleep(Duration::from_millis(500));
        keys(&window, &["1", "Return", "Return"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while records(&data).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
        }
        let saved = records(&data);
        assert_eq!(saved.len(), 1, "one record");
        assert_eq!(saved[0]["outcome"], "completed");
        // Stop the recorder gently, so it writes out what it holds.
        let _ = Command::new("kill")
            .args(["-INT", &self.guard.0[1].id().to_string()])
            .status();
        std::thread::sleep(Duration::from_millis(500));
        let found = bursts(&self.wav);
        eprintln!("heard: {found:?}");
        let stderr = self.tmp.path().join("stderr.txt");
        (found, std::fs::read_to_string(stderr).unwrap_or_default())
    }
}

/// The texts speech-dispatcher was sent, from its log, in order.
fn texts_sent(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once("Queueing message |"))
        .filter_map(|(_, rest)| {
            rest.split_once("| with priority")
                .map(|(t, _)| t.to_owned())
        })
        .collect()
}

/// Seconds of sound between `from` and `to`.
fn loud_between(found: &[Burst], from: f64, to: f64) -> f64 {
    found
        .iter()
        .map(|b| (b.start + b.length).min(to) - b.start.max(from))
        .filter(|l| *l > 0.0)
        .sum()
}

#[test]
fn a_therapists_own_exercise_is_named_and_its_steps_read_by_the_speech_service() {
    if !can_run(&[
        "xdotool",
        "pulseaudio",
        "parecord",
        "pactl",
        "speech-dispatcher",
        "espeak-ng",
    ]) {
        return;
    }
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut rig = Rig::new();
    let (socket, log) = rig.speech_dispatcher();
    // 15 s to get into position, 3 s get ready, 2 + 4 + 2 s: 26 s.
    let (found, stderr) = rig.session(OWN_ROUTINE, &socket, false, 28);
    // What was said, in the exercise's and the phases' words.
    assert_eq!(
        texts_sent(&log),
        [
            "Gentle chin nods. Get into position: lying on your back. Lie on your back with a towel under your head. Nod your chin down slowly, then back.",
            "Get ready.",
            "Hold.",
            "1 of 2. Release and rest.",
            "Hold.",
            "2 of 2. Release. Session complete.",
        ],
        "{stderr}"
    );
    // Heard: the first sound is the name and the steps, spoken when the
    // session begins (no tone sounds then); the next is the get-ready
    // countdown's first tick, on its moment 15 s after the start.
    let first = found.first().unwrap_or_else(|| panic!("nothing heard"));
    let tick = found
        .iter()
        .find(|b| b.start > first.start + 14.0)
        .unwrap_or_else(|| panic!("no get ready: {found:?}"));
    let speech_delay = 15.0 - (tick.start - first.start);
    // Shown with --nocapture: from the session's start to its first word.
    eprintln!(
        "speech started {:.0} ms after its cue",
        speech_delay * 1000.0
    );
    assert!(
        (-0.03..=0.15).contains(&speech_delay),
        "the first words came {:.0} ms after the session's start: {found:?}",
        speech_delay * 1000.0
    );
    let spoken = loud_between(&found, first.start, tick.start);
    assert!(
        spoken >= 4.0,
        "{spoken:.1} s spoken before get ready: {found:?}"
    );
    // All of it said before "Get ready": nothing runs into the next cue.
    let last_word = found
        .iter()
        .filter(|b| b.start < tick.start)
        .map(|b| b.start + b.length)
        .fold(0.0, f64::max);
    assert!(
        last_word <= tick.start - 0.1,
        "the steps ran until {:.2} s, the get ready is at {:.2} s",
        last_word,
        tick.start
    );
}

/// A Unix socket that takes every connection and never answers, for as
/// long as the returned flag is not set.
fn hanging_service(path: &Path) -> Arc<AtomicBool> {
    let listener = UnixListener::bind(path).unwrap();
    listener.set_nonblocking(true).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while !stopped.load(Ordering::Relaxed) {
            if let Ok((stream, _)) = listener.accept() {
                held.push(stream);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    stop
}

/// The recorded-words session: each tone on its moment (within 45 ms of
/// the plan, as the tones alone), and after the hold's tone its recorded
/// "Hold".
fn assert_recorded_words_on_time(found: &[Burst], stderr: &str) {
    assert!(
        stderr.contains("no speech service; the recorded words are used"),
        "{stderr}"
    );
    let expected = [0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 9.0, 10.0, 11.0, 13.0];
    // The first tick after the start anchors the plan (the start itself
    // comes with the press, and may be heard up to 0.4 s late).
    let first = found.first().unwrap_or_else(|| panic!("nothing heard"));
    let anchor = found
        .iter()
        .find(|b| b.start > first.start + 0.5)
        .map(|b| b.start - 1.0)
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        (anchor - 0.045..=anchor + 0.4).contains(&first.start),
        "{anchor} {found:?}"
    );
    for want in &expected[1..] {
        let near = found
            .iter()
            .map(|b| b.start - (anchor + want))
            .min_by(|a, b| a.abs().total_cmp(&b.abs()))
            .unwrap_or(f64::MAX);
        assert!(
            near.abs() <= 0.045,
            "the cue at {want} s was heard {:.0} ms off: {found:?}",
            near * 1000.0
        );
    }
    // The hold's tone is 0.3 s; with the recorded "Hold" after it, 0.8.
    let hold = loud_between(found, anchor + 3.0, anchor + 4.5);
    assert!(hold >= 0.6, "{hold:.2} s of sound at the hold: {found:?}");
}

#[test]
fn with_no_speech_service_the_recorded_words_are_heard_on_time() {
    if !can_run(&["xdotool", "pulseaudio", "parecord", "pactl"]) {
        return;
    }
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut rig = Rig::new();
    let socket = rig.tmp.path().join("no-service.sock");
    let (found, stderr) = rig.session(RECORDED_ROUTINE, &socket, true, 17);
    assert_recorded_words_on_time(&found, &stderr);
}

#[test]
fn with_a_speech_service_that_hangs_the_cues_stay_on_time() {
    if !can_run(&["xdotool", "pulseaudio", "parecord", "pactl"]) {
        return;
    }
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut rig = Rig::new();
    let socket = rig.tmp.path().join("hangs.sock");
    let stop = hanging_service(&socket);
    let (found, stderr) = rig.session(RECORDED_ROUTINE, &socket, true, 17);
    stop.store(true, Ordering::Relaxed);
    assert_recorded_words_on_time(&found, &stderr);
}

/// A fake speech-dispatcher answering the few SSIP requests the app makes.
fn answering_service(path: &Path) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = UnixListener::bind(path).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            std::thread::spawn(move || {
                let mut out = stream.try_clone().unwrap();
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    let answer = match line.as_str() {
                        l if l.starts_with("SET self CLIENT_NAME") => "208 OK CLIENT NAME SET",
                        l if l.starts_with("SET self PRIORITY") => "202 OK PRIORITY SET",
                        "GET RATE" => "251-0\r\n251 OK GET RETURNED",
                        _ => "300 ERR UNKNOWN",
                    };
                    if out.write_all(format!("{answer}\r\n").as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
}

/// Settings with the speech service at `socket`: its words once the
/// service has been looked for (Settings shown looks).
fn settings_say(socket: &Path) -> Vec<String> {
    use egui_kittest::kittest::Queryable as _;
    use neckguide::app::AppOptions;
    use neckguide::app::paths::DataDir;
    use neckguide::app::speech::{Address, Speaker, SpeechStatus};
    use neckguide::session::ManualClock;
    let dir = tempfile::tempdir().unwrap();
    let app = neckguide::ui::NeckguideApp::new(AppOptions {
        speaker: Speaker::start_at(Address::Socket {
            path: socket.to_owned(),
            usual: false,
        }),
        ..AppOptions::stepped(Some(DataDir::new(dir.path())), Arc::new(ManualClock::new()))
    });
    let mut harness = crate::ui_flows::harness_of(app);
    harness.run();
    harness.get_by_label("Settings").click();
    harness.run();
    let mut said = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        harness.run();
        said = [
            SpeechStatus::Ready,
            SpeechStatus::NotFound,
            SpeechStatus::Checking,
        ]
        .iter()
        .map(|s| s.words())
        .filter(|w| harness.query_by_label(w).is_some())
        .map(str::to_owned)
        .collect();
        if said.len() == 1 && said[0] != SpeechStatus::Checking.words() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    said
}

#[test]
fn settings_say_which_voice_speaks_the_guidance() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        settings_say(&dir.path().join("none.sock")),
        ["Speech service not found: recorded words in US English"]
    );
    let service = dir.path().join("speechd.sock");
    answering_service(&service);
    assert_eq!(
        settings_say(&service),
        ["Spoken by your desktop's speech service"]
    );
}

/// Records the null sink `rec` of `rig` on the wall clock: the samples
/// (mono, 48 kHz) and when the first was heard, in ns since the Unix epoch
/// (the earliest the chunks read allow: each chunk is read at least its
/// capture latency after it was heard).
struct WallRecorder {
    samples: Arc<std::sync::Mutex<Vec<i16>>>,
    first_ns: Arc<std::sync::Mutex<Option<i128>>>,
}

const WALL_RATE: i128 = 48_000;

fn wall_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl WallRecorder {
    fn start(rig: &mut Rig) -> Self {
        use std::io::Read as _;
        let mut parec = Command::new("parec");
        rig.env(&mut parec);
        let mut child = parec
            .args([
                "--device=rec.monitor",
                "--format=s16le",
                "--rate=48000",
                "--channels=1",
                "--latency-msec=5",
                "--raw",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        rig.guard.0.push(child);
        let samples = Arc::new(std::sync::Mutex::new(Vec::new()));
        let first_ns = Arc::new(std::sync::Mutex::new(None));
        let (s, f) = (Arc::clone(&samples), Arc::clone(&first_ns));
        std::thread::spawn(move || {
            let mut buf = [0u8; 960];
            let mut odd: Option<u8> = None;
            loop {
                let Ok(n) = out.read(&mut buf) else { return };
                if n == 0 {
                    return;
                }
                let read_at = wall_ns();
                let mut samples = s.lock().unwrap();
                let mut bytes: Vec<u8> = odd.take().into_iter().collect();
                bytes.extend_from_slice(&buf[..n]);
                if bytes.len() % 2 == 1 {
                    odd = bytes.pop();
                }
                samples.extend(
                    bytes
                        .chunks_exact(2)
                        .map(|b| i16::from_le_bytes([b[0], b[1]])),
                );
                let start = read_at - samples.len() as i128 * 1_000_000_000 / WALL_RATE;
                let mut first = f.lock().unwrap();
                if first.is_none_or(|f| start < f) {
                    *first = Some(start);
                }
            }
        });
        Self { samples, first_ns }
    }

    /// The loud stretches, each onset in ns since the Unix epoch.
    fn onsets(&self, dir: &Path) -> Vec<i128> {
        let samples = self.samples.lock().unwrap().clone();
        let first = self.first_ns.lock().unwrap().unwrap_or(0);
        let wav = dir.join("wall.wav");
        let mut bytes = Vec::new();
        let data_len = (samples.len() * 2) as u32;
        bytes.extend_from_slice(b"RIFF");
        bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
        bytes.extend_from_slice(b"WAVEfmt ");
        bytes.extend_from_slice(&16u32.to_le_bytes());
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&48_000u32.to_le_bytes());
        bytes.extend_from_slice(&96_000u32.to_le_bytes());
        bytes.extend_from_slice(&2u16.to_le_bytes());
        bytes.extend_from_slice(&16u16.to_le_bytes());
        bytes.extend_from_slice(b"data");
        bytes.extend_from_slice(&data_len.to_le_bytes());
        for s in samples {
            bytes.extend_from_slice(&s.to_le_bytes());
        }
        std::fs::write(&wav, bytes).unwrap();
        bursts(&wav)
            .iter()
            .map(|b| first + (b.start * 1e9) as i128)
            .collect()
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    (values[(n - 1) / 2] + values[n / 2]) / 2.0
}

/// Issue 26's "sound with the screen", measured on one clock: the window
/// (shown, under Xvfb) traces the frame that first draws each new phase
/// (`NECKGUIDE_TRACE_FRAMES`: drawn, and the next frame begun, which is
/// after it was shown); the null sink is recorded with the wall time of
/// its samples. Each phase that begins with a tone (get ready, hold,
/// release and rest, the end) is heard within 50 ms of its frame (the
/// issue's target is 20; the capture's own latency, some 5-10 ms, is in
/// the figure). Before the sounds were sent ahead it was 229 ms.
#[test]
fn each_tone_is_heard_with_the_frame_that_shows_its_phase() {
    if !can_run(&["xdotool", "pulseaudio", "parec", "pactl"]) {
        return;
    }
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut rig = Rig::new();
    let recorder = WallRecorder::start(&mut rig);
    let data = rig.tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // Tones only: each phase's sound is one burst.
    std::fs::write(data.join("settings.json"), r#"{"spoken_cues": false}"#).unwrap();
    let routine_file = rig.tmp.path().join("routine.json");
    std::fs::write(&routine_file, RECORDED_ROUTINE).unwrap();
    let trace = rig.tmp.path().join("frames.txt");
    let window = rig.start_session(
        &data,
        &routine_file,
        ("NECKGUIDE_TRACE_FRAMES", trace.display().to_string()),
    );
    std::thread::sleep(Duration::from_millis(500));
    keys(&window, &["Return"]);
    std::thread::sleep(Duration::from_secs(16));
    let onsets = recorder.onsets(rig.tmp.path());
    let frames: Vec<(String, i128, i128)> = std::fs::read_to_string(&trace)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                f.next()?.to_owned(),
                f.next()?.parse().ok()?,
                f.next()?.parse().ok()?,
            ))
        })
        .collect();
    eprintln!("frames: {frames:?}");
    // The phases that begin with a tone, after the first (the start, from
    // a key press, whose sound cannot be sent ahead).
    let toned: Vec<&(String, i128, i128)> = frames
        .iter()
        .filter(|(key, _, _)| {
            ["GetReady", "Hold {", "Rest {", "Completed"]
                .iter()
                .any(|k| key.contains(k))
        })
        .skip(1)
        .collect();
    assert!(toned.len() >= 3, "{frames:?}");
    let mut drawn_ms = Vec::new();
    let mut shown_ms = Vec::new();
    for (key, drawn, next) in toned {
        let onset = onsets
            .iter()
            .copied()
            .min_by_key(|o| (o - drawn).abs())
            .unwrap_or_else(|| panic!("nothing heard"));
        drawn_ms.push((onset - drawn) as f64 / 1e6);
        shown_ms.push((onset - next) as f64 / 1e6);
        eprintln!(
            "{key}: heard {:+.1} ms after its frame was drawn, {:+.1} ms after the next began",
            (onset - drawn) as f64 / 1e6,
            (onset - next) as f64 / 1e6
        );
    }
    let worst = drawn_ms.iter().map(|m| m.abs()).fold(0.0, f64::max);
    let (median_drawn, median_shown) = (median(&mut drawn_ms), median(&mut shown_ms));
    // Shown with --nocapture.
    eprintln!(
        "sound against the frame that shows its phase: median {median_drawn:+.1} ms after it was drawn ({median_shown:+.1} after the next frame began), worst {worst:.1} ms"
    );
    assert!(worst <= 50.0, "{drawn_ms:?}");
}
