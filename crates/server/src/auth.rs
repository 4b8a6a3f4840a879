//! Bearer tokens: generation (`vitrine token`), argon2 hashing, and the
//! check of `Authorization: Bearer …` on requests.
//!
//! Only argon2 hashes are configured. A successful verification is
//! remembered under the SHA-256 of the token so that argon2 runs once per
//! token, not once per request; so is a failed one (in a bounded set).
//! Verifications run off the async threads, at most two at a time, so that
//! a flood of wrong tokens cannot stall the server.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::{HeaderMap, StatusCode, header};
use sha2::{Digest, Sha256};

use crate::config::{Role, TokenConfig};
use crate::errors::ApiError;

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    Token { name: String, role: Role },
}

impl Caller {
    pub fn name(&self) -> Option<&str> {
        match self {
            Caller::Anonymous => None,
            Caller::Token { name, .. } => Some(name),
        }
    }
}

/// A new random token (`vt_` and 64 hex digits) and its argon2 hash.
pub fn generate_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = format!("vt_{}", hex(&bytes));
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(token.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Most wrong tokens remembered; the set is emptied when full.
const MAX_REJECTED: usize = 10_000;

pub struct Authenticator {
    tokens: Arc<Vec<TokenConfig>>,
    verified: RwLock<HashMap<[u8; 32], usize>>,
    rejected: Mutex<HashSet<[u8; 32]>>,
    verifying: tokio::sync::Semaphore,
}

impl Authenticator {
    pub fn new(tokens: Vec<TokenConfig>) -> Self {
        Authenticator {
            tokens: Arc::new(tokens),
            verified: RwLock::new(HashMap::new()),
            rejected: Mutex::new(HashSet::new()),
            verifying: tokio::sync::Semaphore::new(2),
        }
    }

    /// The index of the token's configuration, verifying with argon2 when
    /// the token was not seen before.
    async fn lookup(&self, token: &str) -> Option<usize> {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        if let Some(i) = self.verified.read().ok().and_then(|m| m.get(&key).copied()) {
            return Some(i);
        }
        let known_bad = |s: &Self| s.rejected.lock().map(|r| r.contains(&key)).unwrap_or(false);
        if known_bad(self) {
            return None;
        }
        let _permit = self.verifying.acquire().await.ok()?;
        let tokens = self.tokens.clone();
        let candidate = token.to_string();
        let found = tokio::task::spawn_blocking(move || {
            tokens.iter().position(|t| {
                PasswordHash::new(&t.hash)
                    .map(|h| {
                        Argon2::default()
                            .verify_password(candidate.as_bytes(), &h)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
        })
        .await
        .ok()
        .flatten();
        match found {
            Some(i) => {
                if let Ok(mut m) = self.verified.write() {
                    m.insert(key, i);
                }
            }
            None => {
                if let Ok(mut r) = self.rejected.lock() {
                    if r.len() >= MAX_REJECTED {
                        r.clear();
                    }
                    r.insert(key);
                }
            }
        }
        found
    }

    /// Anonymous without an `Authorization` header; the token's holder when
    /// it matches; 401 for a malformed header, 403 for an unknown token.
    pub async fn caller(&self, headers: &HeaderMap) -> Result<Caller, ApiError> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Ok(Caller::Anonymous);
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "bad_authorization",
                    "The Authorization header must be `Bearer <token>`.",
                    "L'en-tête Authorization doit être « Bearer <jeton> ».",
                )
            })?;
        let index = self.lookup(token).await;
        match index {
            Some(i) => Ok(Caller::Token {
                name: self.tokens[i].name.clone(),
                role: self.tokens[i].role,
            }),
            None => Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "invalid_token",
                "This token is not valid.",
                "Ce jeton n'est pas valide.",
            )),
        }
    }

    /// The moderator's name, or 401 (no token) / 403 (wrong token or not a moderator).
    pub async fn moderator(&self, headers: &HeaderMap) -> Result<String, ApiError> {
        match self.caller(headers).await? {
            Caller::Anonymous => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "token_required",
                "A moderator token is required (Authorization: Bearer <token>).",
                "Un jeton de modération est requis (Authorization: Bearer <jeton>).",
            )),
            Caller::Token {
                name,
                role: Role::Moderator,
            } => Ok(name),
            Caller::Token { .. } => Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "not_a_moderator",
                "This token may read restricted fields but not moderate.",
                "Ce jeton permet de lire les champs restreints mais pas de modérer.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_token(token: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
        );
        h
    }

    #[tokio::test]
    async fn generated_token_verifies_and_others_do_not() {
        let (token, hash) = generate_token();
        let auth = Authenticator::new(vec![TokenConfig {
            name: "alice".into(),
            hash,
            role: Role::Moderator,
        }]);
        assert_eq!(auth.moderator(&with_token(&token)).await.unwrap(), "alice");
        // Second time from the cache.
        assert_eq!(auth.moderator(&with_token(&token)).await.unwrap(), "alice");
        let wrong = auth.moderator(&with_token("vt_wrong")).await.unwrap_err();
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        let none = auth.moderator(&HeaderMap::new()).await.unwrap_err();
        assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    }
}
