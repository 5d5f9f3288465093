//! Where `now` comes from: the real clocks for the app, and a manual clock
//! that tests move by hand.
//!
//! A clock gives two readings that move together: the instant that times a
//! session ([`Clock::now`]; the real one counts the time the computer was
//! asleep, see [`SystemClock`]) and the wall-clock time in the local time
//! zone ([`Clock::wall`]), from which "today", a record's timestamps and the
//! reminders' due times come. A test that sets one sets both.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A source of the current instant. The session itself never asks a clock;
/// its caller does and passes `now` in.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;

    /// The current wall-clock time, in the local time zone.
    fn wall(&self) -> jiff::Zoned;

    /// Today's date, in the local time zone.
    fn today(&self) -> jiff::civil::Date {
        self.wall().date()
    }
}

/// A count of the time since the computer booted that goes on while it is
/// asleep (suspended): what [`SystemClock`] builds its instants on.
pub trait SinceBoot: Send + Sync {
    /// The time since boot, sleep included. Never goes back.
    fn since_boot(&self) -> Duration;
}

/// The real count of time since boot: `CLOCK_BOOTTIME` on Linux, which goes
/// on while the computer is suspended (unlike `CLOCK_MONOTONIC`, which
/// [`Instant`] reads). Elsewhere it falls back to the monotonic clock, so a
/// sleep is not seen there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Boottime;

impl SinceBoot for Boottime {
    #[cfg(target_os = "linux")]
    fn since_boot(&self) -> Duration {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        let secs = u64::try_from(t.tv_sec).unwrap_or(0);
        let nanos = u32::try_from(t.tv_nsec).unwrap_or(0);
        Duration::new(secs, 0).saturating_add(Duration::from_nanos(u64::from(nanos)))
    }

    #[cfg(not(target_os = "linux"))]
    fn since_boot(&self) -> Duration {
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }
}

/// The real clock.
///
/// Its instants count the time the computer was asleep: each is the
/// [`Instant`] at which the clock was made plus the time since then by
/// [`SinceBoot`] (`CLOCK_BOOTTIME`). A plain [`Instant`] stops during a
/// suspend, so a hold would just carry on after it; here the sleep shows as a
/// jump of the instants, which the session turns into a pause ("the
/// computer was asleep"; see
/// [`SessionConfig::time_jump_threshold`](crate::session::SessionConfig::time_jump_threshold)).
/// The instants are only for comparing with each other: after a sleep they
/// are ahead of [`Instant::now`].
#[derive(Debug, Clone, Copy)]
pub struct SystemClock<S = Boottime> {
    source: S,
    base: Instant,
    boot_base: Duration,
}

