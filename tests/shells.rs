//! The committed completion scripts loaded in real shells, and the committed man pages linted by a
//! real man-page tool. A test whose program is missing says so and passes; `.ci/run` installs
//! them all (zsh, fish, tmux, mandoc; bash and groff come with the system).
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::repo;
use crate::tmux;

fn path_with_patctl() -> String {
    format!("{}:{}", tmux::bin_dir().display(), std::env::var("PATH").unwrap_or_default())
}

fn run(program: &str, args: &[&str], home: &Path) -> (bool, String, String) {
    let out = Command::new(program)
        .env_clear()
        .env("PATH", path_with_patctl())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// Completes `words` (the last one being typed) with the bash completion function `complete -p`
/// names, as bash's programmable completion would, and prints the candidates one per line.
const BASH_COMPLETE: &str = r#"
set -e
source "$1"
spec=$(complete -p patctl)
echo "spec: $spec"
fn=$(printf '%s\n' "$spec" | sed -n 's/.*-F \([^ ]*\).*/\1/p')
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
"$fn" patctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf 'candidate: %s\n' "${COMPREPLY[@]}"
"#;

fn bash_candidates(words: &[&str]) -> (String, Vec<String>) {
    let home = tempfile::tempdir().unwrap();
    let script = repo("completions/patctl.bash");
    let mut args = vec!["--norc", "--noprofile", "-c", BASH_COMPLETE, "bash", script.to_str().unwrap()];
    args.extend_from_slice(words);
    let (ok, stdout, stderr) = run("bash", &args, home.path());
    assert!(ok, "bash failed:\n{stdout}\n{stderr}");
    let spec = stdout.lines().find_map(|l| l.strip_prefix("spec: ")).unwrap_or_default().to_string();
    let candidates = stdout.lines().filter_map(|l| l.strip_prefix("candidate: ")).map(str::to_string).collect();
    (spec, candidates)
}

#[test]
fn bash_completes_subcommands_and_flags() {
    if !tmux::have("bash", "--version") {
        return tmux::skip("bash_completes_subcommands_and_flags", "bash");
    }
    let (spec, candidates) = bash_candidates(&["patctl", "cre"]);
    assert!(spec.starts_with("complete ") && spec.ends_with(" patctl"), "complete -p patctl: {spec}");
    assert_eq!(candidates, ["create"]);

    let (_, candidates) = bash_candidates(&["patctl", "user", "a"]);
    assert_eq!(candidates, ["add"]);
    // --scope is the visible alias of --scopes.
    let (_, candidates) = bash_candidates(&["patctl", "create", "--sc"]);
    assert_eq!(candidates, ["--scope", "--scopes"]);
    let (_, candidates) = bash_candidates(&["patctl", "list", "--state", "ex"]);
    assert_eq!(candidates, ["expired"]);
}

#[test]
fn fish_completes_subcommands_and_flags() {
    if !tmux::have("fish", "--version") {
        return tmux::skip("fish_completes_subcommands_and_flags", "fish");
    }
    let home = tempfile::tempdir().unwrap();
    let script = repo("completions/patctl.fish");
    let query = |line: &str| -> Vec<String> {
        let command = format!("source {}; complete --do-complete='{line}'", script.display());
        let (ok, stdout, stderr) = run("fish", &["--no-config", "-c", &command], home.path());
        assert!(ok, "fish failed:\n{stdout}\n{stderr}");
        stdout.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect()
    };
    assert_eq!(query("patctl cre"), ["create"]);
    assert!(query("patctl user ").contains(&"block".to_string()), "{:?}", query("patctl user "));
    assert_eq!(query("patctl create --sc"), ["--scope", "--scopes"]);
}

#[test]
fn zsh_completes_subcommands() {
    if !tmux::have("zsh", "--version") {
        return tmux::skip("zsh_completes_subcommands", "zsh");
    }
    if !tmux::have("tmux", "-V") {
        return tmux::skip("zsh_completes_subcommands", "tmux");
    }
    // zsh completes only inside its line editor, so this types into an interactive zsh.
    let home = tempfile::tempdir().unwrap();
    let path = path_with_patctl();
    let env = [("PATH", path.as_str()), ("HOME", home.path().to_str().unwrap())];
    let term = tmux::Tmux::start(home.path(), 100, 20, "zsh -f -i", &env);
    term.type_text(&format!(
        "fpath=({} $fpath); autoload -Uz compinit; compinit -u -D; PS1='ready> '",
        repo("completions").display()
    ));
    term.keys(&["Enter"]);
    term.wait_text("ready> ");
    term.type_text("patctl cre");
    term.keys(&["Tab"]);
    term.wait_for("zsh to complete 'patctl cre' to 'patctl create'", |s| s.contains("ready> patctl create"));

    // A second query: the flags of create, completed from "--des".
    term.keys(&["C-u"]);
    term.type_text("patctl create --des");
    term.keys(&["Tab"]);
    term.wait_for("zsh to complete --description", |s| s.contains("patctl create --description"));
}

/// Lints every committed page; a warning fails the test.
#[test]
fn man_pages_pass_a_man_page_linter() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo("man")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert!(pages.len() > 10, "man/ holds {} pages", pages.len());
    let mut linted = false;
    if tmux::have("mandoc", "-V") || Command::new("mandoc").arg("-h").output().is_ok() {
        linted = true;
        let out = Command::new("mandoc").args(["-Tlint", "-W", "warning"]).args(&pages).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && report.trim().is_empty(), "mandoc -Tlint -W warning:\n{report}");
    }
    if tmux::have("groff", "--version") {
        linted = true;
        for page in &pages {
            let out = Command::new("groff").args(["-man", "-ww", "-z"]).arg(page).output().unwrap();
            let report = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && report.trim().is_empty(),
                "groff -man -ww -z {}:\n{report}",
                page.display()
            );
        }
    }
    if !linted {
        tmux::skip("man_pages_pass_a_man_page_linter", "mandoc or groff");
    }
}

/// `man -l` renders the top page with its sections, where man is installed.
#[test]
fn the_top_page_reads_as_a_manual() {
    let page = std::fs::read_to_string(repo("man/patctl.1")).unwrap();
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLES", ".SH ENVIRONMENT", ".SH \"EXIT CODES\""]
    {
        assert!(page.contains(section), "patctl.1 has no {section}");
    }
    for sub in ["patctl-user(1)", "patctl-create(1)", "patctl-revoke(1)"] {
        assert!(page.contains(&sub.replace('-', "\\-")), "patctl.1 does not point to {sub}");
    }
}
