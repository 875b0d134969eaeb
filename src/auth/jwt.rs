//! Tokens: verifying a bearer token into a [`Viewer`], and minting HS256 tokens.
//!
//! The token contract (shared/DESIGN.md §5): `iss` and `aud` (both `partner-hub` unless
//! configured), `exp` (required), `nbf` (checked when present), `sub` (required), `role` (one of
//! PARTNER, OFFICER, COORDINATOR, ADMIN), `circumscription` (a circumscription code; required for
//! OFFICER) and `actor` (an actor's global ID; required for PARTNER). Claims a role does not use
//! are ignored.
//!
//! Which key verifies a token is decided by its header, never by the token alone:
//!
//! - no `kid`: the hub's HS256 secret, and HS256 only;
//! - a `kid`: that key of the JWKS file, with the one algorithm the key admits (RS256, ES256,
//!   EdDSA …). HS256 is never accepted for a JWKS key, so a token "signed" with a public key as
//!   an HMAC secret (algorithm confusion) is refused. An unknown `kid` is refused.
//!
//! A verified token becomes a [`Viewer`] once its circumscription (officers) or actor (partners)
//! is found in the database: one small query for those roles, none for coordinators and admins.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::keys::{self, JwksFile, Secret};
use super::{Role, Viewer};
use crate::config::{AuthArgs, DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER};
use crate::db::Database;
use crate::error::{AppError, AppResult};
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::services::{self, ServiceContext};

/// How long a token minted without an explicit lifetime is valid.
pub const DEFAULT_TTL: Duration = Duration::from_secs(12 * 3600);

/// The most clock skew a deployment may tolerate on `exp` and `nbf`.
pub const MAX_LEEWAY_SECS: u64 = 60;

impl Role {
    /// The role named by a token's `role` claim (`PARTNER` …); anonymous is not a claim.
    pub fn from_claim(claim: &str) -> Option<Self> {
        match claim {
            "PARTNER" => Some(Self::Partner),
            "OFFICER" => Some(Self::Officer),
            "COORDINATOR" => Some(Self::Coordinator),
            "ADMIN" => Some(Self::Admin),
            _ => None,
        }
    }

    /// The `role` claim of this role (`ANONYMOUS` for the anonymous viewer, which no token
    /// carries).
    pub fn as_claim(self) -> &'static str {
        match self {
            Self::Anonymous => "ANONYMOUS",
            Self::Partner => "PARTNER",
            Self::Officer => "OFFICER",
            Self::Coordinator => "COORDINATOR",
            Self::Admin => "ADMIN",
        }
    }
}

/// The claims of a token, as minted; a builder for tests and `partner-hub token`.
///
/// `role` is a plain string so that tests can mint tokens the hub must refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    pub sub: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circumscription: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

impl TokenClaims {
    /// Claims for `role` (`"OFFICER"` …) and `subject`, issued now for [`DEFAULT_TTL`], with the
    /// default issuer and audience.
    pub fn new(role: &str, subject: &str) -> Self {
        let now = now_secs();
        Self {
            sub: subject.to_owned(),
            role: role.to_owned(),
            circumscription: None,
            actor: None,
            iss: DEFAULT_JWT_ISSUER.to_owned(),
            aud: DEFAULT_JWT_AUDIENCE.to_owned(),
            iat: now,
            exp: Some(now.saturating_add(secs(DEFAULT_TTL))),
            nbf: None,
        }
    }

    pub fn circumscription(mut self, code: impl Into<String>) -> Self {
        self.circumscription = Some(code.into());
        self
    }

    /// The partner's actor, as its global ID.
    pub fn actor(mut self, global_id: impl Into<String>) -> Self {
        self.actor = Some(global_id.into());
        self
    }

    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.iss = iss.into();
        self
    }

    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.aud = aud.into();
        self
    }

    /// Valid for `ttl` from its issue time.
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.exp = Some(self.iat.saturating_add(secs(ttl)));
        self
    }

    /// `exp` as a Unix time (seconds); `None` mints a token without `exp`, which is refused.
    pub fn expires_at(mut self, exp: Option<i64>) -> Self {
        self.exp = exp;
        self
    }

    /// `nbf` as a Unix time (seconds).
    pub fn not_before(mut self, nbf: i64) -> Self {
        self.nbf = Some(nbf);
        self
    }
}

