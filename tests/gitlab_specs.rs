//! GitLab's own RSpec examples, replayed through patctl. Each test names the spec file (in the
//! gitlabhq/gitlabhq repository) and its `describe`/`context`/`it` text; where patctl deliberately
//! differs, the README's table "Where patctl differs from current GitLab, and why" says so.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{Env, NOW, after_clock, stderr};

fn json_at(env: &Env, now: &str, args: &[&str]) -> Value {
    let out = env.at(now).args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn create_at(env: &Env, now: &str, args: &[&str]) -> (i64, String) {
    let token = json_at(env, now, &[&["create"], args].concat());
    (token["id"].as_i64().unwrap(), token["token"].as_str().unwrap().to_string())
}

fn verify_at(env: &Env, now: &str, secret: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    env.at(now).arg("verify").args(args).write_stdin(format!("{secret}\n")).assert()
}

// ---- spec/finders/personal_access_tokens_finder_spec.rb ---------------------------------------

/// The finder spec's `tokens`: its let_it_be block, in patctl. "now" is `NOW`
/// (2026-11-23T10:00Z); the factory's 30-day expiry is 2026-12-23; `:expired` tokens expired
/// today; `active_other` was created (and last used) 5 days ago, every other token a day ago.
fn finder_tokens(env: &Env) -> BTreeMap<&'static str, i64> {
    const FIVE_DAYS_AGO: &str = "2026-11-18T10:00:00Z";
    const A_DAY_AGO: &str = "2026-11-22T10:00:00Z";
    const THIRTY_DAYS: &[&str] = &["--expires-at", "2026-12-23"];
    const EXPIRED: &[&str] = &["--expires-at", "2026-11-23"];
    let at = |now: &str, args: &[&str]| env.at(now).args(args).assert().success();
    at(FIVE_DAYS_AGO, &["user", "add", "user"]);
    at(FIVE_DAYS_AGO, &["user", "add", "other_user"]);
    at(FIVE_DAYS_AGO, &["user", "add", "admin", "--admin"]);
    at(FIVE_DAYS_AGO, &["project", "add", "group/project"]);
    let personal = |now: &str, user: &str, name: &str, extra: &[&[&str]]| {
        create_at(env, now, &[&["--user", user, "--name", name, "--scopes", "api"][..], &extra.concat()].concat())
    };
    let mut tokens = BTreeMap::new();
    let mut secrets = Vec::new();
    let (id, secret) = personal(FIVE_DAYS_AGO, "other_user", "my_pat_2", &[THIRTY_DAYS]);
    verify_at(env, FIVE_DAYS_AGO, &secret, &[]).success();
    tokens.insert("active_other", id);
    let pat = "Personal access token";
    let rows: [(&str, &str, &[&[&str]]); 6] = [
        ("active", "my_pat_1", &[THIRTY_DAYS]),
        ("expired", pat, &[EXPIRED]),
        ("revoked", pat, &[THIRTY_DAYS]),
        ("active_impersonation", pat, &[THIRTY_DAYS, &["--impersonation"]]),
        ("expired_impersonation", pat, &[EXPIRED, &["--impersonation"]]),
        ("revoked_impersonation", pat, &[THIRTY_DAYS, &["--impersonation"]]),
    ];
    for (key, name, extra) in rows {
        let (id, secret) = personal(A_DAY_AGO, "user", name, extra);
        tokens.insert(key, id);
        secrets.push(secret);
    }
    let (id, secret) = create_at(
        env,
        A_DAY_AGO,
        &["--project", "group/project", "--name", pat, "--scopes", "api", THIRTY_DAYS[0], THIRTY_DAYS[1]],
    );
    tokens.insert("bot", id);
    secrets.push(secret);
    for secret in &secrets {
        verify_at(env, "2026-11-22T12:00:00Z", secret, &[]).success();
    }
    for key in ["revoked", "revoked_impersonation"] {
        at("2026-11-22T13:00:00Z", &["revoke", "--id", &tokens[key].to_string()]);
    }
    tokens
}

const ALL_KEYS: [&str; 8] = [
    "active",
    "active_other",
    "expired",
    "revoked",
    "active_impersonation",
    "expired_impersonation",
    "revoked_impersonation",
    "bot",
];

