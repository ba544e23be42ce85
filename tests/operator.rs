//! Operator experience without a terminal: consistent errors with hints and suggestions, nothing
//! that prompts or waits, no colour in pipes, `config show` / `config path`, and the
//! `completions` and `man` commands printing to standard output.
use crate::common::{Env, repo, stdout, transcript};

#[test]
fn a_misspelled_subcommand_is_a_usage_error_with_a_suggestion() {
    let env = Env::new();
    snapshot!(
        [
            env.transcript(&["crate", "--user", "alice"]),
            env.transcript(&["user", "ad", "alice"]),
            env.transcript(&["list", "--stat", "all"]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), "<no database>");
}

#[test]
fn misspelled_scopes_and_usernames_get_suggestions() {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    let before = env.dump();
    snapshot!(
        [
            env.transcript(&["create", "--user", "automation-bot", "--name", "x", "--scopes", "read_repo"]),
            env.transcript(&["create", "--user", "automaton-bot", "--name", "x", "--scopes", "api"]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn without_a_terminal_a_missing_flag_is_exit_64_naming_it() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let mut shown = Vec::new();
    for args in [
        &["create", "--name", "ci", "--scopes", "api"][..],
        &["create", "--user", "alice", "--scopes", "api"],
        &["create", "--user", "alice", "--name", "ci"],
    ] {
        // Prompts are allowed here (no --no-input), but standard input is a pipe: no prompt.
        shown.push(transcript(env.cmd().env_remove("PATCTL_NO_INPUT").args(args).write_stdin("")));
    }
    // A destructive command needs --yes without a terminal, and says so.
    shown.push(transcript(env.cmd().env_remove("PATCTL_NO_INPUT").args(["user", "block", "alice"])));
    assert_eq!(env.dump(), before);
    snapshot!(shown.join("\n"));
}

#[test]
fn tables_in_a_pipe_have_no_colour() {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    env.at("2026-10-01T00:00:00Z")
        .args(["create", "--user", "automation-bot", "--name", "old", "--scopes", "api", "--expires-at", "2026-11-01"])
        .assert()
        .success();
    let shown = env.transcript(&["list", "--state", "all"]);
    assert!(!shown.contains('\x1b'), "{shown:?}");
    snapshot!(shown);
}

#[test]
fn config_show_tells_where_each_value_comes_from() {
    let env = Env::new();
    // Nothing set: every value a default, except the database path the harness gives by env.
    let mut shown = vec![env.transcript(&["config", "show"]), env.transcript(&["config", "show", "--format", "json"])];

    // A config file, an environment variable and a flag.
    env.write_config("[tokens]\nmax_lifetime_days = 30\n[expiry]\nnotify_days = [14, 7]\n");
    shown.push(env.transcript(&["config", "show", "--format", "json"]));
    let other = env.path("other.db");
    shown.push(env.transcript(&["--db", other.to_str().unwrap(), "config", "show"]));

    // Database path from the file, config file from PATCTL_CONFIG.
    let named = env.write_file("named.toml", "[database]\npath = \"/srv/patctl/tokens.db\"\n");
    shown.push(transcript(
        env.cmd().env_remove("PATCTL_DB").env("PATCTL_CONFIG", &named).args(["config", "show", "--format", "json"]),
    ));

    // The default database path when nothing names one.
    shown.push(transcript(env.cmd().env_remove("PATCTL_DB").args(["config", "show", "--format", "csv"])));
    assert!(
        !env.has_store() && !env.dir.path().join("data/patctl/patctl.db").exists(),
        "config show created a database"
    );
    engine_snapshot!(shown.join("\n"));
}

#[test]
fn config_show_refuses_a_broken_file_and_config_path_still_finds_it() {
    let env = Env::new();
    env.write_config("[tokens]\nmax_lifetime = 30\n");
    let missing = env.path("missing.toml");
    snapshot!(
        [
            env.transcript(&["config", "show"]),
            env.transcript(&["config", "path"]),
            env.transcript(&["--config", missing.to_str().unwrap(), "config", "path", "--format", "json"]),
        ]
        .join("\n")
    );
}

#[test]
fn completions_and_man_pages_print_to_standard_output() {
    let env = Env::new();
    // What they print is the committed file, which generated:: keeps in step with the CLI.
    for (shell, file) in [
        ("bash", "patctl.bash"),
        ("zsh", "_patctl"),
        ("fish", "patctl.fish"),
        ("elvish", "patctl.elv"),
        ("powershell", "_patctl.ps1"),
    ] {
        let script = stdout(&env.run(&["completions", shell]).success());
        assert_eq!(script, std::fs::read_to_string(repo(&format!("completions/{file}"))).unwrap(), "{shell}");
    }
    for (args, file) in [(&["man"][..], "patctl.1"), (&["man", "user", "add"], "patctl-user-add.1")] {
        let page = stdout(&env.run(args).success());
        assert_eq!(page, std::fs::read_to_string(repo(&format!("man/{file}"))).unwrap(), "{args:?}");
    }
    snapshot!(
        [
            env.transcript(&["completions"]),
            env.transcript(&["completions", "tcsh"]),
            env.transcript(&["man", "user", "nosuch"]),
        ]
        .join("\n")
    );
    assert_eq!(env.dump(), "<no database>");
}
