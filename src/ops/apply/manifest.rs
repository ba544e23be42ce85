//! The apply file: a TOML document of `[[users]]`, `[[projects]]`, `[[groups]]` and `[[tokens]]`, parsed and
//! checked into plain values. Errors name the file, the entry (with its line) and the field.
//!
//! ```toml
//! managed_by = "deploy/bots"          # optional; default: the file's absolute path
//!
//! [[users]]
//! username = "automation-bot"
//! name = "Automation Bot"             # optional; omitted fields are left as they are
//! email = "bots@example.com"
//! bot = true                          # or service_account = true (not both); neither: human
//! admin = false
//!
//! [[projects]]                        # created if missing; see projects.rs
//! path = "group/app"
//! name = "App"                        # optional; default: the last path segment
//!
//! [[groups]]                          # created if missing; see groups.rs
//! path = "infra/ci"
//! name = "CI"                         # optional; default: the last path segment
//!
//! [[tokens]]
//! user = "automation-bot"             # or: project = "group/app" (or group = "infra/ci"),
//!                                     #     access_level = "developer"
//! name = "ci"
//! scopes = ["read_user", "read_repository"]   # or "read_user,read_repository"
//! description = "CI pipeline"
//! expires_in = "90d"                  # or expires_at = 2027-06-30, or no_expiry = true
//! token_file = "secrets/ci.token"     # or token_env = "CI_TOKEN"; neither: generated
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::address::check_user_email;
use crate::domain::expiry::{ExpiryRequest, Span, parse_date};
use crate::domain::model::{UserType, check_username};
use crate::domain::scope::Scopes;
use crate::domain::text::{check_field, escape};
use crate::error::{Error, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    managed_by: Option<String>,
    #[serde(default)]
    users: Vec<Spanned<RawUser>>,
    #[serde(default)]
    projects: Vec<Spanned<RawProject>>,
    #[serde(default)]
    groups: Vec<Spanned<RawProject>>,
    #[serde(default)]
    tokens: Vec<Spanned<RawToken>>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUser {
    username: String,
    name: Option<String>,
    email: Option<String>,
    bot: Option<bool>,
    service_account: Option<bool>,
    admin: Option<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    path: String,
    name: Option<String>,
    /// Refused with a clear message: projects have no description.
    description: Option<toml::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    name: String,
    user: Option<String>,
    project: Option<String>,
    group: Option<String>,
    access_level: Option<String>,
    scopes: OneOrMany,
    description: Option<String>,
    expires_at: Option<toml::Value>,
    expires_in: Option<String>,
    no_expiry: Option<bool>,
    token_file: Option<String>,
    token_env: Option<String>,
    /// Refused with a clear message: secrets never appear in the file.
    token: Option<toml::Value>,
}

/// Where an entry sits in the file, for messages: `[[tokens]] #3 (line 12, 'ci' of automation-bot)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub table: &'static str,
    /// 1-based position among the entries of its table.
    pub index: usize,
    pub line: usize,
    pub label: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[[{}]] #{} (line {}", self.table, self.index, self.line)?;
        if !self.label.is_empty() {
            write!(f, ", {}", self.label)?;
        }
        f.write_str(")")
    }
}

#[derive(Debug, Clone)]
pub struct UserEntry {
    pub place: Place,
    pub username: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// From `bot` / `service_account`; None: neither given, an existing user keeps its type.
    pub user_type: Option<UserType>,
    pub admin: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct ProjectEntry {
    pub place: Place,
    pub path: String,
    /// None: a new project is named after the last path segment; an existing one keeps its name.
    pub name: Option<String>,
}

/// GitLab's project roles, for project access tokens (the same type `create --project` uses).
pub use crate::domain::project::AccessLevel;

/// A `[[groups]]` entry: a group has a path and a name, as a project does.
pub type GroupEntry = ProjectEntry;

/// Who owns a declared token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    User(String),
    Project { path: String, access_level: AccessLevel },
    Group { path: String, access_level: AccessLevel },
}

