//! Token strings: generation, the preset-token rule, and the digest that is all patctl stores.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use rand::TryRng;
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The characters of a token body: GitLab's URL-safe alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
/// Length of a generated token body and, by default, of a preset one (GitLab's rule).
pub const BODY_LEN: usize = 20;
/// Longest input patctl reads as a token; anything longer is refused without reading further.
pub const MAX_INPUT_LEN: usize = 1024;

/// A plaintext token. Zeroed on drop, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(text: String) -> Self {
        Secret(Zeroizing::new(text))
    }

    /// A fresh token: `prefix` then 20 characters from the operating system's CSPRNG.
    pub fn generate(prefix: &str) -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; BODY_LEN]);
        rand::rngs::SysRng
            .try_fill_bytes(bytes.as_mut())
            .map_err(|e| Error::io(format!("cannot read the system random generator: {e}")))?;
        let mut text = String::with_capacity(prefix.len() + BODY_LEN);
        text.push_str(prefix);
        // 256 is a multiple of 64, so masking keeps every character equally likely.
        text.extend(bytes.iter().map(|b| ALPHABET[usize::from(b & 63)] as char));
        Ok(Secret::new(text))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The digest under which the token is stored and looked up, by the store's scheme.
    pub fn digest(&self, key: &DigestKey) -> TokenDigest {
        let mut hasher = Sha256::new();
        hasher.update(self.0.as_bytes());
        hasher.update(key.salt.as_slice());
        let sum = hasher.finalize();
        TokenDigest(match key.scheme {
            DigestScheme::Patctl => hex(&sum),
            DigestScheme::Gitlab => base64(&sum),
        })
    }
}

/// How a store's token digests are made. A store records its scheme at creation (inside its
/// [`DigestKey::fingerprint`]) and keeps it: digests cannot be recomputed without the plaintexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestScheme {
    /// Hex SHA-256 of the token followed by the optional pepper.
    Patctl,
    /// GitLab's `Gitlab::CryptoHelper.sha256` (lib/gitlab/crypto_helper.rb in gitlabhq): Base64
    /// (standard, padded) SHA-256 of the token followed by `db_key_base_truncated`, the first 32
    /// characters of `db_key_base` (config/settings.rb), so a GitLab instance's digests verify here.
    Gitlab,
}

impl DigestScheme {
    pub fn parse(text: &str) -> Option<DigestScheme> {
        match text {
            "patctl" => Some(DigestScheme::Patctl),
            "gitlab" => Some(DigestScheme::Gitlab),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DigestScheme::Patctl => "patctl",
            DigestScheme::Gitlab => "gitlab",
        }
    }
}

/// A digest scheme with its key (the pepper, or GitLab's truncated `db_key_base`). Zeroed on
/// drop, never shown by `Debug`.
#[derive(Clone)]
pub struct DigestKey {
    scheme: DigestScheme,
    salt: Zeroizing<Vec<u8>>,
}

/// How many characters of `db_key_base` GitLab appends (`db_key_base[0..31]`).
const GITLAB_KEY_CHARS: usize = 32;

impl DigestKey {
    /// patctl's own scheme with `pepper` (empty: none).
    pub fn patctl(pepper: &[u8]) -> DigestKey {
        DigestKey { scheme: DigestScheme::Patctl, salt: Zeroizing::new(pepper.to_vec()) }
    }

    /// GitLab's scheme for an instance whose `db_key_base` is `key` (only its first 32
    /// characters count, as in GitLab). `what` names where the key came from, for messages.
    pub fn gitlab(key: &[u8], what: &str) -> Result<DigestKey> {
        let text = std::str::from_utf8(key)
            .map_err(|_| Error::config(format!("{what}: the db_key_base is not UTF-8 text")))?;
        if text.is_empty() {
            return Err(Error::config(format!("{what}: the db_key_base is empty")).with_hint(
                "GitLab digests need the instance's db_key_base: set tokens.gitlab_secrets_file or tokens.pepper_file",
            ));
        }
        let end = text.char_indices().nth(GITLAB_KEY_CHARS).map_or(text.len(), |(at, _)| at);
        Ok(DigestKey { scheme: DigestScheme::Gitlab, salt: Zeroizing::new(text.as_bytes()[..end].to_vec()) })
    }

