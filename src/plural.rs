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

/// A part of a whole, as a person says it: "2 of 3 sessions", "0 of 1
/// session", "1 of 1 hold" (the noun agrees with the whole, not with the
/// part: never "1 of 1 sessions").
pub fn of(part: impl Into<u64>, whole: impl Into<u64>, one: &str, many: &str) -> String {
    format!("{} of {}", part.into(), plural(whole, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_one_reads_in_the_singular() {
        assert_eq!(of(0u32, 1u32, "session", "sessions"), "0 of 1 session");
        assert_eq!(of(1u32, 1u32, "hold", "holds"), "1 of 1 hold");
        assert_eq!(of(1u32, 3u32, "session", "sessions"), "1 of 3 sessions");
        assert_eq!(of(0u32, 0u32, "session", "sessions"), "0 of 0 sessions");
    }
}
