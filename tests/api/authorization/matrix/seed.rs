//! What the matrix is made of, created through the mutations as a coordinator (communes as an
//! administrator): the hubs, then for each sensitivity and place an actor, a person of that
//! actor, a project, a partnership, an event, an exchange (and an application), and a national
//! call per sensitivity; then the reference data already there, which lists also count.

use serde_json::{Value, json};

use super::model::{Entity, Link, Origin, Record, Sensitivity};
use super::world::{ANCHORS, HUB_ACTOR, HUB_CALL, HUB_PROJECT, PLACES, SHARED, World};

impl World {
    pub(super) async fn seed(&mut self, with_applications: bool) {
        for (_, commune, parent) in PLACES {
            self.create(
                &self.admin,
                Entity::Territory,
                json!({ "code": commune, "parent": parent,
                        "name": { "fr": format!("Commune {commune}") } }),
            )
            .await;
        }
        self.hub(
            HUB_ACTOR,
            Entity::Actor,
            &[],
            json!({ "kind": "ASSOCIATION", "name": { "fr": "Réseau pivot" },
                    "country": "FR", "sensitivity": "PUBLIC" }),
        )
        .await;

        for sensitivity in Sensitivity::NETWORK {
            for (place, (circ, commune, _)) in PLACES.iter().enumerate() {
                let id = self
                    .add(
                        Entity::Actor,
                        sensitivity,
                        Some(place),
                        None,
                        &[(HUB_PROJECT, Link::ProjectParticipants)],
                        |token| {
                            json!({ "kind": "ASSOCIATION", "country": "MA", "seat": commune,
                                    "sensitivity": sensitivity.as_str(),
                                    "name": { "fr": format!("{SHARED} {token} association {sensitivity} {circ}") } })
                        },
                    )
                    .await;
                if sensitivity == Sensitivity::Public {
                    self.anchors[place] = id.clone();
                    self.parents.push((ANCHORS[place], id));
                }
            }
        }

        // Every matrix actor takes part in the hub project (`project.participants`); the
        // anchors among them reach it through `actor.projects`.
        let participants: Vec<Value> = self
            .matrix()
            .map(|a| json!({ "actor": a.id, "role": "PARTNER" }))
            .collect();
        let hub_project = self
            .hub(
                HUB_PROJECT,
                Entity::Project,
                &ANCHORS.map(|a| (a, Link::ActorProjects)),
                json!({ "title": { "fr": "Projet pivot" }, "pillar": "CIVIL_SOCIETY",
                        "instrument": "CALL_FOR_PROPOSALS", "fundingSource": "P209",
                        "sensitivity": "PUBLIC", "participants": participants }),
            )
            .await;
        self.hub_call = self
            .hub(
                HUB_CALL,
                Entity::Call,
                &[],
                json!({ "title": { "fr": "Appel pivot" }, "year": 2026,
                        "instrument": "CALL_FOR_PROPOSALS", "sensitivity": "PUBLIC" }),
            )
            .await;

        // People: personal data of their organisation, one per matrix actor.
        for sensitivity in Sensitivity::NETWORK {
            for place in 0..PLACES.len() {
                let organisation = self.actor(sensitivity, place).to_owned();
                self.add(
                    Entity::Person,
                    Sensitivity::Personal,
                    Some(place),
                    Some(organisation.clone()),
                    &[],
                    |token| {
                        json!({ "givenName": "Personne", "familyName": format!("{SHARED} {token}"),
                                "function": "chargée de mission", "organisation": organisation })
                    },
                )
                .await;
            }
        }

        for sensitivity in Sensitivity::NETWORK {
            for place in 0..PLACES.len() {
                self.network_records(sensitivity, place, &hub_project).await;
                if with_applications {
                    self.application(sensitivity, place).await;
                }
            }
            self.add(Entity::Call, sensitivity, None, None, &[], |token| {
                json!({ "title": { "fr": format!("{SHARED} {token} appel {sensitivity}") },
                        "year": 2026, "instrument": "CALL_FOR_PROPOSALS",
                        "sensitivity": sensitivity.as_str() })
            })
            .await;
        }
    }

