//! `verify` end to end on realistic bundles: one test per verdict and per failed check, plus
//! swapping parts between bundles (docs/spec/DESIGN.md §8; docs/spec/requirements.md §5.11).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use codec::Encode;
use dengji_primitives::{
	certificate::{CancellationGround, IssuingAct},
	CancelReason, CertificateStatus, InstitutionStatus, RevocationGround,
};
use dengji_verify::{
	keys, verify, verify_code, verify_detailed, Authority, CertificateCode, Policy, ProofBundle,
	TrustRoot, UnixTimeMs, Verdict, VerifyError,
};
use dengji_verify_fixtures::*;
use ed25519_dalek::Signer;

fn check(f: &Fixture) -> Result<Verdict, VerifyError> {
	verify(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW)
}

/// [`check`] of the default scenario with the certificate in `status`.
fn check_status(status: CertificateStatus) -> Result<Verdict, VerifyError> {
	check(&Scenario { status, ..Default::default() }.build())
}

/// The verdict on a bundle proving the usual entries for `c` with `record` (encoded as given).
fn check_record(c: CertificateCode, record: Vec<u8>) -> Result<Verdict, VerifyError> {
	let (root, bundle) = custom(&entries_with(&c, record), c, &keys::proof_keys(&c));
	verify(&bundle, &root, &Policy::default(), VERIFIER_NOW)
}

fn resign_final(f: &mut Fixture, signers: usize) {
	let set_id = f.bundle.set_changes.len();
	let keys = &f.sets[set_id][..signers];
	f.bundle.justification = justify(keys, set_id as u64, 31, &f.bundle.header);
}

// ---- verdicts ---------------------------------------------------------------------------

/// docs/spec/DESIGN.md §8: a bundle with one authority-set change proves a valid certificate.
#[test]
fn valid_certificate_with_set_change_is_valid() {
	let f = Scenario::default().build();
	assert_eq!(check(&f), Ok(Verdict::Valid));
	let d = verify_detailed(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW).unwrap();
	assert_eq!(d.set_id, 1);
	assert_eq!(d.block_number, 25);
	assert_eq!(d.block_hash, f.bundle.header.hash());
	assert_eq!(d.finalized_at, NOW - 6_000);
	assert_eq!(d.certificate, f.record);
	assert_eq!(d.issuer.map(|i| i.division), Some(division()));
}

#[test]
fn valid_certificate_without_set_changes_is_valid() {
	let f = Scenario { set_changes: 0, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::Valid));
}

#[test]
fn valid_certificate_after_three_set_changes_is_valid() {
	let f = Scenario { set_changes: 3, ..Default::default() }.build();
	let d = verify_detailed(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW).unwrap();
	assert_eq!((d.verdict, d.set_id), (Verdict::Valid, 3));
}

#[test]
fn sixteen_validators_bundle_is_valid() {
	let f = Scenario { validators: 16, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::Valid));
}

#[test]
fn precommits_on_descendants_with_ancestry_are_valid() {
	let f = Scenario { descendants: 3, ..Default::default() }.build();
	assert!(!f.bundle.justification.votes_ancestries.is_empty());
	assert_eq!(check(&f), Ok(Verdict::Valid));
}

#[test]
fn certificate_signed_with_retired_issuer_key_is_valid() {
	let f = Scenario { use_retired_key: true, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::Valid));
}

/// Q17: certificates of a disqualified (or suspended) institution stay valid.
#[test]
fn certificate_of_disqualified_issuer_stays_valid() {
	for status in [InstitutionStatus::Disqualified, InstitutionStatus::Suspended] {
		let f = Scenario { issuer_status: status, ..Default::default() }.build();
		assert_eq!(check(&f), Ok(Verdict::Valid));
	}
}

