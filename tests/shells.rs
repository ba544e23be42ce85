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
    // One spelling per flag: --scope, the visible alias of --scopes, is accepted but not offered.
    let (_, candidates) = bash_candidates(&["patctl", "create", "--sc"]);
    assert_eq!(candidates, ["--scopes"]);
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
    assert_eq!(query("patctl create --sc"), ["--scopes"]);
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

/// A scratch database for the dynamic completion tests: users (one an admin), live and revoked
/// tokens, a project with a token of its bot, and two groups.
fn completion_env() -> crate::common::Env {
    let env = crate::common::Env::new();
    env.user("alice", &["--name", "Alice Example"]);
    env.user("admin-ann", &["--name", "Ann Admin", "--admin"]);
    env.user("automation-bot", &["--bot"]);
    let create = |user: &str, name: &str, scopes: &str| {
        env.run(&["create", "--user", user, "--name", name, "--scopes", scopes, "--quiet"]).success();
    };
    create("alice", "laptop", "api");
    create("automation-bot", "Automation token", "read_api");
    create("alice", "old laptop", "read_user");
    env.run(&["revoke", "--id", "3", "--quiet"]).success();
    env.run(&["project", "add", "group/project", "--name", "The Project", "--quiet"]).success();
    env.run(&["project", "add", "group/tools", "--quiet"]).success();
    env.run(&["create", "--project", "group/project", "--name", "deploy", "--scopes", "read_repository", "--quiet"])
        .success();
    env.run(&["group", "add", "infra/ci", "--name", "CI Runners", "--quiet"]).success();
    env.run(&["group", "add", "infra/tools", "--quiet"]).success();
    env
}

/// How each shell is started in the pane, and the line that loads the committed script.
fn shell_setup(shell: &str) -> (&'static str, String) {
    let script = |file: &str| repo("completions").join(file).display().to_string();
    match shell {
        // One candidate a line, listed at the first TAB, never paged or asked about.
        "bash" => (
            "bash --norc --noprofile -i",
            format!(
                "source {}; bind 'set show-all-if-ambiguous on'; bind 'set completion-display-width 0'; \
             bind 'set page-completions off'; bind 'set completion-query-items 0'; PS1='ready> '",
                script("patctl.bash")
            ),
        ),
        "zsh" => (
            "zsh -f -i",
            format!(
                "fpath=({} $fpath); autoload -Uz compinit; compinit -u -D; PS1='ready> '",
                repo("completions").display()
            ),
        ),
        "fish" => (
            "fish --no-config --private",
            format!(
                "source {}; function fish_prompt; echo -n 'ready> '; end; function fish_right_prompt; end; set -g fish_greeting",
                script("patctl.fish")
            ),
        ),
        _ => unreachable!("{shell}"),
    }
}

/// Types `line` into `shell` (with the committed script loaded, on `env`'s database and with
/// PATCTL_NOW set, whose warning must not show), presses TAB and returns the settled screen: the
/// prompt line and the candidates the shell lists.
fn completion_screen(env: &crate::common::Env, shell: &str, line: &str) -> String {
    completion_screen_after(env, shell, line, "")
}

/// [`completion_screen`], then types `after` (when not empty) and waits for it on the line: keys
/// are handled in order, so the TAB has been too.
fn completion_screen_after(env: &crate::common::Env, shell: &str, line: &str, after: &str) -> String {
    let home = env.path("home");
    std::fs::create_dir_all(&home).unwrap();
    let path = path_with_patctl();
    let db = env.db.to_str().unwrap();
    let (config, data) = (env.dir.path().join("config"), env.dir.path().join("data"));
    let vars = [
        ("PATH", path.as_str()),
        ("HOME", home.to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
        ("PATCTL_DB", db),
        ("PATCTL_NOW", &env.now),
        ("LANG", "C.UTF-8"),
    ];
    let (command, setup) = shell_setup(shell);
    let term = tmux::Tmux::start(&home, 100, 30, command, &vars);
    term.type_text(&setup);
    term.keys(&["Enter"]);
    term.wait_text("ready> ");
    // A clean screen: only the prompt, then the line typed.
    term.keys(&["C-l"]);
    term.wait_for("a cleared screen", |s| s.trim() == "ready>");
    term.type_text(line);
    term.wait_text(&format!("ready> {line}"));
    term.keys(&["Tab"]);
    if !after.is_empty() {
        term.type_text(after);
        term.wait_text(&format!("{line}{after}"));
    }
    let mut previous = term.wait_for(&format!("{shell} to list candidates for {line:?}"), |s| {
        !after.is_empty() || s.lines().filter(|l| !l.trim().is_empty()).count() > 1
    });
    // Settled: the same screen twice in a row, 50 ms apart (the shell may still be drawing).
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let screen = term.screen();
        if screen == previous {
            return screen.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_string() + "\n";
        }
        previous = screen;
    }
    panic!("the screen never settled:\n{previous}");
}

fn have_shell_and_tmux(test: &str, shell: &str) -> bool {
    for (program, flag) in [(shell, "--version"), ("tmux", "-V")] {
        if !tmux::have(program, flag) {
            tmux::skip(test, program);
            return false;
        }
    }
    true
}