impl Owner {
    /// How the owner is written in plan lines and in the tokens-out file.
    pub fn label(&self) -> &str {
        match self {
            Owner::User(username) => username,
            Owner::Project { path, .. } | Owner::Group { path, .. } => path,
        }
    }

    /// The bot's role, for a project or group token.
    pub fn access_level(&self) -> Option<AccessLevel> {
        match self {
            Owner::User(_) => None,
            Owner::Project { access_level, .. } | Owner::Group { access_level, .. } => Some(*access_level),
        }
    }

    /// What tells owners apart in one file: a group and a project may share a path.
    fn key(&self) -> String {
        match self {
            Owner::Group { path, .. } => format!("group:{}", path.to_lowercase()),
            other => other.label().to_lowercase(),
        }
    }
}

/// Where a declared token's secret comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSpec {
    Generate,
    File(PathBuf),
    Env(String),
}

#[derive(Debug, Clone)]
pub struct TokenEntry {
    pub place: Place,
    pub owner: Owner,
    pub name: String,
    pub scopes: Scopes,
    pub description: Option<String>,
    pub expiry: ExpiryRequest,
    pub secret: SecretSpec,
}

/// A parsed and checked apply file.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The file as named on the command line, for messages.
    pub file: String,
    pub managed_by: Option<String>,
    pub users: Vec<UserEntry>,
    pub projects: Vec<ProjectEntry>,
    pub groups: Vec<GroupEntry>,
    pub tokens: Vec<TokenEntry>,
    /// Errors of entries left out of the lists above: the run reports them with the plan's.
    pub problems: super::Problems,
}

impl Manifest {
    pub fn entries(&self) -> usize {
        self.users.len() + self.projects.len() + self.groups.len() + self.tokens.len()
    }

    /// An error about one field of one entry: `FILE: [[tokens]] #3 (line 12, ...): scopes: ...`.
    pub fn error_at(&self, place: &Place, field: &str, err: Error) -> Error {
        if field.is_empty() {
            err.context(format_args!("{}: {place}", self.file))
        } else {
            err.context(format_args!("{}: {place}: {field}", self.file))
        }
    }
}

/// Byte offsets of line starts, to turn spans into line numbers.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
    fn line(&self, span: &Range<usize>) -> usize {
        self.0.partition_point(|&start| start <= span.start)
    }
}

/// The file's entries as read, each with the line it starts on.
#[derive(Debug, Default, PartialEq)]
struct RawEntries {
    managed_by: Option<String>,
    users: Vec<(usize, RawUser)>,
    projects: Vec<(usize, RawProject)>,
    groups: Vec<(usize, RawProject)>,
    tokens: Vec<(usize, RawToken)>,
}

/// Parses `text`, read from `file` (named in every message).
pub fn parse(file: &str, text: &str) -> Result<Manifest> {
    let raw = match by_entry(text) {
        Some(raw) => raw,
        None => whole(text).map_err(|e| {
            let line = e.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().trim().replace('\n', "; ");
            match line {
                Some(line) => Error::data(format!("{file}: line {line}: {message}")),
                None => Error::data(format!("{file}: {message}")),
            }
        })?,
    };
    let mut manifest = Manifest {
        file: file.to_string(),
        managed_by: None,
        users: Vec::new(),
        projects: Vec::new(),
        groups: Vec::new(),
        tokens: Vec::new(),
        problems: super::Problems::default(),
    };
    if let Some(source) = raw.managed_by {
        match check_field("managed_by", &source, 255) {
            Ok(()) => manifest.managed_by = Some(source),
            Err(e) => manifest.problems.push(0, e.context(file)),
        }
    }
    add_users(&mut manifest, raw.users);
    add_projects(&mut manifest, raw.projects);
    add_groups(&mut manifest, raw.groups);
    add_tokens(&mut manifest, raw.tokens);
    Ok(manifest)
}

