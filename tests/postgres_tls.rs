//! Reaching PostgreSQL: the URI, passwords and TLS. The first tests need no server (URIs are
//! read, redacted and refused without connecting). The rest start a private server as the
//! `postgres` user (initdb in a temp dir, listening on 127.0.0.1 on a free port, `ssl = on`
//! with a certificate for `localhost` signed by a CA made here with `openssl`) and drive the
//! real binary's `db ping` against it. Without PostgreSQL's binaries, `runuser` and root they
//! print one line saying how to enable them; under `CI=true` that is a failure.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{CLOCK_WARNING, Env, code, process, stderr, stdout};

/// A password that must never be printed.
const SECRET: &str = "hunter2-right-horse";

fn run(env: &Env, uri: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = process::command(env, args);
    cmd.env("PATCTL_DB", uri);
    process::run(cmd)
}

/// The error and hint lines after the clock warning (and any warnings), as one-liners.
fn error_lines(out: &std::process::Output) -> (String, String) {
    let text = stderr(out);
    let lines: Vec<&str> =
        text.strip_prefix(CLOCK_WARNING).unwrap_or(&text).lines().filter(|l| !l.starts_with("warning: ")).collect();
    assert_eq!(lines.len(), 2, "one error line and one hint line:\n{text}");
    assert!(lines[0].starts_with("error: ") && lines[1].starts_with("hint: "), "{text}");
    (lines[0].to_string(), lines[1].to_string())
}

fn assert_no_secret(out: &std::process::Output) {
    for text in [stdout(out), stderr(out)] {
        assert!(!text.contains(SECRET) && !text.contains("hunter2"), "the password was printed:\n{text}");
    }
}

