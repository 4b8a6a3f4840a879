//! A response body prepared once and served many times: the identity bytes,
//! their gzip and brotli encodings (made on first demand, kept when worth
//! it), a content type and an ETag. Negotiation picks the encoding from `Accept-Encoding` and answers
//! `304 Not Modified` when `If-None-Match` matches.

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;

/// Bodies smaller than this are sent as they are.
const MIN_COMPRESS_LEN: usize = 512;

#[derive(Debug, Clone)]
pub struct Representation {
    pub content_type: HeaderValue,
    /// The strong validator, quotes included (`"…"`).
    pub etag: HeaderValue,
    pub identity: Bytes,
    compressible: bool,
    effort: Effort,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
}

/// How hard to compress: static bundles are compressed once at the best
/// level; dataset bodies change on every accepted suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    Best,
    Fast,
}

impl Representation {
    pub fn new(content_type: &str, etag_value: &str, body: Vec<u8>, effort: Effort) -> Self {
        let compressible = body.len() >= MIN_COMPRESS_LEN && is_compressible(content_type);
        Representation {
            compressible,
            effort,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            content_type: HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            etag: HeaderValue::from_str(&format!("\"{etag_value}\""))
                .unwrap_or(HeaderValue::from_static("\"0\"")),
            identity: Bytes::from(body),
        }
    }

    /// The gzip encoding, when it saves bytes.
    pub fn gzip(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| self.encode(gzip(&self.identity, self.effort)))
            .as_ref()
    }

    /// The brotli encoding, when it saves bytes.
    pub fn brotli(&self) -> Option<&Bytes> {
        self.brotli
            .get_or_init(|| self.encode(brotli(&self.identity, self.effort)))
            .as_ref()
    }

    fn encode(&self, encoded: Option<Vec<u8>>) -> Option<Bytes> {
        if !self.compressible {
            return None;
        }
        encoded
            .filter(|e| e.len() < self.identity.len())
            .map(Bytes::from)
    }

    /// Computes both encodings now (for files served many times).
    pub fn precompress(&self) {
        let _ = (self.gzip(), self.brotli());
    }

    /// Builds the response for a request with these headers.
    pub fn respond(&self, request: &HeaderMap, cache_control: &'static str) -> Response {
        let mut builder = Response::builder()
            .header(header::ETAG, self.etag.clone())
            .header(header::CACHE_CONTROL, cache_control)
            .header(header::VARY, "Accept-Encoding");
        if if_none_match(request, &self.etag) {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        let accepted = accepted_encodings(request);
        let brotli = if accepted.brotli { self.brotli() } else { None };
        let gzip = if accepted.gzip && brotli.is_none() {
            self.gzip()
        } else {
            None
        };
        let (body, encoding) = match (brotli, gzip) {
            (Some(br), _) => (br.clone(), Some("br")),
            (_, Some(gz)) => (gz.clone(), Some("gzip")),
            _ => (self.identity.clone(), None),
        };
        if let Some(encoding) = encoding {
            builder = builder.header(header::CONTENT_ENCODING, encoding);
        }
        builder
            .header(header::CONTENT_TYPE, self.content_type.clone())
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .unwrap_or_default()
    }
}

/// True when `If-None-Match` lists this ETag (weak comparison) or `*`.
pub fn if_none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(etag) = etag.to_str().ok() else {
        return false;
    };
    let etag = etag.trim_start_matches("W/");
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

#[derive(Debug, Default, Clone, Copy)]
struct Accepted {
    gzip: bool,
    brotli: bool,
}

fn accepted_encodings(request: &HeaderMap) -> Accepted {
    let mut accepted = Accepted::default();
    for value in request.get_all(header::ACCEPT_ENCODING).iter() {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim().replace(' ', "");
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            if refused {
                continue;
            }
            match name.as_str() {
                "gzip" | "x-gzip" => accepted.gzip = true,
                "br" => accepted.brotli = true,
                "*" => {
                    accepted.gzip = true;
                    accepted.brotli = true;
                }
                _ => {}
            }
        }
    }
    accepted
}

fn is_compressible(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("text/")
        || ct.starts_with("application/json")
        || ct.starts_with("application/javascript")
        || ct.starts_with("application/wasm")
        || ct.starts_with("application/xml")
        || ct.starts_with("image/svg+xml")
        || ct.starts_with("application/manifest+json")
}

fn gzip(body: &[u8], effort: Effort) -> Option<Vec<u8>> {
    let level = match effort {
        Effort::Best => flate2::Compression::best(),
        Effort::Fast => flate2::Compression::new(6),
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), level);
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn brotli(body: &[u8], effort: Effort) -> Option<Vec<u8>> {
    let quality = match effort {
        // Quality 11 is very slow on large inputs; 9 is close in size.
        Effort::Best if body.len() <= 4 << 20 => 11,
        Effort::Best => 9,
        Effort::Fast => 5,
    };
    let mut out = Vec::with_capacity(body.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        writer.write_all(body).ok()?;
        writer.flush().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn negotiates_brotli_then_gzip_then_identity() {
        let body = "a,b\n1,2\n".repeat(200).into_bytes();
        let rep = Representation::new("text/csv", "v1", body.clone(), Effort::Fast);
        let br = rep.respond(
            &headers(&[(header::ACCEPT_ENCODING, "gzip, br")]),
            "no-cache",
        );
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        let gz = rep.respond(
            &headers(&[(header::ACCEPT_ENCODING, "gzip, br;q=0")]),
            "no-cache",
        );
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let plain = rep.respond(&HeaderMap::new(), "no-cache");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&rep.gzip().unwrap()[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
        let mut decoded = Vec::new();
        brotli::Decompressor::new(&rep.brotli().unwrap()[..], 4096)
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
    }

    #[test]
    fn if_none_match_gives_304() {
        let rep = Representation::new("text/csv", "abc", b"x".to_vec(), Effort::Fast);
        let hit = rep.respond(
            &headers(&[(header::IF_NONE_MATCH, "\"zz\", W/\"abc\"")]),
            "no-cache",
        );
        assert_eq!(hit.status(), StatusCode::NOT_MODIFIED);
        let miss = rep.respond(&headers(&[(header::IF_NONE_MATCH, "\"zz\"")]), "no-cache");
        assert_eq!(miss.status(), StatusCode::OK);
    }
}
