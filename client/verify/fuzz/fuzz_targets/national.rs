//! Decoders added by issue 14: SM2 keys/signatures (`national::verify_sm2`), the raw-chain-spec
//! trust-root computation (`genesis::from_raw_spec`, `runtime_system_version`), trust roots of
//! format version 2 and certificate-page URLs. Never panic; nothing arbitrary verifies.
#![no_main]

use dengji_verify::{genesis, national, parse_code, QrPayload, TrustRoot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
	let code = parse_code("530400-2026-0000123-6").unwrap();
	if data.len() >= 129 {
		let key: [u8; 65] = data[..65].try_into().unwrap();
		let sig: [u8; 64] = data[65..129].try_into().unwrap();
		let msg = &data[129..];
		// A random key and signature over arbitrary bytes never verify (2^-256).
		assert!(national::verify_sm2(&code, &key, msg, &sig).is_err());
		let _ = national::check_sm2_public(&key);
	}
	let _ = genesis::runtime_system_version(data);
	if let Ok(s) = core::str::from_utf8(data) {
		let _ = genesis::from_raw_spec(s, None);
		let _ = genesis::from_raw_spec(s, Some(genesis::StateVersion::V1));
		if let Ok(root) = TrustRoot::from_json(s) {
			assert_eq!(TrustRoot::from_json(&root.to_json()), Ok(root));
		}
		if let Ok(qr) = QrPayload::parse_any(s) {
			assert_eq!(QrPayload::parse(&qr.to_string()), Ok(qr));
		}
	}
});
