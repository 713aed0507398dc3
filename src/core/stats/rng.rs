//! A small seeded random number generator (SplitMix64, Steele et al. 2014) so that every
//! bootstrap is deterministic: the same data always gives the same bands.

/// SplitMix64: 64 bits of state, passes BigCrush, and is all a bootstrap needs.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in 0 .. `n` for n < 2³² (Lemire's multiply-shift on 32 bits: the bias
    /// is below n / 2³², and a 64-bit multiply is native in wasm where a 128-bit one is not).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n as u64 <= u64::from(u32::MAX), "below() takes n < 2^32");
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// A stable 64-bit seed from text (FNV-1a), so a model's bands do not depend on load order.
pub fn seed_of(parts: &[&str]) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325_u64;
    for part in parts {
        for b in part.bytes().chain([0xFF]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_is_uniform_enough() {
        let mut rng = SplitMix64::new(7);
        let mut hist = [0usize; 10];
        for _ in 0..100_000 {
            hist[rng.below(10)] += 1;
        }
        assert!(
            hist.iter().all(|&h| (9_500..10_500).contains(&h)),
            "{hist:?}"
        );
        assert!((0..1000)
            .map(|_| rng.unit())
            .all(|u| (0.0..1.0).contains(&u)));
    }

    #[test]
    fn seeds_differ_by_name_and_not_by_concatenation() {
        assert_ne!(seed_of(&["a", "bc"]), seed_of(&["ab", "c"]));
        assert_eq!(seed_of(&["MATH500", "base"]), seed_of(&["MATH500", "base"]));
    }
}
