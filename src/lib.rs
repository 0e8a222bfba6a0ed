//! postbag: an email bot that answers a campaign's supporters with letters
//! ready to send.
//!
//! A supporter emails the campaign address with their name, address and
//! postcode; postbag reads the mail, finds their MP, writes the campaign's
//! letters and replies with them as drafts the supporter sends themselves.
//! It keeps nothing but a count.
//!
//! # Layout
//!
//! The pipeline is a straight line, one module per step:
//!
//! - [`inbound`]: raw bytes to an [`inbound::Inbound`] (size and MIME
//!   limits, parsing, body text; [`html`] converts HTML-only mail);
//! - [`screen`]: should this message be answered at all?
//! - [`extract`]: name, address and postcode from what people write, and
//!   [`language`], the language they wrote in
//!   ([`postcode`] knows the format; [`text`] cleans every string);
//! - [`lookup`]: postcode to constituency and MP, behind [`lookup::MpLookup`];
//! - [`letters`]: the campaign's templates, rendered per supporter, with
//!   the few words postbag writes itself from [`phrases`];
//! - [`reply`]: the reply message, its drafts and reminder (dated by
//!   [`calendar`]'s working days);
//! - [`pipeline`]: the steps above for one message.
//!
//! [`config`] reads and validates the operator's and the campaign's files,
//! and [`preview`] reports a pipeline run for the `preview` command. Every
//! step but the lookup is pure: no network, no clock, no files.

mod atomic_file;
pub mod calendar;
pub mod campaign;
pub mod check;
pub mod config;
pub mod count;
pub mod daemon;
pub mod email_address;
pub mod endpoint;
pub mod extract;
pub mod failure;
pub mod field;
pub mod host;
pub mod html;
pub mod inbound;
pub mod language;
pub mod letters;
pub mod limits;
pub mod lookup;
pub mod mail_service;
pub mod mailbox;
pub mod metrics;
pub mod nation;
pub mod oauth;
pub mod phrases;
pub mod pipeline;
pub mod postcode;
pub mod preview;
pub mod probe;
pub mod reply;
pub mod screen;
pub mod send;
pub mod shutdown;
pub mod status;
pub mod text;