impl SystemClock {
    /// The real clock, counting sleep through `CLOCK_BOOTTIME`.
    pub fn new() -> Self {
        Self::with_source(Boottime)
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: SinceBoot> SystemClock<S> {
    /// A clock that counts time by `source` from now on (a test passes a
    /// source it moves by hand).
    pub fn with_source(source: S) -> Self {
        let boot_base = source.since_boot();
        Self {
            source,
            base: Instant::now(),
            boot_base,
        }
    }
}

impl<S: SinceBoot> Clock for SystemClock<S> {
    fn now(&self) -> Instant {
        let since = self.source.since_boot().saturating_sub(self.boot_base);
        self.base.checked_add(since).unwrap_or(self.base)
    }

    fn wall(&self) -> jiff::Zoned {
        jiff::Zoned::now()
    }
}

/// A clock that only moves when told: a base instant (and a base wall-clock
/// time) plus an offset.
///
/// Clones share the offset, so a test can keep one handle and move the time
/// of an app that holds another.
#[derive(Debug, Clone)]
pub struct ManualClock {
    base: Instant,
    wall_base: jiff::Zoned,
    offset_nanos: Arc<AtomicU64>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// A clock standing at the real current instant, its wall clock at
    /// noon today ([`ManualClock::starting_at`]).
    pub fn new() -> Self {
        Self::starting_at(Instant::now())
    }

    /// A clock standing at `base`, with the wall clock standing at noon of
    /// the real current date: today, as files a test writes by the real
    /// date expect, but twelve hours from either midnight, so a test that
    /// moves the clock on by minutes never crosses into another day
    /// (one started at 23:56 and run for five minutes of its clock did).
    pub fn starting_at(base: Instant) -> Self {
        let now = jiff::Zoned::now();
        let noon = now
            .with()
            .time(jiff::civil::time(12, 0, 0, 0))
            .build()
            .unwrap_or(now);
        Self {
            base,
            wall_base: noon,
            offset_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The same clock with its wall clock standing at `wall` at its base
    /// instant: a test chooses the date and time of day.
    #[must_use]
    pub fn with_wall(mut self, wall: jiff::Zoned) -> Self {
        self.wall_base = wall;
        self
    }

    /// The wall-clock time: the wall base plus the offset.
    pub fn wall(&self) -> jiff::Zoned {
        self.wall_base
            .checked_add(self.elapsed())
            .unwrap_or_else(|_| self.wall_base.clone())
    }

    /// The instant the clock started at.
    pub fn base(&self) -> Instant {
        self.base
    }

    /// How far the clock has been moved from its base.
    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.offset_nanos.load(Ordering::SeqCst))
    }

    /// The current instant: the base plus the offset.
    pub fn now(&self) -> Instant {
        self.base.checked_add(self.elapsed()).unwrap_or(self.base)
    }

    /// Moves the clock forward by `by` and returns the new instant.
    pub fn advance(&self, by: Duration) -> Instant {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // An offset past u64 nanoseconds (584 years) saturates.
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_add(by))
            });
        self.now()
    }

    /// Moves the clock forward by `ms` milliseconds and returns the new instant.
    pub fn advance_ms(&self, ms: u64) -> Instant {
        self.advance(Duration::from_millis(ms))
    }

    /// Sets the clock to `offset` past its base (forward or back) and returns
    /// the new instant.
    pub fn set_elapsed(&self, offset: Duration) -> Instant {
        let nanos = u64::try_from(offset.as_nanos()).unwrap_or(u64::MAX);
        self.offset_nanos.store(nanos, Ordering::SeqCst);
        self.now()
    }

    /// Whole milliseconds from the base to `at` (0 for an instant before it).
    pub fn ms_since_base(&self, at: Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.base).as_millis()).unwrap_or(u64::MAX)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        ManualClock::now(self)
    }

    fn wall(&self) -> jiff::Zoned {
        ManualClock::wall(self)
    }
}

/// A [`SinceBoot`] that tests move by hand, sleep included.
#[cfg(test)]
#[derive(Debug, Clone, Default)]
pub(crate) struct FakeBoottime(Arc<AtomicU64>);

#[cfg(test)]
impl FakeBoottime {
    /// Moves the time since boot on by `by` (awake or asleep alike).
    pub(crate) fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(by, Ordering::SeqCst);
    }
}

#[cfg(test)]
impl SinceBoot for FakeBoottime {
    fn since_boot(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_counted_by_boottime_shows_as_a_jump_of_the_instants() {
        let boot = FakeBoottime::default();
        boot.advance(Duration::from_secs(5_000));
        let clock = SystemClock::with_source(boot.clone());
        let t0 = clock.now();
        boot.advance(Duration::from_millis(700));
        assert_eq!(clock.now(), t0 + Duration::from_millis(700));
        // Asleep for ten minutes: the monotonic clock stood still, but the
        // clock's instants jump by the time slept.
        boot.advance(Duration::from_secs(600));
        assert_eq!(clock.now(), t0 + Duration::from_millis(600_700));
    }

    #[test]
    fn the_real_clock_moves_on() {
        let clock = SystemClock::new();
        let t0 = clock.now();
        std::thread::sleep(Duration::from_millis(20));
        let t1 = clock.now();
        assert!(t1 >= t0 + Duration::from_millis(20), "{:?}", t1 - t0);
        assert!(Boottime.since_boot() > Duration::ZERO);
    }

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let clock = ManualClock::new();
        let other = clock.clone();
        let t0 = clock.now();
        assert_eq!(clock.now(), t0);
        other.advance_ms(1500);
        assert_eq!(clock.now(), t0 + Duration::from_millis(1500));
        assert_eq!(clock.ms_since_base(clock.now()), 1500);
        clock.set_elapsed(Duration::from_secs(2));
        assert_eq!(other.elapsed(), Duration::from_secs(2));
        assert_eq!(Clock::now(&other), t0 + Duration::from_secs(2));
    }

    #[test]
    fn the_wall_clock_moves_with_the_instant() {
        let morning: jiff::Zoned = "2026-11-21T23:59:00+01:00[+01:00]".parse().unwrap();
        let clock = ManualClock::new().with_wall(morning);
        assert_eq!(clock.today(), jiff::civil::date(2026, 11, 21));
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.today(), jiff::civil::date(2026, 11, 22));
        assert_eq!(clock.wall().time(), jiff::civil::time(0, 0, 30, 0));
    }
}
