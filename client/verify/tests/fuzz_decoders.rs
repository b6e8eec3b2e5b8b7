//! A short, deterministic run of what the cargo-fuzz targets in `client/verify/fuzz` do, so CI
//! exercises the decoders without nightly: arbitrary bytes and arbitrary mutations of a real
//! bundle into every decoder and into `verify`; nothing may panic and nothing mutated may verify.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use dengji_verify::{
	parse_code, trie::ReadProof, verify, CertificateDocument, GrandpaJustification, Header, Policy,
	ProofBundle, QrPayload, TrustRoot, Verdict, BUNDLE_MAGIC, BUNDLE_VERSION,
};
use dengji_verify_fixtures::*;
use proptest::prelude::*;

fn fixture() -> &'static Fixture {
	static F: OnceLock<Fixture> = OnceLock::new();
	F.get_or_init(|| Scenario { filler: 60, ..Default::default() }.build())
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

	/// Same input handling as `fuzz_targets/bundle.rs`.
	#[test]
	fn bundle_decoder_never_panics(body in prop::collection::vec(any::<u8>(), 0..600)) {
		let mut with_header = BUNDLE_MAGIC.to_vec();
		with_header.push(BUNDLE_VERSION);
		with_header.extend_from_slice(&body);
		for input in [&body[..], &with_header[..]] {
			if let Ok(b) = ProofBundle::from_bytes(input) {
				let f = fixture();
				prop_assert_ne!(verify(&b, &f.trust_root, &Policy::default(), VERIFIER_NOW), Ok(Verdict::Valid));
				prop_assert_eq!(ProofBundle::from_bytes(&b.to_bytes()), Ok(b));
			}
		}
		let _ = GrandpaJustification::decode_scale(&body);
		let _ = <Header as codec::Decode>::decode(&mut &body[..]);
		let _ = CertificateDocument::from_bytes(&body);
		let nodes = vec![body.clone()];
		if let Ok(mut p) = ReadProof::new(&nodes) {
			let root = blake2(&body);
			let _ = p.read(&root, b"\x00\x01\x02");
			let _ = p.read(&root, &[]);
		}
	}

	/// Same as `fuzz_targets/code.rs`.
	#[test]
	fn code_parser_never_panics_and_round_trips(s in "\\PC{0,30}") {
		if let Ok(c) = parse_code(&s) {
			prop_assert_eq!(parse_code(&c.to_string()), Ok(c));
		}
		let _ = QrPayload::parse(&s);
		let _ = TrustRoot::from_json(&s);
		let _ = ProofBundle::from_json(&s);
	}

	/// Same as `fuzz_targets/national.rs` (issue 14 decoders): SM2 keys and signatures, raw chain
	/// specs and runtime code, trust roots v2, certificate-page URLs.
	#[test]
	fn national_and_trust_root_decoders_never_panic(data in prop::collection::vec(any::<u8>(), 0..400)) {
		let c = code(123);
		if data.len() >= 129 {
			let key: [u8; 65] = data[..65].try_into().unwrap();
			let sig: [u8; 64] = data[65..129].try_into().unwrap();
			prop_assert!(dengji_verify::national::verify_sm2(&c, &key, &data[129..], &sig).is_err());
			let _ = dengji_verify::national::check_sm2_public(&key);
		}
		let mut wasm = b"\0asm\x01\0\0\0".to_vec();
		wasm.extend_from_slice(&data);
		let _ = dengji_verify::genesis::runtime_system_version(&data);
		let _ = dengji_verify::genesis::runtime_system_version(&wasm);
		let s = String::from_utf8_lossy(&data);
		let _ = dengji_verify::genesis::from_raw_spec(&s, None);
		if let Ok(qr) = QrPayload::parse_any(&s) {
			prop_assert_eq!(QrPayload::parse(&qr.to_string()), Ok(qr));
		}
	}

	/// Trust-root JSON and certificate-page URLs built from near-valid parts.
	#[test]
	fn trust_root_json_and_urls_never_panic(version in any::<u8>(), chain in "\\PC{0,12}", path in "\\PC{0,20}") {
		let f = fixture();
		let mut root = f.trust_root.clone();
		root.version = version;
		root.chain = Some(chain);
		match TrustRoot::from_json(&root.to_json()) {
			Ok(back) => prop_assert_eq!(back, root),
			Err(_) => prop_assert!(version == 0 || version > dengji_verify::TRUST_ROOT_VERSION),
		}
		let url = format!("https://p.example/{path}/certificates/{}#dengji:1:{}:{}", f.bundle.code, hex::encode(f.trust_root.genesis_hash), f.bundle.code);
		let _ = QrPayload::parse_any(&url);
	}

	/// Codes that look right but carry a wrong check character are always rejected.
	#[test]
	fn code_with_wrong_check_character_is_rejected(serial in 1u32..=9_999_999, wrong in 0u8..11) {
		let c = code(serial).to_string();
		let right = c.chars().last().unwrap();
		let wrong = if wrong == 10 { 'X' } else { char::from(b'0' + wrong) };
		prop_assume!(wrong != right);
		let bad = format!("{}{wrong}", &c[..c.len() - 1]);
		prop_assert!(parse_code(&bad).is_err());
	}

	/// Structured mutations of a real bundle: overwrite a run of bytes, insert or delete one.
	#[test]
	fn mutated_bundle_never_verifies(pos in any::<prop::sample::Index>(), run in prop::collection::vec(any::<u8>(), 1..8), op in 0u8..3) {
		let f = fixture();
		let mut bytes = f.bundle.to_bytes();
		let i = pos.index(bytes.len());
		match op {
			0 => {
				let end = (i + run.len()).min(bytes.len());
				let n = end - i;
				bytes[i..end].copy_from_slice(&run[..n]);
			},
			1 => { bytes.insert(i, run[0]); },
			_ => { bytes.remove(i); },
		}
		prop_assume!(bytes != f.bundle.to_bytes());
		if let Ok(b) = ProofBundle::from_bytes(&bytes) {
			prop_assert_ne!(verify(&b, &f.trust_root, &Policy::default(), VERIFIER_NOW), Ok(Verdict::Valid));
		}
	}
}
