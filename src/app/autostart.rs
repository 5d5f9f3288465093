//! Turning reminders on and off: the XDG autostart entry that starts the
//! reminder agent at login (`$XDG_CONFIG_HOME/autostart/`, else
//! `~/.config/autostart/`), and starting or stopping the agent now.
//!
//! Whether reminders are on is whether the entry exists: there is no second
//! switch that could disagree with it.

use std::fs::{self, TryLockError};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::app::paths::DataDir;
use crate::app::reminders::{AGENT_LOCK_FILE, AgentState};

/// What became of an agent started by [`Autostart::start_agent_and_see`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentStart {
    /// It runs: it holds the folder's lock and reached the notification
    /// service.
    Running,
    /// Another agent runs on the folder already (the new one left).
    RanAlready,
    /// It stopped at once: why, in words.
    Stopped(String),
    /// Neither seen within the time given (it may still be connecting).
    NotSeenYet,
}

/// The autostart entry's file name.
pub const ENTRY_FILE: &str = "neckguide-reminders.desktop";

/// The autostart entry for one data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autostart {
    path: PathBuf,
    program: PathBuf,
    data_dir: PathBuf,
}

impl Autostart {
    /// The entry that runs this program's agent on `dir`: in the
    /// autostart folder of `$XDG_CONFIG_HOME` (when set and absolute), else
    /// of `~/.config`.
    pub fn for_data_dir(dir: &DataDir) -> Result<Self, String> {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".config")))
            .ok_or("no home folder was found for the autostart entry")?;
        let exe = std::env::current_exe()
            .map_err(|e| format!("the path of this program is not known ({e})"))?;
        Self::at(&config, &exe, dir)
    }

    /// The entry in `config_dir/autostart/` that runs `program`'s agent on
    /// `dir`.
    pub fn at(config_dir: &Path, program: &Path, dir: &DataDir) -> Result<Self, String> {
        let data_dir = std::path::absolute(dir.root())
            .map_err(|e| format!("the data folder's path is not known ({e})"))?;
        Ok(Self {
            path: config_dir.join("autostart").join(ENTRY_FILE),
            program: program.to_path_buf(),
            data_dir,
        })
    }

    /// The `Exec` line's command.
    fn exec(&self) -> String {
        [
            exec_arg(&self.program.to_string_lossy()),
            "--data-dir".to_owned(),
            exec_arg(&self.data_dir.to_string_lossy()),
            "remind".to_owned(),
        ]
        .join(" ")
    }

    /// Starts the agent now, in the background (the entry's program with
    /// `--data-dir DIR remind`). A second agent on the same folder exits
    /// at once, so this is harmless when one runs already.
    pub fn start_agent(&self) -> io::Result<()> {
        let child = self.spawn_agent()?;
        reap(child)
    }

    fn spawn_agent(&self) -> io::Result<Child> {
        Command::new(&self.program)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .arg("remind")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    }

    /// Starts the agent as [`Autostart::start_agent`] does, and waits up to
    /// `within` to see it running (its state file written by it after it
    /// reached the notification service, with its lock held) or stopped
    /// (then why, from its state file). For `remind --install`, which may
    /// wait; the window does not.
    pub fn start_agent_and_see(&self, within: Duration) -> io::Result<AgentStart> {
        let dir = DataDir::new(&self.data_dir);
        // Less a margin: a file's time comes from the kernel's coarse
        // clock, which may lag this one by a tick (up to 10 ms).
        let started = SystemTime::now() - Duration::from_millis(100);
        let mut child = self.spawn_agent()?;
        let deadline = Instant::now() + within;
        let written_since = || {
            fs::metadata(AgentState::path(&dir))
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= started)
        };
        loop {
            if let Some(status) = child.try_wait()? {
                if status.success() && running_agent(&dir).is_some() {
                    return Ok(AgentStart::RanAlready);
                }
                let state = AgentState::load(&dir);
                let why = state
                    .problem
                    .filter(|_| written_since())
                    .unwrap_or_else(|| format!("It ended with {status}."));
                return Ok(AgentStart::Stopped(why));
            }
            if running_agent(&dir) == Some(child.id())
                && written_since()
                && AgentState::load(&dir).problem.is_none()
            {
                reap(child)?;
                return Ok(AgentStart::Running);
            }
            if Instant::now() >= deadline {
                reap(child)?;
                return Ok(AgentStart::NotSeenYet);
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Where the entry is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry's text.
    pub fn text(&self) -> String {
        format!(
            "[Desktop Entry]\nType=Application\nName=neckguide reminders\nComment=Reminds you of your neck exercises\nExec={}\nIcon={}\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n",
            self.exec(),
            crate::app::desktop::APP_ID
        )
    }

    /// Whether the entry exists (reminders are on).
    pub fn installed(&self) -> bool {
        self.path.is_file()
    }

    /// Writes the entry ([`crate::atomic_file::replace`]).
    pub fn install(&self) -> Result<(), AutostartError> {
        let write = || {
            if let Some(parent) = self.path.parent() {
                fs::create_dir_all(parent)?;
            }
            crate::atomic_file::replace(&self.path, self.text().as_bytes())
        };
        write().map_err(|source| AutostartError {
            path: self.path.display().to_string(),
            action: "written",
            source,
        })
    }

    /// Removes the entry (fine when it is not there).
    pub fn uninstall(&self) -> Result<(), AutostartError> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(AutostartError {
                path: self.path.display().to_string(),
                action: "removed",
                source: e,
            }),
            _ => Ok(()),
        }
    }
}

