//! Writing actors: create, update (a patch), archive and restore. Actors are never deleted.
//!
//! Who may: coordinators and admins any actor; officers actors seated in their
//! circumscription; partners their own actor's profile (not its sensitivity, nor archiving).

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::json;

use super::super::validate::{self, DESCRIPTION_MAX, NAME_MAX, SHORT_MAX};
use super::super::write::{Begun, Entry, Writer};
use super::super::{ServiceContext, scope};
use super::reference::recompute;
use crate::auth::Role;
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{
    ActivityKind, ActorKind, Country, InstituteSiteKind, LocalAuthorityLevel, RecordType,
    Sensitivity, Theme,
};
use crate::entities::{actor, actor_theme};
use crate::error::{AppError, AppResult};
use crate::search;

/// Most themes an actor may carry.
const MAX_THEMES: usize = 20;
/// Most aliases (former names, acronyms) an actor may carry.
const MAX_ALIASES: usize = 20;

/// A new actor, as received (validated by [`create`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewActor {
    pub kind: Option<ActorKind>,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub acronym: Option<String>,
    pub aliases: Vec<String>,
    pub country: Option<Country>,
    /// Territory code of the seat.
    pub seat: Option<String>,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    pub description_fr: Option<String>,
    pub description_ar: Option<String>,
    pub description_en: Option<String>,
    pub iati_ref: Option<String>,
    pub iati_org_type: Option<String>,
    pub sensitivity: Option<Sensitivity>,
    pub themes: Vec<Theme>,
    pub registration_number: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub local_authority_level: Option<LocalAuthorityLevel>,
    /// Territory code governed by a Moroccan local authority.
    pub governed_territory: Option<String>,
    pub french_region: Option<String>,
    pub city: Option<String>,
    pub site_kind: Option<InstituteSiteKind>,
    /// Circumscription code of a consulate.
    pub circumscription: Option<String>,
}

/// A change to an actor: `None` keeps a field, `Some(None)` clears it, `Some(Some(v))` sets it.
#[derive(Debug, Clone, Default)]
pub struct ActorPatch {
    pub name_fr: Option<String>,
    pub name_ar: Option<Option<String>>,
    pub name_en: Option<Option<String>>,
    pub acronym: Option<Option<String>>,
    pub aliases: Option<Vec<String>>,
    pub country: Option<Country>,
    pub seat: Option<Option<String>>,
    pub parent_id: Option<Option<i64>>,
    pub website: Option<Option<String>>,
    pub description_fr: Option<Option<String>>,
    pub description_ar: Option<Option<String>>,
    pub description_en: Option<Option<String>>,
    pub iati_ref: Option<Option<String>>,
    pub iati_org_type: Option<Option<String>>,
    pub sensitivity: Option<Sensitivity>,
    pub themes: Option<Vec<Theme>>,
    pub registration_number: Option<Option<String>>,
    pub founded_on: Option<Option<NaiveDate>>,
    pub local_authority_level: Option<Option<LocalAuthorityLevel>>,
    pub governed_territory: Option<Option<String>>,
    pub french_region: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub site_kind: Option<Option<InstituteSiteKind>>,
    pub circumscription: Option<Option<String>>,
}

impl ActorPatch {
    /// The names of the fields this patch changes (for the activity entry; no values).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() { fields.push($name); } )+
            };
        }
        note!(
            name_fr => "name", name_ar => "name", name_en => "name", acronym => "acronym",
            aliases => "aliases", country => "country", seat => "seat", parent_id => "parent",
            website => "website", description_fr => "description",
            description_ar => "description", description_en => "description",
            iati_ref => "iatiRef", iati_org_type => "iatiOrgType", sensitivity => "sensitivity",
            themes => "themes", registration_number => "registrationNumber",
            founded_on => "foundedOn", local_authority_level => "localAuthorityLevel",
            governed_territory => "governedTerritory", french_region => "frenchRegion",
            city => "city", site_kind => "siteKind", circumscription => "circumscription",
        );
        fields.dedup();
        fields
    }

    /// Whether only the fields a partner may edit on its own actor are changed.
    fn partner_editable(&self) -> bool {
        self.sensitivity.is_none()
            && self.parent_id.is_none()
            && self.circumscription.is_none()
            && self.country.is_none()
    }
}

