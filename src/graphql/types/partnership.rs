//! `Partnership`: a relation between actors — decentralised cooperation, institutional
//! partnership, network membership or MOU — and the lists of partnerships seen from an actor
//! or a project (helpers for their types to expose).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::actor::circumscriptions;
use super::circumscription::Circumscription;
use super::common::{Date, DateTime, Lang, Names};
use super::partnership_parts::{
    Agreement, PartnershipMember, PartnershipMemberConnection, PartnershipMembership,
    PartnershipMembershipConnection,
};
use super::project::{Project, ProjectConnection};
use crate::domain::vocabulary::{
    DatePrecision, PartnershipKind, PartnershipStatus, Sensitivity, Theme,
};
use crate::entities::partnership;
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::partnerships::{
    ActorMembershipCount, ActorMemberships, PartnershipAgreements, PartnershipById,
    PartnershipCircumscriptions, PartnershipMemberCount, PartnershipMembers,
    PartnershipProjectCount, PartnershipProjects, PartnershipThemes, ProjectPartnershipCount,
    ProjectPartnerships,
};
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::loaders::{load_many, load_one};
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};
use crate::services::pagination::Page;

/// A partnership between actors: decentralised cooperation between French and Moroccan local
/// authorities, an institutional partnership, a network membership or an MOU.
#[derive(Debug, Clone)]
pub struct Partnership {
    record: Arc<partnership::Model>,
    titles: Names,
    descriptions: Names,
}

impl From<partnership::Model> for Partnership {
    fn from(m: partnership::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            descriptions: Names::new(m.description_fr.clone(), None, None),
            record: Arc::new(m),
        }
    }
}

impl Partnership {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// A partnership between actors: decentralised cooperation between French and Moroccan local
/// authorities, an institutional partnership, a network membership or an MOU.
#[Object]
impl Partnership {
    /// The global ID of this partnership.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Partnership, self.record.id).encode()
    }

    /// What binds the members.
    async fn kind(&self) -> PartnershipKind {
        self.record.kind
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// A description in `lang`, falling back to French, then Arabic, then English.
    async fn description(
        &self,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> Option<String> {
        self.descriptions.get(lang).map(str::to_owned)
    }

    /// Where the partnership stands.
    async fn status(&self) -> PartnershipStatus {
        self.record.status
    }

    /// Since when the partnership is in force; read with `validFromPrecision` (a year-only
    /// date is stored as its first of January).
    async fn valid_from(&self) -> Option<Date> {
        self.record.valid_from.map(Date)
    }

    /// How precise `validFrom` is (YEAR, MONTH or DAY).
    async fn valid_from_precision(&self) -> Option<DatePrecision> {
        self.record.valid_from_precision
    }

    /// Until when the partnership is in force; read with `validToPrecision`.
    async fn valid_to(&self) -> Option<Date> {
        self.record.valid_to.map(Date)
    }

    /// How precise `validTo` is (YEAR, MONTH or DAY).
    async fn valid_to_precision(&self) -> Option<DatePrecision> {
        self.record.valid_to_precision
    }

    /// The pole's themes the partnership works on.
    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(load_one::<_, PartnershipThemes>(ctx, self.record.id)
            .await?
            .unwrap_or_default())
    }

    /// The member actors with their side and role, French side first; members the viewer
    /// may not see are left out (and not counted).
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<PartnershipMemberConnection> {
        let key = NestedKey {
            parent: self.record.id,
            args: NestedPage::from_args(first, after)?,
        };
        let (page, total) = page_and_total::<PartnershipMembers, PartnershipMemberCount, _, _, _>(
            ctx,
            key,
            self.record.id,
        )
        .await?;
        Ok(PartnershipMemberConnection(ConnectionData::from_page(
            page,
            total,
            PartnershipMember::from,
        )))
    }

    /// The agreements signed within the partnership, oldest first.
    async fn agreements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Agreement>> {
        Ok(load_one::<_, PartnershipAgreements>(ctx, self.record.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Agreement::from)
            .collect())
    }

    /// The projects carried out within the partnership; those the viewer may not see are
    /// left out (and not counted).
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<ProjectConnection> {
        let key = NestedKey {
            parent: self.record.id,
            args: NestedPage::from_args(first, after)?,
        };
        let (page, total) =
            page_and_total::<PartnershipProjects, PartnershipProjectCount, _, _, _>(
                ctx,
                key,
                self.record.id,
            )
            .await?;
        let found =
            load_many::<_, ProjectById>(ctx, page.items.iter().map(|(_, l)| l.project_id)).await?;
        let page = join_page(page, |l| l.project_id, &found);
        Ok(ProjectConnection(ConnectionData::from_page(
            page,
            total,
            Project::from,
        )))
    }

    /// The consular circumscriptions the partnership belongs to, derived from its members'
    /// seats.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        let ids = load_one::<_, PartnershipCircumscriptions>(ctx, self.record.id)
            .await?
            .unwrap_or_default();
        circumscriptions(ctx, ids).await
    }

