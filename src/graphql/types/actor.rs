//! `Actor`: an organisation of the network — an interface with one concrete type per kind.

use std::sync::Arc;

use async_graphql::{Context, ID, Interface, Object};

use super::application::{ApplicationConnection, actor_applications};
use super::circumscription::Circumscription;
use super::collaborator::{CollaboratorConnection, LinkKind, collaborator_connection};
use super::common::{Date, DateTime, Lang, Names};
use super::event::{EventParticipationConnection, actor_events};
use super::exchange::{ExchangeConnection, actor_exchanges};
use super::participation::{ProjectParticipationConnection, participation_connection};
use super::partnership::actor_partnerships;
use super::partnership_parts::PartnershipMembershipConnection;
use super::person::{ContactPoint, PersonConnection, actor_contact_points, actor_people};
use super::territory::Territory;
use crate::domain::vocabulary::{
    ActorKind, Country, EventRole, InstituteSiteKind, LocalAuthorityLevel, ParticipantRole,
    Sensitivity, Theme,
};
use crate::entities::actor;
use crate::graphql::inputs::exchanges::ExchangeDirection;
use crate::graphql::loaders::actors::{ActorById, ActorCircumscriptions, ActorThemes};
use crate::graphql::loaders::projects::{ActorProjectCounts, ActorProjects};
use crate::graphql::loaders::reference::{CircumscriptionById, TerritoryById};
use crate::graphql::loaders::{load_many, load_one};
use crate::graphql::relay::{GlobalId, NodeKind, connection};

/// What every actor type holds: the stored record, kept private — each resolver chooses what
/// it exposes.
#[derive(Debug, Clone)]
pub struct ActorData {
    record: Arc<actor::Model>,
    names: Names,
    descriptions: Names,
}

impl ActorData {
    fn new(m: actor::Model) -> Self {
        Self {
            names: Names::new(m.name_fr.clone(), m.name_ar.clone(), m.name_en.clone()),
            descriptions: Names::new(
                m.description_fr.clone(),
                m.description_ar.clone(),
                m.description_en.clone(),
            ),
            record: Arc::new(m),
        }
    }

    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }

    async fn seat(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        territory(ctx, self.record.seat_territory_id).await
    }

    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        match self.record.parent_id {
            Some(id) => Ok(load_one::<_, ActorById>(ctx, id).await?.map(Actor::from)),
            None => Ok(None),
        }
    }

    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        let ids = load_one::<_, ActorCircumscriptions>(ctx, self.record.id)
            .await?
            .unwrap_or_default();
        circumscriptions(ctx, ids).await
    }

    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(load_one::<_, ActorThemes>(ctx, self.record.id)
            .await?
            .unwrap_or_default())
    }
}

async fn territory(ctx: &Context<'_>, id: Option<i64>) -> async_graphql::Result<Option<Territory>> {
    match id {
        Some(id) => Ok(load_one::<_, TerritoryById>(ctx, id)
            .await?
            .map(Territory::from)),
        None => Ok(None),
    }
}

/// The circumscriptions with these ids, in the given order.
pub async fn circumscriptions(
    ctx: &Context<'_>,
    ids: Vec<i64>,
) -> async_graphql::Result<Vec<Circumscription>> {
    let loaded = load_many::<_, CircumscriptionById>(ctx, ids.iter().copied()).await?;
    Ok(ids
        .iter()
        .filter_map(|id| loaded.get(id).cloned().map(Circumscription::from))
        .collect())
}

