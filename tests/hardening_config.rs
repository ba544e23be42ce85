//! Issue 15, what patctl trusts besides its database: config files (owner, mode, values never
//! echoed), mail headers (`mail.host`, `mail.from`, emails), mail never holding the write lock,
//! and bounded inputs. Each test does what the adversarial review did; tests that need a second
//! user say so and return when not run as root (CI runs as root).
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::mpsc;
use std::time::Duration;

use crate::common::process::{self, NOBODY, command};
use crate::common::{CLOCK_WARNING, Env, PRESET, after_clock, code, stderr};

/// alice, with an email, and her token `ci` expiring on 2026-11-25 (due at the 7-day threshold
/// at NOW), and her preset token `leaked`. Returns their ids.
fn owner_with_expiring_token(env: &Env) -> (i64, i64) {
    env.user("alice", &["--email", "alice@example.com"]);
    let (ci, _) = env.generated_token("alice", "ci", "api", &["--expires-at", "2026-11-25"]);
    let leaked = env.preset_token("alice", "leaked", "api", PRESET, &["--expires-at", "2027-06-01"]);
    (ci, leaked)
}

#[test]
fn a_config_file_another_user_could_write_is_refused_and_its_sendmail_never_runs() {
    if !process::needs_root("a_config_file_another_user_could_write_is_refused_and_its_sendmail_never_runs") {
        return;
    }
    let env = Env::new();
    owner_with_expiring_token(&env);
    // A shared directory (1777, like /tmp) where the other user leaves a config for root.
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let marker = env.path("pwned");
    let config = shared.join("patctl.toml");
    let text = format!("[mail]\nsendmail = \"/usr/bin/touch {}\"\n", marker.display());
    let hint = "hint: another user could have written it: check it, then move it away or chown it; patctl read nothing from it";

    // Owned by nobody, 0644 and 0666; then owned by root but writable by others or the group.
    for (owner_writes, mode) in [(true, "644"), (true, "666"), (false, "666"), (false, "620")] {
        let _ = std::fs::remove_file(&config);
        let expected = if owner_writes {
            process::as_other_user(
                "printf '%s' \"$2\" > \"$1\" && chmod \"$3\" \"$1\"",
                &[&config, Path::new(&text), Path::new(mode)],
            );
            after_clock(&format!(
                "error: config file {} (mode {mode}) is owned by uid {NOBODY}, not by you (uid 0) or root\n{hint}\n",
                config.display()
            ))
        } else {
            std::fs::write(&config, &text).unwrap();
            std::fs::set_permissions(&config, std::fs::Permissions::from_mode(u32::from_str_radix(mode, 8).unwrap()))
                .unwrap();
            after_clock(&format!(
                "error: config file {0} is writable by group or others (mode {mode})\nhint: check it, then `chmod go-w {0}`; patctl read nothing from it\n",
                config.display()
            ))
        };
        let before = env.dump();
        let out =
            process::run_args(&env, &["--config", config.to_str().unwrap(), "check-expiry", "--once", "--mail"], "");
        assert_eq!((code(&out), stderr(&out)), (78, expected.clone()), "owner nobody: {owner_writes}, mode {mode}");
        assert!(!marker.exists(), "the other user's sendmail ran");
        assert_eq!(env.dump(), before);
        // The same file found through PATCTL_CONFIG is refused the same way.
        let mut cmd = command(&env, &["check-expiry", "--once", "--mail"]);
        cmd.env("PATCTL_CONFIG", &config);
        let out = process::run(cmd);
        assert_eq!((code(&out), stderr(&out)), (78, expected));
        assert!(!marker.exists());
    }

    // The same file, once root owns it and only root can write it, is used: the test could fail.
    std::fs::write(&config, &text).unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    process::run_args(&env, &["--config", config.to_str().unwrap(), "check-expiry", "--once", "--mail"], "");
    assert!(marker.exists(), "a trusted config's sendmail runs");
    println!("hardening_config: configs owned by nobody or writable by others: exit 78, sendmail never run");
}