/// YX-R §23 ¶2: past `valid_until` (inclusive) a `Valid` record is `Expired`.
#[test]
fn certificate_past_valid_until_is_expired() {
	let f = Scenario::default().build();
	let until = f.record.as_ref().unwrap().body.valid_until;
	let policy = Policy { max_age_ms: u64::MAX, ..Policy::default() };
	let at = UnixTimeMs::from_millis;
	assert_eq!(verify(&f.bundle, &f.trust_root, &policy, at(until)), Ok(Verdict::Valid));
	assert_eq!(
		verify(&f.bundle, &f.trust_root, &policy, at(until + 1)),
		Ok(Verdict::Expired { valid_until: until })
	);
}

#[test]
fn superseded_certificate_is_superseded() {
	let by = code(124);
	let status = CertificateStatus::Superseded { by, at: NOW - DAY };
	assert_eq!(check_status(status), Ok(Verdict::Superseded { by, at: NOW - DAY }));
}

/// YX-R §21 and §23 ¶2: cancelled on application or on expiry.
#[test]
fn cancelled_certificate_is_cancelled() {
	for reason in
		[CancelReason::Expiry, CancelReason::OnApplication(CancellationGround::ResourceLost)]
	{
		let status = CertificateStatus::Cancelled { reason, at: NOW - DAY };
		assert_eq!(check_status(status), Ok(Verdict::Cancelled { reason, at: NOW - DAY }));
	}
}

/// YX-R §27: revoked.
#[test]
fn revoked_certificate_is_revoked_even_when_the_proof_is_old() {
	let status = CertificateStatus::Revoked {
		ground: RevocationGround::ForgedCertificate,
		decision: blake2(b"decision"),
		at: NOW - DAY,
	};
	let f = Scenario { status, finalized_at: NOW - 30 * DAY, ..Default::default() }.build();
	assert_eq!(
		check(&f),
		Ok(Verdict::Revoked { ground: RevocationGround::ForgedCertificate, at: NOW - DAY })
	);
}

#[test]
fn absent_certificate_is_not_found() {
	let f = Scenario { certificate_present: false, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::NotFound));
	let d = verify_detailed(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW).unwrap();
	assert_eq!(d.certificate, None);
}

#[test]
fn absent_certificate_of_unknown_institution_is_not_found() {
	let f = Scenario { certificate_present: false, issuer_present: false, ..Default::default() }
		.build();
	assert_eq!(check(&f), Ok(Verdict::NotFound));
}

/// docs/spec/requirements.md §5.11 (9): a proof older than the policy allows cannot show `Valid`.
#[test]
fn old_proof_of_valid_certificate_is_stale() {
	let finalized_at = NOW - 11 * 60 * 1000;
	let f = Scenario { finalized_at, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::Stale { finalized_at }));
	let lenient = Policy { max_age_ms: 12 * 60 * 1000, ..Policy::default() };
	assert_eq!(verify(&f.bundle, &f.trust_root, &lenient, VERIFIER_NOW), Ok(Verdict::Valid));
	// Exactly at the limit is still fresh.
	let exact = Policy { max_age_ms: 11 * 60 * 1000, ..Policy::default() };
	assert_eq!(verify(&f.bundle, &f.trust_root, &exact, VERIFIER_NOW), Ok(Verdict::Valid));
}

#[test]
fn old_proof_of_absence_is_stale() {
	let finalized_at = NOW - DAY;
	let f = Scenario { certificate_present: false, finalized_at, ..Default::default() }.build();
	assert_eq!(check(&f), Ok(Verdict::Stale { finalized_at }));
}

#[test]
fn bundle_for_another_code_is_rejected_by_verify_code() {
	let f = Scenario::default().build();
	let policy = Policy::default();
	assert_eq!(
		verify_code(&code(123), &f.bundle, &f.trust_root, &policy, VERIFIER_NOW),
		Ok(Verdict::Valid)
	);
	assert_eq!(
		verify_code(&code(999), &f.bundle, &f.trust_root, &policy, VERIFIER_NOW),
		Err(VerifyError::CodeMismatch { expected: code(999), found: code(123) })
	);
}

