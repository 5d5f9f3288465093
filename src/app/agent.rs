//! The reminder agent (`neckguide remind`): a light process with no window
//! that posts a desktop notification when a session is due.
//!
//! It sleeps until something happens, with no polling loop. Three threads
//! each block on one source and send an [`Event`] to the main loop:
//! - a timer armed at the next reminder's wall-clock instant
//!   (`timerfd` on `CLOCK_REALTIME`, absolute, cancelled when the clock is
//!   set): after a suspend it fires at once, and the model posts at most one
//!   late reminder;
//! - `inotify` on the data folder and its routines: a changed routine,
//!   settings file or log, or a session starting or ending (its checkpoint
//!   appearing or going), is noticed without a restart;
//! - the notification service's answers ("Start now", "In 15 minutes").
//!
//! At each wake the main loop reads the data folder afresh
//! ([`Inputs::read`]), asks [`reminders::next_reminder`] and posts what is
//! due, or re-arms the timer. One agent runs per data folder: it holds a
//! lock on `remind.lock` (which holds its process id, so `remind
//! --uninstall` and the Settings switch can stop it).
//!
//! "Start now" runs this program with `--start`: it opens a window on the
//! check-in, or, when a window is open already, asks that one to come to
//! the front ([`crate::app::raise`]).
//!
//! A change of time zone is taken at the next wake (the timer, a file
//! change or a notification answer), not at the moment it happens.
//!
//! "Now" comes from the [`Clock`] the agent is given, as everywhere in the
//! app: what one wake does ([`Agent::step`], [`Agent::answer`]) is tested on
//! a manual clock with a notification service of the test's own
//! ([`Post`]); the timer, the watch and the bus are tested end to end
//! (`tests/remind_agent.rs`).

use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};

use jiff::{SignedDuration, Timestamp, Zoned};
use rustix::fs::inotify;
use rustix::time::{Itimerspec, TimerfdClockId, TimerfdFlags, TimerfdTimerFlags, Timespec};

use crate::app::notifications::{Answer, Notification, Notifier};
use crate::app::paths::DataDir;
use crate::app::reminders::{AGENT_LOCK_FILE, AgentState, Inputs, STATE_FILE};
use crate::checkin::Advice;
use crate::log::CHECKPOINT_FILE;
use crate::reminders::{self, About, Reminder};
use crate::routine::Routine;
use crate::session::Clock;

/// How long "In 15 minutes" waits.
pub const SNOOZE: SignedDuration = SignedDuration::from_mins(15);
/// The shortest time between two notifications, whatever happens: a guard
/// against a loop, should the model ever say "due" twice. (Picked times
/// may be seconds apart, so it is short.)
const MIN_GAP: SignedDuration = SignedDuration::from_secs(3);

/// Why the agent stopped.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// No notification service on the session bus (said in Settings too).
    #[error("{0}")]
    NoService(String),
    /// The agent could not set itself up.
    #[error("the reminder agent could not start: {0}")]
    Setup(#[from] io::Error),
    /// The session bus went away.
    #[error("the session bus went away; reminders stopped")]
    BusGone,
}

/// What wakes the agent.
#[derive(Debug)]
enum Event {
    /// The timer fired (or the clock was set).
    Timer,
    /// Something changed in the data folder.
    Files,
    /// The notification service said something.
    Answer(Answer),
}

/// Where the agent's notifications go: the desktop's notification service
/// ([`Notifier`]), or, in tests, a record of them.
pub trait Post {
    /// Posts `notification`; returns its id, or what went wrong in words.
    fn post(&mut self, notification: &Notification) -> Result<u32, String>;
    /// Takes notification `id` off the screen.
    fn close(&mut self, id: u32) -> Result<(), String>;
}

impl Post for Notifier {
    fn post(&mut self, notification: &Notification) -> Result<u32, String> {
        Notifier::post(self, notification).map_err(|e| e.to_string())
    }

    fn close(&mut self, id: u32) -> Result<(), String> {
        Notifier::close(self, id).map_err(|e| e.to_string())
    }
}