fn secs(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// Mints an HS256 token for `claims` with `secret`.
///
/// For tests and tools; the hub itself uses [`try_mint`]. An empty secret cannot sign (and is
/// never accepted by a verifier): it gives an empty string.
pub fn mint(secret: &[u8], claims: &TokenClaims) -> String {
    try_mint(secret, claims).unwrap_or_default()
}

/// Mints an HS256 token for `claims` with `secret`.
pub fn try_mint(secret: &[u8], claims: &TokenClaims) -> anyhow::Result<String> {
    let key = EncodingKey::from_secret(secret)
        .map_err(|e| anyhow::anyhow!("cannot sign with this secret: {e}"))?;
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key)
        .map_err(|e| anyhow::anyhow!("cannot sign the token: {e}"))
}

/// The claims the hub reads once the signature and the registered claims have been checked.
#[derive(Debug, Deserialize)]
struct ContractClaims {
    sub: String,
    role: String,
    #[serde(default)]
    circumscription: Option<String>,
    #[serde(default)]
    actor: Option<String>,
}

/// A token whose signature and claims are valid, before its circumscription or actor is looked
/// up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    pub subject: String,
    pub role: Role,
    /// The officer's circumscription code, as the token gives it.
    pub circumscription: Option<String>,
    /// The partner's actor (database id, decoded from its global ID).
    pub actor_id: Option<i64>,
}

/// Verifies tokens; built once at start-up and shared by every request.
pub struct Authenticator {
    secret: Option<(Secret, DecodingKey)>,
    jwks: Option<JwksFile>,
    issuer: String,
    audience: String,
    leeway: u64,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("secret", &self.secret.as_ref().map(|(s, _)| &s.source))
            .field("jwks", &self.jwks)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("leeway", &self.leeway)
            .finish()
    }
}

fn unauthenticated(reason: impl Into<String>) -> AppError {
    AppError::Unauthenticated(reason.into())
}

impl Authenticator {
    /// Resolves the secret (generating the file beside a SQLite database if needed) and loads
    /// the JWKS file, as `serve` does. Fails with a message an operator can act on.
    pub fn from_args(args: &AuthArgs, database_url: &str) -> anyhow::Result<Self> {
        let secret = keys::resolve_secret(args, database_url)?;
        let jwks = args.jwks_file.as_deref().map(JwksFile::open).transpose()?;
        Self::new(secret, jwks, args)
    }

    fn new(
        secret: Option<Secret>,
        jwks: Option<JwksFile>,
        args: &AuthArgs,
    ) -> anyhow::Result<Self> {
        if args.jwt_leeway_secs > MAX_LEEWAY_SECS {
            anyhow::bail!("the JWT leeway is at most {MAX_LEEWAY_SECS} seconds");
        }
        if args.jwt_issuer.is_empty() || args.jwt_audience.is_empty() {
            anyhow::bail!("the JWT issuer and audience may not be empty");
        }
        let secret = match secret {
            Some(secret) => {
                let key = DecodingKey::from_secret(&secret.bytes)
                    .map_err(|e| anyhow::anyhow!("unusable JWT secret: {e}"))?;
                Some((secret, key))
            }
            None => None,
        };
        Ok(Self {
            secret,
            jwks,
            issuer: args.jwt_issuer.clone(),
            audience: args.jwt_audience.clone(),
            leeway: args.jwt_leeway_secs,
        })
    }

