#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| reportc_fuzz::parsers_agree(data));
