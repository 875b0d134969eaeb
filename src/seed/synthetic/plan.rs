//! The synthetic network planned in memory, before any id exists: records refer to one
//! another by their index in generation order, and every choice is drawn from one [`Rng`] in
//! a fixed order — the same (size, seed, places) always gives the same plan.
//!
//! Skew: actors are ranked once by a seeded shuffle; a share of every choice of actor is drawn
//! with [`Rng::skewed`] over that ranking (Zipf-like), the rest uniformly. The first-ranked
//! actors end up in many projects, partnerships and events, most actors in a few, as in a real
//! network. Seats are skewed the same way over a shuffled list of provinces.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use super::names::{self, FRENCH_PLACES, de, tagged};
use crate::domain::vocabulary::{
    ActivityStatus, ActorKind, Country, DatePrecision, EventKind, EventRole, ExchangeKind,
    ExchangePartySide, FundingSource, Instrument, LocalAuthorityLevel, ParticipantRole,
    PartnershipKind, PartnershipStatus, Pillar, ProjectOrigin, Sensitivity, Side, Theme,
};
use crate::seed::rng::Rng;

/// The share of choices of an actor (or a seat) drawn from the skewed ranking.
const HUB_SHARE: f64 = 0.45;
const SEAT_HUB_SHARE: f64 = 0.4;

/// The day project statuses are decided against (fixed, so that a plan never depends on when
/// it is generated).
const STATUS_REFERENCE_DAY: (i32, u32, u32) = (2026, 1, 1);

/// A province or prefecture an actor can be seated in (or a project located in).
#[derive(Debug, Clone)]
pub struct Place {
    pub name_fr: String,
    pub name_ar: Option<String>,
}

/// How many records of each kind a network of `actors` actors has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub actors: usize,
    pub projects: usize,
    pub partnerships: usize,
    pub events: usize,
    pub exchanges: usize,
}

