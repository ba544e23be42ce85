//! `mail.lifecycle`: owners are mailed when their tokens are created, rotated and revoked, after
//! the change has committed; a failed send keeps the change, warns, is audited and exits 69.
use std::os::unix::fs::PermissionsExt;

use crate::common::{Env, after_clock, stderr, transcript};

/// A fake sendmail that appends each message to `mail.log`, and fails (exit 1, after reading its
/// input) while the file `fail` exists.
fn mail_config(env: &Env, lifecycle: bool) {
    let script = env.path("sendmail");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nmsg=$(cat)\nif [ -f '{dir}/fail' ]; then\n  echo 'fake sendmail: refused' >&2\n  exit 1\nfi\nprintf 'ARGS: %s\\n%s\\n.\\n' \"$*\" \"$msg\" >> '{dir}/mail.log'\n",
            dir = env.dir.path().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_config(&format!(
        "[mail]\nsendmail = \"{} -t -oi\"\nfrom = \"patctl@example.org\"\nlifecycle = {lifecycle}\n",
        script.display()
    ));
}

/// The messages sent since the last call (the log is emptied).
fn take_mail(env: &Env) -> String {
    let path = env.path("mail.log");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    format!("--- mail.log\n{text}")
}

/// alice, with an email address, and her token "ci" (id returned, with its secret).
fn setup(env: &Env) -> (i64, String) {
    env.user("alice", &["--email", "alice@example.com", "--name", "Alice Example"]);
    mail_config(env, true);
    let (id, secret) = env.generated_token("alice", "ci", "api,read_user", &["--expires-at", "2026-12-31"]);
    take_mail(env);
    (id, secret)
}

#[test]
fn create_rotate_and_revoke_mail_the_owner_after_the_change() {
    let env = Env::new();
    env.user("alice", &["--email", "alice@example.com"]);
    mail_config(&env, true);
    let mut shown = vec![env.transcript(&[
        "create",
        "--user",
        "alice",
        "--name",
        "ci",
        "--scopes",
        "api",
        "--expires-at",
        "2026-12-31",
    ])];
    shown.push(take_mail(&env));
    shown.push(env.transcript(&["rotate", "--id", "1"]));
    shown.push(take_mail(&env));
    shown.push(env.transcript(&["revoke", "--id", "2"]));
    shown.push(take_mail(&env));
    // With a grace period the old token keeps working, and the notice says until when.
    env.run(&["create", "--user", "alice", "--name", "deploy", "--scopes", "api"]).success();
    take_mail(&env);
    shown.push(env.transcript(&["rotate", "--id", "3", "--grace", "2h"]));
    shown.push(take_mail(&env));
    // Revoking twice is harmless, and tells nobody anything new.
    shown.push(env.transcript(&["revoke", "--id", "2"]));
    shown.push(take_mail(&env));
    snapshot!(shown.join("\n"));
}

#[test]
fn revoke_all_mails_each_token_s_owner() {
    let env = Env::new();
    setup(&env);
    env.user("bob", &["--email", "bob@example.net"]);
    env.generated_token("alice", "deploy", "read_repository", &[]);
    env.generated_token("bob", "backup", "read_api", &[]);
    take_mail(&env);
    let revoke = ["revoke", "--all", "--unused-for", "1d", "--yes"];
    let mut shown = vec![transcript(env.at("2026-11-25T10:00:00Z").args(revoke))];
    shown.push(take_mail(&env));
    snapshot!(shown.join("\n"));
}

#[test]
fn apply_mails_what_it_created_rotated_and_revoked() {
    let env = Env::new();
    env.user("alice", &["--email", "alice@example.com"]);
    mail_config(&env, true);
    let preset = |name: &str, secret: &str| env.write_file(&format!("{name}.token"), &format!("glpat-{secret}\n"));
    let entry = |name: &str| {
        format!(
            "[[tokens]]\nuser = \"alice\"\nname = \"{name}\"\nscopes = \"api\"\nexpires_at = \"2026-12-31\"\ntoken_file = \"{}\"\n",
            env.path(&format!("{name}.token")).display()
        )
    };
    preset("a", "AAAAAAAAAAAAAAAAAAAA");
    preset("b", "BBBBBBBBBBBBBBBBBBBB");
    let file = env.write_file("tokens.toml", &format!("managed_by = \"team\"\n{}{}", entry("a"), entry("b")));
    let mut shown = vec![env.transcript(&["apply", &file])];
    shown.push(take_mail(&env));
    // A new secret for "a" rotates it; "b" is no longer declared and is pruned.
    preset("a", "CCCCCCCCCCCCCCCCCCCC");
    let file = env.write_file("tokens.toml", &format!("managed_by = \"team\"\n{}", entry("a")));
    shown.push(env.transcript(&["apply", &file, "--prune"]));
    shown.push(take_mail(&env));
    // A dry run changes nothing and mails nothing.
    shown.push(env.transcript(&["apply", &file, "--dry-run"]));
    shown.push(take_mail(&env));
    snapshot!(shown.join("\n"));
}

