//! Writes: every role tries an update of every matrix record (a new name or title with
//! `expectedVersion`; withdrawing an application), in rounds — one viewer per round — and the
//! answer must be the oracle's: done (version + 1), refused with UNAUTHENTICATED or FORBIDDEN,
//! or, for a record the viewer may not read, refused exactly as an unknown id. After each round
//! a coordinator reads every record back: a refused write changed nothing (version and text
//! unchanged) and logged nothing.

use serde_json::{Value, json};

use super::model::{Cells, Entity, Record, Role, Sensitivity, Viewer, cell};
use super::oracle::{WriteExpectation, expected_write, writes_some};
use super::probe::unknown;
use super::world::{HUB_ACTOR, PLACES, SHARED, World};
use crate::helpers::error_code;

/// Who writes in a round: a role, or a partner chosen per record.
#[derive(Clone, Copy, Debug)]
enum Round {
    Anonymous,
    /// The partner of the record's own actor (the actor itself, a person's organisation, an
    /// application's applicant, a member or participant).
    PartnerOwn,
    /// The partner of an actor that has nothing to do with the record.
    PartnerOther,
    Officer(&'static str),
    Coordinator,
    Admin,
}

const ROUNDS: [Round; 7] = [
    Round::Anonymous,
    Round::PartnerOwn,
    Round::PartnerOther,
    Round::Officer("FES"),
    Round::Officer("MARRAKECH"),
    Round::Coordinator,
    Round::Admin,
];

impl Round {
    /// The viewer that writes `record` in this round (none: no partner owns it).
    fn viewer<'w>(self, world: &'w World, record: &Record) -> Option<&'w Viewer> {
        world.viewers.iter().find(|v| match self {
            Round::Anonymous => v.role == Role::Anonymous,
            Round::PartnerOwn => {
                v.role == Role::Partner && record.owner.is_some() && v.actor == record.owner
            }
            Round::PartnerOther => {
                v.role == Role::Partner && v.actor.as_deref() == Some(world.parent(HUB_ACTOR))
            }
            Round::Officer(code) => v.role == Role::Officer && v.circumscription == Some(code),
            Round::Coordinator => v.role == Role::Coordinator,
            Round::Admin => v.role == Role::Admin,
        })
    }
}

/// The update mutation of a kind: its text and the name of its payload's field.
fn mutation(entity: Entity) -> (String, &'static str) {
    let (name, input, field) = match entity {
        Entity::Actor => ("updateActor", "UpdateActorInput", "actor"),
        Entity::Person => ("updatePerson", "UpdatePersonInput", "person"),
        Entity::Project => ("updateProject", "UpdateProjectInput", "project"),
        Entity::Partnership => ("updatePartnership", "UpdatePartnershipInput", "partnership"),
        Entity::Event => ("updateEvent", "UpdateEventInput", "event"),
        Entity::Exchange => ("updateExchange", "UpdateExchangeInput", "exchange"),
        Entity::Call => ("updateCall", "UpdateCallInput", "call"),
        Entity::Application => (
            "withdrawApplication",
            "WithdrawApplicationInput",
            "application",
        ),
        Entity::Territory => unreachable!("reference data is not in the write matrix"),
    };
    (
        format!(
            "mutation($input: {input}!) {{ {name}(input: $input) {{ {field} {{ id version }} }} }}"
        ),
        name,
    )
}

/// The input of the update of `entity` `id`: a new label (name, title, function), or none
/// for a withdrawal.
fn input(entity: Entity, id: &str, version: i64, label: &str) -> Value {
    let mut input = json!({ "id": id, "expectedVersion": version });
    match entity {
        Entity::Actor => input["name"] = json!({ "fr": label }),
        Entity::Person => input["function"] = json!(label),
        Entity::Application => {}
        _ => input["title"] = json!({ "fr": label }),
    }
    input
}

/// A record under test and what it must look like now.
struct Target {
    record: Record,
    version: i64,
    /// Name, title or function; an application's status.
    label: String,
}

const READ_BACK: &str = r#"query($ids: [ID!]!) { nodes(ids: $ids) { id
  ... on Actor { version name } ... on Project { version title }
  ... on Partnership { version title } ... on Event { version title }
  ... on Exchange { version title } ... on Call { version title }
  ... on Person { version function } ... on Application { version status } } }"#;

/// (version, label) of each record, as a coordinator reads them.
async fn read_back(world: &World, records: &[&Record]) -> Vec<(i64, String)> {
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let data = world
        .app
        .data_as(&world.coordinator, READ_BACK, json!({ "ids": ids }))
        .await;
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let node = &data["nodes"][i];
            let label = ["name", "title", "function", "status"]
                .iter()
                .find_map(|f| node[f].as_str())
                .unwrap_or_else(|| panic!("{} {} read back: {node}", r.entity, r.id));
            (node["version"].as_i64().unwrap(), label.to_owned())
        })
        .collect()
}

