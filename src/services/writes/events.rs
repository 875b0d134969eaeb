//! Writing events: schedule (create), update (a patch), archive and restore; the participants
//! and attendees are in [`attendance`]. Events are never deleted.
//!
//! Decisions:
//! - An event is held either in a Moroccan territory or at a place in France — exactly one of
//!   the two (an event with neither could not be placed on the map nor in a circumscription).
//! - Its circumscriptions are derived by [`scope::recompute`] inside the write transaction
//!   (its territory's, or for an event in France its Moroccan participants'), and the write
//!   rule is checked against what was derived, before commit: one derivation rule (DESIGN §5)
//!   for reads and writes, and a refusal rolls everything back.
//! - PERSONAL is for persons' data: an event is PUBLIC, INTERNAL (the default) or RESTRICTED.
//! - A restore is logged as EVENT_UPDATED (the vocabulary has no EVENT_RESTORED) with
//!   `{"restored": true}`.

pub mod attendance;
pub(super) mod fields;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;
use serde_json::json;

use self::fields::{apply_patch, record_sensitivity};
use super::super::validate;
use super::super::write::{Begun, Entry, Writer};
use super::super::{ServiceContext, scope};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, EventKind, EventRole, RecordType, Sensitivity};
use crate::entities::{event, event_participant};
use crate::error::{AppError, AppResult};

/// Most participating actors an event may be created with.
pub const MAX_PARTICIPANTS: usize = 200;

/// A new event, as received (validated by [`create`]). Its JSON is the idempotency fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct NewEvent {
    pub kind: EventKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    /// In French (the only language the table keeps).
    pub description: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Territory code, for an event in Morocco.
    pub territory: Option<String>,
    pub place_in_france: Option<String>,
    pub project_id: Option<i64>,
    pub sensitivity: Option<Sensitivity>,
    /// (actor id, role), in the order given.
    pub participants: Vec<(i64, EventRole)>,
}

/// A change to an event: `None` keeps a field, `Some(None)` clears it, `Some(Some(v))` sets it.
#[derive(Debug, Clone, Default)]
pub struct EventPatch {
    pub kind: Option<EventKind>,
    pub title_fr: Option<String>,
    pub title_ar: Option<Option<String>>,
    pub title_en: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<Option<DateTime<Utc>>>,
    pub territory: Option<Option<String>>,
    pub place_in_france: Option<Option<String>>,
    pub project_id: Option<Option<i64>>,
    pub sensitivity: Option<Sensitivity>,
}

impl EventPatch {
    /// The names of the fields this patch changes (for the activity entry; no values).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() { fields.push($name); } )+
            };
        }
        note!(
            kind => "kind", title_fr => "title", title_ar => "title", title_en => "title",
            description => "description", starts_at => "startsAt", ends_at => "endsAt",
            territory => "territory", place_in_france => "placeInFrance",
            project_id => "project", sensitivity => "sensitivity",
        );
        fields.dedup();
        fields
    }
}