/// Declares one concrete actor type: the fields every actor has, then `$extra`.
macro_rules! actor_type {
    ($name:ident, $doc:literal, { $($extra:tt)* }) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name(pub ActorData);

        #[doc = $doc]
        #[Object]
        impl $name {
            /// The global ID of this actor.
            pub async fn id(&self) -> ID {
                GlobalId::new(NodeKind::Actor, self.0.record.id).encode()
            }
            /// The kind of organisation.
            pub async fn kind(&self) -> ActorKind {
                self.0.record.kind
            }
            /// The name in `lang`, falling back to French, then Arabic, then English.
            pub async fn name(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
                self.0.names.label(lang)
            }
            /// The usual acronym (`INPPLC`, `DGCT`), if any.
            pub async fn acronym(&self) -> Option<&str> {
                self.0.record.acronym.as_deref()
            }
            /// The country the organisation belongs to.
            pub async fn country(&self) -> Country {
                self.0.record.country
            }
            /// Where the organisation is seated in Morocco, if it is.
            pub async fn seat(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
                self.0.seat(ctx).await
            }
            /// The consular circumscriptions this actor belongs to, derived from its seat
            /// (national bodies seated in Rabat belong to Rabat's).
            pub async fn circumscriptions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Circumscription>> {
                self.0.circumscriptions(ctx).await
            }
            /// The organisation this one belongs to (a ministry's directorate → the ministry).
            pub async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
                self.0.parent(ctx).await
            }
            /// The organisation's website.
            pub async fn website(&self) -> Option<&str> {
                self.0.record.website.as_deref()
            }
            /// A description in `lang`, falling back to French, then Arabic, then English.
            pub async fn description(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> Option<String> {
                self.0.descriptions.get(lang).map(str::to_owned)
            }
            /// The themes the organisation works on.
            pub async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
                self.0.themes(ctx).await
            }
            /// The IATI organisation identifier (`FR-6` for the MEAE), if known.
            pub async fn iati_ref(&self) -> Option<&str> {
                self.0.record.iati_ref.as_deref()
            }
            /// The organisation's own contact points (switchboard, generic or postal addresses
            /// …; not its people's), oldest first. Institutional ones are shown with the
            /// actor; the others are personal data, shown only to viewers who may read the
            /// actor's personal data (see `people`) and otherwise left out.
            pub async fn contact_points(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ContactPoint>> {
                actor_contact_points(ctx, self.0.record.id).await
            }
            /// The people of the organisation, in the order they were recorded (those whose
            /// data was erased left out). Personal data: listed only for viewers who may read
            /// the actor's personal data — coordinators and admins, officers of a
            /// circumscription the actor belongs to, the partner speaking for this actor;
            /// for anyone else the list is empty and `totalCount` 0.
            pub async fn people(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<PersonConnection> {
                actor_people(ctx, self.0.record.id, first, after).await
            }
            /// Who may see this record.
            pub async fn sensitivity(&self) -> Sensitivity {
                self.0.record.sensitivity
            }
            /// Whether the actor is archived (kept for history, left out of lists by default).
            pub async fn archived(&self) -> bool {
                self.0.record.archived_at.is_some()
            }
            /// Increases with every change; pass it as `expectedVersion` to update.
            pub async fn version(&self) -> i32 {
                self.0.record.version
            }
            /// When the record was created.
            pub async fn created_at(&self) -> DateTime {
                DateTime(self.0.record.created_at)
            }
            /// When the record last changed.
            pub async fn updated_at(&self) -> DateTime {
                DateTime(self.0.record.updated_at)
            }
            /// Who created the record (token subject); shown to coordinators, admins and the
            /// author.
            pub async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
                super::common::visible_author(ctx, self.0.record.created_by.as_deref())
            }
            /// Who last changed the record (token subject); shown to coordinators, admins and
            /// the author.
            pub async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
                super::common::visible_author(ctx, self.0.record.updated_by.as_deref())
            }
            /// The projects this actor takes part in, with its role in each; projects the viewer
            /// may not see are left out (and not counted).
            pub async fn projects(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only participations in this role.")] role: Option<ParticipantRole>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<ProjectParticipationConnection> {
                participation_connection::<ActorProjects, ActorProjectCounts>(ctx, self.0.record.id, role, first, after).await
            }
            /// The partnerships this actor is a member of, with its side and role.
            pub async fn partnerships(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<PartnershipMembershipConnection> {
                actor_partnerships(ctx, self.0.record.id, first, after).await
            }
            /// The events this actor takes part in, with its role in each.
            pub async fn events(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only participations in this role.")] role: Option<EventRole>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<EventParticipationConnection> {
                actor_events(ctx, self.0.record.id, role, first, after).await
            }
            /// The expertise exchanges this actor provided or received.
            pub async fn exchanges(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only exchanges it provided (PROVIDED) or received (RECEIVED).")] direction: Option<ExchangeDirection>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<ExchangeConnection> {
                actor_exchanges(ctx, self.0.record.id, direction, first, after).await
            }
            /// The applications to calls for proposals this actor made or joined.
            pub async fn applications(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<ApplicationConnection> {
                actor_applications(ctx, self.0.record.id, first, after).await
            }
            /// The actors sharing projects, partnerships, events or exchanges with this one,
            /// heaviest first (see `Collaborator.weight`), from what the viewer may see.
            pub async fn collaborators(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only through these kinds of link (default: all).")] via: Option<Vec<LinkKind>>,
                #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
                #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
            ) -> async_graphql::Result<CollaboratorConnection> {
                collaborator_connection(ctx, self.0.record.id, via, first, after).await
            }
            $($extra)*
        }
    };
}

