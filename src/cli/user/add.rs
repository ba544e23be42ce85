//! `patctl user add`.

use crate::cli::Context;
use crate::domain::model::UserType;
use crate::error::{Exit, Result};
use crate::ops::users::{self, AddUser, Added};
use crate::output::users::UserDetail;
use crate::output::{Changed, Status};
use crate::store::Access;

const EXAMPLES: &str = "\
Examples:
  patctl user add automation-bot --bot --name 'Automation Bot'
  patctl user add alice --email alice@example.com --if-not-exists
  patctl user add deployer --service-account   # GitLab 16.1+ service account";

/// Add a user who can own tokens
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Letters, digits, '_', '-' and '.', not starting with '-'
    #[arg(value_name = "USERNAME")]
    pub username: String,

    /// Display name [default: the username]
    #[arg(long)]
    pub name: Option<String>,

    /// Email address, where expiry notices go
    #[arg(long)]
    pub email: Option<String>,

    /// A bot user (user_type bot)
    #[arg(long)]
    pub bot: bool,

    /// A service account (user_type service_account): a non-human account whose tokens an admin
    /// manages; config service_accounts.require_expiry decides whether its tokens must expire
    #[arg(long, conflicts_with_all = ["bot", "admin"])]
    pub service_account: bool,

    /// Give admin rights (needed for the sudo, admin_mode and read_service_ping scopes)
    #[arg(long)]
    pub admin: bool,

    /// Exit 0 and change nothing when the user exists already
    #[arg(long)]
    pub if_not_exists: bool,
}

pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    let user_type = match (args.bot, args.service_account) {
        (true, _) => UserType::Bot,
        (_, true) => UserType::ServiceAccount,
        _ => UserType::Human,
    };
    let new = AddUser { username: args.username, name: args.name, email: args.email, user_type, admin: args.admin };
    new.check()?;
    let stamp = ctx.stamp();
    let mut store = ctx.open(Access::Write)?;
    let (status, user) = match users::add(&mut store, &new, args.if_not_exists, &stamp)? {
        Added::Created(user) => {
            ctx.printer.note(&format!("added user {} (id {})", user.username, user.id));
            (Status::Added, user)
        }
        Added::Existing(user) => {
            ctx.printer.note(&format!("user {} exists already (id {}); nothing changed", user.username, user.id));
            (Status::Unchanged, user)
        }
    };
    ctx.printer.print_for_scripts(&Changed { status, view: UserDetail { user: &user, active_tokens: None } })?;
    Ok(Exit::Success)
}