impl Sizes {
    pub fn for_actors(actors: usize) -> Self {
        Self {
            actors,
            projects: actors / 2,
            partnerships: actors / 5,
            events: actors / 4,
            exchanges: actors / 5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPlan {
    pub kind: ActorKind,
    pub country: Country,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub acronym: Option<String>,
    /// Index into the places.
    pub seat: Option<usize>,
    pub sensitivity: Sensitivity,
    pub website: Option<String>,
    pub description_fr: Option<String>,
    pub iati_ref: Option<String>,
    pub iati_org_type: Option<&'static str>,
    pub registration_number: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub local_authority_level: Option<LocalAuthorityLevel>,
    /// A provincial council governs its seat.
    pub governs_seat: bool,
    pub french_region: Option<&'static str>,
    pub themes: Vec<Theme>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPlan {
    pub iati_identifier: String,
    pub title_fr: String,
    pub description_fr: Option<String>,
    pub pillar: Pillar,
    pub instrument: Instrument,
    pub funding_source: FundingSource,
    pub status: ActivityStatus,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub origin: ProjectOrigin,
    pub sensitivity: Sensitivity,
    pub publishable: bool,
    /// Indexes into the places; distinct.
    pub locations: Vec<usize>,
    /// Indexes into the actors; distinct actors.
    pub participants: Vec<(usize, ParticipantRole)>,
    pub themes: Vec<Theme>,
    pub dac_code: &'static str,
    /// The original budget, in euro cents.
    pub budget_eur_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipPlan {
    pub kind: PartnershipKind,
    pub title_fr: String,
    pub status: PartnershipStatus,
    pub valid_from: NaiveDate,
    pub valid_from_precision: DatePrecision,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: Sensitivity,
    /// Indexes into the actors; distinct actors, two to four.
    pub members: Vec<(usize, Side)>,
    pub theme: Theme,
    /// Index into the projects.
    pub project: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPlan {
    pub kind: EventKind,
    pub title_fr: String,
    pub description_fr: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Index into the places; `None` for an event in France.
    pub territory: Option<usize>,
    pub place_in_france: Option<&'static str>,
    pub project: Option<usize>,
    pub sensitivity: Sensitivity,
    /// Indexes into the actors; distinct actors, the first organises.
    pub participants: Vec<(usize, EventRole)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangePlan {
    pub kind: ExchangeKind,
    pub title_fr: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub theme: Theme,
    pub dac_code: &'static str,
    pub participant_count: i32,
    pub instrument: Instrument,
    pub project: Option<usize>,
    pub sensitivity: Sensitivity,
    /// Indexes into the actors; distinct actors, at least one of each side.
    pub parties: Vec<(usize, ExchangePartySide)>,
}

/// The whole network, in generation (and insertion) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub actors: Vec<ActorPlan>,
    pub projects: Vec<ProjectPlan>,
    pub partnerships: Vec<PartnershipPlan>,
    pub events: Vec<EventPlan>,
    pub exchanges: Vec<ExchangePlan>,
}

impl Plan {
    /// The number of records (actors, projects, partnerships, events, exchanges): one
    /// activity entry each.
    pub fn records(&self) -> usize {
        self.actors.len()
            + self.projects.len()
            + self.partnerships.len()
            + self.events.len()
            + self.exchanges.len()
    }
}

/// Plans a network of `actors` actors seated among `places`.
pub fn generate(actors: usize, seed: u64, places: &[Place]) -> Plan {
    let sizes = Sizes::for_actors(actors);
    let mut g = Generator::new(seed, actors, places);
    let actors: Vec<ActorPlan> = (0..sizes.actors).map(|i| g.actor(i)).collect();
    let pools = Pools::new(&g.hub_order, &actors);
    let projects: Vec<ProjectPlan> = (0..sizes.projects)
        .map(|j| g.project(j, &actors, &pools))
        .collect();
    let partnerships = (0..sizes.partnerships)
        .map(|k| g.partnership(k, &actors, &pools, projects.len()))
        .collect();
    let events = (0..sizes.events)
        .map(|k| g.event(k, &pools, projects.len()))
        .collect();
    let exchanges = (0..sizes.exchanges)
        .map(|k| g.exchange(k, &pools, projects.len()))
        .collect();
    Plan {
        actors,
        projects,
        partnerships,
        events,
        exchanges,
    }
}

/// Actors by hub rank (most connected first), and the same ranking restricted to the actors
/// fit for some roles.
struct Pools {
    all: Vec<usize>,
    french: Vec<usize>,
    moroccan: Vec<usize>,
    french_authorities: Vec<usize>,
    moroccan_authorities: Vec<usize>,
    funders: Vec<usize>,
}

impl Pools {
    fn new(hub_order: &[usize], actors: &[ActorPlan]) -> Self {
        let only = |keep: &dyn Fn(&ActorPlan) -> bool| -> Vec<usize> {
            hub_order
                .iter()
                .copied()
                .filter(|i| keep(&actors[*i]))
                .collect()
        };
        Self {
            all: hub_order.to_vec(),
            french: only(&|a| a.country == Country::Fr),
            moroccan: only(&|a| a.country == Country::Ma),
            french_authorities: only(&|a| a.kind == ActorKind::FrenchLocalAuthority),
            moroccan_authorities: only(&|a| a.kind == ActorKind::MoroccanLocalAuthority),
            funders: only(&|a| {
                matches!(
                    a.kind,
                    ActorKind::Donor
                        | ActorKind::DevelopmentAgency
                        | ActorKind::FrenchLocalAuthority
                        | ActorKind::Ministry
                )
            }),
        }
    }

    /// `pool`, or every actor if it is empty.
    fn or_all<'a>(&'a self, pool: &'a [usize]) -> &'a [usize] {
        if pool.is_empty() { &self.all } else { pool }
    }
}

struct Generator<'p> {
    rng: Rng,
    places: &'p [Place],
    /// Places by seat rank (the most common seats first).
    place_order: Vec<usize>,
    /// Actor indexes by hub rank.
    hub_order: Vec<usize>,
    status_day: NaiveDate,
}

impl<'p> Generator<'p> {
    fn new(seed: u64, actors: usize, places: &'p [Place]) -> Self {
        let mut rng = Rng::new(seed);
        let mut place_order: Vec<usize> = (0..places.len()).collect();
        shuffle(&mut rng, &mut place_order);
        let mut hub_order: Vec<usize> = (0..actors).collect();
        shuffle(&mut rng, &mut hub_order);
        let (y, m, d) = STATUS_REFERENCE_DAY;
        Self {
            rng,
            places,
            place_order,
            hub_order,
            status_day: NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(),
        }
    }

    /// A place: skewed towards the first-ranked seats.
    fn place(&mut self) -> Option<usize> {
        if self.places.is_empty() {
            return None;
        }
        let len = self.place_order.len() as u64;
        let rank = if self.rng.chance(SEAT_HUB_SHARE) {
            self.rng.skewed(len)
        } else {
            self.rng.below(len)
        };
        Some(self.place_order[rank as usize])
    }

    /// An actor of `pool` (ordered by hub rank): skewed towards its first-ranked actors.
    fn draw(&mut self, pool: &[usize]) -> Option<usize> {
        if pool.is_empty() {
            return None;
        }
        let len = pool.len() as u64;
        let rank = if self.rng.chance(HUB_SHARE) {
            self.rng.skewed(len)
        } else {
            self.rng.below(len)
        };
        Some(pool[rank as usize])
    }

    /// An actor of `pool` not in `taken` (a few tries; `None` if the pool is too small).
    fn draw_distinct(&mut self, pool: &[usize], taken: &[usize]) -> Option<usize> {
        for _ in 0..16 {
            let actor = self.draw(pool)?;
            if !taken.contains(&actor) {
                return Some(actor);
            }
        }
        None
    }

    fn sensitivity(&mut self, public_per_mille: u32) -> Sensitivity {
        let internal = (1000 - public_per_mille) * 2 / 3;
        weighted(
            &mut self.rng,
            &[
                (Sensitivity::Public, public_per_mille),
                (Sensitivity::Internal, internal),
                (Sensitivity::Restricted, 1000 - public_per_mille - internal),
            ],
        )
    }

    fn theme(&mut self) -> Theme {
        *self.rng.pick(Theme::ALL)
    }

    /// A day in `[from, from + years)`.
    fn day(&mut self, from_year: i32, years: u64) -> NaiveDate {
        let from = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or_default();
        after(from, self.rng.below(years * 365))
    }

    fn actor(&mut self, i: usize) -> ActorPlan {
        let kind = weighted(
            &mut self.rng,
            &[
                (ActorKind::Association, 520),
                (ActorKind::MoroccanLocalAuthority, 100),
                (ActorKind::FrenchLocalAuthority, 100),
                (ActorKind::Academic, 60),
                (ActorKind::NationalInstitution, 30),
                (ActorKind::Ministry, 10),
                (ActorKind::Network, 50),
                (ActorKind::Donor, 20),
                (ActorKind::DevelopmentAgency, 20),
                (ActorKind::Other, 90),
            ],
        );
        let country = match kind {
            ActorKind::FrenchLocalAuthority | ActorKind::DevelopmentAgency => Country::Fr,
            ActorKind::Donor => Country::International,
            ActorKind::Network => weighted(
                &mut self.rng,
                &[
                    (Country::Ma, 60),
                    (Country::Fr, 25),
                    (Country::International, 15),
                ],
            ),
            ActorKind::Other => weighted(&mut self.rng, &[(Country::Ma, 70), (Country::Other, 30)]),
            _ => Country::Ma,
        };
        let seat = if country == Country::Ma {
            self.place()
        } else {
            None
        };
        let place = seat.map(|s| &self.places[s]);
        let word = *self.rng.pick(names::ACTOR_WORDS);
        let (french_city, french_region) = *self.rng.pick(FRENCH_PLACES);
        let mut level = None;
        let mut governs_seat = false;
        let mut region = None;
        let base = match (kind, place) {
            (ActorKind::MoroccanLocalAuthority, Some(place)) => {
                if self.rng.chance(0.7) {
                    level = Some(LocalAuthorityLevel::MaPrefectureProvince);
                    governs_seat = true;
                    format!("Conseil provincial {}", de(&place.name_fr))
                } else {
                    level = Some(LocalAuthorityLevel::MaCommune);
                    format!("Conseil communal {} {}", word, de(&place.name_fr))
                }
            }
            (ActorKind::FrenchLocalAuthority, _) => {
                region = Some(french_region);
                let (lvl, name) = weighted(
                    &mut self.rng,
                    &[
                        (
                            (
                                LocalAuthorityLevel::FrCommune,
                                format!("Ville {}", de(french_city)),
                            ),
                            55,
                        ),
                        (
                            (
                                LocalAuthorityLevel::FrDepartement,
                                format!("Département {}", de(french_city)),
                            ),
                            20,
                        ),
                        (
                            (
                                LocalAuthorityLevel::FrRegion,
                                format!("Région {french_region}"),
                            ),
                            10,
                        ),
                        (
                            (
                                LocalAuthorityLevel::FrIntercommunality,
                                format!("Communauté d'agglomération {}", de(french_city)),
                            ),
                            15,
                        ),
                    ],
                );
                level = Some(lvl);
                name
            }
            (_, Some(place)) => {
                let prefix = *self.rng.pick(names::actor_prefixes(kind));
                format!("{prefix} {word} {}", place.name_fr)
            }
            (_, None) => {
                let prefix = *self.rng.pick(names::actor_prefixes(kind));
                match country {
                    Country::Fr => format!("{prefix} {word} {french_city}"),
                    _ => format!("{prefix} {word}"),
                }
            }
        };
        let name_ar = match place.and_then(|p| p.name_ar.as_deref()) {
            Some(place_ar) if self.rng.chance(0.5) => Some(format!(
                "{} {place_ar} {i:06}",
                names::actor_prefix_ar(kind)
            )),
            _ => None,
        };
        let acronym =
            Some(names::initials(&base)).filter(|a| a.chars().count() >= 2 && self.rng.chance(0.3));
        let sensitivity = self.sensitivity(850);
        let website = self
            .rng
            .chance(0.3)
            .then(|| format!("https://acteur-{i:06}.synthetique.example"));
        let description_fr = self.rng.chance(0.4).then(|| {
            "Acteur fictif du réseau synthétique, généré pour les essais de charge.".to_owned()
        });
        let (iati_ref, iati_org_type) = match kind {
            ActorKind::Donor => (Some(format!("XM-SYNTH-{i:06}")), Some("40")),
            ActorKind::DevelopmentAgency => (Some(format!("FR-SYNTH-{i:06}")), Some("10")),
            ActorKind::Association => (None, Some("22")),
            ActorKind::Ministry => (None, Some("10")),
            ActorKind::NationalInstitution => (None, Some("15")),
            ActorKind::MoroccanLocalAuthority | ActorKind::FrenchLocalAuthority => {
                (None, Some("11"))
            }
            ActorKind::Academic => (None, Some("80")),
            _ => (None, None),
        };
        let (registration_number, founded_on) = if kind == ActorKind::Association {
            let founded = self.day(1985, 38);
            (
                Some(format!("RA/{}/{i:06}", founded.format("%Y"))),
                Some(founded),
            )
        } else {
            (None, None)
        };
        let mut themes = vec![self.theme()];
        if self.rng.chance(0.5) {
            let second = self.theme();
            if second != themes[0] {
                themes.push(second);
            }
        }
        ActorPlan {
            kind,
            country,
            name_fr: tagged(&base, i),
            name_ar,
            acronym,
            seat,
            sensitivity,
            website,
            description_fr,
            iati_ref,
            iati_org_type,
            registration_number,
            founded_on,
            local_authority_level: level,
            governs_seat,
            french_region: region,
            themes,
        }
    }

    fn project(&mut self, j: usize, actors: &[ActorPlan], pools: &Pools) -> ProjectPlan {
        // Two to ten participants, six on average: three participations per actor.
        let wanted = 2 + self.rng.below(9) as usize;
        let mut taken: Vec<usize> = Vec::with_capacity(wanted);
        let mut participants = Vec::with_capacity(wanted);
        if let Some(lead) = self.draw(&pools.all) {
            taken.push(lead);
            participants.push((lead, ParticipantRole::Implementing));
        }
        if let Some(funder) = self.draw_distinct(pools.or_all(&pools.funders), &taken) {
            taken.push(funder);
            participants.push((funder, ParticipantRole::Funding));
        }
        while participants.len() < wanted {
            let Some(actor) = self.draw_distinct(&pools.all, &taken) else {
                break;
            };
            let role = weighted(
                &mut self.rng,
                &[
                    (ParticipantRole::Partner, 45),
                    (ParticipantRole::Beneficiary, 30),
                    (ParticipantRole::Extending, 15),
                    (ParticipantRole::Accountable, 10),
                ],
            );
            taken.push(actor);
            participants.push((actor, role));
        }
        // Where the lead is seated, and sometimes elsewhere too.
        let mut locations = Vec::new();
        if let Some(first) = taken
            .first()
            .and_then(|lead| actors[*lead].seat)
            .or_else(|| self.place())
        {
            locations.push(first);
        }
        for p in [0.3, 0.1] {
            if self.rng.chance(p)
                && let Some(place) = self.place()
                && !locations.contains(&place)
            {
                locations.push(place);
            }
        }
        let theme = self.theme();
        let mut themes = vec![theme];
        if self.rng.chance(0.3) {
            let second = self.theme();
            if second != theme {
                themes.push(second);
            }
        }
        let pillar = weighted(
            &mut self.rng,
            &[
                (Pillar::CivilSociety, 40),
                (Pillar::InstitutionalCooperation, 30),
                (Pillar::TerritorialGovernance, 30),
            ],
        );
        let instrument = weighted(
            &mut self.rng,
            &[
                (Instrument::CallForProposals, 20),
                (Instrument::Fspi, 15),
                (Instrument::Piscca, 15),
                (Instrument::JointDecentralisedFund, 10),
                (Instrument::Mission, 10),
                (Instrument::DirectInterventionCredit, 10),
                (Instrument::SupportOutsideProgramming, 5),
                (Instrument::TrainingGrant, 5),
                (Instrument::Invitation, 5),
                (Instrument::Other, 5),
            ],
        );
        let funding_source = match instrument {
            Instrument::Fspi => FundingSource::Fspi,
            Instrument::Piscca => FundingSource::Piscca,
            Instrument::JointDecentralisedFund => FundingSource::JointFund,
            _ => weighted(
                &mut self.rng,
                &[
                    (FundingSource::P209, 60),
                    (FundingSource::OtherFrench, 20),
                    (FundingSource::ExternalCofinancing, 20),
                ],
            ),
        };
        let origin = weighted(
            &mut self.rng,
            &[(ProjectOrigin::Own, 80), (ProjectOrigin::External, 20)],
        );
        let planned_start = self.day(2014, 14);
        let planned_end = after(planned_start, 180 + self.rng.below(1_260));
        let status = if planned_start > self.status_day {
            weighted(
                &mut self.rng,
                &[
                    (ActivityStatus::Pipeline, 90),
                    (ActivityStatus::Cancelled, 10),
                ],
            )
        } else if planned_end < self.status_day {
            weighted(
                &mut self.rng,
                &[
                    (ActivityStatus::Closed, 85),
                    (ActivityStatus::Finalisation, 10),
                    (ActivityStatus::Cancelled, 5),
                ],
            )
        } else {
            weighted(
                &mut self.rng,
                &[
                    (ActivityStatus::Implementation, 90),
                    (ActivityStatus::Suspended, 5),
                    (ActivityStatus::Finalisation, 5),
                ],
            )
        };
        let started = !matches!(status, ActivityStatus::Pipeline | ActivityStatus::Cancelled);
        let actual_start = started.then(|| after(planned_start, self.rng.below(90)));
        let actual_end =
            (status == ActivityStatus::Closed).then(|| after(planned_end, self.rng.below(120)));
        let sensitivity = self.sensitivity(800);
        let publishable = sensitivity == Sensitivity::Public && self.rng.chance(0.6);
        let description_fr = self
            .rng
            .chance(0.5)
            .then(|| format!("Projet fictif du réseau synthétique ({}).", pillar.as_str()));
        let place = match locations.first() {
            Some(p) => self.places[*p].name_fr.clone(),
            None => "Maroc".to_owned(),
        };
        let budget_eur_minor = (2 + self.rng.below(98) as i64) * 10_000 * 100;
        ProjectPlan {
            iati_identifier: format!("XM-SYNTH-P{j:06}"),
            title_fr: tagged(&format!("{} à {place}", names::theme_label(theme)), j),
            description_fr,
            pillar,
            instrument,
            funding_source,
            status,
            planned_start,
            planned_end,
            actual_start,
            actual_end,
            origin,
            sensitivity,
            publishable,
            locations,
            participants,
            themes,
            dac_code: names::theme_dac_code(theme),
            budget_eur_minor,
        }
    }

    fn partnership(
        &mut self,
        k: usize,
        actors: &[ActorPlan],
        pools: &Pools,
        projects: usize,
    ) -> PartnershipPlan {
        let kind = weighted(
            &mut self.rng,
            &[
                (PartnershipKind::DecentralisedCooperation, 50),
                (PartnershipKind::Institutional, 25),
                (PartnershipKind::NetworkMembership, 15),
                (PartnershipKind::Mou, 10),
            ],
        );
        let wanted = 2 + self.rng.below(3) as usize;
        let mut taken = Vec::with_capacity(wanted);
        if kind == PartnershipKind::DecentralisedCooperation {
            for pool in [&pools.french_authorities, &pools.moroccan_authorities] {
                if let Some(a) = self.draw_distinct(pools.or_all(pool), &taken) {
                    taken.push(a);
                }
            }
        }
        while taken.len() < wanted {
            let Some(a) = self.draw_distinct(&pools.all, &taken) else {
                break;
            };
            taken.push(a);
        }
        let members = taken
            .iter()
            .map(|a| {
                let side = match actors[*a].country {
                    Country::Fr => Side::French,
                    Country::Ma => Side::Moroccan,
                    _ => Side::Other,
                };
                (*a, side)
            })
            .collect();
        let theme = self.theme();
        let status = weighted(
            &mut self.rng,
            &[
                (PartnershipStatus::Active, 55),
                (PartnershipStatus::Dormant, 15),
                (PartnershipStatus::Ended, 20),
                (PartnershipStatus::Planned, 10),
            ],
        );
        let precision = weighted(
            &mut self.rng,
            &[
                (DatePrecision::Year, 30),
                (DatePrecision::Month, 30),
                (DatePrecision::Day, 40),
            ],
        );
        let valid_from = truncate(self.day(2000, 26), precision);
        let valid_to = (status == PartnershipStatus::Ended).then(|| {
            truncate(
                after(valid_from, 365 * (1 + self.rng.below(10))),
                DatePrecision::Year,
            )
        });
        let sensitivity = self.sensitivity(850);
        let project = (projects > 0 && self.rng.chance(0.25)).then(|| self.rng.index(projects));
        PartnershipPlan {
            kind,
            title_fr: tagged(
                &format!(
                    "{} — {}",
                    names::partnership_label(kind),
                    names::theme_label(theme)
                ),
                k,
            ),
            status,
            valid_from,
            valid_from_precision: precision,
            valid_to,
            sensitivity,
            members,
            theme,
            project,
        }
    }

    fn event(&mut self, k: usize, pools: &Pools, projects: usize) -> EventPlan {
        let kind = *self.rng.pick(EventKind::ALL);
        let in_france = self.rng.chance(if kind == EventKind::StudyTour {
            0.7
        } else {
            0.1
        });
        let (territory, place_in_france) = if in_france || self.places.is_empty() {
            (None, Some(self.rng.pick(FRENCH_PLACES).0))
        } else {
            (self.place(), None)
        };
        let place = match (territory, place_in_france) {
            (Some(t), _) => self.places[t].name_fr.as_str(),
            (None, Some(city)) => city,
            (None, None) => "Rabat",
        };
        let theme = self.theme();
        let title = tagged(
            &format!(
                "{} : {} {}",
                names::event_label(kind),
                names::theme_label(theme),
                if territory.is_some() || place_in_france.is_some() {
                    format!("à {place}")
                } else {
                    String::new()
                }
            ),
            k,
        );
        let day = self.day(2016, 11);
        let hour = 8 + self.rng.below(9) as u32;
        let starts_at = day
            .and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
            .and_utc();
        let hours = match kind {
            EventKind::StudyTour | EventKind::TrainingSession | EventKind::Forum => {
                24 * (1 + self.rng.below(4))
            }
            _ => 2 + self.rng.below(7),
        };
        let ends_at = starts_at
            .checked_add_signed(chrono::TimeDelta::hours(hours as i64))
            .unwrap_or(starts_at);
        let project = (projects > 0 && self.rng.chance(0.4)).then(|| self.rng.index(projects));
        let wanted = 2 + self.rng.below(5) as usize;
        let mut taken = Vec::with_capacity(wanted);
        let mut participants = Vec::with_capacity(wanted);
        while participants.len() < wanted {
            let Some(actor) = self.draw_distinct(&pools.all, &taken) else {
                break;
            };
            let role = if participants.is_empty() {
                EventRole::Organiser
            } else {
                weighted(
                    &mut self.rng,
                    &[
                        (EventRole::Participant, 65),
                        (EventRole::Speaker, 20),
                        (EventRole::CoOrganiser, 15),
                    ],
                )
            };
            taken.push(actor);
            participants.push((actor, role));
        }
        let description_fr = self
            .rng
            .chance(0.3)
            .then(|| "Événement fictif du réseau synthétique.".to_owned());
        let sensitivity = self.sensitivity(850);
        EventPlan {
            kind,
            title_fr: title,
            description_fr,
            starts_at,
            ends_at,
            territory,
            place_in_france,
            project,
            sensitivity,
            participants,
        }
    }

    fn exchange(&mut self, k: usize, pools: &Pools, projects: usize) -> ExchangePlan {
        let kind = *self.rng.pick(ExchangeKind::ALL);
        let mut taken = Vec::new();
        let mut parties = Vec::new();
        let providers = 1 + usize::from(self.rng.chance(0.3));
        let beneficiaries = 1 + usize::from(self.rng.chance(0.4));
        for (side, count, pool) in [
            (ExchangePartySide::Provider, providers, &pools.french),
            (
                ExchangePartySide::Beneficiary,
                beneficiaries,
                &pools.moroccan,
            ),
        ] {
            for _ in 0..count {
                if let Some(actor) = self.draw_distinct(pools.or_all(pool), &taken) {
                    taken.push(actor);
                    parties.push((actor, side));
                }
            }
        }
        let theme = self.theme();
        let instrument = match kind {
            ExchangeKind::ExpertiseMission => Instrument::Mission,
            ExchangeKind::Invitation => Instrument::Invitation,
            ExchangeKind::TrainingGrant => Instrument::TrainingGrant,
            _ => weighted(
                &mut self.rng,
                &[
                    (Instrument::Fspi, 40),
                    (Instrument::Piscca, 30),
                    (Instrument::Other, 30),
                ],
            ),
        };
        let starts_on = self.day(2016, 11);
        let ends_on = after(starts_on, 2 + self.rng.below(29));
        let participant_count = 1 + self.rng.below(25) as i32;
        let project = (projects > 0 && self.rng.chance(0.3)).then(|| self.rng.index(projects));
        let sensitivity = self.sensitivity(800);
        ExchangePlan {
            kind,
            title_fr: tagged(
                &format!(
                    "{} : {}",
                    names::exchange_label(kind),
                    names::theme_label(theme)
                ),
                k,
            ),
            starts_on,
            ends_on,
            theme,
            dac_code: names::theme_dac_code(theme),
            participant_count,
            instrument,
            project,
            sensitivity,
            parties,
        }
    }
}

/// One of `table`'s values, with probability proportional to its weight.
fn weighted<T: Clone>(rng: &mut Rng, table: &[(T, u32)]) -> T {
    let total: u64 = table.iter().map(|(_, w)| u64::from(*w)).sum();
    let mut roll = rng.below(total);
    for (value, weight) in table {
        if roll < u64::from(*weight) {
            return value.clone();
        }
        roll -= u64::from(*weight);
    }
    // Unreachable with a non-empty table; the last value otherwise.
    table[table.len() - 1].0.clone()
}

/// Fisher–Yates.
fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.index(i + 1);
        items.swap(i, j);
    }
}

fn after(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

/// A date known to the year (1 January) or month (the 1st) as it is stored.
fn truncate(day: NaiveDate, precision: DatePrecision) -> NaiveDate {
    use chrono::Datelike;
    let truncated = match precision {
        DatePrecision::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1),
        DatePrecision::Month => NaiveDate::from_ymd_opt(day.year(), day.month(), 1),
        DatePrecision::Day => Some(day),
    };
    truncated.unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Vec<Place> {
        [
            "Fès",
            "Agadir",
            "Oujda",
            "Tanger-Assilah",
            "Al Hoceïma",
            "Rabat",
        ]
        .iter()
        .map(|n| Place {
            name_fr: (*n).to_owned(),
            name_ar: Some("فاس".to_owned()),
        })
        .collect()
    }

    #[test]
    fn the_same_size_and_seed_give_the_same_plan() {
        let places = places();
        let a = generate(400, 9, &places);
        assert_eq!(a, generate(400, 9, &places));
        assert_ne!(a.actors, generate(400, 10, &places).actors);
    }

    #[test]
    fn sizes_and_links_are_proportional_and_well_formed() {
        let places = places();
        let n = 2_000;
        let plan = generate(n, 1, &places);
        assert_eq!(plan.actors.len(), n);
        assert_eq!(plan.projects.len(), n / 2);
        assert_eq!(plan.partnerships.len(), n / 5);
        assert_eq!(plan.events.len(), n / 4);
        assert_eq!(plan.exchanges.len(), n / 5);
        let participations: usize = plan.projects.iter().map(|p| p.participants.len()).sum();
        assert!(
            (n * 5 / 2..=n * 7 / 2).contains(&participations),
            "{participations}"
        );
        let distinct = |ids: Vec<usize>| {
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            sorted.len() == ids.len()
        };
        for p in &plan.projects {
            assert!(distinct(p.participants.iter().map(|x| x.0).collect()));
            assert!(distinct(p.locations.clone()));
            assert!(!p.locations.is_empty());
            assert!(p.planned_start < p.planned_end);
        }
        for p in &plan.partnerships {
            assert!((2..=4).contains(&p.members.len()));
            assert!(distinct(p.members.iter().map(|x| x.0).collect()));
        }
        for e in &plan.events {
            assert!(e.participants.len() >= 2);
            assert_eq!(e.participants[0].1, EventRole::Organiser);
            assert!(distinct(e.participants.iter().map(|x| x.0).collect()));
            assert!(e.territory.is_some() != e.place_in_france.is_some());
        }
        for x in &plan.exchanges {
            assert!(x.parties.iter().any(|p| p.1 == ExchangePartySide::Provider));
            assert!(
                x.parties
                    .iter()
                    .any(|p| p.1 == ExchangePartySide::Beneficiary)
            );
            assert!(distinct(x.parties.iter().map(|p| p.0).collect()));
        }
        let public = plan
            .actors
            .iter()
            .filter(|a| a.sensitivity == Sensitivity::Public)
            .count();
        assert!(public * 10 > n * 8, "mostly PUBLIC: {public}");
        for kind in [
            ActorKind::Association,
            ActorKind::MoroccanLocalAuthority,
            ActorKind::FrenchLocalAuthority,
            ActorKind::Donor,
        ] {
            assert!(plan.actors.iter().any(|a| a.kind == kind), "{kind}");
        }
        // Every place seats someone.
        for place in 0..places.len() {
            assert!(plan.actors.iter().any(|a| a.seat == Some(place)));
        }
        let names: std::collections::HashSet<&str> =
            plan.actors.iter().map(|a| a.name_fr.as_str()).collect();
        assert_eq!(names.len(), n, "names are unique");
    }

    #[test]
    fn a_few_actors_take_part_in_many_projects() {
        let plan = generate(5_000, 3, &places());
        let mut degree = vec![0usize; plan.actors.len()];
        for p in &plan.projects {
            for (a, _) in &p.participants {
                degree[*a] += 1;
            }
        }
        degree.sort_unstable();
        let median = degree[degree.len() / 2];
        let max = degree[degree.len() - 1];
        assert!(max > 20 * median.max(1), "max {max}, median {median}");
    }
}
