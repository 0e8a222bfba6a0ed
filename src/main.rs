//! The `postbag` command line: parse arguments, load configuration, run a
//! command, and map failures to exit codes an operator's scripts and
//! systemd understand (sysexits: 66 no input, 74 I/O error, 75 try again
//! later, 78 configuration error).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use postbag::config::{Config, ConfigError, PostcodeSourceKind, SECRET_ENV, Secret};
use postbag::count::CountError;
use postbag::letters::Templates;
use postbag::lookup::index::{Index, IndexMeta};
use postbag::lookup::mps::MpData;
use postbag::lookup::setup::{self, Lookups, SetupError};
use postbag::lookup::{self, Lookup, import};
use postbag::pipeline::{self, Engine, Outcome};
use postbag::postcode::Postcode;
use postbag::preview::Report;

const EXIT_DATA: u8 = 65;
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
    /// Answer the campaign mailbox: watch it over IMAP, reply over SMTP.
    Run(RunArgs),
    /// Try the mail servers, folders, templates, lookup and state folder,
    /// and say what is wrong.
    Check(ConfigArg),
    /// Print the count: people helped and letters written.
    Stats(StatsArgs),
    /// Show the reply the daemon would send to an email, without sending anything.
    Preview(PreviewArgs),
    /// Find the constituency and MP for a postcode, as the daemon would.
    Lookup(LookupArgs),
    /// Build the offline lookup data.
    #[command(subcommand)]
    Data(DataCommand),
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
    /// Use this CSV table to find MPs instead of the configured sources.
    #[arg(long, value_name = "CSV", conflicts_with = "data_dir")]
    lookup_table: Option<PathBuf>,
    /// Use the offline index and MP list in this folder, as the daemon does.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArg,
    /// Pretend today is this date (YYYY-MM-DD), for reproducible output.
    #[arg(long, value_name = "DATE")]
    date: Option<jiff::civil::Date>,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Answer what is in the mailbox now, then exit (75 if some mail had
    /// to be left for later).
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Debug, clap::Args)]
struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Debug, clap::Args)]
struct LookupArgs {
    /// A UK postcode, e.g. "SW1A 1AA".
    postcode: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Use the offline index and MP list in this folder.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Debug, clap::Args)]
struct ConfigArg {
    /// The configuration file [default: config/postbag.toml, else config/postbag.example.toml].
    #[arg(long, env = "POSTBAG_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum DataCommand {
    /// Build the offline postcode index from the ONS Postcode Directory
    /// (ONSPD or NSPL CSV) or a plain postcode,constituency_code CSV.
    ImportPostcodes(ImportArgs),
    /// Load every seat's MP from a CSV in the DfE mp-lookup layout
    /// (pcon_code, pcon_name, member_id, display_as, member_email, ...).
    ImportMps(ImportMpsArgs),
    /// Fetch every seat's MP from the UK Parliament Members API.
    RefreshMps(DataDirArgs),
}

#[derive(Debug, clap::Args)]
struct DataDirArgs {
    /// The data folder [default: lookup.data_dir from the config].
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The CSV file to import.
    file: PathBuf,
    #[command(flatten)]
    dir: DataDirArgs,
}

#[derive(Debug, clap::Args)]
struct ImportMpsArgs {
    /// The CSV file to import.
    file: PathBuf,
    /// The date the data describes [default: the file's modification date].
    #[arg(long, value_name = "DATE")]
    date: Option<jiff::civil::Date>,
    #[command(flatten)]
    dir: DataDirArgs,
}

/// An error with the exit code it maps to.
struct Failure {
    code: u8,
    error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Failure {
        let error = error.into();
        use postbag::mailbox::MailboxError;
        let code = if error.chain().any(|e| {
            e.is::<ConfigError>()
                || matches!(
                    e.downcast_ref::<MailboxError>(),
                    Some(MailboxError::Password(_) | MailboxError::Login | MailboxError::CaFile(_))
                )
                || e.is::<postbag::letters::TemplateError>()
                || e.is::<SetupError>()
                || e.is::<postbag::send::SetupError>()
        }) {
            EXIT_CONFIG
        } else if error.chain().any(|e| {
            e.is::<postbag::mailbox::MailboxError>()
                || matches!(
                    e.downcast_ref::<CountError>(),
                    Some(CountError::Locked { .. })
                )
        }) {
            EXIT_TEMPFAIL
        } else if error.chain().any(|e| e.is::<import::ImportError>()) {
            EXIT_DATA
        } else {
            1
        };
        Failure { code, error }
    }
}

