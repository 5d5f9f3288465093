//! Checks the shape of a parsed document against the JSON Schema generated
//! from the raw types: unknown fields (with the nearest known name), missing
//! fields, wrong types and unknown values, all of them at once.
//!
//! serde stops at the first problem; this walk finds every one, so a therapist
//! fixes a file in one round. It understands the subset of JSON Schema that
//! schemars produces for [`super::raw`]: `$ref`, `type`, `properties`,
//! `required`, `additionalProperties`, `items`, `anyOf`/`oneOf`, `enum`, `const`.

use serde_json::{Map, Value};

use super::locate::Locations;
use super::problem::{FieldPath, Segment, nearest};

/// Whether a problem is best shown at a key or at a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// At the key of the member (an unknown field).
    Key,
    /// At the value.
    Value,
}

/// What the value checks read in place of a field with a shape problem, so
/// that they still run on the rest of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// Leave it out: an unknown or optional field, or a list's element.
    Remove,
    /// Put this value in its place: a field the raw types cannot go
    /// without (the first allowed value, an empty text or list, the
    /// field's largest number).
    Replace(Value),
    /// Nothing can stand in for it: the value checks do not run.
    Stop,
}

/// A shape problem, not yet placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// The field.
    pub path: FieldPath,
    /// Where to point.
    pub at: At,
    /// What is wrong.
    pub message: String,
    /// What the value checks read in its place.
    pub repair: Repair,
}

/// Checks `value` against `schema` (a root schema, with its `$defs`);
/// `locations` (of the text `value` was parsed from) give the numbers as
/// written, for the messages.
pub fn check(value: &Value, schema: &Value, locations: &Locations) -> Vec<ShapeProblem> {
    let walker = Walker {
        root: schema,
        locations,
    };
    let mut problems = Vec::new();
    walker.walk(value, schema, &FieldPath::root(), true, &mut problems, 0);
    problems
}

struct Walker<'a> {
    root: &'a Value,
    locations: &'a Locations,
}

/// `$ref` chains longer than this are treated as a broken schema.
const MAX_REF_DEPTH: usize = 64;