#[test]
fn config_show_names_the_server_with_its_password_redacted_and_warns_once() {
    // A SQLite file for --db on either pass: it is what wins over the file's URI below.
    let env = Env::new_sqlite();
    let uri = format!("postgresql://alice:{SECRET}@db.example.org:6432/patctl?sslmode=verify-full&password={SECRET}");
    let out = run(&env, &uri, &["config", "show", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_no_secret(&out);
    let shown: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let redacted = "postgresql://alice:***@db.example.org:6432/patctl?sslmode=verify-full&password=***";
    assert_eq!(
        shown["store"],
        serde_json::json!({"engine": "postgresql", "location": redacted, "source": "env PATCTL_DB"})
    );
    let url = shown["values"].as_array().unwrap().iter().find(|v| v["key"] == "database.url").unwrap();
    assert_eq!((url["value"].as_str(), url["source"].as_str()), (Some(redacted), Some("env PATCTL_DB")));
    let warnings = stderr(&out).matches("warning: a password in the PATCTL_DB URI").count();
    assert_eq!(warnings, 1, "{}", stderr(&out));

    // From the config file, with the path unused and the password file named.
    env.write_config(&format!(
        "[database]\nurl = \"postgresql://bob:{SECRET}@/patctl?host=/run/pg\"\npassword_file = \"/etc/patctl/db.pass\"\n"
    ));
    let mut cmd = process::command(&env, &["config", "show"]);
    cmd.env_remove("PATCTL_DB");
    let out = process::run(cmd);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_no_secret(&out);
    let text = stdout(&out);
    assert!(text.contains("store: postgresql postgresql://bob:***@/patctl?host=/run/pg (file)\n"), "{text}");
    assert!(text.contains("database.password_file                /etc/patctl/db.pass"), "{text}");
    assert!(stderr(&out).contains("warning: a password in config database.url is kept in the config file"));

    // --db wins over the file: the file's URI is shown unused, still redacted.
    let db = env.db.display().to_string();
    let out = process::run(process::command(&env, &["--db", &db, "config", "show", "--format", "csv"]));
    assert_no_secret(&out);
    assert!(
        stdout(&out).contains("database.url,postgresql://bob:***@/patctl?host=/run/pg,\"file, unused\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_uris_are_usage_or_config_errors_that_never_echo_the_password() {
    let env = Env::new();
    for (uri, message) in [
        (format!("postgresql://u:{SECRET}@h:http/db"), "error: PATCTL_DB: invalid port \"http\" in the PostgreSQL URI"),
        (format!("postgresql://u:{SECRET}@h/db?sslmode=verify"), "error: PATCTL_DB: invalid sslmode \"verify\""),
        (
            format!("postgresql://u:{SECRET}%zz@h/db"),
            "error: PATCTL_DB: invalid PostgreSQL URI: bad percent-encoding in the password",
        ),
    ] {
        let out = run(&env, &uri, &["list"]);
        assert_eq!(code(&out), 64, "{uri}: {}", stderr(&out));
        assert_no_secret(&out);
        assert_eq!(error_lines(&out).0, message);
    }
    env.write_config(&format!("[database]\nurl = \"postgresql://u:{SECRET}@h:0/db\"\n"));
    let mut cmd = process::command(&env, &["list"]);
    cmd.env_remove("PATCTL_DB");
    let out = process::run(cmd);
    assert_eq!(code(&out), 78, "{}", stderr(&out));
    assert_no_secret(&out);
    assert_eq!(error_lines(&out).0, "error: database.url: invalid port \"0\" in the PostgreSQL URI");
    env.write_config("[database]\nurl = \"postgresql://u@h/db\"\npath = \"/x.db\"\n");
    let out = process::run(process::command(&env, &["config", "show"]));
    assert_eq!(code(&out), 78, "{}", stderr(&out));
}

#[test]
fn an_unreachable_server_is_exit_69_naming_the_host_never_the_password() {
    let env = Env::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = run(&env, &format!("postgresql://u:{SECRET}@127.0.0.1:{port}/db"), &["db", "ping"]);
    assert_eq!(code(&out), 69, "{}", stderr(&out));
    assert_no_secret(&out);
    let (error, hint) = error_lines(&out);
    assert_eq!(error, format!("error: cannot connect to PostgreSQL at 127.0.0.1:{port}: Connection refused"));
    assert!(hint.contains("accepting TCP/IP connections"), "{hint}");
    let socket = format!("postgresql://u:{SECRET}@/db?host={}", env.dir.path().display());
    let out = run(&env, &socket, &["db", "ping", "--format", "json"]);
    assert_eq!(code(&out), 69, "{}", stderr(&out));
    assert_no_secret(&out);
    let error: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    let message =
        format!("cannot connect to PostgreSQL at {} (socket): No such file or directory", env.dir.path().display());
    assert_eq!(error["error"]["message"], message);
}

#[test]
fn db_ping_on_a_sqlite_file_opens_it() {
    let env = Env::new_sqlite();
    env.run(&["user", "add", "alice"]).success();
    let out = process::run(process::command(&env, &["db", "ping", "--format", "json"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(shown["engine"], "sqlite");
    assert_eq!(shown["server"], Value::Null);
}

/// A private PostgreSQL server with TLS, stopped (immediately) when dropped.
struct Server {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl Server {
    /// The server, or why it cannot be started here.
    fn start(hba: &str) -> Result<Server, String> {
        let bin = postgres_bin().ok_or("no PostgreSQL binaries in /usr/lib/postgresql/*/bin")?;
        if !Path::new("/usr/sbin/runuser").exists() && !Path::new("/sbin/runuser").exists() {
            return Err("no runuser".into());
        }
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Err("not root (the server runs as the postgres user, through runuser)".into());
        }
        let dir = tempfile::tempdir_in("/tmp").map_err(|e| e.to_string())?;
        make_certificates(dir.path());
        chown_to_postgres(dir.path());
        let data = dir.path().join("data");
        as_postgres(
            &bin.join("initdb"),
            &["-D", data.to_str().unwrap(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
        )?;
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let d = dir.path().display();
        let options = format!(
            "-k {d} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on \
             -c ssl_cert_file={d}/server.crt -c ssl_key_file={d}/server.key"
        );
        let log = dir.path().join("log");
        let server = Server { dir, bin, port };
        as_postgres(
            &server.bin.join("pg_ctl"),
            &["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-w", "-o", &options, "start"],
        )
        .map_err(|e| format!("{e}\n{}", std::fs::read_to_string(&log).unwrap_or_default()))?;
        Ok(server)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs SQL as the superuser over the socket.
    fn sql(&self, sql: &str) {
        let port = self.port.to_string();
        let dir = self.dir.path().to_str().unwrap().to_string();
        as_postgres(&self.bin.join("psql"), &["-h", &dir, "-p", &port, "-U", "postgres", "-d", "postgres", "-qc", sql])
            .unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = as_postgres(&self.bin.join("pg_ctl"), &["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"]);
    }
}

/// The newest `/usr/lib/postgresql/N/bin` holding initdb.
fn postgres_bin() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn as_postgres(program: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(program)
        .args(args)
        .current_dir("/")
        .output()
        .map_err(|e| format!("runuser: {e}"))?;
    match out.status.success() {
        true => Ok(()),
        false => Err(format!("{} failed: {}", program.display(), String::from_utf8_lossy(&out.stderr))),
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("the openssl command");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// ca.crt signs server.crt (for DNS name `localhost` only); other-ca.crt signs nothing here.
fn make_certificates(dir: &Path) {
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    for (name, cn) in [("ca", "patctl test CA"), ("other-ca", "another CA")] {
        let (key, crt, subject) = (format!("{name}.key"), format!("{name}.crt"), format!("/CN={cn}"));
        let mut args = vec!["req", "-x509"];
        args.extend(ec);
        args.extend(["-keyout", &key, "-out", &crt, "-days", "2", "-subj", &subject]);
        openssl(dir, &args);
    }
    let mut args = vec!["req"];
    args.extend(ec);
    args.extend(["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]);
    openssl(dir, &args);
    std::fs::write(dir.join("server.ext"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ],
    );
    std::fs::set_permissions(dir.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn chown_to_postgres(dir: &Path) {
    let out = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir).output().unwrap();
    assert!(out.status.success(), "chown: {}", String::from_utf8_lossy(&out.stderr));
}

/// The server, or `None` after one line saying how to enable the test (a failure under CI).
fn server_or_skip(hba: &str) -> Option<Server> {
    match Server::start(hba) {
        Ok(server) => Some(server),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI needs the PostgreSQL test server: {why}")
        }
        Err(why) => {
            eprintln!(
                "skipped: PostgreSQL TLS test ({why}); to run it, `apt-get install postgresql openssl` and run the tests as root"
            );
            None
        }
    }
}

/// TLS only over TCP (plain TCP refused), trust authentication.
const TLS_ONLY: &str =
    "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n";

fn ping(env: &Env, uri: &str) -> std::process::Output {
    run(env, uri, &["db", "ping", "--format", "json"])
}

fn ping_ok(env: &Env, uri: &str) -> Value {
    let out = ping(env, uri);
    assert_eq!(code(&out), 0, "{uri}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// The one-line error of a ping that must fail with exit 69.
fn ping_fails(env: &Env, uri: &str) -> (String, String) {
    let out = run(env, uri, &["db", "ping"]);
    assert_eq!(code(&out), 69, "{uri}: {}", stderr(&out));
    error_lines(&out)
}

#[test]
fn sslmodes_against_a_server_with_a_self_signed_ca() {
    let Some(server) = server_or_skip(TLS_ONLY) else { return };
    let env = Env::new();
    let port = server.port;
    let (ca, other) = (server.path("ca.crt"), server.path("other-ca.crt"));
    let at = |host: &str, query: &str| format!("postgresql://postgres@{host}:{port}/postgres?{query}");

    // require: encrypted, the certificate not looked at.
    let shown = ping_ok(&env, &at("127.0.0.1", "sslmode=require"));
    assert_eq!(shown["server"]["sslmode"], "require");
    assert!(shown["server"]["tls"]["version"].as_str().unwrap().starts_with("TLSv1."), "{shown}");
    assert_eq!(shown["server"]["user"], "postgres");
    // prefer (libpq's default) takes TLS when the server offers it.
    let shown = ping_ok(&env, &at("127.0.0.1", "application_name=x"));
    assert!(shown["server"]["tls"].is_object(), "{shown}");

    // verify-full with the right root: the chain and the name (localhost) check out.
    let shown = ping_ok(&env, &at("localhost", &format!("sslmode=verify-full&sslrootcert={}", ca.display())));
    assert_eq!(shown["server"]["host"], format!("localhost:{port}"));

    // verify-full without a root, and with the wrong one.
    let (error, hint) = ping_fails(&env, &at("localhost", "sslmode=verify-full"));
    assert!(
        error.starts_with(&format!("error: cannot connect to PostgreSQL at localhost:{port}: no root certificate")),
        "{error}"
    );
    assert!(hint.contains("sslmode=verify-full needs sslrootcert"), "{hint}");
    let (error, _) =
        ping_fails(&env, &at("localhost", &format!("sslmode=verify-full&sslrootcert={}", other.display())));
    assert_eq!(
        error,
        format!(
            "error: cannot connect to PostgreSQL at localhost:{port}: TLS handshake failed: invalid peer certificate: UnknownIssuer"
        )
    );

    // The certificate names localhost, not 127.0.0.1: verify-full refuses it, verify-ca takes it.
    let by_address = format!("sslrootcert={}", ca.display());
    let (error, _) = ping_fails(&env, &at("127.0.0.1", &format!("sslmode=verify-full&{by_address}")));
    assert!(
        error.contains("TLS handshake failed: invalid peer certificate: certificate not valid for name"),
        "{error}"
    );
    ping_ok(&env, &at("127.0.0.1", &format!("sslmode=verify-ca&{by_address}")));
    let (error, _) = ping_fails(&env, &at("127.0.0.1", &format!("sslmode=verify-ca&sslrootcert={}", other.display())));
    assert!(error.ends_with("UnknownIssuer"), "{error}");

    // As libpq: with ~/.postgresql/root.crt, require checks the chain too.
    std::fs::create_dir(env.path(".postgresql")).unwrap();
    std::fs::copy(&other, env.path(".postgresql/root.crt")).unwrap();
    let (error, _) = ping_fails(&env, &at("127.0.0.1", "sslmode=require"));
    assert!(error.ends_with("UnknownIssuer"), "{error}");
    std::fs::copy(&ca, env.path(".postgresql/root.crt")).unwrap();
    ping_ok(&env, &at("localhost", "sslmode=verify-full"));

    // Without TLS the server's pg_hba.conf refuses the connection: still exit 69, one line.
    let (error, hint) = ping_fails(&env, &at("127.0.0.1", "sslmode=disable"));
    assert_eq!(
        error,
        format!(
            "error: cannot connect to PostgreSQL at 127.0.0.1:{port}: pg_hba.conf rejects connection for host \"127.0.0.1\", user \"postgres\", database \"postgres\", no encryption"
        )
    );
    assert_eq!(
        hint,
        "hint: the server does not let user postgres reach database postgres from here with sslmode=disable (see its pg_hba.conf)"
    );
}

#[test]
fn passwords_come_from_the_uri_pgpassword_the_password_file_or_pgpass() {
    let hba = "local all all trust\nhostssl all pw 127.0.0.1/32 scram-sha-256\nhostssl all all 127.0.0.1/32 trust\n";
    let Some(server) = server_or_skip(hba) else { return };
    server.sql(&format!("CREATE ROLE pw LOGIN PASSWORD '{SECRET}'"));
    let env = Env::new();
    let port = server.port;
    let uri = format!("postgresql://pw@localhost:{port}/postgres?sslmode=require");

    // No password anywhere.
    let (error, hint) = ping_fails(&env, &uri);
    assert!(error.ends_with("the server asks for a password and none was given"), "{error}");
    assert!(hint.contains("PGPASSWORD, config database.password_file or ~/.pgpass"), "{hint}");

    // In the URI: works, warns, never shown.
    let out = ping(&env, &format!("postgresql://pw:{SECRET}@localhost:{port}/postgres?sslmode=require"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_no_secret(&out);
    assert!(stderr(&out).contains("warning: a password in the PATCTL_DB URI"));

    // PGPASSWORD, right and wrong.
    let mut cmd = process::command(&env, &["db", "ping"]);
    cmd.env("PATCTL_DB", &uri).env("PGPASSWORD", SECRET);
    let out = process::run(cmd);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_no_secret(&out);
    let mut cmd = process::command(&env, &["db", "ping"]);
    cmd.env("PATCTL_DB", &uri).env("PGPASSWORD", "hunter2-wrong");
    let out = process::run(cmd);
    assert_eq!(code(&out), 69, "{}", stderr(&out));
    assert_no_secret(&out);
    let (error, hint) = error_lines(&out);
    assert_eq!(
        error,
        format!(
            "error: cannot connect to PostgreSQL at localhost:{port}: password authentication failed for user \"pw\""
        )
    );
    assert_eq!(hint, "hint: check the user (pw) and the password, which came from PGPASSWORD");

    // database.password_file.
    let file = env.path("db.pass");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.write_config(&format!("[database]\npassword_file = \"{}\"\n", file.display()));
    let out = ping(&env, &uri);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = ping(&env, &uri);
    assert_eq!(code(&out), 78, "{}", stderr(&out));
    assert_no_secret(&out);
    std::fs::remove_file(env.path("config/patctl/config.toml")).unwrap();

    // ~/.pgpass (HOME is the test's directory), skipped as libpq skips it when others may read it.
    let pgpass = env.path(".pgpass");
    std::fs::write(&pgpass, format!("localhost:{port}:*:pw:{SECRET}\n")).unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    ping_ok(&env, &uri);
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (_, hint) = ping_fails(&env, &uri);
    assert!(hint.contains(".pgpass was skipped, as libpq skips it: its mode 640"), "{hint}");
}
