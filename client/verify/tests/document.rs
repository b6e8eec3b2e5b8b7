//! Certificate documents (docs/spec/DESIGN.md §7): offline signature check, binary and JSON forms, QR.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_primitives::CertificateStatus;
use dengji_verify::{CertificateDocument, QrPayload, VerifyError};
use dengji_verify_fixtures::*;

fn doc() -> CertificateDocument {
	let g = genesis("local");
	CertificateDocument::from_record(
		g,
		&record(&g, code(123), &issuer_key(), CertificateStatus::Valid),
	)
}

#[test]
fn issued_document_verifies_offline() {
	let d = doc();
	d.verify_signature().unwrap();
	d.verify_offline(&genesis("local"), None).unwrap();
	d.verify_offline(&genesis("local"), Some(&[public(&issuer_key())])).unwrap();
}

#[test]
fn document_for_another_chain_or_untrusted_key_is_rejected() {
	let d = doc();
	assert_eq!(
		d.verify_offline(&genesis("other"), None),
		Err(VerifyError::GenesisMismatch { expected: genesis("other"), found: genesis("local") })
	);
	assert_eq!(
		d.verify_offline(&genesis("local"), Some(&[public(&retired_issuer_key())])),
		Err(VerifyError::IssuerKeyNotRegistered { issuer: division(), key: public(&issuer_key()) })
	);
}

#[test]
fn document_binary_and_json_round_trip() {
	let d = doc();
	assert_eq!(CertificateDocument::from_bytes(&d.to_bytes()), Ok(d.clone()));
	let json = d.to_json().unwrap();
	assert!(json.contains("玉溪市公共交通客流数据产品"), "names are readable: {json}");
	assert!(json.contains("530400-2026-0000123-"), "codes are readable: {json}");
	assert_eq!(CertificateDocument::from_json(&json), Ok(d.clone()));
	let qr = d.qr_payload();
	assert_eq!(QrPayload::parse(&qr.to_string()), Ok(qr));
	assert!(qr.to_string().starts_with("dengji:1:"));
}

#[test]
fn flipping_any_byte_of_a_document_never_verifies() {
	let bytes = doc().to_bytes();
	for i in 0..bytes.len() {
		for mask in [0x01u8, 0xff] {
			let mut t = bytes.clone();
			t[i] ^= mask;
			if let Ok(d) = CertificateDocument::from_bytes(&t) {
				assert!(d.verify_signature().is_err(), "byte {i} mask {mask:#x}");
			}
		}
	}
}

#[test]
fn document_with_wrong_magic_or_version_is_rejected() {
	let mut b = doc().to_bytes();
	b[4] = 2;
	assert_eq!(
		CertificateDocument::from_bytes(&b),
		Err(VerifyError::UnsupportedVersion {
			what: "certificate document",
			found: 2,
			supported: 1
		})
	);
	b[0] = b'X';
	assert!(matches!(CertificateDocument::from_bytes(&b), Err(VerifyError::BadMagic { .. })));
}

#[test]
fn bundle_with_wrong_magic_version_or_size_is_rejected() {
	let f = Scenario { filler: 20, ..Default::default() }.build();
	let mut b = f.bundle.to_bytes();
	b[4] = 9;
	assert_eq!(
		dengji_verify::ProofBundle::from_bytes(&b),
		// The highest version this library reads: 2, a bundle with a holder proof (YX-R §30).
		Err(VerifyError::UnsupportedVersion { what: "proof bundle", found: 9, supported: 2 })
	);
	assert!(matches!(
		dengji_verify::ProofBundle::from_bytes(b"DJ"),
		Err(VerifyError::BadMagic { .. })
	));
	let huge = vec![0u8; dengji_verify::MAX_BUNDLE_SIZE + 1];
	assert!(matches!(
		dengji_verify::ProofBundle::from_bytes(&huge),
		Err(VerifyError::TooLarge { .. })
	));
	let json = f.bundle.to_json().unwrap().replace("\"version\": 1", "\"version\": 2");
	assert!(matches!(
		dengji_verify::ProofBundle::from_json(&json),
		Err(VerifyError::Decode { .. })
	));
}

/// Requirements Q1 ("keep the schema versioned" until a national format exists): every form a
/// certificate travels in names its format version — the QR payload (`dengji:1:`), the document
/// (`DJCD` + version), the proof bundle (`DJPB` + version: 1, or 2 with a holder proof) — and a
/// reader refuses a version it does not know with a typed error instead of misreading it, so a
/// national format can be introduced as a new version beside the current one.
#[test]
fn certificate_formats_are_versioned_and_unknown_versions_are_refused_q1() {
	let g = genesis("local");
	let hash: String = g.iter().map(|b| format!("{b:02x}")).collect();
	let c = code(123);
	// QR payload: version 1 is read, another version is refused.
	let qr = QrPayload::parse(&format!("dengji:1:{hash}:{c}")).unwrap();
	assert_eq!(qr.code, c);
	assert!(matches!(
		QrPayload::parse(&format!("dengji:2:{hash}:{c}")),
		Err(VerifyError::QrFormat { .. })
	));
	// Document: version 1 round-trips, version 2 is refused naming the supported version.
	let d = doc();
	let mut b = d.to_bytes();
	assert_eq!(b[4], 1);
	assert_eq!(CertificateDocument::from_bytes(&b).unwrap(), d);
	b[4] = 2;
	assert!(matches!(
		CertificateDocument::from_bytes(&b),
		Err(VerifyError::UnsupportedVersion { found: 2, supported: 1, .. })
	));
	// Bundle: versions 1 and 2 are read, version 3 is refused.
	let plain = Scenario { filler: 20, ..Default::default() }.build().bundle;
	let holder =
		Scenario { filler: 20, holder_accounts: Some(vec![[1; 32]]), ..Default::default() }
			.build()
			.bundle;
	for (bundle, version) in [(&plain, 1u8), (&holder, 2)] {
		let mut b = bundle.to_bytes();
		assert_eq!(b[4], version);
		assert_eq!(&dengji_verify::ProofBundle::from_bytes(&b).unwrap(), bundle);
		b[4] = 3;
		assert!(matches!(
			dengji_verify::ProofBundle::from_bytes(&b),
			Err(VerifyError::UnsupportedVersion { found: 3, supported: 2, .. })
		));
	}
}