actor_type!(
    Association,
    "A Moroccan association (civil-society organisation).",
    {
        /// The registration number (récépissé), if known.
        pub async fn registration_number(&self) -> Option<&str> {
            self.0.record.registration_number.as_deref()
        }
        /// When the association was founded.
        pub async fn founded_on(&self) -> Option<Date> {
            self.0.record.founded_on.map(Date)
        }
    }
);

actor_type!(
    Ministry,
    "A ministry, or a directorate of one (its parent is the ministry).",
    {}
);

actor_type!(
    NationalInstitution,
    "A Moroccan national institution (CNDH, INPPLC …).",
    {}
);

actor_type!(
    MoroccanLocalAuthority,
    "A Moroccan region, prefecture or province, or commune, as an organisation.",
    {
        /// Region, prefecture/province or commune.
        pub async fn level(&self) -> Option<LocalAuthorityLevel> {
            self.0.record.local_authority_level
        }
        /// The territory it governs.
        pub async fn territory(
            &self,
            ctx: &Context<'_>,
        ) -> async_graphql::Result<Option<Territory>> {
            territory(ctx, self.0.record.governed_territory_id).await
        }
    }
);

actor_type!(
    FrenchLocalAuthority,
    "A French local authority (region, département, commune or intercommunality) in decentralised cooperation.",
    {
        /// Region, département, commune or intercommunality.
        pub async fn level(&self) -> Option<LocalAuthorityLevel> {
            self.0.record.local_authority_level
        }
        /// The French region it lies in.
        pub async fn french_region(&self) -> Option<&str> {
            self.0.record.french_region.as_deref()
        }
    }
);

actor_type!(
    InstitutFrancais,
    "A site of the Institut français du Maroc (or the Alliance franco-marocaine in Safi).",
    {
        /// The city of the site.
        pub async fn city(&self) -> Option<&str> {
            self.0.record.city.as_deref()
        }
        /// A full site, an antenna, or an Alliance franco-marocaine.
        pub async fn site_kind(&self) -> Option<InstituteSiteKind> {
            self.0.record.site_kind
        }
    }
);