    /// A one-line account of how tokens are verified, for the start-up log.
    pub fn describe(&self) -> String {
        let hs256 = match &self.secret {
            Some((secret, _)) => format!("HS256 with the secret from {}", secret.source),
            None => "HS256 off".to_owned(),
        };
        let jwks = match &self.jwks {
            Some(jwks) => format!("; JWKS {} ({} keys)", jwks.path().display(), jwks.len()),
            None => String::new(),
        };
        format!(
            "{hs256}{jwks}; iss `{}`, aud `{}`, leeway {} s",
            self.issuer, self.audience, self.leeway
        )
    }

    /// Claims for `role` and `subject` with the configured issuer and audience.
    pub fn claims(&self, role: Role, subject: &str) -> TokenClaims {
        TokenClaims::new(role.as_claim(), subject)
            .issuer(self.issuer.clone())
            .audience(self.audience.clone())
    }

    /// Mints an HS256 token with the hub's secret; `None` when HS256 is off.
    pub fn mint(&self, claims: &TokenClaims) -> Option<anyhow::Result<String>> {
        self.secret
            .as_ref()
            .map(|(secret, _)| try_mint(&secret.bytes, claims))
    }

    /// Checks the token's signature and claims (no database access).
    pub fn verify(&self, token: &str) -> AppResult<VerifiedToken> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| header_error(token))?;
        if header.crit.is_some() {
            return Err(unauthenticated(
                "critical header extensions are not supported",
            ));
        }
        let jwks_key;
        let (key, algorithm) = match &header.kid {
            Some(kid) => {
                jwks_key = self
                    .jwks
                    .as_ref()
                    .and_then(|jwks| jwks.find(kid))
                    .ok_or_else(|| unauthenticated("unknown key id (`kid`)"))?;
                (&jwks_key.key, jwks_key.algorithm)
            }
            None => {
                let (_, key) = self.secret.as_ref().ok_or_else(|| {
                    unauthenticated("the token names no key (`kid`) and HS256 is off")
                })?;
                (key, Algorithm::HS256)
            }
        };
        if header.alg != algorithm {
            return Err(unauthenticated(format!(
                "algorithm {:?} is not allowed for this key",
                header.alg
            )));
        }
        let mut validation = Validation::new(algorithm);
        validation.leeway = self.leeway;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        validation.set_issuer(&[self.issuer.as_str()]);
        validation.set_audience(&[self.audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let claims = jsonwebtoken::decode::<ContractClaims>(token, key, &validation)
            .map_err(|e| claim_error(e.kind()))?
            .claims;
        contract(claims)
    }

    /// The viewer of a verified token: its circumscription or actor looked up (one query for
    /// officers and partners, none for coordinators and admins).
    pub async fn viewer(&self, db: &Database, token: &str) -> AppResult<Viewer> {
        let verified = self.verify(token)?;
        resolve(db, verified).await
    }

    /// The viewer of a request's `Authorization` header value (`Bearer <token>`, any case for
    /// the scheme).
    pub async fn viewer_from_authorization(
        &self,
        db: &Database,
        authorization: &str,
    ) -> AppResult<Viewer> {
        let token = bearer_token(authorization)?;
        self.viewer(db, token).await
    }

    /// The viewer of a WebSocket `connection_init` payload: `{"Authorization": "Bearer …"}`
    /// (or `authorization`). No payload, or none of these keys: anonymous.
    pub async fn viewer_from_connection_init(
        &self,
        db: &Database,
        payload: Option<&serde_json::Value>,
    ) -> AppResult<Viewer> {
        let object = match payload {
            None | Some(serde_json::Value::Null) => return Ok(Viewer::anonymous()),
            Some(serde_json::Value::Object(object)) => object,
            Some(_) => {
                return Err(unauthenticated(
                    "the connection_init payload must be a JSON object",
                ));
            }
        };
        match object
            .get("Authorization")
            .or_else(|| object.get("authorization"))
        {
            None | Some(serde_json::Value::Null) => Ok(Viewer::anonymous()),
            Some(serde_json::Value::String(value)) => {
                self.viewer_from_authorization(db, value).await
            }
            Some(_) => Err(unauthenticated(
                "the Authorization entry of connection_init must be a string",
            )),
        }
    }
}

