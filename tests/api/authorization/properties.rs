//! A property-based test of DESIGN §5 (issue 6 §4): for random networks and random officers,
//! no query shows an officer a RESTRICTED record from outside its circumscription, every
//! RESTRICTED record inside it is shown, and `totalCount` is what paging through yields.
//!
//! One hub serves every case (starting one costs seconds): each case writes a fresh random
//! network through the coordinator's mutations — so the product derives every record's
//! circumscriptions — with a tag of its own in every title, and checks, as the case's officer,
//! the case's records: the list roots (with their nested edges), `node(id:)` and `nodes(ids:)`,
//! paging forward and backward at a random page size and order, and the `circumscription`
//! filter. Once every case has passed, a sweep reads the whole accumulated network, unfiltered,
//! as each of the six officers and as an anonymous client.
//!
//! The expectations come from [`oracle`], written from DESIGN §5 over the reference data read
//! through the API; it calls no product code. The runner is seeded and persists nothing, so a
//! run is the same every time; a failure names the smallest failing network it found.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};

use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

/// Fails the case with a message unless the condition holds.
macro_rules! ensure {
    ($cond:expr, $($message:tt)+) => {
        if !$cond {
            return Err(format!($($message)+));
        }
    };
}

mod case;
mod listing;
mod network;
mod oracle;
mod written;

use listing::{page_through, same_records};
use network::{OFFICERS, Root};
use oracle::{Coverage, Sensitivity, Viewer};
use written::Record;

/// How many random networks a run writes and checks.
const CASES: u32 = 12;

#[test]
fn officers_read_exactly_their_circumscription_and_counts_match_paging() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut hub = runtime.block_on(Hub::start());
    let world = RefCell::new(runtime.block_on(hub.records_already_there()));
    let case = Cell::new(0_u32);

    let config = Config {
        cases: CASES,
        failure_persistence: None,
        // Each shrinking step writes and checks a whole network: bound the search.
        max_shrink_iters: 32,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let outcome = runner.run(&network::network(), |net| {
        case.set(case.get() + 1);
        // Unique, and not a part of another case's tag (`zq1x` is not in `zq11x`).
        let tag = format!("zq{}x", case.get());
        let written = runtime.block_on(written::write(&hub.app, &hub.coordinator, &tag, &net));
        world.borrow_mut().extend(written.all().cloned());
        runtime
            .block_on(case::check_case(&hub, &net, &written))
            .map_err(TestCaseError::fail)
    });
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(reason, net)) => {
            panic!("{reason}\n\nThe smallest failing network found: {net:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("the property test stopped: {reason}"),
    }

    let world = world.into_inner();
    if let Err(reason) = runtime.block_on(sweep(&hub, &world)) {
        panic!("{reason}");
    }
    runtime.block_on(hub.app.stop()).unwrap();
}

/// The hub shared by every case, with what the checks need.
struct Hub {
    app: TestApp,
    coverage: Coverage,
    coordinator: String,
    officers: HashMap<&'static str, String>,
}

impl Hub {
    /// Spawns the hub and adds the communes the networks use (as an administrator).
    async fn start() -> Hub {
        let app = spawn_app().await;
        let admin = app.token("ADMIN", None, None);
        for (code, parent, name) in network::NEW_COMMUNES {
            app.data_as(
                &admin,
                r#"mutation($input: CreateTerritoryInput!) {
                     createTerritory(input: $input) { territory { id } } }"#,
                json!({ "input": { "code": code, "parent": parent, "name": { "fr": name } } }),
            )
            .await;
        }
        let coverage = Coverage::read(&app).await;
        for place in network::places() {
            assert!(coverage.knows(place), "no territory {place}");
        }
        for officer in OFFICERS {
            assert!(
                network::places()
                    .iter()
                    .any(|p| coverage.circumscriptions_of(p).contains(*officer)),
                "no place of the networks lies in {officer}: its officer would see nothing"
            );
        }
        Hub {
            coordinator: app.token("COORDINATOR", None, None),
            officers: OFFICERS
                .iter()
                .map(|c| (*c, app.token("OFFICER", Some(c), None)))
                .collect(),
            coverage,
            app,
        }
    }

    fn token(&self, viewer: Viewer) -> Option<&str> {
        match viewer {
            Viewer::Anonymous => None,
            Viewer::Officer(code) => Some(self.officers[code].as_str()),
        }
    }

    async fn data(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        match token {
            Some(token) => self.app.data_as(token, query, variables).await,
            None => self.app.data(query, variables).await,
        }
    }

    /// The records of the reference data, as a coordinator lists them. None is RESTRICTED
    /// (reference data is public facts), so the oracle needs no scope for them.
    async fn records_already_there(&self) -> Vec<Record> {
        let mut records = Vec::new();
        for root in Root::ALL {
            let listed = page_through(self, Some(&self.coordinator), root, &Value::Null, None, 100)
                .await
                .unwrap();
            for (id, sensitivity) in listed.nodes {
                let sensitivity = Sensitivity::parse(&sensitivity);
                assert_ne!(
                    sensitivity,
                    Sensitivity::Restricted,
                    "reference {root:?} {id} is RESTRICTED: the oracle would need its territories"
                );
                records.push(Record {
                    root,
                    what: format!("reference {root:?} {id}"),
                    id,
                    sensitivity,
                    scope: Vec::new(),
                });
            }
        }
        records
    }

    /// The oracle's verdict, with the circumscriptions it derived, for failure messages.
    fn explain(&self, record: &Record) -> String {
        let circumscriptions: BTreeSet<String> = record
            .scope
            .iter()
            .flat_map(|t| self.coverage.circumscriptions_of(t))
            .collect();
        format!(
            "{} — {}, scoped by {:?}, so in {:?}",
            record.what,
            record.sensitivity.as_str(),
            record.scope,
            circumscriptions
        )
    }

    /// Which of `records` the viewer may read, by the oracle.
    fn readable<'a>(&self, viewer: Viewer, records: &'a [Record]) -> Vec<&'a Record> {
        records
            .iter()
            .filter(|r| self.coverage.may_read(viewer, r.sensitivity, &r.scope))
            .collect()
    }
}

