//! SM2/SM3 co-signatures end to end on a `--dev` chain (issue 14 §2; GB/T 32918, GB/T 32905,
//! GB/T 35276 default distinguishing ID; docs/spec/DESIGN.md §7): the dev institution (Yuxi,
//! operator `//Alice`) has the SM2 key `//Alice//sm2` from the chain spec; a certificate it issues
//! co-signed verifies `Valid` under `Policy { require_sm2 }`; once the data authority requires SM2,
//! an issuance without a co-signature is refused; a certificate without one fails the policy.

use dengji_client::{
	primitives::{sm2, CertificateCode, ObjectKind},
	roles,
	verify::VerifyError,
	Policy, Sm2Key, TrustRoot, Verdict,
};
use dengji_tests::flow::{doc, event_field, json_code, Dev, Parties};

/// The dev institution's SM2 key (runtime preset `dev_sm2_key("//Alice//sm2")`).
const DEV_SM2_KEY: &str = "//Alice//sm2";

fn require_sm2() -> Policy {
	Policy { require_sm2: true, ..Policy::default() }
}

/// Applies, publishes, waits out publicity and approves: the drafted certificate's code.
async fn drafted(dev: &Dev, p: &Parties, data_name: &str) -> CertificateCode {
	let (application, closes_on) = dev
		.apply_and_publish(p, ObjectKind::DataResource, None, data_name)
		.await
		.expect("apply, accept, review and publish");
	dev.close_publicity_when_over(p, application, closes_on).await.expect("publicity over");
	let approved = dev
		.submit(&roles::institution::approve(application, doc("approval decision")), &p.operator)
		.await
		.expect("approved");
	event_field(&approved, "Certificate", "CertificateDrafted", "code")
		.ok()
		.and_then(json_code)
		.expect("a draft")
}

async fn start(name: &str) -> (Dev, TrustRoot, Parties) {
	let dev = Dev::start(name).await.expect("dev node and SDK");
	let trust = dev.client.reader().trust_root().await.expect("trust root of the fresh chain");
	let parties = dev.parties(1).await.expect("subject admitted, objector real-name");
	(dev, trust, parties)
}

/// Issue 14 §2 "done when": a certificate issued with both signatures on the local chain
/// verifies `Valid` with the SM2 check required; its record carries the SM3 digest of the signed
/// bytes. Then the data authority requires SM2: a plain issuance is refused
/// (`Sm2CoSignatureRequired`); and a certificate issued without a co-signature before fails
/// verification under `require_sm2`.
#[tokio::test(flavor = "multi_thread")]
async fn cosigned_certificate_verifies_valid_with_sm2_required() {
	let (dev, trust, p) = start("sm2").await;
	let sm2_key = Sm2Key::from_suri(DEV_SM2_KEY).expect("dev SM2 key");
	let institution =
		dev.client.reader().fetch_institution(&p.institution).await.expect("read").expect("there");
	assert_eq!(institution.sm2_key, Some(sm2_key.public()), "chain spec registers //Alice//sm2");

	// A certificate issued before SM2 is required, without a co-signature.
	let plain = dev.register_simple(&p, "Yuxi bus ridership").await.expect("plain issuance").1;

	let code = drafted(&dev, &p, "Yuxi water quality").await;
	let issued = dev
		.client
		.issue_certificate_cosigned(&code, &p.cert_key, &sm2_key, &p.operator)
		.await
		.expect("co-signed issuance");
	assert!(issued.event("Certificate", "CertificateIssued").is_some());
	let record = dev.client.reader().fetch_certificate(&code).await.expect("read").expect("there");
	let cosig = record.sm2.clone().expect("co-signature stored");
	assert_eq!(cosig.key, sm2_key.public());
	let payload = record.body.signing_payload(&dev.client.reader().genesis_hash());
	assert_eq!(cosig.sm3_digest, sm2::sm3(&payload));

	let v = dev.verify(&code, &trust, &require_sm2(), None).await.expect("verified");
	assert_eq!(v.verdict, Verdict::Valid);

	// Without a co-signature the required policy fails, naming the check.
	match dev.client.reader().verify_online(&plain, Some(&trust), &require_sm2(), None).await {
		Err(dengji_client::Error::Verify(VerifyError::Sm2SignatureMissing { code })) => {
			assert_eq!(code, plain)
		}
		other => panic!("a certificate without SM2 under require_sm2: {other:?}"),
	}
	assert_eq!(
		dev.verify(&plain, &trust, &Policy::default(), None).await.expect("verified").verdict,
		Verdict::Valid
	);

	// The data authority requires SM2 (issue 14 §2): plain issuance is refused.
	dev.as_authority(&dengji_client::sm2::set_require_sm2(true)).await.expect("RequireSm2 set");
	let next = drafted(&dev, &p, "Yuxi air quality").await;
	let err = dev
		.client
		.issue_certificate(&next, &p.cert_key, &p.operator)
		.await
		.expect_err("plain issuance while SM2 is required");
	assert_eq!(err.dispatch_error(), Some(("Certificate", "Sm2CoSignatureRequired")), "{err:?}");
	dev.client
		.issue_certificate_cosigned(&next, &p.cert_key, &sm2_key, &p.operator)
		.await
		.expect("co-signed issuance while required");
	assert_eq!(
		dev.verify(&next, &trust, &require_sm2(), None).await.expect("verified").verdict,
		Verdict::Valid
	);
}