actor_type!(Consulate, "A French consulate general in Morocco.", {
    /// The circumscription this consulate general serves.
    pub async fn district(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Circumscription>> {
        match self.0.record.circumscription_id {
            Some(id) => Ok(circumscriptions(ctx, vec![id]).await?.pop()),
            None => Ok(None),
        }
    }
});

actor_type!(
    EmbassyService,
    "A service of the French Embassy (such as the SCAC).",
    {}
);
actor_type!(DevelopmentAgency, "A development agency (such as AFD).", {});
actor_type!(
    Donor,
    "Another donor whose activities the pole monitors (EU, UN agencies …).",
    {}
);
actor_type!(
    Network,
    "A network or association of organisations (Régions de France, Cités Unies France, the ARM …).",
    {}
);
actor_type!(Academic, "A university, school or research centre.", {});
actor_type!(OtherActor, "An organisation of another kind.", {});

/// An organisation of the network. Each kind is a type of its own with its specific fields;
/// ask for them with `... on Association { foundedOn }`.
#[derive(Interface, Debug, Clone)]
// Clippy reads the interface's field list as repeated attributes; they are distinct fields.
#[allow(clippy::duplicated_attributes)]
#[graphql(
    field(name = "id", ty = "ID", desc = "The global ID of this actor."),
    field(name = "kind", ty = "ActorKind", desc = "The kind of organisation."),
    field(
        name = "name",
        ty = "String",
        desc = "The name in `lang`, falling back to French, then Arabic, then English.",
        arg(name = "lang", ty = "Lang", default, desc = "The language wanted.")
    ),
    field(
        name = "acronym",
        ty = "Option<&str>",
        desc = "The usual acronym (`INPPLC`, `DGCT`), if any."
    ),
    field(
        name = "country",
        ty = "Country",
        desc = "The country the organisation belongs to."
    ),
    field(
        name = "seat",
        ty = "Option<Territory>",
        desc = "Where the organisation is seated in Morocco, if it is."
    ),
    field(
        name = "circumscriptions",
        ty = "Vec<Circumscription>",
        desc = "The consular circumscriptions this actor belongs to, derived from its seat."
    ),
    field(
        name = "parent",
        ty = "Option<Actor>",
        desc = "The organisation this one belongs to."
    ),
    field(
        name = "website",
        ty = "Option<&str>",
        desc = "The organisation's website."
    ),
    field(
        name = "description",
        ty = "Option<String>",
        desc = "A description in `lang`, falling back to French, then Arabic, then English.",
        arg(name = "lang", ty = "Lang", default, desc = "The language wanted.")
    ),
    field(
        name = "themes",
        ty = "Vec<Theme>",
        desc = "The themes the organisation works on."
    ),
    field(
        name = "iati_ref",
        ty = "Option<&str>",
        desc = "The IATI organisation identifier, if known."
    ),
    field(
        name = "contact_points",
        ty = "Vec<ContactPoint>",
        desc = "The organisation's own contact points (not its people's), oldest first: institutional ones with the actor, the others only for viewers who may read the actor's personal data."
    ),
    field(
        name = "people",
        ty = "PersonConnection",
        desc = "The people of the organisation, in the order they were recorded (erased ones left out). Personal data: listed only for viewers who may read the actor's personal data (coordinators, admins, officers of its circumscription, the partner speaking for it); for anyone else empty, `totalCount` 0.",
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "sensitivity",
        ty = "Sensitivity",
        desc = "Who may see this record."
    ),
    field(
        name = "archived",
        ty = "bool",
        desc = "Whether the actor is archived (left out of lists by default)."
    ),
    field(
        name = "version",
        ty = "i32",
        desc = "Increases with every change; pass it as `expectedVersion` to update."
    ),
    field(
        name = "created_at",
        ty = "DateTime",
        desc = "When the record was created."
    ),
    field(
        name = "updated_at",
        ty = "DateTime",
        desc = "When the record last changed."
    ),
    field(
        name = "created_by",
        ty = "Option<String>",
        desc = "Who created the record (token subject); shown to coordinators, admins and the author."
    ),
    field(
        name = "updated_by",
        ty = "Option<String>",
        desc = "Who last changed the record (token subject); shown to coordinators, admins and the author."
    ),
    field(
        name = "projects",
        ty = "ProjectParticipationConnection",
        desc = "The projects this actor takes part in, with its role in each; projects the viewer may not see are left out (and not counted).",
        arg(
            name = "role",
            ty = "Option<ParticipantRole>",
            desc = "Only participations in this role."
        ),
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "partnerships",
        ty = "PartnershipMembershipConnection",
        desc = "The partnerships this actor is a member of, with its side and role.",
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "events",
        ty = "EventParticipationConnection",
        desc = "The events this actor takes part in, with its role in each.",
        arg(
            name = "role",
            ty = "Option<EventRole>",
            desc = "Only participations in this role."
        ),
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "exchanges",
        ty = "ExchangeConnection",
        desc = "The expertise exchanges this actor provided or received.",
        arg(
            name = "direction",
            ty = "Option<ExchangeDirection>",
            desc = "Only exchanges it provided (PROVIDED) or received (RECEIVED)."
        ),
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "applications",
        ty = "ApplicationConnection",
        desc = "The applications to calls for proposals this actor made or joined.",
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    ),
    field(
        name = "collaborators",
        ty = "CollaboratorConnection",
        desc = "The actors sharing projects, partnerships, events or exchanges with this one, heaviest first (see `Collaborator.weight`), from what the viewer may see.",
        arg(
            name = "via",
            ty = "Option<Vec<LinkKind>>",
            desc = "Only through these kinds of link (default: all)."
        ),
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "Page size (default 20, at most 100)."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Return the items after this cursor."
        )
    )
)]
pub enum Actor {
    Association(Association),
    Ministry(Ministry),
    NationalInstitution(NationalInstitution),
    MoroccanLocalAuthority(MoroccanLocalAuthority),
    FrenchLocalAuthority(FrenchLocalAuthority),
    InstitutFrancais(InstitutFrancais),
    Consulate(Consulate),
    EmbassyService(EmbassyService),
    DevelopmentAgency(DevelopmentAgency),
    Donor(Donor),
    Network(Network),
    Academic(Academic),
    OtherActor(OtherActor),
}

