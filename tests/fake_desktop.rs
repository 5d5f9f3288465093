//! A desktop on a private D-Bus session bus, for the tests: a bus daemon of
//! its own (no service activation, so no real portal can start), and a test
//! service that answers as a desktop would and records every call: the
//! settings portal (`org.freedesktop.appearance`), the file-chooser portal
//! and `org.freedesktop.ScreenSaver`.

use std::collections::HashMap;
use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::zvariant::{OwnedValue, Value};

/// Whether the machine has a D-Bus daemon; without one, the tests that
/// need it are skipped on a developer's machine and fail under CI.
pub fn can_run() -> bool {
    crate::common::can_run(&crate::common::missing_tools(&["dbus-daemon"]))
}

/// A bus daemon of the test's own, ended when dropped.
pub struct PrivateBus {
    daemon: Child,
    /// Its address, for `DBUS_SESSION_BUS_ADDRESS` or `Desktop::at`.
    pub address: String,
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    pub fn start() -> PrivateBus {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
                dir.path().display()
            ),
        )
        .unwrap();
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(!line.trim().is_empty(), "dbus-daemon printed no address");
        PrivateBus {
            daemon,
            address: line.trim().to_owned(),
            _dir: dir,
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// What the file dialog answers.
#[derive(Debug, Clone)]
pub enum FileAnswer {
    /// The person chose this URI.
    Uri(String),
    /// The person closed the dialog.
    Cancel,
    /// The dialog failed (response 2).
    Fail,
}

/// What the fake desktop shares with its test.
#[derive(Debug)]
pub struct State {
    /// Every call, in order: "Inhibit neckguide <reason> from <sender>",
    /// "UnInhibit <cookie>", "OpenFile <title> filters <filters>" (with
    /// " directory" when a folder is asked for) " parent <parent window>".
    pub calls: Vec<String>,
    /// `org.freedesktop.appearance` `color-scheme` and `contrast`.
    pub color_scheme: u32,
    pub contrast: u32,
    pub file_answer: FileAnswer,
    next_cookie: u32,
}

/// The fake desktop: owns the portal's and the screen saver's names.
pub struct FakeDesktop {
    pub state: Arc<Mutex<State>>,
    connection: zbus::Connection,
}

struct Settings(Arc<Mutex<State>>);
struct FileChooser(Arc<Mutex<State>>);
struct ScreenSaver(Arc<Mutex<State>>);
struct OpenUri(Arc<Mutex<State>>);

const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl Settings {
    /// As the real portal's old `Read`: the value in a second variant.
    async fn read(&self, namespace: String, key: String) -> zbus::fdo::Result<OwnedValue> {
        let state = self.0.lock().unwrap();
        let value = match (namespace.as_str(), key.as_str()) {
            ("org.freedesktop.appearance", "color-scheme") => state.color_scheme,
            ("org.freedesktop.appearance", "contrast") => state.contrast,
            _ => {
                return Err(zbus::fdo::Error::Failed(format!(
                    "Requested setting not found: {namespace} {key}"
                )));
            }
        };
        Ok(OwnedValue::try_from(Value::Value(Box::new(Value::U32(value)))).unwrap())
    }

    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        1
    }
}

#[zbus::interface(name = "org.freedesktop.portal.OpenURI")]
impl OpenUri {
    /// Records the file handed over, by the start of what it reads.
    async fn open_file(
        &self,
        _parent_window: String,
        fd: zbus::zvariant::OwnedFd,
        _options: HashMap<String, OwnedValue>,
    ) -> zbus::zvariant::OwnedObjectPath {
        use std::io::Read as _;
        let mut file = std::fs::File::from(std::os::fd::OwnedFd::from(fd));
        let mut start = [0u8; 15];
        let read = file.read(&mut start).unwrap_or(0);
        let start = String::from_utf8_lossy(&start[..read]).into_owned();
        self.0
            .lock()
            .unwrap()
            .calls
            .push(format!("OpenURI.OpenFile {start}"));
        zbus::zvariant::OwnedObjectPath::try_from(format!("{PORTAL_PATH}/request/x/open")).unwrap()
    }

    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        4
    }
}

