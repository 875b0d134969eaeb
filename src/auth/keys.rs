//! Key material for token verification: the HS256 secret and the public keys of a JWKS file.
//!
//! The secret is, in order: `--jwt-secret` (`PARTNER_HUB_JWT_SECRET`); the file of
//! `--jwt-secret-file`; the file `<sqlite file>.jwt-secret` beside a SQLite database. Either file
//! is generated on first use (32 random bytes written as 64 hex digits, owner-only, created
//! atomically and never overwritten), so `serve`, `serve --demo` and `token` agree without any
//! configuration. The secret is the file's text without its trailing newline: exporting
//! `PARTNER_HUB_JWT_SECRET="$(cat partner-hub.db.jwt-secret)"` gives the same key. PostgreSQL has
//! no file to sit beside: there, with neither a secret nor a secret file, HS256 is off if a
//! JWKS file is configured, and the hub refuses to start otherwise.
//!
//! A JWKS file is checked for changes (modification time, size, inode) at most once a second,
//! and at once when a token names a key it does not hold, so an identity provider's keys can
//! rotate without a restart. Every key admits exactly one algorithm, decided by the key itself
//! (`kty`, `crv`, `alg`); symmetric (`oct`) keys are refused, so a JWKS key never verifies HS256.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};

use crate::config::AuthArgs;

/// The shortest HS256 secret accepted (RFC 7518 §3.2: at least the hash size).
pub const MIN_SECRET_BYTES: usize = 32;

/// How often, at most, a JWKS file is checked for changes while the keys asked for are known.
const JWKS_RECHECK: Duration = Duration::from_secs(1);

/// The smallest RSA modulus accepted from a JWKS file, in bytes (2048 bits).
const MIN_RSA_MODULUS_BYTES: usize = 256;

/// The HS256 secret and where it came from.
pub struct Secret {
    pub bytes: Vec<u8>,
    pub source: SecretSource,
}

/// Never prints the secret.
impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secret")
            .field("bytes", &"[redacted]")
            .field("source", &self.source)
            .finish()
    }
}

/// Where the HS256 secret came from (for the start-up log; never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// `--jwt-secret` / `PARTNER_HUB_JWT_SECRET`.
    Configured,
    /// A secret file that already existed.
    File(PathBuf),
    /// A secret file generated just now.
    Generated(PathBuf),
    /// An in-memory SQLite database: a secret that lives as long as the process.
    Ephemeral,
}

impl std::fmt::Display for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Configured => f.write_str("PARTNER_HUB_JWT_SECRET"),
            Self::File(path) => write!(f, "the file {}", path.display()),
            Self::Generated(path) => write!(f, "the file {} (generated)", path.display()),
            Self::Ephemeral => f.write_str("a secret generated for this process only"),
        }
    }
}

/// The HS256 secret the configuration names (see the module documentation), or `None` when
/// HS256 is off (PostgreSQL with a JWKS file and no secret).
pub fn resolve_secret(args: &AuthArgs, database_url: &str) -> anyhow::Result<Option<Secret>> {
    if let Some(secret) = &args.jwt_secret {
        check_length(secret.as_bytes(), "PARTNER_HUB_JWT_SECRET (--jwt-secret)")?;
        return Ok(Some(Secret {
            bytes: secret.as_bytes().to_vec(),
            source: SecretSource::Configured,
        }));
    }
    if let Some(path) = &args.jwt_secret_file {
        return load_or_create_secret(path).map(Some);
    }
    if database_url.starts_with("sqlite:") {
        return match secret_file_beside(database_url) {
            Some(path) => load_or_create_secret(&path).map(Some),
            None => Ok(Some(Secret {
                bytes: random_hex_secret()?.into_bytes(),
                source: SecretSource::Ephemeral,
            })),
        };
    }
    if args.jwks_file.is_some() {
        return Ok(None);
    }
    anyhow::bail!(
        "no JWT secret configured. On PostgreSQL, set PARTNER_HUB_JWT_SECRET (at least \
         {MIN_SECRET_BYTES} bytes) or --jwt-secret-file FILE (generated if missing), or verify \
         an identity provider's tokens with --jwks-file FILE"
    )
}

/// `<file>.jwt-secret` beside the SQLite file of `database_url`; `None` for an in-memory
/// database.
pub fn secret_file_beside(database_url: &str) -> Option<PathBuf> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let in_memory = path.is_empty() || path == ":memory:" || query.contains("mode=memory");
    if in_memory {
        return None;
    }
    let mut file = PathBuf::from(path).into_os_string();
    file.push(".jwt-secret");
    Some(PathBuf::from(file))
}

