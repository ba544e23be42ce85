//! Issue 11's contract where people and scripts touch patctl: a flag-shaped argument is never a
//! token and a token on the command line is never echoed, `--wait` for a locked database, counts
//! that agree in number, and help examples that run as pasted.
use crate::common::{Env, PRESET, stdout, transcript};
use crate::tmux::{self, Tmux};

/// A token with GitLab's prefix, shorter than a generated one so the snapshot filter leaves it be.
const PREFIXED: &str = "glpat-leaked-value";

#[test]
fn flag_shaped_arguments_are_never_tokens_and_tokens_are_never_echoed() {
    let env = Env::new();
    env.user("alice", &[]);
    let id = env.preset_token("alice", "ci", "api", PRESET, &[]).to_string();
    let before = env.dump();
    let runs = [
        // A mistyped flag: a usage error with a suggestion, not a token string looked up.
        transcript(env.cmd().args(["revoke", "--idd", &id])),
        transcript(env.cmd().args(["revoke", "--idd"])),
        // A token where none is taken: refused, not echoed, with a hint to use standard input.
        transcript(env.cmd().args(["verify", PRESET])),
        transcript(env.cmd().args(["verify", "--scope", "api", PREFIXED])),
        transcript(env.cmd().args(["rotate", PRESET])),
        transcript(env.cmd().args(["revoke", PRESET, PREFIXED])),
        // A value that looks like a token is redacted in any error.
        transcript(env.cmd().args(["list", "--state", PREFIXED])),
        transcript(env.cmd().args(["show", PREFIXED])),
        transcript(env.cmd().args(["revoke", "--id", PREFIXED])),
    ];
    for run in &runs {
        let shown = run.split_once("\nexit ").unwrap().1;
        assert!(!shown.contains(PRESET) && !shown.contains(PREFIXED), "a token was echoed:\n{run}");
    }
    assert_eq!(env.dump(), before);
    snapshot!(runs.join("\n"));
}

/// Holds the database's write lock, as another patctl in the middle of a write does.
fn hold_write_lock(env: &Env) -> crate::common::WriteLock {
    crate::common::hold_write_lock(&env.db)
}

#[test]
fn a_locked_database_waits_as_long_as_told_then_exits_75_naming_the_wait() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let lock = hold_write_lock(&env);
    let mut runs = vec![
        transcript(env.cmd().args(["--wait", "0", "user", "add", "bob"])),
        transcript(env.cmd().args(["user", "add", "bob", "--wait", "1s"])),
        transcript(env.cmd().env("PATCTL_WAIT", "0").args(["user", "add", "bob"])),
    ];
    env.write_config("[database]\nwait = \"0\"\n");
    runs.push(transcript(env.cmd().args(["user", "add", "bob"])));
    drop(lock);
    assert_eq!(env.dump(), before);
    // Bad values: a usage error for the flag and the variable, a configuration error in the file.
    runs.push(transcript(env.cmd().args(["--wait", "5", "list"])));
    runs.push(transcript(env.cmd().env("PATCTL_WAIT", "soon").args(["list"])));
    env.write_config("[database]\nwait = \"soon\"\n");
    runs.push(transcript(env.cmd().args(["list"])));
    snapshot!(runs.join("\n"));
}

#[test]
fn config_show_names_where_the_wait_comes_from() {
    let env = Env::new();
    let wait_row = |cmd: &mut assert_cmd::Command| {
        let out = cmd.args(["config", "show", "--format", "csv"]).output().unwrap();
        stdout(&out).lines().find(|l| l.starts_with("database.wait,")).unwrap().to_string()
    };
    let mut rows = vec![wait_row(&mut env.cmd())];
    env.write_config("[database]\nwait = \"120s\"\n");
    rows.push(wait_row(&mut env.cmd()));
    rows.push(wait_row(env.cmd().env("PATCTL_WAIT", "1h")));
    rows.push(wait_row(env.cmd().env("PATCTL_WAIT", "1h").args(["--wait", "30s"])));
    assert_eq!(
        rows,
        [
            "database.wait,5s,default",
            "database.wait,2m,file",
            "database.wait,1h,env PATCTL_WAIT",
            "database.wait,30s,flag --wait"
        ]
    );
}

