//! Counts in words: "1 day", "3 days". Used by the history, the doses, the
//! handout and the window, so it sits below them all.

/// "1 day", "3 days": a count with its noun.
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
