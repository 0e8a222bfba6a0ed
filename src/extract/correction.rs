//! A postcode written after words correcting an earlier one ("Sorry,
//! wrong postcode … it's WF3 2EE", "Oops, that was my mum's. Mine is
//! …") outweighs it, even a labelled one. Kept apart from the words for
//! and against a home in [`super::postcodes`]: a correction is about the
//! order things were written in, not about whose place a postcode is.
//! Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::{self, Found, Postcode};

/// "Sorry, wrong postcode … it's WF3 2EE", "Oops, that was my mum's. Mine
/// is …": a postcode written after words that correct an earlier one
/// outweighs it, even a labelled one. In a mail written for someone
/// else, "mine is" is the writer's own home, no correction.
pub(super) fn correction(text: &str, start: usize, this: &Postcode, proxy: bool) -> i32 {
    static CORRECTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:sorry|oops|apologies|wrong|mistake|typo|should\s+(?:be|have\s+been|read)|the\s+right\s+one|correct\s+(?:one|postcode)|mine\s+is|mine['’]s|instead)\b",
        )
        .expect("static regex")
    });
    let from = text.floor_char_boundary(start.saturating_sub(200));
    let before = &text[from..start];
    let paragraph = before.rfind("\n\n").map_or(before, |i| &before[i + 2..]);
    // The postcode being corrected: "…, not LE11 2HX", "I typed NG9 8ZB".
    static CORRECTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:not|instead\s+of|rather\s+than|i\s+(?:typed|put|wrote|gave))\s*[:,]?\s*$",
        )
        .expect("static regex")
    });
    if CORRECTED.is_match(paragraph) {
        return 0;
    }
    // "I should be grateful for the letters" corrects nothing.
    static NO_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:grateful|glad|pleased|happy|obliged|delighted|most|very|so|able|sent|addressed|written|made|used|allowed|given|kept|private|protected|stopped|asked)\b")
            .expect("static regex")
    });
    static APOLOGY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*,?\s*(?:if|for|to)\b").expect("static regex"));
    let Some(first) = CORRECTING.find_iter(paragraph).find(|m| {
        let word = m.as_str().to_lowercase();
        let mine = proxy && word.starts_with("mine");
        // "It should be KY12 7ET" leads to the postcode; "I don't think
        // anyone should be relaxed about it" leads nowhere.
        let polite = word.starts_with("should")
            && (NO_CORRECTION.is_match(&paragraph[m.end()..])
                || paragraph[m.end()..].trim().chars().count() > 30);
        // "Sorry if it looks a bit formal", "sorry to bother you": an
        // apology for something else.
        let apology =
            (word == "sorry" || word == "apologies") && APOLOGY.is_match(&paragraph[m.end()..]);
        !(mine || polite || apology)
    }) else {
        return 0;
    };
    // A correction follows what it corrects ("I typed NG9 8ZB and it should
    // be NG9 8BZ"): each other postcode written between the correcting
    // words and this one is one it may correct.
    let corrected = postcode::find_all(&paragraph[first.start()..])
        .iter()
        .filter(|h| matches!(&h.found, Found::Postcode { postcode, .. } if postcode != this))
        .count();
    80 + 5 * i32::try_from(corrected).unwrap_or(0).min(4)
}
