//! [`LocalTimestamp`]: when something happened, and the local UTC offset of
//! the person at that moment.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime};
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;
use jiff::{Timestamp, Zoned};

/// An instant in whole seconds together with the local UTC offset it was
/// recorded in.
///
/// It is written as RFC 3339 with that offset and no time zone annotation,
/// exactly like `2026-11-21T09:00:00+01:00`. The local date ([`Self::date`])
/// is the day the session counts for in the history, so a session at 00:30
/// local time counts for that local day even when it is still yesterday in UTC.
///
/// Equality and ordering compare the instant and then the offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalTimestamp {
    timestamp: Timestamp,
    offset: Offset,
}

/// Why a text is not an RFC 3339 timestamp with an offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a time like 2026-11-21T09:00:00+01:00: {reason}")]
pub struct ParseLocalTimestampError {
    text: String,
    reason: String,
}

impl LocalTimestamp {
    /// The instant `timestamp` as seen with the UTC offset `offset`.
    ///
    /// Sub-second precision is dropped and the offset is rounded to whole
    /// minutes, the precision RFC 3339 can write.
    pub fn new(timestamp: Timestamp, offset: Offset) -> Self {
        let whole_seconds =
            Timestamp::from_second(timestamp.as_second()).unwrap_or(Timestamp::UNIX_EPOCH);
        let minutes = offset.seconds().div_euclid(60) * 60
            + if offset.seconds().rem_euclid(60) >= 30 {
                60
            } else {
                0
            };
        let offset = Offset::from_seconds(minutes).unwrap_or(offset);
        LocalTimestamp {
            timestamp: whole_seconds,
            offset,
        }
    }

    /// The instant and local offset of a zoned date-time (for example
    /// `Zoned::now()`).
    pub fn from_zoned(zoned: &Zoned) -> Self {
        Self::new(zoned.timestamp(), zoned.offset())
    }

    /// The instant.
    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    /// The local UTC offset at that instant.
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// The local date and time on the wall clock.
    pub fn datetime(&self) -> DateTime {
        self.offset.to_datetime(self.timestamp)
    }

    /// The local date: the day this instant counts for.
    pub fn date(&self) -> Date {
        self.datetime().date()
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    pub fn seconds_until(&self, later: &LocalTimestamp) -> i64 {
        later.timestamp.as_second() - self.timestamp.as_second()
    }
}

impl fmt::Display for LocalTimestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dt = self.datetime();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        )?;
        let seconds = self.offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

impl FromStr for LocalTimestamp {
    type Err = ParseLocalTimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some(fast) = parse_exact(text.as_bytes()) {
            return Ok(fast);
        }
        let fail = |reason: &str| ParseLocalTimestampError {
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        let pieces = Pieces::parse(text).map_err(|err| fail(&err.to_string()))?;
        let time = pieces.time().ok_or_else(|| fail("the time is missing"))?;
        let offset = pieces
            .to_numeric_offset()
            .ok_or_else(|| fail("the UTC offset is missing"))?;
        let timestamp = offset
            .to_timestamp(pieces.date().to_datetime(time))
            .map_err(|err| fail(&err.to_string()))?;
        Ok(LocalTimestamp::new(timestamp, offset))
    }
}

