//! The `postbag` command line: parse arguments, load configuration, run a
//! command, and map failures to exit codes an operator's scripts and
//! systemd understand (sysexits: 66 no input, 74 I/O error, 75 try again
//! later, 78 configuration error).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use postbag::config::{Config, ConfigError, SECRET_ENV, Secret};
use postbag::letters::Templates;
use postbag::lookup::table::Table;
use postbag::pipeline::{self, Engine, Outcome};
use postbag::preview::Report;

const EXIT_NO_INPUT: u8 = 66;
const EXIT_SOFTWARE: u8 = 70;
const EXIT_IO: u8 = 74;
const EXIT_TEMPFAIL: u8 = 75;
const EXIT_CONFIG: u8 = 78;

/// Answer a campaign's supporters with letters ready to send.
#[derive(Debug, Parser)]
#[command(name = "postbag", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the reply the daemon would send to an email, without sending anything.
    Preview(PreviewArgs),
}

#[derive(Debug, clap::Args)]
struct PreviewArgs {
    /// The email, as an .eml file (RFC 5322).
    file: PathBuf,
    /// Print a JSON summary of what was read and decided instead of the reply.
    #[arg(long)]
    json: bool,
    /// Write reply.eml and its attachments to this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Use this CSV table to find MPs instead of the one in the config.
    #[arg(long, value_name = "CSV")]
    lookup_table: Option<PathBuf>,
    /// The configuration file [default: config/postbag.toml, else config/postbag.example.toml].
    #[arg(long, env = "POSTBAG_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// Pretend today is this date (YYYY-MM-DD), for reproducible output.
    #[arg(long, value_name = "DATE")]
    date: Option<jiff::civil::Date>,
}

/// An error with the exit code it maps to.
struct Failure {
    code: u8,
    error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Failure {
        let error = error.into();
        let code = if error
            .chain()
            .any(|e| e.is::<ConfigError>() || e.is::<postbag::letters::TemplateError>())
        {
            EXIT_CONFIG
        } else {
            1
        };
        Failure { code, error }
    }
}

fn main() -> ExitCode {
    // A panic message could quote message data; print where, never what.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!("postbag: internal error{at}");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Preview(args) => preview(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("postbag: {:#}", failure.error);
            ExitCode::from(failure.code)
        }
    }
}

fn preview(args: PreviewArgs) -> Result<ExitCode, Failure> {
    let config_path = match args.config {
        Some(path) => path,
        None => {
            let own = Path::new("config/postbag.toml");
            if own.is_file() {
                own.to_owned()
            } else {
                eprintln!("postbag: no config/postbag.toml; using config/postbag.example.toml");
                PathBuf::from("config/postbag.example.toml")
            }
        }
    };
    let config = Config::load(&config_path, std::env::vars())?
        .with_env_secret(std::env::var(SECRET_ENV).ok());
    let templates = Templates::load(&config.templates_dir, &config.campaign)?;
    let table_path = args
        .lookup_table
        .or_else(|| config.lookup_table.clone())
        .context("no lookup table: pass --lookup-table or set lookup.table in the config")
        .map_err(|error| Failure {
            code: EXIT_CONFIG,
            error,
        })?;
    let table = Table::load(&table_path).map_err(|e| Failure {
        code: EXIT_CONFIG,
        error: e.into(),
    })?;
    let secret = match &config.reply_secret {
        Some(secret) => secret.clone(),
        None => {
            eprintln!(
                "postbag: no reply secret configured; the preview's Message-ID uses a fixed key"
            );
            Secret::new(b"postbag-preview-key".to_vec())
        }
    };
    let now = match args.date {
        Some(date) => date
            .at(12, 0, 0, 0)
            .to_zoned(config.time_zone.clone())
            .context("--date")?,
        None => jiff::Zoned::now().with_time_zone(config.time_zone.clone()),
    };

    let mut raw = Vec::new();
    std::fs::File::open(&args.file)
        .and_then(|f| {
            f.take(config.max_message_bytes as u64 + 1)
                .read_to_end(&mut raw)
        })
        .with_context(|| format!("cannot read {}", args.file.display()))
        .map_err(|error| Failure {
            code: EXIT_NO_INPUT,
            error,
        })?;

    let engine = Engine::new(config, templates, secret);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("start the runtime")?;
    let processed = runtime.block_on(pipeline::process(&engine, &table, &raw, &now));

    if let Some(dir) = &args.out {
        write_out(dir, &processed).map_err(|error| Failure {
            code: EXIT_IO,
            error,
        })?;
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &Report::new(&processed))
            .context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else if args.out.is_none() {
        match &processed.reply {
            Some(reply) => stdout
                .write_all(&reply.message.formatted())
                .context("write the reply")?,
            None => eprintln!(
                "postbag: no reply: {}{}",
                processed.outcome.class(),
                processed
                    .outcome
                    .reason()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
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

/// Write reply.eml and the reply's attachments into `dir`.
fn write_out(dir: &Path, processed: &pipeline::Processed) -> Result<()> {
    let Some(reply) = &processed.reply else {
        eprintln!("postbag: no reply to write: {}", processed.outcome.class());
        return Ok(());
    };
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    std::fs::write(dir.join("reply.eml"), reply.message.formatted()).context("write reply.eml")?;
    for file in &reply.files {
        std::fs::write(dir.join(&file.name), &file.bytes)
            .with_context(|| format!("write {}", file.name))?;
    }
    eprintln!(
        "postbag: wrote reply.eml and {} attachments to {}",
        reply.files.len(),
        dir.display()
    );
    Ok(())
}
