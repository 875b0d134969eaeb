//! Search ignores case and accents and works in French and Arabic, the same on both
//! databases: a table of queries and what each must find.

use partner_hub::domain::vocabulary::ActorKind;
use serde_json::json;

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::spawn_app;

/// (query, a French name the results must include)
const CASES: &[(&str, &str)] = &[
    ("fes", "Institut français de Fès"),
    ("FÈS", "Institut français de Fès"),
    ("Fés", "Institut français de Fès"),
    ("beni mellal", "Association des jeunes de Béni Mellal"),
    ("BÉNI-MELLAL", "Association des jeunes de Béni Mellal"),
    ("meknes", "Institut français de Meknès"),
    ("kenitra", "Institut français de Kénitra"),
    ("tetouan", "Institut français de Tétouan"),
    ("ile de france", "Région Île-de-France"),
    ("regions de france", "Régions de France"),
    (
        "droits de l homme",
        "Conseil national des droits de l'Homme",
    ),
    ("cndh", "Conseil national des droits de l'Homme"),
    (
        "icpc",
        "Instance nationale de la probité, de la prévention et de la lutte contre la corruption",
    ),
    (
        "ICPC",
        "Instance nationale de la probité, de la prévention et de la lutte contre la corruption",
    ),
    (
        "lutte contre la corr",
        "Instance nationale de la probité, de la prévention et de la lutte contre la corruption",
    ),
    ("dgcl", "Direction générale des collectivités territoriales"),
    (
        "daect",
        "Délégation pour les collectivités territoriales et la société civile",
    ),
    // Arabic, as written in the reference data
    ("وزارة الداخلية", "Ministère de l'Intérieur"),
    // … with tashkeel
    ("وِزَارَةُ الدَّاخِلِيَّة", "Ministère de l'Intérieur"),
    // … with tatweel
    ("الداخـــلية", "Ministère de l'Intérieur"),
    // teh marbuta typed as heh, yeh with hamza typed as yeh
    (
        "الهييه الوطنيه للنزاهه",
        "Instance nationale de la probité, de la prévention et de la lutte contre la corruption",
    ),
    // alef with hamza typed without it
    ("اكادير", "Association Souss pour le développement"),
    ("اقليم الحوز", "Association des femmes du Haouz"),
    // alef maqsura typed as yeh
    ("الملتقي", "Association Al Moultaqa"),
    ("المعهد الفرنسي", "Institut français du Maroc"),
];

#[tokio::test]
async fn french_and_arabic_queries_find_what_they_mean() {
    let app = spawn_app().await;
    let db = &app.db;
    for (fr, ar) in [
        ("Association des jeunes de Béni Mellal", None),
        (
            "Association Souss pour le développement",
            Some("جمعية سوس للتنمية بأكادير"),
        ),
        (
            "Association des femmes du Haouz",
            Some("جمعية نساء إقليم الحوز"),
        ),
        ("Association Al Moultaqa", Some("جمعية الملتقى")),
    ] {
        insert_actor(
            db,
            NewActor {
                name_ar: ar,
                seat: Some("MA-MAR"),
                ..NewActor::public(ActorKind::Association, fr)
            },
        )
        .await;
    }
    let query = "query($q: String!) { actors(first: 100, filter: { search: $q }) { totalCount nodes { name } } }";
    let mut failures = Vec::new();
    for (q, expected) in CASES {
        let data = app.data(query, json!({ "q": q })).await;
        let names: Vec<&str> = data["actors"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"].as_str().unwrap())
            .collect();
        if !names.contains(expected) {
            failures.push(format!("{q:?} should find {expected:?}, found {names:?}"));
        }
    }
    assert!(CASES.len() >= 20);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn a_search_matches_within_one_name_and_nothing_else() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              none: actors(filter: { search: "zzzz introuvable" }) { totalCount }
              punctuation: actors(filter: { search: " -- " }) { totalCount }
              all: actors { totalCount }
              fes: actors(filter: { search: "fes", kinds: [INSTITUT_FRANCAIS] }) { totalCount nodes { name } }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["none"]["totalCount"], 0);
    // A query of punctuation only folds to nothing and narrows nothing.
    assert_eq!(data["punctuation"]["totalCount"], data["all"]["totalCount"]);
    assert_eq!(data["fes"]["totalCount"], 1);
    assert_eq!(data["fes"]["nodes"][0]["name"], "Institut français de Fès");
}