#[test]
fn config_type_errors_name_the_key_line_and_type_but_never_the_value() {
    let env = Env::new();
    let secret = "glpat-pasted-by-mistake-1";
    for (text, expected) in [
        (format!("[tokens]\nrequire_expiry = \"{secret}\"\n"), "line 2: tokens.require_expiry must be a boolean"),
        (format!("[mail]\n\nsendmail = [\"{secret}\"]\n"), "line 3: mail.sendmail must be a string"),
        (format!("[expiry]\nnotify_days = [\n  30,\n  \"{secret}\",\n]\n"), "line 4: expiry.notify_days must be u32"),
        (
            format!("[tokens]\nlast_used_interval = \"{secret}\"\n"),
            "tokens.last_used_interval must be an interval such as 30s, 10m, 2h, 1d or 1w",
        ),
        (
            format!("[mail]\nhost = \"{secret}.example.com\\r\\n\"\n"),
            "mail.host must be a host name: a host name is dot-separated labels of letters, digits and inner hyphens",
        ),
    ] {
        let config = env.write_config(&text);
        let out = process::run_args(&env, &["user", "list"], "");
        assert_eq!(
            (code(&out), stderr(&out)),
            (78, after_clock(&format!("error: config file {}: {expected}\n", config.display()))),
            "{text}"
        );
        assert!(!stderr(&out).contains("pasted"));
    }
}

#[test]
fn cr_lf_in_mail_host_or_from_is_refused_before_a_bot_or_a_mail_is_made() {
    let env = Env::new();
    owner_with_expiring_token(&env);
    env.run(&["project", "add", "group/app"]).success();
    let marker = env.path("mailed");
    let sendmail = format!("/usr/bin/touch {}", marker.display());
    let injected = "example.com\\r\\nBcc: eve@evil.example";
    for (key, value, expected) in [
        (
            "host",
            injected,
            "mail.host must be a host name: a host name is dot-separated labels of letters, digits and inner hyphens",
        ),
        (
            "from",
            "patctl@example.com\\r\\nBcc: eve@evil.example",
            "mail.from must be one address, local@host, with no name or list: no line breaks",
        ),
        (
            "from",
            "Patctl <patctl@example.com>",
            "mail.from must be one address, local@host, with no name or list: the address alone: no display name, quotes, comment, group or spaces",
        ),
    ] {
        let config = env.write_config(&format!("[mail]\nsendmail = \"{sendmail}\"\n{key} = \"{value}\"\n"));
        let expected = after_clock(&format!("error: config file {}: {expected}\n", config.display()));
        let before = env.dump();
        // The bot of a project token takes its email from mail.host ...
        let create = ["create", "--project", "group/app", "--name", "deploy", "--scopes", "read_repository"];
        let out = process::run_args(&env, &create, "");
        assert_eq!((code(&out), stderr(&out)), (78, expected.clone()), "{key}");
        // ... and every message its From and Message-ID.
        let out = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
        assert_eq!((code(&out), stderr(&out)), (78, expected), "{key}");
        assert_eq!(env.dump(), before, "nothing stored");
        assert!(!marker.exists(), "nothing mailed");
    }
}

#[test]
fn an_email_that_is_a_list_a_group_or_a_display_name_is_refused_and_nothing_is_stored() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let alone = "the address alone: no display name, quotes, comment, group or spaces";
    for (email, why) in [
        ("a@x,b@y", "one address only, no list"),
        ("a@x, b@y", "one address only, no list"),
        ("team:a@x,b@y;", "one address only, no list"),
        ("Bob <b@y>", alone),
        ("a@x\r\nBcc: eve@evil.example", "no line breaks"),
    ] {
        let shown = email.replace('\r', "\\u{d}").replace('\n', "\\u{a}");
        let out = process::run_args(&env, &["user", "add", "bob", "--email", email], "");
        assert_eq!(
            (code(&out), stderr(&out)),
            (65, after_clock(&format!("error: '{shown}' is not one email address: {why}\n"))),
            "{email:?}"
        );

        let file = env.path("users.toml");
        std::fs::write(&file, format!("[[users]]\nusername = \"bob\"\nemail = \"{}\"\n", email.escape_default()))
            .unwrap();
        let out = process::run_args(&env, &["apply", file.to_str().unwrap()], "");
        assert_eq!(code(&out), 65, "{email:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            after_clock(&format!(
                "error: {}: [[users]] #1 (line 1, bob): email: '{shown}' is not one email address: {why}\n",
                file.display()
            )),
            "{email:?}"
        );
        assert_eq!(env.dump(), before, "{email:?}");
    }
    // One plain address is fine.
    env.run(&["user", "add", "bob", "--email", "bob@example.com"]).success();
}

