//! Fictional people (personal data: named contacts of actors and young leaders of
//! associations) and contact points — e-mail addresses on the reserved `example.org` domain,
//! phone numbers in ranges no one answers (+212 6 00 …; in France the +33 6 39 98 … block
//! set aside for fiction).

use std::collections::HashSet;

use sea_orm::Set;
use serde_json::json;

use super::names;
use super::places;
use super::store::{ActorRef, Ctx, Entry, Keys};
use crate::domain::vocabulary::{
    ActivityKind, ActorKind, ContactKind, Country, RecordType, Sensitivity,
};
use crate::entities::{contact_point, person};
use crate::error::AppResult;
use crate::search;

/// How many young leaders of associations the demo names (the Young Leaders Forum's guests).
const YOUNG_LEADERS: usize = 40;

/// The people the demo named, for events and exchanges to refer to.
#[derive(Debug, Default)]
pub struct People {
    /// (person, organisation) of actors' contacts, in creation order.
    pub staff: Vec<(i64, i64)>,
    /// (person, association) of the young leaders.
    pub young_leaders: Vec<(i64, i64)>,
}

impl People {
    /// The contacts working for `actor`.
    pub fn staff_of(&self, actor: i64) -> Vec<i64> {
        self.staff
            .iter()
            .filter(|(_, a)| *a == actor)
            .map(|(p, _)| *p)
            .collect()
    }
}

struct NewPerson {
    given: String,
    family: String,
    function: String,
    organisation: ActorRef,
    french: bool,
    young: bool,
}

pub async fn load(ctx: &mut Ctx<'_>) -> AppResult<People> {
    // One contact for every demo actor that is not an association, and for one association
    // in three. Real bodies of the reference data get no invented staff.
    let demo = ctx.demo_actors();
    let mut organisations: Vec<ActorRef> = Vec::new();
    let mut association_count = 0;
    for a in demo {
        let keep = match a.kind {
            ActorKind::Association => {
                association_count += 1;
                association_count % 3 == 1
            }
            _ => true,
        };
        if keep {
            organisations.push(a);
        }
    }
    let mut people = Vec::new();
    for org in organisations {
        let french = org.country != Country::Ma || ctx.rng.chance(0.05);
        let functions = match org.kind {
            ActorKind::Association | ActorKind::Network => names::ASSOCIATION_FUNCTIONS,
            ActorKind::MoroccanLocalAuthority | ActorKind::FrenchLocalAuthority => {
                names::LOCAL_FUNCTIONS
            }
            ActorKind::Ministry | ActorKind::NationalInstitution => names::PUBLIC_FUNCTIONS,
            _ => names::OTHER_FUNCTIONS,
        };
        let function = *ctx.rng.pick(functions);
        people.push(new_person(ctx, org, french, function, false));
    }
    let associations: Vec<ActorRef> = ctx
        .of_kind(ActorKind::Association)
        .into_iter()
        .filter(|a| a.sensitivity != Sensitivity::Restricted)
        .collect();
    for org in ctx.sample(&associations, YOUNG_LEADERS) {
        people.push(new_person(ctx, org, false, names::YOUNG_LEADER, true));
    }
    insert(ctx, people).await
}

fn new_person(
    ctx: &mut Ctx<'_>,
    organisation: ActorRef,
    french: bool,
    function: (&str, &str),
    young: bool,
) -> NewPerson {
    let (given, feminine) = if french {
        *ctx.rng.pick(names::FRENCH_GIVEN)
    } else {
        *ctx.rng.pick(names::MOROCCAN_GIVEN)
    };
    let family = if french {
        *ctx.rng.pick(names::FRENCH_FAMILY)
    } else {
        *ctx.rng.pick(names::MOROCCAN_FAMILY)
    };
    NewPerson {
        given: given.to_owned(),
        family: family.to_owned(),
        function: if feminine { function.1 } else { function.0 }.to_owned(),
        organisation,
        french,
        young,
    }
}

fn moroccan_phone(n: usize) -> String {
    format!(
        "+212 6 00 {:02} {:02} {:02}",
        (n / 10_000) % 100,
        (n / 100) % 100,
        n % 100
    )
}

fn french_phone(n: usize) -> String {
    format!("+33 6 39 98 {:02} {:02}", (n / 100) % 100, n % 100)
}

/// `fatima.zahra.el.amrani@example.org`, numbered when taken.
fn email(given: &str, family: &str, taken: &mut HashSet<String>) -> String {
    let base: String = search::fold(&format!("{given} {family}"))
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let mut candidate = format!("{base}@example.org");
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}{n}@example.org");
        n += 1;
    }
    candidate
}

async fn insert(ctx: &mut Ctx<'_>, list: Vec<NewPerson>) -> AppResult<People> {
    let rows: Vec<person::ActiveModel> = list
        .iter()
        .map(|p| person::ActiveModel {
            given_name: Set(p.given.clone()),
            family_name: Set(p.family.clone()),
            function: Set(Some(p.function.clone())),
            organisation_id: Set(Some(p.organisation.id)),
            erased_at: Set(None),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        })
        .collect();
    let labels: Vec<String> = list.iter().map(|p| p.family.clone()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<person::Entity> {
                id: person::Column::Id,
                author: person::Column::CreatedBy,
                label: person::Column::FamilyName,
            },
        )
        .await?;
    let mut people = People::default();
    let mut contacts = Vec::new();
    let mut emails = HashSet::new();
    let contact = |actor: Option<i64>, person: Option<i64>, kind, value: String, inst| {
        contact_point::ActiveModel {
            actor_id: Set(actor),
            person_id: Set(person),
            kind: Set(kind),
            value: Set(value),
            institutional: Set(inst),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        }
    };
    for (n, (id, p)) in ids.iter().zip(&list).enumerate() {
        let org = p.organisation.id;
        if p.young {
            people.young_leaders.push((*id, org));
        } else {
            people.staff.push((*id, org));
        }
        let address = email(&p.given, &p.family, &mut emails);
        contacts.push(contact(None, Some(*id), ContactKind::Email, address, false));
        let phone = if p.french {
            french_phone(n)
        } else {
            moroccan_phone(n)
        };
        contacts.push(contact(None, Some(*id), ContactKind::Mobile, phone, false));
    }
    // Institutional contacts of every demo actor.
    let demo_actors = ctx.demo_actors();
    for (n, a) in demo_actors.iter().enumerate() {
        let slug = places::slug(&a.name);
        contacts.push(contact(
            Some(a.id),
            None,
            ContactKind::Email,
            format!("contact@{slug}.example.org"),
            true,
        ));
        let phone = if a.country == Country::Ma {
            moroccan_phone(5_000 + n)
        } else {
            french_phone(5_000 + n)
        };
        contacts.push(contact(Some(a.id), None, ContactKind::Phone, phone, true));
    }
    for (id, p) in ids.iter().copied().zip(&list) {
        let territories: Vec<i64> = p.organisation.seat.into_iter().collect();
        let circs = ctx.scope(RecordType::Person, id, &territories);
        // Personal data: the entry names no one and carries no value.
        ctx.log(Entry {
            kind: ActivityKind::PersonAdded,
            subject: RecordType::Person,
            subject_id: id,
            sensitivity: Sensitivity::Personal,
            actors: vec![p.organisation.id],
            territories,
            circumscriptions: circs,
            details: json!({ "source": "demo" }),
        });
    }
    ctx.report.persons = ids.len();
    ctx.report.contact_points = contacts.len();
    ctx.insert(contacts).await?;
    Ok(people)
}