/// Runs the agent on `dir` until it is stopped, with the time from
/// `clock`. When another agent runs on the folder already, says so on
/// `err` and returns at once.
pub fn run(dir: &DataDir, clock: Arc<dyn Clock>, err: &mut dyn Write) -> Result<(), AgentError> {
    std::fs::create_dir_all(dir.root())?;
    let Some(_lock) = take_lock(dir)? else {
        let _ = writeln!(
            err,
            "neckguide: a reminder agent already runs for {}",
            dir.root().display()
        );
        return Ok(());
    };
    let mut state = AgentState::load(dir);
    let notifier = match Notifier::connect() {
        Ok(n) => n,
        Err(text) => {
            state.problem = Some(text.clone());
            let _ = state.save(dir);
            return Err(AgentError::NoService(text));
        }
    };
    state.problem = None;
    let mut agent = Agent::new(dir, clock, notifier, state);
    agent.save(err);

    let (tx, rx) = mpsc::channel();
    let timer = Arc::new(
        rustix::time::timerfd_create(TimerfdClockId::Realtime, TimerfdFlags::CLOEXEC)
            .map_err(io::Error::from)?,
    );
    spawn_timer_thread(Arc::clone(&timer), tx.clone())?;
    let watch = Watch::start(dir, tx.clone())?;
    let answers = tx.clone();
    agent
        .poster
        .listen(move |a| {
            let _ = answers.send(Event::Answer(a));
        })
        .map_err(|e| AgentError::Setup(io::Error::other(e)))?;
    drop(tx);

    loop {
        watch.follow_routine_folders();
        let wake_at = agent.step(err);
        arm(&timer, wake_at.as_ref())?;
        let Ok(event) = rx.recv() else {
            return Err(AgentError::BusGone);
        };
        match event {
            Event::Timer | Event::Files => {}
            Event::Answer(Answer::BusGone) => return Err(AgentError::BusGone),
            Event::Answer(Answer::Action { id, key }) if id == agent.last_id && id != 0 => {
                agent.answer(&key, err);
            }
            Event::Answer(Answer::Closed { id }) if Some(id) == agent.open => agent.open = None,
            Event::Answer(_) => {}
        }
    }
}

/// Takes the agent's lock on `dir` and writes this process's id in it;
/// `None` when another agent holds it.
fn take_lock(dir: &DataDir) -> io::Result<Option<File>> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.root().join(AGENT_LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(None),
        Err(TryLockError::Error(e)) => return Err(e),
    }
    file.set_len(0)?;
    write!(file, "{}", std::process::id())?;
    Ok(Some(file))
}

/// The agent's state between wakes: what one wake does, with no timer,
/// watch or bus of its own.
struct Agent<P> {
    dir: DataDir,
    clock: Arc<dyn Clock>,
    poster: P,
    state: AgentState,
    last_post: Option<Timestamp>,
    /// The id of the last notification posted (answers to others are not
    /// ours; the next one replaces it).
    last_id: u32,
    /// The notification on screen, until it is answered, a session starts
    /// or the service says it closed.
    open: Option<u32>,
    /// The problems said already (each is said once).
    said: HashSet<String>,
}

impl<P: Post> Agent<P> {
    /// The agent on `dir`, with the time from `clock`, posting through
    /// `poster`, from `state` (as saved by the last agent).
    fn new(dir: &DataDir, clock: Arc<dyn Clock>, poster: P, state: AgentState) -> Self {
        Self {
            dir: dir.clone(),
            clock,
            poster,
            state,
            last_post: None,
            last_id: 0,
            open: None,
            said: HashSet::new(),
        }
    }

    /// Posts what is due now, and returns when to wake next (`None`: only
    /// a change in the data folder can bring a reminder).
    fn step(&mut self, err: &mut dyn Write) -> Option<Zoned> {
        loop {
            let inputs = Inputs::read(&self.dir);
            for problem in &inputs.problems {
                self.say(problem, err);
            }
            // A session started (from the notification, the window or
            // anywhere): its reminder has done its work.
            if inputs.session_running {
                self.close_open(err);
            }
            let now = self.clock.wall();
            let standing = inputs.standing(now.date())?;
            let next = reminders::next_reminder(
                &inputs.settings.reminders,
                standing,
                &now,
                &self.state.memory,
            )?;
            if next.at > now {
                return Some(next.at);
            }
            // Never two notifications within `MIN_GAP`, whatever happens.
            if let Some(last) = self.last_post
                && now.timestamp() < last + MIN_GAP
            {
                return Some((last + MIN_GAP).to_zoned(now.time_zone().clone()));
            }
            self.remind(&inputs, &next, err);
            self.state.memory.last_reminded = Some(now.timestamp());
            self.last_post = Some(now.timestamp());
            self.save(err);
        }
    }

