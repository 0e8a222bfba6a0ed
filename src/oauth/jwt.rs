//! A Google Workspace service account acting as the campaign's mailbox
//! (domain-wide delegation): a JWT signed with the account's key (RS256,
//! RFC 7523), traded at the key's token endpoint for an access token.
//! The `oauth2` crate has no such grant, so the request is made here; the
//! signing is aws-lc-rs's, which rustls already brings.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rustls::pki_types::PrivatePkcs8KeyDer;
use rustls::pki_types::pem::PemObject;

use super::http::OAuthHttp;
use super::tokens::{TokenSet, unix_now};
use super::{GrantError, error_code};

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// The fields of Google's JSON key file that are used.
#[derive(serde::Deserialize)]
struct KeyFile {
    client_email: String,
    private_key: String,
    private_key_id: Option<String>,
    token_uri: String,
}

/// The service account, its key read once.
pub(super) struct ServiceAccount {
    email: String,
    key_id: Option<String>,
    /// The `aud` claim: the key's own token endpoint.
    audience: String,
    /// Where the assertion is sent (`oauth2.token_url`, else `audience`).
    token_url: String,
    signer: RsaKeyPair,
}

impl ServiceAccount {
    /// Read the key file's JSON.
    pub(super) fn from_json(
        json: &[u8],
        token_url: Option<&str>,
    ) -> Result<ServiceAccount, GrantError> {
        let bad = |why: &str| GrantError::Setup(format!("oauth2.key_file: {why}"));
        let key: KeyFile = serde_json::from_slice(json).map_err(|_| {
            bad("not a service account's JSON key (client_email, private_key, token_uri)")
        })?;
        let der = PrivatePkcs8KeyDer::from_pem_slice(key.private_key.as_bytes())
            .map_err(|_| bad("its private_key is not a PKCS#8 PEM key"))?;
        let signer = RsaKeyPair::from_pkcs8(der.secret_pkcs8_der())
            .map_err(|_| bad("its private_key is not an RSA key"))?;
        Ok(ServiceAccount {
            email: key.client_email,
            key_id: key.private_key_id,
            token_url: token_url.map_or_else(|| key.token_uri.clone(), str::to_owned),
            audience: key.token_uri,
            signer,
        })
    }

    /// The signed assertion: the account (`iss`) acting as `subject`.
    fn assertion(
        &self,
        subject: &str,
        scopes: &[String],
        issued: u64,
    ) -> Result<String, GrantError> {
        let mut header = serde_json::json!({"alg": "RS256", "typ": "JWT"});
        if let Some(kid) = &self.key_id {
            header["kid"] = kid.as_str().into();
        }
        let claims = serde_json::json!({
            "iss": self.email,
            "sub": subject,
            "scope": scopes.join(" "),
            "aud": self.audience,
            "iat": issued,
            // Google's longest.
            "exp": issued + 3600,
        });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; self.signer.public_modulus_len()];
        self.signer
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                signed.as_bytes(),
                &mut signature,
            )
            .map_err(|_| GrantError::Setup("oauth2.key_file: the key cannot sign".to_owned()))?;
        Ok(format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }

    /// An access token for `subject`. No refresh token comes with it: the
    /// grant is made again when it ends.
    pub(super) async fn token(
        &self,
        http: &OAuthHttp,
        subject: &str,
        scopes: &[String],
    ) -> Result<TokenSet, GrantError> {
        // A little early, for clocks that run ahead of Google's.
        let assertion = self.assertion(subject, scopes, unix_now().saturating_sub(30))?;
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", JWT_BEARER)
            .append_pair("assertion", &assertion)
            .finish();
        let request = http::Request::post(&self.token_url)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(body.into_bytes())
            .map_err(|_| GrantError::Setup("oauth2.token_url: not an address".to_owned()))?;
        let response = http
            .send(request)
            .await
            .map_err(|e| GrantError::Unreachable(e.to_string()))?;
        if response.status().is_success() {
            let token: oauth2::basic::BasicTokenResponse = serde_json::from_slice(response.body())
                .map_err(|_| GrantError::Unreachable("an answer that is not a token".to_owned()))?;
            return Ok(TokenSet::from_response(&token, None));
        }
        #[derive(serde::Deserialize)]
        struct Refusal {
            error: String,
        }
        let code = serde_json::from_slice::<Refusal>(response.body())
            .map(|r| error_code(&r.error))
            .unwrap_or_else(|_| format!("http_{}", response.status().as_u16()));
        if response.status().is_server_error() {
            return Err(GrantError::Unreachable(code));
        }
        Err(GrantError::Refused(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_that_is_not_a_key_names_the_setting() {
        let error = ServiceAccount::from_json(b"{}", None)
            .err()
            .expect("refused");
        assert!(
            error.to_string().starts_with("oauth2.key_file: "),
            "{error}"
        );
        let no_pem = br#"{"client_email":"a@b.iam.gserviceaccount.com","private_key":"nope","token_uri":"https://oauth2.googleapis.com/token"}"#;
        let error = ServiceAccount::from_json(no_pem, None)
            .err()
            .expect("refused");
        assert!(error.to_string().contains("PKCS#8"), "{error}");
    }
}
