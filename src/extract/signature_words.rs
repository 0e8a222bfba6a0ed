//! What a signature block is made of: a work one (a job title, a company,
//! Tel or DX, a disclaimer) or a personal one (a name and a home address).
//! Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::words::re;

/// Return true if a block after `-- ` is a personal one (name, home
/// address, perhaps a phone or an email address): no company, job title,
/// web address or disclaimer in it.
pub(crate) fn is_personal_signature(lines: &[&str]) -> bool {
    hits(&*WORK_MARKERS, lines) == 0
}

/// Return true if the lines read as a work signature (two or more of a
/// job title, a company, a phone label, a web or email address, a DX
/// number, a disclaimer), which is never searched for the supporter's
/// details.
pub(crate) fn looks_like_work_signature(lines: &[&str]) -> bool {
    hits(&*WORK_MARKERS, lines) + hits(&*CONTACT_MARKERS, lines) >= 2
}

/// How many of `markers` match some line.
fn hits(markers: &[Regex], lines: &[&str]) -> usize {
    markers
        .iter()
        .filter(|re| lines.iter().any(|l| re.is_match(l)))
        .count()
}

/// Job titles: a work signature's mark, and never part of a name ("I am
/// the Activities Coordinator").
const JOB_TITLES: &str = r"(?i)\b(manager|director|officer|analyst|engineer|consultant|head\s+of|coordinator|co-ordinator|assistant|associate|executive|specialist|advisor|adviser|administrator|lead|developer|partner|ceo|cto|cfo|founder|owner|proprietor|solicitor|clerk|secretary|nurse|worker)\b";

/// Whether a word is a job title.
pub(crate) fn is_job_word(word: &str) -> bool {
    static JOB: LazyLock<Regex> = LazyLock::new(|| re(JOB_TITLES));
    JOB.is_match(word)
}

/// What only a work signature has: a company, a web address, a job title,
/// a disclaimer.
static WORK_MARKERS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        r"(?i)\b(ltd|limited|plc|llp|inc|llc|gmbh|cic|group|services|solutions|consulting|consultancy|partners|university|council|trust|solicitors|accountants|associates|& co|chambers|nhs|foundation|care)\b",
        r"(?i)(https?://|www\.)",
        JOB_TITLES,
        r"(?i)\b(confidential|intended\s+recipient|registered\s+(in|office|number|no)|authorised\s+and\s+regulated|disclaimer)\b",
    ]
    .map(re)
});

/// What a personal block may have too: an email address, a phone or DX
/// number.
static CONTACT_MARKERS: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        r"(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}",
        r"(?i)(^|\|\s*)(t|tel|telephone|phone|m|mob|mobile|office|direct|dd|fax|switchboard|dx)\s*[:.]?\s*\+?\d|\bdx\s+\d+",
    ]
    .map(re)
});