    /// Posts `reminder`, unless a session is running (then it counts as
    /// reminded: the person is at it). A checkpoint left by a killed window
    /// is no running session ([`crate::app::reminders::session_running`]).
    fn remind(&mut self, inputs: &Inputs, reminder: &Reminder, err: &mut dyn Write) {
        if inputs.session_running {
            log::info!("a session is running: the reminder is not posted");
            return;
        }
        let Some(routine) = &inputs.routine else {
            return;
        };
        let notification = match reminder.about {
            About::Session(session) => session_notification(routine, session, reminder.late),
            About::SeeDoctor => {
                let advice = inputs
                    .settings
                    .daily_check
                    .as_ref()
                    .map_or(Advice::SeeDoctorSoon, |c| Advice::for_signs(&c.yes));
                Notification {
                    summary: "Please see your doctor".to_owned(),
                    body: format!(
                        "Today you answered yes to a warning sign, so there is no exercise session today. {}",
                        advice.message()
                    ),
                    actions: Vec::new(),
                    replaces: 0,
                    sound: false,
                }
            }
        };
        let notification = Notification {
            replaces: self.last_id,
            sound: inputs.settings.sound,
            ..notification
        };
        match self.poster.post(&notification) {
            Ok(id) => {
                self.last_id = id;
                self.open = Some(id);
            }
            Err(e) => self.say(&format!("A reminder could not be shown: {e}"), err),
        }
    }

    /// Takes the notification on screen away, if there is one.
    fn close_open(&mut self, err: &mut dyn Write) {
        if let Some(id) = self.open.take()
            && let Err(e) = self.poster.close(id)
        {
            self.say(&format!("A reminder could not be closed: {e}"), err);
        }
    }

    /// The person pressed a button of the last notification: it is
    /// answered, so it goes (a service may keep it on screen otherwise).
    fn answer(&mut self, key: &str, err: &mut dyn Write) {
        match key {
            "start" => {
                self.close_open(err);
                if let Err(e) = start_window(&self.dir) {
                    self.say(&format!("The window could not be opened: {e}"), err);
                }
            }
            "snooze" => {
                self.close_open(err);
                self.state.memory.snoozed_until = Some(self.clock.wall().timestamp() + SNOOZE);
                self.save(err);
                // An open window's "Next session at" shows it.
                crate::app::raise::tell_window(&self.dir, &self.state.memory);
            }
            _ => {}
        }
    }

    fn save(&mut self, err: &mut dyn Write) {
        if let Err(e) = self.state.save(&self.dir) {
            self.say(
                &format!(
                    "What was reminded could not be saved in {} ({e}); after a restart a missed reminder may come once more.",
                    self.dir.root().join(STATE_FILE).display()
                ),
                err,
            );
        }
    }

    /// Says `text` on `err`, once.
    fn say(&mut self, text: &str, err: &mut dyn Write) {
        if self.said.insert(text.to_owned()) {
            let _ = writeln!(err, "neckguide remind: {text}");
        }
    }
}

/// The notification for session `session` (0-based) of `routine`.
pub fn session_notification(routine: &Routine, session: u32, late: bool) -> Notification {
    let names: Vec<&str> = routine
        .due_items(session)
        .into_iter()
        .map(|i| i.exercise.name.as_str())
        .collect();
    let n = routine.times_per_day;
    let which = if session < n {
        format!("session {} of {n} today", session + 1)
    } else {
        "an extra session".to_owned()
    };
    let late = if late { " (its time has passed)" } else { "" };
    Notification {
        summary: "Time for your neck exercises".to_owned(),
        body: format!("{}: {which}{late}. {}.", routine.name, names.join(", ")),
        actions: vec![("start", "Start now"), ("snooze", "In 15 minutes")],
        replaces: 0,
        sound: false,
    }
}

/// Runs this program with `--start` on `dir`: a window on the check-in, or
/// the open window brought to the front.
fn start_window(dir: &DataDir) -> io::Result<()> {
    let exe = std::env::current_exe()?;
    let mut child = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(dir.root())
        .arg("--start")
        .stdin(std::process::Stdio::null())
        .spawn()?;
    std::thread::Builder::new()
        .name("window-reaper".to_owned())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}

/// Arms the timer at `at` (wall clock, absolute), or disarms it.
fn arm(timer: &OwnedFd, at: Option<&Zoned>) -> io::Result<()> {
    let value = match at {
        Some(at) => {
            let t = at.timestamp();
            Timespec {
                tv_sec: t.as_second().max(1),
                tv_nsec: i64::from(t.subsec_nanosecond().max(0)),
            }
        }
        None => Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
    };
    let spec = Itimerspec {
        it_interval: Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        it_value: value,
    };
    rustix::time::timerfd_settime(
        timer,
        TimerfdTimerFlags::ABSTIME | TimerfdTimerFlags::CANCEL_ON_SET,
        &spec,
    )?;
    Ok(())
}

