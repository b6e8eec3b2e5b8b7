//! Certificate records, institution records and agent scopes: the exact bytes the verification
//! client decodes and checks (docs/spec/DESIGN.md §7, §8).

use crate::{
	certificate::{
		CertificateBody, CertificateRecord, CertificateStatus, IssuingAct, CERTIFICATE_DOMAIN,
	},
	code::CertificateCode,
	division::DivisionCode,
	institution::{InstitutionRecord, InstitutionStatus},
	traits::AgentScope,
	uscc::Uscc,
	BoundedName, ObjectKind,
};
use codec::{Decode, Encode, MaxEncodedLen};

fn name(s: &str) -> BoundedName {
	BoundedName::try_from(s.as_bytes().to_vec()).unwrap()
}

fn body() -> CertificateBody {
	let yuxi = DivisionCode::new(530400).unwrap();
	CertificateBody {
		code: CertificateCode::new(yuxi, 2026, 123).unwrap(),
		registration: 42,
		act: IssuingAct::FirstTime,
		object: ObjectKind::DataResource,
		subject: Uscc::parse("91350100M000100Y43").unwrap(),
		subject_name: name("玉溪市数据局"),
		data_name: name("公共数据资源目录"),
		content_digest: crate::blake2_256(b"basic information"),
		issuer: yuxi,
		issuer_key: [7; 32],
		issued_on: 20_500,
		issued_at: 1_771_200_000_000,
		valid_until: 1_865_807_999_999,
		previous: None,
	}
}

/// docs/spec/DESIGN.md §7: `signature = ed25519(key, CERTIFICATE_DOMAIN ++ genesis_hash ++ body.encode())`.
#[test]
fn signing_payload_is_domain_genesis_body() {
	let b = body();
	let genesis = [0xAB; 32];
	let payload = b.signing_payload(&genesis);
	assert_eq!(CERTIFICATE_DOMAIN, b"dengji:certificate:v1");
	assert!(payload.starts_with(CERTIFICATE_DOMAIN));
	assert_eq!(&payload[CERTIFICATE_DOMAIN.len()..CERTIFICATE_DOMAIN.len() + 32], &genesis);
	assert_eq!(&payload[CERTIFICATE_DOMAIN.len() + 32..], &b.encode()[..]);
	// Another chain (genesis) signs different bytes.
	assert_ne!(payload, b.signing_payload(&[0; 32]));
}

#[test]
fn certificate_record_scale_round_trips() {
	let rec = CertificateRecord {
		body: body(),
		signature: [9; 64],
		status: CertificateStatus::Valid,
		sm2: None,
	};
	let bytes = rec.encode();
	assert!(bytes.len() <= CertificateRecord::max_encoded_len());
	assert_eq!(CertificateRecord::decode(&mut &bytes[..]), Ok(rec.clone()));
	// The co-signature is the last field: 1 byte `Some` + 65 + 32 + 64.
	let cosigned = CertificateRecord {
		sm2: Some(crate::Sm2CoSignature { key: [4; 65], sm3_digest: [5; 32], signature: [6; 64] }),
		..rec
	};
	let long = cosigned.encode();
	assert_eq!(long.len(), bytes.len() + 161);
	assert!(long.len() <= CertificateRecord::max_encoded_len());
	assert_eq!(CertificateRecord::decode(&mut &long[..]), Ok(cosigned));
}

#[test]
fn has_signing_key_accepts_current_and_retired_keys() {
	let rec = InstitutionRecord::<u64> {
		division: DivisionCode::new(530402).unwrap(),
		name: name("红塔区公共数据登记机构"),
		status: InstitutionStatus::Active,
		signing_key: [1; 32],
		retired_keys: vec![[2; 32], [3; 32]].try_into().unwrap(),
		filed_at: Some(0),
		taken_over_by: None,
		validator: None,
		peer_id: None,
		sm2_key: Some([7; 65]),
		retired_sm2_keys: vec![[8; 65]].try_into().unwrap(),
	};
	assert!(rec.has_signing_key(&[1; 32]));
	assert!(rec.has_signing_key(&[3; 32]));
	assert!(!rec.has_signing_key(&[4; 32]));
	assert!(rec.has_sm2_key(&[7; 65]));
	assert!(rec.has_sm2_key(&[8; 65]));
	assert!(!rec.has_sm2_key(&[9; 65]));
	let no_sm2 = InstitutionRecord { sm2_key: None, retired_sm2_keys: Default::default(), ..rec };
	assert!(!no_sm2.has_sm2_key(&[7; 65]));
}

/// YX-R §18(六), §22: a power of attorney covers its own scope, `All` covers every scope.
#[test]
fn agent_scope_covers_itself_and_all_covers_everything() {
	use AgentScope::*;
	for s in [Apply, Rebut, All] {
		assert!(All.covers(s));
		assert!(s.covers(s));
	}
	assert!(!Apply.covers(Rebut));
	assert!(!Rebut.covers(Apply));
	assert!(!Apply.covers(All));
}