/// The ids `list --state all ARGS` prints, sorted (RSpec's `match_array`).
fn found(env: &Env, args: &[&str]) -> Vec<i64> {
    let state: &[&str] = if args.contains(&"--state") { &[] } else { &["--state", "all"] };
    let listed = env.json(&[&["list"], state, args].concat());
    let mut ids: Vec<i64> = listed.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

fn ids_of(tokens: &BTreeMap<&str, i64>, keys: &[&str]) -> Vec<i64> {
    let mut ids: Vec<i64> = keys.iter().map(|key| tokens[key]).collect();
    ids.sort_unstable();
    ids
}

/// personal_access_tokens_finder_spec.rb, the `where` tables of describe 'by user', 'by
/// impersonation', 'by state', 'by owner type', 'by revoked state', 'by created date', 'by
/// expires before', 'by expires after', 'by last used date' and 'by search':
/// "returns tokens by ...". The rows with `nil` are `--state all` without the filter; rows with
/// 'other' are usage errors in patctl (exit 64) rather than ignored.
#[test]
fn finder_spec_filters() {
    let env = Env::new();
    let tokens = finder_tokens(&env);
    let user_tokens =
        ["active", "expired", "revoked", "active_impersonation", "expired_impersonation", "revoked_impersonation"];
    let table: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec![], ALL_KEYS.to_vec()),
        // describe 'by user'
        (vec!["--user", "user"], user_tokens.to_vec()),
        (vec!["--user", "other_user"], vec!["active_other"]),
        (vec!["--user", "admin"], vec![]),
        // describe 'by impersonation'
        (
            vec!["--impersonation", "true"],
            vec!["active_impersonation", "expired_impersonation", "revoked_impersonation"],
        ),
        (vec!["--impersonation", "false"], vec!["active", "active_other", "expired", "revoked", "bot"]),
        // describe 'by state' (patctl's `list` with no --state shows the active ones)
        (vec!["--state", "active"], vec!["active", "active_other", "active_impersonation", "bot"]),
        (vec!["--state", "inactive"], vec!["expired", "revoked", "expired_impersonation", "revoked_impersonation"]),
        // describe 'by owner type'
        (vec!["--owner-type", "human"], user_tokens.iter().copied().chain(["active_other"]).collect()),
        (vec!["--owner-type", "bot"], vec!["bot"]),
        (vec!["--owner-type", "service_account"], vec![]),
        // describe 'by revoked state'
        (vec!["--revoked", "true"], vec!["revoked", "revoked_impersonation"]),
        (
            vec!["--revoked", "false"],
            vec!["active", "active_other", "expired", "active_impersonation", "expired_impersonation", "bot"],
        ),
        // describe 'by created date' / 'by created before' (6 days ago, 2 days ago, in 2 days)
        (vec!["--created-before", "2026-11-17T10:00:00Z"], vec![]),
        (vec!["--created-before", "2026-11-21T10:00:00Z"], vec!["active_other"]),
        (vec!["--created-before", "2026-11-25T10:00:00Z"], ALL_KEYS.to_vec()),
        // describe 'by created after'
        (vec!["--created-after", "2026-11-17T10:00:00Z"], ALL_KEYS.to_vec()),
        (
            vec!["--created-after", "2026-11-21T10:00:00Z"],
            ALL_KEYS.iter().copied().filter(|k| *k != "active_other").collect(),
        ),
        (vec!["--created-after", "2026-11-25T10:00:00Z"], vec![]),
        // describe 'by expires before' (2 days ago, in 29 days, in 31 days)
        (vec!["--expires-before", "2026-11-21"], vec![]),
        (vec!["--expires-before", "2026-12-22"], vec!["expired", "expired_impersonation"]),
        (vec!["--expires-before", "2026-12-24"], ALL_KEYS.to_vec()),
        // describe 'by expires after' (2 days ago, in 30 days, in 31 days)
        (vec!["--expires-after", "2026-11-21"], ALL_KEYS.to_vec()),
        (
            vec!["--expires-after", "2026-12-23"],
            vec!["active", "active_other", "revoked", "active_impersonation", "revoked_impersonation", "bot"],
        ),
        (vec!["--expires-after", "2026-12-24"], vec![]),
        // describe 'by last used date' / 'by last used before' (6 days ago, 2 days ago, in 2 days)
        (vec!["--last-used-before", "2026-11-17T10:00:00Z"], vec![]),
        (vec!["--last-used-before", "2026-11-21T10:00:00Z"], vec!["active_other"]),
        (vec!["--last-used-before", "2026-11-25T10:00:00Z"], ALL_KEYS.to_vec()),
        // describe 'by last used after'
        (vec!["--last-used-after", "2026-11-17T10:00:00Z"], ALL_KEYS.to_vec()),
        (
            vec!["--last-used-after", "2026-11-21T10:00:00Z"],
            ALL_KEYS.iter().copied().filter(|k| *k != "active_other").collect(),
        ),
        (vec!["--last-used-after", "2026-11-25T10:00:00Z"], vec![]),
        // describe 'by search'
        (vec!["--search", "my_pat"], vec!["active", "active_other"]),
        (vec!["--search", "other"], vec![]),
    ];
    for (args, expected) in table {
        assert_eq!(found(&env, &args), ids_of(&tokens, &expected), "list {}", args.join(" "));
    }
    // Rows with 'other': patctl refuses a value it does not know.
    for bad in [["--impersonation", "other"], ["--owner-type", "other"], ["--revoked", "other"], ["--sort", "other"]] {
        env.run(&[&["list"][..], &bad].concat()).code(64);
    }
    // `--revoked` without `--state` looks at every token, as GitLab's filter does.
    let listed = env.json(&["list", "--revoked", "true"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

/// personal_access_tokens_finder_spec.rb, describe 'sort': "returns ordered tokens" (id_asc and
/// id_desc).
#[test]
fn finder_spec_sort_by_id() {
    let env = Env::new();
    let tokens = finder_tokens(&env);
    let order = |sort: &str| -> Vec<i64> {
        let listed = env.json(&["list", "--state", "all", "--sort", sort]);
        listed.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    let mut ascending: Vec<i64> = tokens.values().copied().collect();
    ascending.sort_unstable();
    assert_eq!(order("id:asc"), ascending);
    ascending.reverse();
    assert_eq!(order("id:desc"), ascending);
}

/// app/models/personal_access_token.rb `simple_sorts`: 'expires_asc' is
/// `order_expires_at_asc_id_desc`, 'expires_desc' `order_expires_at_desc_id_desc`, and the same
/// for last_used; PostgreSQL sorts NULL (never expires, never used) as the largest value.
/// app/models/concerns/sortable.rb: `order_name_asc` sorts by `LOWER(name)`.
#[test]
fn model_order_scopes_break_ties_by_newest_id_and_place_nulls_as_postgresql() {
    let env = Env::new();
    env.write_config("[tokens]\nrequire_expiry = false\n");
    env.user("alice", &[]);
    let (a, secret_a) = env.generated_token("alice", "b-token", "api", &["--expires-at", "2027-01-01"]);
    let (b, _) = env.generated_token("alice", "A-token", "api", &["--expires-at", "2027-01-01"]);
    let (c, secret_c) = env.generated_token("alice", "c-token", "api", &["--no-expiry"]);
    let (d, _) = env.generated_token("alice", "d-token", "api", &["--expires-at", "2026-12-01"]);
    verify_at(&env, "2026-11-23T11:00:00Z", &secret_a, &[]).success();
    verify_at(&env, "2026-11-23T11:00:00Z", &secret_c, &[]).success();
    let order = |sort: &str| -> Vec<i64> {
        let listed = env.json(&["list", "--sort", sort]);
        listed.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(order("expires:asc"), [d, b, a, c], "ties newest first, never expiring last");
    assert_eq!(order("expires:desc"), [c, b, a, d], "never expiring first, ties newest first");
    assert_eq!(order("last_used:asc"), [c, a, d, b], "used ones by time (ties newest first), never used last");
    assert_eq!(order("last_used:desc"), [d, b, c, a], "never used first, newest first");
    assert_eq!(order("name"), [b, a, c, d], "LOWER(name)");
}

/// lib/gitlab/sql/pattern.rb (`fuzzy_search`, `fuzzy_arel_match`, `split_query_to_search_terms`)
/// as its spec/lib/gitlab/sql/pattern_spec.rb describes '.fuzzy_search' / '.to_pattern': a query
/// of 3+ characters matches partially, a shorter one only the whole value; several words must all
/// match; a quoted phrase is one word; matching ignores case; % and _ are literal.
#[test]
fn sql_pattern_fuzzy_search() {
    let env = Env::new();
    env.user("alice", &[]);
    let names = ["Deploy key", "deploy", "key deploy old", "ci", "CI runner", "50%_off"];
    let ids: Vec<i64> = names.iter().map(|name| env.generated_token("alice", name, "api", &[]).0).collect();
    let search = |query: &str| -> Vec<&str> {
        let listed = env.json(&["list", "--search", query]);
        listed
            .as_array()
            .unwrap()
            .iter()
            .map(|t| names[ids.iter().position(|id| *id == t["id"].as_i64().unwrap()).unwrap()])
            .collect()
    };
    assert_eq!(search("deploy"), ["Deploy key", "deploy", "key deploy old"]);
    assert_eq!(search("KEY deploy"), ["Deploy key", "key deploy old"], "every word, in any order");
    assert_eq!(search("\"deploy key\""), ["Deploy key"], "a quoted phrase is one term");
    assert_eq!(search("ci"), ["ci"], "under 3 characters: the whole name, ignoring case");
    assert_eq!(search("CI"), ["ci"]);
    assert_eq!(search("ci run"), ["CI runner"], "short words are dropped when a long one is there");
    assert_eq!(search("de"), [] as [&str; 0]);
    assert_eq!(search("%_o"), ["50%_off"]);
    assert_eq!(search("_"), [] as [&str; 0]);
    assert_eq!(search("   ").len(), names.len(), "a blank query filters nothing");
}

// ---- spec/services/personal_access_tokens/create_service_spec.rb ------------------------------
//
// patctl's operator is the spec's administrator (with admin mode): the contexts where a
// non-administrator creates a token for someone else have no patctl counterpart.

/// create_service_spec.rb, describe '#execute', context 'when current_user is an administrator' /
/// 'when admin mode is enabled': it_behaves_like 'a successfully created token' ("creates personal
/// access token record": name, description, impersonation, scopes, expires_at, user; "logs the
/// event": who created it, for whom, the token id — patctl's audit trail), also for an
/// impersonation token; and "notifies the user" (with `mail.lifecycle = true`, a created notice to
/// the owner's address, in tests/lifecycle_mail.rs).
#[test]
fn create_service_creates_the_token_as_given_and_audits_it() {
    let env = Env::new();
    env.user("user", &[]);
    let params = ["create", "--user", "user", "--name", "Test token", "--scopes", "api", "--expires-at", "2026-12-23"];
    let mut shown =
        vec![env.transcript(&[&params[..], &["--description", "Test Description", "--format", "json"]].concat())];
    let mut impersonation = params.to_vec();
    impersonation.extend(["--impersonation", "--format", "json"]);
    shown.push(env.transcript(&impersonation));
    shown.push(env.transcript(&["audit", "--format", "json"]));
    snapshot!(shown.join("\n"));
}

/// create_service_spec.rb, context 'with no expires_at set' (`:freeze_time`): the expiry is the
/// maximum lifetime from today (patctl: `tokens.max_lifetime_days`, 365 as GitLab's
/// `MAX_PERSONAL_ACCESS_TOKEN_LIFETIME_IN_DAYS`, the 'buffered token length flag is disabled'
/// row); 'when require_personal_access_token_expiry is set to false': "returns a nil expiration
/// date"; context 'with no description set': "returns a nil description".
#[test]
fn create_service_defaults_expiry_and_description() {
    let env = Env::new();
    env.user("user", &[]);
    let created = json_at(&env, NOW, &["create", "--user", "user", "--name", "Test token", "--scopes", "api"]);
    assert_eq!((&created["expires_at"], &created["description"]), (&Value::from("2027-11-23"), &Value::Null));
    env.write_config("[tokens]\nrequire_expiry = false\n");
    let created = json_at(&env, NOW, &["create", "--user", "user", "--name", "Test token 2", "--scopes", "api"]);
    assert_eq!(created["expires_at"], Value::Null);
}

/// create_service_spec.rb, context 'when invalid scope' (`scopes: [:no_valid]`): the service
/// returns an error and no token; patctl exits 65 naming the scope and writes nothing.
#[test]
fn create_service_refuses_an_invalid_scope() {
    let env = Env::new();
    env.user("user", &[]);
    let before = env.dump();
    snapshot!(env.transcript(&["create", "--user", "user", "--name", "Test token", "--scopes", "no_valid"]));
    assert_eq!(env.dump(), before);
}

// ---- spec/services/personal_access_tokens/rotate_service_spec.rb ------------------------------

/// rotate_service_spec.rb, describe '#execute', shared examples 'rotates token successfully':
/// "rotates user's own token" (a new token string, expires today + 1 week, same user,
/// description and scopes), "revokes the previous token", "saves the previous token as previous
/// PAT attribute".
#[test]
fn rotate_service_rotates_revokes_and_links() {
    let env = Env::new();
    env.user("alice", &[]);
    let (old, old_secret) = env.generated_token(
        "alice",
        "ci",
        "read_api,read_repository",
        &["--description", "pipeline", "--expires-in", "30d"],
    );
    let new = json_at(&env, "2026-11-23T12:00:00Z", &["rotate", "--id", &old.to_string()]);
    assert_ne!(new["token"].as_str().unwrap(), old_secret);
    assert_eq!(new["expires_at"], "2026-11-30");
    assert_eq!(new["username"], "alice");
    assert_eq!(new["description"], "pipeline");
    assert_eq!(new["scopes"], serde_json::json!(["read_api", "read_repository"]));
    assert_eq!(new["previous_token_id"], old);
    assert_eq!(new["revoked"], false);
    assert_eq!(env.token(old)["revoked"], true);
}

/// rotate_service_spec.rb, context 'when expires_at param is set': "sets the custom expiration
/// time"; context 'when keep_token_lifetime param is set': "keeps the lifetime of the new token the
/// same with the old token" (travel 1 day) and context 'when token never expires': "sets the new
/// token to never expire".
#[test]
fn rotate_service_expiry_params() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &["--expires-in", "30d"]);
    let custom = json_at(&env, "2026-11-23T12:00:00Z", &["rotate", "--id", &id.to_string(), "--expires-in", "60d"]);
    assert_eq!(custom["expires_at"], "2027-01-22");

    let (kept, _) = env.generated_token("alice", "kept", "api", &["--expires-in", "30d"]);
    let next_day = "2026-11-24T10:00:00Z";
    let new = json_at(&env, next_day, &["rotate", "--id", &kept.to_string(), "--keep-lifetime"]);
    assert_eq!(new["expires_at"], "2026-12-24", "today + 30 days");

    env.write_config("[tokens]\nrequire_expiry = false\n");
    let (never, _) = env.generated_token("alice", "never", "api", &["--no-expiry"]);
    let new = json_at(&env, next_day, &["rotate", "--id", &never.to_string(), "--keep-lifetime"]);
    assert_eq!(new["expires_at"], Value::Null);
}

/// app/services/personal_access_tokens/rotate_service.rb `expires_at` / `enforced_expiration_date`:
/// with no expiry given and `require_personal_access_token_expiry?` false, the new token has none.
#[test]
fn rotate_service_gives_no_expiry_when_none_is_required() {
    let env = Env::new();
    env.write_config("[tokens]\nrequire_expiry = false\n");
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &["--expires-in", "30d"]);
    let new = json_at(&env, "2026-11-23T12:00:00Z", &["rotate", "--id", &id.to_string()]);
    assert_eq!(new["expires_at"], Value::Null);
}

/// rotate_service_spec.rb, context 'when user tries to rotate already revoked token': "returns an
/// error" (the token stays revoked, nothing else changes) — also for a token revoked by an
/// earlier rotation, whose successor is left alone.
#[test]
fn rotate_service_refuses_an_already_revoked_token() {
    let env = Env::new();
    env.user("alice", &[]);
    let (revoked, _) = env.generated_token("alice", "old", "api", &[]);
    env.run(&["revoke", "--id", &revoked.to_string()]).success();
    let (rotated, _) = env.generated_token("alice", "ci", "api", &[]);
    let successor = json_at(&env, "2026-11-23T11:00:00Z", &["rotate", "--id", &rotated.to_string()]);
    let before = env.dump();
    let out = env.run(&["rotate", "--id", &revoked.to_string()]).code(65);
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: token {revoked} is already revoked\nhint: create a new token with patctl create\n"
        ))
    );
    let out = env.run(&["rotate", "--id", &rotated.to_string()]).code(65);
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: token {rotated} is already revoked (rotated into {})\nhint: rotate the newest token instead: patctl rotate --id {}\n",
            successor["id"], successor["id"]
        ))
    );
    assert_eq!(env.dump(), before);
}