impl From<actor::Model> for Actor {
    fn from(m: actor::Model) -> Self {
        let kind = m.kind;
        let data = ActorData::new(m);
        match kind {
            ActorKind::Association => Self::Association(Association(data)),
            ActorKind::Ministry => Self::Ministry(Ministry(data)),
            ActorKind::NationalInstitution => Self::NationalInstitution(NationalInstitution(data)),
            ActorKind::MoroccanLocalAuthority => {
                Self::MoroccanLocalAuthority(MoroccanLocalAuthority(data))
            }
            ActorKind::FrenchLocalAuthority => {
                Self::FrenchLocalAuthority(FrenchLocalAuthority(data))
            }
            ActorKind::InstitutFrancais => Self::InstitutFrancais(InstitutFrancais(data)),
            ActorKind::Consulate => Self::Consulate(Consulate(data)),
            ActorKind::EmbassyService => Self::EmbassyService(EmbassyService(data)),
            ActorKind::DevelopmentAgency => Self::DevelopmentAgency(DevelopmentAgency(data)),
            ActorKind::Donor => Self::Donor(Donor(data)),
            ActorKind::Network => Self::Network(Network(data)),
            ActorKind::Academic => Self::Academic(Academic(data)),
            ActorKind::Other => Self::OtherActor(OtherActor(data)),
        }
    }
}

impl Actor {
    /// The shared data of whichever kind this is.
    pub fn data(&self) -> &ActorData {
        match self {
            Self::Association(a) => &a.0,
            Self::Ministry(a) => &a.0,
            Self::NationalInstitution(a) => &a.0,
            Self::MoroccanLocalAuthority(a) => &a.0,
            Self::FrenchLocalAuthority(a) => &a.0,
            Self::InstitutFrancais(a) => &a.0,
            Self::Consulate(a) => &a.0,
            Self::EmbassyService(a) => &a.0,
            Self::DevelopmentAgency(a) => &a.0,
            Self::Donor(a) => &a.0,
            Self::Network(a) => &a.0,
            Self::Academic(a) => &a.0,
            Self::OtherActor(a) => &a.0,
        }
    }
}

connection!(ActorConnection, ActorEdge, Actor, "actors");
