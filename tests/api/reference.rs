//! The reference data, read through the first slice of the API.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_twelve_regions_and_seventy_five_prefectures_and_provinces_are_loaded() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              all: territories { totalCount }
              regions: territories(level: REGION, first: 100) { totalCount nodes { code } }
              prefectures: territories(level: PREFECTURE) { totalCount }
              provinces: territories(level: PROVINCE) { totalCount }
              communes: territories(level: COMMUNE) { totalCount nodes { code parent { code } } }
            }"#,
            json!({}),
        )
        .await;
    // The 87 of the reference file, and the two communes its partnerships need.
    assert_eq!(data["all"]["totalCount"], 89);
    assert_eq!(data["communes"]["totalCount"], 2);
    assert_eq!(data["communes"]["nodes"][0]["parent"]["code"], "MA-CAS");
    assert_eq!(data["regions"]["totalCount"], 12);
    assert_eq!(data["prefectures"]["totalCount"], 13);
    assert_eq!(data["provinces"]["totalCount"], 62);
    let codes: Vec<&str> = data["regions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (1..=12).map(|i| format!("MA-{i:02}")).collect();
    assert_eq!(codes, expected);
}

#[tokio::test]
async fn names_come_in_french_and_arabic_with_fallback() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              fes: territory(code: "ma-03") { fr: name ar: name(lang: AR) en: name(lang: EN) seat }
              noArabic: territory(code: "MA-BRR") { fr: name ar: name(lang: AR) }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["fes"]["fr"], "Fès-Meknès");
    assert_eq!(data["fes"]["ar"], "جهة فاس مكناس");
    assert_eq!(
        data["fes"]["en"], "Fès-Meknès",
        "no English name: falls back to French"
    );
    assert_eq!(data["fes"]["seat"], "Fès");
    // 20 provinces have no Arabic name in the sources: left empty, falling back to French.
    assert_eq!(data["noArabic"]["ar"], data["noArabic"]["fr"]);
}

#[tokio::test]
async fn territories_navigate_to_parent_children_and_circumscription() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              province: territory(code: "MA-FIG") {
                name
                parent { code name }
                circumscription { code }
              }
              region: territory(code: "MA-03") {
                children(first: 3) { totalCount edges { cursor node { code level } } pageInfo { hasNextPage endCursor } }
                circumscription { code consulateCity }
              }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["province"]["parent"]["code"], "MA-02");
    assert_eq!(
        data["province"]["circumscription"]["code"], "FES",
        "Figuig is in L'Oriental, covered by Fès"
    );
    let children = &data["region"]["children"];
    assert_eq!(children["totalCount"], 9);
    assert_eq!(children["edges"].as_array().unwrap().len(), 3);
    assert_eq!(children["pageInfo"]["hasNextPage"], true);
    assert_eq!(data["region"]["circumscription"]["consulateCity"], "Fès");
}

#[tokio::test]
async fn the_six_circumscriptions_cover_the_twelve_regions_provisionally() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              circumscriptions { totalCount nodes { code postKind coverage { confidence territory { code } } } }
              fes: circumscription(code: "fes") { name consulateCity coverage { territory { code } confidence evidence validFrom validTo } }
              unknown: circumscription(code: "LYON") { code }
            }"#,
            json!({}),
        )
        .await;
    let nodes = data["circumscriptions"]["nodes"].as_array().unwrap();
    assert_eq!(data["circumscriptions"]["totalCount"], 6);
    let mut covered: Vec<String> = nodes
        .iter()
        .flat_map(|n| n["coverage"].as_array().unwrap().iter())
        .map(|c| {
            assert_eq!(c["confidence"], "PROVISIONAL");
            c["territory"]["code"].as_str().unwrap().to_owned()
        })
        .collect();
    covered.sort();
    let regions: Vec<String> = (1..=12).map(|i| format!("MA-{i:02}")).collect();
    assert_eq!(covered, regions, "each region is covered exactly once");
    let fes: Vec<&str> = data["fes"]["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["territory"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(fes, ["MA-02", "MA-03", "MA-08"]);
    assert_eq!(data["fes"]["coverage"][0]["validTo"], Value::Null);
    assert!(data["unknown"].is_null());
    let rabat = nodes.iter().find(|n| n["code"] == "RABAT").unwrap();
    assert_eq!(rabat["postKind"], "EMBASSY_AND_CONSULATE_GENERAL");
}