fn check_length(secret: &[u8], what: &str) -> anyhow::Result<()> {
    if secret.len() < MIN_SECRET_BYTES {
        anyhow::bail!(
            "{what} is too short: an HS256 secret needs at least {MIN_SECRET_BYTES} bytes"
        );
    }
    Ok(())
}

/// Reads the secret file at `path`, or creates it if it does not exist.
pub fn load_or_create_secret(path: &Path) -> anyhow::Result<Secret> {
    let cannot_read = || format!("cannot read the JWT secret file {}", path.display());
    let (bytes, source) = match read_secret(path) {
        Ok(bytes) => (bytes, SecretSource::File(path.to_owned())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let created = create_secret_file(path)
                .with_context(|| format!("cannot create the JWT secret file {}", path.display()))?;
            let bytes = read_secret(path).with_context(cannot_read)?;
            if created {
                tracing::info!(file = %path.display(), "generated a JWT secret");
                (bytes, SecretSource::Generated(path.to_owned()))
            } else {
                (bytes, SecretSource::File(path.to_owned()))
            }
        }
        Err(err) => return Err(anyhow::Error::from(err).context(cannot_read())),
    };
    check_length(&bytes, &format!("the JWT secret in {}", path.display()))?;
    Ok(Secret { bytes, source })
}

/// The file's text without surrounding whitespace; warns when others may read it.
fn read_secret(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                file = %path.display(),
                mode = format!("{:o}", mode & 0o777),
                "the JWT secret file is readable by others; run `chmod 600` on it"
            );
        }
    }
    Ok(bytes.trim_ascii().to_vec())
}