/// A fake sendmail that logs each message, then (unless `open` exists) says so on the FIFO
/// `started` and waits for a line on the FIFO `gate`: it blocks until the test lets it go.
fn blocking_sendmail(env: &Env) -> PathBuf {
    let dir = env.dir.path().display().to_string();
    for fifo in ["started", "gate"] {
        let path = std::ffi::CString::new(format!("{dir}/{fifo}")).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
    }
    let script = env.path("sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat >> '{dir}/mail.log'\necho . >> '{dir}/mail.log'\n[ -f '{dir}/open' ] && exit 0\necho started > '{dir}/started'\nread go < '{dir}/gate'\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_config(&format!("[mail]\nsendmail = \"{} -t\"\n", script.display()));
    script
}

/// Starts `check-expiry --once --mail` and returns once its sendmail is blocked.
fn start_blocked_check(env: &Env) -> Child {
    let mut child = command(env, &["check-expiry", "--once", "--mail"]).spawn().expect("spawn");
    let started = env.path("started");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::fs::File::open(started).and_then(|mut f| f.read_to_string(&mut text));
        let _ = tx.send(text);
    });
    // A safety net against a hang, not a timing assertion.
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(text) => assert_eq!(text, "started\n"),
        Err(_) => {
            let _ = child.kill();
            panic!("sendmail never started: {}", stderr(&child.wait_with_output().unwrap()));
        }
    }
    child
}

fn release_sendmail(env: &Env) {
    std::fs::OpenOptions::new().write(true).open(env.path("gate")).unwrap().write_all(b"go\n").unwrap();
}

fn messages(env: &Env) -> usize {
    std::fs::read_to_string(env.path("mail.log")).unwrap_or_default().matches("\n.\n").count()
}

fn events(env: &Env, action: &str, token: i64) -> i64 {
    process::count(
        &env.db,
        &format!("SELECT count(*) FROM audit_events WHERE action = '{action}' AND token_id = {token}"),
    )
}

fn notifications(env: &Env, token: i64) -> i64 {
    process::count(&env.db, &format!("SELECT count(*) FROM token_expiry_notifications WHERE token_id = {token}"))
}

#[test]
fn a_revoke_during_a_slow_sendmail_completes_and_the_notice_is_recorded_once() {
    let env = Env::new();
    let (ci, _) = owner_with_expiring_token(&env);
    blocking_sendmail(&env);

    let mut child = start_blocked_check(&env);
    // sendmail is blocked on the gate until released below: the leaked token is revoked while
    // it waits (a revoke waiting for the write lock would exit 75 after the 5 s busy timeout;
    // the bound is far below that, and far above a revoke's usual few milliseconds).
    let started = std::time::Instant::now();
    let out = process::run_args(&env, &["revoke", "--token-file", "-"], &format!("{PRESET}\n"));
    let took = started.elapsed();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(took < Duration::from_secs(2), "the revoke took {took:?}");
    let out = process::run_args(&env, &["verify", "--token-file", "-"], &format!("{PRESET}\n"));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(child.try_wait().unwrap().is_none(), "check-expiry (and its sendmail) still waits at the gate");
    // The notice is claimed, not yet recorded as mailed.
    assert_eq!((events(&env, "token.expiry_claim", ci), events(&env, "token.expiry_notify", ci)), (1, 0));

    release_sendmail(&env);
    let out = child.wait_with_output().unwrap();
    assert_eq!((code(&out), stderr(&out)), (1, after_clock("mailed alice\n")));
    assert_eq!(messages(&env), 1);
    assert_eq!(notifications(&env, ci), 1);
    assert_eq!((events(&env, "token.expiry_claim", ci), events(&env, "token.expiry_notify", ci)), (1, 1));
    // Nothing is due any more.
    std::fs::write(env.path("open"), "").unwrap();
    let again = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!((code(&again), stderr(&again)), (0, CLOCK_WARNING.to_string()));
    assert_eq!(messages(&env), 1);
    println!(
        "hardening_config: revoke during a blocked sendmail: exit 0 in {took:?} while sendmail still waited; notice recorded once"
    );
}