/// The whole document parsed at once: any TOML, and the TOML error a file has.
fn whole(text: &str) -> Result<RawEntries, toml::de::Error> {
    let raw: RawFile = toml::from_str(text)?;
    let lines = Lines::new(text);
    Ok(RawEntries {
        managed_by: raw.managed_by,
        users: located(&lines, raw.users),
        projects: located(&lines, raw.projects),
        groups: located(&lines, raw.groups),
        tokens: located(&lines, raw.tokens),
    })
}

fn located<T>(lines: &Lines, entries: Vec<Spanned<T>>) -> Vec<(usize, T)> {
    entries.into_iter().map(|spanned| (lines.line(&spanned.span()), spanned.into_inner())).collect()
}

/// The document parsed one entry at a time, when it is what apply files are: top-level keys,
/// then `[[users]]`, `[[projects]]` and `[[tokens]]` tables. A parse tree of a whole 100,000-entry
/// file takes about 3 KB an entry; one entry's is freed before the next is read. None: anything
/// else, or any error, for [`whole`] to read (the same values, and the same messages).
fn by_entry(text: &str) -> Option<RawEntries> {
    let headers = entry_headers(text)?;
    let first = headers.first()?;
    let root: RawFile = toml::from_str(&text[..first.start]).ok()?;
    if !(root.users.is_empty() && root.projects.is_empty() && root.groups.is_empty() && root.tokens.is_empty()) {
        return None;
    }
    let mut raw = RawEntries { managed_by: root.managed_by, ..RawEntries::default() };
    let (mut line, mut counted) = (1, 0);
    for (i, header) in headers.iter().enumerate() {
        line += text.as_bytes()[counted..header.start].iter().filter(|&&b| b == b'\n').count();
        counted = header.start;
        let end = headers.get(i + 1).map_or(text.len(), |next| next.start);
        let body = &text[header.body.min(end)..end];
        match header.table {
            "users" => raw.users.push((line, toml::from_str(body).ok()?)),
            "projects" => raw.projects.push((line, toml::from_str(body).ok()?)),
            "groups" => raw.groups.push((line, toml::from_str(body).ok()?)),
            _ => raw.tokens.push((line, toml::from_str(body).ok()?)),
        }
    }
    Some(raw)
}

/// A `[[users]]`, `[[projects]]` or `[[tokens]]` line: where it starts and where its body does.
struct Header {
    table: &'static str,
    start: usize,
    body: usize,
}

/// The table headers of `text`, outside strings and comments; None when one is not exactly
/// `[[users]]`, `[[projects]]` or `[[tokens]]` (a sub-table, a quoted or spaced name, an array
/// opening a line), or a string does not end where TOML says it does.
fn entry_headers(text: &str) -> Option<Vec<Header>> {
    let b = text.as_bytes();
    let mut headers = Vec::new();
    let (mut i, mut line_start) = (0, true);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' if line_start => {
                i += 1;
                continue;
            }
            b'[' if line_start => {
                let end = text[i..].find('\n').map_or(b.len(), |n| i + n);
                let line = &text[i..end];
                let table = ["users", "projects", "groups", "tokens"].into_iter().find(|t| {
                    line.strip_prefix("[[")
                        .and_then(|rest| rest.strip_prefix(t))
                        .and_then(|rest| rest.strip_prefix("]]"))
                        .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
                })?;
                headers.push(Header { table, start: i, body: (end + 1).min(b.len()) });
                i = end;
                continue;
            }
            b'#' => i = text[i..].find('\n').map_or(b.len(), |n| i + n),
            b'"' | b'\'' => i = string_end(b, i)?,
            _ => i += 1,
        }
        line_start = false;
    }
    Some(headers)
}

