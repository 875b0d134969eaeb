//! The data every matrix test runs over, built through the mutations (so the product computes
//! each record's circumscriptions itself), and one viewer per role and scope.
//!
//! Places: a commune of the Fès prefecture (circumscription FES, "A") and one of Marrakech
//! (MARRAKECH, "B"), both added by an administrator as actors need them; calls are national
//! (no circumscription). Every matrix record's name holds the shared word [`SHARED`] and a
//! token of its own (`mx007x`). What is created is in [`super::seed`].

use partner_hub::auth::jwt::TokenClaims;
use partner_hub::config::LimitArgs;
use serde_json::{Value, json};

use super::model::{Edge, Entity, Link, Origin, Record, Role, Sensitivity, Viewer};
use crate::helpers::{TestApp, spawn_app_with};

/// A word in the name of every matrix record, and of nothing else.
pub const SHARED: &str = "Matrixal";

/// The two places: circumscription code, the commune added there, its parent prefecture.
pub const PLACES: [(&str, &str, &str); 2] = [
    ("FES", "MA-FES-MATRIX", "MA-FES"),
    ("MARRAKECH", "MA-MAR-MATRIX", "MA-MAR"),
];

/// Aliases of the nested query's parents (PUBLIC, so every viewer reaches them).
pub const HUB_ACTOR: &str = "hubActor";
pub const HUB_PROJECT: &str = "hubProject";
pub const HUB_CALL: &str = "hubCall";
/// The PUBLIC matrix actor of each place, which takes part in that place's records.
pub const ANCHORS: [&str; 2] = ["anchorFes", "anchorMarrakech"];

pub struct World {
    pub app: TestApp,
    pub records: Vec<Record>,
    pub viewers: Vec<Viewer>,
    /// (alias, global ID) of the parents of the nested edges.
    pub parents: Vec<(&'static str, String)>,
    pub coordinator: String,
    pub admin: String,
    /// The PUBLIC matrix actor of each place, by index in [`PLACES`].
    pub anchors: [String; 2],
    pub hub_call: String,
    next_token: usize,
}

/// A hub whose viewers each have a rate-limit bucket big enough for a matrix.
async fn spawn() -> TestApp {
    spawn_app_with(LimitArgs {
        rate_limit_per_minute: 1_000_000,
        rate_limit_burst: 100_000,
        ..LimitArgs::default()
    })
    .await
}

/// The create mutation of a kind: name, input type, payload field.
fn create_mutation(entity: Entity) -> (&'static str, &'static str, &'static str) {
    match entity {
        Entity::Actor => ("createActor", "CreateActorInput", "actor"),
        Entity::Person => ("createPerson", "CreatePersonInput", "person"),
        Entity::Project => ("createProject", "CreateProjectInput", "project"),
        Entity::Partnership => ("createPartnership", "CreatePartnershipInput", "partnership"),
        Entity::Event => ("createEvent", "CreateEventInput", "event"),
        Entity::Exchange => ("createExchange", "CreateExchangeInput", "exchange"),
        Entity::Call => ("createCall", "CreateCallInput", "call"),
        Entity::Application => ("submitApplication", "SubmitApplicationInput", "application"),
        Entity::Territory => ("createTerritory", "CreateTerritoryInput", "territory"),
    }
}

impl World {
    /// Builds the data and the viewers. `with_applications`: one application per sensitivity
    /// and place (the write matrix submits its own, one per attempt).
    pub async fn build(with_applications: bool) -> World {
        let app = spawn().await;
        // Each viewer has a token subject of its own (rate limits and idempotency keys are
        // per subject).
        let coordinator = app.mint(&TokenClaims::new("COORDINATOR", "matrix-coordinator"));
        let admin = app.mint(&TokenClaims::new("ADMIN", "matrix-admin"));
        let mut world = World {
            app,
            records: Vec::new(),
            viewers: Vec::new(),
            parents: Vec::new(),
            coordinator,
            admin,
            anchors: [String::new(), String::new()],
            hub_call: String::new(),
            next_token: 0,
        };
        world.seed(with_applications).await;
        world.reference_records().await;
        world.viewers = world.make_viewers();
        world
    }

    /// Sends a query as `viewer` (no token for the anonymous viewer); answers the whole body.
    pub async fn ask(&self, viewer: &Viewer, query: &str, variables: Value) -> Value {
        match &viewer.token {
            Some(token) => self.app.graphql_as(token, query, variables).await,
            None => self.app.graphql(query, variables).await,
        }
    }

    /// The records of the matrix proper (not the hubs, not the reference data).
    pub fn matrix(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.is_matrix())
    }

    /// The global ID of the parent known to the nested query as `alias`.
    pub fn parent(&self, alias: &str) -> &str {
        &self
            .parents
            .iter()
            .find(|(a, _)| *a == alias)
            .unwrap_or_else(|| panic!("no parent {alias}"))
            .1
    }

