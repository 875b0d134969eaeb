//! The Relay `Node` interface and global-ID lookups.

use async_graphql::{Context, Interface};

use super::activity::Activity;
use super::actor::{
    Academic, Actor, Association, Consulate, DevelopmentAgency, Donor, EmbassyService,
    FrenchLocalAuthority, InstitutFrancais, Ministry, MoroccanLocalAuthority, NationalInstitution,
    Network, OtherActor,
};
use super::application::Application;
use super::call::Call;
use super::circumscription::Circumscription;
use super::event::Event;
use super::exchange::Exchange;
use super::fund::Fund;
use super::fund_allocation::FundAllocation;
use super::partnership::Partnership;
use super::person::Person;
use super::project::Project;
use super::territory::Territory;
use crate::graphql::loaders::activity::ActivityById;
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::calls::{ApplicationById, CallById};
use crate::graphql::loaders::events::EventById;
use crate::graphql::loaders::exchanges::ExchangeById;
use crate::graphql::loaders::funds::{FundAllocationById, FundById};
use crate::graphql::loaders::load_many;
use crate::graphql::loaders::partnerships::PartnershipById;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::loaders::reference::{CircumscriptionById, TerritoryById};
use crate::graphql::relay::{GlobalId, NodeKind};

/// An object with a global ID, which `node(id:)` can fetch again.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "async_graphql::ID",
    desc = "The global ID of the object."
))]
pub enum Node {
    Project(Project),
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

    Territory(Territory),
    Circumscription(Circumscription),

    Partnership(Partnership),
    Event(Event),
    Exchange(Exchange),

    Call(Call),
    Application(Application),
    Fund(Fund),
    FundAllocation(FundAllocation),
    Activity(Activity),
    Person(Person),
}

/// Fetches the objects named by `ids`, in order; `None` for an unknown or invisible one (the
/// loaders apply the viewer's visibility). Each kind goes through its DataLoader, so a mixed
/// list costs one query per kind.
pub async fn load_nodes(
    ctx: &Context<'_>,
    ids: &[GlobalId],
) -> async_graphql::Result<Vec<Option<Node>>> {
    let of_kind = |kind: NodeKind| ids.iter().filter(move |g| g.kind == kind).map(|g| g.id);
    let territories = load_many::<_, TerritoryById>(ctx, of_kind(NodeKind::Territory)).await?;
    let circumscriptions =
        load_many::<_, CircumscriptionById>(ctx, of_kind(NodeKind::Circumscription)).await?;
    let actors = load_many::<_, ActorById>(ctx, of_kind(NodeKind::Actor)).await?;
    let projects = load_many::<_, ProjectById>(ctx, of_kind(NodeKind::Project)).await?;
    let partnerships = load_many::<_, PartnershipById>(ctx, of_kind(NodeKind::Partnership)).await?;
    let events = load_many::<_, EventById>(ctx, of_kind(NodeKind::Event)).await?;
    let exchanges = load_many::<_, ExchangeById>(ctx, of_kind(NodeKind::Exchange)).await?;
    let calls = load_many::<_, CallById>(ctx, of_kind(NodeKind::Call)).await?;
    let applications = load_many::<_, ApplicationById>(ctx, of_kind(NodeKind::Application)).await?;
    let funds = load_many::<_, FundById>(ctx, of_kind(NodeKind::Fund)).await?;
    let allocations =
        load_many::<_, FundAllocationById>(ctx, of_kind(NodeKind::FundAllocation)).await?;
    let activities = load_many::<_, ActivityById>(ctx, of_kind(NodeKind::Activity)).await?;
    let people = load_people(ctx, of_kind(NodeKind::Person)).await?;
    Ok(ids
        .iter()
        .map(|id| match id.kind {
            NodeKind::Actor => actors
                .get(&id.id)
                .cloned()
                .map(|a| Node::from(Actor::from(a))),
            NodeKind::Territory => territories
                .get(&id.id)
                .cloned()
                .map(|t| Node::Territory(t.into())),
            NodeKind::Circumscription => circumscriptions
                .get(&id.id)
                .cloned()
                .map(|c| Node::Circumscription(c.into())),
            NodeKind::Project => projects
                .get(&id.id)
                .cloned()
                .map(|p| Node::Project(p.into())),
            // Each kind below gets its arm when its type lands.
            NodeKind::Partnership => partnerships
                .get(&id.id)
                .cloned()
                .map(|p| Node::Partnership(p.into())),
            NodeKind::Event => events.get(&id.id).cloned().map(|e| Node::Event(e.into())),
            NodeKind::Exchange => exchanges
                .get(&id.id)
                .cloned()
                .map(|e| Node::Exchange(e.into())),
            NodeKind::Call => calls.get(&id.id).cloned().map(|c| Node::Call(c.into())),
            NodeKind::Application => applications
                .get(&id.id)
                .cloned()
                .map(|a| Node::Application(a.into())),
            NodeKind::Fund => funds.get(&id.id).cloned().map(|f| Node::Fund(f.into())),
            NodeKind::FundAllocation => allocations
                .get(&id.id)
                .cloned()
                .map(|a| Node::FundAllocation(a.into())),
            NodeKind::Activity => activities
                .get(&id.id)
                .cloned()
                .map(|a| Node::Activity(a.into())),
            NodeKind::Person => people.get(&id.id).cloned().map(Node::Person),
            // Contact points are read with their owner, not alone.
            NodeKind::ContactPoint => None,
        })
        .collect())
}

/// The people among `ids` the viewer may read (personal data: the people service applies the
/// policy), by id; one batch whatever the number.
async fn load_people(
    ctx: &Context<'_>,
    ids: impl Iterator<Item = i64>,
) -> async_graphql::Result<std::collections::HashMap<i64, Person>> {
    let ids: Vec<i64> = ids.collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let rc = crate::graphql::context::RequestContext::of(ctx)?;
    let found = crate::services::writes::people::read::visible(&rc.svc, &ids)
        .await
        .map_err(|e| e.to_graphql())?;
    Ok(found
        .into_iter()
        .map(|r| (r.person.id, Person::from(r)))
        .collect())
}

/// Every actor type is a node (GraphQL wants the concrete types to name `Node` themselves).
impl From<Actor> for Node {
    fn from(actor: Actor) -> Self {
        match actor {
            Actor::Association(a) => Self::Association(a),
            Actor::Ministry(a) => Self::Ministry(a),
            Actor::NationalInstitution(a) => Self::NationalInstitution(a),
            Actor::MoroccanLocalAuthority(a) => Self::MoroccanLocalAuthority(a),
            Actor::FrenchLocalAuthority(a) => Self::FrenchLocalAuthority(a),
            Actor::InstitutFrancais(a) => Self::InstitutFrancais(a),
            Actor::Consulate(a) => Self::Consulate(a),
            Actor::EmbassyService(a) => Self::EmbassyService(a),
            Actor::DevelopmentAgency(a) => Self::DevelopmentAgency(a),
            Actor::Donor(a) => Self::Donor(a),
            Actor::Network(a) => Self::Network(a),
            Actor::Academic(a) => Self::Academic(a),
            Actor::OtherActor(a) => Self::OtherActor(a),
        }
    }
}
