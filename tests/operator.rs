//! Operator experience without a terminal: consistent errors with hints and suggestions, nothing
//! that prompts or waits, no colour in pipes, `config show` / `config path`, and the
//! `completions` and `man` commands printing to standard output.
use crate::common::{Env, stderr, stdout};
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn a_misspelled_subcommand_is_a_usage_error_with_a_suggestion() {
    let env = Env::new();
    let out = env.run(&["crate", "--user", "alice"]).code(64);
    let err = stderr(&out);
    assert!(err.starts_with("error: unrecognized subcommand 'crate'\nhint: "), "{err}");
    assert!(err.lines().nth(1).unwrap().contains("'create'"), "{err}");
    assert!(!err.contains("tip:"), "{err}");

    let err = stderr(&env.run(&["user", "ad", "alice"]).code(64));
    assert!(err.contains("hint: a similar subcommand exists: 'add'"), "{err}");
    let err = stderr(&env.run(&["list", "--stat", "all"]).code(64));
    assert!(err.starts_with("error: unexpected argument '--stat'") && err.contains("hint: "), "{err}");
    assert_eq!(env.dump(), "<no database>");
}

#[test]
fn misspelled_scopes_and_usernames_get_suggestions() {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    let before = env.dump();
    let err =
        stderr(&env.run(&["create", "--user", "automation-bot", "--name", "x", "--scopes", "read_repo"]).code(65));
    assert!(err.contains("read_repository"), "{err}");
    let err = stderr(&env.run(&["create", "--user", "automaton-bot", "--name", "x", "--scopes", "api"]).code(67));
    assert!(err.contains("error: unknown user 'automaton-bot'\nhint: did you mean 'automation-bot'?"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn without_a_terminal_a_missing_flag_is_exit_64_naming_it() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    for (args, flag) in [
        (vec!["create", "--name", "ci", "--scopes", "api"], "--user"),
        (vec!["create", "--user", "alice", "--scopes", "api"], "--name"),
        (vec!["create", "--user", "alice", "--name", "ci"], "--scopes"),
    ] {
        // Prompts are allowed here (no --no-input), but standard input is a pipe: no prompt.
        let out = env.cmd().env_remove("PATCTL_NO_INPUT").args(&args).write_stdin("").assert().code(64);
        let err = stderr(&out);
        assert!(err.starts_with(&format!("error: missing {flag}")), "{args:?}: {err}");
    }
    // A destructive command needs --yes without a terminal, and says so.
    let err = stderr(&env.cmd().env_remove("PATCTL_NO_INPUT").args(["user", "block", "alice"]).assert().code(64));
    assert!(err.contains("error: confirmation needed") && err.contains("hint: pass --yes"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn tables_in_a_pipe_have_no_colour() {
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    env.at("2026-10-01T00:00:00Z")
        .args(["create", "--user", "automation-bot", "--name", "old", "--scopes", "api", "--expires-at", "2026-11-01"])
        .assert()
        .success();
    let out = stdout(&env.run(&["list", "--state", "all"]).success());
    assert!(out.contains("expired") && !out.contains('\x1b'), "{out:?}");
}

#[test]
fn config_show_tells_where_each_value_comes_from() {
    let env = Env::new();
    // Nothing set: every value a default, except the database path the harness gives by env.
    let shown = env.json(&["config", "show"]);
    assert_eq!(shown["config_file"], Value::Null);
    let values = shown["values"].as_array().unwrap();
    let get = |values: &[Value], key: &str| -> (Value, String) {
        let v = values.iter().find(|v| v["key"] == key).unwrap_or_else(|| panic!("no {key}"));
        (v["value"].clone(), v["source"].as_str().unwrap().to_string())
    };
    assert_eq!(get(values, "tokens.max_lifetime_days"), (Value::from(365), "default".into()));
    assert_eq!(get(values, "database.path"), (Value::from(env.db.to_str().unwrap()), "env PATCTL_DB".into()));
    assert_eq!(get(values, "tokens.pepper_file"), (Value::Null, "default".into()));
    let keys: Vec<&str> = values.iter().map(|v| v["key"].as_str().unwrap()).collect();
    assert_eq!(keys[..2], ["database.path", "tokens.prefix"], "in the order of the file's sections");

    // A config file, an environment variable and a flag.
    let file = env.write_config("[tokens]\nmax_lifetime_days = 30\n[expiry]\nnotify_days = [14, 7]\n");
    let shown = env.json(&["config", "show"]);
    assert_eq!(shown["config_file"]["path"], file.to_str().unwrap());
    assert_eq!(shown["config_file"]["from"], "default");
    let values = shown["values"].as_array().unwrap();
    assert_eq!(get(values, "tokens.max_lifetime_days"), (Value::from(30), "file".into()));
    assert_eq!(get(values, "expiry.notify_days"), (serde_json::json!([14, 7]), "file".into()));
    assert_eq!(get(values, "tokens.prefix"), (Value::from("glpat-"), "default".into()));

    let other = env.path("other.db");
    let out = env.run(&["--db", other.to_str().unwrap(), "config", "show"]).success();
    let table = stdout(&out);
    assert!(table.starts_with(&format!("config file: {} (default)\n", file.display())), "{table}");
    let row = table.lines().find(|l| l.starts_with("database.path")).unwrap();
    assert!(row.contains(other.to_str().unwrap()) && row.ends_with("flag --db"), "{row}");
    let row = table.lines().find(|l| l.starts_with("tokens.max_lifetime_days")).unwrap();
    assert!(row.split_whitespace().eq(["tokens.max_lifetime_days", "30", "file"]), "{row}");

    // Database path from the file, config file from PATCTL_CONFIG.
    let named = env.path("named.toml");
    std::fs::write(&named, "[database]\npath = \"/srv/patctl/tokens.db\"\n").unwrap();
    let shown = env
        .cmd()
        .env_remove("PATCTL_DB")
        .env("PATCTL_CONFIG", &named)
        .args(["config", "show", "--format", "json"])
        .assert()
        .success();
    let shown: Value = serde_json::from_slice(&shown.get_output().stdout).unwrap();
    assert_eq!(shown["config_file"]["from"], "env PATCTL_CONFIG");
    assert_eq!(
        get(shown["values"].as_array().unwrap(), "database.path"),
        (Value::from("/srv/patctl/tokens.db"), "file".into())
    );

    // The default database path when nothing names one.
    let shown = env.cmd().env_remove("PATCTL_DB").args(["config", "show", "--format", "csv"]).assert().success();
    let csv = stdout(&shown);
    let expected = format!("database.path,{},default\r\n", env.dir.path().join("data/patctl/patctl.db").display());
    assert!(csv.starts_with("KEY,VALUE,SOURCE\r\n") && csv.contains(&expected), "{csv}");
    assert!(
        !env.db.exists() && !env.dir.path().join("data/patctl/patctl.db").exists(),
        "config show created a database"
    );
}

#[test]
fn config_show_refuses_a_broken_file_and_config_path_still_finds_it() {
    let env = Env::new();
    let file = env.write_config("[tokens]\nmax_lifetime = 30\n");
    let err = stderr(&env.run(&["config", "show"]).code(78));
    assert!(err.contains(&format!("config file {}: line 2", file.display())), "{err}");

    let out = stdout(&env.run(&["config", "path"]).success());
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].split_whitespace().eq(["PATH", "FROM", "STATUS"]), "{out}");
    assert!(lines[1].starts_with(file.to_str().unwrap()) && lines[1].ends_with("default  read"), "{out}");
    assert!(lines[2].starts_with("/etc/patctl/config.toml"), "{out}");

    let missing = env.path("missing.toml");
    let paths = env.json(&["--config", missing.to_str().unwrap(), "config", "path"]);
    assert_eq!(
        paths,
        serde_json::json!([{"path": missing.to_str().unwrap(), "from": "flag --config", "exists": false, "used": true}])
    );
}

#[test]
fn completions_and_man_pages_print_to_standard_output() {
    let env = Env::new();
    let bash = stdout(&env.run(&["completions", "bash"]).success());
    assert!(bash.contains("complete -F _patctl") && bash.contains("create"), "{bash}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&env.run(&["completions", shell]).success());
        assert!(script.contains("patctl") && script.contains("revoke"), "{shell}");
    }
    env.run(&["completions"]).code(64).stderr(predicate::str::contains("<SHELL>"));
    env.run(&["completions", "tcsh"]).code(64);

    let page = stdout(&env.run(&["man"]).success());
    assert!(page.contains(".TH PATCTL 1"), "{page}");
    let page = stdout(&env.run(&["man", "user", "add"]).success());
    assert!(page.contains(".TH PATCTL-USER-ADD 1") && page.contains(".SH EXAMPLES"), "{page}");
    assert!(page.contains("\\fBpatctl\\-user\\fR(1), \\fBpatctl\\fR(1)"), "SEE ALSO: {page}");
    let err = stderr(&env.run(&["man", "user", "nosuch"]).code(64));
    assert!(err.starts_with("error: no manual page for 'user nosuch'"), "{err}");
    assert_eq!(env.dump(), "<no database>");
}