impl<'a> Walker<'a> {
    fn resolve(&self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..MAX_REF_DEPTH {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                return schema;
            };
            let Some(name) = reference.strip_prefix("#/$defs/") else {
                return schema;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(next) => schema = next,
                None => return schema,
            }
        }
        schema
    }

    fn walk(
        &self,
        value: &Value,
        schema: &'a Value,
        path: &FieldPath,
        required: bool,
        out: &mut Vec<ShapeProblem>,
        depth: usize,
    ) {
        if depth > MAX_REF_DEPTH * 4 {
            return;
        }
        let schema = self.resolve(schema);
        let repair = || self.repair(path, required, schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            self.walk_branches(value, branches, path, required, out, depth);
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                out.push(unknown_value(value, allowed, path, repair()));
            }
            return;
        }
        if let Some(constant) = schema.get("const") {
            if constant != value {
                let allowed = std::slice::from_ref(constant);
                out.push(unknown_value(value, allowed, path, repair()));
            }
            return;
        }
        if let Some(message) = type_mismatch(value, schema, self.locations.number(path)) {
            out.push(ShapeProblem {
                path: path.clone(),
                at: At::Value,
                message,
                repair: repair(),
            });
            return;
        }
        match value {
            Value::Object(map) => self.walk_object(map, schema, path, out, depth),
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.walk(item, item_schema, &path.index(i), true, out, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// What stands in for the wrong value at `path` (of `schema`) for the
    /// value checks: a list's element or a field the file may leave out is
    /// left out (nothing else moves: the problems found after are mapped
    /// back to their places); a field the raw types need is replaced.
    fn repair(&self, path: &FieldPath, required: bool, schema: &Value) -> Repair {
        match path.segments().last() {
            None => Repair::Stop,
            Some(Segment::Index(_)) => Repair::Remove,
            Some(Segment::Key(_)) if !required => Repair::Remove,
            Some(Segment::Key(_)) => self
                .placeholder(schema, 0)
                .map_or(Repair::Stop, Repair::Replace),
        }
    }

    /// A value of `schema` that the raw types read and that says nothing
    /// of its own: the first allowed value, an empty text or list, the
    /// largest number allowed, an object of its required fields'.
    fn placeholder(&self, schema: &Value, depth: usize) -> Option<Value> {
        if depth > MAX_REF_DEPTH {
            return None;
        }
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            return branches.iter().find_map(|b| self.placeholder(b, depth + 1));
        }
        if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
            return Some(first.clone());
        }
        if let Some(constant) = schema.get("const") {
            return Some(constant.clone());
        }
        let json_type = match schema.get("type")? {
            Value::String(t) => t.as_str(),
            Value::Array(ts) => ts.first()?.as_str()?,
            _ => return None,
        };
        Some(match json_type {
            "string" => Value::String(String::new()),
            "integer" | "number" => schema
                .get("maximum")
                .or_else(|| schema.get("minimum"))
                .cloned()
                .unwrap_or(Value::from(0)),
            "boolean" => Value::Bool(false),
            "null" => Value::Null,
            "array" => Value::Array(Vec::new()),
            "object" => {
                let mut map = Map::new();
                let properties = schema.get("properties");
                for name in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    let member = properties.and_then(|p| p.get(name))?;
                    map.insert(name.to_owned(), self.placeholder(member, depth + 1)?);
                }
                Value::Object(map)
            }
            _ => return None,
        })
    }

    fn walk_object(
        &self,
        map: &Map<String, Value>,
        schema: &'a Value,
        path: &FieldPath,
        out: &mut Vec<ShapeProblem>,
        depth: usize,
    ) {
        let empty = Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (key, member) in map {
            match properties.get(key) {
                Some(member_schema) => {
                    let needed = required.contains(&key.as_str());
                    self.walk(
                        member,
                        member_schema,
                        &path.key(key),
                        needed,
                        out,
                        depth + 1,
                    )
                }
                None if closed => {
                    let known = properties.keys().map(String::as_str);
                    let message = match nearest(key, known) {
                        Some(near) => format!("unknown field `{key}`; did you mean `{near}`?"),
                        None => format!(
                            "unknown field `{key}`; known fields: {}",
                            list(properties.keys().map(String::as_str))
                        ),
                    };
                    out.push(ShapeProblem {
                        path: path.key(key),
                        at: At::Key,
                        message,
                        repair: Repair::Remove,
                    });
                }
                None => {}
            }
        }
        for name in required {
            if !map.contains_key(name) {
                let stand_in = properties.get(name).and_then(|s| self.placeholder(s, 0));
                out.push(ShapeProblem {
                    path: path.key(name),
                    at: At::Value,
                    message: format!("missing required field `{name}`"),
                    repair: stand_in.map_or(Repair::Stop, Repair::Replace),
                });
            }
        }
    }

    fn walk_branches(
        &self,
        value: &Value,
        branches: &'a [Value],
        path: &FieldPath,
        required: bool,
        out: &mut Vec<ShapeProblem>,
        depth: usize,
    ) {
        let repair = || {
            let any_of = Value::Object(Map::from_iter([(
                "anyOf".to_owned(),
                Value::Array(branches.to_vec()),
            )]));
            self.repair(path, required, &any_of)
        };
        let resolved: Vec<&Value> = branches.iter().map(|b| self.resolve(b)).collect();
        // All branches are constants: an enum with documented variants.
        let constants: Vec<Value> = resolved
            .iter()
            .filter_map(|b| b.get("const").cloned())
            .collect();
        if !constants.is_empty() && constants.len() == resolved.len() {
            if !constants.contains(value) {
                out.push(unknown_value(value, &constants, path, repair()));
            }
            return;
        }
        // The branch whose type matches the value decides (string id or
        // inline object; a value or null).
        let matching: Vec<&Value> = resolved
            .iter()
            .copied()
            .filter(|b| type_mismatch(value, b, None).is_none())
            .collect();
        match matching.first() {
            Some(branch) => self.walk(value, branch, path, required, out, depth + 1),
            None => {
                let expected: Vec<String> = resolved.iter().filter_map(|b| type_name(b)).collect();
                out.push(ShapeProblem {
                    path: path.clone(),
                    at: At::Value,
                    message: format!(
                        "expected {}, found {}",
                        expected.join(" or "),
                        describe(value)
                    ),
                    repair: repair(),
                });
            }
        }
    }
}