/// The offset just past the string that starts at `i` (basic or literal, one line or multi-line).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let quote = b[i];
    let escapes = quote == b'"';
    if b[i..].starts_with(&[quote; 3]) {
        let mut j = i + 3;
        while j < b.len() {
            if escapes && b[j] == b'\\' {
                j += 2;
            } else if b[j..].starts_with(&[quote; 3]) {
                // Up to two more quotes belong to the content: `"""a""""` is `a"`.
                let mut end = j + 3;
                while end < b.len() && end < j + 5 && b[end] == quote {
                    end += 1;
                }
                return Some(end);
            } else {
                j += 1;
            }
        }
        return None;
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if escapes => j += 2,
            b'\n' => return None,
            c if c == quote => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// Adds the entries that are right; the errors of the others go to `manifest.problems`.
fn add_users(manifest: &mut Manifest, raw: Vec<(usize, RawUser)>) {
    let mut usernames: HashMap<String, Place> = HashMap::new();
    for (i, (line, raw)) in raw.into_iter().enumerate() {
        let place = Place { table: "users", index: i + 1, line, label: escape(&raw.username) };
        let entry = match user_entry(raw, place.clone()) {
            Ok(entry) => entry,
            Err((field, e)) => {
                manifest.problems.push(line, manifest.error_at(&place, field, e));
                continue;
            }
        };
        if let Some(first) = usernames.get(&entry.username.to_lowercase()) {
            let err = Error::data(format!("user '{}' is already declared at {first}", entry.username));
            manifest.problems.push(line, manifest.error_at(&entry.place, "username", err));
            continue;
        }
        usernames.insert(entry.username.to_lowercase(), entry.place.clone());
        manifest.users.push(entry);
    }
}

fn add_projects(manifest: &mut Manifest, raw: Vec<(usize, RawProject)>) {
    let mut paths: HashMap<String, Place> = HashMap::new();
    for (i, (line, raw)) in raw.into_iter().enumerate() {
        let place = Place { table: "projects", index: i + 1, line, label: escape(&raw.path) };
        let entry = match project_entry(raw, place.clone()) {
            Ok(entry) => entry,
            Err((field, e)) => {
                manifest.problems.push(line, manifest.error_at(&place, field, e));
                continue;
            }
        };
        if let Some(first) = paths.get(&entry.path.to_lowercase()) {
            let err = Error::data(format!("project '{}' is already declared at {first}", entry.path));
            manifest.problems.push(line, manifest.error_at(&entry.place, "path", err));
            continue;
        }
        paths.insert(entry.path.to_lowercase(), entry.place.clone());
        manifest.projects.push(entry);
    }
}

fn add_groups(manifest: &mut Manifest, raw: Vec<(usize, RawProject)>) {
    let mut paths: HashMap<String, Place> = HashMap::new();
    for (i, (line, raw)) in raw.into_iter().enumerate() {
        let place = Place { table: "groups", index: i + 1, line, label: escape(&raw.path) };
        let entry = match group_entry(raw, place.clone()) {
            Ok(entry) => entry,
            Err((field, e)) => {
                manifest.problems.push(line, manifest.error_at(&place, field, e));
                continue;
            }
        };
        if let Some(first) = paths.get(&entry.path.to_lowercase()) {
            let err = Error::data(format!("group '{}' is already declared at {first}", entry.path));
            manifest.problems.push(line, manifest.error_at(&entry.place, "path", err));
            continue;
        }
        paths.insert(entry.path.to_lowercase(), entry.place.clone());
        manifest.groups.push(entry);
    }
}

fn add_tokens(manifest: &mut Manifest, raw: Vec<(usize, RawToken)>) {
    let mut keys: HashMap<(String, String), usize> = HashMap::with_capacity(raw.len());
    manifest.tokens.reserve_exact(raw.len());
    for (i, (line, raw)) in raw.into_iter().enumerate() {
        let owner_label = raw.user.as_deref().or(raw.project.as_deref()).or(raw.group.as_deref()).unwrap_or("?");
        let label = format!("'{}' of {}", escape(&raw.name), escape(owner_label));
        let place = Place { table: "tokens", index: i + 1, line, label };
        let entry = match token_entry(raw, place.clone()) {
            Ok(entry) => entry,
            Err((field, e)) => {
                manifest.problems.push(line, manifest.error_at(&place, field, e));
                continue;
            }
        };
        let key = (entry.owner.key(), entry.name.clone());
        if let Some(first) = keys.get(&key) {
            let first = &manifest.tokens[*first].place;
            let err = Error::data(format!("a token with this owner and name is already declared at {first}"));
            manifest.problems.push(line, manifest.error_at(&entry.place, "name", err));
            continue;
        }
        keys.insert(key, manifest.tokens.len());
        manifest.tokens.push(entry);
    }
}

type Located = (&'static str, Error);

fn user_entry(raw: RawUser, place: Place) -> Result<UserEntry, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    check_username(&raw.username).map_err(at("username"))?;
    if let Some(name) = &raw.name {
        check_field("name", name, 255).map_err(at("name"))?;
    }
    if let Some(email) = &raw.email {
        check_user_email(email).map_err(at("email"))?;
    }
    let user_type = declared_user_type(raw.bot, raw.service_account).map_err(at("service_account"))?;
    Ok(UserEntry { place, username: raw.username, name: raw.name, email: raw.email, user_type, admin: raw.admin })
}

/// `bot = true` and `service_account = true` are two kinds of user; `false` for either means human.
fn declared_user_type(bot: Option<bool>, service_account: Option<bool>) -> Result<Option<UserType>> {
    Ok(match (bot, service_account) {
        (Some(true), Some(true)) => return Err(Error::data("give at most one of bot and service_account")),
        (Some(true), _) => Some(UserType::Bot),
        (_, Some(true)) => Some(UserType::ServiceAccount),
        (None, None) => None,
        _ => Some(UserType::Human),
    })
}

fn project_entry(raw: RawProject, place: Place) -> Result<ProjectEntry, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    check_project_path(&raw.path).map_err(at("path"))?;
    if let Some(name) = &raw.name {
        check_field("name", name, 255).map_err(at("name"))?;
    }
    if raw.description.is_some() {
        return Err(at("description")(
            Error::data("projects have no description in patctl")
                .with_hint("remove the field; a project has a path and a name"),
        ));
    }
    Ok(ProjectEntry { place, path: raw.path, name: raw.name })
}

