//! Holder presentations (YX-R §30: the certificate proves the holding; the verifier also checks
//! that the presenter is the holder) and consent tokens (requirements §6 Q24): the happy path and
//! one typed error per failed check; version-2 bundles carry the holder proof and version-1
//! bundles keep verifying.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use codec::Encode;
use dengji_verify::{
	verify, verify_presentation, Challenge, ConsentToken, HolderSignature, Policy, Presentation,
	ProofBundle, UnixTimeMs, Verdict, VerifyError, BUNDLE_VERSION, BUNDLE_VERSION_HOLDER,
};
use dengji_verify_fixtures::*;
use ed25519_dalek::Signer as _;
use schnorrkel::{ExpansionMode, Keypair, MiniSecretKey};

/// A subject account's sr25519 key (as accounts sign transactions).
fn account(seed: u8) -> Keypair {
	MiniSecretKey::from_bytes(&[seed; 32]).unwrap().expand_to_keypair(ExpansionMode::Ed25519)
}

fn sign_sr(k: &Keypair, payload: &[u8]) -> HolderSignature {
	HolderSignature::Sr25519(k.sign_simple(b"substrate", payload).to_bytes())
}

fn holder_fixture(accounts: &[[u8; 32]]) -> Fixture {
	Scenario { holder_accounts: Some(accounts.to_vec()), ..Default::default() }.build()
}

fn challenge(f: &Fixture) -> Challenge {
	Challenge::new(
		f.trust_root.genesis_hash,
		f.bundle.code,
		"玉溪市商业银行 Yuxi Commercial Bank".into(),
		[7; 32],
		VERIFIER_NOW.as_millis() + 300_000,
	)
	.unwrap()
}

fn present(c: &Challenge, k: &Keypair) -> Presentation {
	Presentation {
		challenge: c.clone(),
		signer: k.public.to_bytes(),
		signature: sign_sr(k, &c.signing_payload()),
	}
}

fn check(f: &Fixture, issued: &Challenge, p: &Presentation) -> Result<Verdict, VerifyError> {
	verify_presentation(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW, issued, p)
		.map(|r| r.verification.verdict)
}

/// YX-R §30: the presenter signs the verifier's challenge with one of the holder subject's
/// accounts; the bundle proves the certificate and the subject's accounts.
#[test]
fn presentation_by_a_holder_account_is_accepted_yx_r_30() {
	let (staff, other_staff) = (account(1), account(2));
	let f = holder_fixture(&[other_staff.public.to_bytes(), staff.public.to_bytes()]);
	let c = challenge(&f);
	let r = verify_presentation(
		&f.bundle,
		&f.trust_root,
		&Policy::default(),
		VERIFIER_NOW,
		&c,
		&present(&c, &staff),
	)
	.unwrap();
	assert_eq!(r.verification.verdict, Verdict::Valid);
	assert_eq!(r.subject, uscc());
	assert_eq!(r.signer, staff.public.to_bytes());
	assert_eq!(r.holder.accounts.len(), 2);
	// An ed25519 subject account signs as well.
	let ed = signing_key("holder", 1);
	let f = holder_fixture(&[public(&ed)]);
	let c = challenge(&f);
	let p = Presentation {
		challenge: c.clone(),
		signer: public(&ed),
		signature: HolderSignature::Ed25519(ed.sign(&c.signing_payload()).to_bytes()),
	};
	assert_eq!(check(&f, &c, &p), Ok(Verdict::Valid));
	// The presentation does not hide the verdict: a revoked certificate is still revoked.
	let revoked = Scenario {
		holder_accounts: Some(vec![staff.public.to_bytes()]),
		status: dengji_primitives::CertificateStatus::Revoked {
			ground: dengji_primitives::RevocationGround::FalseMaterials,
			at: NOW - 1_000,
			decision: [0; 32],
		},
		..Default::default()
	}
	.build();
	let c = challenge(&revoked);
	assert!(matches!(check(&revoked, &c, &present(&c, &staff)), Ok(Verdict::Revoked { .. })));
}

