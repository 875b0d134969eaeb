//! The summary of an activity entry: a sentence rendered at read time from the entry's kind
//! and its subject's *current* label, in the language asked for. The label goes through the
//! same loaders (and so the same policy) as any read: when the viewer may not see the subject,
//! the sentence is left without it, so no text of an invisible record is ever shown. Entries
//! about persons never carry a label (personal data).

use async_graphql::Context;

use super::common::{Lang, Names};
use crate::domain::money::Money;
use crate::domain::vocabulary::{ActivityKind, RecordType};
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::calls::{ApplicationById, CallById};
use crate::graphql::loaders::events::EventById;
use crate::graphql::loaders::exchanges::ExchangeById;
use crate::graphql::loaders::funds::{FundAllocationById, FundById};
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::partnerships::PartnershipById;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::loaders::reference::{CircumscriptionById, TerritoryById};

/// The sentence for an entry of `kind`, with the subject's label when there is one.
pub fn summary(kind: ActivityKind, lang: Lang, label: Option<&str>) -> String {
    let (fr, ar, en) = phrases(kind);
    let (phrase, separator) = match lang {
        // French typography puts a space before the colon.
        Lang::Fr => (fr, " : "),
        Lang::Ar => (ar, ": "),
        Lang::En => (en, ": "),
    };
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => format!("{phrase}{separator}{label}"),
        None => phrase.to_owned(),
    }
}

/// What happened, in French, Arabic and English.
fn phrases(kind: ActivityKind) -> (&'static str, &'static str, &'static str) {
    use ActivityKind as K;
    match kind {
        K::ActorJoined => ("Nouvel acteur", "فاعل جديد", "New actor"),
        K::ActorUpdated => ("Acteur mis à jour", "تحديث فاعل", "Actor updated"),
        K::ActorArchived => ("Acteur archivé", "أرشفة فاعل", "Actor archived"),
        K::ActorRestored => ("Acteur restauré", "استعادة فاعل", "Actor restored"),
        K::PersonAdded => ("Personne ajoutée", "إضافة شخص", "Person added"),
        K::PersonUpdated => ("Personne mise à jour", "تحديث بيانات شخص", "Person updated"),
        K::PersonErased => (
            "Données personnelles effacées",
            "محو بيانات شخصية",
            "Personal data erased",
        ),
        K::ProjectCreated => ("Nouveau projet", "مشروع جديد", "New project"),
        K::ProjectUpdated => ("Projet mis à jour", "تحديث مشروع", "Project updated"),
        K::ProjectArchived => ("Projet archivé", "أرشفة مشروع", "Project archived"),
        K::PartnershipCreated => ("Nouveau partenariat", "شراكة جديدة", "New partnership"),
        K::PartnershipUpdated => (
            "Partenariat mis à jour",
            "تحديث شراكة",
            "Partnership updated",
        ),
        K::PartnershipArchived => ("Partenariat archivé", "أرشفة شراكة", "Partnership archived"),
        K::EventScheduled => ("Événement programmé", "برمجة حدث", "Event scheduled"),
        K::EventUpdated => ("Événement mis à jour", "تحديث حدث", "Event updated"),
        K::EventArchived => ("Événement archivé", "أرشفة حدث", "Event archived"),
        K::ExchangeRecorded => (
            "Échange d'expertise enregistré",
            "تسجيل تبادل خبرات",
            "Expertise exchange recorded",
        ),
        K::ExchangeUpdated => (
            "Échange d'expertise mis à jour",
            "تحديث تبادل خبرات",
            "Expertise exchange updated",
        ),
        K::ExchangeArchived => (
            "Échange d'expertise archivé",
            "أرشفة تبادل خبرات",
            "Expertise exchange archived",
        ),
        K::FundingProposed => ("Financement proposé", "اقتراح تمويل", "Funding proposed"),
        K::FundingCommitted => ("Financement engagé", "الالتزام بتمويل", "Funding committed"),
        K::FundingCancelled => ("Financement annulé", "إلغاء تمويل", "Funding cancelled"),
        K::CallPublished => (
            "Appel à projets publié",
            "نشر طلب مشاريع",
            "Call for proposals published",
        ),
        K::CallUpdated => (
            "Appel à projets mis à jour",
            "تحديث طلب مشاريع",
            "Call for proposals updated",
        ),
        K::ApplicationSubmitted => (
            "Candidature déposée",
            "إيداع ترشيح",
            "Application submitted",
        ),
        K::ApplicationDecided => (
            "Décision sur une candidature",
            "البت في ترشيح",
            "Application decided",
        ),
        K::ReferenceUpdated => (
            "Données de référence mises à jour",
            "تحديث البيانات المرجعية",
            "Reference data updated",
        ),
    }
}

