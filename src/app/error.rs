//! What a command can fail with: the refusals of the domain and the faults of the files and of
//! the machine, each with its facts and no words. The catalogue (`i18n`) says each in the
//! person's language; `kind` tells a front end what sort of failure it is.

use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::init::TermReversed;
use crate::alert::AlertError;
use crate::contract::{ContractError, NotOnRoster, OutsideTerm};
use crate::duplicate::Duplicate;
use crate::feedback::FeedbackError;
use crate::git::GitError;
use crate::ids::IdError;
use crate::incident::IncidentError;
use crate::inspect::InspectError;
use crate::leave::LeaveError;
use crate::ledger::{EngineerError, LedgerError};
use crate::period::PeriodError;
use crate::report::ReportError;
use crate::store::StoreError;
use crate::sync::SyncFailure;
use crate::time::TimeError;
use crate::time::grammar::AmountError;

/// A command's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value a person gives a command, as what is said about it names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    At,
    OnsiteAt,
    Agreed,
    Title,
    Summary,
    Impact,
    Cause,
    Fix,
    Note,
    Days,
    Hours,
    Job,
    Failed,
    /// Whose overtime or leave it is.
    Engineer,
    /// Who is put on duty.
    OnDuty,
    Consultation,
    Request,
    /// Why the engineer decided a request's scope, or declined it.
    Reason,
    /// To whom a request was forwarded.
    ForwardedTo,
    /// A request's answer.
    Answer,
    /// An alert's text.
    Alert,
    /// What raised an alert.
    Source,
    /// The policy that raised an alert.
    Policy,
    /// The name of a policy added or changed.
    PolicyName,
    /// A policy's rule.
    Rule,
    Customer,
    Provider,
    City,
    Mode,
    Start,
    End,
    /// What `otss search` looks for.
    Query,
}

/// A command line that asks for what cannot be, found once it was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// `otss init` with no terminal to ask at, and without these.
    InitNeeds(Vec<Input>),
    /// `otss man` asked for a page under a command that has no commands under it.
    NoCommandsUnder(String),
    /// `otss man` asked for a command that is not there; those that are.
    NoSuchCommand { name: String, commands: Vec<String> },
    /// `otss request add --scope out:other` without the reason it needs.
    ReasonNeeded,
    /// `otss undo` without a terminal to confirm at, and without `--yes`.
    UndoNeedsYes,
    /// `otss alert log --class incident` without a terminal to ask at, and without
    /// `--incident`.
    AlertNeedsIncident,
}

