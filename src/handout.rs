//! The printed handout of a routine: one self-contained HTML page made for
//! paper (A4 or Letter), with each exercise's picture, position, steps, dose
//! in words and cautions, when to stop, the warning signs of "When to See a
//! Doctor", and "not medical advice". No scripts, no links to fetch:
//! pictures are inlined. Pure: the pictures are handed in.

use std::fmt::Write as _;

use crate::checkin::WarningSign;
use crate::exercise::{Dose, Exercise, Image};
use crate::html::escape;
use crate::plural::plural;
use crate::routine::Routine;
use crate::routine::times_a_day;

/// The words under each exercise: when to stop.
pub const STOP_WORDS: &str = "Stop if your pain increases or spreads down your arm.";

/// The handout's last words.
pub const NOT_MEDICAL_ADVICE: &str = "This handout is not medical advice. It shows the exercises \
your physical therapist or doctor gave you: follow their advice.";

/// The dose in plain words, with how often: "Hold 5 seconds, 5 times, 3
/// times a day".
pub fn dose_words(dose: &Dose, times_per_day: u32) -> String {
    let mut words = match dose {
        Dose::Holds(h) if h.directions.is_empty() => format!(
            "Hold {}, {}",
            plural(h.hold_seconds, "second", "seconds"),
            match h.repetitions {
                1 => "once".to_owned(),
                n => format!("{n} times"),
            }
        ),
        Dose::Holds(h) => {
            let ways: Vec<String> = h
                .directions
                .iter()
                .map(|d| d.label().to_lowercase())
                .collect();
            let mut w = format!(
                "Hold {} each way ({})",
                plural(h.hold_seconds, "second", "seconds"),
                ways.join(", ")
            );
            if h.repetitions > 1 {
                let _ = write!(w, ", {} times", h.repetitions);
            }
            w
        }
        Dose::Timed(t) => match t.max_minutes {
            Some(max) if max > t.minutes => {
                format!("Stay in position for {} to {max} minutes", t.minutes)
            }
            _ => format!(
                "Stay in position for {}",
                plural(t.minutes, "minute", "minutes")
            ),
        },
        Dose::Practice(p) => match p.minutes {
            Some(m) => format!("Practise for {}", plural(m, "minute", "minutes")),
            None => "Practise for as long as is comfortable".to_owned(),
        },
    };
    if let Dose::Holds(h) = dose
        && h.sets > 1
    {
        let _ = write!(words, ", in {} sets", h.sets);
    }
    let _ = write!(words, ", {}", times_a_day(times_per_day));
    words
}

/// The handout of `routine`. `picture` gives an exercise's picture as SVG
/// or PNG bytes, if it has one that can be read.
pub fn handout_html(routine: &Routine, picture: &dyn Fn(&Image) -> Option<Vec<u8>>) -> String {
    let mut h = String::new();
    let name = escape(&routine.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{name}</h1>\n"
    );
    if let Some(prescriber) = &routine.prescriber {
        let _ = writeln!(h, "<p class=\"who\">From {}</p>", escape(prescriber));
    }
    let _ = writeln!(
        h,
        "<p class=\"often\">Do this routine {}.</p>",
        times_a_day(routine.times_per_day)
    );
    if let Some(note) = &routine.note {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(note));
    }
    h.push_str("</header>\n<main>\n");
    for (n, item) in routine.items.iter().enumerate() {
        exercise_html(&mut h, n + 1, &item.exercise, item.times_per_day, picture);
    }
    h.push_str(
        "</main>\n<footer>\n<section class=\"doctor\">\n<h2>When to see a doctor</h2>\n<ul>\n",
    );
    for sign in WarningSign::ALL {
        let _ = writeln!(h, "<li>{}</li>", escape(sign.source_words()));
    }
    let _ = write!(
        h,
        "</ul>\n</section>\n<p class=\"advice\">{}</p>\n</footer>\n</body>\n</html>\n",
        escape(NOT_MEDICAL_ADVICE)
    );
    h
}