#[test]
fn on_a_terminal_a_wait_says_so_after_a_second() {
    if !tmux::have("tmux", "-V") {
        tmux::skip("on_a_terminal_a_wait_says_so_after_a_second", "tmux");
        return;
    }
    let env = Env::new();
    env.user("alice", &[]);
    let lock = hold_write_lock(&env);
    let path = format!("{}:/usr/bin:/bin", tmux::bin_dir().display());
    let db = env.db.to_str().unwrap();
    let vars = [("PATH", path.as_str()), ("PATCTL_DB", db), ("PATCTL_NOW", env.now.as_str()), ("LANG", "C.UTF-8")];
    let term = Tmux::start(env.dir.path(), 100, 10, "patctl --wait 2s user add bob", &vars);
    let (code, screen) = term.wait_exit();
    drop(lock);
    assert_eq!(code, 75, "{screen}");
    snapshot!(screen.trim_end());
}

#[test]
fn counts_agree_in_number() {
    let env = Env::new();
    env.user("alice", &[]);
    env.user("bob", &[]);
    env.generated_token("alice", "one", "api", &[]);
    env.generated_token("bob", "one", "api", &[]);
    env.generated_token("bob", "two", "api", &[]);
    let runs = [
        env.transcript(&["revoke", "--all", "--user", "alice", "--dry-run"]),
        env.transcript(&["revoke", "--all", "--user", "bob", "--dry-run", "--format", "csv"]),
        env.transcript(&["revoke", "--all", "--user", "alice"]),
        env.transcript(&["revoke", "--all", "--user", "bob"]),
        env.transcript(&["revoke", "--all", "--user", "alice", "--yes", "--format", "csv"]),
        env.transcript(&["revoke", "--all", "--user", "bob", "--yes", "--format", "csv"]),
    ];
    snapshot!(runs.join("\n"));
}

// --- help examples ----------------------------------------------------------------------------

/// Every command path (`["user", "add"]`, ...), the top level first, found by reading the
/// `Commands:` section of each `--help`.
fn command_paths(env: &Env) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    let mut next = 0;
    while next < paths.len() {
        let path: Vec<String> = paths[next].clone();
        next += 1;
        let help = stdout(&env.cmd().args(&path).arg("--help").output().unwrap());
        let commands = help.split("\nCommands:\n").nth(1).unwrap_or("");
        for line in commands.lines().take_while(|l| !l.is_empty()) {
            let name = line.split_whitespace().next().unwrap();
            if name != "help" {
                paths.push(path.iter().cloned().chain([name.to_string()]).collect());
            }
        }
    }
    paths
}

/// The commands of a help's `Examples:` section: comments and blank lines left out, lines
/// continued with ` \` joined.
fn examples(help: &str) -> Vec<String> {
    let Some(section) = help.split("\nExamples:\n").nth(1) else { return Vec::new() };
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in section.lines().take_while(|l| l.is_empty() || l.starts_with(' ')) {
        let line = line.trim();
        if pending.is_empty() && (line.is_empty() || line.starts_with('#')) {
            continue;
        }
        pending.push_str(line);
        match pending.strip_suffix('\\') {
            Some(_) => pending.push_str("\n    "),
            None => commands.push(std::mem::take(&mut pending)),
        }
    }
    assert!(pending.is_empty(), "an example ends in a continuation: {pending}");
    commands
}

/// A crontab line's command: the five schedule fields dropped.
fn without_schedule(example: &str) -> &str {
    let fields: Vec<&str> = example.splitn(6, char::is_whitespace).collect();
    let schedule = fields.len() == 6 && fields[..5].iter().all(|f| f.chars().all(|c| "0123456789*/,-".contains(c)));
    if schedule { fields[5].trim_start() } else { example }
}