#[test]
fn reuse_detection_mails_the_owner_of_each_token_it_revokes() {
    let env = Env::new();
    let (a, a_secret) = setup(&env);
    env.at("2026-11-23T11:00:00Z").args(["rotate", "--id", &a.to_string()]).assert().success();
    take_mail(&env);
    let file = env.write_file("a.token", &a_secret);
    let mut shown = vec![transcript(env.at("2026-11-23T12:00:00Z").args(["rotate", "--token-file", &file]))];
    shown.push(take_mail(&env));
    assert!(!shown.concat().contains(&a_secret));
    snapshot!(shown.join("\n"));
}

#[test]
fn a_failed_send_keeps_the_change_warns_audits_and_exits_69() {
    let env = Env::new();
    let (id, _) = setup(&env);
    std::fs::write(env.path("fail"), "").unwrap();
    let mut shown = vec![env.transcript(&["revoke", "--id", &id.to_string(), "--format", "json"])];
    assert_eq!(env.token(id)["revoked"], true, "the change stands");
    let run = env.cmd().args(["create", "--user", "alice", "--name", "next", "--scopes", "api"]).assert().code(69);
    assert_eq!(
        stderr(&run),
        after_clock(
            "created token 2 'next' for alice (api; expires 2027-11-23)\n\
             store the token now: it is shown only once\n\
             fake sendmail: refused\n\
             error: cannot mail alice@example.com: mail.sendmail failed with exit status 1\n\
             hint: the change was committed; the failure is in the audit trail: patctl audit --action \
             mail.lifecycle_failed\n"
        )
    );
    assert_eq!(env.all_tokens().len(), 2, "the created token stands");
    shown.push(env.transcript(&["audit", "--action", "mail.lifecycle_failed"]));
    shown.push(take_mail(&env));
    snapshot!(shown.join("\n"));
}

#[test]
fn lifecycle_mail_is_off_by_default() {
    let env = Env::new();
    env.user("alice", &["--email", "alice@example.com"]);
    mail_config(&env, false);
    let (id, _) = env.generated_token("alice", "ci", "api", &[]);
    env.run(&["rotate", "--id", &id.to_string()]).success();
    env.run(&["revoke", "--all", "--user", "alice", "--yes"]).success();
    assert_eq!(take_mail(&env), "--- mail.log\n");
    // And a sendmail that would fail is never run.
    std::fs::write(env.path("fail"), "").unwrap();
    env.run(&["create", "--user", "alice", "--name", "x", "--scopes", "api"]).success();
}

#[test]
fn bots_and_owners_without_an_address_are_skipped_silently() {
    let env = Env::new();
    mail_config(&env, true);
    std::fs::write(env.path("fail"), "").unwrap();
    env.user("robot", &["--bot"]);
    env.user("nomail", &[]);
    env.run(&["project", "add", "group/app"]).success();
    let mut shown = vec![env.transcript(&["create", "--user", "robot", "--name", "a", "--scopes", "api"])];
    shown.push(env.transcript(&["create", "--user", "nomail", "--name", "b", "--scopes", "api"]));
    shown.push(env.transcript(&["create", "--project", "group/app", "--name", "c", "--scopes", "api"]));
    let revoke = ["revoke", "--all", "--unused-for", "1d", "--yes"];
    shown.push(transcript(env.at("2026-11-25T10:00:00Z").args(revoke)));
    // Nothing was sent, so the failing sendmail never ran: no warning, no exit 69.
    shown.push(take_mail(&env));
    snapshot!(shown.join("\n"));
}