/// Schedules an event; answers its id.
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewEvent) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let sensitivity = record_sensitivity(new.sensitivity)?;
    let mut row = event::ActiveModel {
        kind: Set(new.kind),
        sensitivity: Set(sensitivity),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        archived_at: Set(None),
        ..Default::default()
    };
    let patch = EventPatch {
        kind: None,
        title_fr: Some(new.title_fr),
        title_ar: Some(new.title_ar),
        title_en: Some(new.title_en),
        description: Some(new.description),
        starts_at: Some(new.starts_at),
        ends_at: Some(new.ends_at),
        territory: Some(new.territory),
        place_in_france: Some(new.place_in_france),
        project_id: Some(new.project_id),
        sensitivity: None,
    };
    apply_patch(&w, &mut row, &patch).await?;
    let participants = checked_participants(&w, &new.participants).await?;
    let created = row.insert(w.txn()).await?;
    if !participants.is_empty() {
        event_participant::Entity::insert_many(participants.iter().map(|(actor, role)| {
            event_participant::ActiveModel {
                event_id: Set(created.id),
                actor_id: Set(*actor),
                role: Set(*role),
                ..Default::default()
            }
        }))
        .exec(w.txn())
        .await?;
    }
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Event, created.id).await?;
    may_write(&w, &circumscriptions)?;
    w.log(
        Entry::new(
            ActivityKind::EventScheduled,
            RecordType::Event,
            created.id,
            sensitivity,
        )
        .actors(participants.iter().map(|(actor, _)| *actor))
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "kind": new.kind })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Applies a patch to an event, bumping its version from `expected_version`.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: EventPatch,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let before = scope::recorded(w.txn(), RecordType::Event, id).await?;
    may_write(&w, &before)?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<event::Entity>(id, expected_version, "event")
        .await?;
    let mut row: event::ActiveModel = current.into();
    apply_patch(&w, &mut row, &patch).await?;
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(record_sensitivity(Some(sensitivity))?);
    }
    let updated = w.save_patched(row).await?;
    let (territories, circumscriptions) = scope::recompute(w.txn(), RecordType::Event, id).await?;
    if circumscriptions != before {
        // Moving an event: the viewer must also be allowed where it lands.
        may_write(&w, &circumscriptions)?;
    }
    let actors = participant_actors(&w, id).await?;
    w.log(
        Entry::new(
            ActivityKind::EventUpdated,
            RecordType::Event,
            id,
            updated.sensitivity,
        )
        .actors(actors)
        .territories(territories)
        .circumscriptions(circumscriptions.into_iter().chain(before))
        .details(json!({ "fields": fields })),
    );
    w.commit(id).await
}

/// Archives (`archive = true`, e.g. an event called off) or restores an event.
pub async fn set_archived(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    archive: bool,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Event, id).await?;
    may_write(&w, &circumscriptions)?;
    w.set_archived::<event::Entity>(
        id,
        Some(expected_version),
        archive,
        current.archived_at.is_some(),
        "event",
    )
    .await?;
    let (kind, details) = if archive {
        (ActivityKind::EventArchived, serde_json::Value::Null)
    } else {
        (ActivityKind::EventUpdated, json!({ "restored": true }))
    };
    let actors = participant_actors(&w, id).await?;
    w.log(
        Entry::new(kind, RecordType::Event, id, current.sensitivity)
            .actors(actors)
            .territories(current.territory_id)
            .circumscriptions(circumscriptions)
            .details(details),
    );
    w.commit(id).await
}

/// The event as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<event::Model> {
    event::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such event".to_owned()))
}

/// The event `id` as stored, if the viewer may see it (an invisible event is NOT_FOUND, as an
/// unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<event::Model> {
    event::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Event,
            event::Column::Sensitivity,
            event::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such event".to_owned()))
}

/// The write rule for an event belonging to `circumscriptions`.
fn may_write(w: &Writer<'_>, circumscriptions: &[i64]) -> AppResult<()> {
    policy::may_write(
        &w.svc().viewer,
        RecordType::Event,
        &WriteScope {
            circumscriptions: circumscriptions.to_vec(),
            actors: Vec::new(),
        },
    )
}

/// The actors taking part in the event (each once), for the activity entry.
async fn participant_actors(w: &Writer<'_>, id: i64) -> AppResult<Vec<i64>> {
    Ok(event_participant::Entity::find()
        .select_only()
        .column(event_participant::Column::ActorId)
        .filter(event_participant::Column::EventId.eq(id))
        .into_tuple()
        .all(w.txn())
        .await?)
}

/// Validates a create's participants: at most [`MAX_PARTICIPANTS`], each actor known,
/// visible and not archived, never the same actor twice in the same role.
async fn checked_participants(
    w: &Writer<'_>,
    participants: &[(i64, EventRole)],
) -> AppResult<Vec<(i64, EventRole)>> {
    validate::max_items("input.participants", participants.len(), MAX_PARTICIPANTS)?;
    validate::no_duplicates(
        participants.iter().copied(),
        |i| format!("input.participants[{i}].actor"),
        "this actor in this role",
    )?;
    let ids: Vec<i64> = participants.iter().map(|(actor, _)| *actor).collect();
    super::actors(w, &ids, |i| format!("input.participants[{i}].actor")).await?;
    Ok(participants.to_vec())
}
