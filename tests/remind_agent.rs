//! The reminder agent end to end (issue 13): the real `neckguide remind` on a
//! private session bus (its own `dbus-daemon`), against a small notification
//! server in this process that implements `org.freedesktop.Notifications`
//! and records what it receives, with a reminder time a few seconds away:
//! the real wall-clock timer, the data folder's watch and the bus. Also:
//! one agent per data folder, `--uninstall` stopping it, no notification
//! service, bad input while it runs, and no CPU while idle. What one wake
//! decides is tested on a manual clock, with no waiting, in `app::agent`.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Zoned};
use neckguide::app::desktop::APP_ID;
use neckguide::app::paths::DataDir;
use neckguide::app::raise::ask_window;
use neckguide::app::reminders::AgentState;

use crate::common::neckguide;
use crate::e2e_window::Kill;
use crate::fake_desktop::{self, PrivateBus};

const PATH: &str = "/org/freedesktop/Notifications";
const IFACE: &str = "org.freedesktop.Notifications";

/// One notification received.
#[derive(Debug, Clone)]
struct Posted {
    id: u32,
    replaces: u32,
    summary: String,
    body: String,
    actions: Vec<String>,
    app_icon: String,
    hints: HashMap<String, zbus::zvariant::OwnedValue>,
    at: Zoned,
}

/// The test notification server.
struct Server {
    posted: Arc<Mutex<Vec<Posted>>>,
    /// The ids `CloseNotification` was asked for.
    closed: Arc<Mutex<Vec<u32>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut posted = self.posted.lock().unwrap();
        let id = u32::try_from(posted.len()).unwrap() + 1;
        posted.push(Posted {
            id,
            replaces: replaces_id,
            summary,
            body,
            actions,
            app_icon,
            hints,
            at: Zoned::now(),
        });
        id
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "test-server".into(),
            "neckguide tests".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn close_notification(&self, id: u32) {
        self.closed.lock().unwrap().push(id);
    }
}

/// Serves `org.freedesktop.Notifications` on `bus`.
fn serve(bus: &PrivateBus) -> (zbus::Connection, Arc<Mutex<Vec<Posted>>>) {
    let (conn, posted, _closed) = serve_closing(bus);
    (conn, posted)
}

/// [`serve`], with the ids it was asked to close.
#[allow(clippy::type_complexity)]
fn serve_closing(
    bus: &PrivateBus,
) -> (
    zbus::Connection,
    Arc<Mutex<Vec<Posted>>>,
    Arc<Mutex<Vec<u32>>>,
) {
    let posted = Arc::new(Mutex::new(Vec::new()));
    let closed = Arc::new(Mutex::new(Vec::new()));
    let server = Server {
        posted: Arc::clone(&posted),
        closed: Arc::clone(&closed),
    };
    let conn = async_io::block_on(async {
        zbus::connection::Builder::address(bus.address.as_str())?
            .name(IFACE)?
            .serve_at(PATH, server)?
            .build()
            .await
    })
    .unwrap();
    (conn, posted, closed)
}

/// Presses the button `key` of notification `id`, as a desktop would.
fn press(conn: &zbus::Connection, id: u32, key: &str) {
    async_io::block_on(conn.emit_signal(None::<&str>, PATH, IFACE, "ActionInvoked", &(id, key)))
        .unwrap();
}

