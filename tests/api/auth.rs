//! Token authentication: the bad-token matrix (every case 401 UNAUTHENTICATED with a
//! `WWW-Authenticate` challenge, before any SQL runs), valid HS256, RS256, ES256 and EdDSA
//! tokens, JWKS rotation, and what a token changes in what the read API shows.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use partner_hub::auth::jwt::TokenClaims;
use partner_hub::config::AuthArgs;
use partner_hub::domain::vocabulary::{ActorKind, Sensitivity};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::{
    TEST_JWT_SECRET, TestApp, error_code, spawn_app, spawn_app_with_auth, test_auth_args,
};

/// A query whose answer depends on the viewer: the RESTRICTED actor seated in Fès.
const CONFIDENTIAL: &str =
    r#"{ actors(filter: { search: "Cercle confidentiel" }) { totalCount nodes { id name } } }"#;

/// An identity provider's signing key (a committed test key) and its public JWK.
struct IdpKey {
    kid: String,
    alg: Algorithm,
    key: EncodingKey,
    jwk: Jwk,
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn idp_key(file: &str, alg: Algorithm, kid: &str) -> IdpKey {
    let pem = fixture(file);
    let key = match alg {
        Algorithm::RS256 => EncodingKey::from_rsa_pem(&pem),
        Algorithm::ES256 => EncodingKey::from_ec_pem(&pem),
        Algorithm::EdDSA => EncodingKey::from_ed_pem(&pem),
        other => panic!("no fixture for {other:?}"),
    }
    .unwrap();
    let mut jwk = Jwk::from_encoding_key(&key, alg).unwrap();
    jwk.common.key_id = Some(kid.to_owned());
    IdpKey {
        kid: kid.to_owned(),
        alg,
        key,
        jwk,
    }
}

impl IdpKey {
    fn sign(&self, claims: &TokenClaims) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.key).unwrap()
    }
}

/// Writes a JWKS file the way a key-sync job should: a temporary file renamed into place.
fn write_jwks(path: &Path, keys: &[&IdpKey]) {
    let set = json!({ "keys": keys.iter().map(|k| &k.jwk).collect::<Vec<_>>() });
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, set.to_string()).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// A hub (with the test HS256 secret) that also trusts the keys of a JWKS file.
async fn spawn_with_jwks(keys: &[&IdpKey]) -> (TestApp, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("jwks.json");
    write_jwks(&jwks, keys);
    let auth = AuthArgs {
        jwks_file: Some(jwks.clone()),
        ..test_auth_args()
    };
    let app = spawn_app_with_auth(crate::helpers::test_limits(), auth).await;
    (app, dir, jwks)
}

/// Sends `body` to POST /graphql with an optional `Authorization` value.
async fn post(
    app: &TestApp,
    authorization: Option<&str>,
    body: &Value,
) -> (StatusCode, HeaderMap, Value) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("Accept", "application/graphql-response+json")
        .json(body);
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap();
    (status, headers, body)
}