/// YX-R §30: a key that is not among the subject's accounts is refused (`NotHolderKey`).
#[test]
fn presentation_by_another_key_is_not_a_holder_key_yx_r_30() {
	let (staff, stranger) = (account(1), account(9));
	let f = holder_fixture(&[staff.public.to_bytes()]);
	let c = challenge(&f);
	assert_eq!(
		check(&f, &c, &present(&c, &stranger)),
		Err(VerifyError::NotHolderKey {
			signer: stranger.public.to_bytes(),
			subject: *uscc().as_bytes()
		})
	);
}

/// YX-R §30: a signature by another key than the one named, or over an altered challenge, is
/// refused (`HolderSignatureInvalid`).
#[test]
fn presentation_with_wrong_signer_or_altered_challenge_is_refused_yx_r_30() {
	let (staff, stranger) = (account(1), account(9));
	let f = holder_fixture(&[staff.public.to_bytes()]);
	let c = challenge(&f);
	// The stranger signs but names the holder's account.
	let mut p = present(&c, &stranger);
	p.signer = staff.public.to_bytes();
	let invalid =
		Err(VerifyError::HolderSignatureInvalid { what: "presentation", signer: p.signer });
	assert_eq!(check(&f, &c, &p), invalid);
	// The holder's signature over another nonce, carried with the issued challenge.
	let mut other = c.clone();
	other.nonce = [8; 32];
	let mut p = present(&c, &staff);
	p.signature = sign_sr(&staff, &other.signing_payload());
	assert_eq!(check(&f, &c, &p), invalid);
	// A malformed sr25519 signature is a failed check, not a panic.
	p.signature = HolderSignature::Sr25519([0xff; 64]);
	assert_eq!(check(&f, &c, &p), invalid);
}

/// YX-R §30: the challenge must be the one this verifier issued, for this chain and certificate,
/// and unexpired.
#[test]
fn presentation_of_another_or_expired_challenge_is_refused_yx_r_30() {
	let staff = account(1);
	let f = holder_fixture(&[staff.public.to_bytes()]);
	let c = challenge(&f);
	// Another challenge (replayed from an earlier one, or made for another verifier).
	for (field, change) in [
		("nonce", Box::new(|c: &mut Challenge| c.nonce = [9; 32]) as Box<dyn Fn(&mut Challenge)>),
		("verifier", Box::new(|c: &mut Challenge| c.verifier = "另一家银行".into())),
		("expires_at", Box::new(|c: &mut Challenge| c.expires_at += 1)),
		("code", Box::new(|c: &mut Challenge| c.code = code(124))),
		("genesis_hash", Box::new(|c: &mut Challenge| c.genesis_hash = genesis("other"))),
	] {
		let mut answered = c.clone();
		change(&mut answered);
		let p = present(&answered, &staff);
		assert_eq!(check(&f, &c, &p), Err(VerifyError::ChallengeMismatch { field }), "{field}");
	}
	// A challenge issued for another chain than the trust root's.
	let mut foreign = c.clone();
	foreign.genesis_hash = genesis("other");
	assert_eq!(
		check(&f, &foreign, &present(&foreign, &staff)),
		Err(VerifyError::ChallengeMismatch { field: "genesis_hash" })
	);
	// A challenge about another certificate than the bundle's.
	let mut other_code = c.clone();
	other_code.code = code(124);
	assert_eq!(
		check(&f, &other_code, &present(&other_code, &staff)),
		Err(VerifyError::ChallengeCodeMismatch { challenge: code(124), bundle: code(123) })
	);
	// Expired: the verifier's clock is past the expiry.
	let mut expired = c.clone();
	expired.expires_at = VERIFIER_NOW.as_millis() - 1;
	assert_eq!(
		check(&f, &expired, &present(&expired, &staff)),
		Err(VerifyError::Expired {
			what: "challenge",
			expires_at: VERIFIER_NOW.as_millis() - 1,
			now: VERIFIER_NOW.as_millis()
		})
	);
	// The last instant is still accepted.
	let mut last = c.clone();
	last.expires_at = VERIFIER_NOW.as_millis();
	assert_eq!(check(&f, &last, &present(&last, &staff)), Ok(Verdict::Valid));
	// Verifier names are bounded.
	assert!(Challenge::new(c.genesis_hash, c.code, String::new(), [0; 32], 0).is_err());
	assert!(Challenge::new(c.genesis_hash, c.code, "x".repeat(257), [0; 32], 0).is_err());
}

