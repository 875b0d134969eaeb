//! Per-viewer rate limiting: a token bucket per key (the token subject, else the client's IP
//! address), kept in memory.
//!
//! Each bucket holds up to `burst` requests and refills at `per_minute` a minute. A request
//! takes one token (a batch, one per operation); an empty bucket refuses with the time until
//! the next token, which the transport sends as `Retry-After` with HTTP 429.
//!
//! Memory stays bounded: when the table reaches [`MAX_KEYS`], buckets that have refilled
//! completely (idle clients, indistinguishable from new ones) are dropped; if none has, the
//! request is refused rather than letting a flood of new keys grow the table.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most keys tracked at once.
pub const MAX_KEYS: usize = 100_000;

/// Who a request is charged to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RateKey {
    /// A verified token's subject.
    Subject(String),
    /// The client's address (anonymous requests, and refused tokens).
    Address(std::net::IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The buckets of every key.
#[derive(Debug)]
pub struct RateLimiter {
    /// Tokens added per second.
    rate: f64,
    burst: f64,
    max_keys: usize,
    buckets: Mutex<HashMap<RateKey, Bucket>>,
}

impl RateLimiter {
    /// `per_minute` requests a minute on average, `burst` at once; `per_minute = 0` turns the
    /// limiter off.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self::with_capacity(per_minute, burst, MAX_KEYS)
    }

    fn with_capacity(per_minute: u32, burst: u32, max_keys: usize) -> Self {
        Self {
            rate: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            max_keys,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the limiter refuses anything at all.
    pub fn enabled(&self) -> bool {
        self.rate > 0.0
    }

    /// Takes `cost` tokens from `key`'s bucket, or answers how long to wait before trying again.
    pub fn acquire(&self, key: &RateKey, cost: u32) -> Result<(), Duration> {
        self.acquire_at(key, cost, Instant::now())
    }

    fn acquire_at(&self, key: &RateKey, cost: u32, now: Instant) -> Result<(), Duration> {
        if !self.enabled() {
            return Ok(());
        }
        let cost = f64::from(cost.max(1));
        // A poisoned lock only means another request panicked while holding it; the table
        // itself is still consistent (every update is a plain assignment).
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !buckets.contains_key(key) && buckets.len() >= self.max_keys {
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, b| refilled(b, rate, burst, now) < burst);
            if buckets.len() >= self.max_keys {
                return Err(Duration::from_secs(1));
            }
        }
        let bucket = buckets.entry(key.clone()).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        bucket.tokens = refilled(bucket, self.rate, self.burst, now);
        bucket.updated = now;
        if bucket.tokens >= cost {
            bucket.tokens -= cost;
            Ok(())
        } else if cost > self.burst {
            // More than a full bucket can ever hold: waiting will not help.
            Err(Duration::from_secs_f64(self.burst / self.rate))
        } else {
            Err(Duration::from_secs_f64((cost - bucket.tokens) / self.rate))
        }
    }
}

/// The tokens `bucket` holds at `now`.
fn refilled(bucket: &Bucket, rate: f64, burst: f64, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * rate).min(burst)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(s: &str) -> RateKey {
        RateKey::Subject(s.to_owned())
    }

    #[test]
    fn a_burst_then_the_average_rate() {
        let limiter = RateLimiter::new(60, 3);
        let t0 = Instant::now();
        let alice = subject("alice");
        for _ in 0..3 {
            assert!(limiter.acquire_at(&alice, 1, t0).is_ok());
        }
        let wait = limiter.acquire_at(&alice, 1, t0).unwrap_err();
        assert!(
            wait > Duration::from_millis(900) && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        // Another viewer has a bucket of its own.
        assert!(limiter.acquire_at(&subject("bob"), 1, t0).is_ok());
        // One token a second comes back.
        let t1 = t0 + Duration::from_secs(1);
        assert!(limiter.acquire_at(&alice, 1, t1).is_ok());
        assert!(limiter.acquire_at(&alice, 1, t1).is_err());
        // Never more than the burst, however long the wait.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert!(limiter.acquire_at(&alice, 1, later).is_ok());
        }
        assert!(limiter.acquire_at(&alice, 1, later).is_err());
    }

    #[test]
    fn a_batch_takes_one_token_per_operation() {
        let limiter = RateLimiter::new(60, 10);
        let t0 = Instant::now();
        let key = RateKey::Address("127.0.0.1".parse().unwrap());
        assert!(limiter.acquire_at(&key, 8, t0).is_ok());
        assert!(limiter.acquire_at(&key, 3, t0).is_err());
        assert!(limiter.acquire_at(&key, 2, t0).is_ok());
        // A batch larger than the burst can never pass.
        assert_eq!(
            limiter.acquire_at(&key, 11, t0 + Duration::from_secs(600)),
            Err(Duration::from_secs(10))
        );
    }

    #[test]
    fn zero_turns_it_off() {
        let limiter = RateLimiter::new(0, 1);
        let t0 = Instant::now();
        for _ in 0..1000 {
            assert!(limiter.acquire_at(&subject("a"), 1, t0).is_ok());
        }
    }

    #[test]
    fn the_table_is_bounded() {
        let limiter = RateLimiter::with_capacity(60, 2, 3);
        let t0 = Instant::now();
        for name in ["a", "b", "c"] {
            assert!(limiter.acquire_at(&subject(name), 1, t0).is_ok());
        }
        // Full, and nobody has refilled: a new key is refused.
        assert!(limiter.acquire_at(&subject("d"), 1, t0).is_err());
        // Once the others have refilled, they make room.
        let later = t0 + Duration::from_secs(5);
        assert!(limiter.acquire_at(&subject("d"), 1, later).is_ok());
        assert_eq!(limiter.buckets.lock().unwrap().len(), 1);
    }
}
