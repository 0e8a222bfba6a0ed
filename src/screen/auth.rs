//! Sender authentication: whether the campaign's own mail server vouches
//! for the `From` domain, read from its `Authentication-Results` header
//! (RFC 8601) with DMARC's relaxed alignment (RFC 7489).

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

/// Check that the campaign's own mail server, named by `authserv_id`,
/// vouches for the `From` domain: `dmarc=pass`, or `dkim=pass` with a
/// signing domain aligned with it (RFC 7489 §3.1, relaxed).
///
/// Only the topmost header with that id counts. Our server adds its
/// results when the message arrives, above anything the sender wrote; a
/// copy lower down, whatever it claims, was written before. (RFC 8601 §5
/// also has the server delete such copies; not every one does.)
pub fn authenticate(inbound: &Inbound, authserv_id: &str) -> Result<(), AuthFailure> {
    let Some(sender) = &inbound.sender else {
        return Err(AuthFailure::NoResults);
    };
    let from_domain = domain(&sender.address).unwrap_or("").to_ascii_lowercase();
    let ours = inbound
        .headers
        .iter()
        .filter(|(name, _)| name == "authentication-results")
        .filter_map(|(_, value)| AuthResults::parse(value))
        .find(|r| r.authserv_id.eq_ignore_ascii_case(authserv_id))
        .ok_or(AuthFailure::NoResults)?;
    let passed = ours.results.iter().any(|m| {
        m.result == "pass"
            && match m.method.as_str() {
                "dmarc" => m
                    .property("header.from")
                    .is_none_or(|d| aligned(d, &from_domain)),
                "dkim" => m
                    .property("header.d")
                    .is_some_and(|d| aligned(d, &from_domain)),
                _ => false,
            }
    });
    if passed {
        Ok(())
    } else {
        Err(AuthFailure::NotPassed)
    }
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
        let mut parts = value.split(';');
        let authserv_id = parts.next()?.split_whitespace().next()?.to_owned();
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
        authenticate(&mail(from, headers, ""), ID)
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
}
