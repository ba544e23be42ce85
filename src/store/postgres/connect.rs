//! Reaching the server. (Placeholder until the full URI, password and TLS rules land.)

use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Error, Exit, Result};

pub struct Target {
    uri: String,
}

impl Target {
    pub fn is_uri(text: &str) -> bool {
        text.starts_with("postgres://") || text.starts_with("postgresql://")
    }

    pub fn parse(text: &str, _password_file: Option<PathBuf>) -> Result<Target> {
        Ok(Target { uri: text.to_string() })
    }

    pub fn redacted(&self) -> String {
        self.uri.clone()
    }

    pub fn host(&self) -> String {
        self.uri.clone()
    }

    pub fn connect(&self, wait: Duration) -> Result<postgres::Client> {
        let mut client = postgres::Client::connect(&self.uri, postgres::NoTls).map_err(|e| {
            Error::new(Exit::MailFailed, format!("cannot connect to the PostgreSQL server {}: {e}", self.host()))
        })?;
        client
            .batch_execute(&format!("SET lock_timeout = {}", wait.as_millis().max(1)))
            .map_err(|e| Error::new(Exit::MailFailed, format!("cannot set up the session: {e}")))?;
        Ok(client)
    }
}