// ---- trust root ---------------------------------------------------------------------------

#[test]
fn another_chains_trust_root_is_rejected() {
	let f = Scenario::default().build();
	let other = Scenario { chain: "other", ..Default::default() }.build();
	assert!(matches!(
		verify(&f.bundle, &other.trust_root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::TrustRootMismatch { .. })
	));
	// Relabelling the other chain's bundle does not help: its voters are not ours, and its
	// certificate is signed for another genesis.
	let mut relabelled = other.bundle.clone();
	relabelled.trust_root = f.trust_root.id();
	assert!(matches!(
		verify(&relabelled, &f.trust_root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::UnknownAuthority { set_id: 0, .. })
	));
}

#[test]
fn trust_root_with_other_set_id_is_rejected() {
	let f = Scenario::default().build();
	let mut root = f.trust_root.clone();
	root.set_id = 1;
	assert!(matches!(
		verify(&f.bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::TrustRootMismatch { expected_set_id: 1, found_set_id: 0, .. })
	));
}

#[test]
fn trust_root_with_other_authorities_is_rejected() {
	let f = Scenario::default().build();
	let mut root = f.trust_root.clone();
	root.authorities = authorities(&voters(4, 99));
	assert!(matches!(
		verify(&f.bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::UnknownAuthority { .. })
	));
}

#[test]
fn invalid_trust_root_is_rejected() {
	let f = Scenario::default().build();
	let mut root = f.trust_root.clone();
	root.authorities.push(root.authorities[0]);
	assert!(matches!(
		verify(&f.bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::DuplicateAuthority { .. })
	));
	root.authorities = vec![];
	assert_eq!(
		verify(&f.bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::EmptyAuthoritySet { set_id: 0 })
	);
}

// ---- justifications -------------------------------------------------------------------------

/// GRANDPA safety: fewer than 2/3+1 of the authorities cannot finalize.
#[test]
fn justification_below_two_thirds_plus_one_is_rejected() {
	for (n, threshold) in [(4usize, 3usize), (7, 5), (16, 11)] {
		let mut f = Scenario { validators: n, set_changes: 0, ..Default::default() }.build();
		resign_final(&mut f, threshold);
		assert_eq!(check(&f), Ok(Verdict::Valid), "{n} validators, {threshold} signers");
		resign_final(&mut f, threshold - 1);
		assert_eq!(
			check(&f),
			Err(VerifyError::InsufficientWeight {
				signed: threshold as u64 - 1,
				threshold: threshold as u64,
				total: n as u64,
				set_id: 0
			}),
			"{n} validators, {} signers",
			threshold - 1
		);
	}
}

#[test]
fn set_change_justified_by_too_few_is_rejected() {
	let mut f = Scenario::default().build();
	let change = &mut f.bundle.set_changes[0];
	change.justification = justify(&f.sets[0][..2], 0, 7, &change.header);
	assert!(matches!(check(&f), Err(VerifyError::InsufficientWeight { signed: 2, set_id: 0, .. })));
}

#[test]
fn repeated_precommits_by_one_authority_count_once() {
	let mut f = Scenario { set_changes: 0, ..Default::default() }.build();
	resign_final(&mut f, 2);
	let dup = f.bundle.justification.commit.precommits[0].clone();
	f.bundle.justification.commit.precommits.push(dup);
	assert!(matches!(check(&f), Err(VerifyError::InsufficientWeight { signed: 2, .. })));
}

#[test]
fn justification_with_more_than_two_precommits_per_voter_is_rejected() {
	let mut f = Scenario::default().build();
	let all = f.bundle.justification.commit.precommits.clone();
	f.bundle.justification.commit.precommits.extend(all.iter().cloned());
	assert_eq!(check(&f), Ok(Verdict::Valid), "two per voter (equivocations) are allowed");
	f.bundle.justification.commit.precommits.push(all[0].clone());
	assert_eq!(check(&f), Err(VerifyError::TooManyPrecommits { count: 9, limit: 8 }));
}