    /// A project, a partnership, an event and an exchange of `sensitivity` in `place`, each
    /// linked to the hubs and to the place's anchor actor (which takes part in all four).
    async fn network_records(&mut self, sensitivity: Sensitivity, place: usize, hub_project: &str) {
        let (circ, commune, _) = PLACES[place];
        let hub_actor = self.parent(HUB_ACTOR).to_owned();
        let anchor = self.anchors[place].clone();
        let here = ANCHORS[place];
        let s = sensitivity.as_str();
        let owner = Some(anchor.clone());

        self.add(
            Entity::Project,
            sensitivity,
            Some(place),
            owner.clone(),
            &[
                (HUB_ACTOR, Link::ActorProjects),
                (here, Link::ActorProjects),
            ],
            |token| {
                json!({ "title": { "fr": format!("{SHARED} {token} projet {s} {circ}") },
                        "pillar": "CIVIL_SOCIETY", "instrument": "CALL_FOR_PROPOSALS",
                        "fundingSource": "P209", "sensitivity": s, "locations": [commune],
                        "participants": [{ "actor": hub_actor, "role": "IMPLEMENTING" },
                                         { "actor": anchor, "role": "BENEFICIARY" }] })
            },
        )
        .await;
        self.add(
            Entity::Partnership,
            sensitivity,
            Some(place),
            owner.clone(),
            &[
                (HUB_ACTOR, Link::ActorPartnerships),
                (here, Link::ActorPartnerships),
            ],
            |token| {
                json!({ "kind": "DECENTRALISED_COOPERATION", "status": "ACTIVE",
                        "title": { "fr": format!("{SHARED} {token} partenariat {s} {circ}") },
                        "sensitivity": s,
                        "members": [{ "actor": hub_actor, "side": "FRENCH" },
                                    { "actor": anchor, "side": "MOROCCAN" }] })
            },
        )
        .await;
        self.add(
            Entity::Event,
            sensitivity,
            Some(place),
            owner.clone(),
            &[
                (HUB_ACTOR, Link::ActorEvents),
                (here, Link::ActorEvents),
                (HUB_PROJECT, Link::ProjectEvents),
            ],
            |token| {
                json!({ "kind": "SEMINAR", "startsAt": "2026-03-10T09:00:00Z",
                        "title": { "fr": format!("{SHARED} {token} séminaire {s} {circ}") },
                        "sensitivity": s, "territory": commune, "project": hub_project,
                        "participants": [{ "actor": hub_actor, "role": "ORGANISER" },
                                         { "actor": anchor, "role": "PARTICIPANT" }] })
            },
        )
        .await;
        self.add(
            Entity::Exchange,
            sensitivity,
            Some(place),
            owner,
            &[
                (HUB_ACTOR, Link::ActorExchanges),
                (here, Link::ActorExchanges),
                (HUB_PROJECT, Link::ProjectExchanges),
            ],
            |token| {
                json!({ "kind": "EXPERTISE_MISSION",
                        "title": { "fr": format!("{SHARED} {token} mission {s} {circ}") },
                        "sensitivity": s, "project": hub_project,
                        "providers": [hub_actor], "beneficiaries": [anchor] })
            },
        )
        .await;
    }

    /// An application of `sensitivity` to the hub call by the anchor actor of `place`;
    /// answers its global ID.
    pub async fn application(&mut self, sensitivity: Sensitivity, place: usize) -> String {
        let circ = PLACES[place].0;
        let anchor = self.anchors[place].clone();
        let call = self.hub_call.clone();
        self.add(
            Entity::Application,
            sensitivity,
            Some(place),
            Some(anchor.clone()),
            &[
                (HUB_CALL, Link::CallApplications),
                (ANCHORS[place], Link::ActorApplications),
            ],
            |token| {
                json!({ "call": call, "applicants": [anchor],
                        "title": format!("{SHARED} {token} candidature {sensitivity} {circ}"),
                        "requestedAmount": "1000.00", "requestedCurrency": "EUR",
                        "sensitivity": sensitivity.as_str() })
            },
        )
        .await
    }

    /// The reference data's listed records (actors, partnerships, calls …), which every list
    /// and `totalCount` also counts, with the sensitivity and circumscriptions they carry.
    pub(super) async fn reference_records(&mut self) {
        let data = self
            .app
            .data_as(
                &self.coordinator,
                r#"{
                  actors(first: 100) { totalCount nodes { id sensitivity circumscriptions { code } } }
                  projects(first: 100) { totalCount nodes { id sensitivity circumscriptions { code } } }
                  partnerships(first: 100) { totalCount nodes { id sensitivity circumscriptions { code } } }
                  events(first: 100) { totalCount nodes { id sensitivity circumscriptions { code } } }
                  exchanges(first: 100) { totalCount nodes { id sensitivity circumscriptions { code } } }
                  calls(first: 100) { totalCount nodes { id sensitivity } }
                }"#,
                json!({}),
            )
            .await;
        for entity in Entity::LISTED {
            let list = entity.root_list().unwrap();
            let total = data[list]["totalCount"].as_u64().unwrap();
            assert!(
                total <= 100,
                "the matrix reads whole lists in one page; {list} has {total}"
            );
            for node in data[list]["nodes"].as_array().unwrap() {
                let id = node["id"].as_str().unwrap();
                if self.records.iter().any(|r| r.id == id) {
                    continue;
                }
                let circumscriptions = node["circumscriptions"]
                    .as_array()
                    .map(|cs| {
                        cs.iter()
                            .map(|c| c["code"].as_str().unwrap().to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                self.records.push(Record {
                    entity,
                    sensitivity: Sensitivity::parse(node["sensitivity"].as_str().unwrap()),
                    circumscriptions,
                    id: id.to_owned(),
                    owner: (entity == Entity::Actor).then(|| id.to_owned()),
                    token: None,
                    edges: Vec::new(),
                    origin: Origin::Reference,
                });
            }
        }
    }
}