/// A scratch home for the examples: a database with the users, project and tokens they name
/// (token 1 is the docs' preset one, up to 45 for `--id 42`), the files they read, a fake
/// sendmail, and a `patctl` on PATH that logs each run's exit code before passing it on.
fn example_home(env: &Env) -> (std::path::PathBuf, String) {
    env.user("automation-bot", &["--bot", "--name", "Automation Bot"]);
    env.user("alice", &["--email", "alice@example.com"]);
    env.run(&["project", "add", "group/project"]).success();
    env.preset_token("automation-bot", "Automation token", "read_user,read_repository", PRESET, &[]);
    let mut secret = String::new();
    for n in 2..=45 {
        secret = env.generated_token("alice", &format!("t{n}"), "api", &[]).1;
    }
    let root = env.path("root");
    for dir in ["var/lib/prometheus/node-exporter", "var/backups", "run/secrets", "etc/patctl", "srv/patctl", "bin"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    for dir in [".local/share/bash-completion/completions", ".zfunc", ".config/fish/completions"] {
        std::fs::create_dir_all(env.path(dir)).unwrap();
    }
    let sendmail = env.write_file("sendmail", "#!/bin/sh\ncat > /dev/null\n");
    let config = format!("[mail]\nsendmail = \"{sendmail}\"\nfrom = \"patctl@example.org\"\n");
    env.write_config(&config);
    std::fs::write(root.join("etc/patctl/config.toml"), &config).unwrap();
    for file in ["token", "token.txt", "root/run/secrets/gitlab-token"] {
        env.write_file(file, &format!("{secret}\n"));
    }
    env.write_file(
        "bots.toml",
        "[[users]]\nusername = \"ci-bot\"\nbot = true\n\n[[tokens]]\nuser = \"ci-bot\"\nname = \"ci\"\nscopes = [\"api\"]\nexpires_in = \"30d\"\n",
    );
    let shim = root.join("bin/patctl");
    std::fs::write(
        &shim,
        "#!/bin/sh\ncase \" $* \" in *' --follow '*) limit=2 ;; *) limit=60 ;; esac\ntimeout --preserve-status -s TERM \"$limit\" \"$PATCTL_REAL\" \"$@\"\ncode=$?\nprintf '%s %s\\n' \"$code\" \"$*\" >> \"$PATCTL_RUNS\"\nexit \"$code\"\n",
    )
    .unwrap();
    for script in [&shim, &std::path::PathBuf::from(&sendmail)] {
        std::fs::set_permissions(script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    (root, secret)
}

/// `example` as run: paths under /var, /run, /etc and /srv moved into the scratch root.
fn in_scratch_root(example: &str) -> String {
    let mut text = example.to_string();
    for dir in ["/var/", "/run/", "/etc/", "/srv/"] {
        for before in [" ", "="] {
            text = text.replace(&format!("{before}{dir}"), &format!("{before}$ROOT{dir}"));
        }
    }
    text
}

/// Runs one example with `sh -c` on `db`, with the docs' token on standard input, and returns
/// the exit code of every patctl it ran.
fn run_example(env: &Env, root: &std::path::Path, secret: &str, db: &std::path::Path, example: &str) -> Vec<i32> {
    let runs = env.path("runs.log");
    std::fs::write(&runs, "").unwrap();
    // The harness's environment, with the shim first on PATH.
    let sh = env.std_cmd();
    let path = format!("{}:{}", root.join("bin").display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = std::process::Command::new("sh");
    cmd.env_clear()
        .envs(sh.get_envs().filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))))
        .env("PATH", path)
        .env("PATCTL_DB", db)
        .env("PATCTL_REAL", crate::common::process::binary())
        .env("PATCTL_RUNS", &runs)
        .env("ROOT", root)
        .env("TOKEN", secret)
        .current_dir(env.dir.path())
        .args(["-c", &in_scratch_root(without_schedule(example))])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    crate::common::process::run_with_input(cmd, format!("{PRESET}\n").into_bytes());
    let log = std::fs::read_to_string(&runs).unwrap();
    log.lines().map(|line| line.split(' ').next().unwrap().parse().unwrap()).collect()
}

#[test]
fn every_help_example_is_a_complete_command_that_runs() {
    sqlite_only!("copies the prepared SQLite file for each help page");
    let env = Env::new();
    let (root, secret) = example_home(&env);
    let mut shown = Vec::new();
    let mut problems = Vec::new();
    for (page, path) in command_paths(&env).into_iter().enumerate() {
        let help = stdout(&env.cmd().args(&path).arg("--help").output().unwrap());
        // Each page's examples run in order, on a fresh copy of the prepared database.
        let db = env.path(&format!("page-{page}.db"));
        std::fs::copy(&env.db, &db).unwrap();
        for example in examples(&help) {
            let syntax = std::process::Command::new("sh").args(["-n", "-c", &example]).output().unwrap();
            if !syntax.status.success() {
                problems.push(format!("sh -n refuses: {example}\n{}", String::from_utf8_lossy(&syntax.stderr)));
            }
            let codes = run_example(&env, &root, &secret, &db, &example);
            if codes.is_empty() || codes.contains(&64) {
                problems.push(format!("patctl exits {codes:?}: {example}"));
            }
            let codes: Vec<String> = codes.iter().map(i32::to_string).collect();
            let page: Vec<&str> = std::iter::once("patctl").chain(path.iter().map(String::as_str)).collect();
            shown.push(format!("{} --help: {example}\n  -> exit {}", page.join(" "), codes.join(", ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    snapshot!(shown.join("\n"));
}
