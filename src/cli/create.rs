//! `patctl create`: a personal access token for a user.

use std::path::PathBuf;

use clap_complete::engine::ArgValueCompleter;

use crate::cli::args::ExpiryArgs;
use crate::cli::complete;
use crate::cli::values::DURATIONS;
use crate::cli::{Context, lifecycle, prompt, secret_input};
use crate::domain::expiry::{Amount, ExpiryRequest, Span, parse_date};
use crate::domain::model::{User, UserType};
use crate::domain::project::AccessLevel;
use crate::domain::scope::{Scope, Scopes};
use crate::domain::text::{check_field, escape};
use crate::error::{Error, Exit, Result};
use crate::ops::groups;
use crate::ops::impersonation;
use crate::ops::lifecycle::Event;
use crate::ops::projects::{self, ProjectTokenSettings};
use crate::ops::tokens::{self, CreateToken, Created, SecretSource, TokenSettings};
use crate::ops::users;
use crate::output::tokens::{CreatedToken, describe};
use crate::output::{Changed, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  # The GitLab recipe: a preset token for automation-bot (user.personal_access_tokens.create
  # + set_token), read from standard input so it stays out of shell history:
  echo 'token-string-here123' | patctl create --user automation-bot --name 'Automation token' \\
      --scopes read_user,read_repository --token-file -

  # A generated token, captured by a script (stdout holds only the token):
  TOKEN=$(patctl create --user automation-bot --name ci --scopes api --expires-in 30d --raw)

  # A project access token, owned by a new bot user of the project:
  patctl create --project group/project --name deploy --scopes read_repository \\
      --access-level developer

  # A group access token, owned by a new bot user of the group:
  patctl create --group infra/ci --name runner --scopes read_api --access-level reporter

  # Idempotent provisioning: exit 0 and \"unchanged\" when the same token exists already:
  patctl create --user automation-bot --name ci --scopes api --if-not-exists --raw";

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{DURATIONS}")
}

/// Create a personal, impersonation, project or group access token (shown once)
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
#[command(group(clap::ArgGroup::new("resource").args(["project", "group"])))]
#[command(mut_arg("expires_at", |arg| arg.help(
    "Expiry date; the token stops working at 00:00 UTC that day [default: today + config \
     tokens.max_lifetime_days, asked for on a terminal when other flags were left out]"
)))]
pub struct Args {
    /// Owner of the token [asked for on a terminal when left out]
    #[arg(long, value_name = "USERNAME", conflicts_with_all = ["project", "group"], add = ArgValueCompleter::new(complete::usernames))]
    pub user: Option<String>,

    /// A project access token: a new bot user of this project owns it
    #[arg(long, value_name = "PATH", add = ArgValueCompleter::new(complete::project_paths))]
    pub project: Option<String>,

    /// A group access token: a new bot user of this group (e.g. parent/child) owns it
    #[arg(long, value_name = "PATH", add = ArgValueCompleter::new(complete::group_paths))]
    pub group: Option<String>,

    /// The bot's role in the project or group [default: guest]
    #[arg(long, value_enum, requires = "resource", conflicts_with = "user")]
    pub access_level: Option<AccessLevel>,

    /// An impersonation token (an administrator acting as the user)
    #[arg(long, conflicts_with_all = ["project", "group"])]
    pub impersonation: bool,

    /// Name of the token, e.g. "Automation token" [asked for on a terminal when left out]
    #[arg(long)]
    pub name: Option<String>,

    /// Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a
    /// list with GitLab's descriptions on a terminal when left out]
    #[arg(long, visible_alias = "scope", value_name = "SCOPES", add = ArgValueCompleter::new(complete::owner_scopes))]
    pub scopes: Vec<String>,

    /// Free-text description (at most 255 characters)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    #[command(flatten)]
    pub expiry: ExpiryArgs,

    /// No expiry (refused while config tokens.require_expiry is true)
    #[arg(long, group = "expiry")]
    pub no_expiry: bool,

    /// Preset token string (visible to other users: prefer --token-file -)
    #[arg(long, value_name = "VALUE", conflicts_with = "token_file", allow_hyphen_values = true)]
    pub token: Option<String>,

    /// Read a preset token from a file, or `-` for standard input (a hidden prompt on a terminal)
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Exit 0 and change nothing when the same token (owner, name, scopes) already exists
    #[arg(long)]
    pub if_not_exists: bool,

    /// Print only the generated token on stdout, for TOKEN=$(patctl create ... --raw)
    #[arg(long)]
    pub raw: bool,
}