#[test]
fn a_check_killed_between_claim_and_record_is_reported_and_mailed_again_by_the_next_run() {
    let env = Env::new();
    let (ci, _) = owner_with_expiring_token(&env);
    blocking_sendmail(&env);

    let mut child = start_blocked_check(&env);
    let pid = child.id();
    child.kill().unwrap(); // SIGKILL while sendmail holds the message
    child.wait().unwrap();
    release_sendmail(&env); // the orphaned sendmail delivers it after all
    assert_eq!(messages(&env), 1);
    assert_eq!(notifications(&env, ci), 1, "claimed");

    // At least once: the next run says what happened and mails the notice again.
    std::fs::write(env.path("open"), "").unwrap();
    let out = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!(
        (code(&out), stderr(&out)),
        (
            1,
            after_clock(&format!(
                "warning: an earlier check-expiry --mail (pid {pid}) stopped between claiming notices and recording whether it mailed them; tokens {ci} (alice) were due again, so their owners may get a message twice\nmailed alice\n"
            ))
        )
    );
    assert_eq!(messages(&env), 2);
    assert_eq!(notifications(&env, ci), 1);
    assert_eq!(
        [
            events(&env, "token.expiry_claim", ci),
            events(&env, "token.expiry_release", ci),
            events(&env, "token.expiry_notify", ci)
        ],
        [2, 1, 1]
    );
    // Reported once: the run after that has nothing to say.
    let again = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!((code(&again), stderr(&again)), (0, CLOCK_WARNING.to_string()));
    assert_eq!(messages(&env), 2);
}

#[test]
fn endless_inputs_end_at_their_cap_with_65() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let cases: [(&[&str], String); 4] = [
        (&["apply", "/dev/zero"], after_clock("error: /dev/zero is longer than 64 MiB, the limit for an apply file\n")),
        (
            &["--config", "/dev/zero", "user", "list"],
            after_clock("error: config file /dev/zero is longer than 1 MiB, the limit for a config file\n"),
        ),
        (
            &["create", "--user", "alice", "--name", "z", "--scopes", "api", "--token-file", "/dev/zero"],
            after_clock("error: /dev/zero is longer than 1024 bytes, the limit for a token\n"),
        ),
        (
            &["verify", "--token-file", "/dev/zero"],
            after_clock("error: /dev/zero is longer than 1024 bytes, the limit for a token\n"),
        ),
    ];
    for (args, expected) in cases {
        let out = process::run_args(&env, args, "");
        assert_eq!((code(&out), stderr(&out)), (65, expected), "{args:?}");
    }
    // A token file named by an apply file is bounded the same way.
    let file = env.path("tokens.toml");
    std::fs::write(
        &file,
        "[[tokens]]\nuser = \"alice\"\nname = \"z\"\nscopes = [\"api\"]\ntoken_file = \"/dev/zero\"\n",
    )
    .unwrap();
    let out = process::run_args(&env, &["apply", file.to_str().unwrap()], "");
    assert_eq!(code(&out), 65, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: {}: [[tokens]] #1 (line 1, 'z' of alice): token_file: /dev/zero is longer than 1024 bytes, the \
             limit for a token\n",
            file.display()
        ))
    );
    // Standard input too.
    let (out, read_all) =
        process::run_with_input_counted(command(&env, &["verify", "--token-file", "-"]), vec![b'A'; 4 << 20]);
    assert_eq!(
        (code(&out), stderr(&out)),
        (65, after_clock("error: standard input is longer than 1024 bytes, the limit for a token\n"))
    );
    assert!(!read_all);
    assert_eq!(env.dump(), before);
}