/// The values a TAB offers after each flag, as each shell lists them; one snapshot per shell.
fn completes_values_from_the_database(shell: &str) {
    if !have_shell_and_tmux(&format!("{shell}_completes_values_from_the_database"), shell) {
        return;
    }
    let env = completion_env();
    let queries = [
        "patctl create --user ",
        "patctl revoke --id ",
        "patctl show ",
        "patctl list --project group/",
        "patctl create --user alice --scopes read_api,",
        "patctl create --project group/project --access-level ",
    ];
    let screens: Vec<String> =
        queries.iter().map(|line| format!("$ {line}<TAB>\n{}", completion_screen(&env, shell, line))).collect();
    snapshot!(format!("{shell}_completes_values_from_the_database"), screens.join("\n"));
}

#[test]
fn bash_completes_values_from_the_database() {
    completes_values_from_the_database("bash");
}

#[test]
fn zsh_completes_values_from_the_database() {
    completes_values_from_the_database("zsh");
}

#[test]
fn fish_completes_values_from_the_database() {
    completes_values_from_the_database("fish");
}

/// What the completer prints when the fish script asks it (`COMPLETE=fish patctl -- WORDS`): one
/// `VALUE<TAB>DESCRIPTION` line per candidate. Returns the exit status, stdout and stderr.
fn ask_completer(env: &crate::common::Env, words: &[&str]) -> (bool, String, String) {
    let out = env.std_cmd().env("COMPLETE", "fish").arg("--").args(words).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn the_completer_reads_the_database_read_only_and_prints_only_candidates() {
    let env = completion_env();
    let before = crate::common::database_bytes(&env.db);
    let answers: Vec<String> = [
        &["patctl", "create", "--user", "a"][..],
        &["patctl", "rotate", "--id", ""],
        &["patctl", "audit", "--token-id", "3"],
        &["patctl", "project", "show", "group/p"],
        &["patctl", "group", "show", "infra/"],
        &["patctl", "revoke", "--all", "--group", "infra/c"],
        &["patctl", "create", "--group", "infra/ci", "--scopes", "api,read_"],
        &["patctl", "create", "--project", "group/project", "--scopes", "api,read_"],
        &["patctl", "create", "--user", "admin-ann", "--scopes", "read_api,s"],
        &["patctl", "create", "--user", "alice", "--scopes", "read_api,s"],
        &["patctl", "verify", "--scope", "ad"],
        &["patctl", "verify", "--scope", "read_api", "--scope", "read_"],
    ]
    .iter()
    .map(|words| {
        let (ok, stdout, stderr) = ask_completer(&env, words);
        // PATCTL_NOW is set (std_cmd), and its warning must not reach the line being completed.
        assert!(ok && stderr.is_empty(), "{words:?}: {stderr}");
        format!("$ {}\n{stdout}", words.join(" "))
    })
    .collect();
    snapshot!(answers.join("\n"));
    assert_eq!(crate::common::database_bytes(&env.db), before, "completion changed the database or left sidecars");

    // The database the line names with --db, not PATCTL_DB's.
    let other = crate::common::Env::new();
    other.user("bob", &["--name", "Bob"]);
    let flag = other.db.to_str().unwrap();
    assert_eq!(ask_completer(&env, &["patctl", "--db", flag, "user", "show", ""]).1.lines().next(), Some("bob\tBob"));
    assert_eq!(ask_completer(&env, &["patctl", "user", "show", &format!("--db={flag}"), "b"]).1, "bob\tBob\n");
}

#[test]
fn without_a_usable_database_the_completer_offers_no_values_and_no_error() {
    let env = crate::common::Env::new();
    for words in
        [&["patctl", "create", "--user", ""][..], &["patctl", "show", "1"], &["patctl", "list", "--project", "g"]]
    {
        assert_eq!(ask_completer(&env, words), (true, String::new(), String::new()), "{words:?}");
    }
    assert_eq!(env.dump(), "<no database>", "completion created the database");
    // Flags and the fixed scope list need no database.
    assert_eq!(
        ask_completer(&env, &["patctl", "create", "--us"]).1.lines().next().unwrap().split('\t').next(),
        Some("--user")
    );
    assert_eq!(
        ask_completer(&env, &["patctl", "create", "--user", "alice", "--scopes", "read_ap"]).1,
        "read_api\tRead access to the API\n"
    );

    env.user("alice", &[]);
    // COMPLETE set to anything but a shell's name is not a completion request: the command runs.
    for value in ["1", "0", ""] {
        let out = env.std_cmd().env("COMPLETE", value).args(["user", "list", "--format", "json"]).output().unwrap();
        let listed = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && listed.contains("\"alice\""), "COMPLETE={value:?}: {listed}");
    }

    // A database file patctl does not trust (writable by others) is not read.
    if !env.on_postgres() {
        std::fs::set_permissions(&env.db, std::os::unix::fs::PermissionsExt::from_mode(0o666)).unwrap();
        assert_eq!(ask_completer(&env, &["patctl", "create", "--user", ""]), (true, String::new(), String::new()));
    }
}

/// With no database, a TAB after a value flag offers nothing, in particular no file names of the
/// directory (the test runs in the repository); `X` typed after it shows the TAB was handled.
#[test]
fn shells_offer_no_file_names_for_a_value_without_candidates() {
    for shell in ["bash", "zsh", "fish"] {
        if !have_shell_and_tmux("shells_offer_no_file_names_for_a_value_without_candidates", shell) {
            continue;
        }
        let env = crate::common::Env::new();
        let screen = completion_screen_after(&env, shell, "patctl create --user ", "X");
        assert_eq!(screen, "ready> patctl create --user X\n", "{shell}");
    }
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