#[test]
fn precommit_with_bad_signature_is_rejected() {
	let mut f = Scenario::default().build();
	f.bundle.justification.commit.precommits[1].signature[10] ^= 1;
	let id = f.bundle.justification.commit.precommits[1].id;
	assert_eq!(
		check(&f),
		Err(VerifyError::BadPrecommitSignature { authority: id, round: 31, set_id: 1 })
	);
}

#[test]
fn precommit_signed_for_another_set_or_round_is_rejected() {
	let mut f = Scenario::default().build();
	// Set 1 voters signing as if for set 0 (replay across sets).
	f.bundle.justification = justify(&f.sets[1], 0, 31, &f.bundle.header);
	assert!(matches!(check(&f), Err(VerifyError::BadPrecommitSignature { set_id: 1, .. })));
	let mut f = Scenario::default().build();
	f.bundle.justification.round = 32;
	assert!(matches!(check(&f), Err(VerifyError::BadPrecommitSignature { round: 32, .. })));
}

#[test]
fn precommit_by_outsider_is_rejected() {
	let mut f = Scenario::default().build();
	let outsider = signing_key("outsider", 0);
	let h = f.bundle.header.clone();
	f.bundle.justification.commit.precommits[0] =
		sign_precommit(&outsider, h.hash(), h.number, 31, 1);
	assert_eq!(
		check(&f),
		Err(VerifyError::UnknownAuthority { authority: public(&outsider), set_id: 1 })
	);
}

#[test]
fn justification_for_another_block_is_rejected() {
	let mut f = Scenario::default().build();
	f.bundle.justification = f.bundle.set_changes[0].justification.clone();
	assert!(matches!(
		check(&f),
		Err(VerifyError::JustificationTargetMismatch { found_number: 10, .. })
	));
}

#[test]
fn empty_justification_is_rejected() {
	let mut f = Scenario::default().build();
	f.bundle.justification.commit.precommits.clear();
	assert_eq!(check(&f), Err(VerifyError::NoPrecommits { number: 25 }));
}

#[test]
fn precommit_without_ancestry_proof_is_rejected() {
	let mut f = Scenario { descendants: 2, ..Default::default() }.build();
	f.bundle.justification.votes_ancestries.pop();
	assert!(matches!(check(&f), Err(VerifyError::PrecommitNotDescendant { .. })));
}

#[test]
fn unused_or_duplicate_ancestry_header_is_rejected() {
	let mut f = Scenario { descendants: 2, ..Default::default() }.build();
	let extra = header(99, [9; 32], [9; 32], vec![]);
	f.bundle.justification.votes_ancestries.push(extra.clone());
	assert_eq!(check(&f), Err(VerifyError::UnusedAncestry { hash: extra.hash() }));
	let mut f = Scenario { descendants: 2, ..Default::default() }.build();
	let again = f.bundle.justification.votes_ancestries[0].clone();
	f.bundle.justification.votes_ancestries.push(again.clone());
	assert_eq!(check(&f), Err(VerifyError::DuplicateAncestry { hash: again.hash() }));
}

#[test]
fn precommit_with_wrong_block_number_is_rejected() {
	let mut f = Scenario { set_changes: 0, ..Default::default() }.build();
	let h = f.bundle.header.clone();
	let keys = f.sets[0].clone();
	f.bundle.justification.commit.precommits[0] =
		sign_precommit(&keys[0], h.hash(), h.number + 1, 31, 0);
	assert_eq!(
		check(&f),
		Err(VerifyError::BlockNumberMismatch {
			hash: h.hash(),
			claimed: h.number + 1,
			actual: h.number
		})
	);
}