/// Asserts the answer to a refused token: 401, UNAUTHENTICATED, a Bearer challenge, no data.
fn assert_refused(case: &str, (status, headers, body): &(StatusCode, HeaderMap, Value)) {
    assert_eq!(*status, StatusCode::UNAUTHORIZED, "{case}: {body}");
    assert_eq!(error_code(body), "UNAUTHENTICATED", "{case}: {body}");
    assert!(body.get("data").is_none(), "{case}: {body}");
    let challenge = headers
        .get("www-authenticate")
        .unwrap_or_else(|| panic!("{case}: no WWW-Authenticate header"))
        .to_str()
        .unwrap();
    assert!(
        challenge.starts_with(r#"Bearer error="invalid_token", error_description=""#),
        "{case}: {challenge}"
    );
}

fn b64(json: &Value) -> String {
    URL_SAFE_NO_PAD.encode(json.to_string())
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The RESTRICTED actor of [`CONFIDENTIAL`], seated in Fès-Meknès (the FES circumscription).
async fn confidential_actor(app: &TestApp) -> i64 {
    let mut actor = NewActor::public(ActorKind::Association, "Cercle confidentiel de Fès");
    actor.seat = Some("MA-03");
    actor.sensitivity = Sensitivity::Restricted;
    insert_actor(&app.db, actor).await
}

fn total(data: &Value) -> i64 {
    data["actors"]["totalCount"].as_i64().unwrap()
}

#[tokio::test]
async fn bad_tokens_are_refused_with_401_before_anything_runs() {
    let rsa = idp_key("rsa-1.pem", Algorithm::RS256, "idp-rsa-1");
    let stranger = idp_key("rsa-2.pem", Algorithm::RS256, "idp-unknown");
    let (app, _dir, _jwks) = spawn_with_jwks(&[&rsa]).await;
    let valid = TokenClaims::new("COORDINATOR", "mallory");

    // Algorithm confusion: HS256 with the RSA public key (as an attacker can fetch it) for the
    // secret, naming the RSA key, and again without naming it.
    let rsa_public = fixture("rsa-1.pub.pem");
    let confused_key = EncodingKey::from_secret(&rsa_public).unwrap();
    let mut confused_header = Header::new(Algorithm::HS256);
    confused_header.kid = Some(rsa.kid.clone());
    let confused = jsonwebtoken::encode(&confused_header, &valid, &confused_key).unwrap();
    let confused_without_kid =
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &valid, &confused_key).unwrap();

    // Tampered: an officer's valid token whose payload is rewritten to make it an admin.
    let officer = app.token("OFFICER", Some("FES"), None);
    let parts: Vec<&str> = officer.split('.').collect();
    let escalated = TokenClaims::new("ADMIN", "test-officer");
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(&serde_json::to_value(&escalated).unwrap()),
        parts[2]
    );

    let alg_none = format!(
        "{}.{}.",
        b64(&json!({ "alg": "none", "typ": "JWT" })),
        b64(&serde_json::to_value(&valid).unwrap())
    );

    let mint = |claims: &TokenClaims| app.mint(claims);
    let cases: Vec<(&str, String, &str)> = vec![
        ("alg none", alg_none, "algorithm `none` is not allowed"),
        (
            "HS256 signed with the RSA public key, naming the RSA key",
            confused,
            "algorithm HS256 is not allowed for this key",
        ),
        (
            "HS256 signed with the RSA public key",
            confused_without_kid,
            "invalid signature",
        ),
        (
            "expired",
            mint(&valid.clone().expires_at(Some(now() - 120))),
            "token expired",
        ),
        (
            "not yet valid",
            mint(&valid.clone().not_before(now() + 120)),
            "not yet valid",
        ),
        (
            "no exp",
            mint(&valid.clone().expires_at(None)),
            "`exp` claim is missing",
        ),
        (
            "wrong iss",
            mint(&valid.clone().issuer("someone-else")),
            "wrong issuer",
        ),
        (
            "wrong aud",
            mint(&valid.clone().audience("another-api")),
            "wrong audience",
        ),
        ("tampered payload", tampered, "invalid signature"),
        ("unknown kid", stranger.sign(&valid), "unknown key id"),
        ("garbage", "not-a-token".to_owned(), "malformed token"),
        (
            "garbage in three parts",
            "a.b.c".to_owned(),
            "malformed token",
        ),
        (
            "unknown role",
            mint(&TokenClaims::new("SUPERUSER", "mallory")),
            "unknown role `SUPERUSER`",
        ),
        (
            "officer without circumscription",
            mint(&TokenClaims::new("OFFICER", "mallory")),
            "an OFFICER token needs a `circumscription`",
        ),
        (
            "partner without actor",
            mint(&TokenClaims::new("PARTNER", "mallory")),
            "a PARTNER token needs an `actor`",
        ),
        (
            "signed with another secret",
            partner_hub::auth::jwt::mint(b"another-secret-another-secret-another", &valid),
            "invalid signature",
        ),
    ];
    let mut requests: Vec<(&str, String, &str)> = cases
        .into_iter()
        .map(|(case, token, reason)| (case, format!("Bearer {token}"), reason))
        .collect();
    requests.push((
        "another scheme",
        "Basic dXNlcjpwYXNz".to_owned(),
        "use the Bearer scheme",
    ));
    requests.push(("an empty bearer token", "Bearer ".to_owned(), "empty"));
    let query = json!({ "query": "{ actors { totalCount } }" });
    for (case, authorization, reason) in &requests {
        let answer = post(&app, Some(authorization), &query).await;
        assert_refused(case, &answer);
        let message = answer.2["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(reason), "{case}: {message}");
    }

    // A refused token costs no SQL statement. Measured on a second pass: during the first, the
    // hub's start-up housekeeping may still be sending its own statement.
    let before = app.sql_statements();
    for (case, authorization, _) in &requests {
        let (status, _, _) = post(&app, Some(authorization), &query).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{case}");
    }
    assert_eq!(
        app.sql_statements(),
        before,
        "a refused token must not reach the database"
    );

    // The reason is given, in the body and in the challenge.
    let (_, headers, body) = post(
        &app,
        Some(&format!(
            "Bearer {}",
            app.mint(&valid.clone().expires_at(Some(now() - 120)))
        )),
        &query,
    )
    .await;
    assert_eq!(
        body["errors"][0]["message"],
        "authentication failed: token expired"
    );
    assert_eq!(
        headers["www-authenticate"],
        r#"Bearer error="invalid_token", error_description="token expired""#
    );
}

#[tokio::test]
async fn a_refused_token_is_refused_on_get_and_in_batches_too() {
    let app = spawn_app().await;
    let expired = app.mint(&TokenClaims::new("COORDINATOR", "c").expires_at(Some(now() - 600)));
    let bearer = format!("bearer {expired}");

    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "{ actors { totalCount } }")])
        .header("Authorization", &bearer)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body: Value = response.json().await.unwrap();
    assert_refused("GET", &(status, headers, body));

    let batch = json!([
        { "query": "{ actors { totalCount } }" },
        { "query": "{ circumscriptions { totalCount } }" }
    ]);
    assert_refused("batch", &post(&app, Some(&bearer), &batch).await);

    // The same batch with a valid token runs every operation as that viewer.
    let coordinator = format!("Bearer {}", app.token("COORDINATOR", None, None));
    let (status, _, body) = post(&app, Some(&coordinator), &batch).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 2);
    assert!(
        body[0]["errors"].is_null() && body[1]["errors"].is_null(),
        "{body}"
    );
}