/// Why `value` does not have the schema's `type`, if it does not; a number
/// is said as `written` when the text is known.
fn type_mismatch(value: &Value, schema: &Value, written: Option<&str>) -> Option<String> {
    let types: Vec<&str> = match schema.get("type")? {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let fits = types.iter().any(|t| match *t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        // The raw types read whole numbers as i64: a larger one does not fit.
        "integer" => value.is_i64(),
        _ => true,
    });
    if fits {
        return None;
    }
    if types.contains(&"integer")
        && let Some(f) = value.as_f64()
    {
        let shown = written.map_or_else(|| value.to_string(), str::to_owned);
        return Some(not_whole(&shown, f, schema));
    }
    let expected: Vec<&str> = types.iter().filter_map(|t| article(t)).collect();
    Some(format!(
        "expected {}, found {}",
        expected.join(" or "),
        describe(value)
    ))
}

/// Why the number `value` (as written; `f` as read) is not a whole number the raw
/// types can read: a fraction; a whole number written with a decimal point
/// or an exponent (`5e0`, `1E+2`, `-0`), which is said as it must be
/// written; or a number beyond any bound. The field's bounds, when the
/// schema gives them, say what to write instead.
fn not_whole(value: &str, f: f64, schema: &Value) -> String {
    // Up to 2^53 a float holds every whole number exactly, so the number
    // said is the number written; every bound is far below.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let bounds = match (
        schema.get("minimum").and_then(Value::as_i64),
        schema.get("maximum").and_then(Value::as_i64),
    ) {
        (Some(min), Some(max)) => Some((min, max)),
        _ => None,
    };
    let within = |n: i64| bounds.is_none_or(|(min, max)| (min..=max).contains(&n));
    let between = || match bounds {
        Some((min, max)) => format!("; it must be between {min} and {max}"),
        None => String::new(),
    };
    if f.fract() != 0.0 {
        format!("expected a whole number, found {value}")
    } else if (-EXACT..=EXACT).contains(&f) {
        // A whole number within ±2^53: `as` is exact.
        let n = f as i64;
        let also = if within(n) { String::new() } else { between() };
        format!(
            "write this number as {n}, a whole number without a decimal point or an exponent{also}"
        )
    } else if f > 0.0 {
        format!("the number {value} is far too large{}", between())
    } else {
        format!("the number {value} is far too small{}", between())
    }
}

fn article(json_type: &str) -> Option<&'static str> {
    Some(match json_type {
        "object" => "an object",
        "array" => "a list",
        "string" => "a text",
        "boolean" => "true or false",
        "null" => "null",
        "number" => "a number",
        "integer" => "a whole number",
        _ => return None,
    })
}

fn type_name(schema: &Value) -> Option<String> {
    match schema.get("type")? {
        Value::String(t) => article(t).map(str::to_owned),
        Value::Array(ts) => Some(
            ts.iter()
                .filter_map(Value::as_str)
                .filter_map(article)
                .collect::<Vec<_>>()
                .join(" or "),
        ),
        _ => None,
    }
}

/// A short description of a value for messages: `a text ("abc")`, `the number -3`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the text \"{shown}{more}\"")
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn unknown_value(
    value: &Value,
    allowed: &[Value],
    path: &FieldPath,
    repair: Repair,
) -> ShapeProblem {
    let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
    let message = match value.as_str() {
        Some(text) => match nearest(text, names.iter().copied()) {
            Some(near) => format!("unknown value \"{text}\"; did you mean \"{near}\"?"),
            None => format!("unknown value \"{text}\"; expected one of {}", list(names)),
        },
        None => format!("expected one of {}, found {}", list(names), describe(value)),
    };
    ShapeProblem {
        path: path.clone(),
        at: At::Value,
        message,
        repair,
    }
}

fn list<'s>(names: impl IntoIterator<Item = &'s str>) -> String {
    names
        .into_iter()
        .filter(|n| !n.starts_with('$'))
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
