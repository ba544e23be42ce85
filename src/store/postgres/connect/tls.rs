//! TLS for the connection, with rustls (ring provider), checking the server as libpq's `sslmode`
//! says: `require` and `prefer` encrypt without looking at the certificate, `verify-ca` checks
//! that it chains to `sslrootcert`, `verify-full` also that it names the host.

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{WebPkiServerVerifier, verify_server_cert_signed_by_trust_anchor};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// Encrypt only: any certificate (the handshake's signatures are still checked).
    Nothing,
    /// The certificate chains to a root of `sslrootcert`.
    Chain,
    /// It chains, and it is valid for the host name (or IP address) connected to.
    ChainAndName,
}

/// The most a root certificate file may hold.
const MAX_ROOTS_LEN: u64 = 4 << 20;

/// The client configuration for `check`, with the roots of `roots` (PEM) when it checks a chain.
/// The error is the reason alone, for the caller to put in its message.
pub(super) fn client_config(check: Check, roots: Option<&Path>) -> Result<ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let config = match check {
        Check::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Verifier { roots: None, algorithms: algorithms(&provider) }))
            .with_no_client_auth(),
        Check::Chain => {
            let roots = Arc::new(load_roots(roots)?);
            let verifier = Verifier { roots: Some(roots), algorithms: algorithms(&provider) };
            builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier)).with_no_client_auth()
        }
        Check::ChainAndName => {
            let roots = Arc::new(load_roots(roots)?);
            let verifier =
                WebPkiServerVerifier::builder_with_provider(roots, provider).build().map_err(|e| e.to_string())?;
            builder.with_webpki_verifier(verifier).with_no_client_auth()
        }
    };
    Ok(config)
}

fn algorithms(provider: &CryptoProvider) -> WebPkiSupportedAlgorithms {
    provider.signature_verification_algorithms
}

/// The certificates of the PEM file at `path` (bounded read).
fn load_roots(path: Option<&Path>) -> Result<RootCertStore, String> {
    let path = path.ok_or("no root certificate: add sslrootcert=/path/to/ca.pem (or create ~/.postgresql/root.crt)")?;
    let shown = path.display();
    let (file, _) = crate::input::open(path)
        .map_err(|e| format!("cannot read sslrootcert {shown}: {}", crate::error::Error::from(e).message()))?;
    let cap = crate::input::Cap { bytes: MAX_ROOTS_LEN, what: "a root certificate file" };
    let pem = crate::input::read(file, &format!("sslrootcert {shown}"), cap).map_err(|e| e.message().to_string())?;
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| format!("sslrootcert {shown} is not PEM certificates: {e}"))?;
        store.add(cert).map_err(|e| format!("sslrootcert {shown} holds a certificate rustls refuses: {e}"))?;
    }
    if store.is_empty() {
        return Err(format!("sslrootcert {shown} holds no certificate"));
    }
    Ok(store)
}

/// `require` (roots `None`) and `verify-ca` (roots given): the handshake is checked as always,
/// the certificate's names are not.
#[derive(Debug)]
struct Verifier {
    roots: Option<Arc<RootCertStore>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Some(roots) = &self.roots {
            let cert = ParsedCertificate::try_from(end_entity)?;
            verify_server_cert_signed_by_trust_anchor(&cert, roots, intermediates, now, self.algorithms.all)?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_check_needs_roots_and_a_file_of_certificates() {
        assert!(client_config(Check::Nothing, None).is_ok());
        let none = client_config(Check::ChainAndName, None).unwrap_err();
        assert!(none.contains("add sslrootcert="), "{none}");
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        let err = client_config(Check::Chain, Some(&empty)).unwrap_err();
        assert!(err.ends_with("holds no certificate"), "{err}");
        let missing = client_config(Check::Chain, Some(&dir.path().join("missing.pem"))).unwrap_err();
        assert!(
            missing.contains("cannot read sslrootcert") && missing.ends_with("No such file or directory"),
            "{missing}"
        );
    }
}
