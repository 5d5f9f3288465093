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
use crate::routine::progression::{DoseField, Progression};
use crate::routine::times_a_day;
use crate::routine::{Routine, RoutineItem};

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

/// The rests of a dose of holds in words, where it has any: "Rest 5
/// seconds between holds and 30 seconds between sets."
pub fn rest_words(dose: &Dose) -> Option<String> {
    let Dose::Holds(h) = dose else {
        return None;
    };
    let between_holds = (h.repetitions > 1 || h.directions.len() > 1) && h.rest_seconds > 0;
    let between_sets = h.sets > 1 && h.rest_between_sets_seconds > 0;
    let holds = plural(h.rest_seconds, "second", "seconds");
    let sets = plural(h.rest_between_sets_seconds, "second", "seconds");
    match (between_holds, between_sets) {
        (true, true) => Some(format!(
            "Rest {holds} between holds and {sets} between sets."
        )),
        (true, false) => Some(format!("Rest {holds} between holds.")),
        (false, true) => Some(format!("Rest {sets} between sets.")),
        (false, false) => None,
    }
}

/// How the therapist's rule may change the dose, in plain words: "Your app
/// may raise this to 8 times or lower it to 3 as your pain allows (up 1
/// after 6 good sessions in a row, down 1 after a session that worsens
/// your pain); your physical therapist set this."
pub fn rule_words(rule: &Progression) -> String {
    let amount = |n: u32| match rule.field {
        DoseField::Repetitions => format!("{n} times"),
        DoseField::HoldSeconds => format!("{} each hold", plural(n, "second", "seconds")),
        DoseField::Sets => plural(n, "set", "sets"),
        DoseField::Minutes => plural(n, "minute", "minutes"),
    };
    format!(
        "Your app may raise this to {} or lower it to {} as your pain allows (up {} after {} in a row, down {} after a session that worsens your pain); your physical therapist set this.",
        amount(rule.up_to),
        amount(rule.down_to),
        rule.step,
        plural(rule.after_good_sessions, "good session", "good sessions"),
        rule.step
    )
}

/// The one line that says when to stop: [`STOP_WORDS`], or the exercise's
/// own caution that says when to stop, with the arm's sign added when it
/// does not say it ("Stop this stretch if your pain increases, or if pain
/// spreads down your arm."); and the exercise's other cautions.
pub fn stop_line(exercise: &Exercise) -> (String, Vec<&str>) {
    let is_stop = |c: &&String| c.trim_start().to_lowercase().starts_with("stop");
    let own = exercise.cautions.iter().find(is_stop);
    let others = exercise
        .cautions
        .iter()
        .filter(|c| Some(*c) != own)
        .map(String::as_str)
        .collect();
    let line = match own {
        Some(own) if own.contains("arm") => own.trim().to_owned(),
        Some(own) => format!(
            "{}, or if pain spreads down your arm.",
            own.trim().trim_end_matches(['.', '!'])
        ),
        None => STOP_WORDS.to_owned(),
    };
    (line, others)
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
        exercise_html(&mut h, n + 1, item, picture);
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
    item: &RoutineItem,
    picture: &dyn Fn(&Image) -> Option<Vec<u8>>,
) {
    let exercise = &item.exercise;
    let _ = writeln!(
        h,
        "<article>\n<h2>{number}. {}</h2>\n<p class=\"position\">{}</p>",
        escape(&exercise.name),
        escape(exercise.position.label())
    );
    let start = exercise.image.as_ref().and_then(picture);
    let held = exercise.picture_held.as_ref().and_then(picture);
    match (start.as_deref(), held.as_deref()) {
        (Some(start), Some(held)) => {
            let poses = [(start, "Start"), (held, "Held")];
            let figures: Option<Vec<String>> = poses
                .iter()
                .map(|(bytes, pose)| {
                    let alt = format!("{} position", pose.to_lowercase());
                    let img = image_html(bytes, exercise, Some(&alt))?;
                    Some(format!(
                        "<figure>\n{img}<figcaption>{pose}</figcaption>\n</figure>\n"
                    ))
                })
                .collect();
            if let Some(figures) = figures {
                let _ = write!(h, "<div class=\"poses\">\n{}</div>\n", figures.concat());
            }
        }
        (Some(bytes), _) => {
            if let Some(img) = image_html(bytes, exercise, None) {
                h.push_str(&img);
            }
        }
        (None, _) => {}
    }
    let _ = writeln!(
        h,
        "<p class=\"dose\">{}</p>",
        escape(&dose_words(&exercise.dose, item.times_per_day))
    );
    if let Some(rests) = rest_words(&exercise.dose) {
        let _ = writeln!(h, "<p class=\"rest\">{}</p>", escape(&rests));
    }
    if let Some(rule) = &item.progression {
        let _ = writeln!(h, "<p class=\"rule\">{}</p>", escape(&rule_words(rule)));
    }
    h.push_str("<ol>\n");
    for step in &exercise.steps {
        let _ = writeln!(h, "<li>{}</li>", escape(step));
    }
    h.push_str("</ol>\n");
    let (stop, cautions) = stop_line(exercise);
    for caution in cautions {
        let _ = writeln!(h, "<p class=\"caution\">{}</p>", escape(caution));
    }
    let _ = writeln!(h, "<p class=\"stop\">{}</p>\n</article>", escape(&stop));
}

