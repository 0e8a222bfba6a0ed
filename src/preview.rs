//! The report of one pipeline run, for `postbag preview`.
//!
//! This is for the operator's terminal: it shows what was read from a
//! message and what the reply would be. The daemon never writes it
//! anywhere.

use serde::Serialize;

use crate::lookup::{Constituency, Mp};
use crate::pipeline::Processed;

/// The JSON object `postbag preview --json` prints.
#[derive(Debug, Serialize)]
pub struct Report {
    /// `letters`, `help`, `ignored`, `review` or `deferred`.
    pub outcome: &'static str,
    pub reason: Option<&'static str>,
    pub missing: Vec<&'static str>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub nation: Option<&'static str>,
    pub constituency: Option<Constituency>,
    pub mp: Option<Mp>,
    /// Which lookup sources answered, e.g. `offline` or `table`.
    pub source: Option<String>,
    pub letters: Vec<LetterSummary>,
    pub reply: Option<ReplySummary>,
}

/// One letter in the report.
#[derive(Debug, Serialize)]
pub struct LetterSummary {
    pub id: String,
    pub to: Vec<String>,
    pub subject: String,
}

/// The reply in the report.
#[derive(Debug, Serialize)]
pub struct ReplySummary {
    pub message_id: String,
    /// The language it is written in: "en", "cy".
    pub language: &'static str,
    pub subject: String,
    pub attachments: Vec<String>,
}

impl Report {
    /// Summarise a processed message.
    pub fn new(processed: &Processed) -> Report {
        let extraction = processed.extraction.as_ref();
        let lookup = processed.lookup.as_ref();
        let letters = letter_summaries(processed);
        Report {
            outcome: processed.outcome.class(),
            reason: processed.outcome.reason(),
            missing: processed.missing.clone(),
            name: extraction.and_then(|e| e.name.clone()),
            address: extraction.and_then(|e| e.address_line()),
            postcode: extraction
                .and_then(|e| e.postcode())
                .map(|p| p.as_str().to_owned()),
            nation: lookup.and_then(|l| l.nation()).map(|n| n.code()),
            constituency: lookup.and_then(|l| l.constituency()).cloned(),
            mp: lookup.and_then(|l| l.mp()).cloned(),
            source: processed.source.map(|s| s.to_string()),
            letters,
            reply: processed.reply.as_ref().map(|r| ReplySummary {
                message_id: r.message_id.clone(),
                language: r.language,
                subject: r
                    .message
                    .headers()
                    .get_raw("Subject")
                    .map(str::to_owned)
                    .unwrap_or_default(),
                attachments: r.files.iter().map(|f| f.name.clone()).collect(),
            }),
        }
    }
}

fn letter_summaries(processed: &Processed) -> Vec<LetterSummary> {
    let Some(reply) = &processed.reply else {
        return Vec::new();
    };
    reply
        .letters
        .iter()
        .map(|l| LetterSummary {
            id: l.id.clone(),
            to: l.to.clone(),
            subject: l.subject.clone(),
        })
        .collect()
}