#[tokio::test]
async fn node_fetches_territories_and_circumscriptions_by_global_id() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{ territory(code: "MA-RAB") { id } circumscription(code: "RABAT") { id } }"#,
            json!({}),
        )
        .await;
    let (territory, circ) = (
        data["territory"]["id"].clone(),
        data["circumscription"]["id"].clone(),
    );
    let data = app
        .data(
            r#"query($t: ID!, $ids: [ID!]!) {
              node(id: $t) { id ... on Territory { code } }
              nodes(ids: $ids) { __typename ... on Circumscription { code } ... on Territory { code } }
            }"#,
            json!({ "t": territory, "ids": [circ, territory] }),
        )
        .await;
    assert_eq!(data["node"]["code"], "MA-RAB");
    assert_eq!(data["node"]["id"], territory);
    assert_eq!(data["nodes"][0]["__typename"], "Circumscription");
    assert_eq!(data["nodes"][0]["code"], "RABAT");
    assert_eq!(data["nodes"][1]["code"], "MA-RAB");
}

#[tokio::test]
async fn paging_forward_and_backward_visits_every_territory_once() {
    let app = spawn_app().await;
    let query = r#"query($first: Int, $after: String, $last: Int, $before: String) {
        territories(first: $first, after: $after, last: $last, before: $before) {
          edges { cursor node { code } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
    }"#;
    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .data(query, json!({ "first": 25, "after": after }))
            .await;
        let page = &data["territories"];
        forward.extend(
            page["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["code"].as_str().unwrap().to_owned()),
        );
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(forward.len(), 89);
    let mut sorted = forward.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, forward, "ordered by code, no duplicate");

    let mut backward = Vec::new();
    let mut before = Value::Null;
    loop {
        let data = app
            .data(query, json!({ "last": 40, "before": before }))
            .await;
        let page = &data["territories"];
        let mut codes: Vec<String> = page["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["code"].as_str().unwrap().to_owned())
            .collect();
        codes.extend(backward);
        backward = codes;
        if page["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, forward);
}

#[tokio::test]
async fn loading_the_reference_data_again_changes_nothing() {
    let app = spawn_app().await;
    let before = app
        .data(
            "{ territories { totalCount } circumscriptions { totalCount } }",
            json!({}),
        )
        .await;
    let report = partner_hub::reference::load(&app.db)
        .await
        .expect("second load");
    assert_eq!(report.total(), 0, "{report}");
    let after = app
        .data(
            "{ territories { totalCount } circumscriptions { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_circumscription_lists_its_consulate_and_institut_francais_sites() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{ circumscription(code: "FES") {
                 consulate { __typename name ... on Consulate { district { code } } }
                 institutes { name ... on InstitutFrancais { city siteKind } }
               } }"#,
            json!({}),
        )
        .await;
    let circ = &data["circumscription"];
    assert_eq!(circ["consulate"]["__typename"], "Consulate");
    assert_eq!(
        circ["consulate"]["name"],
        "Consulat général de France à Fès"
    );
    assert_eq!(circ["consulate"]["district"]["code"], "FES");
    let cities: Vec<&str> = circ["institutes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["city"].as_str().unwrap())
        .collect();
    // Fès and Meknès (Fès-Meknès), Oujda (L'Oriental, covered by Fès).
    assert_eq!(cities.len(), 3, "{cities:?}");
    for city in ["Fès", "Meknès", "Oujda"] {
        assert!(cities.contains(&city), "{city} missing from {cities:?}");
    }
}
