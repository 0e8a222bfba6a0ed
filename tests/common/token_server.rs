//! An OAuth2 authorisation server on loopback, for the OAuth2 tests: it
//! issues tokens by the grants postbag uses (device code, refresh token
//! with rotation, client credentials, a service account's JWT), and it
//! answers Dovecot's RFC 7662 introspection, so the real Dovecot (and
//! Postfix through it) take or refuse the tokens as it says. A test can
//! revoke, expire or spoil tokens while postbag runs.
//!
//! Dovecot POSTs `token=…` to `/introspect` and wants 200 with
//! `{"active":true,"username":…}` or `{"active":false}` (it ignores
//! `exp`, so expiry is decided here).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub(crate) const CLIENT_ID: &str = "postbag-test";
pub(crate) const CLIENT_SECRET: &str = "test-client-secret";
pub(crate) const USER: &str = "letters@campaign.test";

/// What the server knows and has done.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    serial: u32,
    /// Access tokens: the user, when issued, and how many successful
    /// introspections are left before it is refused (None: no limit).
    access: HashMap<String, (String, Instant, Option<u32>)>,
    /// Refresh tokens that work now.
    refresh: Vec<String>,
    /// Device codes, and how many polls each has had.
    devices: HashMap<String, u32>,
    /// Authorisation codes a browser sign-in gave, with the PKCE
    /// challenge and the redirect address they were given for.
    pub(crate) codes: HashMap<String, (String, String)>,
    /// Seconds an access token lasts (told in `expires_in`).
    pub(crate) expires_in: u64,
    /// Whether each refresh hands out a new refresh token and voids the
    /// old one.
    pub(crate) rotate: bool,
    /// The next access token issued is refused after this many uses.
    pub(crate) spoil_next: Option<u32>,
    /// Polls a device code needs before the person "signs in".
    pub(crate) device_polls: u32,
    /// The service account's public key (RSAPublicKey DER), to check its
    /// assertions.
    pub(crate) service_key: Option<Vec<u8>>,
    /// Grants made, by grant type; introspections answered (active,
    /// refused).
    pub(crate) granted: HashMap<String, u32>,
    pub(crate) refused_grants: u32,
    pub(crate) introspected: (u32, u32),
}

/// The server, listening until the test binary ends.
pub(crate) struct TokenServer {
    pub(crate) port: u16,
    state: Arc<Mutex<Tokens>>,
}

impl TokenServer {
    /// Listen on `port` (the mail stack's N+6, where its Dovecot asks).
    pub(crate) fn start(port: u16) -> TokenServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("listen for the token server");
        let state = Arc::new(Mutex::new(Tokens {
            expires_in: 3600,
            rotate: true,
            device_polls: 1,
            ..Tokens::default()
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &state);
                });
            }
        });
        TokenServer { port, state }
    }

    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Tokens) -> T) -> T {
        f(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner))
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    /// Void every token: what revoking the app's consent does.
    pub(crate) fn revoke_all(&self) {
        self.with(|t| {
            t.access.clear();
            t.refresh.clear();
        });
    }

    /// The refresh tokens that work now.
    pub(crate) fn live_refresh_tokens(&self) -> Vec<String> {
        self.with(|t| t.refresh.clone())
    }

    pub(crate) fn granted(&self, grant: &str) -> u32 {
        self.with(|t| t.granted.get(grant).copied().unwrap_or(0))
    }
}