#[tokio::test]
async fn a_valid_hs256_token_shows_what_its_role_may_see() {
    let app = spawn_app().await;
    let actor = confidential_actor(&app).await;
    let actor_id = partner_hub::graphql::relay::GlobalId::new(
        partner_hub::graphql::relay::NodeKind::Actor,
        actor,
    )
    .encode()
    .0;

    let anonymous = app.data(CONFIDENTIAL, json!({})).await;
    assert_eq!(total(&anonymous), 0, "anonymous sees only PUBLIC records");

    let coordinator = app.token("COORDINATOR", None, None);
    let seen = app.data_as(&coordinator, CONFIDENTIAL, json!({})).await;
    assert_eq!(total(&seen), 1, "{seen}");
    assert_eq!(
        seen["actors"]["nodes"][0]["name"],
        "Cercle confidentiel de Fès"
    );

    // Officers see a RESTRICTED record of their own circumscription only; the code's case
    // does not matter.
    let fes = app.token("OFFICER", Some("fes"), None);
    assert_eq!(total(&app.data_as(&fes, CONFIDENTIAL, json!({})).await), 1);
    let rabat = app.token("OFFICER", Some("RABAT"), None);
    assert_eq!(
        total(&app.data_as(&rabat, CONFIDENTIAL, json!({})).await),
        0
    );

    // A partner sees its own actor in full.
    let partner = app.token("PARTNER", None, Some(&actor_id));
    assert_eq!(
        total(&app.data_as(&partner, CONFIDENTIAL, json!({})).await),
        1
    );

    // Looking the viewer up costs one statement for officers and partners, none otherwise.
    let query = "{ circumscriptions { totalCount } }";
    let anonymous_cost = {
        let before = app.sql_statements();
        app.data(query, json!({})).await;
        app.sql_statements() - before
    };
    for (token, extra) in [(&coordinator, 0), (&fes, 1), (&partner, 1)] {
        let before = app.sql_statements();
        app.data_as(token, query, json!({})).await;
        assert_eq!(app.sql_statements() - before, anonymous_cost + extra);
    }

    // Circumscriptions and actors that do not exist are refused.
    let query = json!({ "query": "{ actors { totalCount } }" });
    let nowhere = app.token("OFFICER", Some("NOWHERE"), None);
    assert_refused(
        "unknown circumscription",
        &post(&app, Some(&format!("Bearer {nowhere}")), &query).await,
    );
    let ghost_id = partner_hub::graphql::relay::GlobalId::new(
        partner_hub::graphql::relay::NodeKind::Actor,
        actor + 1000,
    )
    .encode()
    .0;
    let ghost = app.token("PARTNER", None, Some(&ghost_id));
    assert_refused(
        "unknown actor",
        &post(&app, Some(&format!("Bearer {ghost}")), &query).await,
    );
}

