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
    let i = text.find(':')?;
    let scheme = &text[..i];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(scheme)
}

/// Checks a URL against a `vitrine:safeUrl` rule.
pub fn check_safe_url(text: &str, rule: SafeUrl) -> Result<(), UrlError> {
    // Browsers ignore leading whitespace/control characters and tabs or
    // newlines inside a scheme, so `java\tscript:` must be caught too.
    let plain = text.bytes().all(|b| b.is_ascii_graphic());
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
            let host = host.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or("");
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