#[test]
fn precommit_below_the_target_is_rejected() {
	// A precommit for the parent "proved" by including the target's header as ancestry.
	let mut f = Scenario { set_changes: 0, ..Default::default() }.build();
	let h = f.bundle.header.clone();
	let keys = f.sets[0].clone();
	f.bundle.justification.commit.precommits[0] =
		sign_precommit(&keys[0], h.parent_hash, h.number - 1, 31, 0);
	assert!(matches!(check(&f), Err(VerifyError::PrecommitNotDescendant { .. })));
}

// ---- authority-set changes ------------------------------------------------------------------

#[test]
fn set_change_header_without_scheduled_change_is_rejected() {
	let mut f = Scenario::default().build();
	let change = &mut f.bundle.set_changes[0];
	change.header.digest.logs.retain(|l| !matches!(l, dengji_verify::DigestItem::Consensus(..)));
	change.justification = justify(&f.sets[0], 0, 7, &change.header);
	let (number, hash) = (change.header.number, change.header.hash());
	assert_eq!(check(&f), Err(VerifyError::MissingScheduledChange { number, hash }));
}

#[test]
fn dropping_a_set_change_is_rejected() {
	let mut f = Scenario { set_changes: 2, ..Default::default() }.build();
	f.bundle.set_changes.remove(1);
	// The final header is signed by set 2; the verifier now expects set 1.
	assert!(matches!(check(&f), Err(VerifyError::UnknownAuthority { set_id: 1, .. })));
}

#[test]
fn set_changes_out_of_order_are_rejected() {
	let mut f = Scenario { set_changes: 2, ..Default::default() }.build();
	f.bundle.set_changes.swap(0, 1);
	// The first is now signed by set 1, not the trust root's set 0.
	assert!(matches!(check(&f), Err(VerifyError::UnknownAuthority { set_id: 0, .. })));
	// The same change twice: the second does not follow the first.
	let mut f = Scenario { set_changes: 2, ..Default::default() }.build();
	f.bundle.set_changes[1] = f.bundle.set_changes[0].clone();
	assert_eq!(check(&f), Err(VerifyError::NotAscending { number: 10, previous: 10 }));
}

#[test]
fn finalized_header_older_than_last_set_change_is_rejected() {
	let mut f = Scenario::default().build();
	f.bundle.header.number = 9;
	resign_final(&mut f, 4);
	assert_eq!(check(&f), Err(VerifyError::NotAscending { number: 9, previous: 10 }));
}

// ---- read proof -----------------------------------------------------------------------------

#[test]
fn read_proof_missing_a_node_is_rejected() {
	let mut f = Scenario::default().build();
	// Drop the largest node (the certificate record's value node or a branch).
	let (i, _) = f.bundle.read_proof.iter().enumerate().max_by_key(|(_, n)| n.len()).unwrap();
	let dropped = f.bundle.read_proof.remove(i);
	assert_eq!(check(&f), Err(VerifyError::ProofMissingNode { hash: blake2(&dropped) }));
}

#[test]
fn read_proof_with_unused_or_duplicate_node_is_rejected() {
	let mut f = Scenario::default().build();
	let extra = f.state.read_proof(&[keys::certificate_key(&code(1001))]);
	let unused = extra.into_iter().find(|n| !f.bundle.read_proof.contains(n)).unwrap();
	f.bundle.read_proof.push(unused.clone());
	assert_eq!(check(&f), Err(VerifyError::ProofUnusedNode { hash: blake2(&unused) }));
	let mut f = Scenario::default().build();
	let again = f.bundle.read_proof[0].clone();
	f.bundle.read_proof.push(again.clone());
	assert_eq!(check(&f), Err(VerifyError::ProofDuplicateNode { hash: blake2(&again) }));
}

#[test]
fn read_proof_not_covering_all_keys_is_rejected() {
	let mut f = Scenario::default().build();
	f.bundle.read_proof =
		f.state.read_proof(&[keys::certificate_key(&code(123)), keys::timestamp_now_key()]);
	assert!(matches!(check(&f), Err(VerifyError::ProofMissingNode { .. })));
}

