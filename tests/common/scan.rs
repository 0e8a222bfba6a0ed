//! A search of files for personal data, for the privacy scan: every
//! needle (a name, a street, a postcode, an address, a subject, a
//! Message-ID) in the forms mail may carry it, in any file.
//!
//! Forms searched, ASCII case ignored where the form allows:
//! - as written, and lower-cased;
//! - quoted-printable (body and RFC 2047 "Q": `=XX` for non-ASCII and `=`,
//!   `_` or `=20` for spaces), in the text with soft line breaks removed;
//! - base64 at each of the three alignments a value can start at inside
//!   an encoded run, in the text with line breaks removed (the part of
//!   the encoding that depends on the needle alone, when it is at least
//!   six characters; case kept: base64 is case-sensitive);
//! - any exact encoded forms the caller knows were written (encoded
//!   words, encoded body lines).

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// One thing that must not be found, and what kind of thing it is.
#[derive(Clone)]
pub(crate) struct Needle {
    pub(crate) kind: &'static str,
    pub(crate) text: Vec<u8>,
}

impl std::fmt::Debug for Needle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?}", self.kind, String::from_utf8_lossy(&self.text))
    }
}

/// The shortest base64 fragment searched (shorter ones could match by
/// chance in base64 text).
const MIN_FRAGMENT: usize = 6;

/// The needles compiled for searching.
pub(crate) struct Scanner {
    needles: Vec<Needle>,
    /// Forms matched ignoring ASCII case, each with its needle.
    folded: AhoCorasick,
    folded_of: Vec<usize>,
    /// Base64 forms, matched exactly.
    exact: AhoCorasick,
    exact_of: Vec<usize>,
}

/// A needle found in a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Hit {
    pub(crate) file: PathBuf,
    pub(crate) kind: &'static str,
    pub(crate) needle: String,
}

impl Scanner {
    pub(crate) fn new(needles: Vec<Needle>) -> Scanner {
        let mut folded = Vec::new();
        let mut folded_of = Vec::new();
        let mut exact = Vec::new();
        let mut exact_of = Vec::new();
        for (i, needle) in needles.iter().enumerate() {
            let mut forms: BTreeSet<Vec<u8>> = BTreeSet::new();
            forms.insert(needle.text.clone());
            forms.insert(qp(&needle.text, b" "));
            forms.insert(qp(&needle.text, b"_"));
            forms.insert(qp(&needle.text, b"=20"));
            for form in forms {
                folded.push(form);
                folded_of.push(i);
            }
            for form in base64_fragments(&needle.text) {
                exact.push(form);
                exact_of.push(i);
            }
        }
        let build = |patterns: &[Vec<u8>], fold: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(fold)
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .expect("build the search")
        };
        Scanner {
            folded: build(&folded, true),
            folded_of,
            exact: build(&exact, false),
            exact_of,
            needles,
        }
    }

    pub(crate) fn needles(&self) -> &[Needle] {
        &self.needles
    }

    /// The needles (by index) found in `bytes`, in any form.
    pub(crate) fn find(&self, bytes: &[u8]) -> BTreeSet<usize> {
        let mut found = BTreeSet::new();
        let no_soft_breaks = remove(bytes, &[b"=\r\n", b"=\n"]);
        for text in [bytes, &no_soft_breaks[..]] {
            for m in self.folded.find_overlapping_iter(text) {
                found.insert(self.folded_of[m.pattern().as_usize()]);
            }
        }
        let one_line: Vec<u8> = bytes
            .iter()
            .copied()
            .filter(|b| *b != b'\r' && *b != b'\n')
            .collect();
        for m in self.exact.find_overlapping_iter(&one_line) {
            found.insert(self.exact_of[m.pattern().as_usize()]);
        }
        found
    }

    /// Every needle found in `files`.
    pub(crate) fn scan(&self, files: &[PathBuf]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for file in files {
            let Ok(bytes) = std::fs::read(file) else {
                continue;
            };
            for i in self.find(&bytes) {
                let needle = &self.needles[i];
                hits.push(Hit {
                    file: file.clone(),
                    kind: needle.kind,
                    needle: String::from_utf8_lossy(&needle.text).into_owned(),
                });
            }
        }
        hits.sort();
        hits
    }
}

/// Hits counted by kind of needle.
pub(crate) fn by_kind(hits: &[Hit]) -> BTreeMap<&'static str, usize> {
    let mut by = BTreeMap::new();
    for hit in hits {
        *by.entry(hit.kind).or_insert(0) += 1;
    }
    by
}

/// Every file under `dir`, recursively (none if it is missing).
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Total size of `files`, in bytes.
pub(crate) fn size(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// `text` quoted-printable: non-ASCII bytes, controls and `=` as `=XX`
/// (upper-case hex), spaces as `space`.
pub(crate) fn qp(text: &[u8], space: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3);
    for &b in text {
        match b {
            b' ' => out.extend_from_slice(space),
            b'=' | 0..=31 | 127..=255 => out.extend_from_slice(format!("={b:02X}").as_bytes()),
            b'_' if space == b"_" => out.extend_from_slice(b"=5F"),
            _ => out.push(b),
        }
    }
    out
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The parts of `text`'s base64 encoding that depend on `text` alone, for
/// each of the three places a value can start within a 3-byte group.
fn base64_fragments(text: &[u8]) -> Vec<Vec<u8>> {
    let mut fragments = Vec::new();
    for lead in 0..3usize {
        let mut bytes = vec![0u8; lead];
        bytes.extend_from_slice(text);
        let encoded = base64(&bytes);
        // Characters before `skip` mix in the bytes before the needle;
        // only whole groups are free of what follows it.
        let skip = [0, 2, 3][lead];
        let end = bytes.len() / 3 * 4;
        if end > skip && end - skip >= MIN_FRAGMENT {
            fragments.push(encoded.as_bytes()[skip..end].to_vec());
        }
    }
    fragments
}

/// `bytes` without any of `cut`.
fn remove(bytes: &[u8], cut: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        for c in cut {
            if bytes[i..].starts_with(c) {
                i += c.len();
                continue 'outer;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}
