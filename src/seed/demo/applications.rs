//! Writes applications: their applicants, a restricted evaluation where the call has got that
//! far (no personal data: a committee's reasons and mark), their circumscriptions, and
//! `APPLICATION_SUBMITTED` entries (and `APPLICATION_DECIDED` for the selected ones).

use chrono::NaiveTime;
use sea_orm::Set;
use serde_json::json;

use super::calls::NewApplication;
use super::store::{Ctx, Entry, Keys};
use crate::domain::vocabulary::{ActivityKind, ApplicationStatus, RecordType};
use crate::entities::{application, application_applicant};
use crate::error::AppResult;

const REASONS: &[&str] = &[
    "budget insuffisamment détaillé",
    "ancrage territorial à renforcer",
    "hors du champ thématique de l'appel",
    "dossier incomplet à la clôture",
    "capacité de gestion financière à démontrer",
    "public bénéficiaire mal défini",
];

fn evaluation(ctx: &mut Ctx<'_>, status: ApplicationStatus) -> Option<String> {
    Some(match status {
        ApplicationStatus::Submitted => return None,
        ApplicationStatus::Eligible => {
            "Dossier complet et éligible ; instruction en cours.".to_owned()
        }
        ApplicationStatus::Shortlisted => format!(
            "Présélectionné : projet solide, à approfondir en comité (note {}/20).",
            13 + ctx.rng.below(4)
        ),
        ApplicationStatus::Selected => format!(
            "Retenu par le comité de sélection : pertinence forte, budget réaliste (note {}/20).",
            15 + ctx.rng.below(4)
        ),
        ApplicationStatus::Rejected => format!(
            "Non retenu : {} (note {}/20).",
            ctx.rng.pick(REASONS),
            6 + ctx.rng.below(6)
        ),
        ApplicationStatus::Withdrawn => "Candidature retirée par le porteur.".to_owned(),
    })
}

pub async fn insert(ctx: &mut Ctx<'_>, list: Vec<NewApplication>) -> AppResult<()> {
    let mut rows = Vec::with_capacity(list.len());
    for n in &list {
        let evaluation = evaluation(ctx, n.status);
        let hour = 8 + ctx.rng.below(10) as u32;
        let submitted = n
            .submitted
            .and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
            .and_utc();
        rows.push(application::ActiveModel {
            call_id: Set(n.call),
            title: Set(n.title.clone()),
            requested_minor: Set(Some(n.requested.0)),
            requested_currency: Set(Some(n.requested.1)),
            status: Set(n.status),
            evaluation: Set(evaluation),
            project_id: Set(n.project),
            submitted_at: Set(Some(submitted)),
            sensitivity: Set(n.sensitivity),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        });
    }
    let labels: Vec<String> = list.iter().map(|n| n.title.clone()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<application::Entity> {
                id: application::Column::Id,
                author: application::Column::CreatedBy,
                label: application::Column::Title,
            },
        )
        .await?;
    let mut applicants = Vec::new();
    for (id, n) in ids.iter().zip(&list) {
        for actor in &n.applicants {
            applicants.push(application_applicant::ActiveModel {
                application_id: Set(*id),
                actor_id: Set(*actor),
            });
        }
        let seats = ctx.seats(&n.applicants);
        let circs = ctx.scope(RecordType::Application, *id, &seats);
        let mut kinds = vec![ActivityKind::ApplicationSubmitted];
        if n.status == ApplicationStatus::Selected {
            kinds.push(ActivityKind::ApplicationDecided);
        }
        for kind in kinds {
            ctx.log(Entry {
                kind,
                subject: RecordType::Application,
                subject_id: *id,
                sensitivity: n.sensitivity,
                actors: n.applicants.clone(),
                territories: seats.clone(),
                circumscriptions: circs.clone(),
                details: json!({ "source": "demo", "callId": n.call, "status": n.status }),
            });
        }
    }
    ctx.report.applications = ids.len();
    ctx.insert(applicants).await
}
