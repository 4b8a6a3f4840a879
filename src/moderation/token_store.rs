//! The moderator token, kept in the tab's `sessionStorage` only: never in
//! the URL, never in `localStorage`, gone when the tab closes.

const KEY: &str = "vitrine-moderator-token";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The token saved for this tab, if any.
pub fn load() -> Option<String> {
    storage()?
        .get_item(KEY)
        .ok()?
        .filter(|t| !t.trim().is_empty())
}

/// Saves the token for this tab (silently not when storage is unavailable:
/// the page still works for as long as it stays open).
pub fn save(token: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, token);
    }
}

pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
