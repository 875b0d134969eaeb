//! A small deterministic random generator (SplitMix64): the same seed gives the same network
//! on every machine and every version of our dependencies, which a benchmark needs.

/// SplitMix64 (Steele, Lea, Flood 2014): fast, well mixed, and fully specified.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for data generation, and branch-free.
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// An index into a slice of length `len` (`len > 0`).
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// True with probability `p` (0.0–1.0).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A skewed index in `0..n`: low indexes are much more likely (a few very connected
    /// actors, many barely connected ones), roughly Zipf-like with exponent ~1.
    pub fn skewed(&mut self, n: u64) -> u64 {
        let u = self.unit();
        let x = (n as f64 + 1.0).powf(u) - 1.0;
        (x as u64).min(n.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let a: Vec<u64> = (0..5)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(Rng::new(7), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(
            a,
            (0..5)
                .scan(Rng::new(8), |r, _| Some(r.next_u64()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn ranges_and_skew_stay_in_bounds() {
        let mut rng = Rng::new(1);
        let mut low = 0;
        for _ in 0..10_000 {
            assert!(rng.below(10) < 10);
            let s = rng.skewed(1000);
            assert!(s < 1000);
            if s < 10 {
                low += 1;
            }
        }
        // The first 1 % of indexes gets far more than 1 % of the draws.
        assert!(low > 2_000, "{low}");
    }
}
