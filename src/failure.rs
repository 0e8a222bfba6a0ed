//! What kind of failure an error is: the operator's to fix, worth trying
//! again later, bad input data, or none of these. Each error type says its
//! own class; the command line turns the class into an exit code.

/// The kinds of failure an operator's scripts and systemd tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FailureClass {
    /// A setting, a file it names, or a template: fix it and start again.
    Config,
    /// A server or a lock that may be fine later: try again.
    Temporary,
    /// An input file that is not what it should be.
    Data,
    /// Anything else.
    Other,
}

/// An error that knows its [`FailureClass`].
pub trait Classify {
    fn class(&self) -> FailureClass;

    fn is_config(&self) -> bool {
        self.class() == FailureClass::Config
    }

    fn is_temporary(&self) -> bool {
        self.class() == FailureClass::Temporary
    }
}