/// A version-1 bundle (no holder proof) still verifies, but proves no holder; a holder proof of
/// another state, or of a subject that does not exist, is refused.
#[test]
fn holder_proof_is_required_and_bound_to_the_state_yx_r_30() {
	let staff = account(1);
	let f = Scenario::default().build();
	assert_eq!(f.bundle.version(), BUNDLE_VERSION);
	assert_eq!(
		verify(&f.bundle, &f.trust_root, &Policy::default(), VERIFIER_NOW),
		Ok(Verdict::Valid)
	);
	let c = challenge(&f);
	assert_eq!(check(&f, &c, &present(&c, &staff)), Err(VerifyError::HolderProofMissing));

	// A subject absent from the state: the proof shows it is not there.
	let f = Scenario { holder_accounts: Some(vec![]), ..Default::default() }.build();
	let c = challenge(&f);
	assert_eq!(
		check(&f, &c, &present(&c, &staff)),
		Err(VerifyError::NotHolderKey {
			signer: staff.public.to_bytes(),
			subject: *uscc().as_bytes()
		})
	);
	let mut absent = f;
	absent.bundle.holder_proof =
		absent.state.read_proof(&[dengji_verify::keys::subject_key(&other_uscc())]);
	// The proof covers another key: reading the certificate subject's key fails.
	assert!(check(&absent, &c, &present(&c, &staff)).is_err());

	// A holder proof taken from another state (a different root) is refused.
	let mut swapped = holder_fixture(&[staff.public.to_bytes()]);
	let other = Scenario {
		holder_accounts: Some(vec![staff.public.to_bytes()]),
		filler: 401,
		..Default::default()
	}
	.build();
	swapped.bundle.holder_proof = other.bundle.holder_proof.clone();
	let c = challenge(&swapped);
	assert!(check(&swapped, &c, &present(&c, &staff)).is_err());
}

/// Version-2 bundles round-trip in both forms; version 1 is written when there is no holder
/// proof, so older verifiers keep reading ordinary bundles.
#[test]
fn bundle_versions_round_trip_and_old_bundles_keep_verifying() {
	let f = holder_fixture(&[account(1).public.to_bytes()]);
	assert_eq!(f.bundle.version(), BUNDLE_VERSION_HOLDER);
	let bytes = f.bundle.to_bytes();
	assert_eq!(bytes[4], BUNDLE_VERSION_HOLDER);
	assert_eq!(ProofBundle::from_bytes(&bytes).unwrap(), f.bundle);
	let json = f.bundle.to_json().unwrap();
	assert!(json.contains("\"holder_proof\""));
	assert_eq!(ProofBundle::from_json(&json).unwrap(), f.bundle);
	// Without the holder proof: version 1, byte for byte the old encoding.
	let mut plain = f.bundle.clone();
	plain.holder_proof.clear();
	let v1 = plain.to_bytes();
	assert_eq!(v1[4], BUNDLE_VERSION);
	let old = (
		&plain.trust_root,
		&plain.code,
		&plain.set_changes,
		&plain.header,
		&plain.justification,
		&plain.read_proof,
	)
		.encode();
	assert_eq!(&v1[5..], &old[..]);
	assert_eq!(ProofBundle::from_bytes(&v1).unwrap(), plain);
	assert!(!plain.to_json().unwrap().contains("holder_proof"));
	// A version byte 2 with an empty holder proof, or a version 3, is refused.
	let mut bad = v1.clone();
	bad[4] = BUNDLE_VERSION_HOLDER;
	bad.push(0);
	assert!(ProofBundle::from_bytes(&bad).is_err());
	let mut v3 = bytes.clone();
	v3[4] = 3;
	assert!(matches!(
		ProofBundle::from_bytes(&v3),
		Err(VerifyError::UnsupportedVersion { found: 3, supported: 2, .. })
	));
	// JSON whose version does not match its content is refused.
	assert!(ProofBundle::from_json(&json.replace("\"version\": 2", "\"version\": 1")).is_err());
}

