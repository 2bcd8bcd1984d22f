#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| reportc_fuzz::huge_input(data));