/// rotate_service_spec.rb, context 'when creating the new token fails': "returns an error"
/// ('Expiration date must be before ...') and "reverts the changes".
#[test]
fn rotate_service_reverts_when_the_new_token_is_invalid() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, _) = env.generated_token("alice", "ci", "api", &[]);
    let before = env.dump();
    let out = env.run(&["rotate", "--id", &id.to_string(), "--expires-in", "10y"]).code(65);
    assert!(
        stderr(&out).starts_with(&after_clock("error: expiry date 2036-11-23 is beyond the maximum lifetime")),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.dump(), before);
}

/// rotate_service_spec.rb, context 'with bot users' / context "with a project_bot user":
/// it_behaves_like "rotates token successfully".
#[test]
fn rotate_service_rotates_a_project_bot_token() {
    let env = Env::new();
    env.run(&["project", "add", "g/p"]).success();
    let (id, _) = create_at(&env, NOW, &["--project", "g/p", "--name", "deploy", "--scopes", "read_api"]);
    let new = json_at(&env, "2026-11-23T12:00:00Z", &["rotate", "--id", &id.to_string()]);
    assert_eq!(new["username"], "project_1_bot");
    assert_eq!(new["expires_at"], "2026-11-30");
    assert_eq!(new["scopes"], serde_json::json!(["read_api"]));
}

/// spec/services/personal_access_tokens/revoke_token_family_service_spec.rb: presenting a revoked
/// token's secret again revokes the active tokens of its family (patctl: `rotate --token-file`).
#[test]
fn revoke_token_family_service_revokes_the_active_descendants() {
    let env = Env::new();
    env.user("alice", &[]);
    let (a, secret) = env.generated_token("alice", "ci", "api", &[]);
    let b = json_at(&env, "2026-11-23T11:00:00Z", &["rotate", "--id", &a.to_string()]);
    let file = env.write_file("old-token", &format!("{secret}\n"));
    let out = env.at("2026-11-23T12:00:00Z").args(["rotate", "--token-file", &file]).assert().code(65);
    assert_eq!(
        stderr(&out),
        after_clock(&format!(
            "error: token {a} was already rotated: reuse detected, the token is presumed leaked; revoked 1 live \
             token descending from it: {}\nhint: see: patctl audit --token-id {a}; create a new token with patctl \
             create\n",
            b["id"]
        ))
    );
    assert_eq!(env.token(b["id"].as_i64().unwrap())["revoked"], true);
}

// ---- spec/lib/gitlab/auth_spec.rb ---------------------------------------------------------------

