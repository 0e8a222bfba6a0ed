//! Failures to exit codes an operator's scripts and systemd understand
//! (sysexits: 65 bad data, 66 no input, 70 a bug, 74 I/O error, 75 try
//! again later, 78 configuration error). Each error says its own class
//! ([`Classify`]); the one table below reads it.

use std::error::Error;

use postbag::failure::{Classify, FailureClass};

pub(crate) const EXIT_DATA: u8 = 65;
pub(crate) const EXIT_NO_INPUT: u8 = 66;
pub(crate) const EXIT_SOFTWARE: u8 = 70;
pub(crate) const EXIT_IO: u8 = 74;
pub(crate) const EXIT_TEMPFAIL: u8 = 75;
pub(crate) const EXIT_CONFIG: u8 = 78;

/// An error with the exit code it maps to.
pub(crate) struct Failure {
    pub(crate) code: u8,
    pub(crate) error: anyhow::Error,
}

/// Every error type that knows its class, asked in turn.
const CLASSIFIED: [fn(&(dyn Error + 'static)) -> Option<FailureClass>; 12] = [
    class_of::<postbag::config::ConfigError>,
    class_of::<postbag::mailbox::MailboxSetupError>,
    class_of::<postbag::mailbox::MailboxError>,
    class_of::<postbag::letters::TemplateError>,
    class_of::<postbag::lookup::setup::LookupSetupError>,
    class_of::<postbag::send::RelaySetupError>,
    class_of::<postbag::count::CountError>,
    class_of::<postbag::lookup::import::ImportError>,
    class_of::<postbag::mail_service::LeftForLater>,
    class_of::<postbag::mail_service::RelayRefused>,
    class_of::<postbag::probe::ProbeError>,
    class_of::<postbag::oauth::TokenError>,
];

fn class_of<E: Classify + Error + 'static>(error: &(dyn Error + 'static)) -> Option<FailureClass> {
    error.downcast_ref::<E>().map(Classify::class)
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    /// The code of the most telling class in the error's chain: a setting
    /// to fix before a passing failure, that before bad data.
    fn from(error: E) -> Failure {
        let error = error.into();
        let class = error
            .chain()
            .filter_map(|cause| CLASSIFIED.iter().find_map(|classify| classify(cause)))
            .min()
            .unwrap_or(FailureClass::Other);
        let code = match class {
            FailureClass::Config => EXIT_CONFIG,
            FailureClass::Temporary => EXIT_TEMPFAIL,
            FailureClass::Data => EXIT_DATA,
            FailureClass::Other => 1,
        };
        Failure { code, error }
    }
}

/// Give a failure the exit code of the step that failed, rather than the
/// one its kind implies.
pub(crate) trait ExitWith<T> {
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

/// An error and its causes on one line, each said once: many of our error
/// messages already quote their source, which the chain would repeat.
pub(crate) fn describe(error: &anyhow::Error) -> String {
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
