//! The command line's words: commands, their arguments and help.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Answer a campaign's supporters with letters ready to send.
#[derive(Debug, Parser)]
#[command(name = "postbag", version)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Sign in to the mail provider with OAuth2 ([oauth2] grant =
    /// "refresh_token").
    #[command(subcommand)]
    Auth(AuthCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Sign in once (a code to type at the provider's page, or a browser
    /// sign-in) and keep the tokens in oauth2.token_file.
    Login(LoginArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct LoginArgs {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    /// For a browser sign-in: the port on 127.0.0.1 the browser comes
    /// back to (forward it with `ssh -L PORT:127.0.0.1:PORT` from a
    /// machine with a browser). 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
}

#[derive(Debug, clap::Args)]
pub(crate) struct PreviewArgs {
    /// The email, as an .eml file (RFC 5322).
    pub(crate) file: PathBuf,
    /// Print a JSON summary of what was read and decided instead of the reply.
    #[arg(long)]
    pub(crate) json: bool,
    /// Write reply.eml and its attachments to this folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Use this CSV table to find MPs instead of the configured sources.
    #[arg(long, value_name = "CSV", conflicts_with = "data_dir")]
    pub(crate) lookup_table: Option<PathBuf>,
    /// Use the offline index and MP list in this folder, as the daemon does.
    #[arg(long, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    /// Pretend today is this date (YYYY-MM-DD), for reproducible output.
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<jiff::civil::Date>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// Answer what is in the mailbox now, then exit (75 if some mail had
    /// to be left for later).
    #[arg(long)]
    pub(crate) once: bool,
    #[command(flatten)]
    pub(crate) config: ConfigArg,
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) config: ConfigArg,
}

#[derive(Debug, clap::Args)]
pub(crate) struct LookupArgs {
    /// A UK postcode, e.g. "SW1A 1AA".
    pub(crate) postcode: String,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Use the offline index and MP list in this folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) config: ConfigArg,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ConfigArg {
    /// The configuration file [default: config/postbag.toml, else config/postbag.example.toml].
    #[arg(long, env = "POSTBAG_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DataCommand {
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
pub(crate) struct DataDirArgs {
    /// The data folder [default: lookup.data_dir from the config].
    #[arg(long, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) config: ConfigArg,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The CSV file to import.
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) dir: DataDirArgs,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportMpsArgs {
    /// The CSV file to import.
    pub(crate) file: PathBuf,
    /// The date the data describes [default: the file's modification date].
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub(crate) dir: DataDirArgs,
}
