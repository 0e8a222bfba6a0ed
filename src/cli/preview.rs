//! `postbag preview`: the reply to one email, without any server.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use postbag::config::{LookupOverrides, Secret};
use postbag::letters::Templates;
use postbag::pipeline::{self, Engine, Outcome};
use postbag::preview::Report;

use super::args::PreviewArgs;
use super::exit::{EXIT_IO, EXIT_NO_INPUT, EXIT_SOFTWARE, EXIT_TEMPFAIL, ExitWith, Failure};
use super::{load_config_with, open_lookups, runtime};

pub(crate) fn preview(args: PreviewArgs) -> Result<ExitCode, Failure> {
    let overrides = LookupOverrides {
        table: args.lookup_table,
        data_dir: args.data_dir,
    };
    let config = load_config_with(&args.config, &overrides)?;
    let templates = Templates::load(&config.templates_dir, &config.campaign)?;
    let lookups = open_lookups(&config)?;
    let secret = match &config.reply_secret {
        Some(secret) => secret.clone(),
        None => {
            let why = config
                .reply_secret_unread
                .as_deref()
                .unwrap_or("none is configured");
            eprintln!(
                "postbag: no reply secret ({why}); the preview's Message-ID uses a fixed key"
            );
            Secret::new(b"postbag-preview-key".to_vec())
        }
    };
    let now = match args.date {
        Some(date) => date
            .at(12, 0, 0, 0)
            .to_zoned(config.time_zone.clone())
            .context("--date")?,
        None => config.now(),
    };

    let mut raw = Vec::new();
    std::fs::File::open(&args.file)
        .and_then(|f| {
            f.take(config.max_message_bytes as u64 + 1)
                .read_to_end(&mut raw)
        })
        .with_context(|| format!("cannot read {}", args.file.display()))
        .exit_with(EXIT_NO_INPUT)?;

    let engine = Engine::new(config, templates, secret);
    let processed = runtime()?.block_on(pipeline::process(&engine, &lookups.chain, &raw, &now));

    if let Some(dir) = &args.out {
        write_out(dir, &processed).exit_with(EXIT_IO)?;
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &Report::new(&processed))
            .context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else if args.out.is_none() {
        match &processed.reply {
            Some(reply) => {
                stdout
                    .write_all(&reply.message.formatted())
                    .context("write the reply")?;
                if !reply.letter_emails.is_empty() {
                    eprintln!(
                        "postbag: and {} letter emails after it: use --out DIR to see them",
                        reply.letter_emails.len()
                    );
                }
            }
            None => {
                eprintln!(
                    "postbag: no reply: {}{}",
                    processed.outcome.class(),
                    processed
                        .outcome
                        .reason()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                );
                if processed.outcome.reason() == Some("bounce") && !has_return_path(&raw) {
                    eprintln!(
                        "postbag: the email has no Return-Path header. The receiving server adds one to every email it delivers, so an email without one is taken for a bounce, which must get no reply. To try a hand-written file, start it with a line such as\n  Return-Path: <supporter@example.org>\nwith the sender's address."
                    );
                }
            }
        }
    }
    Ok(match processed.outcome {
        Outcome::Deferred => ExitCode::from(EXIT_TEMPFAIL),
        Outcome::Review(pipeline::ReviewReason::BuildFailed | pipeline::ReviewReason::Internal) => {
            ExitCode::from(EXIT_SOFTWARE)
        }
        _ => ExitCode::SUCCESS,
    })
}

/// Whether the header of `raw` has a `Return-Path` field.
fn has_return_path(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.lines()
        .take_while(|line| !line.trim().is_empty())
        .any(|line| {
            line.get(..12)
                .is_some_and(|name| name.eq_ignore_ascii_case("return-path:"))
        })
}

/// Write reply.eml and the reply's attachments into `dir`.
fn write_out(dir: &Path, processed: &pipeline::Processed) -> Result<()> {
    let Some(reply) = &processed.reply else {
        eprintln!("postbag: no reply to write: {}", processed.outcome.class());
        return Ok(());
    };
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    std::fs::write(dir.join("reply.eml"), reply.message.formatted()).context("write reply.eml")?;
    let mut attachments = reply.files.len();
    for file in &reply.files {
        std::fs::write(dir.join(&file.name), &file.bytes)
            .with_context(|| format!("write {}", file.name))?;
    }
    // The per-letter layout: letter-01.eml, … and their drafts.
    for (i, email) in reply.letter_emails.iter().enumerate() {
        let name = format!("letter-{:02}.eml", i + 1);
        std::fs::write(dir.join(&name), email.message.formatted())
            .with_context(|| format!("write {name}"))?;
        for file in &email.files {
            std::fs::write(dir.join(&file.name), &file.bytes)
                .with_context(|| format!("write {}", file.name))?;
        }
        attachments += email.files.len();
    }
    let letters = match reply.letter_emails.len() {
        0 => String::new(),
        n => format!(", {n} letter emails"),
    };
    eprintln!(
        "postbag: wrote reply.eml{letters} and {attachments} attachments to {}",
        dir.display()
    );
    Ok(())
}
