//! Every JSON document a test sees patctl print is checked against the published schema of its
//! command (`schema/*.schema.json`), by the harness's runners ([`super::Patctl`], which
//! `Env::cmd`, `Env::at`, `Env::run` and `Env::json` use, [`super::transcript`] and
//! `process::run*`): a test that prints JSON checks the contract too.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::process::Output;
use std::sync::OnceLock;

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

/// Where the schemas say they live (`$id`); `$ref`s between them are read from `schema/`.
const BASE: &str = "https://patctl.invalid/schema/";

/// The schemas shipped in `schema/`, by file name without `.schema.json`.
pub const SCHEMAS: [&str; 16] = [
    "apply",
    "audit-event",
    "check-expiry",
    "config-path",
    "config-show",
    "db-backup",
    "db-check",
    "db-copy",
    "db-migrate",
    "db-ping",
    "error",
    "group",
    "project",
    "token",
    "user",
    "verify",
];

struct Local;

impl Retrieve for Local {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().strip_prefix(BASE).ok_or_else(|| format!("not a patctl schema: {}", uri.as_str()))?;
        Ok(read(name))
    }
}

fn read(file: &str) -> Value {
    let path = super::repo("schema").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validators() -> &'static HashMap<&'static str, Validator> {
    static VALIDATORS: OnceLock<HashMap<&'static str, Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        SCHEMAS
            .iter()
            .map(|name| {
                let schema = read(&format!("{name}.schema.json"));
                let validator = jsonschema::options()
                    // `format` is an annotation (2020-12): the schemas' patterns say what patctl
                    // prints, years past 9999 an older patctl stored included.
                    .with_retriever(Local)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("schema/{name}.schema.json: {e}"));
                (*name, validator)
            })
            .collect()
    })
}

/// How `record` departs from `schema/{name}.schema.json`: nothing when it follows it.
pub fn errors(name: &str, record: &Value) -> Vec<String> {
    let validator = validators().get(name).unwrap_or_else(|| panic!("no schema named {name}"));
    validator.iter_errors(record).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// Panics unless `value` follows `schema/{name}.schema.json`; an array is a list of such records.
pub fn validate(name: &str, value: &Value) {
    let records: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        record => vec![record],
    };
    for record in records {
        let errors = errors(name, record);
        assert!(errors.is_empty(), "does not follow schema/{name}.schema.json:\n{}\n{record:#}", errors.join("\n"));
    }
}

/// The schema of what `patctl ARGS` prints, by its command words; `None` where it prints no
/// JSON record of its own (completions, man).
pub fn schema_for(args: &[String]) -> Option<&'static str> {
    let mut words = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--db" | "--config" | "--format" => {
                rest.next();
            }
            "--" => break,
            flag if flag.starts_with('-') => {}
            word => words.push(word),
        }
        if words.len() == 2 {
            break;
        }
    }
    Some(match words.as_slice() {
        ["create" | "rotate" | "show" | "revoke" | "list", ..] => "token",
        ["verify", ..] => "verify",
        ["user", ..] => "user",
        ["project", ..] => "project",
        ["group", ..] => "group",
        ["check-expiry", ..] => "check-expiry",
        ["audit", ..] => "audit-event",
        ["apply", ..] => "apply",
        ["db", "check"] => "db-check",
        ["db", "migrate"] => "db-migrate",
        ["db", "backup"] => "db-backup",
        ["db", "copy"] => "db-copy",
        ["db", "ping"] => "db-ping",
        ["config", "show"] => "config-show",
        ["config", "path"] => "config-path",
        _ => return None,
    })
}

/// The format `args` ask for, as patctl reads it.
fn format(args: &[String]) -> Option<&str> {
    let at = args.iter().position(|a| a == "--format");
    match at {
        Some(at) => args.get(at + 1).map(String::as_str),
        None => args.iter().find_map(|a| a.strip_prefix("--format=")),
    }
}

/// Checks what a run of `patctl ARGS` printed, when it was asked for JSON: stdout against its
/// command's schema, and a failure's last line on stderr against the error object's (its
/// `exit_code` the process's).
pub fn check_run<'a>(args: impl IntoIterator<Item = &'a OsStr>, out: &Output) {
    let args: Vec<String> = args.into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let lines = match format(&args) {
        Some("json") => false,
        Some("jsonl") => true,
        _ => return,
    };
    let code = out.status.code();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed = stderr.lines().last().is_some_and(|line| line.starts_with("{\"error\":"));
    if failed {
        let line = stderr.lines().last().expect("a last line");
        let error: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        validate("error", &error);
        assert_eq!(error["error"]["exit_code"].as_i64(), code.map(i64::from), "{line}");
    } else if code.is_some_and(|c| c >= 64) && !lines {
        panic!("a failure with --format json should end stderr with the error object:\n{stderr}");
    }
    let Some(schema) = schema_for(&args) else { return };
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.is_empty() {
        return;
    }
    // Only a negative answer (verify), a failed check (db check) and a committed change whose
    // lifecycle mail failed (69) print a record beside it.
    let beside = matches!(schema, "verify" | "db-check") || code == Some(69);
    assert!(!failed || beside, "a failure printed on stdout:\n{stdout}");
    let documents: Vec<&str> = if lines { stdout.lines().collect() } else { vec![&stdout] };
    for document in documents {
        let value: Value = serde_json::from_str(document).unwrap_or_else(|e| panic!("{e}: {document}"));
        validate(schema, &value);
    }
}

#[test]
fn every_schema_file_is_checked_and_packaged() {
    let mut files: Vec<String> = std::fs::read_dir(super::repo("schema"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let named: Vec<String> = SCHEMAS.iter().map(|name| format!("{name}.schema.json")).collect();
    assert_eq!(files, named);
    validators();
    let manifest = std::fs::read_to_string(super::repo("Cargo.toml")).unwrap();
    assert!(manifest.contains(r#"["schema/*.schema.json", "usr/share/doc/patctl/", "644"]"#));
}

#[test]
fn the_schemas_refuse_fields_patctl_does_not_print() {
    let env = super::Env::new();
    env.user("alice", &[]);
    env.run(&["create", "--user", "alice", "--name", "soon", "--scopes", "api", "--expires-in", "2d"]).success();
    let token = env.token(1);
    assert!(errors("token", &token).is_empty());
    let mut extra = token.clone();
    extra["secret_digest"] = Value::from("x");
    assert!(!errors("token", &extra).is_empty(), "an unknown field");
    let mut missing = token.clone();
    missing.as_object_mut().unwrap().remove("scopes");
    assert!(!errors("token", &missing).is_empty(), "a missing field");
    let mut joined = token.clone();
    joined["scopes"] = Value::from("api,read_user");
    assert!(!errors("token", &joined).is_empty(), "scopes as text");
    // A finding is a token record and days_left, through a reference into token.schema.json.
    let report = env.json(&["check-expiry", "--exit-zero"]);
    assert!(errors("check-expiry", &report).is_empty());
    let mut finding = report.clone();
    finding["expiring"][0].as_object_mut().unwrap().remove("days_left");
    assert!(!errors("check-expiry", &finding).is_empty(), "a finding without days_left");
    let mut stray = report;
    stray["expiring"][0]["owner"] = Value::from("alice");
    assert!(!errors("check-expiry", &stray).is_empty(), "a field neither token nor finding has");
}