/// The agent on `data`, on `bus`, with a private config folder.
fn agent(data: &Path, bus: &str, config: &Path) -> Child {
    neckguide(data)
        .arg("remind")
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("XDG_CONFIG_HOME", config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn posted_now(posted: &Arc<Mutex<Vec<Posted>>>) -> Vec<Posted> {
    posted.lock().unwrap().clone()
}

/// Replaces a file at once (as an editor or the window does), so the agent
/// never reads it half written.
fn replace(path: &Path, text: &str) {
    let tmp = path.with_extension("new");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// The processes whose command line holds `needle` (our temp folder's
/// path, so only what this test started).
fn processes_with(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let text = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if text.contains(needle) && text.contains("--start") {
            found.push(pid);
        }
    }
    found
}

/// Times of day `seconds` from now, as `HH:MM:SS`. Waits past midnight
/// when the times would cross it.
fn times_from_now(seconds: &[i64]) -> (Zoned, Vec<String>) {
    let last = seconds.iter().max().copied().unwrap_or(0) + 5;
    loop {
        // Whole seconds, as the times are written.
        let now = Zoned::now()
            .round(
                jiff::ZonedRound::new()
                    .smallest(jiff::Unit::Second)
                    .mode(jiff::RoundMode::Trunc),
            )
            .unwrap();
        let end = now.saturating_add(SignedDuration::from_secs(last));
        if end.date() == now.date() {
            let times = seconds
                .iter()
                .map(|s| {
                    now.saturating_add(SignedDuration::from_secs(*s))
                        .strftime("%H:%M:%S")
                        .to_string()
                })
                .collect();
            return (now, times);
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// The real timer, the real bus: a reminder comes on time through the
/// wall-clock timerfd, with both buttons, and the buttons are heard. What a
/// wake does (no reminder during a session, none when the sessions are
/// done, one on a warning-sign day, a killed window's checkpoint) is tested
/// on a manual clock in `app::agent`.
#[test]
fn a_reminder_arrives_on_time_and_its_buttons_snooze_and_open_one_window() {
    if !fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let (server, posted, closed) = serve_closing(&bus);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&data).unwrap();
    // Three sessions a day; one reminder, 3 seconds from now.
    let (start, times) = times_from_now(&[3]);
    std::fs::write(
        data.join("settings.json"),
        serde_json::json!({
            "routine": "daily-neck-routine",
            "reminders": {"picked": times},
        })
        .to_string(),
    )
    .unwrap();
    let mut children = Kill(vec![agent(&data, &bus.address, &config)]);
    let at = |s: i64| start.saturating_add(SignedDuration::from_secs(s));

    // On time: session 1 of 3, with both buttons.
    wait_for("the reminder", Duration::from_secs(10), || {
        !posted_now(&posted).is_empty()
    });
    let reminder = posted_now(&posted)[0].clone();
    let late = reminder.at.duration_since(&at(3));
    assert!(
        late >= SignedDuration::ZERO && late < SignedDuration::from_millis(1500),
        "the reminder came {late:?} after its time"
    );
    assert_eq!(reminder.summary, "Time for your neck exercises");
    assert!(
        reminder.body.contains("session 1 of 3"),
        "{}",
        reminder.body
    );
    assert_eq!(reminder.replaces, 0);
    assert_eq!(
        reminder.actions,
        ["start", "Start now", "snooze", "In 15 minutes"]
    );
    // The installed icon, its own category, normal urgency and, as the
    // person has sound on, the desktop's new-message sound.
    assert_eq!(reminder.app_icon, APP_ID);
    let hint = |key: &str| {
        reminder
            .hints
            .get(key)
            .map(|v| format!("{:?}", &**v))
            .unwrap_or_default()
    };
    assert_eq!(hint("category"), "Str(\"x-neckguide.reminder\")");
    assert_eq!(hint("urgency"), "U8(1)");
    assert_eq!(hint("sound-name"), "Str(\"message-new-instant\")");
    assert_eq!(hint("desktop-entry"), format!("Str(\"{APP_ID}\")"));

    // "In 15 minutes": kept in the agent's state.
    press(&server, reminder.id, "snooze");
    let dir = DataDir::new(&data);
    wait_for("the snooze", Duration::from_secs(5), || {
        AgentState::load(&dir).memory.snoozed_until.is_some()
    });
    let until = AgentState::load(&dir).memory.snoozed_until.unwrap();
    let in_minutes = until.duration_since(jiff::Timestamp::now()).as_secs_f64() / 60.0;
    assert!((14.5..=15.0).contains(&in_minutes), "{in_minutes} minutes");
    // Answered, it is taken off the screen.
    wait_for("CloseNotification", Duration::from_secs(5), || {
        closed.lock().unwrap().contains(&reminder.id)
    });
    // The snooze is the next reminder, `remind --next` lists it first.
    let next = neckguide(&data)
        .args(["remind", "--next", "--json"])
        .output()
        .unwrap();
    assert!(next.status.success());
    let next: serde_json::Value = serde_json::from_slice(&next.stdout).unwrap();
    let first = &next["reminders"][0];
    let said = until
        .to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    assert_eq!(first["at"], said.as_str(), "{next}");
    assert_eq!(first["snoozed"], true, "{next}");
    assert_eq!(next["reminders"][1]["snoozed"], false, "{next}");

    // A second agent on the same folder exits at once.
    let other = neckguide(&data)
        .arg("remind")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .output()
        .unwrap();
    assert!(other.status.success());
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("already runs"),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
    // `remind --install` sees it and says so.
    let install = neckguide(&data)
        .args(["remind", "--install"])
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&install.stdout)
            .contains("the reminder agent was running already."),
        "{}",
        String::from_utf8_lossy(&install.stdout)
    );

    // "Start now" opens the window (it answers on its socket); pressed
    // again, the same window comes to the front and no second one stays.
    if std::env::var_os("DISPLAY").is_some() {
        // The window takes the X focus: not while another test types.
        let _display = crate::e2e_window::DISPLAY_LOCK
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        // A second reminder, 2 seconds from now, replaces the first.
        let (_, soon) = times_from_now(&[2]);
        replace(
            &data.join("settings.json"),
            &serde_json::json!({
                "routine": "daily-neck-routine",
                "reminders": {"picked": [times[0], soon[0]]},
            })
            .to_string(),
        );
        wait_for("the second reminder", Duration::from_secs(10), || {
            posted_now(&posted).len() == 2
        });
        let second = posted_now(&posted)[1].clone();
        assert_eq!(second.replaces, reminder.id, "replaced, not stacked");
        press(&server, second.id, "start");
        wait_for("CloseNotification", Duration::from_secs(5), || {
            closed.lock().unwrap().contains(&second.id)
        });
        wait_for("the window", Duration::from_secs(60), || ask_window(&dir));
        let needle = data.to_string_lossy().into_owned();
        let windows = processes_with(&needle);
        assert_eq!(windows.len(), 1, "{windows:?}");
        press(&server, second.id, "start");
        std::thread::sleep(Duration::from_secs(3));
        assert_eq!(processes_with(&needle), windows, "still one window");
        for pid in windows {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    } else if crate::common::in_ci() {
        panic!("\"Start now\" needs an X display (run under xvfb-run, as `make test` does)");
    } else {
        eprintln!("\"Start now\" not checked: no X display");
    }

    // `remind --uninstall` stops the agent.
    let out = neckguide(&data)
        .args(["remind", "--uninstall"])
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("the reminder agent was stopped"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let agent = &mut children.0[0];
    wait_for("the agent to stop", Duration::from_secs(5), || {
        agent.try_wait().unwrap().is_some()
    });
    let mut stderr = String::new();
    agent
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let reminders = if std::env::var_os("DISPLAY").is_some() {
        2
    } else {
        1
    };
    assert_eq!(
        posted_now(&posted).len(),
        reminders,
        "nothing more was posted"
    );

    // With none running, `remind --install` starts one and sees it run.
    let remind = |arg: &str| {
        let out = neckguide(&data)
            .args(["remind", arg])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("XDG_CONFIG_HOME", &config)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = remind("--install");
    assert!(said.contains("the reminder agent is running."), "{said}");
    let said = remind("--uninstall");
    assert!(said.contains("the reminder agent was stopped"), "{said}");
}

#[test]
fn bad_input_while_running_is_said_once_and_floods_nothing() {
    if !fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let (_server, posted) = serve(&bus);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let config = tmp.path().join("config");
    // An imported routine, chosen, and no reminder day.
    let routine_dir = data.join("routines").join("my-routine");
    std::fs::create_dir_all(&routine_dir).unwrap();
    let preset = std::fs::read_to_string(
        crate::common::repo_root().join("exercises/routines/gentle-neck-routine.json"),
    )
    .unwrap();
    let mine = preset.replacen("\"gentle-neck-routine\"", "\"my-routine\"", 1);
    assert_ne!(mine, preset);
    std::fs::write(routine_dir.join("my-routine.json"), mine).unwrap();
    let quiet = serde_json::json!({"routine": "my-routine", "reminders": {"days": []}}).to_string();
    std::fs::write(data.join("settings.json"), &quiet).unwrap();
    let mut children = Kill(vec![agent(&data, &bus.address, &config)]);
    std::thread::sleep(Duration::from_secs(2));
    assert!(posted_now(&posted).is_empty());

    // A broken settings file, written three times: the defaults apply
    // (every day, 08:00 to 20:00), so at most one missed reminder comes.
    for _ in 0..3 {
        replace(&data.join("settings.json"), "{\"reminders\": ");
        std::thread::sleep(Duration::from_millis(700));
    }
    std::thread::sleep(Duration::from_secs(1));
    assert!(posted_now(&posted).len() <= 1, "{:#?}", posted_now(&posted));
    // The routine file deleted while it runs.
    replace(&data.join("settings.json"), &quiet);
    std::thread::sleep(Duration::from_millis(500));
    std::fs::remove_dir_all(data.join("routines")).unwrap();
    std::thread::sleep(Duration::from_secs(2));
    assert!(posted_now(&posted).len() <= 1, "{:#?}", posted_now(&posted));

    let agent = &mut children.0[0];
    assert!(agent.try_wait().unwrap().is_none(), "the agent still runs");
    agent.kill().unwrap();
    agent.wait().unwrap();
    let mut stderr = String::new();
    agent
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr.matches("is damaged").count(),
        1,
        "said once: {stderr}"
    );
    assert_eq!(
        stderr
            .matches("The routine you chose (my-routine) is no longer found")
            .count(),
        1,
        "said once: {stderr}"
    );
}

#[test]
fn with_no_notification_service_the_agent_says_so_in_settings_and_exits() {
    if !fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = neckguide(&data)
        .arg("remind")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no desktop notification service"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let problem = AgentState::load(&DataDir::new(&data)).problem.unwrap();
    assert!(problem.contains("Reminders cannot be shown"), "{problem}");
    // In words, with what to do: not the bus's error names.
    assert!(
        problem.contains("no desktop notification service is running")
            && problem.contains("such as dunst or mako")
            && !problem.contains("org.freedesktop"),
        "{problem}"
    );
    // The window shows it in Settings (see ui_flows), and still the time.
    let app = neckguide::app::App::open(neckguide::app::AppOptions::stepped(
        Some(DataDir::new(&data)),
        Arc::new(neckguide::session::ManualClock::new()),
    ));
    assert_eq!(app.reminder_problem(), Some(problem.as_str()));
    assert!(app.next_session_at().is_some());
}

/// Clock ticks spent by process `pid` (user + system), from `/proc`.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces) ends with ')'.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// A `/proc/PID/status` value in kB.
fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Between reminders the agent sleeps: no CPU at all over an idle spell
/// (`NECKGUIDE_IDLE_SECONDS`, 20 by default; 600 for the ten
/// minutes), and little memory of its own.
#[test]
fn the_agent_idles_without_cpu_and_with_little_memory() {
    if !fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let (_server, posted) = serve(&bus);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // A reminder a minute ago, reminded already: the timer is armed for
    // tomorrow, nothing is due.
    let (_, times) = times_from_now(&[-60]);
    std::fs::write(
        data.join("settings.json"),
        serde_json::json!({"reminders": {"picked": times}}).to_string(),
    )
    .unwrap();
    std::fs::write(
        data.join("reminders.json"),
        serde_json::json!({"memory": {"last_reminded": jiff::Timestamp::now().to_string()}})
            .to_string(),
    )
    .unwrap();
    let mut children = Kill(vec![agent(&data, &bus.address, &tmp.path().join("config"))]);
    let pid = children.0[0].id();
    wait_for("the agent to settle", Duration::from_secs(20), || {
        data.join("remind.lock").exists()
    });
    std::thread::sleep(Duration::from_secs(2));
    let seconds: u64 = std::env::var("NECKGUIDE_IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(seconds));
    let after = cpu_ticks(pid);
    let rss = status_kb(pid, "VmRSS:");
    let anon = status_kb(pid, "RssAnon:");
    eprintln!(
        "agent idle {seconds} s: {} clock ticks; VmRSS {rss} kB, RssAnon {anon} kB",
        after - before
    );
    assert_eq!(after - before, 0, "the agent used CPU while idle");
    assert!(anon < 5 * 1024, "the agent's own memory: {anon} kB");
    assert!(posted_now(&posted).is_empty());
    assert!(children.0[0].try_wait().unwrap().is_none(), "still running");
}
