//! Dynamic shell completion (clap_complete's `CompleteEnv`). The script `patctl completions SHELL`
//! prints asks `patctl` itself for the candidates at every TAB (`COMPLETE=bash patctl -- WORDS`),
//! so subcommands, flags and values always match this binary, and values come from the database:
//! usernames, token ids, project and group paths, and the scopes the owner on the line may hold.
//!
//! The database is opened read-only (never created or migrated), without the `PATCTL_NOW` warning,
//! and any failure (no database, an untrusted file) means no candidates: a TAB never prints an
//! error into the line being typed. Nothing secret is offered.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, EnvCompleter, Shells};

use super::Cli;
use crate::domain::scope::Scope;
use crate::error::Result;
use crate::ops::completion::{self, Candidate, Owner};
use crate::store::{Reader, Store};

/// The environment variable that turns a run of `patctl` into a completion request.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when this run is one; called first thing in `main`.
pub fn complete_if_asked() {
    // Only a shell's name (as the scripts set it) makes a completion run: `COMPLETE` is a common
    // word, and a stray `COMPLETE=1` in the environment must not turn every command into an error.
    let Some(asked) = std::env::var_os(VAR) else { return };
    let shell = std::path::Path::new(&asked).file_stem().and_then(OsStr::to_str).unwrap_or_default();
    if Shells::builtins().completer(shell).is_none() {
        return;
    }
    silence_stderr();
    CompleteEnv::with_factory(Cli::command).var(VAR).completer("patctl").complete();
}

/// The script a shell sources: it calls `patctl` (found on PATH) back for candidates.
pub fn registration(shell: clap_complete::Shell) -> Vec<u8> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer: &dyn EnvCompleter =
        shells.completer(&name).expect("clap_complete completes every shell it generates for");
    let mut out = Vec::new();
    completer.write_registration(VAR, "patctl", "patctl", "patctl", &mut out).expect("writing to memory");
    if shell == clap_complete::Shell::Zsh {
        // Autoloaded from $fpath, the file is the body of `_patctl`: on the first TAB it only
        // registers the completer, so it also completes when run as that function.
        out.extend_from_slice(
            b"\nif [ \"$funcstack[1]\" = \"_patctl\" ]; then\n    _clap_dynamic_completer_patctl \"$@\"\nfi\n",
        );
    }
    out
}

/// Errors, warnings and clap's own complaints would land in the middle of the line being typed
/// (bash shows the completer's stderr): a completion run writes only its candidates.
fn silence_stderr() {
    let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else { return };
    use std::os::fd::AsRawFd;
    // SAFETY: both descriptors are open; dup2 replaces fd 2 atomically and `null` closes its own.
    unsafe {
        libc::dup2(null.as_raw_fd(), libc::STDERR_FILENO);
    }
}

/// The words of the command line being completed (after the `--` the scripts pass); a word that
/// is not UTF-8 is read lossily rather than ending the run.
fn command_line() -> Vec<String> {
    std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).skip_while(|arg| arg != "--").skip(1).collect()
}

/// Every value given to one of `flags` (`--user alice` or `--user=alice`) on `words`, in order.
fn flag_values(words: &[String], flags: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for flag in flags {
            if word == flag {
                found.extend(words.get(i + 1).cloned());
            } else if let Some(value) = word.strip_prefix(flag).and_then(|rest| rest.strip_prefix('=')) {
                found.push(value.to_string());
            }
        }
    }
    found
}

/// The last value given to one of `flags` on `words`, when not empty.
fn flag_value(words: &[String], flags: &[&str]) -> Option<String> {
    flag_values(words, flags).pop().filter(|value| !value.is_empty())
}

/// A path as typed: the shell has not expanded a leading `~/` in the words it passes.
fn typed_path(text: String) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

/// The store the command line being completed would use, if it opens read-only.
fn open(words: &[String]) -> Option<Store> {
    let db = flag_value(words, &["--db"]).map(typed_path);
    let config = flag_value(words, &["--config"]).map(typed_path);
    super::context::open_for_completion(db.as_deref(), config.as_deref()).ok()
}

/// Runs `query` on the store with what was typed; no store or a failed query is no candidates.
fn from_store(
    current: &OsStr,
    query: impl FnOnce(&Reader<'_>, &str) -> Result<Vec<Candidate>>,
) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else { return Vec::new() };
    let Some(store) = open(&command_line()) else { return Vec::new() };
    query(&store.reader(), typed).map(|found| found.into_iter().filter_map(offer).collect()).unwrap_or_default()
}

/// A candidate as the shell gets it: one line each, so a value with a control character is left
/// out and a description loses them.
fn offer(candidate: Candidate) -> Option<CompletionCandidate> {
    if candidate.value.is_empty() || candidate.value.chars().any(char::is_control) {
        return None;
    }
    let about: String = candidate.about.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let offered = CompletionCandidate::new(candidate.value);
    Some(if about.trim().is_empty() { offered } else { offered.help(Some(about.into())) })
}

/// `--user`, `user show`: usernames, described by the user's name.
pub fn usernames(current: &OsStr) -> Vec<CompletionCandidate> {
    from_store(current, completion::usernames)
}

