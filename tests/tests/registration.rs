//! The registration flow end to end on a `--dev` chain (docs/spec/DESIGN.md §5, §7, §8, §9), through the SDK,
//! and every verdict of the verification core produced from the real chain.
//!
//! Each test starts its own dev node (days are 4 seconds long there, so a 10-working-day publicity
//! window passes in about a minute) and checks certificates with `Client::verify_online` against a
//! trust root taken from the fresh chain, so the proofs are checked, not the node's word.

use dengji_client::{
	primitives::{
		certificate::{CancelReason, CancellationGround},
		CertificateCode, ObjectKind, RevocationGround,
	},
	roles, system_now_ms, Policy, TrustRoot, Verdict,
};
use dengji_tests::flow::{doc, event_u64, Dev, Parties, PUBLICITY_TIMEOUT};
use std::time::Instant;

async fn verdict(dev: &Dev, trust: &TrustRoot, code: &CertificateCode) -> Verdict {
	verdict_at(dev, trust, code, &Policy::default(), None).await
}

async fn verdict_at(
	dev: &Dev,
	trust: &TrustRoot,
	code: &CertificateCode,
	policy: &Policy,
	now: Option<u64>,
) -> Verdict {
	match dev.verify(code, trust, policy, now).await {
		Ok(v) => v.verdict,
		Err(e) => panic!("verifying {code} online failed: {e:?}"),
	}
}

async fn start(name: &str) -> (Dev, TrustRoot, Parties) {
	let dev = Dev::start(name).await.expect("dev node and SDK");
	let trust = dev.client.reader().trust_root().await.expect("trust root of the fresh chain");
	let parties = dev.parties(1).await.expect("subject admitted, objector real-name");
	(dev, trust, parties)
}

/// The demo flow (docs/spec/DESIGN.md §9): admit subject → apply → accept → review → publish → objection →
/// forward → rebuttal → dismissal → publicity ends → approve → issue (the institution signs the
/// draft) → verify online: `Valid`. Then from the same chain: `Stale` under a tight freshness policy,
/// `NotFound` for a code never issued, and `Revoked` after a revocation (YX-R §27).
#[tokio::test(flavor = "multi_thread")]
async fn first_registration_with_dismissed_objection_issues_certificate_that_verifies_valid() {
	let started = Instant::now();
	let (dev, trust, p) = start("flow").await;

	let (application, closes_on) = dev
		.apply_and_publish(&p, ObjectKind::DataResource, None, "Yuxi bus ridership")
		.await
		.expect("apply, accept, review and publish");
	// YX-R §22 ¶2: a real-name person objects during publicity; forwarded, rebutted, dismissed.
	let lodged = dev
		.submit(
			&roles::objector::object(application, doc("objection"), doc("objection evidence")),
			&p.objector,
		)
		.await
		.expect("objection lodged");
	let objection = event_u64(&lodged, "Registration", "ObjectionLodged", "objection").expect("id");
	dev.submit(&roles::institution::forward_objection(objection), &p.operator)
		.await
		.expect("objection forwarded");
	dev.submit(&roles::subject::rebut(objection, doc("rebuttal")), &p.subject)
		.await
		.expect("rebuttal");
	let decided = dev
		.submit(
			&roles::institution::decide_objection(objection, false, doc("dismissal")),
			&p.operator,
		)
		.await
		.expect("objection dismissed");
	assert!(decided.event("Registration", "ObjectionDecided").is_some());

	dev.close_publicity_when_over(&p, application, closes_on)
		.await
		.expect("publicity ends and is closed");
	let code = dev.approve_and_issue(&p, application).await.expect("approved and issued");

	assert_eq!(verdict(&dev, &trust, &code).await, Verdict::Valid, "{code} verifies Valid");

	// Stale: the proof is older than the verifier's freshness policy allows.
	let tight = Policy { max_age_ms: 1_000, ..Policy::default() };
	let later = system_now_ms() + 60_000;
	assert!(
		matches!(verdict_at(&dev, &trust, &code, &tight, Some(later)).await, Verdict::Stale { .. }),
		"a Valid proof a minute old under a 1 s policy is Stale"
	);

	// NotFound: the state proves that no certificate has this code.
	let unissued =
		CertificateCode::new(code.division, code.year, code.serial + 1000).expect("a code");
	assert_eq!(verdict(&dev, &trust, &unissued).await, Verdict::NotFound);

	// Revoked (YX-R §27).
	dev.submit(
		&roles::institution::revoke(code, RevocationGround::FalseMaterials, doc("revocation")),
		&p.operator,
	)
	.await
	.expect("revoked");
	assert!(
		matches!(
			verdict(&dev, &trust, &code).await,
			Verdict::Revoked { ground: RevocationGround::FalseMaterials, .. }
		),
		"revoked certificate verifies Revoked"
	);

	let lat = dev.latencies.lock().map(|l| l.clone()).unwrap_or_default();
	eprintln!(
		"flow: certificate {code}; {} extrinsics, median submission→finality {:?} (max {:?}); \
		 test wall time {:.1}s",
		lat.0.len(),
		lat.median(),
		lat.0.iter().map(|(_, d)| *d).max().unwrap_or_default(),
		started.elapsed().as_secs_f64()
	);
	for (call, d) in &lat.0 {
		eprintln!("flow:   {call:<40} {:>6} ms", d.as_millis());
	}
}