fn group_entry(raw: RawProject, place: Place) -> Result<GroupEntry, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    crate::domain::group::check_path(&raw.path).map_err(at("path"))?;
    if let Some(name) = &raw.name {
        check_field("name", name, 255).map_err(at("name"))?;
    }
    if raw.description.is_some() {
        return Err(at("description")(
            Error::data("groups have no description in patctl")
                .with_hint("remove the field; a group has a path and a name"),
        ));
    }
    Ok(GroupEntry { place, path: raw.path, name: raw.name })
}

/// The same path rule as `patctl project add` (`group/sub/project`).
fn check_project_path(path: &str) -> Result<()> {
    crate::domain::project::check_path(path)
}

fn token_entry(raw: RawToken, place: Place) -> Result<TokenEntry, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    if raw.token.is_some() {
        return Err(at("token")(
            Error::data("a token is never written inline in the file")
                .with_hint("use token_file = \"PATH\" or token_env = \"VAR\", or leave both out to generate one"),
        ));
    }
    check_field("name", &raw.name, 255).map_err(at("name"))?;
    if let Some(description) = &raw.description {
        check_field("description", description, 255).map_err(at("description"))?;
    }
    let owner = match raw.group {
        None => token_owner(raw.user, raw.project, raw.access_level)?,
        Some(path) => group_owner(raw.user.is_some() || raw.project.is_some(), path, raw.access_level)?,
    };
    let scopes = match &raw.scopes {
        OneOrMany::One(text) => Scopes::parse(&[text]),
        OneOrMany::Many(list) => Scopes::parse(list),
    }
    .map_err(at("scopes"))?;
    match owner {
        Owner::Project { .. } => scopes.check_project().map_err(at("scopes"))?,
        Owner::Group { .. } => scopes.check_group().map_err(at("scopes"))?,
        Owner::User(_) => {}
    }
    let expiry = token_expiry(raw.expires_at, raw.expires_in, raw.no_expiry)?;
    let secret = token_secret(raw.token_file, raw.token_env)?;
    Ok(TokenEntry { place, owner, name: raw.name, scopes, description: raw.description, expiry, secret })
}

