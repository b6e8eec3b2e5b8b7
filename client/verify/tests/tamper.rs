//! docs/spec/DESIGN.md §8: "Tampering with any byte must never yield `Valid`." Every byte of a realistic
//! binary bundle (one set change, 4 validators, a real read proof) is flipped in turn.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use dengji_verify::{verify, Policy, ProofBundle, Verdict};
use dengji_verify_fixtures::*;

fn outcome(bytes: &[u8], f: &Fixture) -> Result<Verdict, String> {
	let bundle = ProofBundle::from_bytes(bytes).map_err(|e| format!("{e:?}"))?;
	verify(&bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW).map_err(|e| format!("{e:?}"))
}

fn kind(s: &str) -> String {
	s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_string()
}

fn flip_every_byte(f: &Fixture) {
	let bytes = f.bundle.to_bytes();
	assert_eq!(outcome(&bytes, f), Ok(Verdict::Valid));
	let mut errors: BTreeMap<String, usize> = BTreeMap::new();
	for i in 0..bytes.len() {
		for mask in [0x01u8, 0x80, 0xff] {
			let mut t = bytes.clone();
			t[i] ^= mask;
			match outcome(&t, f) {
				Ok(Verdict::Valid) => panic!("flipping byte {i} with {mask:#x} still verifies"),
				Ok(other) => *errors.entry(format!("verdict {other:?}")).or_default() += 1,
				Err(e) => *errors.entry(kind(&e)).or_default() += 1,
			}
		}
	}
	// Truncations and extensions too.
	for cut in [1usize, 2, 5, 64, bytes.len() / 2] {
		assert!(outcome(&bytes[..bytes.len() - cut], f).is_err());
	}
	let mut longer = bytes.clone();
	longer.push(0);
	assert!(outcome(&longer, f).is_err());
	eprintln!("{} bytes x 3 masks: {errors:?}", bytes.len());
}

#[test]
fn flipping_any_byte_of_a_bundle_never_yields_valid() {
	flip_every_byte(&Scenario::default().build());
}

#[test]
fn flipping_any_byte_of_a_bundle_with_ancestry_never_yields_valid() {
	flip_every_byte(
		&Scenario { set_changes: 0, descendants: 2, filler: 60, ..Default::default() }.build(),
	);
}

#[test]
fn flipping_any_byte_of_the_json_form_never_yields_valid() {
	let f = Scenario { set_changes: 0, filler: 40, ..Default::default() }.build();
	let json = f.bundle.to_json().unwrap().into_bytes();
	for i in 0..json.len() {
		let mut t = json.clone();
		t[i] ^= 0x01;
		let Ok(s) = String::from_utf8(t) else {
			continue;
		};
		if let Ok(b) = ProofBundle::from_json(&s) {
			assert_ne!(
				verify(&b, &f.trust_root, &Policy::default(), VERIFIER_NOW),
				Ok(Verdict::Valid),
				"JSON byte {i}"
			);
		}
	}
}
