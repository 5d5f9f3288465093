//! Where `now` comes from: the real clocks for the app, and a manual clock
//! that tests move by hand.
//!
//! A clock gives two readings that move together: the monotonic instant that
//! times a session ([`Clock::now`]) and the wall-clock time in the local time
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

/// The real monotonic clock ([`Instant::now`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
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
    /// A clock standing at the real current instant.
    pub fn new() -> Self {
        Self::starting_at(Instant::now())
    }

    /// A clock standing at `base`, with the wall clock standing at the real
    /// current time.
    pub fn starting_at(base: Instant) -> Self {
        Self {
            base,
            wall_base: jiff::Zoned::now(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
