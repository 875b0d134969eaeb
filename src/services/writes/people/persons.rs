//! Creating and changing a person (names, function, organisation).

use sea_orm::{ActiveModelTrait, ActiveValue, EntityTrait, Set};
use serde::Serialize;
use serde_json::json;

use super::super::super::validate::{self, NAME_MAX, SHORT_MAX};
use super::super::super::write::{Begun, Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::read::{circumscriptions_of_person, may_read_person};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::{actor, person};
use crate::error::{AppError, AppResult};

/// A new person, as received (validated by [`create`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewPerson {
    pub given_name: String,
    pub family_name: String,
    pub function: Option<String>,
    pub organisation_id: Option<i64>,
}

/// A change to a person: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct PersonPatch {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub function: Option<Option<String>>,
    pub organisation_id: Option<Option<i64>>,
}

impl PersonPatch {
    /// The names of the fields this patch changes (the activity entry carries no values).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        if self.given_name.is_some() {
            fields.push("givenName");
        }
        if self.family_name.is_some() {
            fields.push("familyName");
        }
        if self.function.is_some() {
            fields.push("function");
        }
        if self.organisation_id.is_some() {
            fields.push("organisation");
        }
        fields
    }
}

/// Records a person; answers their id.
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewPerson) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let given = validate::required_text("input.givenName", &new.given_name, SHORT_MAX)?;
    let family = validate::required_text("input.familyName", &new.family_name, SHORT_MAX)?;
    let function = validate::optional_text("input.function", new.function.as_deref(), NAME_MAX)?;
    let organisation = match new.organisation_id {
        Some(id) => Some(super::super::actor(&w, id, "input.organisation").await?),
        None => None,
    };
    let territories: Vec<i64> = organisation
        .as_ref()
        .and_then(|o| o.seat_territory_id)
        .into_iter()
        .collect();
    let circumscriptions = scope::circumscriptions_of(w.txn(), &territories).await?;
    let actors: Vec<i64> = organisation.as_ref().map(|o| o.id).into_iter().collect();
    policy::may_write(
        &svc.viewer,
        RecordType::Person,
        &WriteScope {
            circumscriptions: circumscriptions.clone(),
            actors: actors.clone(),
        },
    )?;
    let mut fields = vec!["givenName", "familyName"];
    if function.is_some() {
        fields.push("function");
    }
    if organisation.is_some() {
        fields.push("organisation");
    }
    let created = person::ActiveModel {
        given_name: Set(given),
        family_name: Set(family),
        function: Set(function),
        organisation_id: Set(organisation.map(|o| o.id)),
        erased_at: Set(None),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    scope::set_record_circumscriptions(w.txn(), RecordType::Person, created.id, &circumscriptions)
        .await?;
    w.log(
        Entry::new(
            ActivityKind::PersonAdded,
            RecordType::Person,
            created.id,
            Sensitivity::Personal,
        )
        .actors(actors)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "fields": fields })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Applies a patch to a person, bumping their version from `expected_version`.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: PersonPatch,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let before = circumscriptions_of_person(w.txn(), current.organisation_id).await?;
    let old_actors: Vec<i64> = current.organisation_id.into_iter().collect();
    policy::may_write(
        &svc.viewer,
        RecordType::Person,
        &WriteScope {
            circumscriptions: before.clone(),
            actors: old_actors.clone(),
        },
    )?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<person::Entity>(id, expected_version, "person")
        .await?;
    let mut row: person::ActiveModel = current.into();
    if let Some(given) = &patch.given_name {
        row.given_name = Set(validate::required_text(
            "input.givenName",
            given,
            SHORT_MAX,
        )?);
    }
    if let Some(family) = &patch.family_name {
        row.family_name = Set(validate::required_text(
            "input.familyName",
            family,
            SHORT_MAX,
        )?);
    }
    if let Some(function) = &patch.function {
        row.function = Set(validate::optional_text(
            "input.function",
            function.as_deref(),
            NAME_MAX,
        )?);
    }
    let mut new_actors = old_actors.clone();
    if let Some(organisation) = patch.organisation_id {
        let organisation: Option<actor::Model> = match organisation {
            Some(org) => Some(super::super::actor(&w, org, "input.organisation").await?),
            None => None,
        };
        new_actors = organisation.as_ref().map(|o| o.id).into_iter().collect();
        row.organisation_id = Set(organisation.map(|o| o.id));
    }
    // The version and audit columns were set by the guarded bump; keep them.
    row.version = ActiveValue::NotSet;
    row.updated_at = ActiveValue::NotSet;
    row.updated_by = ActiveValue::NotSet;
    row.update(w.txn()).await?;
    let (territories, circumscriptions) = scope::recompute(w.txn(), RecordType::Person, id).await?;
    if circumscriptions != before || new_actors != old_actors {
        // Moving a person to another organisation: the viewer must be allowed there too.
        policy::may_write(
            &svc.viewer,
            RecordType::Person,
            &WriteScope {
                circumscriptions: circumscriptions.clone(),
                actors: new_actors.clone(),
            },
        )?;
    }
    let mut all_circumscriptions = circumscriptions;
    all_circumscriptions.extend(before);
    w.log(
        Entry::new(
            ActivityKind::PersonUpdated,
            RecordType::Person,
            id,
            Sensitivity::Personal,
        )
        .actors(old_actors.into_iter().chain(new_actors))
        .territories(territories)
        .circumscriptions(all_circumscriptions)
        .details(json!({ "fields": fields })),
    );
    w.commit(id).await
}

/// The person `id` as stored, if the viewer may read them and they were not erased (an
/// unreadable person is NOT_FOUND, as an unknown one).
pub(super) async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<person::Model> {
    let found = person::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such person".to_owned()))?;
    let circs = circumscriptions_of_person(w.txn(), found.organisation_id).await?;
    if !may_read_person(&w.svc().viewer, id, found.organisation_id, &circs) {
        return Err(AppError::NotFound("no such person".to_owned()));
    }
    if found.erased_at.is_some() {
        return Err(AppError::bad_input(
            "input.id",
            "this person's personal data was erased",
        ));
    }
    Ok(found)
}