pub fn run(ctx: &mut Context, mut args: Args) -> Result<Exit> {
    if args.raw {
        ctx.printer.allow_raw()?;
    }
    let settings = ctx.token_settings()?;
    let personal = args.project.is_none() && args.group.is_none();
    let asked_expiry = if ctx.interactive && personal { ask_missing(ctx, &mut args, &settings)? } else { None };
    if personal && args.user.is_none() {
        return Err(Error::usage("missing --user USERNAME, --project PATH or --group PATH"));
    }
    let name = required(args.name, "--name NAME")?;
    if args.scopes.is_empty() {
        return Err(Error::usage("missing --scopes SCOPES").with_hint("e.g. --scopes read_user,read_repository"));
    }
    let scopes = Scopes::parse(&args.scopes)?;
    let expiry = match asked_expiry {
        Some(expiry) => expiry,
        None => args.expiry.request(args.no_expiry),
    };
    let secret = match (args.token, args.token_file) {
        (Some(text), _) => SecretSource::Preset(secret_input::from_argument(text, &ctx.printer)),
        (None, Some(path)) => SecretSource::Preset(secret_input::read_token(&path, ctx.interactive)?),
        (None, None) => SecretSource::Generate,
    };
    let stamp = ctx.stamp();
    let request =
        CreateToken { name, description: args.description, scopes, expiry, secret, if_not_exists: args.if_not_exists };
    let access_level = args.access_level.unwrap_or(AccessLevel::Guest);
    let config = &ctx.config.config;
    let project_settings = ProjectTokenSettings {
        default_lifetime_days: config.project_tokens.default_lifetime_days,
        mail_host: config.mail.host.clone(),
    };
    // Bad input is refused before the database file is created.
    let (created, mut store) = if let Some(project) = args.project {
        projects::check_request(&project, &request, &settings)?;
        let mut store = ctx.open(Access::Write)?;
        let created = projects::create_token(
            &mut store,
            &settings,
            &project_settings,
            (&project, access_level),
            request,
            &stamp,
        )?;
        (created, store)
    } else if let Some(group) = args.group {
        groups::check_request(&group, &request, &settings)?;
        let mut store = ctx.open(Access::Write)?;
        let created =
            groups::create_token(&mut store, &settings, &project_settings, (&group, access_level), request, &stamp)?;
        (created, store)
    } else {
        let owner = args.user.unwrap_or_default();
        request.check(&settings)?;
        if args.impersonation {
            impersonation::check_enabled(ctx.config.config.security.impersonation_enabled)?;
        }
        let mut store = ctx.open(Access::Write)?;
        (tokens::create(&mut store, &settings, &owner, request, args.impersonation, &stamp)?, store)
    };
    match created {
        Created::Unchanged(token) => {
            ctx.printer.note(&format!("unchanged: {}", describe(&token)));
            if !args.raw {
                ctx.printer.print(&Changed {
                    status: Status::Unchanged,
                    view: CreatedToken { token: &token, secret: None },
                })?;
            }
        }
        Created::New { token, generated } => {
            ctx.printer.note(&format!("created {}", describe(&token)));
            match (&generated, args.raw) {
                (Some(secret), true) => ctx.printer.line(secret.expose())?,
                (None, true) => {}
                (_, false) => ctx.printer.print(&Changed {
                    status: Status::Created,
                    view: CreatedToken { token: &token, secret: generated.as_ref() },
                })?,
            }
            if generated.is_some() {
                ctx.printer.note("store the token now: it is shown only once");
            }
            let mail_error = lifecycle::notify(ctx, &mut store, &lifecycle::notices(Event::Created, [&token]));
            return lifecycle::finish(ctx, mail_error);
        }
    }
    Ok(Exit::Success)
}