#[zbus::interface(name = "org.freedesktop.portal.FileChooser")]
impl FileChooser {
    async fn open_file(
        &self,
        parent_window: String,
        title: String,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(connection)] connection: &zbus::Connection,
    ) -> zbus::zvariant::OwnedObjectPath {
        let token = options
            .get("handle_token")
            .and_then(|v| String::try_from(v.try_clone().unwrap()).ok())
            .unwrap_or_else(|| "t".to_owned());
        let filters = options
            .get("filters")
            .map(|v| format!("{:?}", **v))
            .unwrap_or_default();
        let directory = match options.get("directory").map(|v| bool::try_from(&**v)) {
            Some(Ok(true)) => " directory",
            _ => "",
        };
        let sender = header
            .sender()
            .map(|s| s.trim_start_matches(':').replace('.', "_"))
            .unwrap_or_default();
        let path = format!("{PORTAL_PATH}/request/{sender}/{token}");
        let answer = {
            let mut state = self.0.lock().unwrap();
            state.calls.push(format!(
                "OpenFile {title} filters {filters}{directory} parent {parent_window}"
            ));
            state.file_answer.clone()
        };
        // The answer comes later, as a Response signal on the request.
        let connection = connection.clone();
        let signal_path = path.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            let mut results: HashMap<&str, Value<'_>> = HashMap::new();
            let response = match &answer {
                FileAnswer::Uri(uri) => {
                    results.insert("uris", Value::new(vec![uri.as_str()]));
                    0u32
                }
                FileAnswer::Cancel => 1,
                FileAnswer::Fail => 2,
            };
            async_io::block_on(connection.emit_signal(
                None::<zbus::names::BusName<'_>>,
                signal_path.as_str(),
                "org.freedesktop.portal.Request",
                "Response",
                &(response, results),
            ))
            .unwrap();
        });
        zbus::zvariant::OwnedObjectPath::try_from(path).unwrap()
    }

    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        4
    }
}

#[zbus::interface(name = "org.freedesktop.ScreenSaver")]
impl ScreenSaver {
    async fn inhibit(
        &self,
        application: String,
        reason: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) -> u32 {
        let mut state = self.0.lock().unwrap();
        state.next_cookie += 1;
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        state
            .calls
            .push(format!("Inhibit {application} {reason} from {sender}"));
        state.next_cookie
    }

    #[zbus(name = "UnInhibit")]
    async fn un_inhibit(&self, cookie: u32) {
        self.0
            .lock()
            .unwrap()
            .calls
            .push(format!("UnInhibit {cookie}"));
    }
}

impl FakeDesktop {
    /// Serves on `bus`: the portal (settings with `color_scheme`, file
    /// chooser answering `file_answer`) when `portal`, the screen saver always.
    pub fn start(
        bus: &PrivateBus,
        portal: bool,
        color_scheme: u32,
        file_answer: FileAnswer,
    ) -> FakeDesktop {
        let state = Arc::new(Mutex::new(State {
            calls: Vec::new(),
            color_scheme,
            contrast: 0,
            file_answer,
            next_cookie: 0,
        }));
        let connection = async_io::block_on(async {
            let mut builder = zbus::connection::Builder::address(bus.address.as_str())?
                .name("org.freedesktop.ScreenSaver")?
                .serve_at(
                    "/org/freedesktop/ScreenSaver",
                    ScreenSaver(Arc::clone(&state)),
                )?;
            if portal {
                builder = builder
                    .name("org.freedesktop.portal.Desktop")?
                    .serve_at(PORTAL_PATH, Settings(Arc::clone(&state)))?
                    .serve_at(PORTAL_PATH, FileChooser(Arc::clone(&state)))?
                    .serve_at(PORTAL_PATH, OpenUri(Arc::clone(&state)))?;
            }
            builder.build().await
        })
        .unwrap();
        FakeDesktop { state, connection }
    }

    /// The calls so far.
    pub fn calls(&self) -> Vec<String> {
        self.state.lock().unwrap().calls.clone()
    }

    /// Waits up to 10 s for `count` calls that start with `prefix`.
    pub fn wait_for(&self, prefix: &str, count: usize) -> Vec<String> {
        self.calls_within(prefix, count, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("no {count}× {prefix} in {:?}", self.calls()))
    }

    /// The calls once `count` of them start with `prefix`, waiting up to
    /// `wait`; `None` if they do not come.
    pub fn calls_within(&self, prefix: &str, count: usize, wait: Duration) -> Option<Vec<String>> {
        let deadline = Instant::now() + wait;
        loop {
            let calls = self.calls();
            if calls.iter().filter(|c| c.starts_with(prefix)).count() >= count {
                return Some(calls);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Changes an `org.freedesktop.appearance` setting, as a person does in
    /// the system's settings: the value, then the SettingChanged signal.
    pub fn set_appearance(&self, key: &str, value: u32) {
        {
            let mut state = self.state.lock().unwrap();
            match key {
                "color-scheme" => state.color_scheme = value,
                "contrast" => state.contrast = value,
                _ => panic!("unknown key {key}"),
            }
        }
        async_io::block_on(self.connection.emit_signal(
            None::<zbus::names::BusName<'_>>,
            PORTAL_PATH,
            "org.freedesktop.portal.Settings",
            "SettingChanged",
            &("org.freedesktop.appearance", key, Value::U32(value)),
        ))
        .unwrap();
    }

    /// Whether `name` (a connection's unique name) is still on the bus.
    pub fn on_bus(&self, name: &str) -> bool {
        let name = zbus::names::BusName::try_from(name).unwrap();
        async_io::block_on(async {
            let dbus = zbus::fdo::DBusProxy::new(&self.connection).await?;
            dbus.name_has_owner(name).await
        })
        .unwrap()
    }
}