async fn log_size(world: &World) -> u64 {
    world
        .app
        .data_as(&world.coordinator, "{ activity { totalCount } }", json!({}))
        .await["activity"]["totalCount"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn each_role_changes_exactly_what_it_may_and_a_refused_write_changes_nothing() {
    let mut world = World::build(false).await;
    let records: Vec<&Record> = world.matrix().collect();
    let stored = read_back(&world, &records).await;
    let mut targets: Vec<Target> = records
        .into_iter()
        .zip(stored)
        .map(|(record, (version, label))| Target {
            record: record.clone(),
            version,
            label,
        })
        .collect();

    let mut cells = Cells::default();
    for (n, round) in ROUNDS.into_iter().enumerate() {
        // Withdrawing is done once: each round has applications of its own.
        let mut applications = Vec::new();
        for sensitivity in Sensitivity::NETWORK {
            for place in 0..PLACES.len() {
                let id = world.application(sensitivity, place).await;
                let record = world.records.iter().find(|r| r.id == id).unwrap().clone();
                applications.push(Target {
                    record,
                    version: 1,
                    label: "SUBMITTED".to_owned(),
                });
            }
        }
        let log_before = log_size(&world).await;
        let mut done = 0;
        for target in targets.iter_mut().chain(applications.iter_mut()) {
            let Some(viewer) = round.viewer(&world, &target.record) else {
                continue;
            };
            if attempt(&world, viewer, target, n, &mut cells).await {
                done += 1;
            }
        }

        // Nothing refused changed anything; what was done shows.
        let mut round_targets: Vec<&mut Target> =
            targets.iter_mut().chain(applications.iter_mut()).collect();
        let records: Vec<&Record> = round_targets.iter().map(|t| &t.record).collect();
        let stored = read_back(&world, &records).await;
        for (target, (version, label)) in round_targets.iter_mut().zip(stored) {
            let name = |what: &str| {
                let record = &target.record;
                let at = match record.circumscriptions.as_slice() {
                    [] => "national".to_owned(),
                    codes => codes.join("+"),
                };
                format!(
                    "round {round:?} × {} {} in {at} {} × {what}",
                    record.entity,
                    record.sensitivity,
                    record.token.as_deref().unwrap_or_default()
                )
            };
            cells.check(|| name("version after the round"), target.version, version);
            cells.check(
                || name("text after the round"),
                target.label.clone(),
                label.clone(),
            );
            // Carry on from what is stored, so one failure is reported once.
            target.version = version;
            target.label = label;
        }
        cells.check(
            || format!("round {round:?} × activity entries written (one per change)"),
            log_before + done,
            log_size(&world).await,
        );
    }
    cells.finish("writes");
}

/// One write cell: `viewer` updates `target`; checks the answer against the oracle and
/// answers whether the change was made.
async fn attempt(
    world: &World,
    viewer: &Viewer,
    target: &mut Target,
    round: usize,
    cells: &mut Cells,
) -> bool {
    let record = &target.record;
    let (query, name) = mutation(record.entity);
    let label = format!(
        "{SHARED} {} w{round}",
        record.token.as_deref().unwrap_or_default()
    );
    let body = world
        .ask(
            viewer,
            &query,
            json!({ "input": input(record.entity, &record.id, target.version, &label) }),
        )
        .await;
    let entry = format!("{name}(expectedVersion: {})", target.version);
    let got = match body.get("errors") {
        None => "done".to_owned(),
        Some(_) => error_code(&body).to_owned(),
    };
    match expected_write(viewer, record) {
        WriteExpectation::Done => {
            cells.check(
                || cell(viewer, record, &entry),
                "done".to_owned(),
                got.clone(),
            );
            if got == "done" {
                let field = body["data"][name]
                    .as_object()
                    .and_then(|payload| payload.values().next())
                    .cloned()
                    .unwrap_or_default();
                cells.check(
                    || cell(viewer, record, &format!("{entry} payload version")),
                    Some(target.version + 1),
                    field["version"].as_i64(),
                );
                target.version += 1;
                target.label = if record.entity == Entity::Application {
                    "WITHDRAWN".to_owned()
                } else {
                    label
                };
                return true;
            }
        }
        WriteExpectation::Refused(code) => {
            cells.check(|| cell(viewer, record, &entry), code.to_owned(), got);
        }
        WriteExpectation::AsUnknown => {
            let unknown = unknown(record.entity);
            let unknown_body = world
                .ask(
                    viewer,
                    &query,
                    json!({ "input": input(record.entity, &unknown, target.version, &label) }),
                )
                .await;
            cells.check(
                || {
                    cell(
                        viewer,
                        record,
                        &format!("{entry} answered as for an unknown id"),
                    )
                },
                unknown_body,
                body.clone(),
            );
            let allowed: &[&str] = if writes_some(viewer.role, record.entity) {
                &["NOT_FOUND"]
            } else {
                &["NOT_FOUND", "FORBIDDEN"]
            };
            cells.check(
                || {
                    cell(
                        viewer,
                        record,
                        &format!("{entry} refused ({})", allowed.join(" or ")),
                    )
                },
                true,
                allowed.contains(&got.as_str()),
            );
        }
    }
    false
}
