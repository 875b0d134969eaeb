//! The Relay `Node` interface and global-ID lookups.

use async_graphql::{Context, Interface};

use super::actor::{
    Academic, Actor, Association, Consulate, DevelopmentAgency, Donor, EmbassyService,
    FrenchLocalAuthority, InstitutFrancais, Ministry, MoroccanLocalAuthority, NationalInstitution,
    Network, OtherActor,
};
use super::circumscription::Circumscription;
use super::project::Project;
use super::territory::Territory;
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::load_many;
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
            NodeKind::Partnership => None,
            NodeKind::Event => None,
            NodeKind::Exchange => None,
            NodeKind::Call => None,
            NodeKind::Application => None,
            NodeKind::Fund => None,
            NodeKind::FundAllocation => None,
            NodeKind::Activity => None,
        })
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