/// A sendmail that logs each message and the signals it starts with ignored (`SigIgn`).
fn recording_sendmail(env: &Env) {
    let dir = env.dir.path().display().to_string();
    let script = env.path("sendmail");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ngrep SigIgn /proc/$$/status >> '{dir}/signals'\ncat >> '{dir}/mail.log'\necho . >> '{dir}/mail.log'\n"),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_config(&format!("[mail]\nsendmail = \"{} -t\"\n", script.display()));
}

#[test]
fn sendmail_starts_with_sigxfsz_at_its_default_although_patctl_ignores_it() {
    let env = Env::new();
    owner_with_expiring_token(&env);
    recording_sendmail(&env);
    let out = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!((code(&out), stderr(&out)), (1, after_clock("mailed alice\n")));
    let signals = std::fs::read_to_string(env.path("signals")).unwrap();
    let mask = u64::from_str_radix(signals.trim().trim_start_matches("SigIgn:").trim(), 16).unwrap();
    assert_eq!(mask & (1 << (libc::SIGXFSZ - 1)), 0, "SIGXFSZ ignored in sendmail: {signals}");
}

#[test]
fn a_stored_email_an_older_patctl_accepted_is_never_a_to_header() {
    let env = Env::new();
    owner_with_expiring_token(&env);
    env.user("bob", &["--email", "bob@example.com"]);
    env.generated_token("bob", "deploy", "api", &["--expires-at", "2026-11-26"]);
    // What an older patctl stored unchecked: two recipients, and a header injection.
    crate::common::execute(
        &env.db,
        "UPDATE users SET email = 'alice@example.com,boss@example.org' WHERE username = 'alice';
         UPDATE users SET email = 'bob@example.com\r\nBcc: spy@example.net' WHERE username = 'bob'",
    );
    recording_sendmail(&env);
    let out = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!(
        (code(&out), stderr(&out)),
        (
            1,
            after_clock(
                "warning: the stored email address of alice is not one plain address (one address only, no list): not mailed (see patctl user show)\nwarning: the stored email address of bob is not one plain address (no line breaks): not mailed (see patctl user show)\n"
            )
        )
    );
    assert!(!env.path("mail.log").exists(), "sendmail never ran");
    // Recorded as not mailed, as for an owner without an email: the next run is quiet.
    let again = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    assert_eq!((code(&again), stderr(&again)), (0, CLOCK_WARNING.to_string()));
}

/// A second check while the first is still in sendmail leaves the first one's claims alone (its
/// process is running); a day later the claim counts as abandoned even though a process with
/// that pid runs (the pid may have been reused), and is released and mailed again.
#[test]
fn a_live_claim_is_left_alone_until_it_is_a_day_old() {
    let env = Env::new();
    let (ci, _) = owner_with_expiring_token(&env);
    blocking_sendmail(&env);
    let mut child = start_blocked_check(&env);
    std::fs::write(env.path("open"), "").unwrap();

    let second = process::run_args(&env, &["check-expiry", "--once", "--mail"], "");
    let after_second = (messages(&env), events(&env, "token.expiry_release", ci));
    let mut next_day = command(&env, &["check-expiry", "--once", "--mail"]);
    next_day.env("PATCTL_NOW", "2026-11-24T10:00:01Z");
    let out = process::run(next_day);
    let after_next_day = (messages(&env), events(&env, "token.expiry_release", ci));
    // Let the first check go before asserting, so that a failure leaves no process behind.
    let pid = child.id();
    release_sendmail(&env);
    child.wait().unwrap();

    assert_eq!((code(&second), stderr(&second)), (0, CLOCK_WARNING.to_string()));
    assert_eq!(after_second, (1, 0));
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "warning: an earlier check-expiry --mail (pid {pid}) stopped between claiming notices and recording \
             whether it mailed them; tokens {ci} (alice) were due again, so their owners may get a message twice\n\
             mailed alice\n"
        ))
    );
    assert_eq!(after_next_day, (2, 1));
}