/// On a terminal, asks for what the flags left out: the owner (a choice of users), the name, the
/// scopes (with GitLab's descriptions), then the expiry date with the policy default, unless an
/// expiry flag was given. Returns the expiry when it was asked for.
fn ask_missing(ctx: &mut Context, args: &mut Args, settings: &TokenSettings) -> Result<Option<ExpiryRequest>> {
    if args.user.is_some() && args.name.is_some() && !args.scopes.is_empty() {
        return Ok(None);
    }
    let owner = match &args.user {
        Some(username) => known_user(ctx, username)?,
        None => {
            let user = choose_user(ctx)?;
            args.user = Some(user.username.clone());
            Some(user)
        }
    };
    if args.name.is_none() {
        let name = prompt::input("Token name", None, |text| {
            check_field("name", text, 255).map_err(|e| e.message().to_string())
        })?;
        args.name = Some(name);
    }
    if args.scopes.is_empty() {
        // Admin-only scopes are offered only to owners who may hold them.
        let admin = owner.as_ref().is_none_or(|u| u.admin);
        let offered: Vec<Scope> = Scope::ALL.into_iter().filter(|s| admin || !s.is_admin_only()).collect();
        let items: Vec<String> = offered.iter().map(|s| format!("{:<22} {}", s.as_str(), s.description())).collect();
        let labels: Vec<&str> = offered.iter().map(|s| s.as_str()).collect();
        let chosen = prompt::multi_select("Scopes", &items, &labels)?;
        args.scopes = chosen.into_iter().map(|i| offered[i].as_str().to_string()).collect();
    }
    if args.expiry.is_given() || args.no_expiry {
        return Ok(None);
    }
    let today = ctx.now.date_naive();
    let policy = settings.expiry;
    let default = policy.resolve(ExpiryRequest::Default, today, policy.max_lifetime_days)?;
    let question = format!(
        "Expires on (YYYY-MM-DD or 30d, 6mo, 1y{}; latest {})",
        if policy.require_expiry { "" } else { ", or never" },
        policy.latest_allowed(today)
    );
    let default = default.map(|d| d.to_string()).unwrap_or_else(|| "never".into());
    let answer = prompt::input(&question, Some(default), |text| {
        expiry_answer(text)
            .and_then(|r| policy.resolve(r, today, policy.max_lifetime_days))
            .map(|_| ())
            // The hint is the next step (`did you mean 6mo?`): on the same line, as prompts show one.
            .map_err(|e| match e.hint() {
                Some(hint) => format!("{}; {hint}", e.message()),
                None => e.message().to_string(),
            })
    })?;
    expiry_answer(&answer).map(Some)
}

/// A typed expiry: a date, a duration, or "never".
fn expiry_answer(text: &str) -> Result<ExpiryRequest> {
    let text = text.trim();
    if text == "never" {
        return Ok(ExpiryRequest::Never);
    }
    if let Ok(date) = parse_date(text) {
        return Ok(ExpiryRequest::At(date));
    }
    // A duration in the wrong unit (6m), or of zero, keeps its own message.
    Span::parse(text).map(ExpiryRequest::In).map_err(|err| match Amount::read(text) {
        Some(_) => err,
        None => {
            Error::data(format!("'{}' is neither a date (YYYY-MM-DD) nor a duration (30d, 2w, 6mo, 1y)", escape(text)))
        }
    })
}

/// The owner named by --user, looked up now so that a typo fails before any question.
fn known_user(ctx: &mut Context, username: &str) -> Result<Option<User>> {
    let Some(store) = ctx.open_if_present(Access::Read)? else {
        return Ok(None);
    };
    users::find(&store.reader(), username).map(Some)
}

/// A choice among the users who may own a new token.
fn choose_user(ctx: &mut Context) -> Result<User> {
    let no_users = || {
        Error::usage("missing --user USERNAME")
            .with_hint("there is no user to choose from yet: patctl user add USERNAME")
    };
    let Some(store) = ctx.open_if_present(Access::Read)? else {
        return Err(no_users());
    };
    let users: Vec<User> = store
        .reader()
        .users()?
        .into_iter()
        .filter(|u| !u.blocked && matches!(u.user_type, UserType::Human | UserType::Bot | UserType::ServiceAccount))
        .collect();
    if users.is_empty() {
        return Err(no_users());
    }
    let items: Vec<String> = users
        .iter()
        .map(|u| {
            let mut notes = Vec::new();
            if u.name != u.username {
                notes.push(escape(&u.name));
            }
            match u.user_type {
                UserType::Bot => notes.push("bot".into()),
                UserType::ServiceAccount => notes.push("service account".into()),
                _ => {}
            }
            if u.admin {
                notes.push("admin".into());
            }
            match notes.is_empty() {
                true => escape(&u.username),
                false => format!("{}  ({})", escape(&u.username), notes.join(", ")),
            }
        })
        .collect();
    let chosen = prompt::select("Owner of the token", &items)?;
    Ok(users[chosen].clone())
}

fn required(value: Option<String>, flag: &str) -> Result<String> {
    value.ok_or_else(|| Error::usage(format!("missing {flag}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_expiries_are_a_date_a_duration_or_never() {
        assert_eq!(expiry_answer(" never "), Ok(ExpiryRequest::Never));
        assert_eq!(expiry_answer("6mo"), Ok(ExpiryRequest::In(Span::Months(6))));
        assert!(matches!(expiry_answer("2027-01-01"), Ok(ExpiryRequest::At(_))));
        let refused = |text: &str| expiry_answer(text).unwrap_err();
        assert_eq!(refused("6m").hint(), Some("did you mean 6mo? (m is minutes, mo months)"));
        assert_eq!(refused("0d").message(), "duration '0d' must be greater than zero");
        assert_eq!(
            refused("soon").message(),
            "'soon' is neither a date (YYYY-MM-DD) nor a duration (30d, 2w, 6mo, 1y)"
        );
    }
}
