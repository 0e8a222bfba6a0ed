//! The words on a postcode's line before it that are the address's own:
//! after any earlier postcode, inside a bracket the address opens, and
//! short of an afterthought opening the postcode's sentence. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::talk::THAT_IS;
use crate::postcode;

/// A word opening a sentence after the address, before its postcode.
static AFTERTHOUGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[.!]\s+)(?:oh|oops|ah|also|sorry|ps|p\.s\.?)[\s,.!]*$")
        .expect("static regex")
});

/// Words opening a bracket that holds an address: "that's", "i.e.".
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{THAT_IS}|i\.?e\.?,?|namely)\s+")).expect("static regex")
});

/// The words before a postcode (its lead-in already dropped) that may be
/// its address, and whether they were in a bracket, which bounds them.
pub(super) fn own_words(prefix: &str) -> (&str, bool) {
    // A bracket holding the postcode alone ("Pevensey Bay (BN24 5EW)"); an
    // afterthought opening the postcode's sentence ("… Deeside. Oh and the
    // postcode, it's CH5 2AA").
    let prefix = prefix.trim_end().trim_end_matches('(');
    // Or its line ("Oh and the postcode - M41 7DU" under the address).
    let prefix = AFTERTHOUGHT.find(prefix).map_or(prefix, |m| {
        let stop = usize::from(m.as_str().starts_with(['.', '!']));
        &prefix[..m.start() + stop]
    });
    // An address in brackets ("Stuart Kerr here (2/1, 18 Smithycroft Road,
    // Glasgow G33 2DE)") starts inside them: what is before is talk. Or
    // after "that's" inside them ("I am Patricia Eagling (that's 7 Orchard
    // Close, …").
    match unclosed_bracket(prefix) {
        Some(at) => {
            let inside = prefix[at + 1..].trim_start();
            (
                OPENING.find(inside).map_or(inside, |m| &inside[m.end()..]),
                true,
            )
        }
        None => (prefix, false),
    }
}

/// Where the last bracket opened in `prefix` and not closed is.
fn unclosed_bracket(prefix: &str) -> Option<usize> {
    let open = prefix.rfind('(')?;
    (!prefix[open..].contains(')')).then_some(open)
}

/// A line's text after the last postcode written in it, and whether there
/// was one: no address runs over another postcode ("I work at 40 Arundel
/// Street, S1 4FH, but please put my home address …: 7 Portland Street,
/// …"), so it starts there and goes no higher.
pub(super) fn after_last_postcode(line: &str) -> (&str, bool) {
    match postcode::find_all(line)
        .into_iter()
        .rfind(|hit| matches!(hit.found, postcode::Found::Postcode { .. }))
    {
        Some(hit) => (&line[hit.end..], true),
        None => (line, false),
    }
}

/// Whether a comma follows the postcode starting `from_postcode`.
pub(super) fn comma_after_postcode(from_postcode: &str) -> bool {
    let line = from_postcode.lines().next().unwrap_or("");
    postcode::find_all(line)
        .first()
        .is_some_and(|hit| line[hit.end..].starts_with(','))
}
