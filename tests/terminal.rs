//! patctl on a real terminal (a tmux pane): prompts for what `create` was not told, a declined
//! confirmation that changes nothing, no prompt with --no-input, and tables that fit the terminal
//! with colours for what needs attention. Skipped, saying so, where tmux is not installed.
use std::process::Command;

use unicode_width::UnicodeWidthStr;

use crate::common::{Env, NOW};
use crate::tmux::{self, Tmux};

fn have_tmux(test: &str) -> bool {
    let have = tmux::have("tmux", "-V");
    if !have {
        tmux::skip(test, "tmux");
    }
    have
}

/// `patctl ARGS` in a pane of the given size, with the test database and clock and nothing else
/// from the outside: stdin and stderr are the terminal, so patctl may prompt. tmux sets the
/// pane's TERM: a TERM in `extra` is set on the command line.
fn on_terminal(env: &Env, width: u16, height: u16, args: &str, extra: &[(&str, &str)]) -> Tmux {
    let path = format!("{}:/usr/bin:/bin", tmux::bin_dir().display());
    let home = env.dir.path().to_str().unwrap().to_string();
    let config = env.dir.path().join("config");
    let data = env.dir.path().join("data");
    let db = env.db.to_str().unwrap().to_string();
    let mut vars: Vec<(&str, &str)> = vec![
        ("PATH", &path),
        ("HOME", &home),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
        ("USER", "tester"),
        ("PATCTL_DB", &db),
        ("PATCTL_NOW", &env.now),
        ("LANG", "C.UTF-8"),
    ];
    vars.extend_from_slice(extra);
    let term = extra.iter().find(|(k, _)| *k == "TERM").map(|(_, v)| format!("TERM={v} ")).unwrap_or_default();
    Tmux::start(env.dir.path(), width, height, &format!("{term}patctl {args}"), &vars)
}

#[test]
fn create_asks_for_the_owner_name_scopes_and_expiry() {
    if !have_tmux("create_asks_for_the_owner_name_scopes_and_expiry") {
        return;
    }
    let env = Env::new();
    env.user("alice", &["--name", "Alice Example"]);
    env.user("automation-bot", &["--bot"]);
    env.user("mallory", &[]);
    env.run(&["user", "block", "mallory", "--yes"]).success();

    let term = on_terminal(&env, 110, 40, "create", &[]);
    // The owner: active users only (mallory is blocked), as a list to choose from.
    let screen = term.wait_text("Owner of the token");
    assert!(screen.contains("alice  (Alice Example)") && screen.contains("automation-bot  (bot)"), "{screen}");
    assert!(!screen.contains("mallory"), "a blocked user is offered:\n{screen}");
    term.keys(&["Down", "Enter"]);

    term.wait_text("Token name");
    term.type_text("Automation token");
    term.keys(&["Enter"]);

    // The scopes, each with GitLab's one-line description; choose read_user and read_repository.
    let screen = term.wait_text("Scopes (space to toggle");
    assert!(screen.contains("read_repository        Read access (pull) to repositories"), "{screen}");
    assert!(!screen.contains("sudo"), "admin-only scopes offered for a non-admin owner:\n{screen}");
    let lines: Vec<&str> = screen.lines().filter(|l| l.contains("[ ]") || l.contains("[x]")).collect();
    let at = |scope: &str| lines.iter().position(|l| l.contains(&format!("] {scope} "))).unwrap();
    let (first, second) = (at("read_user"), at("read_repository"));
    term.keys(&vec!["Down"; first]);
    term.keys(&["Space"]);
    term.keys(&vec!["Down"; second - first]);
    term.keys(&["Space", "Enter"]);
    term.wait_text("Scopes: read_user, read_repository");

    // The expiry, with the policy default (today + 365 days) offered.
    term.wait_text("Expires on");
    let screen = term.wait_text("[2027-11-23]");
    assert!(screen.contains("latest 2027-11-23"), "{screen}");
    // A duration in minutes is refused with the likely intent; the default is then kept.
    term.type_text("6m");
    term.keys(&["Enter"]);
    term.wait_text("did you mean 6mo?");
    term.keys(&["Enter"]);

    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("created token 1 'Automation token' for automation-bot"), "{screen}");
    let token = screen.lines().find(|l| l.starts_with("glpat-")).expect("the generated token is shown once");
    assert_eq!(token.len(), "glpat-".len() + 20, "{token}");

    let tokens = env.json(&["list"]);
    let tokens = tokens.as_array().unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["username"], "automation-bot");
    assert_eq!(tokens[0]["name"], "Automation token");
    assert_eq!(tokens[0]["scopes"], serde_json::json!(["read_user", "read_repository"]));
    assert_eq!(tokens[0]["expires_at"], "2027-11-23");
}