#[tokio::test]
async fn rs256_es256_and_eddsa_tokens_from_a_jwks_file_are_accepted() {
    let rsa = idp_key("rsa-1.pem", Algorithm::RS256, "idp-rsa-1");
    let ec = idp_key("ec-p256.pem", Algorithm::ES256, "idp-ec-1");
    let ed = idp_key("ed25519.pem", Algorithm::EdDSA, "idp-ed-1");
    let (app, _dir, _jwks) = spawn_with_jwks(&[&rsa, &ec, &ed]).await;
    confidential_actor(&app).await;

    for key in [&rsa, &ec, &ed] {
        let token = key.sign(&TokenClaims::new("COORDINATOR", "idp-user"));
        let data = app.data_as(&token, CONFIDENTIAL, json!({})).await;
        assert_eq!(total(&data), 1, "{:?}: {data}", key.alg);
    }
    let officer = ed.sign(&TokenClaims::new("OFFICER", "idp-officer").circumscription("FES"));
    assert_eq!(
        total(&app.data_as(&officer, CONFIDENTIAL, json!({})).await),
        1
    );

    // Each key admits its own algorithm only: an EdDSA key named on an RS256 token fails.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(ed.kid.clone());
    let mismatched =
        jsonwebtoken::encode(&header, &TokenClaims::new("ADMIN", "x"), &rsa.key).unwrap();
    let query = json!({ "query": "{ actors { totalCount } }" });
    assert_refused(
        "RS256 token naming an EdDSA key",
        &post(&app, Some(&format!("Bearer {mismatched}")), &query).await,
    );
    // The hub's own HS256 tokens still work beside the JWKS keys.
    let own = app.token("COORDINATOR", None, None);
    assert_eq!(total(&app.data_as(&own, CONFIDENTIAL, json!({})).await), 1);
}

#[tokio::test]
async fn jwks_keys_rotate_without_a_restart() {
    let old = idp_key("rsa-1.pem", Algorithm::RS256, "2026-01");
    let new = idp_key("rsa-2.pem", Algorithm::RS256, "2026-02");
    let (app, _dir, jwks) = spawn_with_jwks(&[&old]).await;
    let claims = TokenClaims::new("COORDINATOR", "idp-user");
    let query = json!({ "query": "{ actors { totalCount } }" });
    let old_token = format!("Bearer {}", old.sign(&claims));
    let new_token = format!("Bearer {}", new.sign(&claims));

    assert_eq!(post(&app, Some(&old_token), &query).await.0, StatusCode::OK);
    assert_refused(
        "a key not yet published",
        &post(&app, Some(&new_token), &query).await,
    );

    // The identity provider rotates: the new key replaces the old one in the file.
    write_jwks(&jwks, &[&new]);
    let (status, _, body) = post(&app, Some(&new_token), &query).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_refused(
        "a key no longer published",
        &post(&app, Some(&old_token), &query).await,
    );
}

#[tokio::test]
async fn tokens_signed_with_the_secret_file_are_accepted() {
    // The secret file is generated by the hub on first start (as `partner-hub token` would
    // find it); a token signed with its content is accepted.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hub.jwt-secret");
    let auth = AuthArgs {
        jwt_secret_file: Some(file.clone()),
        ..AuthArgs::default()
    };
    let app = spawn_app_with_auth(crate::helpers::test_limits(), auth).await;
    let secret = std::fs::read_to_string(&file).unwrap();
    assert_eq!(secret.trim().len(), 64, "32 random bytes as hex");
    let token = partner_hub::auth::jwt::mint(
        secret.trim().as_bytes(),
        &TokenClaims::new("COORDINATOR", "c"),
    );
    confidential_actor(&app).await;
    assert_eq!(
        total(&app.data_as(&token, CONFIDENTIAL, json!({})).await),
        1
    );
    // The test helper signs with the same file.
    let helper = app.token("COORDINATOR", None, None);
    assert_eq!(
        total(&app.data_as(&helper, CONFIDENTIAL, json!({})).await),
        1
    );
    // Another hub's secret is not this hub's.
    let foreign = partner_hub::auth::jwt::mint(
        TEST_JWT_SECRET.as_bytes(),
        &TokenClaims::new("COORDINATOR", "c"),
    );
    let query = json!({ "query": "{ actors { totalCount } }" });
    assert_refused(
        "another hub's token",
        &post(&app, Some(&format!("Bearer {foreign}")), &query).await,
    );
}