/// Creates an actor; answers its id.
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewActor) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let kind = new
        .kind
        .ok_or_else(|| AppError::bad_input("input.kind", "the kind is required"))?;
    let country = new
        .country
        .ok_or_else(|| AppError::bad_input("input.country", "the country is required"))?;
    let mut row = actor::ActiveModel {
        kind: Set(kind),
        country: Set(country),
        sensitivity: Set(new.sensitivity.unwrap_or(Sensitivity::Internal)),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        archived_at: Set(None),
        ..Default::default()
    };
    let patch = ActorPatch {
        name_fr: Some(new.name_fr),
        name_ar: Some(new.name_ar),
        name_en: Some(new.name_en),
        acronym: Some(new.acronym),
        aliases: Some(new.aliases),
        country: None,
        seat: Some(new.seat),
        parent_id: Some(new.parent_id),
        website: Some(new.website),
        description_fr: Some(new.description_fr),
        description_ar: Some(new.description_ar),
        description_en: Some(new.description_en),
        iati_ref: Some(new.iati_ref),
        iati_org_type: Some(new.iati_org_type),
        sensitivity: None,
        themes: None,
        registration_number: Some(new.registration_number),
        founded_on: Some(new.founded_on),
        local_authority_level: Some(new.local_authority_level),
        governed_territory: Some(new.governed_territory),
        french_region: Some(new.french_region),
        city: Some(new.city),
        site_kind: Some(new.site_kind),
        circumscription: Some(new.circumscription),
    };
    apply_patch(&w, &mut row, &patch, kind).await?;
    let themes = checked_themes(&new.themes)?;
    let seat = row.seat_territory_id.clone().take().flatten();
    // The write rule needs where the actor will sit before anything is written.
    let territories: Vec<i64> = seat.into_iter().collect();
    let circumscriptions = scope::circumscriptions_of(w.txn(), &territories).await?;
    policy::may_write(
        &svc.viewer,
        RecordType::Actor,
        &WriteScope {
            circumscriptions: circumscriptions.clone(),
            actors: Vec::new(),
        },
    )?;
    let sensitivity = new.sensitivity.unwrap_or(Sensitivity::Internal);
    let created = row.insert(w.txn()).await?;
    replace_themes(&w, created.id, &themes).await?;
    scope::set_record_circumscriptions(w.txn(), RecordType::Actor, created.id, &circumscriptions)
        .await?;
    w.log(
        Entry::new(
            ActivityKind::ActorJoined,
            RecordType::Actor,
            created.id,
            sensitivity,
        )
        .actors([created.id])
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "kind": kind })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Applies a patch to an actor, bumping its version from `expected_version`.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: ActorPatch,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let before = scope::recorded(w.txn(), RecordType::Actor, id).await?;
    let own_actor = svc.viewer.role == Role::Partner && svc.viewer.actor_id == Some(id);
    policy::may_write(
        &svc.viewer,
        RecordType::Actor,
        &WriteScope {
            circumscriptions: before.clone(),
            actors: vec![id],
        },
    )?;
    if own_actor && !patch.partner_editable() {
        return Err(AppError::Forbidden(
            "a partner edits its actor's profile, not its sensitivity, parent, country or \
             circumscription"
                .to_owned(),
        ));
    }
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<actor::Entity>(id, expected_version, "actor")
        .await?;
    let kind = current.kind;
    let located_before = (current.seat_territory_id, current.country);
    let mut row: actor::ActiveModel = current.into();
    apply_patch(&w, &mut row, &patch, kind).await?;
    if let Some(country) = patch.country {
        row.country = Set(country);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(sensitivity);
    }
    let themes = patch.themes.as_deref().map(checked_themes).transpose()?;
    if let Some(parent) = row.parent_id.clone().take().flatten()
        && creates_cycle(&w, id, parent).await?
    {
        return Err(AppError::bad_input(
            "input.parent",
            "an actor cannot be its own ancestor",
        ));
    }
    let updated = w.save_patched(row).await?;
    if let Some(themes) = themes {
        replace_themes(&w, id, &themes).await?;
    }
    let (territories, circumscriptions) = scope::recompute(w.txn(), RecordType::Actor, id).await?;
    if circumscriptions != before {
        // Moving an actor: the viewer must also be allowed where it lands.
        policy::may_write(
            &svc.viewer,
            RecordType::Actor,
            &WriteScope {
                circumscriptions: circumscriptions.clone(),
                actors: vec![id],
            },
        )?;
    }
    // The records located through the actor's seat (its partnerships, exchanges,
    // applications, events in France, people, allocations) follow it in this transaction,
    // so that officers' views follow at once. A new country matters too: exchanges and events
    // in France count Moroccan actors' seats only.
    let mut details = json!({ "fields": fields });
    if (updated.seat_territory_id, updated.country) != located_before {
        let moved = recompute::through_actor(w.txn(), id).await?;
        details["recordsRecomputed"] = json!(moved.records);
    }
    let mut all_circumscriptions = circumscriptions;
    all_circumscriptions.extend(before);
    w.log(
        Entry::new(
            ActivityKind::ActorUpdated,
            RecordType::Actor,
            id,
            updated.sensitivity,
        )
        .actors([id])
        .territories(territories)
        .circumscriptions(all_circumscriptions)
        .details(details),
    );
    w.commit(id).await
}