/// Give a failure the exit code of the step that failed, rather than the
/// one its kind implies.
trait ExitWith<T> {
    fn exit_with(self, code: u8) -> Result<T, Failure>;
}

impl<T, E: Into<anyhow::Error>> ExitWith<T> for Result<T, E> {
    fn exit_with(self, code: u8) -> Result<T, Failure> {
        self.map_err(|error| Failure {
            code,
            error: error.into(),
        })
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
        Command::Run(args) => run(args),
        Command::Check(args) => check(args),
        Command::Stats(args) => stats(args),
        Command::Preview(args) => preview(args),
        Command::Lookup(args) => lookup_command(args),
        Command::Data(DataCommand::ImportPostcodes(args)) => import_postcodes(args),
        Command::Data(DataCommand::ImportMps(args)) => import_mps(args),
        Command::Data(DataCommand::RefreshMps(args)) => refresh_mps(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("postbag: {}", describe(&failure.error));
            ExitCode::from(failure.code)
        }
    }
}

/// An error and its causes on one line, each said once: many of our error
/// messages already quote their source, which the chain would repeat.
fn describe(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Load the configuration named, or the repository's own.
fn load_config(arg: &ConfigArg) -> Result<Config, Failure> {
    let path = match &arg.config {
        Some(path) => path.clone(),
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
    Ok(Config::load(&path, std::env::vars())?.with_env_secret(std::env::var(SECRET_ENV).ok()))
}

/// Open the configured lookup sources and print any warnings.
fn open_lookups(config: &Config, data_dir: Option<&Path>) -> Result<Lookups, Failure> {
    let today = jiff::Zoned::now()
        .with_time_zone(config.time_zone.clone())
        .date();
    let lookups = setup::open(&config.lookup, data_dir, today)?;
    for warning in &lookups.warnings {
        eprintln!("postbag: warning: {warning}");
    }
    Ok(lookups)
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("start the runtime")?)
}

/// Logs go to stderr (journald adds the time there); `POSTBAG_LOG` sets
/// the level, e.g. `debug`. They hold outcome classes, UIDs and timings:
/// never an address, a name, a subject or a Message-ID.
fn init_logs() {
    // A bare level applies to postbag alone: other crates' debug output
    // is not held to postbag's rules about personal data.
    let level = std::env::var("POSTBAG_LOG").unwrap_or_else(|_| "info".to_owned());
    let directives = if level.contains('=') {
        level
    } else {
        format!("warn,postbag={level}")
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&directives)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,postbag=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}

fn run(args: RunArgs) -> Result<ExitCode, Failure> {
    init_logs();
    let config = load_config(&args.config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("start the runtime")?;
    // The SMTP pool starts its own task when it is made.
    let _entered = runtime.enter();
    let prepared = postbag::service::prepare(config)?;
    let summary = runtime.block_on(async {
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            stop_on_signals(stop).await;
        });
        prepared.run(shutdown, args.once).await
    })?;
    Ok(if args.once && summary.retried > 0 {
        ExitCode::from(EXIT_TEMPFAIL)
    } else {
        ExitCode::SUCCESS
    })
}

/// The first SIGTERM or SIGINT asks for a stop at a safe point; a second
/// one stops at once (mail in flight is then answered by the next run,
/// perhaps twice).
async fn stop_on_signals(stop: tokio::sync::watch::Sender<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        // Keep `stop` alive: dropping it would read as a stop request.
        tracing::error!("cannot listen for signals; stop postbag with SIGKILL");
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::info!("stop asked for; finishing what is in flight (signal again to stop now)");
    let _ = stop.send(true);
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::warn!("stopping now");
    std::process::exit(i32::from(EXIT_TEMPFAIL));
}

fn check(args: ConfigArg) -> Result<ExitCode, Failure> {
    let config = load_config(&args)?;
    let findings = runtime()?.block_on(postbag::service::check(&config));
    let mut problems = 0;
    for finding in &findings {
        match &finding.problem {
            None => println!("ok       {}", finding.what),
            Some(problem) => {
                problems += 1;
                println!("PROBLEM  {}: {problem}", finding.what);
            }
        }
    }
    if problems == 0 {
        println!("\nAll good: `postbag run` can start.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\n{problems} problem(s) to fix.");
        Ok(ExitCode::from(EXIT_CONFIG))
    }
}

