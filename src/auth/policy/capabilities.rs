//! What a viewer may do, in general terms (the `me` query's permissions): derived from the
//! rules of [`super`] by asking them about a record in general — inside and outside the
//! viewer's circumscription, on and off its own actor — so they are never decided twice.

use super::{
    NO_RECORD, WriteScope, can_edit_reference_data, can_read, can_read_personal_data,
    erases_personal_data, may_write, sees_authors,
};
use crate::auth::Viewer;
use crate::domain::vocabulary::{RecordType, Sensitivity};

/// How far one of the viewer's permissions reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(name = "PermissionScope")]
pub enum Reach {
    /// Nowhere.
    None,
    /// Only the viewer's own actor (a partner's organisation) and what belongs to it.
    OwnActor,
    /// Only records that belong to the viewer's circumscription (an officer's).
    Circumscription,
    /// Every record of the network.
    All,
}

/// What a viewer may do, in general terms, derived from the rules of the policy (never
/// decided apart from them): for a client to adapt its screens, not to be enforced again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    /// The sensitivities of the records the viewer reads wherever they belong.
    pub reads: Vec<Sensitivity>,
    /// The sensitivities it reads in records of its circumscription (officers); `None` for a
    /// viewer without one.
    pub reads_in_circumscription: Option<Vec<Sensitivity>>,
    /// The sensitivities it reads on its own actor (partners); `None` for a viewer speaking
    /// for no actor.
    pub reads_own_actor: Option<Vec<Sensitivity>>,
    /// Where it reads personal data (people, private contact points, named attendees).
    pub reads_personal_data: Reach,
    /// Whether it sees who created and changed records (not only its own changes).
    pub sees_authors: bool,
    /// The kinds of record it may create or change somewhere (see `write_scope`).
    pub writes: Vec<RecordType>,
    /// Where it may write them.
    pub write_scope: Reach,
    /// Whether it may change reference data (territories, circumscription coverage).
    pub edits_reference_data: bool,
    /// Whether it may erase a person's personal data (GDPR).
    pub erases_personal_data: bool,
}

