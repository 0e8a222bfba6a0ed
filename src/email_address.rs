//! Email addresses as postbag checks and splits them: one plain test of
//! shape, and the domain and local part, written once.

/// A deliberately plain check: one `@`, a dot in the domain, no spaces or
/// characters that need quoting.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = parts(s) else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.len() <= 254
        && s.bytes()
            .all(|b| b.is_ascii_graphic() && !b"<>()[]\\,;:\"".contains(&b))
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// The local part and the domain, split at the last `@`; `None` without
/// one.
pub fn parts(address: &str) -> Option<(&str, &str)> {
    address.rsplit_once('@')
}

/// The part after the last `@`; `None` without one.
pub fn domain(address: &str) -> Option<&str> {
    parts(address).map(|(_, domain)| domain)
}

/// The part before the last `@`; `None` without one.
pub fn local_part(address: &str) -> Option<&str> {
    parts(address).map(|(local, _)| local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_splits_at_its_last_at_sign() {
        assert_eq!(domain("a@b@example.org"), Some("example.org"));
        assert_eq!(local_part("a@b@example.org"), Some("a@b"));
        assert_eq!(domain("nobody"), None);
        assert!(is_email("letters@notwithmynhsdata.org"));
        assert!(!is_email("letters at example.org") && !is_email("a@localhost"));
    }
}