fn stats(args: StatsArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.config)?;
    let counts = postbag::count::read(config.require_state_dir()?).exit_with(EXIT_IO)?;
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &counts).context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else {
        writeln!(stdout, "People helped:   {}", counts.people_helped).context("write")?;
        writeln!(stdout, "Help replies:    {}", counts.help_replies).context("write")?;
        writeln!(stdout, "Letters written: {}", counts.letters_total()).context("write")?;
        for (id, n) in &counts.letters {
            writeln!(stdout, "  {id}: {n}").context("write")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn preview(args: PreviewArgs) -> Result<ExitCode, Failure> {
    let mut config = load_config(&args.config)?;
    let templates = Templates::load(&config.templates_dir, &config.campaign)?;
    if let Some(table) = args.lookup_table {
        config.lookup.table = Some(table);
        config.lookup.postcode_sources = vec![PostcodeSourceKind::Table];
    } else if args.data_dir.is_some() && !config.lookup.uses_offline() {
        config.lookup.postcode_sources = vec![PostcodeSourceKind::Offline];
    }
    let lookups = open_lookups(&config, args.data_dir.as_deref())?;
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

/// `postbag lookup --json`.
#[derive(serde::Serialize)]
struct LookupReport<'a> {
    postcode: Option<&'a str>,
    outcome: &'static str,
    constituency: Option<&'a lookup::Constituency>,
    nation: Option<&'static str>,
    mp: Option<&'a lookup::Mp>,
    source: Option<String>,
    /// Why there is no seat (`crown_dependency`, `forces`, ...).
    no_seat: Option<&'static str>,
    /// The year a retired postcode was retired.
    terminated_year: Option<u16>,
    /// For `unavailable`: what failed, and how long to wait.
    reason: Option<String>,
    retry_after_secs: Option<u64>,
    /// Where the offline data came from, when it was used.
    data: Option<DataInfo>,
}

#[derive(serde::Serialize)]
struct DataInfo {
    postcodes: Option<IndexMeta>,
    mps: Option<MpInfo>,
}

#[derive(serde::Serialize)]
struct MpInfo {
    source: String,
    data_date: String,
    age_days: i64,
}

fn lookup_command(args: LookupArgs) -> Result<ExitCode, Failure> {
    let mut config = load_config(&args.config)?;
    if args.data_dir.is_some() && !config.lookup.uses_offline() {
        config.lookup.postcode_sources = vec![PostcodeSourceKind::Offline];
    }
    let postcode = Postcode::parse(&args.postcode);
    let mut data = None;
    let answer = match &postcode {
        Some(postcode) => {
            let lookups = open_lookups(&config, args.data_dir.as_deref())?;
            let today = jiff::Zoned::now()
                .with_time_zone(config.time_zone.clone())
                .date();
            if lookups.index.is_some() || lookups.mps.is_some() {
                data = Some(DataInfo {
                    postcodes: lookups.index.as_ref().map(|i| i.meta().clone()),
                    mps: lookups.mps.as_ref().map(|m| MpInfo {
                        source: m.source.clone(),
                        data_date: m.data_date.to_string(),
                        age_days: m.age_days(today),
                    }),
                });
            }
            Some(runtime()?.block_on(lookup::resolve(&lookups.chain, postcode)))
        }
        None => None,
    };
    let invalid = Lookup::Invalid;
    let found = answer.as_ref().map_or(&invalid, |a| &a.lookup);
    let report = LookupReport {
        postcode: postcode.as_ref().map(Postcode::as_str),
        outcome: found.code(),
        constituency: found.constituency(),
        nation: found.nation().map(|n| n.code()),
        mp: found.mp(),
        source: answer.as_ref().map(|a| a.source.to_string()),
        no_seat: match found {
            Lookup::NoSeat(why) => Some(why.code()),
            _ => None,
        },
        terminated_year: match found {
            Lookup::Terminated { year } => *year,
            _ => None,
        },
        reason: match found {
            Lookup::Unavailable(u) => Some(u.reason.clone()),
            _ => None,
        },
        retry_after_secs: match found {
            Lookup::Unavailable(u) => u.retry_after.map(|d| d.as_secs()),
            _ => None,
        },
        data,
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report).context("write JSON")?;
        writeln!(stdout).context("write JSON")?;
    } else {
        write_lookup(&mut stdout, &report, found).context("write the answer")?;
    }
    Ok(match found {
        Lookup::Unavailable(_) => ExitCode::from(EXIT_TEMPFAIL),
        _ => ExitCode::SUCCESS,
    })
}

fn write_lookup(
    out: &mut impl Write,
    report: &LookupReport<'_>,
    found: &Lookup,
) -> std::io::Result<()> {
    let postcode = report.postcode.unwrap_or("(not a postcode)");
    let what = match found {
        Lookup::Found { .. } => "found".to_owned(),
        Lookup::Vacant { .. } => "seat vacant (no MP until a by-election)".to_owned(),
        Lookup::Dissolved { .. } => "Parliament dissolved (no MPs until the election)".to_owned(),
        Lookup::NoSeat(why) => format!("no Westminster seat ({})", why.code().replace('_', " ")),
        Lookup::Unknown => "unknown postcode".to_owned(),
        Lookup::SplitSector => {
            "newer than the data, in a sector split between constituencies".to_owned()
        }
        Lookup::Invalid => "not a valid postcode".to_owned(),
        Lookup::Terminated { year: Some(year) } => format!("retired in {year}"),
        Lookup::Terminated { year: None } => "retired".to_owned(),
        Lookup::Unavailable(u) => format!("unavailable: {u}; try again later"),
    };
    writeln!(out, "{postcode}: {what}")?;
    if let (Some(c), Some(nation)) = (found.constituency(), found.nation()) {
        writeln!(
            out,
            "  constituency  {} ({}), {}",
            c.name,
            c.code,
            nation.name()
        )?;
    }
    if let Some(mp) = found.mp() {
        let party = mp
            .party
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        writeln!(out, "  MP            {}{party}", mp.name)?;
        match (&mp.email, &mp.postal_address) {
            (Some(email), _) => writeln!(out, "  email         {email}")?,
            (None, Some(post)) => writeln!(out, "  no email      write to {post}")?,
            (None, None) => writeln!(out, "  no email")?,
        }
    }
    if let Some(source) = &report.source {
        writeln!(out, "  source        {source}")?;
    }
    if let Some(data) = &report.data {
        if let Some(p) = &data.postcodes {
            let date = p.data_date.as_deref().unwrap_or("undated");
            writeln!(out, "  postcodes     {} ({date})", p.source)?;
        }
        if let Some(m) = &data.mps {
            writeln!(
                out,
                "  MP list       {} ({}, {} days old)",
                m.source, m.data_date, m.age_days
            )?;
        }
    }
    Ok(())
}

/// The data folder: `--data-dir`, else the config's `lookup.data_dir`.
fn data_dir(given: Option<&Path>, config: &Config) -> Result<PathBuf, Failure> {
    config
        .lookup
        .data_dir_or(given)
        .context("no data folder: pass --data-dir or set lookup.data_dir in the config")
        .exit_with(EXIT_CONFIG)
}

/// The data folder for the import commands, which need the config only
/// when no `--data-dir` is given.
fn import_dir(args: &DataDirArgs) -> Result<PathBuf, Failure> {
    match &args.data_dir {
        Some(dir) => Ok(dir.clone()),
        None => data_dir(None, &load_config(&args.config)?),
    }
}

/// Warn when the index refers to seats the MP list lacks: the lookup of
/// their postcodes would wait for MP data that never comes.
fn check_seats(index: &Index, mps: &MpData) {
    let missing = index
        .seat_codes()
        .iter()
        .filter(|c| mps.seat(c).is_none())
        .count();
    if missing > 0 {
        eprintln!(
            "postbag: warning: {missing} seats in the postcode index are not in the MP list; import both for the same boundaries"
        );
    }
}

fn progress_bar(total: u64, unit: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    let template = if unit == "bytes" {
        "{bar:40} {bytes}/{total_bytes} ({eta} left)"
    } else {
        "{bar:40} {pos}/{len} seats ({eta} left)"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// The modification date of a file, as the date of the data in it.
fn modified_date(file: &std::fs::File) -> Option<jiff::civil::Date> {
    let modified = file.metadata().ok()?.modified().ok()?;
    let at = jiff::Timestamp::try_from(modified).ok()?;
    Some(at.to_zoned(jiff::tz::TimeZone::UTC).date())
}

fn open_input(path: &Path) -> Result<std::fs::File, Failure> {
    std::fs::File::open(path)
        .with_context(|| format!("cannot read {}", path.display()))
        .exit_with(EXIT_NO_INPUT)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn import_postcodes(args: ImportArgs) -> Result<ExitCode, Failure> {
    let dir = import_dir(&args.dir)?;
    let file = open_input(&args.file)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let meta = IndexMeta {
        source: file_name(&args.file),
        data_date: modified_date(&file).map(|d| d.to_string()),
        imported_at: jiff::Timestamp::now().to_string(),
        ..IndexMeta::default()
    };
    let started = Instant::now();
    let bar = progress_bar(size, "bytes");
    let (index, report) =
        import::postcodes(std::io::BufReader::new(file), meta, |n| bar.set_position(n))
            .with_context(|| format!("{}", args.file.display()))?;
    bar.finish_and_clear();
    let path = setup::index_path(&dir);
    index
        .write(&path)
        .with_context(|| format!("write {}", path.display()))
        .exit_with(EXIT_IO)?;
    let meta = index.meta();
    let on_disk = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "postbag: imported {} postcodes ({} live, {} retired, {} with no seat; {} rows skipped) in {:.1} s",
        index.len(),
        meta.live,
        meta.terminated,
        meta.no_seat,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    eprintln!(
        "postbag: wrote {} ({:.1} MB; {} layout, data dated {})",
        path.display(),
        on_disk as f64 / 1e6,
        meta.layout,
        meta.data_date.as_deref().unwrap_or("unknown")
    );
    if let Ok(mps) = MpData::read(&setup::mps_path(&dir)) {
        check_seats(&index, &mps);
    }
    Ok(ExitCode::SUCCESS)
}

fn import_mps(args: ImportMpsArgs) -> Result<ExitCode, Failure> {
    let dir = import_dir(&args.dir)?;
    let file = open_input(&args.file)?;
    let date = args
        .date
        .or_else(|| modified_date(&file))
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let data = import::mps(std::io::BufReader::new(file), &file_name(&args.file), date)
        .with_context(|| format!("{}", args.file.display()))?;
    write_mps(&dir, &data)?;
    Ok(ExitCode::SUCCESS)
}

fn write_mps(dir: &Path, data: &MpData) -> Result<(), Failure> {
    let path = setup::mps_path(dir);
    data.write(&path)
        .with_context(|| format!("write {}", path.display()))
        .exit_with(EXIT_IO)?;
    let seats = data.seats();
    let sitting = seats.iter().filter(|s| s.mp.is_some()).count();
    let no_email = seats
        .iter()
        .filter(|s| s.mp.as_ref().is_some_and(|m| m.email.is_none()))
        .count();
    eprintln!(
        "postbag: wrote {}: {} seats, {sitting} with an MP ({no_email} with no email), {} vacant; data dated {}",
        path.display(),
        seats.len(),
        seats.len() - sitting,
        data.data_date
    );
    if seats.len() != 650 {
        eprintln!(
            "postbag: warning: the Commons has 650 seats, this list has {}",
            seats.len()
        );
    }
    if let Ok(index) = Index::read(&setup::index_path(dir)) {
        check_seats(&index, data);
    }
    Ok(())
}

fn refresh_mps(args: DataDirArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.config)?;
    let dir = data_dir(args.data_dir.as_deref(), &config)?;
    let known = MpData::read(&setup::mps_path(&dir)).ok();
    let api = setup::members_api(&config.lookup, setup::http_client(&config.lookup)?)?;
    let bar = progress_bar(650, "seats");
    let fetched = runtime()?.block_on(api.all_seats(known.as_ref(), |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }));
    bar.finish_and_clear();
    let (seats, dissolved) = match fetched {
        Ok(fetched) => fetched,
        Err(postbag::lookup::members_api::RefreshError::Unavailable(u)) => {
            return Err(anyhow::anyhow!("{u}; nothing was changed")).exit_with(EXIT_TEMPFAIL);
        }
        Err(e) => return Err(e.into()),
    };
    let today = jiff::Zoned::now()
        .with_time_zone(config.time_zone.clone())
        .date();
    let mut data = MpData::new(config.lookup.members_api_url.clone(), today, seats);
    data.set_dissolved(dissolved);
    write_mps(&dir, &data)?;
    Ok(ExitCode::SUCCESS)
}