    pub fn scheme(&self) -> DigestScheme {
        self.scheme
    }

    /// What a store records of its scheme and key, to refuse any other: see [`pepper_fingerprint`]
    /// for the `patctl` scheme (`none` or `hmac-sha256:HEX`, as stores made before GitLab
    /// digests hold); `gitlab:hmac-sha256:HEX` for GitLab's, keyed by the part of the key used.
    pub fn fingerprint(&self) -> String {
        match self.scheme {
            DigestScheme::Patctl => pepper_fingerprint(&self.salt),
            DigestScheme::Gitlab => {
                format!("{GITLAB_PREFIX}{}", keyed_label(&self.salt, b"patctl gitlab key fingerprint v1"))
            }
        }
    }
}

impl fmt::Debug for DigestKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DigestKey({}, <redacted>)", self.scheme.name())
    }
}

const GITLAB_PREFIX: &str = "gitlab:";

/// Standard Base64 with padding (RFC 4648 section 4), as Ruby's `Digest#base64digest`.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    hex
}

/// What a store records of the pepper it was created with, to refuse any other one: `none`, or
/// HMAC-SHA256 keyed by the pepper over a fixed label. It tells peppers apart without revealing
/// one (unlike a plain hash, it cannot be searched without the key).
pub fn pepper_fingerprint(pepper: &[u8]) -> String {
    if pepper.is_empty() {
        return NO_PEPPER.to_string();
    }
    keyed_label(pepper, b"patctl pepper fingerprint v1")
}

fn keyed_label(key: &[u8], label: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(label);
    format!("hmac-sha256:{}", hex(&mac.finalize().into_bytes()))
}

const NO_PEPPER: &str = "none";