/// The token of an `Authorization: Bearer <token>` value.
pub fn bearer_token(authorization: &str) -> AppResult<&str> {
    let value = authorization.trim();
    let (scheme, token) = value
        .split_once(|c: char| c.is_ascii_whitespace())
        .unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(unauthenticated(
            "use the Bearer scheme: `Authorization: Bearer <token>`",
        ));
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(unauthenticated("the bearer token is empty"));
    }
    Ok(token)
}

/// Why a token's header cannot be used: an algorithm we never accept (`none` …) gets its own
/// message.
fn header_error(token: &str) -> AppError {
    let alg = token
        .split('.')
        .next()
        .and_then(|part| URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok())
        .and_then(|raw| serde_json::from_slice::<serde_json::Value>(&raw).ok())
        .and_then(|header| {
            header
                .get("alg")
                .and_then(|a| a.as_str())
                .map(str::to_owned)
        });
    match alg {
        Some(alg) if alg.parse::<Algorithm>().is_err() => {
            unauthenticated(format!("algorithm `{}` is not allowed", printable(&alg)))
        }
        _ => unauthenticated("malformed token"),
    }
}

/// At most 20 printable ASCII characters of client text, for messages.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\')
        .take(20)
        .collect()
}

fn claim_error(kind: &ErrorKind) -> AppError {
    let reason = match kind {
        ErrorKind::ExpiredSignature => "token expired".to_owned(),
        ErrorKind::ImmatureSignature => "token not yet valid (`nbf`)".to_owned(),
        ErrorKind::InvalidIssuer => "wrong issuer (`iss`)".to_owned(),
        ErrorKind::InvalidAudience => "wrong audience (`aud`)".to_owned(),
        ErrorKind::InvalidSignature => "invalid signature".to_owned(),
        ErrorKind::MissingRequiredClaim(claim) => format!("the `{claim}` claim is missing"),
        ErrorKind::InvalidClaimFormat(claim) => format!("the `{claim}` claim is malformed"),
        ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidAlgorithmName
        | ErrorKind::UnsupportedAlgorithm
        | ErrorKind::MissingAlgorithm => "algorithm not allowed".to_owned(),
        ErrorKind::InvalidToken
        | ErrorKind::Base64(_)
        | ErrorKind::Json(_)
        | ErrorKind::Utf8(_) => "malformed token".to_owned(),
        other => {
            tracing::warn!(error = ?other, "a token could not be verified");
            "the token cannot be verified".to_owned()
        }
    };
    unauthenticated(reason)
}

/// The contract's own rules on verified claims.
fn contract(claims: ContractClaims) -> AppResult<VerifiedToken> {
    let subject = claims.sub.trim();
    if subject.is_empty() {
        return Err(unauthenticated("the `sub` claim is empty"));
    }
    let role = Role::from_claim(&claims.role).ok_or_else(|| {
        unauthenticated(format!(
            "unknown role `{}` (PARTNER, OFFICER, COORDINATOR or ADMIN)",
            printable(&claims.role)
        ))
    })?;
    let mut verified = VerifiedToken {
        subject: subject.to_owned(),
        role,
        circumscription: None,
        actor_id: None,
    };
    match role {
        Role::Officer => {
            let code = claims
                .circumscription
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .ok_or_else(|| unauthenticated("an OFFICER token needs a `circumscription`"))?;
            verified.circumscription = Some(code);
        }
        Role::Partner => {
            let actor = claims
                .actor
                .filter(|a| !a.trim().is_empty())
                .ok_or_else(|| unauthenticated("a PARTNER token needs an `actor`"))?;
            let id = GlobalId::decode_as(actor.trim(), NodeKind::Actor, "actor")
                .map_err(|_| unauthenticated("the `actor` claim is not an actor's ID"))?;
            verified.actor_id = Some(id);
        }
        Role::Coordinator | Role::Admin | Role::Anonymous => {}
    }
    Ok(verified)
}