/// 32 random bytes as 64 lowercase hex digits.
fn random_hex_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness available: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes a fresh secret to a temporary file (owner-only) beside `path`, then links it into
/// place: the link fails if `path` exists, so a secret is never overwritten, even when two
/// processes start together. Returns whether this call created the file.
fn create_secret_file(path: &Path) -> anyhow::Result<bool> {
    let secret = random_hex_secret()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "jwt-secret".to_owned());
    let temp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = (|| -> std::io::Result<()> {
        let mut file = options.open(&temp)?;
        file.write_all(secret.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(err.into());
    }
    let created = match std::fs::hard_link(&temp, path) {
        Ok(()) => true,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => false,
        // A file system without hard links: rename, which is atomic but would replace a file
        // created in the meantime, so only when there is still none.
        Err(_) if !path.exists() => {
            std::fs::rename(&temp, path)?;
            true
        }
        Err(_) => false,
    };
    let _ = std::fs::remove_file(&temp);
    if created && let Ok(dir) = std::fs::File::open(dir) {
        // Make the new name durable too (best effort: not every platform syncs directories).
        let _ = dir.sync_all();
    }
    Ok(created)
}

/// A public key of a JWKS file and the one algorithm it verifies.
#[derive(Clone)]
pub struct VerifyingKey {
    pub algorithm: Algorithm,
    pub key: DecodingKey,
}

/// A JWKS file, re-read when it changes.
pub struct JwksFile {
    path: PathBuf,
    state: RwLock<JwksState>,
}

impl std::fmt::Debug for JwksFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("JwksFile")
            .field("path", &self.path)
            .field("kids", &state.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

struct JwksState {
    keys: Arc<HashMap<String, VerifyingKey>>,
    fingerprint: Option<Fingerprint>,
    checked: Instant,
}

/// What tells a changed file from an unchanged one without reading it. The inode catches a
/// file replaced by rename within the resolution of the modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Fingerprint {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

impl JwksFile {
    /// Loads the file; fails if it cannot be read or holds no usable key.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let fingerprint = fingerprint(path);
        let keys = load_jwks(path)?;
        if keys.is_empty() {
            anyhow::bail!(
                "the JWKS file {} holds no usable key (RSA of 2048 bits or more, EC P-256/P-384, \
                 or Ed25519, each with a `kid`)",
                path.display()
            );
        }
        Ok(Self {
            path: path.to_owned(),
            state: RwLock::new(JwksState {
                keys: Arc::new(keys),
                fingerprint,
                checked: Instant::now(),
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many keys are loaded.
    pub fn len(&self) -> usize {
        self.read().keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The key named `kid`, looking at the file again if it was last checked over a second
    /// ago or does not hold `kid`.
    pub fn find(&self, kid: &str) -> Option<VerifyingKey> {
        let (found, fresh) = {
            let state = self.read();
            (
                state.keys.get(kid).cloned(),
                state.checked.elapsed() < JWKS_RECHECK,
            )
        };
        if found.is_some() && fresh {
            return found;
        }
        self.refresh();
        self.read().keys.get(kid).cloned()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, JwksState> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Re-reads the file if it changed. A file that no longer parses keeps the keys loaded
    /// before (and is not read again until it changes).
    fn refresh(&self) {
        let now = fingerprint(&self.path);
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        state.checked = Instant::now();
        if now.is_some() && now == state.fingerprint {
            return;
        }
        let previous = state.keys.len();
        state.fingerprint = now;
        match load_jwks(&self.path) {
            Ok(keys) => {
                tracing::info!(file = %self.path.display(), keys = keys.len(), "JWKS file reloaded");
                state.keys = Arc::new(keys);
            }
            Err(err) => {
                tracing::warn!(
                    file = %self.path.display(),
                    error = format!("{err:#}"),
                    kept = previous,
                    "cannot reload the JWKS file; keeping the keys loaded before"
                );
            }
        }
    }
}

fn load_jwks(path: &Path) -> anyhow::Result<HashMap<String, VerifyingKey>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the JWKS file {}", path.display()))?;
    let (keys, skipped) = parse_jwks(&text)
        .with_context(|| format!("the JWKS file {} is not a JWK set", path.display()))?;
    for reason in skipped {
        tracing::warn!(file = %path.display(), "JWKS key ignored: {reason}");
    }
    Ok(keys)
}

/// The usable keys of a JWK set, by `kid`, and why the others were left out.
pub fn parse_jwks(text: &str) -> anyhow::Result<(HashMap<String, VerifyingKey>, Vec<String>)> {
    #[derive(serde::Deserialize)]
    struct Set {
        keys: Vec<serde_json::Value>,
    }
    let set: Set = serde_json::from_str(text)?;
    let mut keys = HashMap::new();
    let mut skipped = Vec::new();
    for (index, value) in set.keys.into_iter().enumerate() {
        let jwk: Jwk = match serde_json::from_value(value) {
            Ok(jwk) => jwk,
            Err(err) => {
                skipped.push(format!("key {index}: not a JWK ({err})"));
                continue;
            }
        };
        let Some(kid) = jwk.common.key_id.clone().filter(|k| !k.is_empty()) else {
            skipped.push(format!("key {index}: no `kid`"));
            continue;
        };
        match verifying_key(&jwk) {
            Ok(key) => {
                if keys.insert(kid.clone(), key).is_some() {
                    skipped.push(format!("`{kid}`: listed twice; the last one is used"));
                }
            }
            Err(reason) => skipped.push(format!("`{kid}`: {reason}")),
        }
    }
    Ok((keys, skipped))
}

/// The algorithm a JWK admits, decided by its type and curve (its `alg`, if given, must agree),
/// and its decoding key.
fn verifying_key(jwk: &Jwk) -> Result<VerifyingKey, String> {
    if let Some(usage) = &jwk.common.public_key_use
        && *usage != PublicKeyUse::Signature
    {
        return Err("not a signing key (`use` is not `sig`)".to_owned());
    }
    let declared = match jwk.common.key_algorithm {
        None => None,
        Some(alg) => {
            Some(Algorithm::try_from(alg).map_err(|_| format!("unsupported `alg` {alg}"))?)
        }
    };
    let algorithm = match &jwk.algorithm {
        AlgorithmParameters::RSA(params) => {
            let modulus = URL_SAFE_NO_PAD
                .decode(params.n.trim_end_matches('='))
                .map_err(|_| "the RSA modulus `n` is not base64url".to_owned())?;
            let significant = modulus.iter().skip_while(|b| **b == 0).count();
            if significant < MIN_RSA_MODULUS_BYTES {
                return Err("RSA keys under 2048 bits are refused".to_owned());
            }
            match declared {
                None => Algorithm::RS256,
                Some(
                    alg @ (Algorithm::RS256
                    | Algorithm::RS384
                    | Algorithm::RS512
                    | Algorithm::PS256
                    | Algorithm::PS384
                    | Algorithm::PS512),
                ) => alg,
                Some(other) => return Err(format!("`alg` {other:?} does not fit an RSA key")),
            }
        }
        AlgorithmParameters::EllipticCurve(params) => {
            let by_curve = match params.curve {
                EllipticCurve::P256 => Algorithm::ES256,
                EllipticCurve::P384 => Algorithm::ES384,
                _ => return Err("unsupported elliptic curve (P-256 and P-384 are)".to_owned()),
            };
            match declared {
                None => by_curve,
                Some(alg) if alg == by_curve => alg,
                Some(other) => return Err(format!("`alg` {other:?} does not fit its curve")),
            }
        }
        AlgorithmParameters::OctetKeyPair(params) => {
            if params.curve != EllipticCurve::Ed25519 {
                return Err("unsupported OKP curve (Ed25519 is)".to_owned());
            }
            match declared {
                None | Some(Algorithm::EdDSA) => Algorithm::EdDSA,
                Some(other) => return Err(format!("`alg` {other:?} does not fit an Ed25519 key")),
            }
        }
        AlgorithmParameters::OctetKey(_) => {
            return Err(
                "symmetric (`oct`) keys are refused: HS256 uses the hub's own secret".to_owned(),
            );
        }
        _ => return Err("unsupported key type".to_owned()),
    };
    let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("unusable key: {e}"))?;
    Ok(VerifyingKey { algorithm, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> AuthArgs {
        AuthArgs::default()
    }

    #[test]
    fn the_secret_file_sits_beside_a_sqlite_file() {
        assert_eq!(
            secret_file_beside("sqlite://partner-hub.db?mode=rwc"),
            Some(PathBuf::from("partner-hub.db.jwt-secret"))
        );
        assert_eq!(
            secret_file_beside("sqlite:///var/lib/hub/hub.db"),
            Some(PathBuf::from("/var/lib/hub/hub.db.jwt-secret"))
        );
        assert_eq!(secret_file_beside("sqlite::memory:"), None);
        assert_eq!(secret_file_beside("sqlite://hub.db?mode=memory"), None);
        assert_eq!(secret_file_beside("postgres://u@h/db"), None);
    }

    #[test]
    fn a_generated_secret_is_kept_owner_only_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("hub.db").display());
        let first = resolve_secret(&args(), &url).unwrap().unwrap();
        let file = dir.path().join("hub.db.jwt-secret");
        assert_eq!(first.source, SecretSource::Generated(file.clone()));
        assert_eq!(first.bytes.len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let second = resolve_secret(&args(), &url).unwrap().unwrap();
        assert_eq!(second.source, SecretSource::File(file.clone()));
        assert_eq!(second.bytes, first.bytes);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("hub.db.jwt-secret")]);
    }

    #[test]
    fn concurrent_starts_agree_on_one_secret() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("shared.jwt-secret");
        let secrets: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| load_or_create_secret(&file).unwrap().bytes))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(secrets.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn postgres_needs_a_secret_or_a_jwks_file() {
        let url = "postgres://postgres@127.0.0.1/hub";
        let err = resolve_secret(&args(), url).unwrap_err().to_string();
        assert!(err.contains("PARTNER_HUB_JWT_SECRET"), "{err}");
        let jwks_only = AuthArgs {
            jwks_file: Some(PathBuf::from("jwks.json")),
            ..args()
        };
        assert!(resolve_secret(&jwks_only, url).unwrap().is_none());
        let configured = AuthArgs {
            jwt_secret: Some("x".repeat(32)),
            ..args()
        };
        let secret = resolve_secret(&configured, url).unwrap().unwrap();
        assert_eq!(secret.source, SecretSource::Configured);
    }

    #[test]
    fn short_secrets_are_refused() {
        let short = AuthArgs {
            jwt_secret: Some("too short".to_owned()),
            ..args()
        };
        let err = resolve_secret(&short, "sqlite::memory:").unwrap_err();
        assert!(err.to_string().contains("too short"));
    }

    #[test]
    fn jwks_keys_admit_one_algorithm_each_and_symmetric_keys_are_refused() {
        let set = serde_json::json!({ "keys": [
            { "kty": "oct", "kid": "shared", "k": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0" },
            { "kty": "OKP", "kid": "ed", "crv": "Ed25519",
              "x": "qqYTxQsY0t_AAhzXxFMXsfrHKsrpD_dhsY1rSk_krnU" },
            { "kty": "OKP", "kid": "ed-as-hs", "crv": "Ed25519", "alg": "HS256",
              "x": "qqYTxQsY0t_AAhzXxFMXsfrHKsrpD_dhsY1rSk_krnU" },
            { "kty": "RSA", "kid": "tiny", "n": "AQAB", "e": "AQAB" },
            { "kty": "OKP", "crv": "Ed25519", "x": "qqYTxQsY0t_AAhzXxFMXsfrHKsrpD_dhsY1rSk_krnU" }
        ]});
        let (keys, skipped) = parse_jwks(&set.to_string()).unwrap();
        assert_eq!(keys.len(), 1, "{skipped:?}");
        assert_eq!(keys["ed"].algorithm, Algorithm::EdDSA);
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(skipped.iter().any(|s| s.contains("symmetric")));
        assert!(skipped.iter().any(|s| s.contains("2048")));
    }
}