    /// Where the information comes from (a document, a web page, a meeting).
    async fn source(&self) -> Option<&str> {
        self.record.source.as_deref()
    }

    /// Who asserted the partnership (a person, a service or "public sources").
    async fn asserted_by(&self) -> Option<&str> {
        self.record.asserted_by.as_deref()
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Whether the partnership is archived (kept for history, left out of lists by default).
    async fn archived(&self) -> bool {
        self.record.archived_at.is_some()
    }

    /// Increases with every change (including to its members); pass it as `expectedVersion`
    /// to update.
    async fn version(&self) -> i32 {
        self.record.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.record.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.record.updated_at)
    }

    /// Who created the record (token subject); shown to coordinators, admins and the author.
    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.created_by.as_deref())
    }

    /// Who last changed the record (token subject); shown to coordinators, admins and the
    /// author.
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.updated_by.as_deref())
    }
}

connection!(
    PartnershipConnection,
    PartnershipEdge,
    Partnership,
    "partnerships"
);

/// The items of `page` replaced by what `found` (loaded by id) holds for them, leaving out
/// any that did not load (a record that became invisible between the two reads).
pub(crate) fn join_page<M, V: Clone>(
    page: Page<M>,
    id_of: impl Fn(&M) -> i64,
    found: &HashMap<i64, V>,
) -> Page<V> {
    Page {
        items: page
            .items
            .into_iter()
            .filter_map(|(cursor, item)| found.get(&id_of(&item)).map(|v| (cursor, v.clone())))
            .collect(),
        has_next: page.has_next,
        has_previous: page.has_previous,
    }
}

/// `Actor.partnerships`: the partnerships an actor is a member of, with its side and role,
/// in the order the memberships were recorded. Partnerships the viewer may not see, and
/// archived ones, are left out (and not counted).
pub async fn actor_partnerships(
    ctx: &Context<'_>,
    actor_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PartnershipMembershipConnection> {
    let key = NestedKey {
        parent: actor_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ActorMemberships, ActorMembershipCount, _, _, _>(ctx, key, actor_id)
            .await?;
    Ok(PartnershipMembershipConnection(ConnectionData::from_page(
        page,
        total,
        PartnershipMembership::from,
    )))
}

/// `Project.partnerships`: the partnerships a project is carried out within, by partnership
/// id. Partnerships the viewer may not see, and archived ones, are left out (and not counted).
pub async fn project_partnerships(
    ctx: &Context<'_>,
    project_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PartnershipConnection> {
    let key = NestedKey {
        parent: project_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) = page_and_total::<ProjectPartnerships, ProjectPartnershipCount, _, _, _>(
        ctx, key, project_id,
    )
    .await?;
    let found =
        load_many::<_, PartnershipById>(ctx, page.items.iter().map(|(_, l)| l.partnership_id))
            .await?;
    let page = join_page(page, |l| l.partnership_id, &found);
    Ok(PartnershipConnection(ConnectionData::from_page(
        page,
        total,
        Partnership::from,
    )))
}
