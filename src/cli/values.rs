//! Flag values typed at the clap boundary: the domain's `FromStr` types are value parsers, the
//! domain's enums are `ValueEnum`s (implemented here, once, so the domain does not depend on
//! clap), and a value a domain parser refused reaches the error boundary as patctl's own error.

use std::fmt;
use std::str::FromStr;

use clap::ValueEnum;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::project::AccessLevel;
use crate::error::{Error, Exit, Result};
use crate::store::{OwnerType, StateFilter};

/// The units, one table: the after-help of the commands that take durations, and so their man
/// pages (README "Durations and dates" has the same table).
pub const DURATIONS: &str = "\
Durations:
  A whole number and a unit, with no space: 30d, 6mo, 10m.
  unit  meaning  expiries, --unused-for  --grace, intervals  relative dates
  s     seconds  no                      yes                 yes
  m     minutes  no (months are mo)      yes                 yes
  h     hours    no                      yes                 yes
  d     days     yes                     yes                 yes
  w     weeks    yes                     yes                 yes
  mo    months   yes                     no                  yes
  y     years    yes                     no                  yes";

/// How the date filters of `list` and `audit` read a value, one table.
pub const DATES: &str = "\
Dates:
  A date (YYYY-MM-DD) is that day from 00:00 UTC; --created-* and --last-used-* also take
  RFC 3339 instants. Relative forms count from now:
  value      --expires-*         --created-*, --last-used-*, audit --since/--until
  30d, 6mo   that long from now  that long ago
  24h, 90m   that long from now  that long ago
  today      today               today's date (--until: through its end)
  yesterday  yesterday           yesterday's date (--until: through its end)";

/// A value a domain parser refused, carried through clap to the boundary (see
/// [`refused_value`]), which reports it with the parser's own message, hint and exit code.
#[derive(Debug)]
pub struct Refused {
    error: Error,
    /// Prefix the message with the flag (`--as-of: ...`); the expiry flags' messages say
    /// what they are about already.
    names_flag: bool,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.error.message())
    }
}

impl std::error::Error for Refused {}

/// The value parser of a domain type whose errors read `--flag: message`.
pub fn named<T>() -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = Error> + Clone + Send + Sync + 'static,
{
    |text: &str| T::from_str(text).map_err(|error| Refused { error, names_flag: true })
}

/// The value parser of a domain type whose errors are the message alone.
pub fn unnamed<T>() -> impl TypedValueParser<Value = T>
where
    T: FromStr<Err = Error> + Clone + Send + Sync + 'static,
{
    |text: &str| T::from_str(text).map_err(|error| Refused { error, names_flag: false })
}

/// The error a domain value parser refused with, when that is what stopped clap.
pub fn refused_value(err: &clap::Error) -> Option<Error> {
    if err.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let refused = std::error::Error::source(err)?.downcast_ref::<Refused>()?;
    let flag = match err.get(ContextKind::InvalidArg) {
        // clap names the argument as `--as-of <DATE>`.
        Some(ContextValue::String(arg)) if refused.names_flag => arg.split(' ').next().map(str::to_string),
        _ => None,
    };
    Some(match flag {
        Some(flag) => refused.error.clone().context(flag),
        None => refused.error.clone(),
    })
}

/// A refused value ends the run as if the command had found it: after the fixed-clock warning
/// (or the error of a bad `PATCTL_NOW`, which is read first), and the Nagios way for a check.
pub fn refused_run(refused: Error) -> Result<Exit> {
    let result = super::context::clock(quiet_requested()).and(Err(refused));
    if super::check_expiry::nagios_requested() { super::check_expiry::nagios_outcome(result) } else { result }
}

/// Whether `--quiet` (`-q`, also among other short flags such as `-qy`) is on the command line,
/// looked at when clap refused a value and so parsed nothing.
fn quiet_requested() -> bool {
    std::env::args()
        .skip(1)
        .take_while(|arg| arg != "--")
        .any(|arg| arg == "--quiet" || (arg.len() > 1 && arg.strip_prefix('-').is_some_and(is_quiet_cluster)))
}

fn is_quiet_cluster(flags: &str) -> bool {
    flags.contains('q') && flags.chars().all(|c| matches!(c, 'q' | 'y'))
}

/// Roles as `create --access-level` names them: the domain's own names.
impl ValueEnum for AccessLevel {
    fn value_variants<'a>() -> &'a [Self] {
        &AccessLevel::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl ValueEnum for StateFilter {
    fn value_variants<'a>() -> &'a [Self] {
        &[StateFilter::Active, StateFilter::Inactive, StateFilter::Revoked, StateFilter::Expired, StateFilter::All]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            StateFilter::Active => "active",
            StateFilter::Inactive => "inactive",
            StateFilter::Revoked => "revoked",
            StateFilter::Expired => "expired",
            StateFilter::All => "all",
        }))
    }
}

impl ValueEnum for OwnerType {
    fn value_variants<'a>() -> &'a [Self] {
        &[OwnerType::Human, OwnerType::Bot, OwnerType::ServiceAccount]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            OwnerType::Human => "human",
            OwnerType::Bot => "bot",
            OwnerType::ServiceAccount => "service_account",
        }))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::domain::expiry::{Date, Span};

    #[derive(Debug, Parser)]
    struct Probe {
        #[arg(long, value_parser = named::<Date>())]
        as_of: Option<Date>,
        #[arg(long, value_parser = unnamed::<Span>())]
        expires_in: Option<Span>,
        #[arg(long, value_enum)]
        state: Option<StateFilter>,
    }

    fn refused(args: &[&str]) -> Option<(String, Option<String>, Exit)> {
        let err = Probe::try_parse_from([&["probe"], args].concat()).unwrap_err();
        refused_value(&err).map(|e| (e.message().to_string(), e.hint().map(str::to_string), e.exit()))
    }

    #[test]
    fn refused_values_keep_their_message_hint_and_code() {
        assert_eq!(
            refused(&["--as-of", "2026-13-01"]),
            Some(("--as-of: '2026-13-01' is not a valid calendar date".into(), None, Exit::Data))
        );
        assert_eq!(
            refused(&["--expires-in=6m"]),
            Some((
                "'6m' is in minutes, but this duration counts whole days".into(),
                Some("did you mean 6mo? (m is minutes, mo months)".into()),
                Exit::Data
            ))
        );
        // Not a domain parser's refusal: clap's own usage error.
        assert_eq!(refused(&["--state", "other"]), None);
    }

    #[test]
    fn parsed_values_are_typed() {
        let probe = Probe::try_parse_from(["probe", "--expires-in", "6mo", "--state", "all"]).unwrap();
        assert_eq!(probe.expires_in, Some(Span::Months(6)));
        assert_eq!(probe.state, Some(StateFilter::All));
    }

    #[test]
    fn quiet_is_found_alone_or_among_short_flags() {
        assert!(is_quiet_cluster("q"));
        assert!(is_quiet_cluster("qy"));
        assert!(!is_quiet_cluster("y"));
        assert!(!is_quiet_cluster("query"));
    }
}