#[test]
fn a_preset_token_from_the_terminal_is_read_without_echo() {
    if !have_tmux("a_preset_token_from_the_terminal_is_read_without_echo") {
        return;
    }
    let env = Env::new();
    env.user("automation-bot", &["--bot"]);
    let args =
        "create --user automation-bot --name 'Automation token' --scopes read_user,read_repository --token-file -";
    let term = on_terminal(&env, 100, 20, args, &[]);
    term.wait_text("Token");
    term.wait_no_echo();
    term.type_text(crate::common::PRESET);
    term.keys(&["Enter"]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains(crate::common::PRESET), "the preset token was echoed:\n{screen}");
    // It was stored as typed: revoking by the same string finds it.
    env.run_with_input(&["revoke", "--token-file", "-"], &format!("{}\n", crate::common::PRESET)).success();
    assert_eq!(env.json(&["list", "--state", "revoked"]).as_array().unwrap().len(), 1);
}

#[test]
fn declined_confirmations_change_nothing() {
    if !have_tmux("declined_confirmations_change_nothing") {
        return;
    }
    let env = Env::new();
    env.user("alice", &[]);
    let id = env.preset_token("alice", "deploy", "read_repository", crate::common::PRESET, &[]);
    let before = env.dump();

    let term = on_terminal(&env, 120, 20, &format!("revoke --id {id}"), &[]);
    let screen = term.wait_text("Revoke token");
    // The question names exactly what would change.
    assert!(screen.contains(&format!("Revoke token {id} 'deploy' for alice (read_repository; expires 2027-11-23)?")));
    term.keys(&["n"]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("nothing revoked"), "{screen}");
    assert_eq!(env.dump(), before, "a declined revoke changed the database");
    drop(term);

    let term = on_terminal(&env, 120, 20, "user block alice", &[]);
    term.wait_text("Block user alice?");
    term.keys(&["Enter"]); // the default answer is no
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("nothing changed"), "{screen}");
    assert_eq!(env.dump(), before, "a declined block changed the database");
}

#[test]
fn no_input_never_prompts_even_on_a_terminal() {
    if !have_tmux("no_input_never_prompts_even_on_a_terminal") {
        return;
    }
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    for (args, extra) in [
        ("create --user alice --name ci --no-input", vec![]),
        ("create --user alice --name ci", vec![("PATCTL_NO_INPUT", "1")]),
    ] {
        let term = on_terminal(&env, 100, 20, args, &extra);
        let (code, screen) = term.wait_exit();
        assert_eq!(code, 64, "{screen}");
        assert!(screen.contains("error: missing --scopes SCOPES"), "{screen}");
        assert!(!screen.contains("Scopes (space"), "prompted despite --no-input:\n{screen}");
    }
    let term = on_terminal(&env, 100, 20, "revoke --id 1 --no-input", &[]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 66, "{screen}");
    let term = on_terminal(&env, 100, 20, "user block alice --no-input", &[]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 64, "{screen}");
    assert!(screen.contains("hint: pass --yes"), "{screen}");
    assert_eq!(env.dump(), before);
}

const LONG_NAME: &str = "a deliberately long token name that cannot fit in a narrow terminal column at all";

/// Tokens in each state that a table flags: expired, expiring within expiry.within_days,
/// revoked, and an ordinary one with a long name.
fn tokens_needing_attention(env: &Env) {
    env.user("automation-bot", &["--bot"]);
    let create = |name: &str, expires: &str, now: &str| {
        env.at(now)
            .args(["create", "--user", "automation-bot", "--name", name, "--scopes", "api", "--expires-at", expires])
            .assert()
            .success();
    };
    create("old", "2026-11-01", "2026-10-01T00:00:00Z"); // expired before NOW
    create("soon", "2026-11-26", NOW); // 3 days left, within the default 7
    create("gone", "2027-06-01", NOW);
    env.run(&["revoke", "--user", "automation-bot", "--name", "gone", "--yes"]).success();
    create(LONG_NAME, "2027-06-01", NOW);
}