/// The fast path for the exact form this code writes,
/// `YYYY-MM-DDTHH:MM:SS±HH:MM` (loading years of log parses tens of
/// thousands). `None` sends anything else to the general parser.
pub(crate) fn parse_exact(b: &[u8]) -> Option<LocalTimestamp> {
    let [
        y0,
        y1,
        y2,
        y3,
        b'-',
        mo0,
        mo1,
        b'-',
        d0,
        d1,
        b'T',
        h0,
        h1,
        b':',
        mi0,
        mi1,
        b':',
        s0,
        s1,
        sign,
        oh0,
        oh1,
        b':',
        om0,
        om1,
    ] = *b
    else {
        return None;
    };
    let digit = |c: u8| c.is_ascii_digit().then(|| i32::from(c - b'0'));
    let two = |a: u8, b: u8| Some(digit(a)? * 10 + digit(b)?);
    let year = two(y0, y1)? * 100 + two(y2, y3)?;
    let datetime = DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(two(mo0, mo1)?).ok()?,
        i8::try_from(two(d0, d1)?).ok()?,
        i8::try_from(two(h0, h1)?).ok()?,
        i8::try_from(two(mi0, mi1)?).ok()?,
        i8::try_from(two(s0, s1)?).ok()?,
        0,
    )
    .ok()?;
    let offset_seconds = two(oh0, oh1)? * 3600 + two(om0, om1)? * 60;
    let offset = match sign {
        b'+' => Offset::from_seconds(offset_seconds).ok()?,
        b'-' => Offset::from_seconds(-offset_seconds).ok()?,
        _ => return None,
    };
    let timestamp = offset.to_timestamp(datetime).ok()?;
    Some(LocalTimestamp::new(timestamp, offset))
}

impl serde::Serialize for LocalTimestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LocalTimestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Parsed from the text where it lies: no copy of it is made (two
        // timestamps a record, on every line of the log).
        deserializer.deserialize_str(TimestampText)
    }
}

/// Reads a [`LocalTimestamp`] from a JSON string without copying it.
struct TimestampText;

impl serde::de::Visitor<'_> for TimestampText {
    type Value = LocalTimestamp;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<LocalTimestamp, E> {
        text.parse().map_err(E::custom)
    }
}

impl schemars::JsonSchema for LocalTimestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalTimestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An instant with the local UTC offset it was recorded in (RFC 3339).",
            "type": "string",
            "format": "date-time",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> LocalTimestamp {
        match text.parse() {
            Ok(t) => t,
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn round_trips_exactly() {
        for text in [
            "2026-11-21T09:00:00+01:00",
            "2026-11-21T23:59:59-05:30",
            "2026-03-29T01:59:00+00:00",
        ] {
            assert_eq!(parse(text).to_string(), text);
        }
    }

    #[test]
    fn local_date_is_the_date_in_its_own_offset() {
        let late = parse("2026-11-21T23:30:00-08:00");
        assert_eq!(late.date(), jiff::civil::date(2026, 11, 21));
        assert_eq!(
            late.timestamp().to_string(),
            "2026-11-22T07:30:00Z",
            "the same instant is the next day in UTC"
        );
    }

    #[test]
    fn zulu_and_fractions_are_accepted_and_normalised() {
        assert_eq!(
            parse("2026-11-21T09:00:00.75Z").to_string(),
            "2026-11-21T09:00:00+00:00"
        );
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        for text in [
            "2026-11-21T09:00:00+01:00",
            "1999-12-31T23:59:59-09:30",
            "2026-03-29T02:30:00+00:00",
        ] {
            let fast = parse_exact(text.as_bytes());
            let pieces = Pieces::parse(text).ok();
            let general = pieces.and_then(|p| {
                let offset = p.to_numeric_offset()?;
                let ts = offset.to_timestamp(p.date().to_datetime(p.time()?)).ok()?;
                Some(LocalTimestamp::new(ts, offset))
            });
            assert_eq!(fast, general, "{text}");
            assert!(fast.is_some());
        }
        for bad in [
            "2026-13-21T09:00:00+01:00",
            "2026-11-21T09:00:00*01:00",
            "2026-02-30T09:00:00+01:00",
        ] {
            assert_eq!(parse_exact(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn rejects_times_without_offset_or_time() {
        for bad in ["2026-11-21T09:00:00", "2026-11-21", "yesterday", ""] {
            assert!(bad.parse::<LocalTimestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_is_a_plain_string() {
        let t = parse("2026-11-21T09:00:00+01:00");
        let json = serde_json::to_string(&t).unwrap_or_default();
        assert_eq!(json, "\"2026-11-21T09:00:00+01:00\"");
        let back: Result<LocalTimestamp, _> = serde_json::from_str(&json);
        assert_eq!(back.ok(), Some(t));
    }
}
