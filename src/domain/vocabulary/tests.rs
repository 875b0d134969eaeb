//! The stored, GraphQL and serde spellings of every vocabulary agree.

use super::*;
use async_graphql::resolver_utils::EnumType;
use sea_orm::{ActiveEnum, Iterable};

fn check<E>()
where
    E: EnumType + ActiveEnum<Value = String> + Iterable + serde::Serialize + std::fmt::Display,
    E: std::str::FromStr<Err = UnknownValue> + std::fmt::Debug + PartialEq + Copy + 'static,
{
    let items = E::items();
    assert_eq!(items.len(), E::iter().count());
    for item in items {
        let stored = item.value.to_value();
        assert_eq!(item.name, stored, "GraphQL name vs stored value");
        assert_eq!(item.value.to_string(), stored, "Display vs stored value");
        assert_eq!(
            serde_json::to_value(item.value).ok(),
            Some(serde_json::Value::String(stored.clone())),
            "serde vs stored value"
        );
        assert_eq!(stored.parse::<E>().ok(), Some(item.value), "FromStr");
        assert!(stored.len() <= 40, "{stored} does not fit VARCHAR(40)");
        assert!(
            stored
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{stored} is not SCREAMING_SNAKE_CASE"
        );
    }
    assert!("not a value".parse::<E>().is_err());
}

#[test]
fn every_vocabulary_has_one_spelling() {
    check::<ActorKind>();
    check::<Country>();
    check::<Sensitivity>();
    check::<Theme>();
    check::<TerritoryLevel>();
    check::<CoverageConfidence>();
    check::<PostKind>();
    check::<LocalAuthorityLevel>();
    check::<InstituteSiteKind>();
    check::<ContactKind>();
    check::<Pillar>();
    check::<Instrument>();
    check::<FundingSource>();
    check::<ActivityStatus>();
    check::<ParticipantRole>();
    check::<ProjectOrigin>();
    check::<PartnershipKind>();
    check::<PartnershipStatus>();
    check::<Side>();
    check::<DatePrecision>();
    check::<AgreementKind>();
    check::<EventKind>();
    check::<EventRole>();
    check::<ExchangeKind>();
    check::<ExchangePartySide>();
    check::<AllocationStatus>();
    check::<ApplicationStatus>();
    check::<Currency>();
    check::<SdgVocabulary>();
    check::<BudgetKind>();
    check::<TransactionKind>();
    check::<RecordType>();
    check::<ActivityKind>();
}

#[test]
fn iati_codes() {
    let statuses: Vec<u8> = ActivityStatus::ALL.iter().map(|s| s.iati_code()).collect();
    assert_eq!(statuses, [1, 2, 3, 4, 5, 6]);
    assert_eq!(ParticipantRole::Implementing.iati_code(), Some(4));
    assert_eq!(ParticipantRole::Beneficiary.iati_code(), None);
    assert_eq!(TransactionKind::Disbursement.iati_code(), 3);
    assert_eq!(SdgVocabulary::Target.iati_code(), 3);
    assert_eq!(Currency::Mad.minor_unit_digits(), 2);
    assert_eq!(Currency::Eur.as_str().len(), 3);
}