/// Archives (`archive = true`) or restores an actor.
pub async fn set_archived(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    archive: bool,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Actor, id).await?;
    if svc.viewer.role == Role::Partner {
        return Err(AppError::Forbidden(
            "a partner may not archive or restore actors".to_owned(),
        ));
    }
    policy::may_write(
        &svc.viewer,
        RecordType::Actor,
        &WriteScope {
            circumscriptions: circumscriptions.clone(),
            actors: vec![id],
        },
    )?;
    w.set_archived::<actor::Entity>(
        id,
        Some(expected_version),
        archive,
        current.archived_at.is_some(),
        "actor",
    )
    .await?;
    let kind = if archive {
        ActivityKind::ActorArchived
    } else {
        ActivityKind::ActorRestored
    };
    w.log(
        Entry::new(kind, RecordType::Actor, id, current.sensitivity)
            .actors([id])
            .territories(current.seat_territory_id)
            .circumscriptions(circumscriptions),
    );
    w.commit(id).await
}

/// The actor `id` as stored, if the viewer may see it (an invisible actor is NOT_FOUND, as an
/// unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<actor::Model> {
    actor::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such actor".to_owned()))
}

/// Validates and applies the patch's fields to `row`, resolving territory and circumscription
/// codes and the parent; recomputes the search key.
async fn apply_patch(
    w: &Writer<'_>,
    row: &mut actor::ActiveModel,
    patch: &ActorPatch,
    kind: ActorKind,
) -> AppResult<()> {
    if let Some(name) = &patch.name_fr {
        row.name_fr = Set(validate::required_text("input.name.fr", name, NAME_MAX)?);
    }
    macro_rules! text {
        ($field:ident, $path:literal, $max:expr) => {
            if let Some(value) = &patch.$field {
                row.$field = Set(validate::optional_text($path, value.as_deref(), $max)?);
            }
        };
    }
    text!(name_ar, "input.name.ar", NAME_MAX);
    text!(name_en, "input.name.en", NAME_MAX);
    text!(acronym, "input.acronym", SHORT_MAX);
    text!(iati_ref, "input.iatiRef", SHORT_MAX);
    text!(iati_org_type, "input.iatiOrgType", 10);
    text!(registration_number, "input.registrationNumber", SHORT_MAX);
    text!(french_region, "input.frenchRegion", SHORT_MAX);
    text!(city, "input.city", SHORT_MAX);
    macro_rules! long_text {
        ($field:ident, $path:literal) => {
            if let Some(value) = &patch.$field {
                row.$field = Set(validate::optional_long_text(
                    $path,
                    value.as_deref(),
                    DESCRIPTION_MAX,
                )?);
            }
        };
    }
    long_text!(description_fr, "input.description.fr");
    long_text!(description_ar, "input.description.ar");
    long_text!(description_en, "input.description.en");
    if let Some(website) = &patch.website {
        row.website = Set(validate::optional_url("input.website", website.as_deref())?);
    }
    if let Some(aliases) = &patch.aliases {
        validate::max_items("input.aliases", aliases.len(), MAX_ALIASES)?;
        let mut cleaned = Vec::new();
        for (i, alias) in aliases.iter().enumerate() {
            let field = format!("input.aliases[{i}]");
            let alias = validate::required_text(&field, alias, SHORT_MAX)?;
            if alias.contains(';') {
                return Err(AppError::bad_input(field, "an alias cannot contain `;`"));
            }
            cleaned.push(alias);
        }
        validate::no_duplicates(
            cleaned.iter().map(|a| search::fold(a)),
            |i| format!("input.aliases[{i}]"),
            "this alias",
        )?;
        row.aliases = Set((!cleaned.is_empty()).then(|| cleaned.join(";")));
    }
    if let Some(seat) = &patch.seat {
        row.seat_territory_id = Set(match seat {
            Some(code) => Some(super::territory_id(w, code, "input.seat").await?),
            None => None,
        });
    }
    if let Some(parent) = patch.parent_id {
        row.parent_id = Set(match parent {
            Some(parent) => Some(super::actor(w, parent, "input.parent").await?.id),
            None => None,
        });
    }
    if let Some(founded) = patch.founded_on {
        if let Some(date) = founded
            && date > chrono::Utc::now().date_naive()
        {
            return Err(AppError::bad_input(
                "input.foundedOn",
                "a founding date cannot be in the future",
            ));
        }
        row.founded_on = Set(founded);
    }
    if let Some(level) = patch.local_authority_level {
        row.local_authority_level = Set(level);
    }
    if let Some(governed) = &patch.governed_territory {
        row.governed_territory_id = Set(match governed {
            Some(code) => Some(super::territory_id(w, code, "input.governedTerritory").await?),
            None => None,
        });
    }
    if let Some(site_kind) = patch.site_kind {
        row.site_kind = Set(site_kind);
    }
    if let Some(circumscription) = &patch.circumscription {
        row.circumscription_id = Set(match circumscription {
            Some(code) => Some(super::circumscription_id(w, code, "input.circumscription").await?),
            None => None,
        });
    }
    check_kind_fields(row, kind)?;
    let key = search::search_key(
        [
            row.name_fr.clone().take().unwrap_or_default(),
            row.name_ar.clone().take().flatten().unwrap_or_default(),
            row.name_en.clone().take().flatten().unwrap_or_default(),
            row.acronym.clone().take().flatten().unwrap_or_default(),
            row.aliases.clone().take().flatten().unwrap_or_default(),
        ]
        .iter()
        .map(String::as_str),
    );
    row.search_key = Set(key);
    Ok(())
}