/// The refusal when the configured scheme or key is not the one the store recorded (both
/// [`DigestKey::fingerprint`]s): every digest would differ, so every token would look unknown and
/// a preset one could be created twice.
pub fn pepper_mismatch(recorded: &str, configured: &str) -> Option<Error> {
    if recorded == configured {
        return None;
    }
    let scheme = |fingerprint: &str| if fingerprint.starts_with(GITLAB_PREFIX) { "GitLab" } else { "patctl" };
    if scheme(recorded) != scheme(configured) {
        return Some(
            Error::config(format!(
                "digest scheme mismatch: the store uses {} digests; this config uses {} digests",
                scheme(recorded),
                scheme(configured)
            ))
            .with_hint(format!(
                "set tokens.digest = \"{}\" with the key the store was created with: its token digests cannot be recomputed; nothing was written",
                scheme(recorded).to_lowercase()
            )),
        );
    }
    if scheme(recorded) == "GitLab" {
        return Some(
            Error::config("digest key mismatch: the store was created with a different db_key_base than the one configured")
                .with_hint("configure the db_key_base of the GitLab instance the store was made for (tokens.gitlab_secrets_file or tokens.pepper_file); nothing was written"),
        );
    }
    let problem = match (recorded, configured) {
        (NO_PEPPER, _) => "the database was created without a pepper, but tokens.pepper_file sets one",
        (_, NO_PEPPER) => {
            "the database was created with a pepper, but none is configured (tokens.pepper_file is unset or empty)"
        }
        _ => "the database was created with another pepper than the one tokens.pepper_file holds",
    };
    Some(Error::config(format!("pepper mismatch: {problem}")).with_hint(
        "configure the pepper the database was created with: its token digests cannot be recomputed without it; nothing was written",
    ))
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The digest under which a token is stored and looked up (hex or, for GitLab's scheme, Base64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenDigest(pub String);

/// What a preset token (GitLab's `set_token`) must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetRule {
    pub prefix: String,
    pub min_len: usize,
    pub max_len: usize,
}

impl PresetRule {
    /// Checks an offered token. The message states the rule and never echoes the token.
    pub fn check(&self, token: &Secret) -> Result<()> {
        let text = token.expose();
        let body = text.strip_prefix(self.prefix.as_str()).filter(|_| !self.prefix.is_empty()).unwrap_or(text);
        let length_ok = (self.min_len..=self.max_len).contains(&body.len());
        let charset_ok = body.bytes().all(|b| ALPHABET.contains(&b));
        if text.is_empty() {
            return Err(Error::data("the token is empty").with_hint(self.describe()));
        }
        if length_ok && charset_ok {
            return Ok(());
        }
        let problem = if !charset_ok {
            "contains characters outside A-Z a-z 0-9 _ -".to_string()
        } else {
            format!("is {} characters long", body.chars().count())
        };
        Err(Error::data(format!("invalid preset token: it {problem}")).with_hint(self.describe()))
    }

    fn describe(&self) -> String {
        let length = if self.min_len == self.max_len {
            format!("exactly {}", self.min_len)
        } else {
            format!("{} to {}", self.min_len, self.max_len)
        };
        let prefix =
            if self.prefix.is_empty() { String::new() } else { format!(", optionally preceded by '{}'", self.prefix) };
        format!("a preset token is {length} characters of A-Z a-z 0-9 _ -{prefix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> PresetRule {
        PresetRule { prefix: "glpat-".into(), min_len: BODY_LEN, max_len: BODY_LEN }
    }

    #[test]
    fn generated_tokens_have_the_prefix_and_twenty_url_safe_characters() {
        let token = Secret::generate("glpat-").unwrap();
        let body = token.expose().strip_prefix("glpat-").unwrap();
        assert_eq!(body.len(), BODY_LEN);
        assert!(body.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(token, Secret::generate("glpat-").unwrap());
        assert!(rule().check(&token).is_ok());
    }

    #[test]
    fn pepper_fingerprints_are_keyed_hashes_and_tell_peppers_apart() {
        assert_eq!(pepper_fingerprint(b""), "none");
        // RFC 4231, test case 2: HMAC-SHA256 keyed by "Jefe" over "what do ya want for nothing?".
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let one = pepper_fingerprint(b"pepper one");
        assert!(one.starts_with("hmac-sha256:") && one.len() == "hmac-sha256:".len() + 64);
        assert!(!one.contains(&hex(b"pepper one")));
        assert_eq!(one, pepper_fingerprint(b"pepper one"));
        assert_ne!(one, pepper_fingerprint(b"pepper two"));
    }

    #[test]
    fn a_pepper_mismatch_is_a_config_error_naming_which() {
        let with = pepper_fingerprint(b"pepper");
        assert_eq!(pepper_mismatch(&with, &with), None);
        assert_eq!(pepper_mismatch("none", "none"), None);
        let message = |recorded: &str, configured: &str| {
            let err = pepper_mismatch(recorded, configured).unwrap();
            assert_eq!(err.exit(), crate::error::Exit::Config);
            err.message().to_string()
        };
        assert!(message("none", &with).contains("created without a pepper"));
        assert!(message(&with, "none").contains("none is configured"));
        assert!(message(&with, &pepper_fingerprint(b"other")).contains("another pepper"));
    }

    #[test]
    fn digest_is_sha256_hex_and_depends_on_the_pepper() {
        let token = Secret::new("token-string-here123".into());
        // sha256("token-string-here123"), computed independently with sha256sum.
        assert_eq!(
            token.digest(&DigestKey::patctl(b"")).0,
            "dbd02540d501c1c5de0cd0b082ed9dc8288aa10fcd530b619d08cfe36266ff8f"
        );
        assert_ne!(token.digest(&DigestKey::patctl(b"")), token.digest(&DigestKey::patctl(b"pepper")));
        assert_eq!(
            token.digest(&DigestKey::patctl(b"pepper")),
            Secret::new("token-string-here123".into()).digest(&DigestKey::patctl(b"pepper"))
        );
    }

    /// SHA-256 then Base64 of `input`, computed by openssl, independently of this module.
    fn openssl_sha256_base64(input: &[u8]) -> String {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("sh")
            .args(["-c", "openssl dgst -sha256 -binary | base64"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("openssl and base64 are installed");
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    #[test]
    fn gitlab_digest_is_base64_sha256_of_the_token_and_the_first_32_characters_of_the_key() {
        let db_key_base = "0123456789abcdef0123456789ABCDEF-this-part-is-not-used-by-gitlab";
        let key = DigestKey::gitlab(db_key_base.as_bytes(), "test").unwrap();
        let token = Secret::new("glpat-abcdefghij0123456789".into());
        let expected = openssl_sha256_base64(b"glpat-abcdefghij01234567890123456789abcdef0123456789ABCDEF");
        assert_eq!(token.digest(&key).0, expected);
        assert_eq!(expected.len(), 44, "32 bytes in padded Base64");
        // A short key is used whole, as Ruby's `[0..31]` does.
        let short = DigestKey::gitlab(b"short-key", "test").unwrap();
        assert_eq!(token.digest(&short).0, openssl_sha256_base64(b"glpat-abcdefghij0123456789short-key"));
        assert!(DigestKey::gitlab(b"", "test").is_err());
    }

    #[test]
    fn base64_pads_as_rfc_4648_says() {
        for (input, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(input.as_bytes()), encoded);
        }
    }

    #[test]
    fn a_scheme_or_gitlab_key_mismatch_names_which() {
        let gitlab = DigestKey::gitlab(b"0123456789abcdef0123456789abcdef", "test").unwrap().fingerprint();
        assert!(gitlab.starts_with("gitlab:hmac-sha256:") && !gitlab.contains("0123456789abcdef"));
        // Only the 32 characters GitLab uses count.
        let longer = DigestKey::gitlab(b"0123456789abcdef0123456789abcdefXYZ", "test").unwrap().fingerprint();
        assert_eq!(gitlab, longer);
        let other = DigestKey::gitlab(b"fedcba9876543210fedcba9876543210", "test").unwrap().fingerprint();
        let message =
            |recorded: &str, configured: &str| pepper_mismatch(recorded, configured).unwrap().message().to_string();
        assert_eq!(
            message(&gitlab, "none"),
            "digest scheme mismatch: the store uses GitLab digests; this config uses patctl digests"
        );
        assert_eq!(
            message(&pepper_fingerprint(b"p"), &gitlab),
            "digest scheme mismatch: the store uses patctl digests; this config uses GitLab digests"
        );
        assert_eq!(
            message(&gitlab, &other),
            "digest key mismatch: the store was created with a different db_key_base than the one configured"
        );
        assert_eq!(pepper_mismatch(&gitlab, &gitlab), None);
        assert_eq!(DigestKey::patctl(b"").fingerprint(), "none");
        assert!(!format!("{:?}", DigestKey::gitlab(b"secret-key", "t").unwrap()).contains("secret"));
    }

    #[test]
    fn preset_rule_accepts_gitlab_examples() {
        assert!(rule().check(&Secret::new("token-string-here123".into())).is_ok());
        assert!(rule().check(&Secret::new("glpat-abcdefghij0123456789".into())).is_ok());
    }

    #[test]
    fn preset_rule_refuses_wrong_length_or_characters_without_echoing() {
        for bad in ["short", "token-string-here1234", "token string here 123", "tökén-string-here12", ""] {
            let err = rule().check(&Secret::new(bad.into())).unwrap_err();
            assert_eq!(err.exit(), crate::error::Exit::Data);
            assert!(bad.is_empty() || !err.message().contains(bad), "{}", err.message());
            assert!(err.hint().unwrap().contains("exactly 20"));
        }
    }

    #[test]
    fn preset_rule_can_be_relaxed() {
        let relaxed = PresetRule { min_len: 16, max_len: 40, ..rule() };
        assert!(relaxed.check(&Secret::new("a".repeat(16))).is_ok());
        assert!(relaxed.check(&Secret::new("a".repeat(41))).is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let token = Secret::new("token-string-here123".into());
        assert!(!format!("{token:?}").contains("token-string"));
    }
    #[test]
    fn debug_shows_a_redaction_marker() {
        assert_eq!(format!("{:?}", Secret::new("token-string-here123".into())), "Secret(<redacted>)");
    }

    #[test]
    fn preset_rule_says_which_rule_was_broken() {
        let message = |token: &str| rule().check(&Secret::new(token.into())).unwrap_err().message().to_string();
        assert_eq!(message("short"), "invalid preset token: it is 5 characters long");
        assert_eq!(message("glpat-short"), "invalid preset token: it is 5 characters long");
        assert_eq!(
            message("token string here 123"),
            "invalid preset token: it contains characters outside A-Z a-z 0-9 _ -"
        );
        assert_eq!(message(""), "the token is empty");
    }
}