/// `Error`: for each error of the modules below, a variant of the same name that `?` takes
/// it into; after the `;`, the application's own variants.
macro_rules! error_of_modules {
    (
        $(#[$meta:meta])*
        pub enum Error {
            $($(#[$variant_meta:meta])* $variant:ident($error:ty),)+
            ;
            $($own:tt)*
        }
    ) => {
        $(#[$meta])*
        pub enum Error {
            $($(#[$variant_meta])* $variant($error),)+
            $($own)*
        }

        $(impl From<$error> for Error {
            fn from(error: $error) -> Error {
                Error::$variant(error)
            }
        })+
    };
}

error_of_modules! {
    /// What a command can fail with.
    #[derive(Debug)]
    pub enum Error {
        Id(IdError),
        Incident(IncidentError),
        OutsideTerm(OutsideTerm),
        NotOnRoster(NotOnRoster),
        Contract(ContractError),
        Period(PeriodError),
        Report(ReportError),
        Leave(LeaveError),
        Inspect(InspectError),
        Feedback(FeedbackError),
        Alert(AlertError),
        Engineer(EngineerError),
        TermReversed(TermReversed),
        Store(StoreError),
        Git(GitError),
        Sync(SyncFailure),
        Usage(Usage),
        /// A likely duplicate refused at the door (docs/rules.md §10.3).
        Duplicate(Duplicate),
        /// A value otss made cannot be written as JSON: a bug.
        Unserializable(serde_json::Error),
        /// A duration typed that cannot be read.
        Amount(AmountError),
        ;
        /// A time typed for `input` that cannot be read.
        Time { input: Input, error: TimeError },
        /// Text typed for `input` that says nothing.
        Empty(Input),
        /// A count typed for `input` below one.
        LessThanOne(Input),
        /// An incident opened with no title, and no risk to take one from.
        NoTitle,
        /// An incident opened from a risk that has one already.
        RiskTaken { risk: String, incident: String },
        /// An engineer asked for on site before the incident was reported.
        AskedBeforeReport { asked_at: String, reported_at: String },
        /// An arrival agreed for before the engineer was asked for on site.
        AgreedBeforeRequest { agreed: String, asked_at: String },
        /// A round recorded for a day other than today, without saying when.
        RoundNeedsTime { date: NaiveDate },
        /// A round's time on another day than the round's.
        RoundOnAnotherDay { at: NaiveDate, date: NaiveDate },
        /// A period typed that has no report of its own; the annual summary's month.
        NotATermReport { period: String, annual: String },
        /// A report delivered before it could have been.
        IssuedTooEarly { month: String, earliest: NaiveDate },
        /// No name to record under.
        NoEngineer,
        /// A record withdrawn already, by the void named.
        AlreadyVoided { record: String, void: String, by: String },
        /// Nothing the engineer wrote is left to undo.
        NothingToUndo { engineer: String },
        /// No user data directory to keep imported schedules in.
        NoDataDirectory,
        /// `OTSS_LANG` names no language otss speaks.
        LangVariable(String),
        /// `OTSS_NOW` is not an RFC 3339 time.
        NowVariable(String),
        /// The working directory cannot be read.
        WorkingDirectory(io::Error),
        /// A new contract where one is already.
        ContractExists(PathBuf),
        /// A new contract asked for inside a site: the contract above, or the ledger around.
        InsideSite(PathBuf),
        /// A period typed where a day is needed.
        NotADay(String),
        /// An item asked for a trend that has no reading, nor a gauge in the contract; the
        /// closest that has one.
        NoReadings { item: String, near: Option<String> },
        /// A period typed where a month is needed.
        NotAMonth(String),
        /// A report's file whose name tells no format, with the formats (`--format`) and the
        /// extensions the command knows.
        UnknownFormat {
            path: PathBuf,
            formats: &'static [&'static str],
            extensions: &'static [&'static str],
        },
        /// `otss check` found problems in the ledger, as many as this.
        LedgerDamaged { problems: usize },
        /// `otss verify`: the ledger no longer begins with the history of a fingerprint.
        NotVerified,
        /// `otss verify` was given something that is not a fingerprint.
        NotAFingerprint(String),
        /// The manual pages cannot be written into `dir`.
        ManPages { dir: PathBuf, source: io::Error },
        /// What a command shows cannot be written on standard output or standard error.
        Output(io::Error),
        /// A prompt's answer cannot be read from the terminal.
        Prompt(io::Error),
        /// Ctrl-C at a prompt: nothing was recorded.
        Interrupted,
    }
}

/// What sort of failure an error is, which decides the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line asks for what cannot be.
    Usage,
    /// The person's mistake: a bad time, an unknown id, a refused change.
    Input,
    /// A file otss reads is bad: the contract, the ledger, a schedule.
    Data,
    /// What is around otss: files it cannot read or write, git, the network.
    Environment,
    /// A bug in otss.
    Internal,
}

impl Error {
    /// What sort of failure it is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Usage(_) => ErrorKind::Usage,
            Error::Id(_)
            | Error::Incident(_)
            | Error::OutsideTerm(_)
            | Error::NotOnRoster(_)
            | Error::Period(_)
            | Error::Report(_)
            | Error::Leave(_)
            | Error::Inspect(_)
            | Error::Feedback(_)
            | Error::Alert(_)
            | Error::Engineer(_)
            | Error::TermReversed(_)
            | Error::Time { .. }
            | Error::Empty(_)
            | Error::LessThanOne(_)
            | Error::NoTitle
            | Error::RiskTaken { .. }
            | Error::AskedBeforeReport { .. }
            | Error::AgreedBeforeRequest { .. }
            | Error::RoundNeedsTime { .. }
            | Error::RoundOnAnotherDay { .. }
            | Error::NotATermReport { .. }
            | Error::IssuedTooEarly { .. }
            | Error::AlreadyVoided { .. }
            | Error::NothingToUndo { .. }
            | Error::LangVariable(_)
            | Error::NowVariable(_)
            | Error::ContractExists(_)
            | Error::InsideSite(_)
            | Error::NotADay(_)
            | Error::NoReadings { .. }
            | Error::NotAMonth(_)
            | Error::UnknownFormat { .. }
            | Error::Duplicate(_)
            | Error::Interrupted
            | Error::NotAFingerprint(_)
            | Error::Amount(_) => ErrorKind::Input,
            Error::Contract(_) | Error::LedgerDamaged { .. } | Error::NotVerified => {
                ErrorKind::Data
            }
            Error::Store(error) => store_kind(error),
            Error::Sync(error) => sync_kind(error),
            Error::Git(_)
            | Error::NoEngineer
            | Error::NoDataDirectory
            | Error::WorkingDirectory(_)
            | Error::ManPages { .. }
            | Error::Output(_)
            | Error::Prompt(_) => ErrorKind::Environment,
            Error::Unserializable(_) => ErrorKind::Internal,
        }
    }

    /// The operating system's error underneath, if there is one.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            Error::Store(StoreError::Read { source, .. } | StoreError::Write { source, .. })
            | Error::Git(GitError::Missing(source))
            | Error::Sync(SyncFailure::Lock { source, .. })
            | Error::WorkingDirectory(source)
            | Error::ManPages { source, .. }
            | Error::Output(source)
            | Error::Prompt(source) => Some(source),
            _ => None,
        }
    }
}