/// auth_spec.rb, describe 'find_for_git_client' / context 'while using personal access tokens as
/// passwords': "succeeds for personal access tokens with the `api` scope" (full abilities),
/// "... the `read_repository` scope" ([:download_code]), "... the `write_repository` scope"
/// ([:download_code, :push_code]), "... the `read_registry` scope" ([:read_container_image]),
/// "... the `create_runner` scope", "succeeds if it is an impersonation token", "limits
/// abilities based on scope" (read_user + sudo: no ability); and `abilities_for_scopes`
/// (read_api: read-only abilities; write_registry: create_container_image only).
#[test]
fn auth_spec_abilities_for_scopes() {
    let env = Env::new();
    env.user("root", &["--admin"]);
    let token = |scopes: &str, extra: &[&str]| env.generated_token("root", scopes, scopes, extra).1;
    let api = token("api", &[]);
    let read_api = token("read_api", &[]);
    let read_repository = token("read_repository", &[]);
    let write_repository = token("write_repository", &[]);
    let read_registry = token("read_registry", &[]);
    let write_registry = token("write_registry", &[]);
    let create_runner = token("create_runner", &[]);
    let limited = token("read_user,sudo", &[]);
    let impersonation = env.generated_token("root", "impersonation", "api", &["--impersonation"]).1;
    // (token, scopes it carries the abilities of, scopes it does not)
    let cases: [(&str, &[&str], &[&str]); 9] = [
        (
            &api,
            &["api", "read_api", "read_repository", "write_repository", "read_registry", "write_registry"],
            &["create_runner"],
        ),
        (&impersonation, &["api", "write_repository", "write_registry"], &[]),
        (&read_api, &["read_api", "read_repository", "read_registry"], &["api", "write_repository", "write_registry"]),
        (&read_repository, &["read_repository"], &["write_repository", "read_api", "read_registry"]),
        (&write_repository, &["read_repository", "write_repository"], &["read_api", "api"]),
        (&read_registry, &["read_registry"], &["write_registry", "read_repository"]),
        (&write_registry, &["write_registry"], &["read_registry"]),
        (&create_runner, &["create_runner"], &["manage_runner", "api"]),
        (&limited, &["read_user", "sudo"], &["read_repository", "read_registry", "read_api"]),
    ];
    for (secret, granted, refused) in cases {
        for scope in granted {
            verify_at(&env, NOW, secret, &["--scope", scope]).success();
        }
        for scope in refused {
            let out = verify_at(&env, NOW, secret, &["--scope", scope]).code(1);
            assert_eq!(stderr(&out), after_clock(&format!("error: token rejected: missing scope {scope}\n")));
        }
    }
}

/// auth_spec.rb, context 'while using personal access tokens as passwords': "fails if it is an
/// impersonation token but impersonation is blocked", and context 'when user is blocked': "fails
/// if user is blocked".
#[test]
fn auth_spec_impersonation_blocked_and_blocked_users_fail() {
    let env = Env::new();
    env.user("alice", &[]);
    let (_, impersonation) = env.generated_token("alice", "support", "api", &["--impersonation"]);
    let (_, plain) = env.generated_token("alice", "ci", "read_registry", &[]);
    env.write_config("[security]\nimpersonation_enabled = false\n");
    verify_at(&env, NOW, &impersonation, &[]).code(1);
    verify_at(&env, NOW, &plain, &[]).success();
    env.run(&["user", "block", "alice", "--yes"]).success();
    let out = verify_at(&env, NOW, &plain, &[]).code(1);
    assert_eq!(stderr(&out), after_clock("error: token rejected: owner 'alice' is blocked\n"));
}

// ---- spec/models/personal_access_token_spec.rb -------------------------------------------------

/// personal_access_token_spec.rb, describe ".active?": "returns false if the personal_access_token
/// is revoked", "returns false if the personal_access_token is expired", "returns true if the
/// personal_access_token is not revoked and not expired"; describe 'revoke!': "revokes the token".
#[test]
fn model_spec_active_and_revoke() {
    let env = Env::new();
    env.user("alice", &[]);
    let (active, _) = env.generated_token("alice", "active", "api", &["--expires-at", "2026-11-24"]);
    let (revoked, _) = env.generated_token("alice", "revoked", "api", &[]);
    env.run(&["revoke", "--id", &revoked.to_string()]).success();
    let show = |id: i64, now: &str| json_at(&env, now, &["show", &id.to_string()]);
    assert_eq!(show(active, "2026-11-23T23:59:59Z")["active"], true);
    assert_eq!(show(active, "2026-11-24T00:00:00Z")["active"], false, "expired at 00:00 UTC on its date");
    assert_eq!(show(revoked, NOW)["active"], false);
    assert_eq!(show(revoked, NOW)["revoked"], true);
}

/// personal_access_token_spec.rb, context "validations": "requires at least one scope", "allows
/// creating a token with API scopes" ([:api, :read_user]), "rejects creating a token with
/// unavailable scopes" ([:openid, :api]).
#[test]
fn model_spec_scope_validations() {
    let env = Env::new();
    env.user("alice", &[]);
    let before = env.dump();
    let out = env.run(&["create", "--user", "alice", "--name", "none", "--scopes", ","]).code(65);
    assert!(stderr(&out).starts_with(&after_clock("error: at least one scope is required\n")), "{}", stderr(&out));
    let out = env.run(&["create", "--user", "alice", "--name", "openid", "--scopes", "openid,api"]).code(65);
    assert!(stderr(&out).starts_with(&after_clock("error: unknown scope 'openid'\n")), "{}", stderr(&out));
    assert_eq!(env.dump(), before);
    env.generated_token("alice", "ok", "api,read_user", &[]);
}

