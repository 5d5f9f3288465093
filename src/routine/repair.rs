//! The file as the value checks read it once its shape problems are set
//! aside (each left out or replaced, as [`Repair`] says), so that every
//! problem of a file comes back in one pass, and the way back from a place
//! in that file to the same place in the file as written.

use std::cmp::Ordering;

use serde_json::Value;

use super::problem::{FieldPath, Segment};
use super::shape::{Repair, ShapeProblem};

/// The file with its shape problems set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    /// What the value checks read.
    pub value: Value,
    /// The list elements left out, at their places in the file as written.
    removed: Vec<FieldPath>,
}

impl Repaired {
    /// `value` with each problem's field left out or replaced; `None` when
    /// one of them cannot be (the document itself is wrong, or a field the
    /// raw types need has no stand-in).
    pub fn new(value: &Value, problems: &[ShapeProblem]) -> Option<Self> {
        if problems.iter().any(|p| p.repair == Repair::Stop) {
            return None;
        }
        let removes: Vec<&FieldPath> = problems
            .iter()
            .filter(|p| p.repair == Repair::Remove)
            .map(|p| &p.path)
            .collect();
        // What is inside a part left out goes with it.
        let inside_removed =
            |path: &FieldPath| removes.iter().any(|r| path != *r && path.is_within(r));
        let mut rest = value.clone();
        for p in problems {
            if let Repair::Replace(stand_in) = &p.repair
                && !inside_removed(&p.path)
            {
                let (parent, Some(Segment::Key(key))) = (p.path.parent(), p.path.segments().last())
                else {
                    return None;
                };
                node_mut(&mut rest, &parent)?
                    .as_object_mut()?
                    .insert(key.clone(), stand_in.clone());
            }
        }
        let mut targets: Vec<&FieldPath> = removes
            .iter()
            .copied()
            .filter(|p| !inside_removed(p))
            .collect();
        // From the end of the file backwards, so that leaving out a list's
        // element does not move one still to be left out.
        targets.sort_by(|a, b| compare(b, a));
        targets.dedup();
        let mut removed = Vec::new();
        for path in targets {
            let (Some(last), Some(parent)) =
                (path.segments().last(), node_mut(&mut rest, &path.parent()))
            else {
                continue;
            };
            match (last, parent) {
                (Segment::Key(key), Value::Object(map)) => {
                    map.remove(key);
                }
                (Segment::Index(i), Value::Array(list)) if *i < list.len() => {
                    list.remove(*i);
                    removed.push(path.clone());
                }
                _ => {}
            }
        }
        Some(Self {
            value: rest,
            removed,
        })
    }

    /// The place in the file as written of `path`, a place in [`Self::value`].
    pub fn original(&self, path: &FieldPath) -> FieldPath {
        let mut out = FieldPath::root();
        for segment in path.segments() {
            out = match segment {
                Segment::Key(key) => out.key(key),
                Segment::Index(at) => {
                    let mut gone: Vec<usize> = self
                        .removed
                        .iter()
                        .filter(|r| r.parent() == out)
                        .filter_map(|r| match r.segments().last() {
                            Some(Segment::Index(i)) => Some(*i),
                            _ => None,
                        })
                        .collect();
                    gone.sort_unstable();
                    let mut index = *at;
                    for g in gone {
                        if g <= index {
                            index += 1;
                        }
                    }
                    out.index(index)
                }
            };
        }
        out
    }
}

fn node_mut<'v>(value: &'v mut Value, path: &FieldPath) -> Option<&'v mut Value> {
    let mut node = value;
    for segment in path.segments() {
        node = match segment {
            Segment::Key(k) => node.get_mut(k.as_str())?,
            Segment::Index(i) => node.get_mut(*i)?,
        };
    }
    Some(node)
}

/// Paths in document order of their segments: keys by name, indexes by
/// number.
fn compare(a: &FieldPath, b: &FieldPath) -> Ordering {
    for (x, y) in a.segments().iter().zip(b.segments()) {
        let order = match (x, y) {
            (Segment::Key(x), Segment::Key(y)) => x.cmp(y),
            (Segment::Index(x), Segment::Index(y)) => x.cmp(y),
            (Segment::Key(_), Segment::Index(_)) => Ordering::Greater,
            (Segment::Index(_), Segment::Key(_)) => Ordering::Less,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.segments().len().cmp(&b.segments().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(path: FieldPath) -> ShapeProblem {
        ShapeProblem {
            path,
            at: super::super::shape::At::Value,
            message: String::new(),
            repair: Repair::Remove,
        }
    }

    /// Two elements of one list left out: a place after them in what is
    /// checked is the same element's place in the file.
    #[test]
    fn places_after_elements_left_out_are_mapped_back() {
        let list = FieldPath::root().key("items");
        let value = serde_json::json!({"items": [0, "a", 2, "b", "c", 5]});
        let repaired =
            Repaired::new(&value, &[removal(list.index(1)), removal(list.index(3))]).unwrap();
        assert_eq!(repaired.value, serde_json::json!({"items": [0, 2, "c", 5]}));
        assert_eq!(repaired.original(&list.index(0)), list.index(0));
        assert_eq!(repaired.original(&list.index(1)), list.index(2));
        assert_eq!(
            repaired.original(&list.index(2).key("x")),
            list.index(4).key("x")
        );
        assert_eq!(repaired.original(&list.index(3)), list.index(5));
    }
}