fn store_kind(error: &StoreError) -> ErrorKind {
    match error {
        StoreError::ContractMissing { .. }
        | StoreError::NoContract { .. }
        | StoreError::RecordTooLong { .. } => ErrorKind::Input,
        StoreError::TooLarge { .. }
        | StoreError::Schedule { .. }
        | StoreError::StoredSchedule { .. }
        | StoreError::Refused { .. }
        | StoreError::Ledger(LedgerError::NewerVersion { .. }) => ErrorKind::Data,
        StoreError::Read { .. }
        | StoreError::Write { .. }
        | StoreError::FileInTheWay { .. }
        | StoreError::Ledger(LedgerError::Unsettled) => ErrorKind::Environment,
    }
}

fn sync_kind(error: &SyncFailure) -> ErrorKind {
    match error {
        SyncFailure::LedgerElsewhere { .. }
        | SyncFailure::Attributes { .. }
        | SyncFailure::Rewritten { .. } => ErrorKind::Data,
        SyncFailure::UnknownCommit { .. } => ErrorKind::Input,
        SyncFailure::NoRepository { .. }
        | SyncFailure::Lock { .. }
        | SyncFailure::Detached
        | SyncFailure::Unreachable { .. }
        | SyncFailure::Merge { .. }
        | SyncFailure::Push { .. }
        | SyncFailure::KeptMoving { .. } => ErrorKind::Environment,
    }
}

/// Text typed for `input`, trimmed; text that says nothing is an error naming it.
pub fn non_empty(input: Input, text: &str) -> Result<String> {
    let text = text.trim();
    match text.is_empty() {
        true => Err(Error::Empty(input)),
        false => Ok(text.to_string()),
    }
}

impl From<LedgerError> for Error {
    fn from(error: LedgerError) -> Error {
        Error::Store(error.into())
    }
}

/// The one I/O a command does without naming what it reads or writes: what it shows.
impl From<io::Error> for Error {
    fn from(error: io::Error) -> Error {
        Error::Output(error)
    }
}