/// Everything written by all the cases, unfiltered, as each officer and an anonymous client:
/// every list root paged through (`totalCount` matching), and `nodes(ids:)` of every record.
async fn sweep(hub: &Hub, world: &[Record]) -> Result<(), String> {
    let known: HashMap<&str, &Record> = world.iter().map(|r| (r.id.as_str(), r)).collect();
    // The cases must have put the rule to work on every root: RESTRICTED records some
    // officer reads, and RESTRICTED records some officer may not read.
    for root in Root::ALL {
        let restricted: Vec<&Record> = world
            .iter()
            .filter(|r| r.root == root && r.sensitivity == Sensitivity::Restricted)
            .collect();
        let read_by = |r: &Record| {
            OFFICERS
                .iter()
                .filter(|c| hub.coverage.inside(c, &r.scope))
                .count()
        };
        ensure!(
            restricted.iter().any(|r| read_by(r) > 0)
                && restricted.iter().any(|r| read_by(r) < OFFICERS.len()),
            "the cases never wrote RESTRICTED {} both inside and outside an officer's \
             circumscription: the property was not exercised",
            root.field()
        );
    }
    let viewers =
        std::iter::once(Viewer::Anonymous).chain(OFFICERS.iter().map(|c| Viewer::Officer(c)));
    for viewer in viewers {
        let token = hub.token(viewer);
        for root in Root::ALL {
            let context = format!("{viewer:?} listing every {}", root.field());
            let of_root: Vec<Record> = world.iter().filter(|r| r.root == root).cloned().collect();
            let listed = page_through(hub, token, root, &Value::Null, None, 100).await?;
            let ids: Vec<String> = listed.nodes.iter().map(|(id, _)| id.clone()).collect();
            same_records(hub, &context, &ids, &hub.readable(viewer, &of_root), &known)?;
            ensure!(
                listed.total_counts.iter().all(|c| *c == ids.len() as i64),
                "{context}: totalCount {:?} (per page) but paging yields {}",
                listed.total_counts,
                ids.len()
            );
            for (id, sensitivity) in &listed.nodes {
                let record = known[id.as_str()];
                ensure!(
                    sensitivity == record.sensitivity.as_str(),
                    "{context}: {} is served as {sensitivity}",
                    hub.explain(record)
                );
            }
        }

        // `nodes(ids:)` by 100 ids, up to 20 aliases a document.
        let chunks: Vec<&[Record]> = world.chunks(100).collect();
        for group in chunks.chunks(20) {
            let fields: Vec<String> = (0..group.len())
                .map(|i| format!("w{i}: nodes(ids: $ids{i}) {{ id }}"))
                .collect();
            let params: Vec<String> = (0..group.len())
                .map(|i| format!("$ids{i}: [ID!]!"))
                .collect();
            let query = format!("query({}) {{ {} }}", params.join(", "), fields.join(" "));
            let variables: serde_json::Map<String, Value> = group
                .iter()
                .enumerate()
                .map(|(i, chunk)| {
                    let ids: Vec<&str> = chunk.iter().map(|r| r.id.as_str()).collect();
                    (format!("ids{i}"), json!(ids))
                })
                .collect();
            let data = hub.data(token, &query, Value::Object(variables)).await;
            for (i, chunk) in group.iter().enumerate() {
                let answers = data[format!("w{i}")].as_array().unwrap();
                ensure!(
                    answers.len() == chunk.len(),
                    "{viewer:?}: nodes(ids:) answers {} entries for {} ids",
                    answers.len(),
                    chunk.len()
                );
                for (record, answer) in chunk.iter().zip(answers) {
                    let may_read = hub
                        .coverage
                        .may_read(viewer, record.sensitivity, &record.scope);
                    let expected = if may_read {
                        json!({ "id": record.id })
                    } else {
                        Value::Null
                    };
                    ensure!(
                        *answer == expected,
                        "{viewer:?}: nodes(ids:) answers {answer} for {}",
                        hub.explain(record)
                    );
                }
            }
        }
    }
    Ok(())
}