/// Blocks on the timer and sends [`Event::Timer`] each time it fires or
/// the clock is set.
fn spawn_timer_thread(timer: Arc<OwnedFd>, tx: Sender<Event>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("reminder-timer".to_owned())
        .spawn(move || {
            let mut buf = [0u8; 8];
            loop {
                match rustix::io::read(&*timer, &mut buf) {
                    Ok(_) | Err(rustix::io::Errno::CANCELED) => {
                        if tx.send(Event::Timer).is_err() {
                            return;
                        }
                    }
                    Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
                    Err(e) => {
                        log::warn!("the reminder timer failed: {e}");
                        return;
                    }
                }
            }
        })?;
    Ok(())
}

/// The data folder watched with inotify.
struct Watch {
    fd: Arc<OwnedFd>,
    routines: std::path::PathBuf,
}

impl Watch {
    const DIR_EVENTS: inotify::WatchFlags = inotify::WatchFlags::CLOSE_WRITE
        .union(inotify::WatchFlags::MODIFY)
        .union(inotify::WatchFlags::MOVED_TO)
        .union(inotify::WatchFlags::MOVED_FROM)
        .union(inotify::WatchFlags::CREATE)
        .union(inotify::WatchFlags::DELETE)
        .union(inotify::WatchFlags::DELETE_SELF)
        .union(inotify::WatchFlags::MOVE_SELF);

    /// Watches `dir` and its routines, sending [`Event::Files`] on `tx`.
    fn start(dir: &DataDir, tx: Sender<Event>) -> io::Result<Self> {
        let fd = Arc::new(inotify::init(inotify::CreateFlags::CLOEXEC)?);
        inotify::add_watch(&*fd, dir.root(), Self::DIR_EVENTS)?;
        let watch = Self {
            fd: Arc::clone(&fd),
            routines: dir.routines(),
        };
        watch.follow_routine_folders();
        let checkpoint = dir.root().join(CHECKPOINT_FILE);
        std::thread::Builder::new()
            .name("data-folder-watch".to_owned())
            .spawn(move || {
                let mut buf = [std::mem::MaybeUninit::uninit(); 4096];
                let mut reader = inotify::Reader::new(&*fd, &mut buf);
                let mut checkpoint_there = checkpoint.exists();
                loop {
                    let event = match reader.next() {
                        Ok(e) => e,
                        Err(rustix::io::Errno::INTR) => continue,
                        Err(e) => {
                            log::warn!("watching the data folder failed: {e}");
                            return;
                        }
                    };
                    let name = event
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let wake = match name.as_str() {
                        // Our own files and temporary files.
                        STATE_FILE | AGENT_LOCK_FILE => false,
                        n if n.starts_with('.') => false,
                        // A checkpoint is replaced every few seconds: only
                        // its coming and going matter.
                        CHECKPOINT_FILE => {
                            let there = checkpoint.exists();
                            std::mem::replace(&mut checkpoint_there, there) != there
                        }
                        _ => true,
                    };
                    if wake && tx.send(Event::Files).is_err() {
                        return;
                    }
                }
            })?;
        Ok(watch)
    }

