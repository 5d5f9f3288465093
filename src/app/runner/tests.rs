//! The unit tests of [`super`].
use super::*;
use crate::app::audio::Command;
use crate::exercise::Position;
use crate::log::RoutineRef;
use crate::schedule::{Schedule, ScheduleConfig};
use crate::session::tests::{holds, item};
use crate::session::{ManualClock, SessionConfig};

/// A runner of one exercise, stepped: one hold of `hold_seconds`,
/// sound on, its commands to the audio thread kept. Started.
fn runner(hold_seconds: u32) -> (SessionRunner, Arc<ManualClock>, mpsc::Receiver<Command>) {
    let item = item("long", Position::Sitting, holds(hold_seconds, 1, 1, 0));
    let schedule = Schedule::build(&[item], &ScheduleConfig::default());
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let clock = Arc::new(ManualClock::new());
    let (audio, rx) = Audio::recording();
    let runner = SessionRunner::start(session, parts(&clock, audio), RunOn::Stepped);
    (runner, clock, rx)
}

fn parts(clock: &Arc<ManualClock>, audio: Audio) -> RunnerParts {
    let clock_dyn: Arc<dyn Clock> = clock.clone();
    RunnerParts {
        meta: SessionMeta {
            id: "s".to_owned(),
            routine: RoutineRef {
                id: "r".into(),
                name: "R".into(),
                times_per_day: 1,
            },
            started_at: LocalTimestamp::from_zoned(&clock.wall()),
            pain_before: None,
            arm: None,
        },
        cue_settings: CueSettings {
            sound: true,
            spoken: false,
            read_steps: true,
            volume: 1.0,
        },
        clock: clock_dyn,
        audio,
        speaker: Speaker::none(),
        store: None,
        idle: IdleInhibit::none(),
        watchers: Vec::new(),
    }
}

/// Runs the session to its end in 100 ms ticks; returns what the audio
/// thread was asked, each with the ms it was asked at.
fn asked(hold_seconds: u32) -> Vec<(u64, String)> {
    let (mut runner, clock, rx) = runner(hold_seconds);
    let mut asked = Vec::new();
    let read = |asked: &mut Vec<(u64, String)>| {
        let ms = clock.ms_since_base(clock.now());
        asked.extend(rx.try_iter().map(|c| (ms, format!("{c:?}"))));
    };
    read(&mut asked);
    while !runner.view().session.is_finished() {
        clock.advance_ms(100);
        runner.tick();
        runner.receive();
        read(&mut asked);
        assert!(clock.ms_since_base(clock.now()) < 600_000, "{asked:?}");
    }
    asked
}