/// Looks up the circumscription or actor a verified token names; an unknown one is refused.
pub async fn resolve(db: &Database, verified: VerifiedToken) -> AppResult<Viewer> {
    let mut viewer = Viewer {
        subject: Some(verified.subject),
        role: verified.role,
        circumscription: None,
        circumscription_id: None,
        actor_id: None,
    };
    match verified.role {
        Role::Officer => {
            let code = verified.circumscription.unwrap_or_default();
            let svc = ServiceContext::new(db.clone(), Viewer::anonymous());
            let found = services::circumscriptions::by_code(&svc, &code)
                .await?
                .ok_or_else(|| {
                    unauthenticated(format!("unknown circumscription `{}`", printable(&code)))
                })?;
            viewer.circumscription = Some(found.code);
            viewer.circumscription_id = Some(found.id);
        }
        Role::Partner => {
            let actor = verified.actor_id.unwrap_or_default();
            // The partner a token speaks for sees its own actor in full, so looking it up as
            // that viewer finds it whatever its sensitivity.
            viewer.actor_id = Some(actor);
            let svc = ServiceContext::new(db.clone(), viewer.clone());
            let found = services::actors::by_ids(&svc, &[actor]).await?;
            if !found.contains_key(&actor) {
                return Err(unauthenticated("unknown actor"));
            }
        }
        Role::Coordinator | Role::Admin | Role::Anonymous => {}
    }
    Ok(viewer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn authenticator() -> Authenticator {
        let args = AuthArgs {
            jwt_secret: Some(String::from_utf8(SECRET.to_vec()).unwrap()),
            ..AuthArgs::default()
        };
        Authenticator::from_args(&args, "sqlite::memory:").unwrap()
    }

    async fn database() -> Database {
        let db = Database::connect(&crate::config::DatabaseArgs::new("sqlite::memory:"))
            .await
            .unwrap();
        crate::db::migrate_up(&db).await.unwrap();
        crate::reference::load(&db).await.unwrap();
        db
    }

    fn reason(err: AppError) -> String {
        match err {
            AppError::Unauthenticated(reason) => reason,
            other => panic!("expected UNAUTHENTICATED, got {other:?}"),
        }
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer_token("Bearer abc").unwrap(), "abc");
        assert_eq!(bearer_token("bearer   abc ").unwrap(), "abc");
        assert_eq!(bearer_token("BEARER abc").unwrap(), "abc");
        assert!(bearer_token("Basic abc").is_err());
        assert!(bearer_token("Bearer").is_err());
        assert!(bearer_token("Bearer ").is_err());
    }

    #[test]
    fn ttl_and_claims_round_trip() {
        let auth = authenticator();
        let claims = auth
            .claims(Role::Coordinator, "alice")
            .ttl(Duration::from_secs(60));
        assert_eq!(claims.exp, Some(claims.iat + 60));
        let token = mint(SECRET, &claims);
        let verified = auth.verify(&token).unwrap();
        assert_eq!(verified.subject, "alice");
        assert_eq!(verified.role, Role::Coordinator);
    }

    #[test]
    fn contract_rules() {
        let auth = authenticator();
        let verify = |claims: TokenClaims| auth.verify(&mint(SECRET, &claims)).map_err(reason);
        assert!(
            verify(TokenClaims::new("GUEST", "x"))
                .unwrap_err()
                .contains("unknown role")
        );
        assert!(verify(TokenClaims::new("ANONYMOUS", "x")).is_err());
        assert!(
            verify(TokenClaims::new("OFFICER", "x"))
                .unwrap_err()
                .contains("circumscription")
        );
        assert!(
            verify(TokenClaims::new("PARTNER", "x"))
                .unwrap_err()
                .contains("actor")
        );
        let not_an_actor = GlobalId::new(NodeKind::Project, 3).encode().0;
        assert!(
            verify(TokenClaims::new("PARTNER", "x").actor(not_an_actor))
                .unwrap_err()
                .contains("actor's ID")
        );
        assert!(
            verify(TokenClaims::new("ADMIN", " "))
                .unwrap_err()
                .contains("sub")
        );
        assert!(
            verify(TokenClaims::new("ADMIN", "x").expires_at(None))
                .unwrap_err()
                .contains("exp")
        );
        let officer = verify(TokenClaims::new("OFFICER", "x").circumscription("FES")).unwrap();
        assert_eq!(officer.circumscription.as_deref(), Some("FES"));
    }

    #[test]
    fn a_token_naming_a_key_needs_a_jwks_file() {
        let auth = authenticator();
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("somebody".to_owned());
        let key = EncodingKey::from_secret(SECRET).unwrap();
        let token = jsonwebtoken::encode(&header, &TokenClaims::new("ADMIN", "x"), &key).unwrap();
        assert!(reason(auth.verify(&token).unwrap_err()).contains("kid"));
    }

    #[test]
    fn alg_none_is_named_in_the_refusal() {
        let auth = authenticator();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let body =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&TokenClaims::new("ADMIN", "x")).unwrap());
        let reason = reason(auth.verify(&format!("{header}.{body}.")).unwrap_err());
        assert!(reason.contains("`none`"), "{reason}");
    }

    #[test]
    fn the_leeway_is_bounded() {
        let args = AuthArgs {
            jwt_secret: Some(String::from_utf8(SECRET.to_vec()).unwrap()),
            jwt_leeway_secs: 61,
            ..AuthArgs::default()
        };
        assert!(Authenticator::from_args(&args, "sqlite::memory:").is_err());
    }

    #[tokio::test]
    async fn connection_init_payloads() {
        let auth = authenticator();
        let db = database().await;
        let coordinator = mint(SECRET, &TokenClaims::new("COORDINATOR", "c"));
        let officer = mint(
            SECRET,
            &TokenClaims::new("OFFICER", "o").circumscription("fes"),
        );

        let anonymous = Viewer::anonymous();
        for payload in [
            None,
            Some(serde_json::Value::Null),
            Some(serde_json::json!({})),
        ] {
            let viewer = auth
                .viewer_from_connection_init(&db, payload.as_ref())
                .await
                .unwrap();
            assert_eq!(viewer, anonymous);
        }
        for key in ["Authorization", "authorization"] {
            let payload = serde_json::json!({ key: format!("Bearer {coordinator}") });
            let viewer = auth
                .viewer_from_connection_init(&db, Some(&payload))
                .await
                .unwrap();
            assert_eq!(viewer.role, Role::Coordinator);
            assert_eq!(viewer.subject.as_deref(), Some("c"));
        }
        let payload = serde_json::json!({ "Authorization": format!("bearer {officer}") });
        let viewer = auth
            .viewer_from_connection_init(&db, Some(&payload))
            .await
            .unwrap();
        assert_eq!(viewer.role, Role::Officer);
        assert_eq!(viewer.circumscription.as_deref(), Some("FES"));
        assert!(viewer.circumscription_id.is_some());

        for payload in [
            serde_json::json!({ "Authorization": "Bearer garbage" }),
            serde_json::json!({ "Authorization": coordinator }),
            serde_json::json!({ "Authorization": 42 }),
            serde_json::json!("Bearer x"),
        ] {
            let err = auth
                .viewer_from_connection_init(&db, Some(&payload))
                .await
                .unwrap_err();
            reason(err);
        }
        db.close().await.unwrap();
    }

    #[tokio::test]
    async fn unknown_circumscriptions_and_actors_are_refused() {
        let auth = authenticator();
        let db = database().await;
        let officer = mint(
            SECRET,
            &TokenClaims::new("OFFICER", "o").circumscription("NOWHERE"),
        );
        let err = auth.viewer(&db, &officer).await.unwrap_err();
        assert!(reason(err).contains("unknown circumscription"));
        let ghost = GlobalId::new(NodeKind::Actor, 999_999).encode().0;
        let partner = mint(SECRET, &TokenClaims::new("PARTNER", "p").actor(ghost));
        let err = auth.viewer(&db, &partner).await.unwrap_err();
        assert!(reason(err).contains("unknown actor"));
        db.close().await.unwrap();
    }
}