    /// The matrix actor of `sensitivity` in `place`.
    pub fn actor(&self, sensitivity: Sensitivity, place: usize) -> &str {
        &self
            .matrix()
            .find(|r| {
                r.entity == Entity::Actor
                    && r.sensitivity == sensitivity
                    && r.circumscriptions == [PLACES[place].0]
            })
            .expect("the matrix actors are created first")
            .id
    }

    /// Creates, as `token`, a record of `entity`; answers its global ID.
    pub(super) async fn create(&self, token: &str, entity: Entity, input: Value) -> String {
        let (mutation, input_type, field) = create_mutation(entity);
        let query = format!(
            "mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {field} {{ id }} }} }}"
        );
        let data = self
            .app
            .data_as(token, &query, json!({ "input": input }))
            .await;
        data[mutation][field]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{mutation} answered no id: {data}"))
            .to_owned()
    }

    /// Creates (as a coordinator) a PUBLIC record in no circumscription that nested edges
    /// hang off, known to the nested query as `alias`; it is itself reached through `edges`.
    pub(super) async fn hub(
        &mut self,
        alias: &'static str,
        entity: Entity,
        edges: &[(&'static str, Link)],
        input: Value,
    ) -> String {
        let id = self.create(&self.coordinator, entity, input).await;
        self.records.push(Record {
            entity,
            sensitivity: Sensitivity::Public,
            circumscriptions: Vec::new(),
            id: id.clone(),
            owner: (entity == Entity::Actor).then(|| id.clone()),
            token: None,
            edges: edges_of(edges),
            origin: Origin::Hub,
        });
        self.parents.push((alias, id.clone()));
        id
    }

    /// Creates (as a coordinator) one matrix record of `sensitivity` in `place` (none:
    /// national); `input` is given the record's token for its name. `owner`: the actor a
    /// partner must be bound to for the record to be its own (an actor owns itself).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn add(
        &mut self,
        entity: Entity,
        sensitivity: Sensitivity,
        place: Option<usize>,
        owner: Option<String>,
        edges: &[(&'static str, Link)],
        input: impl FnOnce(&str) -> Value,
    ) -> String {
        let token = format!("mx{:03}x", self.next_token);
        self.next_token += 1;
        let id = self.create(&self.coordinator, entity, input(&token)).await;
        self.records.push(Record {
            entity,
            sensitivity,
            circumscriptions: place
                .map(|p| vec![PLACES[p].0.to_owned()])
                .unwrap_or_default(),
            id: id.clone(),
            owner: if entity == Entity::Actor {
                Some(id.clone())
            } else {
                owner
            },
            token: Some(token),
            edges: edges_of(edges),
            origin: Origin::Matrix,
        });
        id
    }

    /// Anonymous; a partner of the hub actor (another actor for every matrix record) and one
    /// of each matrix actor (its own actor, its people, the records it takes part in); an
    /// officer of each place; a coordinator; an administrator. Each with its own subject.
    fn make_viewers(&self) -> Vec<Viewer> {
        let viewer = |label: String, role: Role, claims: Option<TokenClaims>| Viewer {
            label,
            role,
            circumscription: None,
            actor: None,
            token: claims.map(|c| self.app.mint(&c)),
        };
        let partner = |label: String, subject: &str, actor: &str| Viewer {
            actor: Some(actor.to_owned()),
            ..viewer(
                label,
                Role::Partner,
                Some(TokenClaims::new("PARTNER", subject).actor(actor)),
            )
        };
        let mut viewers = vec![
            viewer("anonymous".to_owned(), Role::Anonymous, None),
            partner(
                "PARTNER of the hub actor".to_owned(),
                "matrix-partner-hub",
                self.parent(HUB_ACTOR),
            ),
        ];
        for sensitivity in Sensitivity::NETWORK {
            for (place, (circ, _, _)) in PLACES.iter().enumerate() {
                viewers.push(partner(
                    format!("PARTNER of the {sensitivity} actor in {circ}"),
                    &format!("matrix-partner-{sensitivity}-{circ}").to_lowercase(),
                    self.actor(sensitivity, place),
                ));
            }
        }
        for (circ, _, _) in PLACES {
            let subject = format!("matrix-officer-{circ}").to_lowercase();
            viewers.push(Viewer {
                circumscription: Some(circ),
                ..viewer(
                    format!("OFFICER of {circ}"),
                    Role::Officer,
                    Some(TokenClaims::new("OFFICER", &subject).circumscription(circ)),
                )
            });
        }
        viewers.push(Viewer {
            token: Some(self.coordinator.clone()),
            ..viewer("COORDINATOR".to_owned(), Role::Coordinator, None)
        });
        viewers.push(Viewer {
            token: Some(self.admin.clone()),
            ..viewer("ADMIN".to_owned(), Role::Admin, None)
        });
        viewers
    }
}

fn edges_of(edges: &[(&'static str, Link)]) -> Vec<Edge> {
    edges
        .iter()
        .map(|&(parent, link)| Edge { parent, link })
        .collect()
}
