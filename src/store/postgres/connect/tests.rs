use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;

use super::*;

fn target(uri: &str) -> Target {
    Target::parse(uri, None).unwrap_or_else(|e| panic!("{uri}: {}", e.message()))
}

#[test]
fn is_uri_takes_the_two_schemes_only() {
    assert!(Target::is_uri("postgresql://h/db") && Target::is_uri("postgres://"));
    assert!(!Target::is_uri("postgresql:/h") && !Target::is_uri("Postgres://h") && !Target::is_uri("/tmp/x.db"));
}

#[test]
fn hosts_ports_users_and_databases() {
    let t = target("postgresql://alice@db.example.org:6432/tokens");
    assert_eq!((t.host(), t.user(), t.dbname()), ("db.example.org:6432".into(), "alice", "tokens"));
    let t = target("postgresql://bob@/patctl?host=/tmp/pg");
    assert_eq!((t.host.clone(), t.host(), t.port), (Host::Socket("/tmp/pg".into()), "/tmp/pg (socket)".into(), 5432));
    let t = target("postgresql://bob@%2Frun%2Fpg:5433/patctl");
    assert_eq!(t.host(), "/run/pg (socket, port 5433)");
    let t = target("postgres://bob@[::1]/x");
    assert_eq!(t.host(), "[::1]:5432");
    // No host: libpq's default socket directory; no database: the user's name.
    let t = target("postgresql://carol@");
    assert_eq!((t.host(), t.dbname()), (format!("{DEFAULT_SOCKET_DIR} (socket)"), "carol"));
    assert_eq!(t.pgpass_host(), "localhost");
    assert_eq!(target("postgresql://carol@/x?host=/tmp/pg").pgpass_host(), "/tmp/pg");
}

#[test]
fn a_uri_without_a_user_takes_the_effective_users_name() {
    let expected = os_user_name().unwrap();
    assert!(!expected.is_empty());
    assert_eq!(target("postgresql://h/db").user(), expected);
}

#[test]
fn sslmodes_and_the_other_parameters() {
    for (mode, expected) in [
        ("disable", SslMode::Disable),
        ("prefer", SslMode::Prefer),
        ("require", SslMode::Require),
        ("verify-ca", SslMode::VerifyCa),
        ("verify-full", SslMode::VerifyFull),
    ] {
        let t = target(&format!("postgresql://u@h/db?sslmode={mode}"));
        assert_eq!((t.sslmode, t.sslmode.name()), (expected, mode));
    }
    assert_eq!(target("postgresql://u@h/db").sslmode, SslMode::Prefer, "libpq's default");
    let t = target(
        "postgresql://u@h/db?sslrootcert=/etc/ca.pem&connect_timeout=10&application_name=cron&options=-c%20work_mem%3D4MB",
    );
    assert_eq!(t.sslrootcert.as_deref(), Some(Path::new("/etc/ca.pem")));
    assert_eq!(t.connect_timeout, Some(Some(Duration::from_secs(10))));
    assert_eq!(t.application_name.as_deref(), Some("cron"));
    assert_eq!(t.session_options(Duration::from_secs(5)), "-c work_mem=4MB -c lock_timeout=5000");
    assert_eq!(target("postgresql://u@h/db?connect_timeout=0").connect_timeout, Some(None));
    assert_eq!(target("postgresql://u@h/db?connect_timeout=1").connect_timeout, Some(Some(Duration::from_secs(2))));
}

#[test]
fn a_wait_of_zero_is_the_shortest_lock_timeout_not_postgresqls_endless_zero() {
    let t = target("postgresql://u@h/db");
    assert_eq!(t.session_options(Duration::ZERO), "-c lock_timeout=1");
    assert_eq!(t.session_options(Duration::from_millis(1500)), "-c lock_timeout=1500");
    assert_eq!(t.session_options(Duration::from_secs(100 * 86_400)), format!("-c lock_timeout={}", i32::MAX));
}

