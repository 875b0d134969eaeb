//! Content negotiation of the GraphQL-over-HTTP specification.

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT, CONTENT_TYPE};

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

/// The media type a response is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// `application/graphql-response+json`: status codes tell request errors (400) apart.
    GraphqlResponseJson,
    /// `application/json` (legacy clients): 200 for every well-formed GraphQL request.
    Json,
}

impl ResponseType {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// Picks the response type from `Accept`: the acceptable type with the highest `q`
/// (`application/graphql-response+json` on a tie or for wildcards); `None` when the client
/// accepts neither (406). No `Accept` header is treated as `application/json`, as the
/// specification asks for compatibility with older clients.
pub fn response_type(headers: &HeaderMap) -> Option<ResponseType> {
    let values: Vec<&str> = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if values.is_empty() || values.iter().all(|v| v.trim().is_empty()) {
        return Some(ResponseType::Json);
    }
    let mut best: Option<(f32, u8, ResponseType)> = None;
    for range in values.iter().flat_map(|v| v.split(',')) {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        // (preference on ties: the specific graphql type, then json, then wildcards)
        let candidate = match media.as_str() {
            GRAPHQL_RESPONSE_JSON => (3, ResponseType::GraphqlResponseJson),
            JSON => (2, ResponseType::Json),
            "application/*" | "*/*" => (1, ResponseType::GraphqlResponseJson),
            _ => continue,
        };
        let better = match best {
            None => true,
            Some((bq, bp, _)) => q > bq || (q == bq && candidate.0 > bp),
        };
        if better {
            best = Some((q, candidate.0, candidate.1));
        }
    }
    best.map(|(_, _, t)| t)
}

/// Whether a POST body is declared as JSON (`application/json`, UTF-8 if a charset is given).
pub fn is_json_request(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Ok(mime) = value.parse::<mime::Mime>() else {
        return false;
    };
    mime.essence_str() == JSON
        && mime
            .get_param(mime::CHARSET)
            .is_none_or(|charset| charset.as_str().eq_ignore_ascii_case("utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn negotiates_like_the_specification() {
        assert_eq!(response_type(&HeaderMap::new()), Some(ResponseType::Json));
        assert_eq!(
            response_type(&accept("application/json")),
            Some(ResponseType::Json)
        );
        assert_eq!(
            response_type(&accept(
                "application/graphql-response+json, application/json;q=0.9"
            )),
            Some(ResponseType::GraphqlResponseJson)
        );
        assert_eq!(
            response_type(&accept(
                "application/graphql-response+json;q=0.5, application/json"
            )),
            Some(ResponseType::Json)
        );
        assert_eq!(
            response_type(&accept("*/*")),
            Some(ResponseType::GraphqlResponseJson)
        );
        assert_eq!(response_type(&accept("text/html")), None);
        assert_eq!(response_type(&accept("application/json;q=0")), None);
    }
}