/// personal_access_token_spec.rb, describe 'scopes' / describe '.expiring_and_not_notified':
/// context 'in one day': "doesn't have any tokens"; context 'in three days': "only includes a
/// valid token" (not the expired, revoked or already notified ones).
#[test]
fn model_spec_expiring_and_not_notified() {
    let env = Env::new();
    env.user("alice", &[]);
    let at = |now: &str, args: &[&str]| env.at(now).args(args).assert().success();
    at(
        "2026-11-01T00:00:00Z",
        &["create", "--user", "alice", "--name", "expired", "--scopes", "api", "--expires-at", "2026-11-21"],
    );
    let (revoked, _) = env.generated_token("alice", "revoked", "api", &["--expires-at", "2026-11-25"]);
    env.run(&["revoke", "--id", &revoked.to_string()]).success();
    let (notified, _) = env.generated_token("alice", "notified", "api", &["--expires-at", "2026-11-25"]);
    // `expire_notification_delivered`: an earlier --once run reported it.
    env.write_config("[expiry]\nnotify_days = [3]\n");
    let check = |args: &[&str]| -> Vec<i64> {
        let out = env.at(NOW).arg("check-expiry").args(args).args(["--format", "json"]).output();
        let report: Value = serde_json::from_slice(&out.unwrap().stdout).unwrap();
        report["expiring"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    };
    assert_eq!(check(&["--once"]), [notified]);
    let (valid, _) = env.generated_token("alice", "valid", "api", &["--expires-at", "2026-11-25"]);
    assert_eq!(check(&["--within", "1"]), [] as [i64; 0], "in one day");
    assert_eq!(check(&["--once"]), [valid], "in three days, not yet notified");
}

// ---- spec/services/resource_access_tokens/*_spec.rb ---------------------------------------------

/// resource_access_tokens/create_service_spec.rb, shared examples 'allows creation of bot with
/// valid params': "creates a user" (user_type project_bot), context 'bot username and email'
/// (`project_{id}_bot`, `noreply.{host}`), context 'description' ("sets description as nil",
/// "set the description value"), context 'access level' / 'when user specifies an access level'
/// ("adds the bot user with the specified access level in the resource"), context 'when user
/// provides scope explicitly' ("overrides the default scope value"), context 'when user provides
/// expiration value' ("overrides the default expiration value"), and 'when
/// require_personal_access_token_expiry is set to false': "returns a nil expiration date".
#[test]
fn resource_access_token_create_service() {
    let env = Env::new();
    env.write_config("[mail]\nhost = \"example.com\"\n");
    env.run(&["project", "add", "group/app"]).success();
    let created = json_at(
        &env,
        NOW,
        &[
            "create",
            "--project",
            "group/app",
            "--name",
            "deploy",
            "--scopes",
            "read_repository,write_repository",
            "--access-level",
            "developer",
            "--expires-at",
            "2026-12-23",
        ],
    );
    assert_eq!(created["description"], Value::Null);
    assert_eq!(created["scopes"], serde_json::json!(["read_repository", "write_repository"]));
    assert_eq!(created["expires_at"], "2026-12-23");
    let bot = env.json(&["user", "show", "project_1_bot"]);
    assert_eq!(bot["user_type"], "project_bot");
    assert_eq!(bot["email"], "project1_bot@noreply.example.com");
    let project = env.json(&["project", "show", "group/app"]);
    assert_eq!(project["members"][0]["username"], "project_1_bot");
    assert_eq!(project["members"][0]["access_level"], "developer");

    let second = json_at(
        &env,
        NOW,
        &["create", "--project", "group/app", "--name", "ci", "--scopes", "api", "--description", "Test token"],
    );
    assert_eq!(second["description"], "Test token");
    assert_eq!(second["username"], "project_1_bot1");

    env.write_config("[tokens]\nrequire_expiry = false\n");
    let never = json_at(&env, NOW, &["create", "--project", "group/app", "--name", "never", "--scopes", "api"]);
    assert_eq!(never["expires_at"], Value::Null);
}

/// resource_access_tokens/create_service_spec.rb, context 'when invalid scope is passed':
/// shared examples 'token creation fails' ("does not add the project bot as a member",
/// "immediately destroys the bot user if one was created") and 'correct error message'.
#[test]
fn resource_access_token_create_service_invalid_scope() {
    let env = Env::new();
    env.run(&["project", "add", "group/app"]).success();
    let before = env.dump();
    for scopes in ["invalid_scope", "read_user"] {
        env.run(&["create", "--project", "group/app", "--name", "deploy", "--scopes", scopes]).code(65);
    }
    assert_eq!(env.dump(), before);
}

/// resource_access_tokens/revoke_service_spec.rb (the version of the seed's docs), shared examples
/// 'revokes access token': "removes membership of bot user", "transfer issuables of bot user to
/// ghost user", "destroys project bot user".
#[test]
fn resource_access_token_revoke_service() {
    let env = Env::new();
    env.run(&["project", "add", "group/app"]).success();
    let (id, _) = create_at(&env, NOW, &["--project", "group/app", "--name", "deploy", "--scopes", "api"]);
    env.run(&["revoke", "--id", &id.to_string()]).success();
    let project = env.json(&["project", "show", "group/app"]);
    assert_eq!(project["members"], serde_json::json!([]));
    assert_eq!(env.token(id)["username"], "ghost");
    assert_eq!(env.token(id)["project"], "group/app");
    assert!(!env.usernames().contains(&"project_1_bot".to_string()));
}

/// resource_access_tokens/create_service_spec.rb, context 'when resource is a group' and context
/// 'when resource is a sub-group' / 'user with valid permission': it_behaves_like 'allows
/// creation of bot with valid params' ("creates a user": user_type project_bot; context 'bot
/// username and email': `group_{id}_bot`, `noreply.{host}`; context 'description'; context 'when
/// user specifies an access level': "adds the bot user with the specified access level in the
/// resource"; 'when user provides scope explicitly': "overrides the default scope value"; 'when
/// user provides expiration value': "overrides the default expiration value"; 'when
/// require_personal_access_token_expiry is set to false': "returns a nil expiration date"), and
/// 'when user specifies an access level of OWNER for the bot': "adds the bot user with the
/// specified access level in the resource". GitLab now appends a random suffix to group bot
/// usernames; patctl keeps the seed's numbering (see the README's table).
#[test]
fn resource_access_token_create_service_for_a_group() {
    let env = Env::new();
    env.write_config("[mail]\nhost = \"example.com\"\n");
    env.run(&["group", "add", "parent"]).success();
    env.run(&["group", "add", "parent/child"]).success();
    for (group, id) in [("parent", 1), ("parent/child", 2)] {
        let args = ["create", "--group", group, "--name", "deploy", "--scopes", "read_repository,write_repository"];
        let created =
            json_at(&env, NOW, &[&args[..], &["--access-level", "developer", "--expires-at", "2026-12-23"]].concat());
        assert_eq!(created["description"], Value::Null);
        assert_eq!(created["scopes"], serde_json::json!(["read_repository", "write_repository"]));
        assert_eq!(created["expires_at"], "2026-12-23");
        assert_eq!(created["group"], group);
        assert_eq!(created["project"], Value::Null);
        let bot = env.json(&["user", "show", &format!("group_{id}_bot")]);
        assert_eq!(bot["user_type"], "project_bot");
        assert_eq!(bot["email"], format!("group{id}_bot@noreply.example.com"));
        let detail = env.json(&["group", "show", group]);
        assert_eq!(detail["members"][0]["username"], format!("group_{id}_bot"));
        assert_eq!(detail["members"][0]["access_level"], "developer");
    }
    let owner = json_at(
        &env,
        NOW,
        &[
            "create",
            "--group",
            "parent",
            "--name",
            "o",
            "--scopes",
            "api",
            "--access-level",
            "owner",
            "--description",
            "Test token",
        ],
    );
    assert_eq!(owner["description"], "Test token");
    assert_eq!(owner["username"], "group_1_bot1");
    let detail = env.json(&["group", "show", "parent"]);
    assert_eq!(detail["members"][0]["username"], "group_1_bot1");
    assert_eq!(detail["members"][0]["access_level"], "owner");

    env.write_config("[tokens]\nrequire_expiry = false\n");
    let never = json_at(&env, NOW, &["create", "--group", "parent", "--name", "never", "--scopes", "api"]);
    assert_eq!(never["expires_at"], Value::Null);
}

/// resource_access_tokens/create_service_spec.rb, context 'when invalid scope is passed' for a
/// group: 'token creation fails' ("does not add the project bot as a member", "immediately
/// destroys the bot user if one was created").
#[test]
fn resource_access_token_create_service_for_a_group_invalid_scope() {
    let env = Env::new();
    env.run(&["group", "add", "parent/child"]).success();
    let before = env.dump();
    for scopes in ["invalid_scope", "read_user"] {
        env.run(&["create", "--group", "parent/child", "--name", "deploy", "--scopes", scopes]).code(65);
    }
    assert_eq!(env.dump(), before);
}

/// resource_access_tokens/revoke_service_spec.rb (the version of the seed's docs), shared examples
/// 'revokes access token' with a group as the resource: "removes membership of bot user",
/// "transfer issuables of bot user to ghost user", "destroys project bot user".
#[test]
fn resource_access_token_revoke_service_for_a_group() {
    let env = Env::new();
    env.run(&["group", "add", "parent"]).success();
    let (id, _) = create_at(&env, NOW, &["--group", "parent", "--name", "deploy", "--scopes", "api"]);
    env.run(&["revoke", "--id", &id.to_string()]).success();
    assert_eq!(env.json(&["group", "show", "parent"])["members"], serde_json::json!([]));
    assert_eq!(env.token(id)["username"], "ghost");
    assert_eq!(env.token(id)["group"], "parent");
    assert!(!env.usernames().contains(&"group_1_bot".to_string()));
}

// ---- spec/services/personal_access_tokens/last_used_service_spec.rb ----------------------------

/// last_used_service_spec.rb, describe '#execute': context 'when the last_used_at timestamp is
/// nil' / 'when the personal access token has not been used recently': "updates the last_used_at
/// timestamp"; context 'when the personal access token has been used recently' (a minute ago):
/// "does not update the last_used_at timestamp" (`LAST_USED_AT_TIMEOUT` = 10 minutes).
#[test]
fn last_used_service_updates_at_most_every_ten_minutes() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = env.generated_token("alice", "ci", "api", &[]);
    let last_used = || env.token(id)["last_used_at"].clone();
    assert_eq!(last_used(), Value::Null);
    verify_at(&env, "2026-11-23T10:00:00Z", &secret, &[]).success();
    assert_eq!(last_used(), "2026-11-23T10:00:00Z");
    let before = env.dump();
    verify_at(&env, "2026-11-23T10:01:00Z", &secret, &[]).success();
    assert_eq!(env.dump(), before, "used a minute ago: nothing written");
    verify_at(&env, "2026-11-23T10:10:00Z", &secret, &[]).success();
    assert_eq!(last_used(), "2026-11-23T10:10:00Z");
    verify_at(&env, "2027-12-01T00:00:00Z", &secret, &[]).code(1);
    assert_eq!(last_used(), "2026-11-23T10:10:00Z", "an expired token is not used");
}

