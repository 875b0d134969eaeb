//! Writes the partnerships: status and validity (dates known to the year, month or day),
//! sensitivity, themes, members and their sides, agreements, linked projects, circumscriptions
//! and `PARTNERSHIP_CREATED` entries.

use chrono::NaiveDate;
use sea_orm::Set;
use serde_json::json;

use super::calendar::ymd;
use super::partnerships::{NewPartnership, PartnershipRef};
use super::store::{Ctx, Entry, Keys};
use crate::domain::vocabulary::{
    ActivityKind, AgreementKind, DatePrecision, PartnershipKind, PartnershipStatus, RecordType,
    Theme,
};
use crate::entities::{
    agreement, partnership, partnership_member, partnership_project, partnership_theme,
};
use crate::error::AppResult;
use crate::search;

/// A start date known to the year, the month or the day.
fn partial_date(ctx: &mut Ctx<'_>, from: NaiveDate, to: NaiveDate) -> (NaiveDate, DatePrecision) {
    let day = ctx.day_between(from, to);
    match ctx.rng.below(10) {
        0..3 => (ymd(chrono::Datelike::year(&day), 1, 1), DatePrecision::Year),
        3..6 => (
            ymd(
                chrono::Datelike::year(&day),
                chrono::Datelike::month(&day),
                1,
            ),
            DatePrecision::Month,
        ),
        _ => (day, DatePrecision::Day),
    }
}

