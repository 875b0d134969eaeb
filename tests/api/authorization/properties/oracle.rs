//! The oracle: who may read what, written from DESIGN §5 alone — no product code — over the
//! reference data as the API serves it (the territory tree and the circumscriptions'
//! coverage).

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// The sensitivities a network record may have (PERSONAL is for people and contacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    Public,
    Internal,
    Restricted,
}

impl Sensitivity {
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Public => "PUBLIC",
            Sensitivity::Internal => "INTERNAL",
            Sensitivity::Restricted => "RESTRICTED",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "PUBLIC" => Sensitivity::Public,
            "INTERNAL" => Sensitivity::Internal,
            "RESTRICTED" => Sensitivity::Restricted,
            other => panic!("unexpected sensitivity {other} on a network record"),
        }
    }
}

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Anonymous,
    /// An officer of this circumscription (`FES`).
    Officer(&'static str),
}

/// The territory tree and which circumscriptions cover which territories today.
pub struct Coverage {
    /// Every territory's parent (None for a region).
    parent: HashMap<String, Option<String>>,
    /// The circumscriptions covering a territory directly, today.
    covered_by: HashMap<String, Vec<String>>,
}

impl Coverage {
    /// Reads the territory tree and the coverage through the API, as an anonymous client
    /// (reference data is public).
    pub async fn read(app: &TestApp) -> Self {
        let mut parent = HashMap::new();
        let mut after = Value::Null;
        loop {
            let data = app
                .data(
                    r#"query($after: String) { territories(first: 100, after: $after) {
                         pageInfo { hasNextPage endCursor } nodes { code parent { code } } } }"#,
                    json!({ "after": after }),
                )
                .await;
            let page = &data["territories"];
            for t in page["nodes"].as_array().unwrap() {
                parent.insert(
                    t["code"].as_str().unwrap().to_owned(),
                    t["parent"]["code"].as_str().map(str::to_owned),
                );
            }
            if page["pageInfo"]["hasNextPage"] != json!(true) {
                break;
            }
            after = page["pageInfo"]["endCursor"].clone();
        }

        let today = chrono::Utc::now().date_naive().to_string();
        let data = app
            .data(
                r#"{ circumscriptions(first: 100) { nodes { code
                     coverage { territory { code } validFrom validTo } } } }"#,
                json!({}),
            )
            .await;
        let mut covered_by: HashMap<String, Vec<String>> = HashMap::new();
        for circumscription in data["circumscriptions"]["nodes"].as_array().unwrap() {
            let code = circumscription["code"].as_str().unwrap();
            for row in circumscription["coverage"].as_array().unwrap() {
                // Dates are ISO `YYYY-MM-DD`: compared as text.
                let started = row["validFrom"]
                    .as_str()
                    .is_none_or(|from| from <= today.as_str());
                let running = row["validTo"]
                    .as_str()
                    .is_none_or(|to| to >= today.as_str());
                if started && running {
                    covered_by
                        .entry(row["territory"]["code"].as_str().unwrap().to_owned())
                        .or_default()
                        .push(code.to_owned());
                }
            }
        }
        Coverage { parent, covered_by }
    }

    /// Whether the reference data knows this territory.
    pub fn knows(&self, territory: &str) -> bool {
        self.parent.contains_key(territory)
    }

    /// The circumscriptions a territory lies in: those covering it or any territory above
    /// it (covering a region covers its provinces and their communes).
    pub fn circumscriptions_of(&self, territory: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut cursor = Some(territory.to_owned());
        let mut depth = 0;
        while let Some(code) = cursor {
            let parent = self
                .parent
                .get(&code)
                .unwrap_or_else(|| panic!("territory {code} is not in the reference data"));
            found.extend(self.covered_by.get(&code).cloned().unwrap_or_default());
            cursor = parent.clone();
            depth += 1;
            assert!(
                depth <= 8,
                "the territory tree has a cycle through {territory}"
            );
        }
        found
    }

    /// Whether a record whose circumscriptions derive from `scope` (territory codes) belongs
    /// to `circumscription`.
    pub fn inside(&self, circumscription: &str, scope: &[String]) -> bool {
        scope
            .iter()
            .any(|t| self.circumscriptions_of(t).contains(circumscription))
    }

    /// DESIGN §5: anonymous viewers read PUBLIC records; officers read PUBLIC and INTERNAL
    /// records, and everything in their circumscription.
    pub fn may_read(&self, viewer: Viewer, sensitivity: Sensitivity, scope: &[String]) -> bool {
        match viewer {
            Viewer::Anonymous => sensitivity == Sensitivity::Public,
            Viewer::Officer(circumscription) => {
                sensitivity != Sensitivity::Restricted || self.inside(circumscription, scope)
            }
        }
    }
}