/// `--project`, `project show`: paths of projects, described by their names.
pub fn project_paths(current: &OsStr) -> Vec<CompletionCandidate> {
    from_store(current, completion::project_paths)
}

/// `--group`, `group show`: paths of groups, described by their names.
pub fn group_paths(current: &OsStr) -> Vec<CompletionCandidate> {
    from_store(current, completion::group_paths)
}

/// `revoke --id`, `rotate --id`: tokens not revoked, described by name and owner.
pub fn live_token_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    from_store(current, |reader, typed| completion::token_ids(reader, typed, false))
}

/// `show ID`, `audit --token-id`: any token.
pub fn token_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    from_store(current, |reader, typed| completion::token_ids(reader, typed, true))
}

/// `create --scopes`: the scopes the owner on the line (`--project` or `--group`, or `--user` as
/// the database knows them) may hold, for the last item of a comma list.
pub fn owner_scopes(current: &OsStr) -> Vec<CompletionCandidate> {
    let words = command_line();
    let owner = if flag_value(&words, &["--project", "--group"]).is_some() {
        Owner::Project
    } else if let Some(user) = flag_value(&words, &["--user"]) {
        open(&words).and_then(|store| completion::user_owner(&store.reader(), &user).ok()).unwrap_or(Owner::Unknown)
    } else {
        Owner::Unknown
    };
    scope_list(current, &completion::scopes_for(owner), &scopes_elsewhere(&words, current))
}

/// `verify --scope`: every scope.
pub fn any_scopes(current: &OsStr) -> Vec<CompletionCandidate> {
    scope_list(current, &Scope::ALL, &scopes_elsewhere(&command_line(), current))
}

/// The scopes of the line's other `--scopes`/`--scope` values (`--scope api --scope re`): every
/// value but one that is the word being completed.
fn scopes_elsewhere(words: &[String], current: &OsStr) -> Vec<String> {
    let mut values = flag_values(words, &["--scopes", "--scope"]);
    if let Some(at) = values.iter().rposition(|value| OsStr::new(value) == current) {
        values.remove(at);
    }
    values.iter().flat_map(|value| value.split(',')).map(|scope| scope.trim().to_string()).collect()
}

/// After `read_api,re`: `read_api,read_user`, `read_api,read_repository`, ... — the scopes not
/// yet in the list (nor in `elsewhere`) that start with the last item, each after what was typed
/// before it.
fn scope_list(current: &OsStr, offered: &[Scope], elsewhere: &[String]) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else { return Vec::new() };
    let (before, last) = typed.rsplit_once(',').map_or(("", typed), |(before, last)| (before, last));
    let taken: Vec<&str> = before.split(',').map(str::trim).chain(elsewhere.iter().map(String::as_str)).collect();
    let lead = if before.is_empty() { String::new() } else { format!("{before},") };
    offered
        .iter()
        .filter(|scope| scope.as_str().starts_with(last) && !taken.contains(&scope.as_str()))
        .map(|scope| {
            CompletionCandidate::new(format!("{lead}{}", scope.as_str())).help(Some(scope.description().into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(candidates: Vec<CompletionCandidate>) -> Vec<String> {
        candidates.iter().map(|c| c.get_value().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn a_comma_list_offers_the_remaining_scopes_after_what_was_typed() {
        let offered = [Scope::Api, Scope::ReadApi, Scope::ReadUser, Scope::ReadRepository];
        assert_eq!(
            values(scope_list(OsStr::new(""), &offered, &[])),
            ["api", "read_api", "read_user", "read_repository"]
        );
        assert_eq!(values(scope_list(OsStr::new("read_a"), &offered, &[])), ["read_api"]);
        assert_eq!(
            values(scope_list(OsStr::new("read_api,"), &offered, &[])),
            ["read_api,api", "read_api,read_user", "read_api,read_repository"]
        );
        assert_eq!(
            values(scope_list(OsStr::new("api,read_api,read_"), &offered, &[])),
            ["api,read_api,read_user", "api,read_api,read_repository"]
        );
    }

    #[test]
    fn scopes_of_the_other_occurrences_are_not_offered_again() {
        let words: Vec<String> =
            ["patctl", "create", "--scope", "api", "--scopes=read_user,read_api", "--scope", "read_"]
                .map(String::from)
                .to_vec();
        let elsewhere = scopes_elsewhere(&words, OsStr::new("read_"));
        assert_eq!(elsewhere, ["api", "read_user", "read_api"]);
        let offered = [Scope::Api, Scope::ReadApi, Scope::ReadUser, Scope::ReadRepository];
        assert_eq!(values(scope_list(OsStr::new("read_"), &offered, &elsewhere)), ["read_repository"]);
    }

    #[test]
    fn flag_values_are_read_in_both_spellings_and_the_last_wins() {
        let words: Vec<String> = ["patctl", "--db", "/a.db", "create", "--db=/b.db", "--user", "alice", "--scopes", ""]
            .map(String::from)
            .to_vec();
        assert_eq!(flag_value(&words, &["--db"]).as_deref(), Some("/b.db"));
        assert_eq!(flag_value(&words, &["--user"]).as_deref(), Some("alice"));
        assert_eq!(flag_value(&words, &["--scopes"]), None);
        assert_eq!(flag_value(&words, &["--project"]), None);
    }
}