fn token_owner(user: Option<String>, project: Option<String>, level: Option<String>) -> Result<Owner, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    match (user, project, level) {
        (Some(_), Some(_), _) => {
            Err(at("project")(Error::data("a token has one owner: give user or project, not both")))
        }
        (Some(_), None, Some(_)) => {
            Err(at("access_level")(Error::data("access_level is for project tokens (with project = ...)")))
        }
        (Some(user), None, None) => {
            check_username(&user).map_err(at("user"))?;
            Ok(Owner::User(user))
        }
        (None, Some(path), level) => {
            check_project_path(&path).map_err(at("project"))?;
            let access_level = bot_role(level.as_deref())?;
            Ok(Owner::Project { path, access_level })
        }
        (None, None, _) => Err(at("user")(
            Error::data("the token has no owner").with_hint("add user = \"USERNAME\" or project = \"GROUP/PROJECT\""),
        )),
    }
}

/// A group token's owner: `group = "PATH"` and its `access_level`, and no other owner.
fn group_owner(other_owner: bool, path: String, level: Option<String>) -> Result<Owner, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    if other_owner {
        return Err(at("group")(Error::data("a token has one owner: give user, project or group, not two")));
    }
    crate::domain::group::check_path(&path).map_err(at("group"))?;
    Ok(Owner::Group { path, access_level: bot_role(level.as_deref())? })
}

/// The role of a project or group token's bot; GitLab's default role is guest.
fn bot_role(level: Option<&str>) -> Result<AccessLevel, Located> {
    match level {
        None => Ok(AccessLevel::Guest),
        Some(text) => AccessLevel::ALL.into_iter().find(|l| l.as_str() == text).ok_or_else(|| {
            (
                "access_level",
                Error::data(format!("unknown access level '{}'", escape(text)))
                    .with_hint("one of guest, reporter, developer, maintainer, owner"),
            )
        }),
    }
}

fn token_expiry(
    expires_at: Option<toml::Value>,
    expires_in: Option<String>,
    no_expiry: Option<bool>,
) -> Result<ExpiryRequest, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    match (expires_at, expires_in, no_expiry) {
        (Some(_), Some(_), _) | (Some(_), _, Some(true)) | (_, Some(_), Some(true)) => {
            Err(at("expires_at")(Error::data("give at most one of expires_at, expires_in and no_expiry")))
        }
        (Some(value), None, _) => {
            let text = match &value {
                toml::Value::String(text) => text.clone(),
                toml::Value::Datetime(dt) => dt.to_string(),
                other => {
                    return Err(at("expires_at")(Error::data(format!(
                        "expected a date (YYYY-MM-DD), found a {}",
                        other.type_str()
                    ))));
                }
            };
            Ok(ExpiryRequest::At(parse_date(&text).map_err(at("expires_at"))?))
        }
        (None, Some(span), _) => Ok(ExpiryRequest::In(Span::parse(&span).map_err(at("expires_in"))?)),
        (None, None, Some(true)) => Ok(ExpiryRequest::Never),
        (None, None, _) => Ok(ExpiryRequest::Default),
    }
}

