//! Sender authentication: whether the campaign's own mail server vouches
//! for the `From` domain, read from its `Authentication-Results` header
//! (RFC 8601) with DMARC's relaxed alignment (RFC 7489).
//!
//! Whose header to trust is [`SenderAuth`]. A server named by its
//! authserv-id (Gmail's `mx.google.com`, Fastmail's
//! `mx1.messagingengine.com` and its siblings) writes its results above
//! anything the sender wrote, so the topmost run of its headers counts.
//! Exchange Online writes its header with no id at all; it renames the
//! ones a message arrives with (`Authentication-Results-Original`) and
//! strips its own `X-MS-Exchange-Organization-*` headers from outside
//! mail before adding them, so its header is trusted only beside its
//! `X-MS-Exchange-Organization-AuthAs`, and only when it is the one
//! header of its kind.

use crate::email_address::domain;
use crate::inbound::Inbound;

/// Why a message failed sender authentication. It goes to review: the
/// request may be genuine, but answering it could send a stranger's
/// details to someone who never asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authentication-Results` from the trusted server.
    NoResults,
    /// Results were there, but neither DMARC passed nor an aligned DKIM
    /// signature.
    NotPassed,
}

impl AuthFailure {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            AuthFailure::NoResults => "unauthenticated",
            AuthFailure::NotPassed => "authentication_failed",
        }
    }
}

/// Whose `Authentication-Results` vouch for senders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SenderAuth {
    /// Nobody's: every sender is taken at their word.
    Off,
    /// The server that writes this authserv-id; a `*` stands for any
    /// letters and digits (`mx*.messagingengine.com`).
    AuthservId(String),
    /// Exchange Online's header, which has no authserv-id.
    Microsoft365,
}

/// Check that the campaign's own mail server vouches for the `From`
/// domain: `dmarc=pass`, or `dkim=pass` with a signing domain aligned with
/// it (RFC 7489 §3.1, relaxed), or (Exchange Online) its composite
/// `compauth=pass` from an explicit check.
///
/// Only the topmost run of headers with the server's id counts. Our
/// server adds its results when the message arrives, above anything the
/// sender wrote; a copy lower down, whatever it claims, was written
/// before. (RFC 8601 §5 also has the server delete such copies; not every
/// one does.)
pub fn authenticate(inbound: &Inbound, trusted: &SenderAuth) -> Result<(), AuthFailure> {
    let Some(sender) = &inbound.sender else {
        return Err(AuthFailure::NoResults);
    };
    let from_domain = domain(&sender.address).unwrap_or("").to_ascii_lowercase();
    let all: Vec<AuthResults> = inbound
        .headers
        .iter()
        .filter(|(name, _)| name == "authentication-results")
        .filter_map(|(_, value)| AuthResults::parse(value))
        .collect();
    let ours: Vec<&AuthResults> = match trusted {
        SenderAuth::Off => return Ok(()),
        // One header, the topmost; a server named by a pattern (Fastmail)
        // splits its results over a run of headers, and deletes copies
        // of its own that a message arrives with, so the run counts.
        SenderAuth::AuthservId(id) => all
            .iter()
            .skip_while(|r| !id_matches(id, &r.authserv_id))
            .take_while(|r| id_matches(id, &r.authserv_id))
            .take(if id.contains('*') { usize::MAX } else { 1 })
            .collect(),
        SenderAuth::Microsoft365 => {
            let stamped = inbound
                .headers
                .iter()
                .any(|(name, _)| name == "x-ms-exchange-organization-authas");
            let idless: Vec<&AuthResults> =
                all.iter().filter(|r| r.authserv_id.is_empty()).collect();
            if stamped && idless.len() == 1 {
                idless
            } else {
                Vec::new()
            }
        }
    };
    if ours.is_empty() {
        return Err(AuthFailure::NoResults);
    }
    let passed = ours.iter().flat_map(|r| &r.results).any(|m| {
        m.result == "pass"
            && match m.method.as_str() {
                "dmarc" => m
                    .property("header.from")
                    .is_none_or(|d| aligned(d, &from_domain)),
                "dkim" => m
                    .property("header.d")
                    .is_some_and(|d| aligned(d, &from_domain)),
                // Microsoft's verdict on the From domain; reason 1xx is
                // an explicit check (SPF, DKIM, DMARC), 7xx an allowance.
                "compauth" => {
                    *trusted == SenderAuth::Microsoft365
                        && m.property("reason").is_some_and(|r| r.starts_with('1'))
                }
                _ => false,
            }
    });
    if passed {
        Ok(())
    } else {
        Err(AuthFailure::NotPassed)
    }
}