impl Tokens {
    fn issue(&mut self, user: &str, with_refresh: bool) -> String {
        self.serial += 1;
        let access = format!("access-{}-{:08x}", self.serial, rand_u32());
        let uses = self.spoil_next.take();
        self.access
            .insert(access.clone(), (user.to_owned(), Instant::now(), uses));
        let mut body = format!(
            r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":{}"#,
            self.expires_in
        );
        if with_refresh {
            let refresh = format!("refresh-{}-{:08x}", self.serial, rand_u32());
            self.refresh.push(refresh.clone());
            body.push_str(&format!(r#","refresh_token":"{refresh}""#));
        }
        body.push('}');
        body
    }

    /// Dovecot's question: is this token good, and whose is it?
    fn introspect(&mut self, token: &str) -> String {
        let expires_in = Duration::from_secs(self.expires_in);
        let active = match self.access.get_mut(token) {
            Some((user, issued, uses)) if issued.elapsed() < expires_in => match uses {
                Some(0) => None,
                Some(n) => {
                    *n -= 1;
                    Some(user.clone())
                }
                None => Some(user.clone()),
            },
            _ => None,
        };
        match active {
            Some(user) => {
                self.introspected.0 += 1;
                format!(r#"{{"active":true,"username":"{user}","token_type":"Bearer"}}"#)
            }
            None => {
                self.introspected.1 += 1;
                r#"{"active":false}"#.to_owned()
            }
        }
    }

    fn token(&mut self, form: &HashMap<String, String>) -> (u16, String) {
        let grant = form.get("grant_type").map_or("", String::as_str).to_owned();
        let client_ok = form.get("client_id").map(String::as_str) == Some(CLIENT_ID);
        let secret_ok = form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET);
        let answer = match grant.as_str() {
            "refresh_token" if client_ok => {
                let used = form.get("refresh_token").cloned().unwrap_or_default();
                match self.refresh.iter().position(|r| *r == used) {
                    Some(i) => {
                        if self.rotate {
                            self.refresh.remove(i);
                        }
                        let rotate = self.rotate;
                        Ok(self.issue(USER, rotate))
                    }
                    None => Err("invalid_grant"),
                }
            }
            "client_credentials" if client_ok && secret_ok => Ok(self.issue(USER, false)),
            "client_credentials" => Err("invalid_client"),
            "urn:ietf:params:oauth:grant-type:device_code" if client_ok => {
                let code = form.get("device_code").cloned().unwrap_or_default();
                let needed = self.device_polls;
                match self.devices.get_mut(&code) {
                    Some(polls) if *polls >= needed => {
                        self.devices.remove(&code);
                        Ok(self.issue(USER, true))
                    }
                    Some(polls) => {
                        *polls += 1;
                        Err("authorization_pending")
                    }
                    None => Err("expired_token"),
                }
            }
            "authorization_code" if client_ok => {
                let code = form.get("code").cloned().unwrap_or_default();
                let verifier = form.get("code_verifier").cloned().unwrap_or_default();
                let redirect = form.get("redirect_uri").cloned().unwrap_or_default();
                match self.codes.remove(&code) {
                    Some((challenge, given_to))
                        if given_to == redirect && s256(&verifier) == challenge =>
                    {
                        Ok(self.issue(USER, true))
                    }
                    _ => Err("invalid_grant"),
                }
            }
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => {
                let assertion = form.get("assertion").cloned().unwrap_or_default();
                match self.check_assertion(&assertion) {
                    Some(subject) => Ok(self.issue(&subject, false)),
                    None => Err("invalid_grant"),
                }
            }
            _ => Err("unauthorized_client"),
        };
        match answer {
            Ok(body) => {
                *self.granted.entry(grant).or_default() += 1;
                (200, body)
            }
            Err(error) => {
                if error != "authorization_pending" {
                    self.refused_grants += 1;
                }
                (400, format!(r#"{{"error":"{error}"}}"#))
            }
        }
    }

    /// The subject of a service account's assertion whose RS256
    /// signature the account's key made.
    fn check_assertion(&self, assertion: &str) -> Option<String> {
        use base64::Engine as _;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let key = self.service_key.as_ref()?;
        let (signed, signature) = assertion.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let public = aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
            key,
        );
        public.verify(signed.as_bytes(), &signature).ok()?;
        let claims = signed.split('.').nth(1)?;
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).ok()?).ok()?;
        (claims["scope"] == "https://mail.google.com/").then_some(())?;
        claims["sub"].as_str().map(str::to_owned)
    }
}

/// PKCE's S256: BASE64URL(SHA-256(verifier)) (RFC 7636 §4.2).
fn s256(verifier: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher, RandomState};
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u8(0);
    hasher.finish() as u32
}

/// One connection: HTTP/1.1 requests, kept alive (Dovecot reuses it).
fn serve(stream: TcpStream, state: &Mutex<Tokens>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_owned();
        let mut length = 0;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header)?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let form: HashMap<String, String> =
            url::form_urlencoded::parse(&body).into_owned().collect();
        let (status, answer) = {
            let mut tokens = state.lock().unwrap_or_else(PoisonError::into_inner);
            match path.as_str() {
                "/introspect" => (
                    200,
                    tokens.introspect(form.get("token").map_or("", String::as_str)),
                ),
                "/token" => tokens.token(&form),
                "/devicecode" => {
                    tokens.serial += 1;
                    let code = format!("device-{}", tokens.serial);
                    tokens.devices.insert(code.clone(), 0);
                    (
                        200,
                        format!(
                            r#"{{"device_code":"{code}","user_code":"TEST-CODE","verification_uri":"http://127.0.0.1/devicelogin","expires_in":300,"interval":1}}"#
                        ),
                    )
                }
                _ => (404, r#"{"error":"not_found"}"#.to_owned()),
            }
        };
        let reason = if status == 200 { "OK" } else { "Bad Request" };
        write!(
            out,
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\r\n{answer}",
            answer.len()
        )?;
        out.flush()?;
    }
}