    /// Adds the routines folder and each routine's folder (a routine
    /// imported since the last wake gets its watch here). Missing ones are
    /// skipped: the data folder's watch sees them appear.
    fn follow_routine_folders(&self) {
        if inotify::add_watch(self.fd.as_fd(), &self.routines, Self::DIR_EVENTS).is_err() {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.routines) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = inotify::add_watch(self.fd.as_fd(), entry.path(), Self::DIR_EVENTS);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! What one wake of the agent does, on a manual clock: no timer, no
    //! watch, no bus and no waiting. The real timer, watch and bus are
    //! tested end to end in `tests/remind_agent.rs`.

    use super::*;
    use crate::session::ManualClock;
    use std::time::Duration;

    /// A notification service of the test's own: keeps what is posted,
    /// and the ids closed.
    #[derive(Default)]
    struct Kept(Vec<Notification>, Vec<u32>);

    impl Post for Kept {
        fn post(&mut self, notification: &Notification) -> Result<u32, String> {
            self.0.push(notification.clone());
            Ok(u32::try_from(self.0.len()).unwrap_or(u32::MAX))
        }

        fn close(&mut self, id: u32) -> Result<(), String> {
            self.1.push(id);
            Ok(())
        }
    }

    /// 2026-11-23 (a Monday) at `time`, at +01:00.
    fn at(time: &str) -> Zoned {
        let text = format!("2026-11-23T{time}+01:00[+01:00]");
        match text.parse() {
            Ok(t) => t,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    /// A data folder with `settings`, and an agent on it whose clock stands
    /// at 07:59:55.
    fn agent_with(settings: &serde_json::Value) -> (tempfile::TempDir, ManualClock, Agent<Kept>) {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path());
        std::fs::write(dir.settings(), settings.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let clock = ManualClock::new().with_wall(at("07:59:55"));
        let agent = Agent::new(
            &dir,
            Arc::new(clock.clone()),
            Kept::default(),
            AgentState::default(),
        );
        (tmp, clock, agent)
    }

    /// Moves `clock` on to `time` (the same day, later).
    fn move_to(clock: &ManualClock, time: &str) {
        let by = clock.wall().duration_until(&at(time));
        clock.advance(Duration::try_from(by).unwrap_or_default());
    }

    /// A log line: a completed session of the daily routine at 08:00.
    fn completed(id: &str) -> String {
        serde_json::json!({
            "v": 1, "id": id, "started_at": "2026-11-23T08:00:00+01:00",
            "ended_at": "2026-11-23T08:00:05+01:00",
            "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3},
            "outcome": "completed", "pain_before": 3, "pain_after": 2,
            "arm_symptoms": false, "note": "",
            "exercises": [{"id": "seated-retraction", "done": 5, "prescribed": 5, "skipped": false}]
        })
        .to_string()
            + "\n"
    }

    fn write(path: std::path::PathBuf, text: &str) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn reminders_come_at_their_times_not_during_a_session_nor_when_done_and_snooze_waits_15_minutes()
     {
        let times = ["08:00:00", "08:00:10", "08:00:20"];
        let (tmp, clock, mut agent) = agent_with(&serde_json::json!({
            "routine": "daily-neck-routine",
            "reminders": {"picked": times},
        }));
        let mut err = Vec::new();
        // Before the first: the timer is set for it, nothing posted.
        assert_eq!(agent.step(&mut err), Some(at(times[0])));
        assert!(agent.poster.0.is_empty());
        // At the first, a session runs (its checkpoint, and a window's lock
        // on the log): not posted, but it counts.
        let window = crate::log::LogStore::open(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        write(tmp.path().join(CHECKPOINT_FILE), "{}");
        move_to(&clock, times[0]);
        assert_eq!(agent.step(&mut err), Some(at(times[1])));
        assert!(agent.poster.0.is_empty());
        // The session ends and is in the log: the second is posted at its
        // time, session 2 of 3 with both buttons.
        std::fs::remove_file(tmp.path().join(CHECKPOINT_FILE)).unwrap_or_else(|e| panic!("{e}"));
        write(tmp.path().join("sessions.jsonl"), &completed("a"));
        drop(window);
        move_to(&clock, times[1]);
        assert_eq!(agent.step(&mut err), Some(at(times[2])));
        let posted = agent.poster.0.clone();
        assert_eq!(posted.len(), 1);
        assert_eq!(posted[0].summary, "Time for your neck exercises");
        assert!(
            posted[0].body.contains("session 2 of 3"),
            "{}",
            posted[0].body
        );
        assert!(posted[0].body.contains("Head lifts"), "{}", posted[0].body);
        assert_eq!(
            posted[0].actions,
            [("start", "Start now"), ("snooze", "In 15 minutes")]
        );
        // Sessions 2 and 3 done before the third time: it is not posted.
        write(
            tmp.path().join("sessions.jsonl"),
            &(completed("a") + &completed("b") + &completed("c")),
        );
        move_to(&clock, times[2]);
        let _ = agent.step(&mut err);
        assert_eq!(agent.poster.0.len(), 1);
        // "In 15 minutes": fifteen minutes from the clock's now, kept.
        agent.answer("snooze", &mut err);
        let until = AgentState::load(&agent.dir).memory.snoozed_until;
        assert_eq!(until, Some(at(times[2]).timestamp() + SNOOZE));
        assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    }

    /// A reminder answered goes off the screen; the next one replaces it
    /// (never two stacked); one left open goes when a session starts.
    #[test]
    fn an_answered_reminder_is_closed_and_the_next_replaces_it() {
        let times = ["08:00:00", "08:00:10", "08:00:20"];
        let (tmp, clock, mut agent) = agent_with(&serde_json::json!({
            "routine": "daily-neck-routine",
            "reminders": {"picked": times},
        }));
        let mut err = Vec::new();
        move_to(&clock, times[0]);
        let _ = agent.step(&mut err);
        agent.answer("snooze", &mut err);
        assert_eq!(agent.poster.1, [1], "closed when snoozed");
        move_to(&clock, times[1]);
        let _ = agent.step(&mut err);
        assert_eq!(agent.poster.0.len(), 2);
        assert_eq!(agent.poster.0[1].replaces, 1, "replaces the first");
        // ("Start now" closes it the same way: tests/remind_agent.rs,
        // where the window it opens is real.)
        agent.answer("snooze", &mut err);
        assert_eq!(agent.poster.1, [1, 2]);
        // Not answered: it goes when a session starts, once.
        move_to(&clock, times[2]);
        let _ = agent.step(&mut err);
        assert_eq!(agent.poster.0.len(), 3);
        let window = crate::log::LogStore::open(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
        write(tmp.path().join(CHECKPOINT_FILE), "{}");
        let _ = agent.step(&mut err);
        let _ = agent.step(&mut err);
        assert_eq!(agent.poster.1, [1, 2, 3]);
        drop(window);
        assert!(
            !String::from_utf8_lossy(&err).contains("could not be closed"),
            "{}",
            String::from_utf8_lossy(&err)
        );
    }

    /// The reminder sounds as the person's "Sound" setting says.
    #[test]
    fn a_reminder_sounds_only_with_sound_on() {
        for sound in [true, false] {
            let (_tmp, clock, mut agent) = agent_with(&serde_json::json!({
                "routine": "daily-neck-routine",
                "reminders": {"picked": ["08:00:00"]},
                "sound": sound,
            }));
            move_to(&clock, "08:00:00");
            let _ = agent.step(&mut Vec::new());
            assert_eq!(agent.poster.0.len(), 1);
            assert_eq!(agent.poster.0[0].sound, sound);
        }
    }

    /// A window killed during a session leaves its checkpoint but not its
    /// lock on the log: no session runs, and the reminder comes.
    #[test]
    fn a_killed_windows_checkpoint_does_not_silence_reminders() {
        let (tmp, clock, mut agent) = agent_with(&serde_json::json!({
            "routine": "daily-neck-routine",
            "reminders": {"picked": ["08:00:00"]},
        }));
        write(tmp.path().join(CHECKPOINT_FILE), "{}");
        move_to(&clock, "08:00:00");
        let _ = agent.step(&mut Vec::new());
        assert_eq!(agent.poster.0.len(), 1);
        assert!(agent.poster.0[0].body.contains("session 1 of 3"));
    }

    #[test]
    fn on_a_warning_sign_day_one_reminder_says_to_see_the_doctor() {
        let (_tmp, clock, mut agent) = agent_with(&serde_json::json!({
            "routine": "gentle-neck-routine",
            "reminders": {"picked": ["08:00:00", "08:00:10"]},
            "daily_check": {
                "date": "2026-11-23",
                "yes": ["worsening_weakness_or_numbness"],
                "cleared": false
            },
        }));
        for time in ["08:00:00", "08:00:10", "12:00:00"] {
            move_to(&clock, time);
            let _ = agent.step(&mut Vec::new());
        }
        let posted = &agent.poster.0;
        assert_eq!(
            posted.len(),
            1,
            "one reminder on a warning-sign day: {posted:#?}"
        );
        assert_eq!(posted[0].summary, "Please see your doctor");
        assert!(posted[0].body.contains("no exercise session today"));
        assert!(posted[0].actions.is_empty(), "no 'Start now' on such a day");
    }

    /// A settings file damaged at each wake is said once, and the defaults
    /// (every day, 08:00 to 20:00) bring at most one late reminder.
    #[test]
    fn damaged_settings_are_said_once_and_flood_nothing() {
        let (tmp, clock, mut agent) = agent_with(&serde_json::json!({}));
        write(tmp.path().join("settings.json"), "{\"reminders\": ");
        let mut err = Vec::new();
        for time in ["09:00:00", "09:00:01", "09:00:02", "09:00:03"] {
            move_to(&clock, time);
            let _ = agent.step(&mut err);
        }
        let said = String::from_utf8_lossy(&err);
        assert_eq!(said.matches("is damaged").count(), 1, "{said}");
        assert!(agent.poster.0.len() <= 1, "{:#?}", agent.poster.0);
    }
}