fn keeps(asked: &[(u64, String)]) -> Vec<(u64, bool)> {
    asked
        .iter()
        .filter_map(|(ms, c)| match c.as_str() {
            "KeepOpen(true)" => Some((*ms, true)),
            "KeepOpen(false)" => Some((*ms, false)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_sound_output_closes_in_a_long_hold_and_opens_again_before_its_end() {
    let asked = asked(60);
    // Getting into position (15 s: kept open, Continue sounds at once),
    // get ready 3 s, the hold from 18 s to 78 s.
    assert_eq!(
        keeps(&asked),
        [(0, true), (18_000, false), (68_000, true), (78_000, false)],
        "{asked:?}"
    );
    // Every cue is sent while the output is kept open, and the hold's
    // start while it is still playing (it closes after that sound).
    for (ms, c) in &asked {
        if c.starts_with("Play") {
            assert!(!(18_000 < *ms && *ms < 68_000), "{ms}: {c}");
        }
    }
}

#[test]
fn a_hold_shorter_than_the_gap_keeps_the_output_open() {
    let asked = asked(20);
    // The hold from 18 s to 38 s: its end is 20 s off at its start.
    assert_eq!(keeps(&asked), [(0, true), (38_000, false)], "{asked:?}");
}

/// A short session (a 1 s hold, 100 ms to get into position and
/// ready) on the system clock, its owner on its own thread.
fn threaded(wake: Option<Wake>) -> (SessionRunner, mpsc::Receiver<Command>) {
    let item = item("short", Position::Sitting, holds(1, 1, 1, 0));
    let config = ScheduleConfig {
        get_ready_ms: 100,
        position_ms: 100,
        between_ms: 100,
    };
    let schedule = Schedule::build(&[item], &config);
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let clock = Arc::new(ManualClock::new());
    let (audio, rx) = Audio::recording();
    let mut parts = parts(&clock, audio);
    parts.clock = Arc::new(crate::session::SystemClock::new());
    (
        SessionRunner::start(session, parts, RunOn::Thread { wake }),
        rx,
    )
}

/// Takes in the owner's news until `done` holds of the view, for at
/// most 10 s; whether it did.
fn until(runner: &mut SessionRunner, done: impl Fn(&SessionView) -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        runner.receive();
        if done(runner.view()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn the_owner_runs_the_session_to_its_end_with_no_one_stepping_it() {
    let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = Arc::clone(&woken);
    let wake: Wake = Arc::new(move || {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let (mut runner, rx) = threaded(Some(wake));
    assert!(runner.on_thread());
    // Nobody calls tick: the owner's thread moves the session on.
    assert!(until(&mut runner, |v| v.session.is_finished()));
    let cues = runner.take_cues();
    assert!(
        cues.iter()
            .any(|c| c.event() == Some(EventKind::SessionEnd)),
        "{cues:?}"
    );
    // Each cue's sound was sent by the owner at its moment.
    let plays = rx
        .try_iter()
        .filter(|c| matches!(c, Command::Play(..)))
        .count();
    assert!(plays >= 3, "{plays} sounds");
    // The front end was woken for each change it was sent.
    assert!(woken.load(std::sync::atomic::Ordering::SeqCst) >= 3);
}

#[test]
fn a_command_is_run_by_the_owner_and_its_view_comes_back() {
    let (mut runner, _rx) = threaded(None);
    runner.send(SessionCommand::PauseOrResume);
    assert!(until(&mut runner, |v| v.session.phase().is_paused()));
    let cues = runner.take_cues();
    assert!(cues.iter().any(|c| c.kind == CueKind::Paused), "{cues:?}");
    // Paused, it stays so: the owner sleeps until told.
    std::thread::sleep(Duration::from_millis(400));
    runner.receive();
    assert!(runner.view().session.phase().is_paused());
    runner.send(SessionCommand::ReportPain);
    assert!(until(&mut runner, |v| v.session.phase().is_final()));
    assert!(
        runner
            .take_cues()
            .iter()
            .any(|c| c.kind == CueKind::StoppedForPain)
    );
}

/// The sounds a stepped session of one `hold_seconds` hold asks for
/// with the device's lead `lead`, stepped in 10 ms ticks, with
/// `command` given `at_ms` in: each as (ms it was sent, ms it is to be
/// heard); and whether a pending sound was cancelled.
fn sounds_sent(
    lead: Option<Duration>,
    commands: &[(u64, SessionCommand)],
) -> (Vec<(u64, u64)>, bool) {
    let item = item("long", Position::Sitting, holds(3, 2, 1, 0));
    let schedule = Schedule::build(&[item], &ScheduleConfig::default());
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let clock = Arc::new(ManualClock::new());
    let (audio, rx) = match lead {
        Some(lead) => Audio::recording_with_lead(lead),
        None => Audio::recording(),
    };
    let mut runner = SessionRunner::start(session, parts(&clock, audio), RunOn::Stepped);
    let mut sent = Vec::new();
    let mut cancelled = false;
    let mut read = |sent: &mut Vec<(u64, u64)>| {
        let ms = clock.ms_since_base(clock.now());
        for c in rx.try_iter() {
            match c {
                Command::Play(_, _, at) => sent.push((ms, clock.ms_since_base(at))),
                Command::CancelPending => cancelled = true,
                _ => {}
            }
        }
    };
    read(&mut sent);
    while !runner.view().session.is_finished() {
        clock.advance_ms(10);
        runner.tick();
        let ms = clock.ms_since_base(clock.now());
        for (_, command) in commands.iter().filter(|(at, _)| *at == ms) {
            runner.send(*command);
        }
        runner.receive();
        read(&mut sent);
        assert!(clock.ms_since_base(clock.now()) < 600_000, "{sent:?}");
    }
    (sent, cancelled)
}

#[test]
fn each_foreseen_cue_is_sent_a_lead_ahead_to_be_heard_on_its_moment() {
    let lead = Duration::from_millis(250);
    let (late, _) = sounds_sent(None, &[]);
    let (ahead, cancelled) = sounds_sent(Some(lead), &[]);
    assert!(!cancelled);
    // The same sounds, each to be heard at its cue's moment; sent
    // ahead (all of them: the start has no sound here), the window's
    // frame allowance after it.
    let allowance = FRAME_ALLOWANCE.as_millis() as u64;
    let moments = |sent: &[(u64, u64)]| sent.iter().map(|(_, at)| *at).collect::<Vec<_>>();
    let expected: Vec<u64> = moments(&late).iter().map(|at| at + allowance).collect();
    assert_eq!(moments(&ahead), expected, "{ahead:?}");
    // Without a lead each is sent when its cue comes (the first, the
    // start, when the session starts); with one, every cue that came
    // by itself was sent the lead and the margin ahead of its moment
    // (to the 10 ms tick).
    assert!(late.iter().all(|(sent, at)| sent == at), "{late:?}");
    let early = (lead + AHEAD_MARGIN).as_millis() as u64;
    for (sent, at) in ahead.iter().skip(1) {
        let moment = at - allowance;
        assert!(
            moment - sent >= early && moment - sent < early + 10,
            "{ahead:?}"
        );
    }
}

#[test]
fn a_pause_within_the_lead_cancels_the_sound_sent_ahead() {
    let lead = Duration::from_millis(250);
    let (plain, _) = sounds_sent(Some(lead), &[]);
    // A cue after the getting ready (the hold's end): its sounds are
    // sent 350 ms ahead; a pause 100 ms before it cancels them, and
    // after the resume 1 s later they are sent again.
    let allowance = FRAME_ALLOWANCE.as_millis() as u64;
    let (sent, heard) = plain
        .iter()
        .copied()
        .find(|(_, at)| at.saturating_sub(allowance) > 18_000)
        .unwrap_or_else(|| panic!("{plain:?}"));
    // The cue's moment (its sound is placed the frame allowance after).
    let due = heard - allowance;
    assert!(sent < due);
    let (paused, cancelled) = sounds_sent(
        Some(lead),
        &[
            (due - 100, SessionCommand::PauseOrResume),
            (due + 900, SessionCommand::PauseOrResume),
        ],
    );
    assert!(cancelled, "{paused:?}");
    // Sent for its old moment; after the resume, with 100 ms left, at
    // once for its new moment, 1 s later.
    assert!(paused.contains(&(sent, heard)), "{paused:?}");
    assert!(paused.contains(&(due + 900, heard + 1000)), "{paused:?}");
    assert_eq!(paused.len(), plain.len() + 2, "{paused:?} {plain:?}");
    // Without the pause nothing is cancelled.
    let (_, cancelled) = sounds_sent(Some(lead), &[]);
    assert!(!cancelled);
}

#[test]
fn what_another_front_end_sends_is_run_at_the_next_tick_and_it_sees_each_view() {
    let clock = Arc::new(ManualClock::new());
    let item = item("long", Position::Sitting, holds(20, 1, 1, 0));
    let schedule = Schedule::build(&[item], &ScheduleConfig::default());
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let (watch, views) = mpsc::channel();
    let mut parts = parts(
        &clock,
        Audio::with_status(crate::app::audio::AudioStatus::Disabled),
    );
    parts.watchers.push(watch);
    let mut watched = SessionRunner::start(session, parts, RunOn::Stepped);
    // The start was published to the watcher.
    assert!(views.try_iter().count() >= 1);
    let remote = watched.remote();
    assert!(remote.send(SessionCommand::PauseOrResume));
    // Not before the tick: a stepped owner runs it then.
    watched.receive();
    assert!(!watched.view().session.phase().is_paused());
    watched.tick();
    watched.receive();
    assert!(watched.view().session.phase().is_paused());
    let seen: Vec<Arc<SessionView>> = views.try_iter().collect();
    assert!(seen.last().is_some_and(|v| v.session.phase().is_paused()));
    // Next, from getting into position (which may end early): it goes on
    // to the next step, the exercise not skipped.
    remote.send(SessionCommand::Resume);
    remote.send(SessionCommand::ContinueOrSkip);
    watched.tick();
    watched.receive();
    let view = watched.view();
    assert!(!view.session.progress()[0].skipped);
    assert!(
        !matches!(
            view.session.step().map(|s| s.kind),
            Some(crate::schedule::StepKind::Position { .. })
        ),
        "{:?}",
        view.session.step()
    );
    // In the hold, which may not end early, Next skips the exercise (the
    // only one: the session ends).
    clock.advance_ms(3_500);
    watched.tick();
    remote.send(SessionCommand::ContinueOrSkip);
    watched.tick();
    watched.receive();
    assert!(watched.view().session.progress()[0].skipped);
    // The runner dropped, the remote finds no one.
    drop(watched);
    assert!(!remote.send(SessionCommand::Pause));
}

/// What a stepped session of a therapist's own exercise (two 3-second
/// holds, a 2-second rest) asks of the audio and speech threads, with
/// spoken guidance on, the device's lead 250 ms and the speech service
/// answering (`service`) or not, `command` given at its ms: the tones
/// and recorded words (ms sent, ms to be heard, sounds) and the speech
/// jobs (ms sent, job).
#[allow(clippy::type_complexity)]
fn spoken_run(
    service: bool,
    commands: &[(u64, SessionCommand)],
) -> (
    Vec<(u64, u64, Vec<crate::assets::Sound>)>,
    Vec<(u64, String)>,
) {
    let mut own = item("own", Position::LyingOnBack, holds(3, 2, 1, 2));
    own.exercise.name = "Gentle chin nods".to_owned();
    own.exercise.steps = vec!["Lie on your back.".to_owned(), "Nod slowly.".to_owned()];
    let schedule = Schedule::build(&[own], &ScheduleConfig::default());
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let clock = Arc::new(ManualClock::new());
    let (audio, sounds) = Audio::recording_with_lead(Duration::from_millis(250));
    let (speaker, jobs) = Speaker::recording();
    let mut parts = parts(&clock, audio);
    parts.cue_settings.spoken = true;
    parts.speaker = if service { speaker } else { Speaker::none() };
    let mut runner = SessionRunner::start(session, parts, RunOn::Stepped);
    let mut played = Vec::new();
    let mut said = Vec::new();
    let read = |played: &mut Vec<_>, said: &mut Vec<_>| {
        let ms = clock.ms_since_base(clock.now());
        for c in sounds.try_iter() {
            if let Command::Play(list, _, at) = c {
                played.push((ms, clock.ms_since_base(at), list));
            }
        }
        for job in jobs.try_iter() {
            let job = match job {
                super::super::speech::Job::Say(text, at) => {
                    format!("{} {text}", clock.ms_since_base(at))
                }
                other => format!("{other:?}"),
            };
            said.push((ms, job));
        }
    };
    read(&mut played, &mut said);
    while !runner.view().session.is_finished() {
        clock.advance_ms(10);
        runner.tick();
        let ms = clock.ms_since_base(clock.now());
        for (_, command) in commands.iter().filter(|(at, _)| *at == ms) {
            runner.send(*command);
        }
        runner.receive();
        read(&mut played, &mut said);
        assert!(ms < 600_000, "{said:?}");
    }
    (played, said)
}

#[test]
fn with_the_speech_service_its_sentences_are_sent_ahead_and_the_tones_stay_in_the_mixer() {
    let (played, said) = spoken_run(true, &[]);
    let said: Vec<(u64, &str)> = said.iter().map(|(ms, j)| (*ms, j.as_str())).collect();
    // The connection held for the session; each sentence sent with its
    // moment, the lead and the margin (350 ms) ahead but the first, said
    // when the session starts.
    assert_eq!(
        said,
        [
            (0, "Keep(true)"),
            (0, "Cancel"),
            (
                0,
                "0 Gentle chin nods. Get into position: lying on your back. Lie on your back. Nod slowly."
            ),
            (14_650, "15000 Get ready."),
            (17_650, "18000 Hold."),
            // A 2-second rest: no room for the count.
            (20_650, "21000 Release and rest."),
            (22_650, "23000 Hold."),
            (25_650, "26000 2 of 2. Release. Session complete."),
            (26_000, "Keep(false)"),
        ]
    );
    // No recorded word is played: the tones only, each on its moment.
    assert!(
        played.iter().all(|(_, _, list)| list
            .iter()
            .all(|s| !matches!(s, crate::assets::Sound::Say(_)))),
        "{played:?}"
    );
    // Sent ahead, each the window's frame allowance after its moment.
    let allowance = FRAME_ALLOWANCE.as_millis() as u64;
    let moments: Vec<u64> = played.iter().map(|(_, at, _)| *at - allowance).collect();
    assert_eq!(
        moments,
        [
            15_000, 16_000, 17_000, 18_000, 21_000, 21_000, 22_000, 23_000, 26_000, 26_000
        ]
    );
}

#[test]
fn with_no_speech_service_the_recorded_words_are_played() {
    let (played, said) = spoken_run(false, &[]);
    assert!(said.is_empty(), "{said:?}");
    let hold = played
        .iter()
        .find(|(_, at, _)| *at == 18_000 + FRAME_ALLOWANCE.as_millis() as u64)
        .unwrap_or_else(|| panic!("{played:?}"));
    assert_eq!(
        hold.2,
        [
            crate::assets::Sound::HoldStart,
            crate::assets::Sound::Say(crate::assets::Speech::Hold)
        ]
    );
}

/// The pain stop in the middle of the first hold: what was sent ahead is
/// cancelled, and "Session stopped" is said at once.
#[test]
fn a_command_cancels_the_speech_and_the_pain_stop_is_said_at_once() {
    let (_, said) = spoken_run(
        true,
        &[
            (16_000, SessionCommand::Pause),
            (16_500, SessionCommand::Resume),
            (19_000, SessionCommand::ReportPain),
        ],
    );
    let after: Vec<(u64, &str)> = said
        .iter()
        .filter(|(ms, _)| *ms >= 16_000)
        .map(|(ms, j)| (*ms, j.as_str()))
        .collect();
    assert_eq!(
        after,
        [
            (16_000, "Cancel"),
            (16_000, "16000 Paused."),
            (16_500, "Cancel"),
            (16_500, "16500 Get ready."),
            // The hold, 0.5 s later now, sent ahead again.
            (18_150, "18500 Hold."),
            (19_000, "Cancel"),
            (19_000, "19000 Session stopped."),
            (19_000, "Keep(false)"),
        ]
    );
}

/// Spoken guidance turned on in Settings mid-session: the speech service
/// is looked for then (its connection held), and its words follow.
#[test]
fn spoken_guidance_turned_on_mid_session_holds_the_speech_service() {
    let item = item("long", Position::Sitting, holds(3, 1, 1, 0));
    let schedule = Schedule::build(&[item], &ScheduleConfig::default());
    let session = match Session::new(schedule, SessionConfig::default()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let clock = Arc::new(ManualClock::new());
    let (audio, _sounds) = Audio::recording();
    let (speaker, jobs) = Speaker::recording();
    let mut parts = parts(&clock, audio);
    parts.speaker = speaker;
    let settings = parts.cue_settings;
    let mut runner = SessionRunner::start(session, parts, RunOn::Stepped);
    assert_eq!(jobs.try_iter().count(), 0, "spoken guidance is off");
    runner.set_cue_settings(CueSettings {
        spoken: true,
        ..settings
    });
    for _ in 0..150 {
        clock.advance_ms(100);
        runner.tick();
    }
    let asked: Vec<String> = jobs.try_iter().map(|j| format!("{j:?}")).collect();
    assert_eq!(
        asked.first().map(String::as_str),
        Some("Keep(true)"),
        "{asked:?}"
    );
    assert!(asked.iter().any(|j| j.contains("Get ready.")), "{asked:?}");
}
