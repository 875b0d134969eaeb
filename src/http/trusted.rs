//! Trusted documents (persisted operations): the operations a deployment's own clients were
//! built with, listed in a JSON file given by `--trusted-documents`.
//!
//! The file maps document ids to documents: `{"sha256:<hex>": "query … { … }", …}`, where
//! `<hex>` is the SHA-256 of the document's exact text (the id clients such as GraphQL Codegen
//! or Relay's persisted-queries output compute). Every id is checked against its document
//! when the file is read, so a typo cannot let an unlisted operation through.
//!
//! When the list is configured, viewers other than administrators may only run listed
//! documents: sent by `documentId` (GraphQL-over-HTTP persisted documents), by Apollo's
//! `extensions.persistedQuery.sha256Hash`, or as the full text of a listed document.
//! Administrators keep ad-hoc queries.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, bail};
use sha2::{Digest, Sha256};

/// The prefix of a document id.
const PREFIX: &str = "sha256:";

/// The documents a deployment trusts, by id.
#[derive(Debug, Default)]
pub struct TrustedDocuments {
    by_hash: HashMap<String, String>,
}

impl TrustedDocuments {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the trusted documents {}", path.display()))?;
        Self::parse(&text)
            .with_context(|| format!("invalid trusted documents file {}", path.display()))
    }

    /// Parses the JSON map of ids to documents, checking every id.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let map: HashMap<String, String> = serde_json::from_str(text)
            .context("expected a JSON object mapping \"sha256:<hex>\" to a document")?;
        let mut by_hash = HashMap::with_capacity(map.len());
        for (id, document) in map {
            let Some(hash) = normalized_hash(&id) else {
                bail!("`{id}` is not a document id (\"sha256:\" and 64 hexadecimal digits)");
            };
            let actual = hash_of(&document);
            if actual != hash {
                bail!("`{id}` is not the SHA-256 of its document (that is sha256:{actual})");
            }
            by_hash.insert(hash, document);
        }
        Ok(Self { by_hash })
    }

    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// The document of `id` (`sha256:<hex>`, or the bare hex digest of Apollo's
    /// `persistedQuery`), if listed.
    pub fn get(&self, id: &str) -> Option<&str> {
        let hash = normalized_hash(id)?;
        self.by_hash.get(&hash).map(String::as_str)
    }

    /// Whether `document` is one of the listed documents, text for text.
    pub fn contains_text(&self, document: &str) -> bool {
        self.by_hash
            .get(&hash_of(document))
            .is_some_and(|listed| listed == document)
    }
}

/// The lowercase hex digest of an id written `sha256:<hex>` or `<hex>`.
pub fn normalized_hash(id: &str) -> Option<String> {
    let hex = id.strip_prefix(PREFIX).unwrap_or(id);
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// The SHA-256 of a document's text, in lowercase hex.
pub fn hash_of(document: &str) -> String {
    let digest = Sha256::digest(document.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of a document, as the file and `documentId` write it.
pub fn document_id(document: &str) -> String {
    format!("{PREFIX}{}", hash_of(document))
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUERY: &str = "query Projects { projects(first: 5) { totalCount } }";

    #[test]
    fn ids_are_checked_and_looked_up_in_both_spellings() {
        let file = serde_json::json!({ document_id(QUERY): QUERY }).to_string();
        let docs = TrustedDocuments::parse(&file).unwrap();
        assert_eq!(docs.len(), 1);
        let id = document_id(QUERY);
        assert_eq!(docs.get(&id), Some(QUERY));
        assert_eq!(docs.get(id.trim_start_matches(PREFIX)), Some(QUERY));
        assert_eq!(
            docs.get(&id.to_uppercase().replace("SHA256:", "sha256:")),
            Some(QUERY)
        );
        assert!(docs.contains_text(QUERY));
        assert!(!docs.contains_text("query { projects(first: 5) { totalCount } }"));
        assert_eq!(docs.get(&document_id("{ __typename }")), None);
        assert_eq!(docs.get("sha256:xyz"), None);
    }

    #[test]
    fn a_wrong_id_refuses_the_file() {
        let wrong = format!("sha256:{}", "0".repeat(64));
        let file = serde_json::json!({ wrong: QUERY }).to_string();
        let error = format!("{:#}", TrustedDocuments::parse(&file).unwrap_err());
        assert!(
            error.contains("is not the SHA-256 of its document"),
            "{error}"
        );

        let file = serde_json::json!({ "projects": QUERY }).to_string();
        let error = format!("{:#}", TrustedDocuments::parse(&file).unwrap_err());
        assert!(error.contains("is not a document id"), "{error}");

        assert!(TrustedDocuments::parse("[]").is_err());
    }
}
