//! Certificate code and QR payload parsers: never panic; accepted codes round-trip.
#![no_main]

use dengji_verify::{parse_code, QrPayload};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
	let Ok(s) = core::str::from_utf8(data) else { return };
	if let Ok(code) = parse_code(s) {
		assert_eq!(parse_code(&code.to_string()), Ok(code));
	}
	if let Ok(qr) = QrPayload::parse(s) {
		assert_eq!(QrPayload::parse(&qr.to_string()), Ok(qr));
	}
	// Certificate-page URLs (issue 14 §5) accept only what their payload accepts.
	if let Ok(qr) = QrPayload::parse_any(s) {
		assert_eq!(QrPayload::parse(&qr.to_string()), Ok(qr));
	}
});
