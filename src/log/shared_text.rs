//! [`SharedText`]: a short text that thousands of records hold the same
//! (an exercise's id, a routine's id and name), kept once in memory.
//!
//! A log of years holds each exercise id hundreds of thousands of times.
//! Read as `String`s, each is an allocation of its own; read as
//! [`SharedText`], the lines read on one thread share one copy of each
//! text while it is read ([`intern`]), and a record holds a pointer to it.
//! In JSON it is a plain string, read and written as before.

use std::borrow::{Borrow, Cow};
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text shared by the records that hold it. Compares, hashes, orders and
/// prints as its `str`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedText(Arc<str>);

impl SharedText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText(Arc::from(""))
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText(Arc::from(text))
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        SharedText(Arc::from(text))
    }
}

impl From<&String> for SharedText {
    fn from(text: &String) -> Self {
        SharedText(Arc::from(text.as_str()))
    }
}

impl From<SharedText> for String {
    fn from(text: SharedText) -> Self {
        text.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SharedText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SharedText, E> {
                Ok(intern(text))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for SharedText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// Texts longer than this are not shared: ids and names are short, and a
/// long text is seldom repeated.
const LONGEST_SHARED: usize = 128;
/// The texts one thread shares at most; past it they are forgotten and
/// sharing starts again, so hostile lines with a new text each cannot grow
/// it without end.
const MOST_SHARED: usize = 1024;

thread_local! {
    // foldhash, not the standard SipHash: hashing short ids was a tenth of
    // reading the log, and no one chooses these texts to collide but the
    // log's own lines, which cost at most a slower read.
    static SHARED: RefCell<foldhash::HashSet<Arc<str>>> = RefCell::new(foldhash::HashSet::default());
}

/// The copy of `text` this thread shares, made if it has none.
pub fn intern(text: &str) -> SharedText {
    if text.len() > LONGEST_SHARED {
        return SharedText::from(text);
    }
    SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        if let Some(kept) = shared.get(text) {
            return SharedText(Arc::clone(kept));
        }
        if shared.len() >= MOST_SHARED {
            shared.clear();
        }
        let kept: Arc<str> = Arc::from(text);
        shared.insert(Arc::clone(&kept));
        SharedText(kept)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_read_on_one_thread_share_one_copy() {
        let a: Vec<SharedText> = serde_json::from_str(r#"["head-lifts","head-lifts","chin"]"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(Arc::ptr_eq(&a[0].0, &a[1].0));
        assert_eq!(a[2], "chin");
        assert_eq!(
            serde_json::to_string(&a).ok().as_deref(),
            Some(r#"["head-lifts","head-lifts","chin"]"#)
        );
    }

    #[test]
    fn escaped_and_long_texts_read_whole() {
        let long = "x".repeat(LONGEST_SHARED + 1);
        let text = format!(r#"["a\"b\u00e9", "{long}"]"#);
        let read: Vec<SharedText> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read[0], "a\"bé");
        assert_eq!(read[1].as_str(), long);
    }

    #[test]
    fn the_shared_set_stays_bounded() {
        for n in 0..3 * MOST_SHARED {
            let _ = intern(&n.to_string());
        }
        let size = SHARED.with(|s| s.borrow().len());
        assert!(size <= MOST_SHARED, "{size}");
        assert_eq!(intern("7"), "7");
    }

    #[test]
    fn its_schema_is_a_string() {
        let schema = schemars::schema_for!(SharedText).to_value();
        assert_eq!(schema["type"], "string");
    }
}
