//! A tiny deterministic generator for the tests that feed the parsers generated text: the same
//! seed gives the same texts on every machine, so a failure reproduces.

/// xorshift64: the next number on each call.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