fn token_secret(token_file: Option<String>, token_env: Option<String>) -> Result<SecretSpec, Located> {
    let at = |field: &'static str| move |e: Error| (field, e);
    match (token_file, token_env) {
        (Some(_), Some(_)) => Err(at("token_env")(Error::data("give token_file or token_env, not both"))),
        (Some(path), None) if path.is_empty() => Err(at("token_file")(Error::data("the path is empty"))),
        (Some(path), None) => Ok(SecretSpec::File(PathBuf::from(path))),
        (None, Some(var)) if var.is_empty() || var.contains('=') || var.contains('\0') => {
            Err(at("token_env")(Error::data(format!("'{}' is not an environment variable name", escape(&var)))))
        }
        (None, Some(var)) => Ok(SecretSpec::Env(var)),
        (None, None) => Ok(SecretSpec::Generate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses() {
        let text = r#"
managed_by = "bots"
[[users]]
username = "automation-bot"
bot = true

[[projects]]
path = "group/app"

[[tokens]]
user = "automation-bot"
name = "ci"
scopes = ["read_user", "read_repository"]
expires_at = 2027-01-01
token_env = "CI_TOKEN"

[[tokens]]
project = "group/app"
access_level = "developer"
name = "deploy"
scopes = "read_repository,read_registry"
expires_in = "30d"
"#;
        let m = parse("f.toml", text).unwrap();
        assert_eq!(m.managed_by.as_deref(), Some("bots"));
        assert_eq!(m.users[0].user_type, Some(UserType::Bot));
        assert_eq!(m.users[0].admin, None);
        assert_eq!(m.projects[0].path, "group/app");
        assert_eq!(m.tokens[0].expiry, ExpiryRequest::At(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
        assert_eq!(m.tokens[0].secret, SecretSpec::Env("CI_TOKEN".into()));
        assert_eq!(m.tokens[0].place.line, 10);
        assert_eq!(
            m.tokens[1].owner,
            Owner::Project { path: "group/app".into(), access_level: AccessLevel::Developer }
        );
        assert_eq!(m.tokens[1].secret, SecretSpec::Generate);
        assert_eq!(m.entries(), 4);
    }

    /// The error of a file: TOML's, or the entries' (as a run reports them).
    fn error(text: &str) -> Error {
        match parse("f.toml", text) {
            Ok(m) => m.problems.into_result().unwrap_err(),
            Err(e) => e,
        }
    }

    fn err(text: &str) -> String {
        error(text).message().to_string()
    }

    #[test]
    fn groups_and_group_tokens_parse() {
        let text = "[[groups]]\npath = \"g\"\n[[groups]]\npath = \"g/p\"\nname = \"P\"\n[[projects]]\npath = \"g/p\"\n\
                    [[tokens]]\ngroup = \"g/p\"\naccess_level = \"owner\"\nname = \"ci\"\nscopes = \"api\"\n\
                    [[tokens]]\nproject = \"g/p\"\nname = \"ci\"\nscopes = \"api\"\n";
        let m = parse("f.toml", text).unwrap();
        assert_eq!((m.groups.len(), m.groups[1].name.as_deref()), (2, Some("P")));
        assert_eq!(m.tokens[0].owner, Owner::Group { path: "g/p".into(), access_level: AccessLevel::Owner });
        assert_eq!(m.tokens[1].owner.label(), "g/p", "a project and a group may share a path");
        assert_eq!(m.entries(), 5);
        assert!(err("[[groups]]\npath = \"g\"\n[[groups]]\npath = \"G\"\n").contains("already declared"));
        assert!(err("[[groups]]\npath = \"g/\"\n").contains("path: invalid group path"));
        assert!(err("[[tokens]]\ngroup=\"g\"\nuser=\"a\"\nname=\"x\"\nscopes=\"api\"\n").contains("group: "));
        assert!(err("[[tokens]]\ngroup=\"g\"\nname=\"x\"\nscopes=\"read_user\"\n").contains("scopes: "));
    }

    #[test]
    fn bot_and_service_account_decide_the_user_type() {
        let types: Vec<Option<UserType>> = [
            (None, None),
            (Some(true), None),
            (None, Some(true)),
            (Some(false), Some(true)),
            (Some(true), Some(false)),
            (Some(false), None),
            (None, Some(false)),
            (Some(false), Some(false)),
        ]
        .into_iter()
        .map(|(bot, service_account)| declared_user_type(bot, service_account).unwrap())
        .collect();
        let (bot, service, human) = (Some(UserType::Bot), Some(UserType::ServiceAccount), Some(UserType::Human));
        assert_eq!(types, [None, bot, service, service, bot, human, human, human]);
        assert_eq!(
            err("[[users]]\nusername = \"a\"\nbot = true\nservice_account = true\n"),
            "f.toml: [[users]] #1 (line 1, a): service_account: give at most one of bot and service_account"
        );
    }

    #[test]
    fn errors_name_file_entry_line_and_field() {
        let text = "[[tokens]]\nuser = \"a\"\nname = \"x\"\nscopes = \"api\"\n\n[[tokens]]\nuser = \"a\"\nname = \"y\"\nscopes = [\"read_repo\"]\n";
        let error = error(text);
        let message = error.message();
        assert!(message.starts_with("f.toml: [[tokens]] #2 (line 6, 'y' of a): scopes: "), "{message}");
        assert!(format!("{message} {:?}", error.hint()).contains("read_repository"), "{message} {:?}", error.hint());
    }

    #[test]
    fn inline_tokens_duplicates_and_unknown_fields_are_refused() {
        assert!(err("[[tokens]]\nuser=\"a\"\nname=\"x\"\nscopes=\"api\"\ntoken=\"abc\"\n").contains("token: "));
        assert!(err("[[tokens]]\nuser=\"a\"\nname=\"x\"\nscopes=\"api\"\n[[tokens]]\nuser=\"A\"\nname=\"x\"\nscopes=\"api\"\n")
            .contains("already declared at [[tokens]] #1"));
        assert!(err("[[users]]\nusername=\"a\"\nnickname=\"b\"\n").starts_with("f.toml: line "));
        assert!(
            err("[[tokens]]\nuser=\"a\"\nname=\"x\"\nscopes=\"api\"\naccess_level=\"owner\"\n")
                .contains("access_level: ")
        );
        assert!(
            err("[[tokens]]\nproject=\"g/p\"\naccess_level=\"boss\"\nname=\"x\"\nscopes=\"api\"\n")
                .contains("access_level: ")
        );
        assert!(err("[[tokens]]\nproject=\"g/p\"\nname=\"x\"\nscopes=\"read_user\"\n").contains("scopes: "));
        assert!(
            err("[[tokens]]\nuser=\"a\"\nname=\"x\"\nscopes=\"api\"\nexpires_in=\"3d\"\nno_expiry=true\n")
                .contains("expires_at: ")
        );
    }

    #[test]
    fn entry_by_entry_reads_what_the_whole_document_says() {
        let text = "# apply file\nmanaged_by = \"m\" # [[tokens]]\n\n[[users]]\nusername = \"a\"\n\n  [[tokens]] # indented\nuser = \"a\"\nname = \"\"\"x\n[[tokens]]\n\"\"\"\nscopes = [\n  \"api\",\n]\ndescription = '[[tokens]]'\n\n[[projects]]\npath = \"g/p\"\n[[tokens]]\nproject = \"g/p\"\nname = \"d\"\nscopes = \"api\"\n";
        let fast = by_entry(text).expect("a plain apply file is read entry by entry");
        assert_eq!(fast, whole(text).unwrap());
        assert_eq!(fast.tokens.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [7, 19]);
        assert_eq!(fast.tokens[0].1.name, "x\n[[tokens]]\n");
        // Anything else is left to the whole-document parser.
        for other in ["[tokens]\nname = \"x\"\n", "[[tokens.sub]]\n", "[[ tokens ]]\n", "[[tokens]]\nname = \"x\n"] {
            assert_eq!(by_entry(other), None, "{other}");
        }
    }
}