/// What `viewer` may do: each answer asks [`can_read`], [`may_write`] and the other rules
/// about a record in general, inside and outside the viewer's circumscription and actor.
pub fn capabilities(viewer: &Viewer) -> Capabilities {
    const SENSITIVITIES: [Sensitivity; 4] = [
        Sensitivity::Public,
        Sensitivity::Internal,
        Sensitivity::Restricted,
        Sensitivity::Personal,
    ];
    let reads_where = |record_type: RecordType, id: i64, circumscriptions: &[i64]| {
        SENSITIVITIES
            .into_iter()
            .filter(|s| can_read(viewer, record_type, id, *s, circumscriptions))
            .collect::<Vec<_>>()
    };
    let circumscription = viewer.circumscription_id;
    let actor = viewer.actor_id;

    let reads_personal_data = if can_read_personal_data(viewer, RecordType::Actor, NO_RECORD, &[]) {
        Reach::All
    } else if circumscription
        .is_some_and(|c| can_read_personal_data(viewer, RecordType::Actor, NO_RECORD, &[c]))
    {
        Reach::Circumscription
    } else if actor.is_some_and(|a| can_read_personal_data(viewer, RecordType::Actor, a, &[])) {
        Reach::OwnActor
    } else {
        Reach::None
    };

    let home = WriteScope {
        circumscriptions: circumscription.into_iter().collect(),
        actors: actor.into_iter().collect(),
    };
    let writes: Vec<RecordType> = RecordType::ALL
        .iter()
        .copied()
        .filter(|t| may_write(viewer, *t, &home).is_ok())
        .collect();
    let writes_in =
        |scope: &WriteScope| writes.iter().any(|t| may_write(viewer, *t, scope).is_ok());
    let write_scope = if writes_in(&WriteScope::default()) {
        Reach::All
    } else if circumscription.is_some_and(|c| {
        writes_in(&WriteScope {
            circumscriptions: vec![c],
            actors: Vec::new(),
        })
    }) {
        Reach::Circumscription
    } else if actor.is_some_and(|a| {
        writes_in(&WriteScope {
            circumscriptions: Vec::new(),
            actors: vec![a],
        })
    }) {
        Reach::OwnActor
    } else {
        Reach::None
    };

    Capabilities {
        reads: reads_where(RecordType::Project, NO_RECORD, &[]),
        reads_in_circumscription: circumscription
            .map(|c| reads_where(RecordType::Project, NO_RECORD, &[c])),
        reads_own_actor: actor.map(|a| reads_where(RecordType::Actor, a, &[])),
        reads_personal_data,
        sees_authors: sees_authors(viewer),
        writes,
        write_scope,
        edits_reference_data: can_edit_reference_data(viewer),
        erases_personal_data: erases_personal_data(viewer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    fn viewer(role: Role) -> Viewer {
        Viewer::sample(role)
    }

    #[test]
    fn capabilities_of_each_role() {
        use RecordType as T;
        use Sensitivity::*;

        let anonymous = capabilities(&Viewer::anonymous());
        assert_eq!(
            anonymous,
            Capabilities {
                reads: vec![Public],
                reads_in_circumscription: None,
                reads_own_actor: None,
                reads_personal_data: Reach::None,
                sees_authors: false,
                writes: vec![],
                write_scope: Reach::None,
                edits_reference_data: false,
                erases_personal_data: false,
            }
        );

        let partner = capabilities(&Viewer {
            circumscription: None,
            circumscription_id: None,
            ..viewer(Role::Partner)
        });
        assert_eq!(
            partner,
            Capabilities {
                reads: vec![Public, Internal],
                reads_in_circumscription: None,
                reads_own_actor: Some(vec![Public, Internal, Restricted, Personal]),
                reads_personal_data: Reach::OwnActor,
                sees_authors: false,
                writes: vec![T::Actor, T::Application, T::Person],
                write_scope: Reach::OwnActor,
                edits_reference_data: false,
                erases_personal_data: false,
            }
        );

        let officer = capabilities(&Viewer {
            actor_id: None,
            ..viewer(Role::Officer)
        });
        assert_eq!(
            officer,
            Capabilities {
                reads: vec![Public, Internal],
                reads_in_circumscription: Some(vec![Public, Internal, Restricted, Personal]),
                reads_own_actor: None,
                reads_personal_data: Reach::Circumscription,
                sees_authors: false,
                writes: vec![T::Actor, T::Project, T::Event, T::Exchange, T::Person],
                write_scope: Reach::Circumscription,
                edits_reference_data: false,
                erases_personal_data: false,
            }
        );

        let everything = vec![Public, Internal, Restricted, Personal];
        let coordinator = capabilities(&Viewer {
            circumscription: None,
            circumscription_id: None,
            actor_id: None,
            ..viewer(Role::Coordinator)
        });
        assert_eq!(coordinator.reads, everything);
        assert_eq!(coordinator.reads_personal_data, Reach::All);
        assert!(coordinator.sees_authors);
        assert_eq!(coordinator.write_scope, Reach::All);
        assert_eq!(
            coordinator.writes,
            RecordType::ALL
                .iter()
                .copied()
                .filter(|t| !matches!(t, T::Territory | T::Circumscription))
                .collect::<Vec<_>>()
        );
        assert!(!coordinator.edits_reference_data && !coordinator.erases_personal_data);

        let admin = capabilities(&Viewer {
            circumscription: None,
            circumscription_id: None,
            actor_id: None,
            ..viewer(Role::Admin)
        });
        assert_eq!(admin.reads, everything);
        assert_eq!(admin.writes, RecordType::ALL.to_vec());
        assert_eq!(admin.write_scope, Reach::All);
        assert!(admin.edits_reference_data && admin.erases_personal_data && admin.sees_authors);
    }
}