pub async fn insert(
    ctx: &mut Ctx<'_>,
    list: Vec<NewPartnership>,
) -> AppResult<Vec<PartnershipRef>> {
    let mut rows = Vec::new();
    let mut agreements = Vec::new();
    let mut meta = Vec::new();
    for n in &list {
        let status = match ctx.rng.below(20) {
            0..10 => PartnershipStatus::Active,
            10..13 => PartnershipStatus::Dormant,
            13..16 => PartnershipStatus::Planned,
            _ => PartnershipStatus::Ended,
        };
        let (from, to) = match status {
            PartnershipStatus::Planned if ctx.rng.chance(0.5) => (None, None),
            PartnershipStatus::Planned => (
                Some(partial_date(ctx, ymd(2027, 1, 1), ymd(2027, 12, 31))),
                None,
            ),
            PartnershipStatus::Ended => {
                let start = partial_date(ctx, ymd(2004, 1, 1), ymd(2018, 12, 31));
                let end = partial_date(ctx, ymd(2019, 1, 1), ymd(2025, 12, 31));
                (Some(start), Some(end))
            }
            _ => (
                Some(partial_date(ctx, ymd(2005, 1, 1), ymd(2026, 6, 30))),
                None,
            ),
        };
        let sensitivity = if status == PartnershipStatus::Planned {
            ctx.sensitivity(10, 50)
        } else {
            ctx.sensitivity(60, 30)
        };
        let mut themes = n.themes.clone();
        themes.push(*ctx.rng.pick(&[
            Theme::Youth,
            Theme::Climate,
            Theme::CitizenParticipation,
            Theme::Gender,
            Theme::WaterAndBiodiversity,
            Theme::AdministrativeCapacity,
        ]));
        themes.sort_by_key(|t| t.as_str());
        themes.dedup();
        if let Some((signed, precision)) = from.filter(|_| ctx.rng.chance(0.8)) {
            let kind = match n.kind {
                PartnershipKind::DecentralisedCooperation => *ctx.rng.pick(&[
                    AgreementKind::FrameworkAgreement,
                    AgreementKind::Convention,
                    AgreementKind::Twinning,
                    AgreementKind::DeclarationOfIntent,
                ]),
                PartnershipKind::Institutional => *ctx.rng.pick(&[
                    AgreementKind::Convention,
                    AgreementKind::Protocol,
                    AgreementKind::FrameworkAgreement,
                ]),
                PartnershipKind::Mou => *ctx.rng.pick(&[
                    AgreementKind::DeclarationOfIntent,
                    AgreementKind::Protocol,
                    AgreementKind::Other,
                ]),
                PartnershipKind::NetworkMembership => AgreementKind::Other,
            };
            let year = chrono::Datelike::year(&signed);
            let period = (kind == AgreementKind::Convention)
                .then(|| (ymd(year, 1, 1), ymd(year + 2, 12, 31)));
            agreements.push((rows.len(), kind, signed, precision, period));
        }
        rows.push(partnership::ActiveModel {
            kind: Set(n.kind),
            title_fr: Set(n.title.clone()),
            title_ar: Set(None),
            title_en: Set(None),
            description_fr: Set(Some(
                "Partenariat fictif du réseau de démonstration.".to_owned(),
            )),
            status: Set(status),
            valid_from: Set(from.map(|f| f.0)),
            valid_from_precision: Set(from.map(|f| f.1)),
            valid_to: Set(to.map(|t| t.0)),
            valid_to_precision: Set(to.map(|t| t.1)),
            source: Set(Some("Données fictives de démonstration".to_owned())),
            asserted_by: Set(Some("réseau de démonstration".to_owned())),
            sensitivity: Set(sensitivity),
            search_key: Set(search::search_key([n.title.as_str()])),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            archived_at: Set(None),
            ..Default::default()
        });
        meta.push((sensitivity, themes));
    }
    let labels: Vec<String> = list.iter().map(|n| n.title.clone()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<partnership::Entity> {
                id: partnership::Column::Id,
                author: partnership::Column::CreatedBy,
                label: partnership::Column::TitleFr,
            },
        )
        .await?;
    let mut members = Vec::new();
    let mut themes = Vec::new();
    let mut links = Vec::new();
    let mut refs = Vec::new();
    for ((id, n), (sensitivity, theme_list)) in ids.iter().zip(&list).zip(meta) {
        for (actor, side, role) in &n.members {
            members.push(partnership_member::ActiveModel {
                partnership_id: Set(*id),
                actor_id: Set(*actor),
                side: Set(*side),
                role: Set(role.map(str::to_owned)),
                ..Default::default()
            });
        }
        for theme in theme_list {
            themes.push(partnership_theme::ActiveModel {
                partnership_id: Set(*id),
                theme: Set(theme),
            });
        }
        for project in &n.projects {
            links.push(partnership_project::ActiveModel {
                partnership_id: Set(*id),
                project_id: Set(*project),
            });
        }
        let actors: Vec<i64> = n.members.iter().map(|m| m.0).collect();
        let seats = ctx.seats(&actors);
        let circs = ctx.scope(RecordType::Partnership, *id, &seats);
        ctx.log(Entry {
            kind: ActivityKind::PartnershipCreated,
            subject: RecordType::Partnership,
            subject_id: *id,
            sensitivity,
            actors: actors.clone(),
            territories: seats,
            circumscriptions: circs,
            details: json!({ "source": "demo", "partnershipKind": n.kind }),
        });
        refs.push(PartnershipRef {
            id: *id,
            kind: n.kind,
            members: actors,
        });
    }
    let agreements = agreements
        .into_iter()
        .filter_map(|(i, kind, signed, precision, period)| {
            let id = *ids.get(i)?;
            let title = match kind {
                AgreementKind::FrameworkAgreement => "Accord-cadre de coopération",
                AgreementKind::Convention => "Convention de partenariat",
                AgreementKind::Protocol => "Protocole d'accord",
                AgreementKind::Twinning => "Charte de jumelage",
                AgreementKind::DeclarationOfIntent => "Déclaration d'intention",
                AgreementKind::Other => "Charte d'adhésion",
            };
            Some(agreement::ActiveModel {
                partnership_id: Set(id),
                kind: Set(kind),
                title: Set(Some(title.to_owned())),
                signed_on: Set(Some(signed)),
                signed_on_precision: Set(Some(precision)),
                period_start: Set(period.map(|p| p.0)),
                period_end: Set(period.map(|p| p.1)),
                ..Default::default()
            })
        })
        .collect();
    ctx.insert(members).await?;
    ctx.insert(themes).await?;
    ctx.insert(links).await?;
    ctx.insert(agreements).await?;
    ctx.report.partnerships = refs.len();
    Ok(refs)
}