/// A token of alice created the day before `NOW`, used (from no known address) at `last_used`.
fn used_token(env: &Env, name: &str, last_used: Option<&str>) -> (i64, String) {
    let (id, secret) = token_of(env, "2026-11-22T00:00:00Z", "alice", name, &[]);
    if let Some(at) = last_used {
        verify_at(env, at, &secret, &[]).success();
    }
    (id, secret)
}

/// What the last-used service keeps of a token: `last_used_at` and `last_used_ips`.
fn last_use(env: &Env, id: i64) -> Value {
    let token = env.token(id);
    serde_json::json!({"last_used_at": token["last_used_at"], "last_used_ips": token["last_used_ips"]})
}

fn use_of(at: &str, ips: &[&str]) -> Value {
    serde_json::json!({"last_used_at": at, "last_used_ips": ips})
}

/// last_used_service_spec.rb, describe '#execute', context 'when the personal access token was
/// used 10 minutes ago': "updates the last_used_at timestamp"; 'when client is using ipv4' and
/// 'when client is using ipv6': "does update the personal access token's last used ips"; 'when
/// the personal access token was used more than 1 minute ago' (2 minutes): "updates the personal
/// access token's last used ips" (not the timestamp, inside its 10 minutes); 'when the personal
/// access token was used less than 1 minute ago' (30 seconds): "does not update the personal
/// access token's last used ips"; and context 'when the personal access token was used less than
/// 10 minutes ago' (10 minutes - 1 second): "does not update the last_used_at timestamp".
#[test]
fn last_used_service_records_the_client_address() {
    let env = Env::new();
    env.user("alice", &[]);
    for (name, ip) in [("ipv4", "127.0.0.1"), ("ipv6", "::1")] {
        let (id, secret) = used_token(&env, name, Some("2026-11-23T09:50:00Z"));
        verify_at(&env, NOW, &secret, &["--ip", ip]).success();
        assert_eq!(last_use(&env, id), use_of(NOW, &[ip]), "{name}");
    }
    let (id, secret) = used_token(&env, "2 minutes ago", Some("2026-11-23T09:58:00Z"));
    verify_at(&env, NOW, &secret, &["--ip", "::1"]).success();
    assert_eq!(last_use(&env, id), use_of("2026-11-23T09:58:00Z", &["::1"]));
    let (id, secret) = used_token(&env, "30 seconds ago", Some("2026-11-23T09:59:30Z"));
    let before = env.dump();
    verify_at(&env, NOW, &secret, &["--ip", "::1"]).success();
    assert_eq!(env.dump(), before, "nothing written");
    assert_eq!(last_use(&env, id), use_of("2026-11-23T09:59:30Z", &[]));
    let (id, secret) = used_token(&env, "10 minutes - 1 second ago", Some("2026-11-23T09:50:01Z"));
    verify_at(&env, NOW, &secret, &[]).success();
    assert_eq!(last_use(&env, id), use_of("2026-11-23T09:50:01Z", &[]));
    // context 'when the last_used_at timestamp is nil': "updates the last_used_at timestamp".
    let (id, secret) = used_token(&env, "never used", None);
    verify_at(&env, NOW, &secret, &["--ip", "::1"]).success();
    assert_eq!(last_use(&env, id), use_of(NOW, &["::1"]));
}

/// last_used_service_spec.rb, context "when the current ip address is already saved": "when the
/// timestamp does not need an update": "does not update the database"; "when timestamp needs an
/// update" (11 minutes ago): "does update the timestamp, but does not update the ip"; and context
/// "when the count of personal access token's last used ips are above the limit" (127.0.0.1 to
/// .5, created 1 to 5 days ago): "keeps no. of ips at 5" and "removes the oldest PAT ip".
#[test]
fn last_used_service_keeps_known_addresses_once_and_at_most_five() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = used_token(&env, "saved", None);
    verify_at(&env, "2026-11-23T09:49:00Z", &secret, &["--ip", "::1"]).success();
    let before = env.dump();
    verify_at(&env, "2026-11-23T09:55:00Z", &secret, &["--ip", "::1"]).success();
    assert_eq!(env.dump(), before, "nothing written");
    verify_at(&env, NOW, &secret, &["--ip", "::1"]).success();
    assert_eq!(last_use(&env, id), use_of(NOW, &["::1"]));

    let (id, secret) = token_of(&env, "2026-11-01T00:00:00Z", "alice", "five", &[]);
    for day in (1..=5).rev() {
        let at = format!("2026-11-{:02}T10:00:00Z", 23 - day);
        verify_at(&env, &at, &secret, &["--ip", &format!("127.0.0.{day}")]).success();
    }
    let five = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"];
    assert_eq!(last_use(&env, id), use_of("2026-11-22T10:00:00Z", &five));
    verify_at(&env, NOW, &secret, &["--ip", "123.12.123.1"]).success();
    let kept = ["123.12.123.1", "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"];
    assert_eq!(last_use(&env, id), use_of(NOW, &kept));
}

// ---- spec/services/personal_access_tokens/revoke_service_spec.rb -------------------------------

/// revoke_service_spec.rb, describe '#execute': "revokes the token", and revoking a token that
/// is already revoked changes nothing (`revoke!` is harmless twice).
#[test]
fn revoke_service_revokes_once() {
    let env = Env::new();
    env.user("alice", &[]);
    let (id, secret) = env.generated_token("alice", "ci", "api", &[]);
    let out = env.run_with_input(&["revoke", "--token-file", "-"], &format!("{secret}\n")).success();
    assert_eq!(stderr(&out), after_clock(&format!("revoked token {id} 'ci' for alice (api; expires 2027-11-23)\n")));
    assert_eq!(env.token(id)["revoked"], true);
    let before = env.dump();
    let out = env.run(&["revoke", "--id", &id.to_string()]).success();
    assert_eq!(
        stderr(&out),
        after_clock(&format!("already revoked: token {id} 'ci' for alice (api; expires 2027-11-23)\n"))
    );
    assert_eq!(env.dump(), before);
}

// ---- spec/workers/personal_access_tokens/*_worker_spec.rb --------------------------------------

