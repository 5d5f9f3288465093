//! JSON parse errors in plain words: what is wrong, then where (line and
//! column), instead of the parser's own jargon (`expected ident`).

/// What `err` means, in words a person can act on, without its place (for a
/// message that gives the place on its own).
pub fn json_error_words(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(cut) if err.line() > 0 => full.get(..cut).unwrap_or(&full),
        _ => full.as_str(),
    };
    plain_words(message)
}

/// What `err` means, in words a person can act on, with its line and column
/// (`a word such as true, false or null was expected, at line 1, column 2`).
pub fn plain_json_error(err: &serde_json::Error) -> String {
    let words = json_error_words(err);
    match (err.line(), err.column()) {
        (0, _) => words,
        // serde_json's column 0 is the line break that ends the line before.
        (line @ 2.., 0) => format!("{words}, at the end of line {}", line - 1),
        (line, column) => format!("{words}, at line {line}, column {}", column.max(1)),
    }
}

/// The words for one serde_json message (without its place).
fn plain_words(message: &str) -> String {
    let fixed = [
        (
            "expected ident",
            "a word such as true, false or null was expected",
        ),
        (
            "expected value",
            "a value was expected (a number, text in double quotes, true, false, null, a list or an object)",
        ),
        ("EOF while parsing", "the text ends too soon: it is cut off"),
        (
            "trailing characters",
            "there is more text after the end of the record",
        ),
        (
            "trailing comma",
            "there is a comma before a closing bracket",
        ),
        (
            "key must be a string",
            "a field name must be in double quotes",
        ),
        ("expected `,` or `}`", "a comma or a closing } is missing"),
        ("expected `,` or `]`", "a comma or a closing ] is missing"),
        ("expected `:`", "a colon after a field name is missing"),
        (
            "control character",
            "quoted text holds a line break or another control character",
        ),
        (
            "invalid escape",
            "a backslash in quoted text starts no known escape",
        ),
        (
            "invalid unicode code point",
            "quoted text holds a broken \\u escape",
        ),
        (
            "lone leading surrogate",
            "quoted text holds a broken \\u escape",
        ),
        ("invalid number", "a number is written wrongly"),
        ("number out of range", "a number is too big"),
        ("recursion limit exceeded", "the text is nested too deeply"),
    ];
    for (prefix, words) in fixed {
        if message.starts_with(prefix) {
            return words.to_owned();
        }
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("the field \"{field}\" is missing");
    }
    if let Some(field) = between(message, "duplicate field `", "`") {
        return format!("the field \"{field}\" is given twice");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (found, expected) = rest.split_once("`, expected ").unwrap_or((rest, ""));
        let found = found.trim_end_matches('`');
        let expected = expected.trim_start_matches("one of ").replace('`', "\"");
        return if expected.is_empty() {
            format!("\"{found}\" is not a known value")
        } else {
            format!("\"{found}\" is not a known value; expected {expected}")
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return format!(
            "a value has the wrong type: {} where {} was expected",
            type_words(found),
            type_words(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: integer `")
        && let Some((number, expected)) = rest.split_once("`, expected ")
        && let Some(range) = whole_range(expected)
    {
        // A whole number that does not fit: "expected i64" would say
        // neither that nor what fits.
        return format!("the number {number} is out of range: use a whole number {range}");
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        return format!(
            "a value is not allowed: {} where {} was expected",
            type_words(found),
            type_words(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        return format!("a list has the wrong length ({rest})");
    }
    // Messages of our own (a pain rating out of range, a bad timestamp) are
    // words already.
    message.to_owned()
}

/// The range of serde's name of an integer type, in words (`from 0 to 255`).
fn whole_range(type_name: &str) -> Option<String> {
    let (min, max): (i128, i128) = match type_name.trim() {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" | "isize" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    };
    Some(format!("from {min} to {max}"))
}

/// The text between `start` and the next `end` in `message`, when it starts
/// with `start`.
fn between<'a>(message: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(start)?;
    rest.split_once(end).map(|(inside, _)| inside)
}

/// serde's names of types and values, in words.
fn type_words(serde_words: &str) -> String {
    let text = serde_words.trim();
    let simple = [
        ("u8", "a whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("usize", "a whole number"),
        ("i8", "a whole number"),
        ("i16", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("a boolean", "true or false"),
        ("boolean", "true or false"),
        ("a string", "text in double quotes"),
        ("string", "text in double quotes"),
        ("a sequence", "a list in [ ]"),
        ("sequence", "a list"),
        ("map", "an object in { }"),
        ("null", "null"),
    ];
    for (name, words) in simple {
        if text == name {
            return words.to_owned();
        }
    }
    if let Some(rest) = text.strip_prefix("string ") {
        return format!("the text {rest}");
    }
    if let Some(rest) = text.strip_prefix("integer ") {
        return format!("the number {}", rest.trim_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("floating point ") {
        return format!("the number {}", rest.trim_matches('`'));
    }
    if let Some(rest) = text.strip_prefix("boolean ") {
        return format!("the value {}", rest.trim_matches('`'));
    }
    if text.starts_with("struct ") || text.starts_with("a map") {
        return "an object in { }".to_owned();
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        match serde_json::from_str::<T>(text) {
            Ok(value) => panic!("{text} read as {value:?}"),
            Err(err) => plain_json_error(&err),
        }
    }

    #[test]
    fn syntax_errors_say_what_is_wrong_and_where() {
        assert_eq!(
            error_of::<serde_json::Value>("{nope}"),
            "a field name must be in double quotes, at line 1, column 2"
        );
        assert_eq!(
            error_of::<serde_json::Value>("tru"),
            "the text ends too soon: it is cut off, at line 1, column 3"
        );
        assert_eq!(
            error_of::<serde_json::Value>("nul x"),
            "a word such as true, false or null was expected, at line 1, column 4"
        );
        assert_eq!(
            error_of::<serde_json::Value>("{\"a\":1} x"),
            "there is more text after the end of the record, at line 1, column 9"
        );
        assert_eq!(
            error_of::<serde_json::Value>("{\"a\":1\n\"b\":2}"),
            "a comma or a closing } is missing, at line 2, column 1"
        );
        // A line break inside quotes is at the end of its line, never at
        // "column 0" of the next.
        assert_eq!(
            error_of::<serde_json::Value>("{\"a\": \"x\n\"}"),
            "quoted text holds a line break or another control character, at the end of line 1"
        );
    }

    #[test]
    fn shape_errors_name_the_field_and_the_types_in_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            n: u32,
            k: K,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum K {
            Done,
            Skipped,
        }
        assert_eq!(
            error_of::<T>("{\"k\":\"done\"}"),
            "the field \"n\" is missing, at line 1, column 12"
        );
        assert_eq!(
            error_of::<T>("{\"n\":\"3\",\"k\":\"done\"}"),
            "a value has the wrong type: the text \"3\" where a whole number was expected, at line 1, column 8"
        );
        assert_eq!(
            error_of::<T>("{\"n\":3,\"k\":\"finished\"}"),
            "\"finished\" is not a known value; expected \"done\" or \"skipped\", at line 1, column 21"
        );
        assert_eq!(
            error_of::<T>("{\"n\":4294967296,\"k\":\"done\"}"),
            "the number 4294967296 is out of range: use a whole number from 0 to 4294967295, at line 1, column 15"
        );
        for text in ["{x", "[1,]", "\"a\\q\"", "{\"n\":1e999}"] {
            let words = error_of::<serde_json::Value>(text);
            assert!(!words.contains("expected ident"), "{words}");
            assert!(words.contains("column"), "{words}");
        }
    }
}