fn exercise_html(
    h: &mut String,
    number: usize,
    exercise: &Exercise,
    times_per_day: u32,
    picture: &dyn Fn(&Image) -> Option<Vec<u8>>,
) {
    let _ = writeln!(
        h,
        "<article>\n<h2>{number}. {}</h2>\n<p class=\"position\">{}</p>",
        escape(&exercise.name),
        escape(exercise.position.label())
    );
    let bytes = exercise.image.as_ref().and_then(picture);
    if let Some(img) = bytes.as_deref().and_then(|b| image_html(b, exercise)) {
        h.push_str(&img);
    }
    let _ = writeln!(
        h,
        "<p class=\"dose\">{}</p>\n<ol>",
        escape(&dose_words(&exercise.dose, times_per_day))
    );
    for step in &exercise.steps {
        let _ = writeln!(h, "<li>{}</li>", escape(step));
    }
    h.push_str("</ol>\n");
    for caution in &exercise.cautions {
        let _ = writeln!(h, "<p class=\"caution\">{}</p>", escape(caution));
    }
    let _ = writeln!(
        h,
        "<p class=\"stop\">{}</p>\n</article>",
        escape(STOP_WORDS)
    );
}

/// The picture, inlined: SVG as it is (its scripts and outside links cannot
/// run or load from an `<img>` data URL), PNG as a data URL.
fn image_html(bytes: &[u8], exercise: &Exercise) -> Option<String> {
    let mime = if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")) {
        "image/svg+xml"
    } else {
        return None;
    };
    let alt = format!(
        "{}, {}",
        exercise.name,
        exercise.position.label().to_lowercase()
    );
    Some(format!(
        "<img src=\"data:{mime};base64,{}\" alt=\"{}\">\n",
        base64(bytes),
        escape(&alt)
    ))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(TABLE.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// For paper: A4 or Letter, whichever the printer has; an exercise never
/// split across pages.
const STYLE: &str = "
@page { margin: 15mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 12pt; color: #000;
       max-width: 180mm; margin: 0 auto; line-height: 1.4; }
h1 { font-size: 22pt; margin: 0 0 4pt; }
h2 { font-size: 15pt; margin: 0 0 4pt; }
header { border-bottom: 2px solid #000; padding-bottom: 6pt; margin-bottom: 10pt; }
.who, .often { margin: 2pt 0; }
.note { font-style: italic; }
article { break-inside: avoid; page-break-inside: avoid; border: 1px solid #555;
          border-radius: 6pt; padding: 8pt 10pt; margin: 0 0 10pt; overflow: hidden; }
article img { float: right; width: 55mm; height: auto; margin: 0 0 4pt 10pt;
              border: 1px solid #ccc; background: #fff; }
.position { margin: 0 0 4pt; color: #333; }
.dose { font-weight: bold; font-size: 13pt; }
ol { margin: 4pt 0; padding-left: 18pt; }
.caution, .stop { font-weight: bold; margin: 4pt 0; }
.doctor { break-inside: avoid; page-break-inside: avoid; border: 2px solid #000;
          border-radius: 6pt; padding: 8pt 10pt; }
.advice { font-size: 10pt; color: #333; }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::{Holds, Timed};

    #[test]
    fn doses_in_words() {
        let holds = Dose::Holds(Holds {
            hold_seconds: 5,
            repetitions: 5,
            sets: 1,
            rest_seconds: 5,
            rest_between_sets_seconds: 30,
            directions: Vec::new(),
        });
        assert_eq!(
            dose_words(&holds, 3),
            "Hold 5 seconds, 5 times, 3 times a day"
        );
        assert_eq!(
            dose_words(
                &Dose::Timed(Timed {
                    minutes: 5,
                    max_minutes: Some(10)
                }),
                1
            ),
            "Stay in position for 5 to 10 minutes, once a day"
        );
        assert_eq!(times_a_day(2), "twice a day");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