/// What one `check-expiry --once` run at `now` reports: (finding, token id, threshold) sorted.
fn once_at(env: &Env, now: &str) -> Vec<(String, i64, i64)> {
    let out = env.at(now).args(["check-expiry", "--once", "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for key in ["expiring", "expired"] {
        for item in report[key].as_array().unwrap() {
            found.push((key.to_string(), item["id"].as_i64().unwrap(), item["threshold_days"].as_i64().unwrap()));
        }
    }
    found.sort();
    found
}

fn expiring(id: i64, threshold: i64) -> (String, i64, i64) {
    ("expiring".to_string(), id, threshold)
}

/// expiring_worker_spec.rb, describe '#perform' (GitLab 17.7+, `notify_days = [60, 30, 7]`):
/// context 'when a token needs to be notified' ("uses notification service to send the email"
/// for the tokens expiring in 5 and 3 days, not the notified, far or impersonation ones; "marks
/// the notification as delivered"), 'when tokens expire within 30 days', 'when tokens expire
/// within 60 days' (each threshold once), 'when no tokens need to be notified' and 'when a token
/// is an impersonation token' ("doesn't change the notification delivered of the token"), and
/// 'when a token is owned by a project bot' ('sends notification about expiry of bot user tokens').
#[test]
fn expiring_worker_notifies_each_threshold_once() {
    let env = Env::new();
    env.write_config("[expiry]\nnotify_days = [60, 30, 7]\n");
    env.user("user", &["--email", "user@example.com"]);
    let token = |name: &str, expires: &str, extra: &[&str]| {
        env.generated_token("user", name, "api", &[&["--expires-at", expires][..], extra].concat()).0
    };
    let notified = token("notified", "2026-11-28", &[]);
    assert_eq!(once_at(&env, NOW), [expiring(notified, 7)]);
    let in_5_days = token("expiring", "2026-11-28", &[]);
    let in_3_days = token("expiring2", "2026-11-26", &[]);
    token("not_expiring", "2027-05-23", &[]);
    token("impersonation", "2026-11-28", &["--impersonation"]);
    let in_28_days = token("thirty", "2026-12-21", &[]);
    let in_58_days = token("sixty", "2027-01-20", &[]);
    env.run(&["project", "add", "group/app"]).success();
    let (bot, _) = create_at(
        &env,
        NOW,
        &["--project", "group/app", "--name", "bot", "--scopes", "api", "--expires-at", "2026-11-28"],
    );
    let mut expected = vec![
        expiring(in_5_days, 7),
        expiring(in_3_days, 7),
        expiring(in_28_days, 30),
        expiring(in_58_days, 60),
        expiring(bot, 7),
    ];
    expected.sort();
    assert_eq!(once_at(&env, NOW), expected);
    // Delivered: the next run has nothing to say and writes nothing.
    let before = env.dump();
    assert_eq!(once_at(&env, "2026-11-23T12:00:00Z"), []);
    assert_eq!(env.dump(), before);
    // Each later threshold once: the 60-day token reaches 30 days on 2026-12-21.
    assert_eq!(once_at(&env, "2026-12-21T01:00:00Z").iter().filter(|f| f.1 == in_58_days).count(), 1);
}

/// expired_notification_worker_spec.rb, describe '#perform': context 'when a token has expired'
/// ("uses notification service to send email to the user", "updates notified column"), and
/// 'expiry notification is not required to be sent for the token' when it is impersonated or
/// revoked. Context 'when token has expired in the past' is where patctl differs on purpose (see
/// the README): a token whose expiry was never reported is reported late rather than never.
#[test]
fn expired_notification_worker_notifies_once_at_expiry() {
    let env = Env::new();
    env.user("user", &["--email", "user@example.com"]);
    let at = |now: &str, name: &str, expires: &str, extra: &[&str]| {
        create_at(
            &env,
            now,
            &[&["--user", "user", "--name", name, "--scopes", "api", "--expires-at", expires][..], extra].concat(),
        )
        .0
    };
    let created = "2026-10-01T00:00:00Z";
    let today = at(created, "expired_today", "2026-11-23", &[]);
    at(created, "impersonated", "2026-11-23", &["--impersonation"]);
    let revoked = at(created, "revoked", "2026-11-23", &[]);
    env.run(&["revoke", "--id", &revoked.to_string()]).success();
    let past = at(created, "expired_in_the_past", "2026-11-22", &[]);
    let expired = |id: i64| ("expired".to_string(), id, 0);
    assert_eq!(once_at(&env, "2026-11-23T02:00:00Z"), [expired(today), expired(past)]);
    assert_eq!(once_at(&env, "2026-11-24T02:00:00Z"), [], "notified once");
}

// ---- spec/requests/api/personal_access_tokens_spec.rb -----------------------------------------
//
// The API's admin is patctl's operator; a request's own token (`current_users_token`) is an
// admin's token created and used at `NOW`. GitLab reads a zoneless time ('2022-01-01T12:30:24')
// as UTC; patctl takes RFC 3339 timestamps or dates, so those rows carry a `Z`. The spec's dates
// (2022) are moved to 2026 so that the tokens fit the maximum lifetime at patctl's fixed clock.

/// The request's own token: an admin's, created and used at `NOW`.
fn current_users_token(env: &Env) -> i64 {
    env.user("admin", &["--admin"]);
    let (id, secret) = create_at(env, NOW, &["--user", "admin", "--name", "current", "--scopes", "api"]);
    verify_at(env, NOW, &secret, &[]).success();
    id
}

fn token_of(env: &Env, now: &str, user: &str, name: &str, extra: &[&str]) -> (i64, String) {
    create_at(env, now, &[&["--user", user, "--name", name, "--scopes", "api"][..], extra].concat())
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator': "returns all PATs by default" (patctl: `--state all`, see the README's
/// table), and context 'filtered with user_id parameter': "returns only PATs belonging to that
/// user" (two, the impersonation token last) and 'validations for user_id parameter': "returns
/// 404 if user_id is provided but does not exist" and "returns 404 if user_id is explicitly
/// blank" (patctl: exit 67, unknown user).
#[test]
fn api_list_returns_all_and_filters_by_user() {
    let env = Env::new();
    let current = current_users_token(&env);
    env.user("someone", &[]);
    let (token, _) = token_of(&env, NOW, "someone", "token", &[]);
    let (impersonated, _) = token_of(&env, NOW, "someone", "impersonated", &["--impersonation"]);
    assert_eq!(found(&env, &[]), [current, token, impersonated]);
    let listed = env.json(&["list", "--user", "someone"]);
    let pairs: Vec<(i64, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_i64().unwrap(), t["username"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [(token, "someone"), (impersonated, "someone")]);
    snapshot!([env.transcript(&["list", "--user", "nobody"]), env.transcript(&["list", "--user", ""])].join("\n"));
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator', 'filter with revoked parameter' (true, false) and 'filter with active
/// parameter' (state inactive: the revoked and the expired one; active), each "status, count and
/// result as expected".
#[test]
fn api_list_filters_revoked_and_state() {
    let env = Env::new();
    let current = current_users_token(&env);
    env.user("u", &[]);
    let (revoked, _) = token_of(&env, NOW, "u", "revoked", &[]);
    env.run(&["revoke", "--id", &revoked.to_string()]).success();
    let (not_revoked1, _) = token_of(&env, NOW, "u", "not_revoked1", &[]);
    let (expired, _) = token_of(&env, "2025-12-01T00:00:00Z", "u", "expired", &["--expires-at", "2026-01-01"]);
    assert_eq!(found(&env, &["--revoked", "true"]), [revoked]);
    assert_eq!(found(&env, &["--revoked", "false"]), [current, not_revoked1, expired]);
    assert_eq!(found(&env, &["--state", "inactive"]), [revoked, expired]);
    assert_eq!(found(&env, &["--state", "active"]), [current, not_revoked1]);
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator', 'filter with created parameter': 'test created_before' and 'test
/// created_after' (both inclusive of the token's second; a date is its midnight).
#[test]
fn api_list_filters_created_before_and_after() {
    let env = Env::new();
    let current = current_users_token(&env);
    let (token1, _) = token_of(&env, "2026-01-01T12:30:25Z", "admin", "token1", &["--expires-at", "2026-12-31"]);
    let table: [(&str, &str, Vec<i64>); 10] = [
        ("--created-before", "2026-01-02", vec![token1]),
        ("--created-before", "2026-01-01", vec![]),
        ("--created-before", "2026-01-01T12:30:24Z", vec![]),
        ("--created-before", "2026-01-01T12:30:25Z", vec![token1]),
        ("--created-before", "2026-01-01T12:30:26Z", vec![token1]),
        ("--created-after", "2026-01-03", vec![current]),
        ("--created-after", "2026-01-01", vec![current, token1]),
        ("--created-after", "2026-01-01T12:30:25Z", vec![current, token1]),
        ("--created-after", "2026-01-01T12:30:26Z", vec![current]),
        ("--created-after", "2026-11-24T10:00:00Z", vec![]),
    ];
    for (flag, value, expected) in table {
        assert_eq!(found(&env, &[flag, value]), expected, "{flag} {value}");
    }
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator', 'filter with last_used parameter': 'test last_used_before' and 'test
/// last_used_after' (a never-used token matches neither).
#[test]
fn api_list_filters_last_used_before_and_after() {
    let env = Env::new();
    let current = current_users_token(&env);
    let (token1, secret) = token_of(&env, "2026-01-01T00:00:00Z", "admin", "token1", &["--expires-at", "2026-12-31"]);
    verify_at(&env, "2026-01-01T12:30:25Z", &secret, &[]).success();
    token_of(&env, NOW, "admin", "never_used", &[]);
    let table: [(&str, &str, Vec<i64>); 10] = [
        ("--last-used-before", "2026-01-02", vec![token1]),
        ("--last-used-before", "2026-01-01", vec![]),
        ("--last-used-before", "2026-01-01T12:30:24Z", vec![]),
        ("--last-used-before", "2026-01-01T12:30:25Z", vec![token1]),
        ("--last-used-before", "2026-01-01T12:30:26Z", vec![token1]),
        ("--last-used-after", "2026-01-03", vec![current]),
        ("--last-used-after", "2026-01-01", vec![current, token1]),
        ("--last-used-after", "2026-01-01T12:30:26Z", vec![current]),
        ("--last-used-after", "2026-01-01T12:30:25Z", vec![current, token1]),
        ("--last-used-after", "2026-11-24T10:00:00Z", vec![]),
    ];
    for (flag, value, expected) in table {
        assert_eq!(found(&env, &[flag, value]), expected, "{flag} {value}");
    }
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator', 'filter with expires parameter': 'test expires_before' (strictly before)
/// and 'test expires_after' (on or after). patctl's expiry filters take dates only, as
/// `expires_at` is one: the rows with a time of day are left out (patctl refuses them, exit 65).
#[test]
fn api_list_filters_expires_before_and_after() {
    let env = Env::new();
    let current = current_users_token(&env);
    let (token1, _) = token_of(&env, "2025-12-01T00:00:00Z", "admin", "token1", &["--expires-at", "2026-01-01"]);
    let table: [(&str, &str, Vec<i64>); 6] = [
        ("--expires-before", "2026-01-02", vec![token1]),
        ("--expires-before", "2026-01-01", vec![]),
        ("--expires-after", "2026-01-03", vec![current]),
        ("--expires-after", "2026-01-01", vec![current, token1]),
        ("--expires-after", "2026-01-02", vec![current]),
        ("--expires-after", "2026-11-24", vec![current]),
    ];
    for (flag, value, expected) in table {
        assert_eq!(found(&env, &[flag, value]), expected, "{flag} {value}");
    }
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', context 'logged in as
/// an Administrator', 'filter with search parameter' ('test', '', 'test_1', 'asdf'), and 'filter
/// created_before/created_after combined with last_used_before/last_used_after' and 'filter
/// created_before and created_after combined is valid' (a window of one day matches its token).
#[test]
fn api_list_filters_search_and_combined_windows() {
    let env = Env::new();
    let current = current_users_token(&env);
    let (token1, _) = token_of(&env, NOW, "admin", "test_1", &[]);
    let (token2, _) = token_of(&env, NOW, "admin", "test_2", &[]);
    for (pattern, expected) in [
        ("test", vec![token1, token2]),
        ("", vec![current, token1, token2]),
        ("test_1", vec![token1]),
        ("asdf", vec![]),
    ] {
        assert_eq!(found(&env, &["--search", pattern]), expected, "search {pattern:?}");
    }

    let env = Env::new();
    let current = current_users_token(&env);
    let date = "2026-01-02T00:00:00Z";
    let (token1, secret) = token_of(&env, date, "admin", "token1", &["--expires-at", "2026-12-31"]);
    verify_at(&env, date, &secret, &[]).success();
    let windows: [(Option<&str>, Option<&str>, Vec<i64>); 5] = [
        (Some("2026-01-03"), Some("2026-01-01"), vec![token1]),
        (Some("2026-01-01"), Some("2026-01-03"), vec![]),
        (Some("2026-01-03"), None, vec![token1]),
        (None, Some("2026-01-01"), vec![current, token1]),
        (Some("2026-01-02"), Some("2026-01-02"), vec![token1]),
    ];
    for (before, after, expected) in windows {
        for (before_flag, after_flag) in
            [("--created-before", "--created-after"), ("--last-used-before", "--last-used-after")]
        {
            let mut args = Vec::new();
            if let Some(before) = before {
                args.extend([before_flag, before]);
            }
            if let Some(after) = after {
                args.extend([after_flag, after]);
            }
            assert_eq!(found(&env, &args), expected, "{}", args.join(" "));
        }
    }
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens', the `bad_request`
/// rows of every filter ('asdf': "revoked is invalid", "state does not have a valid value",
/// "created_before is invalid", ...): patctl refuses each with a usage error or a data error and
/// lists nothing.
#[test]
fn api_list_refuses_invalid_filter_values() {
    let env = Env::new();
    current_users_token(&env);
    let shown: Vec<String> = [
        "--revoked",
        "--state",
        "--created-before",
        "--created-after",
        "--last-used-before",
        "--last-used-after",
        "--expires-before",
        "--expires-after",
    ]
    .iter()
    .map(|flag| env.transcript(&["list", flag, "asdf"]))
    .collect();
    snapshot!(shown.join("\n"));
}

/// personal_access_tokens_spec.rb, describe 'GET /personal_access_tokens/:id', context 'when
/// current_user is an administrator': "returns admins own PAT by id", "returns a different users
/// PAT by id", "fails to return PAT because no PAT exists with this id" (patctl: exit 66); and
/// 'when an ip is recently used': "returns ips used", 'when there is not an ip recently used':
/// "does not return an ip".
#[test]
fn api_get_by_id() {
    let env = Env::new();
    let admin_token = current_users_token(&env);
    env.user("user", &[]);
    let (user_token, secret) = token_of(&env, NOW, "user", "user_token", &[]);
    assert_eq!(env.json(&["show", &admin_token.to_string()])["id"], admin_token);
    let shown = env.json(&["show", &user_token.to_string()]);
    assert_eq!((shown["id"].as_i64(), &shown["last_used_ips"]), (Some(user_token), &serde_json::json!([])));
    verify_at(&env, "2026-11-23T10:30:00Z", &secret, &["--ip", "127.0.0.1"]).success();
    assert_eq!(env.json(&["show", &user_token.to_string()])["last_used_ips"], serde_json::json!(["127.0.0.1"]));
    snapshot!(env.transcript(&["show", "999"]));
}

/// personal_access_tokens_spec.rb, describe 'POST /personal_access_tokens/:id/rotate': "rotates
/// user's own token" (a new secret, expires today + 1 week), context 'when expiry is defined'
/// (today + 1 month), context 'when require_token_expiry is false' / 'when expiry is not defined':
/// "rotates user's own token with no expiration", and 'when token does not exist' / 'for admin
/// user': "returns not found" (patctl: exit 66, nothing written).
#[test]
fn api_rotate() {
    let env = Env::new();
    env.user("user", &[]);
    let rotated = |id: i64, extra: &[&str]| -> (String, Value) {
        let new = json_at(&env, NOW, &[&["rotate", "--id", &id.to_string()][..], extra].concat());
        (new["token"].as_str().unwrap().to_string(), new["expires_at"].clone())
    };
    let (token, secret) = token_of(&env, NOW, "user", "week", &[]);
    let (new_secret, expires_at) = rotated(token, &[]);
    assert_ne!(new_secret, secret);
    assert_eq!(expires_at, "2026-11-30");
    let (token, secret) = token_of(&env, NOW, "user", "month", &[]);
    let (new_secret, expires_at) = rotated(token, &["--expires-at", "2026-12-23"]);
    assert_ne!(new_secret, secret);
    assert_eq!(expires_at, "2026-12-23");
    env.write_config("[tokens]\nrequire_expiry = false\n");
    let (token, secret) = token_of(&env, NOW, "user", "never", &[]);
    let (new_secret, expires_at) = rotated(token, &[]);
    assert_ne!(new_secret, secret);
    assert_eq!(expires_at, Value::Null);
    let before = env.dump();
    snapshot!(env.transcript(&["rotate", "--id", "999"]));
    assert_eq!(env.dump(), before);
}

/// personal_access_tokens_spec.rb, describe 'DELETE /personal_access_tokens/:id', context 'when
/// current_user is an administrator': "revokes a different users token" and "revokes their own
/// token"; a token that does not exist is exit 66 and nothing is written.
#[test]
fn api_delete_revokes() {
    let env = Env::new();
    let admin_token = current_users_token(&env);
    env.user("user", &[]);
    let (token1, _) = token_of(&env, NOW, "user", "token1", &[]);
    for id in [token1, admin_token] {
        env.run(&["revoke", "--id", &id.to_string()]).success();
        assert_eq!(env.token(id)["revoked"], true);
    }
    let before = env.dump();
    snapshot!(env.transcript(&["revoke", "--id", "999"]));
    assert_eq!(env.dump(), before);
}