/// Kind-specific fields belong to their kind only, and local authorities need a level that
/// matches their country.
fn check_kind_fields(row: &actor::ActiveModel, kind: ActorKind) -> AppResult<()> {
    let level = row.local_authority_level.clone().take().flatten();
    let local_authority = matches!(
        kind,
        ActorKind::MoroccanLocalAuthority | ActorKind::FrenchLocalAuthority
    );
    match (local_authority, level) {
        (true, None) => {
            return Err(AppError::bad_input(
                "input.localAuthorityLevel",
                "a local authority needs its level",
            ));
        }
        (false, Some(_)) => {
            return Err(AppError::bad_input(
                "input.localAuthorityLevel",
                "only local authorities have a level",
            ));
        }
        (true, Some(level)) => {
            let moroccan_level = matches!(
                level,
                LocalAuthorityLevel::MaRegion
                    | LocalAuthorityLevel::MaPrefectureProvince
                    | LocalAuthorityLevel::MaCommune
            );
            if moroccan_level != (kind == ActorKind::MoroccanLocalAuthority) {
                return Err(AppError::bad_input(
                    "input.localAuthorityLevel",
                    "the level does not match the local authority's country",
                ));
            }
        }
        (false, None) => {}
    }
    let only = |present: bool, wanted: bool, field: &str, what: &str| {
        if present && !wanted {
            Err(AppError::bad_input(field, format!("only {what}")))
        } else {
            Ok(())
        }
    };
    only(
        row.governed_territory_id.clone().take().flatten().is_some(),
        kind == ActorKind::MoroccanLocalAuthority,
        "input.governedTerritory",
        "Moroccan local authorities govern a territory",
    )?;
    only(
        row.french_region.clone().take().flatten().is_some(),
        kind == ActorKind::FrenchLocalAuthority,
        "input.frenchRegion",
        "French local authorities have a French region",
    )?;
    only(
        row.site_kind.clone().take().flatten().is_some(),
        kind == ActorKind::InstitutFrancais,
        "input.siteKind",
        "Institut français sites have a site kind",
    )?;
    only(
        row.circumscription_id.clone().take().flatten().is_some(),
        kind == ActorKind::Consulate,
        "input.circumscription",
        "consulates have a circumscription",
    )?;
    only(
        row.registration_number.clone().take().flatten().is_some()
            || row.founded_on.clone().take().flatten().is_some(),
        kind == ActorKind::Association,
        "input.registrationNumber",
        "associations have a registration number and a founding date",
    )?;
    Ok(())
}

fn checked_themes(themes: &[Theme]) -> AppResult<Vec<Theme>> {
    validate::max_items("input.themes", themes.len(), MAX_THEMES)?;
    validate::no_duplicates(
        themes.iter().copied(),
        |i| format!("input.themes[{i}]"),
        "this theme",
    )?;
    Ok(themes.to_vec())
}

async fn replace_themes(w: &Writer<'_>, id: i64, themes: &[Theme]) -> AppResult<()> {
    actor_theme::Entity::delete_many()
        .filter(actor_theme::Column::ActorId.eq(id))
        .exec(w.txn())
        .await?;
    if !themes.is_empty() {
        actor_theme::Entity::insert_many(themes.iter().map(|t| actor_theme::ActiveModel {
            actor_id: Set(id),
            theme: Set(*t),
        }))
        .exec(w.txn())
        .await?;
    }
    Ok(())
}

/// Whether making `parent` the parent of `id` would make `id` its own ancestor.
async fn creates_cycle(w: &Writer<'_>, id: i64, parent: i64) -> AppResult<bool> {
    let mut cursor = Some(parent);
    let mut steps = 0;
    while let Some(current) = cursor {
        if current == id {
            return Ok(true);
        }
        steps += 1;
        if steps > 100 {
            return Ok(true);
        }
        cursor = actor::Entity::find_by_id(current)
            .one(w.txn())
            .await?
            .and_then(|a| a.parent_id);
    }
    Ok(false)
}

/// The actor as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<actor::Model> {
    actor::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such actor".to_owned()))
}
