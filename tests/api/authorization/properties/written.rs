//! Writing a network through the coordinator's mutations — so the product derives every
//! record's circumscriptions — into [`Record`]s that say where each record belongs by DESIGN
//! §5 (derived here from the network, never read back from the product).

use serde_json::{Value, json};

use super::network::{Network, Root};
use super::oracle::Sensitivity;
use crate::helpers::TestApp;

/// A record the test wrote (or found already there), with what the oracle needs.
#[derive(Debug, Clone)]
pub struct Record {
    pub root: Root,
    pub id: String,
    pub sensitivity: Sensitivity,
    /// The territories its circumscriptions derive from (DESIGN §5). Empty for the
    /// reference data found at start, which is never RESTRICTED.
    pub scope: Vec<String>,
    /// How a failure names it: its kind, case, index and shape.
    pub what: String,
}

/// A network as written: its records, by root, in the order of the network's specs.
pub struct Written {
    pub tag: String,
    pub actors: Vec<Record>,
    pub projects: Vec<Record>,
    pub partnerships: Vec<Record>,
    pub events: Vec<Record>,
    pub exchanges: Vec<Record>,
}

impl Written {
    pub fn of(&self, root: Root) -> &[Record] {
        match root {
            Root::Actors => &self.actors,
            Root::Projects => &self.projects,
            Root::Partnerships => &self.partnerships,
            Root::Events => &self.events,
            Root::Exchanges => &self.exchanges,
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &Record> {
        Root::ALL.into_iter().flat_map(|root| self.of(root))
    }
}

async fn create(app: &TestApp, token: &str, mutation: &str, field: &str, input: Value) -> String {
    let input_type = format!("{}Input", capitalised(mutation));
    let query = format!(
        "mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {field} {{ id }} }} }}"
    );
    let data = app.data_as(token, &query, json!({ "input": input })).await;
    data[mutation][field]["id"].as_str().unwrap().to_owned()
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn side(country: &str) -> &'static str {
    match country {
        "MA" => "MOROCCAN",
        "FR" => "FRENCH",
        _ => "OTHER",
    }
}

/// Writes the network as a coordinator; every title carries `tag` so the case's records can
/// be listed apart from the others'. The scopes come from the specs (DESIGN §5), never from
/// the product.
pub async fn write(app: &TestApp, coordinator: &str, tag: &str, net: &Network) -> Written {
    let label = |name: &str| format!("{name} {tag}");

    let mut actors = Vec::new();
    for (i, a) in net.actors.iter().enumerate() {
        let id = create(
            app,
            coordinator,
            "createActor",
            "actor",
            json!({
                "kind": a.kind,
                "name": { "fr": label(a.name) },
                "country": a.country,
                "seat": a.seat,
                "sensitivity": a.sensitivity.as_str(),
            }),
        )
        .await;
        actors.push(Record {
            root: Root::Actors,
            id,
            sensitivity: a.sensitivity,
            scope: a.seat.iter().map(|s| s.to_string()).collect(),
            what: format!("actor {i} of case {tag} {a:?}"),
        });
    }
    let actor_id = |i: usize| actors[i].id.clone();
    let seats = |chosen: &mut dyn Iterator<Item = usize>, moroccan_only: bool| -> Vec<String> {
        chosen
            .map(|i| &net.actors[i])
            .filter(|a| !moroccan_only || a.country == "MA")
            .filter_map(|a| a.seat.map(str::to_owned))
            .collect()
    };

    let mut projects = Vec::new();
    for (i, p) in net.projects.iter().enumerate() {
        let participants: Vec<Value> = p
            .participants
            .iter()
            .map(|(a, role)| json!({ "actor": actor_id(*a), "role": role }))
            .collect();
        let id = create(
            app,
            coordinator,
            "createProject",
            "project",
            json!({
                "title": { "fr": label(p.title) },
                "pillar": "TERRITORIAL_GOVERNANCE",
                "instrument": "FSPI",
                "fundingSource": "FSPI",
                "sensitivity": p.sensitivity.as_str(),
                "plannedStart": p.planned_start,
                "locations": p.locations,
                "participants": participants,
            }),
        )
        .await;
        projects.push(Record {
            root: Root::Projects,
            id,
            sensitivity: p.sensitivity,
            scope: p.locations.iter().map(|l| l.to_string()).collect(),
            what: format!("project {i} of case {tag} {p:?}"),
        });
    }
    let project_id = |p: Option<usize>| p.map(|p| projects[p].id.clone());

    let mut partnerships = Vec::new();
    for (i, p) in net.partnerships.iter().enumerate() {
        let members: Vec<Value> = p
            .members
            .iter()
            .map(|a| json!({ "actor": actor_id(*a), "side": side(net.actors[*a].country) }))
            .collect();
        // A decentralised cooperation needs a French and a Moroccan member; other kinds do not.
        let sides: Vec<&str> = p
            .members
            .iter()
            .map(|a| side(net.actors[*a].country))
            .collect();
        let kind = if sides.contains(&"FRENCH") && sides.contains(&"MOROCCAN") {
            "DECENTRALISED_COOPERATION"
        } else {
            "INSTITUTIONAL"
        };
        let valid_from = p
            .valid_from
            .map(|d| json!({ "date": d, "precision": "DAY" }));
        let id = create(
            app,
            coordinator,
            "createPartnership",
            "partnership",
            json!({
                "kind": kind,
                "title": { "fr": label(p.title) },
                "status": "ACTIVE",
                "validFrom": valid_from,
                "sensitivity": p.sensitivity.as_str(),
                "members": members,
            }),
        )
        .await;
        partnerships.push(Record {
            root: Root::Partnerships,
            id,
            sensitivity: p.sensitivity,
            scope: seats(&mut p.members.iter().copied(), false),
            what: format!("partnership {i} of case {tag} {p:?}"),
        });
    }

    let mut events = Vec::new();
    for (i, e) in net.events.iter().enumerate() {
        let participants: Vec<Value> = e
            .participants
            .iter()
            .map(|(a, role)| json!({ "actor": actor_id(*a), "role": role }))
            .collect();
        let mut input = json!({
            "kind": "SEMINAR",
            "title": { "fr": label(e.title) },
            "startsAt": format!("{}T09:00:00Z", e.starts_on),
            "sensitivity": e.sensitivity.as_str(),
            "participants": participants,
            "project": project_id(e.project),
        });
        match e.territory {
            Some(t) => input["territory"] = json!(t),
            None => input["placeInFrance"] = json!("Lyon"),
        }
        let id = create(app, coordinator, "createEvent", "event", input).await;
        let scope = match e.territory {
            Some(t) => vec![t.to_owned()],
            None => seats(&mut e.participants.iter().map(|(a, _)| *a), true),
        };
        events.push(Record {
            root: Root::Events,
            id,
            sensitivity: e.sensitivity,
            scope,
            what: format!("event {i} of case {tag} {e:?}"),
        });
    }

    let mut exchanges = Vec::new();
    for (i, x) in net.exchanges.iter().enumerate() {
        let providers: Vec<String> = x.providers.iter().map(|a| actor_id(*a)).collect();
        let beneficiaries: Vec<String> = x.beneficiaries.iter().map(|a| actor_id(*a)).collect();
        let id = create(
            app,
            coordinator,
            "createExchange",
            "exchange",
            json!({
                "kind": "EXPERTISE_MISSION",
                "title": { "fr": label(x.title) },
                "startsOn": x.starts_on,
                "sensitivity": x.sensitivity.as_str(),
                "providers": providers,
                "beneficiaries": beneficiaries,
                "project": project_id(x.project),
            }),
        )
        .await;
        exchanges.push(Record {
            root: Root::Exchanges,
            id,
            sensitivity: x.sensitivity,
            scope: seats(&mut x.beneficiaries.iter().copied(), true),
            what: format!("exchange {i} of case {tag} {x:?}"),
        });
    }

    Written {
        tag: tag.to_owned(),
        actors,
        projects,
        partnerships,
        events,
        exchanges,
    }
}
