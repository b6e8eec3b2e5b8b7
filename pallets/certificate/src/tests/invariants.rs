//! A long pseudo-random sequence of ledger operations keeps every `try_state` invariant:
//! each `Valid` certificate stays queued for expiry or renewal-pending (YX-R §23 ¶2), `CurrentOf`
//! points to `Valid` certificates, serials stay below `NextSerial`, records are never deleted.

use super::*;
use crate::weights::WeightInfo;
use dengji_primitives::{
	certificate::{CancelReason, CancellationGround, IssuingAct, RevocationGround},
	traits::{CertificateLedger, Validity},
};

/// A small deterministic generator (no extra dependency).
struct Lcg(u64);
impl Lcg {
	fn next(&mut self, bound: u64) -> u64 {
		self.0 =
			self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
		(self.0 >> 11) % bound.max(1)
	}
}

/// Try a draft and issue; failures are allowed (they must leave no trace).
fn try_draft_and_issue(req: dengji_primitives::traits::DraftRequest) -> Option<CertificateCode> {
	let (seed, op) = issuer_credentials(req.issuer);
	let body = Certificate::draft(req).ok()?;
	Certificate::issue(RuntimeOrigin::signed(op), body.code, sign(&body, seed)).ok()?;
	Some(body.code)
}

#[test]
fn random_operation_sequences_keep_invariants() {
	for run in 0..3u64 {
		ExtBuilder::default().max_expiries(3).build_and_execute(|| {
			let mut rng = Lcg(run.wrapping_mul(7919).wrapping_add(17));
			let mut issued: Vec<CertificateCode> = Vec::new();
			let mut next_registration = 1u64;
			let mut count = 0usize;
			for _ in 0..300 {
				let pick = |rng: &mut Lcg, issued: &Vec<CertificateCode>| {
					issued.get(rng.next(issued.len() as u64) as usize).copied()
				};
				match rng.next(10) {
					0 | 1 => {
						let issuer = if rng.next(2) == 0 { city() } else { county() };
						let mut req = request(next_registration, issuer);
						next_registration += 1;
						if rng.next(2) == 0 {
							req.object =
								dengji_primitives::certificate::ObjectKind::DataProductOrService;
							let now = pallet_timestamp::Now::<Test>::get();
							let term = rng.next(1_500) * 86_400_000;
							req.validity = Validity::Fresh { ao_term_end: Some(now + term) };
						}
						issued.extend(try_draft_and_issue(req));
					}
					2 => {
						if let Some(prev) = pick(&mut rng, &issued) {
							let act = if rng.next(2) == 0 {
								IssuingAct::Change
							} else {
								IssuingAct::Correction
							};
							issued.extend(try_draft_and_issue(follow_up(
								prev,
								act,
								Validity::KeepPrevious,
							)));
						}
					}
					3 => {
						if let Some(prev) = pick(&mut rng, &issued) {
							let _ = Certificate::set_renewal_pending(&prev, true);
							let years = rng.next(4) as u8;
							issued.extend(try_draft_and_issue(follow_up(
								prev,
								IssuingAct::Renewal,
								Validity::Renew { years, ao_term_end: None },
							)));
						}
					}
					4 => {
						if let Some(code) = pick(&mut rng, &issued) {
							let _ = Certificate::set_renewal_pending(&code, rng.next(2) == 0);
						}
					}
					5 => {
						if let Some(code) = pick(&mut rng, &issued) {
							let _ = Certificate::revoke(
								RuntimeOrigin::signed(CITY_OP),
								code,
								RevocationGround::UnlawfulUse,
								[0; 32],
							);
							let _ = Certificate::cancel(
								&code,
								CancelReason::OnApplication(CancellationGround::ResourceLost),
							);
						}
					}
					6 => {
						if let Some(code) = pick(&mut rng, &issued) {
							let _ = Certificate::expire(RuntimeOrigin::signed(STRANGER), code);
						}
					}
					_ => {
						// Time passes (up to ~4 months) and on_idle runs with a random budget.
						let now = pallet_timestamp::Now::<Test>::get();
						set_now(now + rng.next(120 * 86_400_000));
						let items = rng.next(4);
						let budget = <() as WeightInfo>::on_idle_day()
							.saturating_mul(rng.next(3))
							.saturating_add(
								<() as WeightInfo>::on_idle_item().saturating_mul(items),
							);
						let n = System::block_number() + 1;
						System::set_block_number(n);
						let used =
							<Certificate as frame_support::traits::Hooks<u64>>::on_idle(n, budget);
						assert!(used.all_lte(budget));
					}
				}
				frame_support::assert_ok!(Certificate::do_try_state());
				// Tombstones: every issued record is still readable.
				assert!(issued.iter().all(Certificates::<Test>::contains_key));
				count = issued.len();
			}
			assert!(count > 20, "the sequence should issue certificates: {count}");
			// Every lifecycle path was exercised.
			let mut seen = [0usize; 5];
			for c in &issued {
				let i = match status(*c) {
					CertificateStatus::Valid => 0,
					CertificateStatus::Superseded { .. } => 1,
					CertificateStatus::Cancelled { reason: CancelReason::Expiry, .. } => 2,
					CertificateStatus::Cancelled { .. } => 3,
					CertificateStatus::Revoked { .. } => 4,
				};
				seen[i] += 1;
			}
			assert!(seen[1..].iter().all(|n| *n > 0), "{seen:?}");
		});
	}
}
