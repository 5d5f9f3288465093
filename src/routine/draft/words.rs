//! The problems of a draft in the words a clinician uses in the builder,
//! where a field is a box with a label, not a key of a file: what to do,
//! never a field's name as a file writes it (`hold_seconds`) or its path.
//! `neckguide check` keeps the file's words for files.

/// `message`, found by the file's checks at `path` (a field path as
/// `check` writes it), said as the builder says it.
pub fn in_builder_words(path: &str, message: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let in_rule = path.contains(".progression");
    if message.starts_with("name one of `") {
        return match last {
            "up_to" => "Set the highest number this rule may reach".to_owned(),
            "down_to" => "Set the lowest number this rule may lower it to".to_owned(),
            _ => "Set how much each change adds or takes away".to_owned(),
        };
    }
    if let Some(words) = between(message, last, in_rule) {
        return words;
    }
    if let Some(rest) = message.strip_prefix("a `")
        && let Some((_, field)) = rest.split_once("` dose needs `")
    {
        let field = field.trim_end_matches('`');
        return format!("Type {}: this kind of exercise needs it", what(field));
    }
    if let Some(rest) = message.strip_prefix('`')
        && let Some((field, _)) = rest.split_once("` does not apply to a `")
    {
        return format!(
            "Empty the field {}: this kind of exercise does not use it",
            label(field)
        );
    }
    if message.starts_with("missing required field `kind`") {
        return "Choose what kind of exercise this is".to_owned();
    }
    if message == "a `directions` dose needs at least one direction" {
        return "Tick at least one direction to push in".to_owned();
    }
    if message.starts_with("the dose kind of an exercise cannot be changed") {
        return "A built-in exercise keeps its kind of dose; make your own exercise to change it"
            .to_owned();
    }
    if message.starts_with("a held position's picture needs the start position's too") {
        return "Type the picture of the start position too, or empty the picture of the held position"
            .to_owned();
    }
    if message == "a routine needs at least one exercise" {
        return "Add at least one exercise".to_owned();
    }
    if let Some(field) = message
        .strip_prefix("this dose has no `")
        .and_then(|f| f.strip_suffix("` to change"))
    {
        return format!(
            "This exercise's dose has no {}; choose another in Change",
            label(field).to_lowercase()
        );
    }
    if let Some(step) = message.strip_prefix("the step must be at least 1, found ") {
        return format!("Type a change of at least 1 (it says {step})");
    }
    if let Some(rest) = message.strip_prefix("down_to (")
        && let Some((down, up)) = rest.split_once(") is above up_to (")
    {
        let up = up.trim_end_matches(')');
        return format!(
            "Down to ({down}) is above Up to ({up}): type a lower Down to or a higher Up to"
        );
    }
    if let Some(rest) = message.strip_prefix("the prescribed ")
        && let Some((_, numbers)) = rest.split_once(" (")
        && let Some((prescribed, _)) = numbers.split_once(')')
    {
        return format!(
            "The dose set above ({prescribed}) is outside Down to and Up to: widen the range or change the dose"
        );
    }
    if let Some(rest) = message.strip_prefix("max_minutes (")
        && let Some((most, minutes)) = rest.split_once(") is less than minutes (")
    {
        let minutes = minutes.trim_end_matches(')');
        return format!(
            "At most ({most} minutes) is less than Minutes ({minutes}): type a larger At most"
        );
    }
    if let Some(rest) = message.strip_prefix("this item is due ")
        && let Some((due, sessions)) = rest.split_once(" but the routine has only ")
    {
        let sessions = sessions.trim_end_matches(" a day");
        return format!(
            "This exercise is due {due}, but the routine has only {sessions} a day: type fewer here, or more sessions a day for the routine"
        );
    }
    if let Some(what) = message
        .strip_prefix("the ")
        .and_then(|m| m.strip_suffix(" is empty"))
    {
        return format!("Type the {what}");
    }
    capitalized(&plain(message))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a problem's field (`path`, as `check` writes it) is on the
/// builder's page: "Exercise 2" for one of the exercises (counted from 1),
/// else "The routine".
pub fn place_in_words(path: &str) -> String {
    path.strip_prefix("items[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(n, _)| n.parse::<usize>().ok())
        .map_or_else(
            || "The routine".to_owned(),
            |n| format!("Exercise {}", n.saturating_add(1)),
        )
}

/// "F must be between a and b[ unit], found v" as what to type.
fn between(message: &str, last: &str, in_rule: bool) -> Option<String> {
    let (field, rest) = message.split_once(" must be between ")?;
    let (range, found) = rest.rsplit_once(", found ")?;
    let (min, max_unit) = range.split_once(" and ")?;
    let (max, unit) = max_unit.split_once(' ').unwrap_or((max_unit, ""));
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let thing = if in_rule && last != "after_good_sessions" {
        "a number".to_owned()
    } else {
        what(field)
    };
    Some(format!(
        "Type {thing} from {min} to {max}{unit} (it says {found})"
    ))
}

/// The label of the builder's field for a file's key.
fn label(field: &str) -> &str {
    match field {
        "hold_seconds" => "Hold, seconds",
        "repetitions" => "Repetitions",
        "sets" => "Sets",
        "rest_seconds" => "Rest between holds, seconds",
        "rest_between_sets_seconds" => "Rest between sets, seconds",
        "minutes" => "Minutes",
        "max_minutes" => "At most, minutes",
        "times_per_day" => "Times a day",
        "measures_every_days" => "Days between outcome measures",
        "after_good_sessions" => "After good sessions",
        "up_to" => "Up to",
        "down_to" => "Down to",
        "kind" => "Kind",
        other => other,
    }
}

/// What a field holds, as the object of "Type …".
fn what(field: &str) -> String {
    match field {
        "hold_seconds" => "how many seconds each hold lasts",
        "repetitions" => "how many repetitions",
        "sets" => "how many sets",
        "rest_seconds" => "the rest between holds, in seconds",
        "rest_between_sets_seconds" => "the rest between sets, in seconds",
        "minutes" => "how many minutes",
        "max_minutes" => "the most minutes",
        "times_per_day" => "how many times a day",
        "measures_every_days" => "how many days between outcome measures",
        "after_good_sessions" => "how many good sessions come before a rise",
        other => return format!("the {}", label(other).to_lowercase()),
    }
    .to_owned()
}

/// Any other message: each file key in backticks said as its field's label.
fn plain(message: &str) -> String {
    let mut out = String::new();
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        // Every other part is inside backticks.
        if i % 2 == 0 {
            out.push_str(label(part));
        } else {
            out.push_str(part);
        }
    }
    out
}
