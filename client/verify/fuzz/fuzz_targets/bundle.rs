//! Bundle decoder (binary and JSON) and `verify`: must never panic; a decoded bundle re-encodes
//! to the same bytes (SCALE is canonical for these types), and it never verifies against a trust
//! root whose keys nobody holds.
#![no_main]

use dengji_verify::{
	verify, Authority, Policy, ProofBundle, TrustRoot, UnixTimeMs, Verdict, BUNDLE_MAGIC,
	BUNDLE_VERSION,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
	let mut framed = BUNDLE_MAGIC.to_vec();
	framed.push(BUNDLE_VERSION);
	framed.extend_from_slice(data);
	for input in [data, &framed[..]] {
		if let Ok(bundle) = ProofBundle::from_bytes(input) {
			assert_eq!(bundle.to_bytes(), input, "non-canonical encoding accepted");
			let root = TrustRoot::new(
				bundle.trust_root.genesis_hash,
				bundle.trust_root.set_id,
				// Valid curve points with unknown secret keys.
				vec![Authority { id: [0x58; 32], weight: 1 }],
			);
			assert_ne!(
				verify(&bundle, &root, &Policy::default(), UnixTimeMs::EPOCH),
				Ok(Verdict::Valid)
			);
		}
	}
	if let Ok(s) = core::str::from_utf8(data) {
		let _ = ProofBundle::from_json(s);
		let _ = TrustRoot::from_json(s);
	}
});