/// Presentations and challenges round-trip through JSON.
#[test]
fn presentation_json_round_trips() {
	let staff = account(1);
	let f = holder_fixture(&[staff.public.to_bytes()]);
	let c = challenge(&f);
	let p = present(&c, &staff);
	assert_eq!(Presentation::from_json(&p.to_json().unwrap()).unwrap(), p);
	assert_eq!(Challenge::from_json(&c.to_json().unwrap()).unwrap(), c);
	assert!(p.to_json().unwrap().contains("\"sr25519\""));
}

/// Q24: a consent token names the chain, the certificate, the verifier (its ed25519 key) and an
/// expiry, signed by a subject account; each mismatch is its own error.
#[test]
fn consent_token_checks_chain_code_verifier_expiry_and_signature_q24() {
	let staff = account(1);
	let verifier = public(&signing_key("bank", 1));
	let g = genesis("local");
	let exp = VERIFIER_NOW.as_millis() + 86_400_000;
	let payload = ConsentToken::signing_payload(&g, &code(123), &verifier, exp);
	let token = ConsentToken {
		genesis_hash: g,
		code: code(123),
		verifier,
		expires_at: exp,
		signer: staff.public.to_bytes(),
		signature: sign_sr(&staff, &payload),
	};
	assert_eq!(token.check(&g, &code(123), &verifier, VERIFIER_NOW), Ok(()));
	assert_eq!(ConsentToken::from_bytes(&token.to_bytes()).unwrap(), token);
	assert_eq!(token.digest(), sp_crypto_hashing::blake2_256(&token.to_bytes()));
	let other = public(&signing_key("bank", 2));
	assert_eq!(
		token.check(&g, &code(123), &other, VERIFIER_NOW),
		Err(VerifyError::ChallengeMismatch { field: "verifier" })
	);
	assert_eq!(
		token.check(&g, &code(124), &verifier, VERIFIER_NOW),
		Err(VerifyError::ChallengeMismatch { field: "code" })
	);
	assert_eq!(
		token.check(&genesis("other"), &code(123), &verifier, VERIFIER_NOW),
		Err(VerifyError::ChallengeMismatch { field: "genesis_hash" })
	);
	let later = UnixTimeMs::from_millis(exp + 1);
	assert!(matches!(
		token.check(&g, &code(123), &verifier, later),
		Err(VerifyError::Expired { what: "consent token", .. })
	));
	let mut forged = token.clone();
	forged.expires_at += 1;
	assert_eq!(
		forged.check(&g, &code(123), &verifier, VERIFIER_NOW),
		Err(VerifyError::HolderSignatureInvalid { what: "consent token", signer: token.signer })
	);
	let mut bytes = token.to_bytes();
	bytes.push(0);
	assert!(ConsentToken::from_bytes(&bytes).is_err());
}

fn other_uscc() -> dengji_primitives::Uscc {
	let first17 = b"91530400MA6K12346";
	let check = dengji_primitives::Uscc::check_character(first17).unwrap();
	let mut all = first17.to_vec();
	all.push(check);
	dengji_primitives::Uscc::from_bytes(&all).unwrap()
}