#[test]
fn bad_uris_are_usage_errors_that_never_show_the_password() {
    for (bad, why) in [
        ("postgresql://u:hunter2@h:0/db", "invalid port \"0\""),
        ("postgresql://u:hunter2@h:http/db", "invalid port \"http\""),
        ("postgresql://u:hunter2@h/db?sslmode=verify", "invalid sslmode \"verify\""),
        ("postgresql://u:hunter2@h/db?sslmode=allow", "sslmode=allow is not supported"),
        ("postgresql://u:hunter2@h/db?sslrootcert=system", "sslrootcert=system is not supported"),
        ("postgresql://u:hunter2@h/db?connect_timeout=soon", "invalid connect_timeout \"soon\""),
        ("postgresql://u:hunter2@h/db?hunter2=1", "unsupported PostgreSQL URI parameter"),
        ("postgresql://u:hunter2@a,b/db", "several hosts"),
    ] {
        let err = Target::parse(bad, None).expect_err(bad);
        assert_eq!(err.exit(), Exit::Usage, "{bad}");
        assert!(err.message().contains(why), "{bad}: {}", err.message());
        let hint = err.hint().unwrap_or_default();
        if !why.starts_with("unsupported") {
            assert!(!err.message().contains("hunter2") && !hint.contains("hunter2"), "{bad}: {}", err.message());
        }
    }
}

#[test]
fn redaction_and_the_password_warning() {
    let t = target("postgresql://u:hunter2@h/db?sslmode=require");
    assert_eq!(t.redacted(), "postgresql://u:***@h/db?sslmode=require");
    assert!(t.password_in_uri());
    assert!(!format!("{t:?}").contains("hunter2"));
    let t = target("postgresql://u@h/db?password=hunter2&sslmode=require");
    assert_eq!((t.redacted(), t.password_in_uri()), ("postgresql://u@h/db?password=***&sslmode=require".into(), true));
    let t = target("postgresql://u@h/db");
    assert_eq!((t.redacted(), t.password_in_uri()), ("postgresql://u@h/db".into(), false));
}

fn secret_file(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

fn chosen(password: &Password) -> Option<(String, PasswordSource)> {
    password.secret.as_ref().map(|(secret, source)| (secret.to_string(), source.clone()))
}

#[test]
fn the_password_comes_from_the_uri_then_pgpassword_then_the_file_then_pgpass() {
    let dir = tempfile::tempdir().unwrap();
    let file = secret_file(dir.path(), "db.pass", "from-file\r\n\n", 0o600);
    let pgpass = secret_file(dir.path(), "pgpass", "h:5432:db:u:from-pgpass\n", 0o600);
    let env = || Some(OsString::from("from-env"));
    let with_uri = Target::parse("postgresql://u:from-uri@h/db", Some(file.clone())).unwrap();
    let all = with_uri.password_from(env(), Some(pgpass.clone())).unwrap();
    assert_eq!(chosen(&all), Some(("from-uri".into(), PasswordSource::Uri)));
    let t = Target::parse("postgresql://u@h/db", Some(file.clone())).unwrap();
    let no_uri = t.password_from(env(), Some(pgpass.clone())).unwrap();
    assert_eq!(chosen(&no_uri), Some(("from-env".into(), PasswordSource::Env)));
    let empty_env = t.password_from(Some(OsString::new()), Some(pgpass.clone())).unwrap();
    assert_eq!(chosen(&empty_env), Some(("from-file".into(), PasswordSource::File(file.clone()))));
    let t = target("postgresql://u@h/db");
    let pgpass_only = t.password_from(None, Some(pgpass.clone())).unwrap();
    assert_eq!(chosen(&pgpass_only), Some(("from-pgpass".into(), PasswordSource::Pgpass(pgpass.clone()))));
    let other_db = target("postgresql://u@h/other").password_from(None, Some(pgpass.clone())).unwrap();
    assert!(other_db.secret.is_none() && matches!(other_db.pgpass, Some((_, pgpass::Lookup::NoMatch))));
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let loose = t.password_from(None, Some(pgpass.clone())).unwrap();
    assert!(loose.secret.is_none());
    let hint = t.password_hint(&loose);
    assert!(hint.contains("was skipped") && hint.contains("mode 644"), "{hint}");
}

#[test]
fn the_password_file_must_be_private_present_and_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    let t = |path: &Path| Target::parse("postgresql://u@h/db", Some(path.to_path_buf())).unwrap();
    let open = secret_file(dir.path(), "open", "hunter2\n", 0o644);
    let err = t(&open).password_from(None, None).err().unwrap();
    assert_eq!(err.exit(), Exit::Config);
    assert!(
        err.message().contains("readable by others (mode 644)") && !err.message().contains("hunter2"),
        "{}",
        err.message()
    );
    let writable = secret_file(dir.path(), "writable", "hunter2\n", 0o620);
    assert_eq!(t(&writable).password_from(None, None).err().unwrap().exit(), Exit::Config);
    let group = secret_file(dir.path(), "group", "hunter2\n", 0o640);
    let ok = t(&group).password_from(None, None).unwrap();
    assert_eq!(chosen(&ok).map(|c| c.0).as_deref(), Some("hunter2"), "a service's group may read it");
    let empty = secret_file(dir.path(), "empty", "\n", 0o600);
    let err = t(&empty).password_from(None, None).err().unwrap();
    assert_eq!((err.exit(), err.message().ends_with("is empty")), (Exit::Config, true));
    let err = t(&dir.path().join("missing")).password_from(None, None).err().unwrap();
    assert_eq!(err.exit(), Exit::Config);
    assert!(err.message().starts_with("database.password_file: cannot read"), "{}", err.message());
}