/// The current label of the record `(record_type, id)`, if the viewer may see it.
pub async fn subject_label(
    ctx: &Context<'_>,
    record_type: RecordType,
    id: i64,
) -> async_graphql::Result<Option<Names>> {
    let names = |fr: String, ar: Option<String>, en: Option<String>| Names::new(fr, ar, en);
    Ok(match record_type {
        RecordType::Actor => load_one::<_, ActorById>(ctx, id)
            .await?
            .map(|m| names(m.name_fr, m.name_ar, m.name_en)),
        RecordType::Project => load_one::<_, ProjectById>(ctx, id)
            .await?
            .map(|m| names(m.title_fr, m.title_ar, m.title_en)),
        RecordType::Call => load_one::<_, CallById>(ctx, id)
            .await?
            .map(|m| names(m.title_fr, m.title_ar, m.title_en)),
        RecordType::Application => load_one::<_, ApplicationById>(ctx, id)
            .await?
            .map(|m| names(m.title, None, None)),
        RecordType::Fund => load_one::<_, FundById>(ctx, id)
            .await?
            .map(|m| names(m.name_fr, m.name_ar, m.name_en)),
        RecordType::FundAllocation => load_one::<_, FundAllocationById>(ctx, id).await?.map(|m| {
            let amount = Money::new(m.amount_minor, m.currency);
            names(
                format!("{} {}", amount.to_decimal_string(), m.currency),
                None,
                None,
            )
        }),
        RecordType::Territory => load_one::<_, TerritoryById>(ctx, id)
            .await?
            .map(|m| names(m.name_fr, m.name_ar, m.name_en)),
        RecordType::Circumscription => load_one::<_, CircumscriptionById>(ctx, id)
            .await?
            .map(|m| names(m.name_fr, m.name_ar, m.name_en)),
        RecordType::Partnership => load_one::<_, PartnershipById>(ctx, id)
            .await?
            .map(|m| names(m.title_fr, m.title_ar, m.title_en)),
        RecordType::Event => load_one::<_, EventById>(ctx, id)
            .await?
            .map(|m| names(m.title_fr, m.title_ar, m.title_en)),
        RecordType::Exchange => load_one::<_, ExchangeById>(ctx, id)
            .await?
            .map(|m| names(m.title_fr, m.title_ar, m.title_en)),
        RecordType::Person => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_the_subject_only_when_given() {
        assert_eq!(
            summary(
                ActivityKind::PartnershipCreated,
                Lang::Fr,
                Some("Rabat – Île-de-France")
            ),
            "Nouveau partenariat : Rabat – Île-de-France"
        );
        assert_eq!(
            summary(ActivityKind::PartnershipCreated, Lang::En, Some("Rabat")),
            "New partnership: Rabat"
        );
        assert_eq!(
            summary(ActivityKind::FundingCommitted, Lang::En, None),
            "Funding committed"
        );
        assert_eq!(
            summary(ActivityKind::CallPublished, Lang::Ar, Some("  ")),
            "نشر طلب مشاريع"
        );
    }
}