/// Reaps `child` when it ends, so no zombie is left while this one runs.
fn reap(mut child: Child) -> io::Result<()> {
    std::thread::Builder::new()
        .name("agent-reaper".to_owned())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}

/// The autostart entry could not be written or removed.
#[derive(Debug, thiserror::Error)]
#[error("the autostart entry {path} could not be {action} ({source})")]
pub struct AutostartError {
    path: String,
    action: &'static str,
    source: io::Error,
}

/// One argument of an `Exec` line, quoted as the Desktop Entry
/// specification asks (and `%` doubled, `\` escaped for the file).
fn exec_arg(arg: &str) -> String {
    let mut quoted = String::from("\"");
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' => {
                quoted.push_str("\\\\");
                quoted.push(c);
            }
            '\\' => quoted.push_str("\\\\\\\\"),
            '%' => quoted.push_str("%%"),
            '\n' | '\r' => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether an agent runs on `dir`, and its process id.
pub fn running_agent(dir: &DataDir) -> Option<u32> {
    // Never blocking: a named pipe in its place is no agent's lock.
    let mut file = crate::user_file::open_regular(
        &dir.root().join(AGENT_LOCK_FILE),
        crate::user_file::Links::Follow,
    )
    .ok()?;
    match file.try_lock() {
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            file.read_to_string(&mut text).ok()?;
            text.trim().parse().ok()
        }
        _ => None,
    }
}

/// Stops the agent running on `dir` (SIGTERM to the process holding its
/// lock). `Ok(false)` when none runs.
#[cfg(target_os = "linux")]
pub fn stop_agent(dir: &DataDir) -> io::Result<bool> {
    let Some(pid) = running_agent(dir) else {
        return Ok(false);
    };
    let pid = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .ok_or_else(|| io::Error::other("bad process id in the lock file"))?;
    rustix::process::kill_process(pid, rustix::process::Signal::TERM)?;
    Ok(true)
}

/// Stopping the agent needs Linux.
#[cfg(not(target_os = "linux"))]
pub fn stop_agent(dir: &DataDir) -> io::Result<bool> {
    Ok(running_agent(dir).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_pipe_as_the_agents_lock_is_no_agent_and_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join(AGENT_LOCK_FILE))
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(running_agent(&data), None);
    }

    #[test]
    fn exec_arguments_are_quoted_for_the_desktop_file() {
        assert_eq!(exec_arg("/usr/bin/neckguide"), "\"/usr/bin/neckguide\"");
        assert_eq!(
            exec_arg("/home/a b/100%/x\"$y"),
            "\"/home/a b/100%%/x\\\\\"\\\\$y\""
        );
        assert_eq!(exec_arg("a\\b"), "\"a\\\\\\\\b\"");
    }
}