/// YX-R §19, docs/spec/DESIGN.md §7: a change registration issues a new certificate under the same
/// registration number; the previous one verifies `Superseded { by: new }`, the new one `Valid`.
#[tokio::test(flavor = "multi_thread")]
async fn change_registration_supersedes_previous_certificate() {
	let (dev, trust, p) = start("change").await;
	let (registration, first) =
		dev.register_simple(&p, "Yuxi water quality").await.expect("first registration");
	assert_eq!(verdict(&dev, &trust, &first).await, Verdict::Valid);

	let submitted = dev
		.submit(
			&roles::subject::change(
				registration,
				&dengji_tests::flow::basic_info("Yuxi water quality (hourly)"),
			),
			&p.subject,
		)
		.await
		.expect("change submitted");
	let application =
		event_u64(&submitted, "Registration", "ApplicationSubmitted", "application").expect("id");
	dev.submit(&roles::institution::accept(application), &p.operator).await.expect("accepted");
	let published = dev
		.submit(&roles::institution::publish(application), &p.operator)
		.await
		.expect("published");
	let closes_on =
		event_u64(&published, "Registration", "PublicityOpened", "closes_on").expect("day");
	dev.close_publicity_when_over(&p, application, closes_on).await.expect("publicity over");
	let second = dev.approve_and_issue(&p, application).await.expect("change approved and issued");

	assert_ne!(first, second, "every issuance has its own code");
	match verdict(&dev, &trust, &first).await {
		Verdict::Superseded { by, .. } => assert_eq!(by, second),
		other => panic!("previous certificate verifies {other:?}, expected Superseded"),
	}
	assert_eq!(verdict(&dev, &trust, &second).await, Verdict::Valid);
}

/// YX-R §21: a cancellation registration (no publicity) cancels the certificate, which then
/// verifies `Cancelled { OnApplication(ground) }`.
#[tokio::test(flavor = "multi_thread")]
async fn cancellation_registration_cancels_certificate() {
	let (dev, trust, p) = start("cancel").await;
	let (registration, code) =
		dev.register_simple(&p, "Yuxi parking occupancy").await.expect("first registration");
	assert_eq!(verdict(&dev, &trust, &code).await, Verdict::Valid);

	let ground = CancellationGround::ResourceLost;
	let submitted = dev
		.submit(&roles::subject::cancel(registration, ground, &[doc("loss report")]), &p.subject)
		.await
		.expect("cancellation submitted");
	let application =
		event_u64(&submitted, "Registration", "ApplicationSubmitted", "application").expect("id");
	dev.submit(&roles::institution::accept(application), &p.operator).await.expect("accepted");
	let approved = dev
		.submit(
			&roles::institution::approve(application, doc("cancellation decision")),
			&p.operator,
		)
		.await
		.expect("cancellation approved");
	assert!(
		approved.event("Certificate", "CertificateCancelled").is_some(),
		"{:?}",
		approved.events
	);

	match verdict(&dev, &trust, &code).await {
		Verdict::Cancelled { reason, .. } => {
			assert_eq!(reason, CancelReason::OnApplication(ground))
		}
		other => panic!("cancelled certificate verifies {other:?}"),
	}
}

/// YX-R §23 ¶1: a product/service certificate is valid at most until its authorised-operation
/// term ends. With a term ending minutes after issuance, `valid_until` is the term end; a verifier
/// at a later time gets `Expired`, and once chain time has passed it the certificate is expired
/// (then cancelled by expiry and announced, YX-R §23 ¶2).
#[tokio::test(flavor = "multi_thread")]
async fn product_certificate_expires_with_authorised_operation_term() {
	/// Room for publicity (about a minute) and the other steps before the term ends.
	const TERM_MS: u64 = 240_000;
	let (dev, trust, p) = start("expiry").await;
	let now = dev.client.reader().now().await.expect("chain time");
	let term_end = now + TERM_MS;
	let agreement = dev.record_agreement(p.uscc, now, term_end).await.expect("agreement recorded");

	let (application, closes_on) = dev
		.apply_and_publish(
			&p,
			ObjectKind::DataProductOrService,
			Some(agreement),
			"Yuxi mobility index",
		)
		.await
		.expect("product application published");
	dev.close_publicity_when_over(&p, application, closes_on).await.expect("publicity over");
	let code = dev.approve_and_issue(&p, application).await.expect("issued");

	let record = dev.client.reader().fetch_certificate(&code).await.expect("read").expect("stored");
	let valid_until = record.body.valid_until;
	assert!(valid_until <= term_end, "valid_until {valid_until} beyond the AO term end {term_end}");
	assert_eq!(verdict(&dev, &trust, &code).await, Verdict::Valid);
	// A verifier whose clock is past `valid_until`: Expired, whatever the proof's age.
	assert_eq!(
		verdict_at(&dev, &trust, &code, &Policy::default(), Some(valid_until + 1)).await,
		Verdict::Expired { valid_until }
	);

	// Chain time passes the end of validity: the certificate is expired; the permissionless
	// `expire` call (or the on_idle sweep, whichever runs first) cancels it by expiry.
	dev.client
		.reader()
		.wait_until_time(
			valid_until + 1,
			PUBLICITY_TIMEOUT + std::time::Duration::from_millis(TERM_MS),
		)
		.await
		.expect("chain time passes valid_until");
	match verdict(&dev, &trust, &code).await {
		Verdict::Expired { valid_until: v } => {
			assert_eq!(v, valid_until);
			dev.submit(&roles::anyone::expire_certificate(code), &p.subject)
				.await
				.expect("expired certificate cancelled by expiry");
			assert!(matches!(
				verdict(&dev, &trust, &code).await,
				Verdict::Cancelled { reason: CancelReason::Expiry, .. }
			));
		}
		Verdict::Cancelled { reason: CancelReason::Expiry, .. } => {}
		other => panic!("certificate past valid_until verifies {other:?}"),
	}
}