#[test]
fn tables_fit_the_terminal_and_colour_what_needs_attention() {
    if !have_tmux("tables_fit_the_terminal_and_colour_what_needs_attention") {
        return;
    }
    let env = Env::new();
    tokens_needing_attention(&env);

    let term = on_terminal(&env, 80, 30, "list --state all", &[]);
    let (code, _) = term.wait_exit();
    assert_eq!(code, 0);
    let plain = term.screen();
    // stderr's clock warning comes first on the screen, then the table.
    let (warning, rest) = plain.split_once('\n').unwrap();
    assert_eq!(warning, "warning: clock fixed by PATCTL_NOW");
    let table: Vec<&str> = rest.lines().take_while(|l| !l.starts_with("[exit=")).collect();
    assert!(table[0].starts_with("ID") && table[0].contains("STATE"), "{plain}");
    for line in &table {
        assert!(line.chars().count() <= 80, "a line wider than the 80-column terminal:\n{plain}");
    }
    // The layout holds: every row's STATE starts under the STATE header, and the long name is
    // cut with `…` inside the NAME column instead of wrapping over lines.
    // In characters: a cut cell ends in `…`, one character of three bytes.
    let state_at = table[0][..table[0].find("STATE").unwrap()].chars().count();
    let states: Vec<String> =
        table[1..].iter().map(|l| l.chars().skip(state_at).collect::<String>()).filter(|s| !s.is_empty()).collect();
    assert_eq!(states, ["expired", "active", "revoked", "active"], "{plain}");
    let long = table.iter().filter(|l| l.contains("deliberately")).collect::<Vec<_>>();
    assert_eq!(long.len(), 1, "{plain}");
    assert!(long[0].starts_with("4   automation-bot  a deliberately") && long[0].contains("…  "), "{plain}");
    let styled = term.screen_with_styles();
    let row = |id: &str| -> String {
        styled.lines().find(|l| strip(l).starts_with(&format!("{id} "))).unwrap_or_else(|| panic!("{styled}")).into()
    };
    // Red and yellow in either their basic or bright form, however the terminal encodes them.
    let red = ["\x1b[31m", "\x1b[91m", "\x1b[38;5;1m", "\x1b[38;5;9m"];
    let yellow = ["\x1b[33m", "\x1b[93m", "\x1b[38;5;3m", "\x1b[38;5;11m"];
    let has = |line: &str, codes: &[&str]| codes.iter().any(|c| line.contains(c));
    assert!(has(&row("1"), &red), "expired token not red: {:?}", row("1"));
    assert!(has(&row("2"), &yellow), "expiring token not yellow: {:?}", row("2"));
    assert!(row("3").contains("\x1b[2m"), "revoked token not dimmed: {:?}", row("3"));
    let ordinary = row("4");
    assert!(!has(&ordinary, &red) && !has(&ordinary, &yellow) && !ordinary.contains("\x1b[2m"), "{ordinary:?}");
}

#[test]
fn no_colour_with_no_color_or_the_flag() {
    if !have_tmux("no_colour_with_no_color_or_the_flag") {
        return;
    }
    let env = Env::new();
    tokens_needing_attention(&env);
    for (args, extra) in [("list --state all --no-color", vec![]), ("list --state all", vec![("NO_COLOR", "1")])] {
        let term = on_terminal(&env, 200, 20, args, &extra);
        let (code, _) = term.wait_exit();
        assert_eq!(code, 0);
        let styled = term.screen_with_styles();
        assert!(styled.contains("expired") && !styled.contains("\x1b["), "{args} {extra:?}: {styled:?}");
    }
}