#[test]
fn a_refused_connection_is_exit_69_naming_the_host_never_the_password() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let t = target(&format!("postgresql://u:hunter2@127.0.0.1:{port}/db?sslmode=disable"));
    let err = t.connect(Duration::from_secs(5)).err().unwrap();
    assert_eq!(err.exit(), Exit::Unavailable);
    assert_eq!(err.message(), format!("cannot connect to PostgreSQL at 127.0.0.1:{port}: Connection refused"));
    assert!(err.hint().unwrap().contains("accepting TCP/IP connections"));
    let dir = tempfile::tempdir().unwrap();
    let socket = target(&format!("postgresql://u@/db?host={}", dir.path().display()));
    let err = socket.connect(Duration::ZERO).err().unwrap();
    assert_eq!(err.exit(), Exit::Unavailable);
    assert!(err.message().ends_with("(socket): No such file or directory"), "{}", err.message());
}

#[test]
fn a_server_that_never_answers_times_out_with_exit_69() {
    // Accepts the TCP connection, then says nothing: only the whole-handshake deadline ends it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let t = target(&format!("postgresql://u@127.0.0.1:{port}/db?sslmode=disable&connect_timeout=2"));
    let started = std::time::Instant::now();
    let err = t.connect(Duration::ZERO).err().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(err.exit(), Exit::Unavailable);
    assert_eq!(err.message(), format!("cannot connect to PostgreSQL at 127.0.0.1:{port}: no answer within 2s"));
    drop(listener);
}

#[test]
fn verify_modes_without_a_root_fail_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("ca.pem");
    let t = target(&format!("postgresql://u@127.0.0.1:1/db?sslmode=verify-full&sslrootcert={}", missing.display()));
    let err = t.connect(Duration::ZERO).err().unwrap();
    assert_eq!(err.exit(), Exit::Unavailable);
    assert!(
        err.message().starts_with("cannot connect to PostgreSQL at 127.0.0.1:1: cannot read sslrootcert"),
        "{}",
        err.message()
    );
    assert!(err.hint().unwrap().contains("sslmode=verify-full needs sslrootcert"));
}

#[test]
fn tls_is_never_asked_for_over_a_socket_nor_with_disable() {
    assert!(target("postgresql://u@/db?host=/tmp/pg&sslmode=verify-full").tls().unwrap().is_none());
    assert!(target("postgresql://u@h/db?sslmode=disable").tls().unwrap().is_none());
    let (mode, _) = target("postgresql://u@h/db").tls().unwrap().unwrap();
    assert_eq!(mode, postgres::config::SslMode::Prefer);
    let (mode, _) = target("postgresql://u@h/db?sslmode=require").tls().unwrap().unwrap();
    assert_eq!(mode, postgres::config::SslMode::Require);
}