/// The picture, inlined: SVG as it is (its scripts and outside links cannot
/// run or load from an `<img>` data URL), PNG as a data URL. Its
/// description names the exercise, its position and `pose` when given
/// ("held position").
fn image_html(bytes: &[u8], exercise: &Exercise, pose: Option<&str>) -> Option<String> {
    let mime = if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else if std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")) {
        "image/svg+xml"
    } else {
        return None;
    };
    let mut alt = format!(
        "{}, {}",
        exercise.name,
        exercise.position.label().to_lowercase()
    );
    if let Some(pose) = pose {
        let _ = write!(alt, ": {pose}");
    }
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
.poses { float: right; display: flex; gap: 4pt; margin: 0 0 4pt 10pt; }
.poses figure { margin: 0; width: 46mm; }
.poses img { float: none; width: 46mm; margin: 0; display: block; }
.poses figcaption { text-align: center; font-size: 10pt; font-weight: bold; }
.position { margin: 0 0 4pt; color: #333; }
.rest { margin: 2pt 0; }
.rule { margin: 2pt 0; font-style: italic; }
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

    /// Rests and sets, the rule in plain words, and one stop line, which
    /// takes the exercise's own stop caution with the arm's sign.
    #[test]
    fn rests_rule_and_one_stop_line() {
        let holds = Dose::Holds(Holds {
            hold_seconds: 5,
            repetitions: 5,
            sets: 2,
            rest_seconds: 5,
            rest_between_sets_seconds: 30,
            directions: Vec::new(),
        });
        assert_eq!(
            rest_words(&holds).as_deref(),
            Some("Rest 5 seconds between holds and 30 seconds between sets.")
        );
        let rule = Progression {
            field: DoseField::Repetitions,
            step: 1,
            up_to: 8,
            down_to: 3,
            after_good_sessions: 6,
        };
        assert_eq!(
            rule_words(&rule),
            "Your app may raise this to 8 times or lower it to 3 times as your pain allows (up 1 after 6 good sessions in a row, down 1 after a session that worsens your pain); your physical therapist set this."
        );
        let library = crate::routine::Library::builtin();
        let Some(retraction) = library.get("seated-retraction") else {
            panic!("no seated-retraction");
        };
        let (stop, others) = stop_line(retraction);
        assert_eq!(
            stop,
            "Stop this exercise if you experience any pain, or if pain spreads down your arm."
        );
        assert!(others.is_empty());
        let Some(lifts) = library.get("head-lifts") else {
            panic!("no head-lifts");
        };
        assert_eq!(stop_line(lifts).0, STOP_WORDS);
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
