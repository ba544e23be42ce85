//! The committed generated files — `completions/`, `man/` and the `--help` snapshots under
//! `tests/snapshots/help/` — must be exactly what the code generates now, and every command must
//! be documented. After changing the command line, regenerate them all with:
//!
//!     PATCTL_REGENERATE=1 cargo test --test main generated::
//!
//! and review the diff like any other change.
use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;

use crate::common::repo;

const REGENERATE: &str = "PATCTL_REGENERATE=1 cargo test --test main generated::";

fn regenerating() -> bool {
    std::env::var("PATCTL_REGENERATE").is_ok_and(|v| v == "1")
}

/// Every file directly in `dir`, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Compares a committed directory with freshly generated files, or (regenerating) replaces it.
fn check_dir(committed: &Path, generated: BTreeMap<String, Vec<u8>>) {
    if regenerating() {
        std::fs::create_dir_all(committed).unwrap();
        for name in files(committed).keys().filter(|n| !generated.contains_key(*n)) {
            std::fs::remove_file(committed.join(name)).unwrap();
        }
        for (name, bytes) in &generated {
            std::fs::write(committed.join(name), bytes).unwrap();
        }
        eprintln!("regenerated {}", committed.display());
        return;
    }
    let have = files(committed);
    let mut problems = Vec::new();
    for (name, bytes) in &generated {
        match have.get(name) {
            None => problems.push(format!("missing: {name}")),
            Some(old) if old != bytes => problems.push(format!("differs: {name}\n{}", first_difference(old, bytes))),
            Some(_) => {}
        }
    }
    for name in have.keys().filter(|n| !generated.contains_key(*n)) {
        problems.push(format!("stale (no longer generated): {name}"));
    }
    assert!(
        problems.is_empty(),
        "{} is out of date with the command line:\n{}\n\nRegenerate with:\n    {REGENERATE}\nand review the diff.",
        committed.display(),
        problems.join("\n")
    );
}

fn first_difference(old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    for (i, (a, b)) in old.lines().zip(new.lines()).enumerate() {
        if a != b {
            return format!("  line {}:\n    committed: {a}\n    generated: {b}", i + 1);
        }
    }
    format!("  committed has {} lines, generated {}", old.lines().count(), new.lines().count())
}

/// What `patctl SUBCOMMAND --dir DIR` writes, read back.
fn generate(subcommand: &str) -> BTreeMap<String, Vec<u8>> {
    let env = crate::common::Env::new();
    let out = env.path("out");
    env.cmd().args([subcommand, "--dir"]).arg(&out).assert().success();
    files(&out)
}

#[test]
fn committed_completions_are_generated_from_the_cli() {
    let generated = generate("completions");
    let names: Vec<&str> = generated.keys().map(String::as_str).collect();
    assert_eq!(names, ["_patctl", "_patctl.ps1", "patctl.bash", "patctl.elv", "patctl.fish"]);
    check_dir(&repo("completions"), generated);
}

#[test]
fn committed_man_pages_are_generated_from_the_cli() {
    let generated = generate("man");
    for page in ["patctl.1", "patctl-create.1", "patctl-revoke.1", "patctl-user.1", "patctl-user-add.1"] {
        assert!(generated.contains_key(page), "no {page} among {:?}", generated.keys());
    }
    check_dir(&repo("man"), generated);
}

/// Every command path: `[]`, `["create"]`, `["user", "add"]`, ... (clap's `help` left out).
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
            path.push(sub.get_name().to_string());
            walk(sub, path, out);
            path.pop();
        }
    }
    let mut cmd = patctl::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut Vec::new(), &mut out);
    out
}

#[test]
fn help_output_matches_the_snapshots() {
    let env = crate::common::Env::new();
    let mut generated = BTreeMap::new();
    for path in command_paths() {
        // A fixed width: help must not depend on the terminal it was snapshotted in.
        let out = env.cmd().env("COLUMNS", "100").args(&path).arg("--help").assert().success();
        let name = std::iter::once("patctl").chain(path.iter().map(String::as_str)).collect::<Vec<_>>().join("-");
        generated.insert(format!("{name}.txt"), out.get_output().stdout.clone());
    }
    check_dir(&repo("tests/snapshots/help"), generated);
}

#[test]
fn help_does_not_depend_on_the_terminal_width() {
    let env = crate::common::Env::new();
    let wide = env.cmd().env("COLUMNS", "250").args(["create", "--help"]).assert().success();
    let normal = env.cmd().env("COLUMNS", "100").args(["create", "--help"]).assert().success();
    // Wider terminals get the same text as the snapshots (max_term_width = 100).
    assert_eq!(wide.get_output().stdout, normal.get_output().stdout);
}

#[test]
fn every_command_is_documented() {
    fn check(cmd: &clap::Command, name: &str, problems: &mut Vec<String>) {
        if cmd.get_about().is_none() {
            problems.push(format!("{name}: no description (a /// line on the Args struct or enum)"));
        }
        let after = cmd.get_after_help().map(|h| h.to_string()).unwrap_or_default();
        if !after.lines().any(|l| l == "Examples:") {
            problems.push(format!("{name}: no Examples: section (#[command(after_help = EXAMPLES)])"));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                problems.push(format!("{name}: argument {} has no help text", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help" && !s.is_hide_set()) {
            check(sub, &format!("{name} {}", sub.get_name()), problems);
        }
    }
    let mut cmd = patctl::cli::Cli::command();
    cmd.build();
    let mut problems = Vec::new();
    check(&cmd, "patctl", &mut problems);
    assert!(problems.is_empty(), "undocumented:\n{}", problems.join("\n"));
}

#[test]
fn top_level_commands_come_in_the_order_an_operator_meets_them() {
    let cmd = patctl::cli::Cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
    let position = |name: &str| names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("no {name}"));
    // First users, then creating, looking at and revoking tokens; the tool's own plumbing last.
    let expected = ["user", "create", "list", "show", "revoke", "config", "completions", "man"];
    let positions: Vec<usize> = expected.iter().map(|n| position(n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "order: {names:?}");
}