#[test]
fn state_without_timestamp_is_rejected() {
	let c = code(123);
	let rec = record(&genesis("local"), c, &issuer_key(), CertificateStatus::Valid);
	let mut entries = entries_with(&c, rec.encode());
	entries.pop();
	let (root, bundle) = custom(&entries, c, &keys::proof_keys(&c));
	assert_eq!(
		verify(&bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::TimestampMissing)
	);
}

// ---- certificate and issuer -----------------------------------------------------------------

#[test]
fn certificate_of_unknown_issuer_is_rejected() {
	let f = Scenario { issuer_present: false, ..Default::default() }.build();
	assert_eq!(check(&f), Err(VerifyError::UnknownIssuer { issuer: division() }));
}

#[test]
fn certificate_signed_with_unregistered_key_is_rejected() {
	let c = code(123);
	let rogue = signing_key("rogue", 0);
	let rec = record(&genesis("local"), c, &rogue, CertificateStatus::Valid);
	assert_eq!(
		check_record(c, rec.encode()),
		Err(VerifyError::IssuerKeyNotRegistered { issuer: division(), key: public(&rogue) })
	);
}

#[test]
fn certificate_with_bad_signature_is_rejected() {
	let c = code(123);
	let mut rec = record(&genesis("local"), c, &issuer_key(), CertificateStatus::Valid);
	rec.signature[3] ^= 0x40;
	assert_eq!(
		check_record(c, rec.encode()),
		Err(VerifyError::BadCertificateSignature { code: c, key: public(&issuer_key()) })
	);
}

#[test]
fn certificate_signed_for_another_genesis_is_rejected() {
	let c = code(123);
	let rec = record(&genesis("other"), c, &issuer_key(), CertificateStatus::Valid);
	assert!(matches!(
		check_record(c, rec.encode()),
		Err(VerifyError::BadCertificateSignature { .. })
	));
}

#[test]
fn certificate_with_non_canonical_signature_is_rejected_by_verify_strict() {
	// s + L (the group order) verifies under lax rules but not under verify_strict.
	let c = code(123);
	let mut rec = record(&genesis("local"), c, &issuer_key(), CertificateStatus::Valid);
	const L: [u8; 32] = [
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
		0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
	];
	let mut carry = 0u16;
	for (s, l) in rec.signature[32..].iter_mut().zip(L) {
		let sum = u16::from(*s) + u16::from(l) + carry;
		*s = sum.to_le_bytes()[0];
		carry = sum >> 8;
	}
	assert!(matches!(
		check_record(c, rec.encode()),
		Err(VerifyError::BadCertificateSignature { .. })
	));
}

#[test]
fn record_stored_under_another_code_is_rejected() {
	let c = code(123);
	let rec = record(&genesis("local"), code(555), &issuer_key(), CertificateStatus::Valid);
	assert_eq!(
		check_record(c, rec.encode()),
		Err(VerifyError::RecordCodeMismatch { key: c, found: code(555) })
	);
}

#[test]
fn record_naming_another_issuer_is_rejected() {
	let c = code(123);
	let key = issuer_key();
	let mut b = body(c, &key);
	b.issuer = dengji_primitives::DivisionCode::new(530100).unwrap();
	let signature = key.sign(&b.signing_payload(&genesis("local"))).to_bytes();
	let rec = dengji_primitives::CertificateRecord {
		body: b,
		signature,
		status: CertificateStatus::Valid,
		sm2: None,
	};
	assert!(matches!(
		check_record(c, rec.encode()),
		Err(VerifyError::IssuerNotCodeDivision { .. })
	));
}

