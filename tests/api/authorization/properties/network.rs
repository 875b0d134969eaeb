//! Random networks: what a case generates — actors seated across the six circumscriptions
//! (regions, provinces, communes; some foreign, some unseated), projects, partnerships,
//! events (some in France) and exchanges, with random sensitivities and links — and how its
//! lists are paged.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::oracle::Sensitivity;

/// Communes the test adds under the reference prefectures and provinces (as an
/// administrator, once), so every circumscription has a commune two levels below the region
/// that decides its coverage.
pub const NEW_COMMUNES: &[(&str, &str, &str)] = &[
    ("MA-RAB-AGDAL", "MA-RAB", "Agdal-Riyad"),
    ("MA-MAR-MENARA", "MA-MAR", "Ménara"),
    ("MA-TNG-ASSILAH", "MA-TNG", "Assilah"),
    ("MA-TIZ-MIRLEFT", "MA-TIZ", "Mirleft"),
    ("MA-ERR-RISSANI", "MA-ERR", "Rissani"),
];

/// Where records are placed: regions, prefectures/provinces and communes across the six
/// circumscriptions (two communes come with the reference data).
const PLACES: &[&str] = &[
    "MA-04",
    "MA-RAB",
    "MA-KEN",
    "MA-RAB-AGDAL",
    "MA-06",
    "MA-CAS",
    "MA-CAS-CASABLANCA",
    "MA-BEM",
    "MA-03",
    "MA-FES",
    "MA-OUJ-OUJDA",
    "MA-ERR-RISSANI",
    "MA-OUA",
    "MA-07",
    "MA-MAR-MENARA",
    "MA-ESI",
    "MA-01",
    "MA-TNG-ASSILAH",
    "MA-TET",
    "MA-09",
    "MA-TIZ-MIRLEFT",
    "MA-LAA",
    "MA-OUD",
];

/// Every place a record may be given, for the setup to check the reference data has them.
pub fn places() -> &'static [&'static str] {
    PLACES
}

pub const OFFICERS: &[&str] = &[
    "RABAT",
    "CASABLANCA",
    "FES",
    "MARRAKECH",
    "TANGER",
    "AGADIR",
];

/// A few names only, so that sort keys tie and paging must break ties by id.
const NAMES: &[&str] = &["Atlas", "Médina", "Oasis", "Zellige"];
const ACTOR_KINDS: &[&str] = &["ASSOCIATION", "ACADEMIC", "DONOR", "NETWORK", "OTHER"];
const PROJECT_ROLES: &[&str] = &["FUNDING", "IMPLEMENTING", "PARTNER", "BENEFICIARY"];
const EVENT_ROLES: &[&str] = &["ORGANISER", "PARTICIPANT", "SPEAKER"];
const DAYS: &[&str] = &["2024-03-01", "2024-03-01", "2025-01-15", "2025-06-30"];
const DIRECTIONS: &[&str] = &["ASC", "DESC"];

/// The list roots, with their GraphQL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    Actors,
    Projects,
    Partnerships,
    Events,
    Exchanges,
}

impl Root {
    pub const ALL: [Root; 5] = [
        Root::Actors,
        Root::Projects,
        Root::Partnerships,
        Root::Events,
        Root::Exchanges,
    ];