/// Whether `id` (which may hold `*`s, each standing for letters and
/// digits) is the header's authserv-id, ignoring case.
fn id_matches(pattern: &str, id: &str) -> bool {
    let (pattern, id) = (pattern.to_ascii_lowercase(), id.to_ascii_lowercase());
    let mut pieces = pattern.split('*');
    let Some(first) = pieces.next() else {
        return false;
    };
    let Some(mut rest) = id.strip_prefix(first) else {
        return false;
    };
    for piece in pieces {
        // The wildcard eats letters and digits up to the next piece.
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let Some(at) = (0..=end).find(|&i| rest[i..].starts_with(piece)) else {
            return false;
        };
        rest = &rest[at + piece.len()..];
    }
    rest.is_empty() && !id.is_empty()
}

/// Relaxed alignment without the public suffix list: one domain is the
/// other or a subdomain of it, and the shorter has at least two labels.
fn aligned(signer: &str, from: &str) -> bool {
    let signer = signer.trim().trim_start_matches('@').to_ascii_lowercase();
    let signer = domain(&signer).unwrap_or(&signer);
    let (short, long) = if signer.len() <= from.len() {
        (signer, from)
    } else {
        (from, signer)
    };
    short.contains('.')
        && (long == short
            || long
                .strip_suffix(short)
                .is_some_and(|rest| rest.ends_with('.')))
}

/// One `Authentication-Results` header (RFC 8601 §2.2).
struct AuthResults {
    authserv_id: String,
    results: Vec<MethodResult>,
}

/// One `method=result` with its properties (`header.d=…`).
struct MethodResult {
    method: String,
    result: String,
    properties: Vec<(String, String)>,
}

impl MethodResult {
    fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl AuthResults {
    fn parse(value: &str) -> Option<AuthResults> {
        let value = strip_comments(value);
        let mut parts = value.split(';').peekable();
        let first = parts.peek()?.split_whitespace().next()?.to_owned();
        // Exchange Online writes no authserv-id: its first part is a
        // result already.
        let authserv_id = if first.contains('=') {
            String::new()
        } else {
            parts.next();
            first
        };
        let mut results = Vec::new();
        for part in parts {
            let mut words = part.split_whitespace();
            let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
                continue; // `none`, or nothing
            };
            let method = method.split('/').next().unwrap_or(method);
            let properties = words
                .filter_map(|w| w.split_once('='))
                .map(|(n, v)| (n.to_ascii_lowercase(), v.trim_matches('"').to_owned()))
                .collect();
            results.push(MethodResult {
                method: method.to_ascii_lowercase(),
                result: result.to_ascii_lowercase(),
                properties,
            });
        }
        Some(AuthResults {
            authserv_id,
            results,
        })
    }
}