#[test]
fn institution_record_of_another_division_is_rejected() {
	let c = code(123);
	let rec = record(&genesis("local"), c, &issuer_key(), CertificateStatus::Valid);
	let mut entries = entries_with(&c, rec.encode());
	let mut inst = institution(InstitutionStatus::Active);
	inst.division = dengji_primitives::DivisionCode::new(530100).unwrap();
	entries[1].1 = inst.encode();
	let (root, bundle) = custom(&entries, c, &keys::proof_keys(&c));
	assert!(matches!(
		verify(&bundle, &root, &Policy::default(), VERIFIER_NOW),
		Err(VerifyError::IssuerRecordMismatch { .. })
	));
}

#[test]
fn undecodable_record_is_rejected() {
	let c = code(123);
	assert!(matches!(
		check_record(c, vec![0xAB; 100]),
		Err(VerifyError::Decode { what: "certificate record", .. })
	));
}

#[test]
fn record_fields_survive_issuing_act_variants() {
	// Each issuing act encodes and verifies (the signature covers the act).
	for act in
		[IssuingAct::FirstTime, IssuingAct::Change, IssuingAct::Correction, IssuingAct::Renewal]
	{
		let c = code(123);
		let key = issuer_key();
		let mut b = body(c, &key);
		b.act = act;
		b.previous = (act != IssuingAct::FirstTime).then(|| code(122));
		let signature = key.sign(&b.signing_payload(&genesis("local"))).to_bytes();
		let rec = dengji_primitives::CertificateRecord {
			body: b,
			signature,
			status: CertificateStatus::Valid,
			sm2: None,
		};
		assert_eq!(check_record(c, rec.encode()), Ok(Verdict::Valid));
	}
}

// ---- swapping parts between bundles ---------------------------------------------------------

#[test]
fn swapping_header_justification_or_proof_between_bundles_fails() {
	let a = Scenario::default().build();
	let b =
		Scenario { serial: 124, status: CertificateStatus::Valid, ..Default::default() }.build();
	assert_eq!(check(&b), Ok(Verdict::Valid));
	let try_with = |edit: &dyn Fn(&mut ProofBundle)| {
		let mut x = a.bundle.clone();
		edit(&mut x);
		verify(&x, &a.trust_root, &Policy::default(), VERIFIER_NOW)
	};
	// b's header with a's justification.
	assert!(matches!(
		try_with(&|x| x.header = b.bundle.header.clone()),
		Err(VerifyError::JustificationTargetMismatch { .. })
	));
	// b's justification with a's header.
	assert!(matches!(
		try_with(&|x| x.justification = b.bundle.justification.clone()),
		Err(VerifyError::JustificationTargetMismatch { .. })
	));
	// b's header and justification with a's proof.
	assert!(matches!(
		try_with(&|x| {
			x.header = b.bundle.header.clone();
			x.justification = b.bundle.justification.clone();
		}),
		Err(VerifyError::ProofMissingNode { .. })
	));
	// b's proof with a's header.
	assert!(matches!(
		try_with(&|x| x.read_proof = b.bundle.read_proof.clone()),
		Err(VerifyError::ProofMissingNode { .. })
	));
	// b's code with a's proof.
	assert!(try_with(&|x| x.code = code(124)).is_err());
	// a set change from another chain.
	let other = Scenario { chain: "other", ..Default::default() }.build();
	assert!(try_with(&|x| x.set_changes = other.bundle.set_changes.clone()).is_err());
	// a's bundle under b's (same) trust root is fine; under another chain's, not.
	assert!(verify(&a.bundle, &other.trust_root, &Policy::default(), VERIFIER_NOW).is_err());
}

#[test]
fn trust_root_json_round_trips_and_is_validated() {
	let f = Scenario::default().build();
	let json = f.trust_root.to_json();
	assert_eq!(TrustRoot::from_json(&json), Ok(f.trust_root.clone()));
	let mut bad = f.trust_root.clone();
	bad.authorities.push(Authority { id: [1; 32], weight: 0 });
	assert_eq!(
		TrustRoot::from_json(&bad.to_json()),
		Err(VerifyError::ZeroWeight { authority: [1; 32] })
	);
}
