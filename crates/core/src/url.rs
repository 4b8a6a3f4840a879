//! The safe-URL check (`vitrine:safeUrl`).

use crate::schema::SafeUrl;

/// Why a text is not a safe URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// A scheme other than http/https (`javascript`, `data`, …).
    Scheme(String),
    /// Relative reference where an absolute URL is required.
    NotAbsolute,
    /// `http://` or `https://` without a host, or with spaces or control characters.
    Malformed,
}

fn scheme_of(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let i = memchr::memchr(b':', b)?;
    let scheme = &b[..i];
    let (first, rest) = scheme.split_first()?;
    (first.is_ascii_alphabetic()
        && rest
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
    .then_some(&text[..i])
}

/// Every byte is printable ASCII other than space (`!`..=`~`). Checked 16
/// bytes at a time without an early exit, which the compiler vectorizes.
fn all_graphic(bytes: &[u8]) -> bool {
    let graphic = |b: u8| b.wrapping_sub(b'!') <= b'~' - b'!';
    let mut chunks = bytes.chunks_exact(16);
    let whole = chunks
        .by_ref()
        .all(|c| c.iter().fold(true, |ok, &b| ok & graphic(b)));
    whole && chunks.remainder().iter().all(|&b| graphic(b))
}

/// Checks a URL against a `vitrine:safeUrl` rule.
pub fn check_safe_url(text: &str, rule: SafeUrl) -> Result<(), UrlError> {
    // Browsers ignore leading whitespace/control characters and tabs or
    // newlines inside a scheme, so `java\tscript:` must be caught too.
    let plain = all_graphic(text.as_bytes());
    if !plain && text.chars().any(|c| c.is_control() || c == ' ') {
        return Err(
            match scheme_of(&text.replace(|c: char| c.is_control() || c == ' ', "")) {
                Some(s) if !s.eq_ignore_ascii_case("http") && !s.eq_ignore_ascii_case("https") => {
                    UrlError::Scheme(s.to_ascii_lowercase())
                }
                _ => UrlError::Malformed,
            },
        );
    }
    match scheme_of(text) {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            let rest = &text[s.len() + 1..];
            let host = rest.strip_prefix("//").ok_or(UrlError::Malformed)?;
            let end = host
                .bytes()
                .position(|b| matches!(b, b'/' | b'?' | b'#'))
                .unwrap_or(host.len());
            let host = &host[..end];
            let host = memchr::memrchr(b'@', host.as_bytes()).map_or(host, |at| &host[at + 1..]);
            if host.is_empty() || host.starts_with(':') {
                return Err(UrlError::Malformed);
            }
            Ok(())
        }
        Some(s) => Err(UrlError::Scheme(s.to_ascii_lowercase())),
        None if text.starts_with("//") => Err(UrlError::NotAbsolute),
        None => match rule {
            SafeUrl::AllowRelative if !text.contains('\\') => Ok(()),
            _ => Err(UrlError::NotAbsolute),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_in_and_out_of_whole_chunks() {
        let long = "https://exemple.fr/un/chemin/assez/long?q=1";
        for i in 0..long.len() {
            assert!(all_graphic(&long.as_bytes()[..i]));
            for bad in [b' ', b'\t', 0x7f, 0xc3, b'\n'] {
                let mut b = long.as_bytes().to_vec();
                b[i] = bad;
                assert!(!all_graphic(&b), "{i} {bad}");
            }
        }
    }

    #[test]
    fn only_http_and_https() {
        assert_eq!(
            check_safe_url("https://exemple.fr/x", SafeUrl::Absolute),
            Ok(())
        );
        assert_eq!(
            check_safe_url("HTTP://exemple.fr", SafeUrl::Absolute),
            Ok(())
        );
        assert_eq!(
            check_safe_url("javascript:alert(1)", SafeUrl::AllowRelative),
            Err(UrlError::Scheme("javascript".into()))
        );
        assert_eq!(
            check_safe_url("java\tscript:alert(1)", SafeUrl::AllowRelative),
            Err(UrlError::Scheme("javascript".into()))
        );
        assert_eq!(
            check_safe_url("data:text/html,x", SafeUrl::Absolute),
            Err(UrlError::Scheme("data".into()))
        );
        assert_eq!(
            check_safe_url("logos/a.png", SafeUrl::Absolute),
            Err(UrlError::NotAbsolute)
        );
        assert_eq!(
            check_safe_url("logos/a.png", SafeUrl::AllowRelative),
            Ok(())
        );
        assert_eq!(
            check_safe_url("//evil.example/x", SafeUrl::AllowRelative),
            Err(UrlError::NotAbsolute)
        );
        assert_eq!(
            check_safe_url("https://", SafeUrl::Absolute),
            Err(UrlError::Malformed)
        );
    }
}
