#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| reportc_fuzz::dsl_check(data));