/// The text of a line without its escape sequences.
fn strip(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

const LONG_USER: &str = "christopher-alexander-montgomery-wellington";

/// Users and tokens with long usernames, names, emails and scope lists, in every state a table
/// colours.
fn long_values(env: &Env) {
    env.user("alice", &["--name", "Alice Example", "--email", "alice@example.com"]);
    let email = "christopher.alexander.montgomery.wellington@very-long-subdomain.example.org";
    env.user(LONG_USER, &["--name", "Christopher Alexander Montgomery Wellington the Third", "--email", email]);
    env.user("automation-bot", &["--bot"]);
    let create = |user: &str, name: &str, scopes: &str, expires: &str| {
        env.run(&["create", "--user", user, "--name", name, "--scopes", scopes, "--expires-at", expires]).success();
    };
    create("alice", "deploy", "api,read_user", "2026-11-28");
    let scopes = "read_api,read_user,read_repository,write_repository,read_registry,write_registry";
    create(LONG_USER, LONG_NAME, scopes, "2027-09-19");
    create("automation-bot", "ci", "read_repository", "2027-11-23");
    env.run(&["revoke", "--user", "automation-bot", "--name", "ci", "--yes"]).success();
}

/// The whole screen after `patctl --quiet ARGS` in a `width`-column pane, under a heading.
/// Unless `wide`, no line may be wider than the pane.
fn table_screen(env: &Env, width: u16, args: &str) -> String {
    let term = on_terminal(env, width, 30, &format!("--quiet {args}"), &[]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    let screen = term.screen();
    let lines: Vec<&str> = screen.lines().take_while(|l| !l.starts_with("[exit=")).collect();
    if !args.contains("--wide") {
        for line in &lines {
            assert!(line.width() <= usize::from(width), "wider than {width} columns:\n{screen}");
        }
    }
    format!("--- patctl {args} at {width} columns\n{}\n", lines.join("\n"))
}

#[test]
fn tables_fit_60_80_100_120_and_200_columns_and_wide_shows_every_column() {
    if !have_tmux("tables_fit_60_80_100_120_and_200_columns_and_wide_shows_every_column") {
        return;
    }
    let env = Env::new();
    long_values(&env);
    let mut screens = String::new();
    for args in ["list --state all", "user list"] {
        for width in [60, 80, 100, 120, 200] {
            screens.push_str(&table_screen(&env, width, args));
        }
        screens.push_str(&table_screen(&env, 80, &format!("{args} --wide")));
    }
    // Nothing is broken over lines: every long value is on one line, whole or cut with `…`.
    for screen in screens.split("--- ").filter(|s| !s.contains("--wide") && !s.is_empty()) {
        assert_eq!(screen.lines().filter(|l| l.contains("christopher")).count(), 1, "{screen}");
    }
    snapshot!(screens);
}

#[test]
fn a_terminal_of_zero_columns_is_taken_as_80() {
    if !tmux::have("script", "--version") {
        tmux::skip("a_terminal_of_zero_columns_is_taken_as_80", "script");
        return;
    }
    if !have_tmux("a_terminal_of_zero_columns_is_taken_as_80") {
        return;
    }
    let env = Env::new();
    long_values(&env);
    let patctl = tmux::bin_dir().join("patctl");
    let command = format!("stty cols 0 rows 0 && {} --quiet --no-pager list --state all", patctl.display());
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .envs([("PATH", "/usr/bin:/bin"), ("SHELL", "/bin/sh"), ("LANG", "C.UTF-8"), ("NO_COLOR", "1")])
        .env("PATCTL_DB", &env.db)
        .env("PATCTL_NOW", &env.now)
        .output()
        .expect("run script");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    let at_80 = table_screen(&env, 80, "list --state all");
    assert_eq!(format!("--- patctl list --state all at 80 columns\n{table}"), at_80);
}

#[test]
fn long_tables_go_through_the_pager_unless_told_not_to() {
    if !have_tmux("long_tables_go_through_the_pager_unless_told_not_to") {
        return;
    }
    let env = Env::new();
    many_users(&env, 1500);
    // less (PAGER unset) shows the first screenful; quitting it before the end is not an error.
    let term = on_terminal(&env, 80, 10, "--quiet user list", &[]);
    let screen = term.wait_rows("the pager's prompt", |rows| rows.ends_with("\n:\n"));
    assert!(screen.starts_with("ID    USERNAME"), "{screen}");
    // The command is done before its pager starts: the database is free for a write meanwhile.
    env.run(&["user", "add", "while-paging"]).success();
    term.keys(&["q"]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("error"), "{screen}");
    drop(term);

    // PAGER is the user's choice; --no-pager, or output off the terminal, is never paged.
    let term = on_terminal(&env, 80, 10, "--quiet user list", &[("PAGER", "sed -n 's/^/paged: /;2p'")]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.starts_with("paged: 1     user0001  ") && screen.lines().nth(1) == Some("[exit=0]"), "{screen}");
    for args in ["--quiet --no-pager user list", "--quiet user list | tail -1"] {
        let term = on_terminal(&env, 80, 10, args, &[("PAGER", "sed s/^/paged:/")]);
        let (code, screen) = term.wait_exit();
        assert_eq!(code, 0, "{screen}");
        assert!(screen.contains("1501  while-paging") && !screen.contains("paged:"), "{args}: {screen}");
    }
}

#[test]
fn colour_follows_color_term_dumb_and_no_color() {
    if !have_tmux("colour_follows_color_term_dumb_and_no_color") {
        return;
    }
    let env = Env::new();
    tokens_needing_attention(&env);
    let coloured = |args: &str, extra: &[(&str, &str)]| {
        let term = on_terminal(&env, 200, 20, args, extra);
        let (code, _) = term.wait_exit();
        assert_eq!(code, 0);
        term.screen_with_styles().contains("\x1b[")
    };
    assert!(coloured("list --state all", &[]));
    assert!(!coloured("list --state all", &[("TERM", "dumb")]));
    assert!(!coloured("list --state all --color never", &[]));
    assert!(coloured("list --state all --color always", &[("NO_COLOR", "1")]));
    assert!(coloured("list --state all --color always | cat", &[]));
    assert!(!coloured("list --state all | cat", &[]));
}

/// `count` users (user0001, ...), made in one `apply`.
fn many_users(env: &Env, count: usize) {
    let manifest: String = (1..=count).map(|i| format!("[[users]]\nusername = \"user{i:04}\"\n")).collect();
    let file = env.dir.path().join("users.toml");
    std::fs::write(&file, manifest).unwrap();
    env.run(&["apply", "--quiet", file.to_str().unwrap()]).success();
}

/// 65 users with long usernames and names, one of them a bot and one an admin, for the owner
/// picker.
fn picker_users(env: &Env) {
    let manifest: String = (1..=65)
        .map(|i| {
            let extra = match i {
                2 => "bot = true\n",
                3 => "admin = true\n",
                _ => "",
            };
            format!(
                "[[users]]\nusername = \"user{i:02}-with-a-rather-long-username\"\n\
                 name = \"Person Number {i:02} With An Exceedingly Long Display Name\"\n{extra}"
            )
        })
        .collect();
    let file = env.dir.path().join("users.toml");
    std::fs::write(&file, manifest).unwrap();
    env.run(&["apply", "--quiet", file.to_str().unwrap()]).success();
}

/// The pickers of `create` at `width` columns: the owner list, the list after arrow keys (no
/// stale copies), filtered by typing, and the scopes with their descriptions.
fn picker_screens(width: u16) -> String {
    let env = Env::new();
    picker_users(&env);
    let term = on_terminal(&env, width, 24, "--quiet create", &[]);
    let mut screens = String::new();
    let mut shot = |what: &str, rows: String| screens.push_str(&format!("--- {what} at {width} columns\n{rows}"));
    shot("the owner picker", term.wait_rows("the owners", |s| s.contains("user20-")));
    term.keys(&["Down", "Down", "Down"]);
    shot("three times down", term.wait_rows("the fourth owner chosen", |s| s.contains("> user04-")));
    term.type_text("user42");
    shot("typing user42", term.wait_rows("the filter", |s| s.contains("user42|") && !s.contains("user20-")));
    term.keys(&["Enter"]);
    term.wait_text("Token name");
    term.type_text("deploy");
    term.keys(&["Enter"]);
    let scopes = term.wait_rows("the scopes", |s| s.contains("[ ] api") && s.contains("ai_features"));
    shot("the scope picker", scopes);
    term.keys(&["Down", "Space"]);
    shot("read_api chosen", term.wait_rows("read_api chosen", |s| s.contains("> [x] read_api")));
    for line in screens.lines() {
        assert!(line.width() <= usize::from(width), "a line wider than {width} columns:\n{screens}");
    }
    term.keys(&["Enter"]);
    term.wait_text("Scopes: read_api");
    term.wait_text("Expires on");
    term.keys(&["Enter"]);
    let (code, screen) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    let tokens = env.json(&["list"]);
    assert_eq!(tokens[0]["username"], "user42-with-a-rather-long-username", "{screen}");
    assert_eq!(tokens[0]["scopes"], serde_json::json!(["read_api"]));
    screens
}

#[test]
fn pickers_filter_as_you_type_and_fit_60_columns() {
    if !have_tmux("pickers_filter_as_you_type_and_fit_60_columns") {
        return;
    }
    snapshot!(picker_screens(60));
}

#[test]
fn pickers_filter_as_you_type_and_fit_100_columns() {
    if !have_tmux("pickers_filter_as_you_type_and_fit_100_columns") {
        return;
    }
    snapshot!(picker_screens(100));
}