/// Remove `(comments)`, nested ones too (RFC 5322 CFWS).
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0u32;
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::tests::mail;

    const ID: &str = "mx.campaign.example";

    fn authenticated(from: &str, headers: &[(&str, &str)]) -> Result<(), AuthFailure> {
        authenticate(
            &mail(from, headers, ""),
            &SenderAuth::AuthservId(ID.to_owned()),
        )
    }

    #[test]
    fn authentication_table() {
        use AuthFailure::*;
        let ar = "authentication-results";
        type AuthCase<'a> = (&'a str, &'a [(&'a str, &'a str)], Result<(), AuthFailure>);
        let cases: &[AuthCase<'_>] = &[
            ("jane@example.org", &[], Err(NoResults)),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=pass header.from=example.org",
                )],
                Ok(()),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "MX.Campaign.Example 1; dmarc=pass (p=none) header.from=example.org",
                )],
                Ok(()),
            ),
            // Aligned DKIM, relaxed: a subdomain signs.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; spf=fail; dkim=pass header.d=mail.example.org",
                )],
                Ok(()),
            ),
            // A signature by someone else's domain proves nothing about From.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dkim=pass header.d=attacker.example",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(ar, "mx.campaign.example; dkim=pass header.d=org")],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=fail header.from=example.org",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=pass header.from=other.example",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(ar, "mx.campaign.example; none")],
                Err(NotPassed),
            ),
            // Another server's results are not ours to trust.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.elsewhere.example; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            // An id that only starts or ends like ours is another server's.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example.attacker.test; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "evil-mx.campaign.example; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            // A "pass" hidden in a comment is not a pass.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=fail (dmarc=pass) header.from=example.org",
                )],
                Err(NotPassed),
            ),
            // Forged below the real one: only the topmost with our id is
            // our server's.
            (
                "jane@example.org",
                &[
                    (
                        ar,
                        "mx.elsewhere.example; dmarc=pass header.from=example.org",
                    ),
                    (
                        ar,
                        "mx.campaign.example; dmarc=fail header.from=example.org",
                    ),
                    (
                        ar,
                        "mx.campaign.example; dmarc=pass header.from=example.org",
                    ),
                ],
                Err(NotPassed),
            ),
        ];
        for (from, headers, want) in cases {
            assert_eq!(authenticated(from, headers), *want, "{from} {headers:?}");
        }
    }

    /// The providers' own shapes (captured headers, in the research notes
    /// the README cites), and what a sender can add to them.
    #[test]
    fn each_providers_stamp_is_read_and_a_senders_copy_is_not() {
        use AuthFailure::*;
        let ar = "authentication-results";
        let google = SenderAuth::AuthservId("mx.google.com".to_owned());
        let gmail_pass = "mx.google.com;\r\n       dkim=pass header.i=@fastmail.com header.s=fm2 header.b=9iLihtf9;\r\n       spf=pass (google.com: domain of alice@fastmail.com designates 66.111.4.28 as permitted sender) smtp.mailfrom=alice@fastmail.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=fastmail.com";
        let check = |trusted: &SenderAuth, from: &str, headers: &[(&str, &str)]| {
            authenticate(&mail(from, headers, ""), trusted)
        };
        assert_eq!(
            check(&google, "alice@fastmail.com", &[(ar, gmail_pass)]),
            Ok(())
        );
        // Gmail's own verdict is the top one; a pass the sender wrote
        // below it is not read.
        let forged = [
            (ar, "mx.google.com; dmarc=fail header.from=victim.org"),
            (ar, "mx.google.com; dmarc=pass header.from=victim.org"),
        ];
        assert_eq!(check(&google, "mp@victim.org", &forged), Err(NotPassed));

        let fastmail = SenderAuth::AuthservId("mx*.messagingengine.com".to_owned());
        let run = [
            (
                ar,
                "mx6.messagingengine.com; x-csa=none; x-me-sender=none; x-ptr=pass smtp.helo=mail-wm1-f67.google.com",
            ),
            (
                ar,
                "mx6.messagingengine.com; bimi=skipped (DMARC Policy is not at enforcement)",
            ),
            (
                ar,
                "mx6.messagingengine.com; arc=none (no signatures found)",
            ),
            (
                ar,
                "mx6.messagingengine.com; dkim=pass (2048-bit rsa key sha256) header.d=gmail.com header.i=@gmail.com; dmarc=pass policy.published-domain-policy=none header.from=gmail.com; iprev=pass smtp.remote-ip=209.85.128.67; spf=pass smtp.mailfrom=bob@gmail.com",
            ),
        ];
        assert_eq!(check(&fastmail, "bob@gmail.com", &run), Ok(()));
        assert_eq!(check(&fastmail, "bob@gmail.com", &run[..3]), Err(NotPassed));
        assert_eq!(
            check(
                &fastmail,
                "bob@gmail.com",
                &[(ar, "mx.attacker.example; dmarc=pass header.from=gmail.com")]
            ),
            Err(NoResults)
        );

        let microsoft = SenderAuth::Microsoft365;
        let exchange = "spf=pass (sender IP is 209.85.128.67)\r\n smtp.mailfrom=gmail.com; dkim=pass (signature was verified)\r\n header.d=gmail.com;dmarc=pass action=none header.from=gmail.com;compauth=pass\r\n reason=100";
        let authas = ("x-ms-exchange-organization-authas", "Anonymous");
        assert_eq!(
            check(&microsoft, "bob@gmail.com", &[(ar, exchange), authas]),
            Ok(())
        );
        // Without Exchange's own stamp beside it, an id-less header could
        // be anyone's.
        assert_eq!(
            check(&microsoft, "bob@gmail.com", &[(ar, exchange)]),
            Err(NoResults)
        );
        assert_eq!(
            check(
                &microsoft,
                "bob@gmail.com",
                &[(ar, exchange), (ar, exchange), authas]
            ),
            Err(NoResults)
        );
        let composite = "spf=none smtp.mailfrom=small.example; dkim=none; dmarc=none action=none header.from=small.example;compauth=pass reason=109";
        assert_eq!(
            check(&microsoft, "x@small.example", &[(ar, composite), authas]),
            Ok(())
        );
        let allowed = composite.replace("reason=109", "reason=703");
        assert_eq!(
            check(&microsoft, "x@small.example", &[(ar, &allowed), authas]),
            Err(NotPassed)
        );
        assert_eq!(check(&SenderAuth::Off, "x@small.example", &[]), Ok(()));
    }

    #[test]
    fn a_pattern_stands_for_letters_and_digits_only() {
        assert!(id_matches(
            "mx*.messagingengine.com",
            "MX12.messagingengine.com"
        ));
        assert!(!id_matches(
            "mx*.messagingengine.com",
            "mx1.evil.messagingengine.com.example"
        ));
        assert!(!id_matches(
            "mx*.messagingengine.com",
            "mx.evil.example.messagingengine.com"
        ));
        assert!(id_matches("mx.google.com", "mx.google.com"));
        assert!(!id_matches("mx.google.com", "mx.google.com.evil"));
    }
}