    /// The root query field (`actors`).
    pub fn field(self) -> &'static str {
        match self {
            Root::Actors => "actors",
            Root::Projects => "projects",
            Root::Partnerships => "partnerships",
            Root::Events => "events",
            Root::Exchanges => "exchanges",
        }
    }

    /// The type name its filter and order inputs start with (`Actor`).
    pub fn type_name(self) -> &'static str {
        match self {
            Root::Actors => "Actor",
            Root::Projects => "Project",
            Root::Partnerships => "Partnership",
            Root::Events => "Event",
            Root::Exchanges => "Exchange",
        }
    }

    /// The fields it may be ordered by.
    fn order_fields(self) -> &'static [&'static str] {
        match self {
            Root::Actors => &["NAME", "CREATED_AT", "UPDATED_AT"],
            Root::Projects => &["TITLE", "PLANNED_START", "CREATED_AT", "UPDATED_AT"],
            Root::Partnerships => &["TITLE", "VALID_FROM", "CREATED_AT"],
            Root::Events => &["STARTS_AT", "TITLE", "CREATED_AT"],
            Root::Exchanges => &["STARTS_ON", "TITLE", "CREATED_AT"],
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActorSpec {
    pub kind: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub seat: Option<&'static str>,
    pub sensitivity: Sensitivity,
}

#[derive(Debug, Clone)]
pub struct ProjectSpec {
    pub title: &'static str,
    pub sensitivity: Sensitivity,
    pub locations: Vec<&'static str>,
    /// (actor index, role), each actor once.
    pub participants: Vec<(usize, &'static str)>,
    pub planned_start: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct PartnershipSpec {
    pub title: &'static str,
    pub sensitivity: Sensitivity,
    /// Actor indices, distinct, at least two.
    pub members: Vec<usize>,
    pub valid_from: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct EventSpec {
    pub title: &'static str,
    pub sensitivity: Sensitivity,
    /// A territory code, or None for an event in France.
    pub territory: Option<&'static str>,
    pub participants: Vec<(usize, &'static str)>,
    /// A project index.
    pub project: Option<usize>,
    pub starts_on: &'static str,
}

#[derive(Debug, Clone)]
pub struct ExchangeSpec {
    pub title: &'static str,
    pub sensitivity: Sensitivity,
    pub providers: Vec<usize>,
    pub beneficiaries: Vec<usize>,
    pub project: Option<usize>,
    pub starts_on: Option<&'static str>,
}

/// One case: a network, the officer who reads it, and how its lists are paged.
#[derive(Debug, Clone)]
pub struct Network {
    pub officer: &'static str,
    pub page_size: usize,
    /// Per root (in [`Root::ALL`] order): `(field, direction)`, or None for the default order.
    pub orders: Vec<Option<(&'static str, &'static str)>>,
    pub actors: Vec<ActorSpec>,
    pub projects: Vec<ProjectSpec>,
    pub partnerships: Vec<PartnershipSpec>,
    pub events: Vec<EventSpec>,
    pub exchanges: Vec<ExchangeSpec>,
}

fn sensitivity() -> impl Strategy<Value = Sensitivity> {
    // RESTRICTED records are the ones scoping is about: weigh them up.
    prop_oneof![
        1 => Just(Sensitivity::Public),
        1 => Just(Sensitivity::Internal),
        2 => Just(Sensitivity::Restricted),
    ]
}

fn place() -> impl Strategy<Value = &'static str> {
    select(PLACES)
}

fn actor() -> impl Strategy<Value = ActorSpec> {
    (
        select(ACTOR_KINDS),
        select(NAMES),
        // Foreign actors may be seated in Morocco too: they scope actors and partnerships,
        // not events in France nor exchanges (only Moroccan participants and beneficiaries).
        prop_oneof![3 => Just("MA"), 1 => Just("FR"), 1 => Just("INTERNATIONAL")],
        option::weighted(0.85, place()),
        sensitivity(),
    )
        .prop_map(|(kind, name, country, seat, sensitivity)| ActorSpec {
            kind,
            name,
            country,
            seat,
            sensitivity,
        })
}

/// Some of the actors, each once, with a role.
fn with_roles(
    actors: Vec<usize>,
    roles: &'static [&'static str],
) -> impl Strategy<Value = Vec<(usize, &'static str)>> {
    subsequence(actors, 0..=3).prop_flat_map(move |chosen| {
        chosen
            .into_iter()
            .map(|a| (Just(a), select(roles)))
            .collect::<Vec<_>>()
    })
}

fn project(actors: Vec<usize>) -> impl Strategy<Value = ProjectSpec> {
    (
        select(NAMES),
        sensitivity(),
        vec(place(), 0..=3),
        with_roles(actors, PROJECT_ROLES),
        option::of(select(DAYS)),
    )
        .prop_map(
            |(title, sensitivity, mut locations, participants, planned_start)| {
                locations.sort_unstable();
                locations.dedup();
                ProjectSpec {
                    title,
                    sensitivity,
                    locations,
                    participants,
                    planned_start,
                }
            },
        )
}

fn partnership(actors: Vec<usize>) -> impl Strategy<Value = PartnershipSpec> {
    (
        select(NAMES),
        sensitivity(),
        subsequence(actors, 2..=4),
        option::of(select(DAYS)),
    )
        .prop_map(
            |(title, sensitivity, members, valid_from)| PartnershipSpec {
                title,
                sensitivity,
                members,
                valid_from,
            },
        )
}

fn event(actors: Vec<usize>) -> impl Strategy<Value = EventSpec> {
    (
        select(NAMES),
        sensitivity(),
        option::weighted(0.7, place()),
        with_roles(actors, EVENT_ROLES),
        option::of(0..8usize),
        select(DAYS),
    )
        .prop_map(
            |(title, sensitivity, territory, participants, project, starts_on)| EventSpec {
                title,
                sensitivity,
                territory,
                participants,
                project,
                starts_on,
            },
        )
}

fn exchange(actors: Vec<usize>) -> impl Strategy<Value = ExchangeSpec> {
    (
        select(NAMES),
        sensitivity(),
        subsequence(actors, 2..=4).prop_shuffle(),
        1..=3usize,
        option::of(0..8usize),
        option::of(select(DAYS)),
    )
        .prop_map(|(title, sensitivity, parties, split, project, starts_on)| {
            let split = split.min(parties.len() - 1);
            ExchangeSpec {
                title,
                sensitivity,
                providers: parties[..split].to_vec(),
                beneficiaries: parties[split..].to_vec(),
                project,
                starts_on,
            }
        })
}

fn orders() -> impl Strategy<Value = Vec<Option<(&'static str, &'static str)>>> {
    Root::ALL
        .iter()
        .map(|root| option::of((select(root.order_fields()), select(DIRECTIONS))))
        .collect::<Vec<_>>()
}

/// A random network of 4 to 9 actors and up to 18 records linking them.
pub fn network() -> impl Strategy<Value = Network> {
    (4..=9usize)
        .prop_flat_map(|n| {
            let ids: Vec<usize> = (0..n).collect();
            (
                vec(actor(), n),
                vec(project(ids.clone()), 0..=5),
                vec(partnership(ids.clone()), 0..=4),
                vec(event(ids.clone()), 0..=4),
                vec(exchange(ids), 0..=4),
                select(OFFICERS),
                1..=7usize,
                orders(),
            )
        })
        .prop_map(
            |(
                actors,
                projects,
                partnerships,
                mut events,
                mut exchanges,
                officer,
                page_size,
                orders,
            )| {
                // Project links are drawn before the number of projects is known: bring them
                // into range (or drop them when there is no project).
                let count = projects.len();
                let in_range = |p: Option<usize>| p.filter(|_| count > 0).map(|p| p % count);
                for e in &mut events {
                    e.project = in_range(e.project);
                }
                for x in &mut exchanges {
                    x.project = in_range(x.project);
                }
                Network {
                    officer,
                    page_size,
                    orders,
                    actors,
                    projects,
                    partnerships,
                    events,
                    exchanges,
                }
            },
        )
}
