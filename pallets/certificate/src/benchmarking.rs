//! Benchmarks (`frame_benchmarking::v2`), worst cases: issuance superseding a previous certificate
//! with the expiry queue probed to its last day; revocation and expiry clearing a pending renewal
//! and the registration's current pointer.

use super::*;
use crate::{
	validity, Certificates, CurrentOf, Drafts, ExpiryCursor, ExpiryQueue, RenewalsPending,
};
use alloc::vec;
use dengji_primitives::{
	calendar::{Date, DayIndex},
	certificate::{
		CancelReason, CancellationGround, CertificateStatus, IssuingAct, ObjectKind,
		RevocationGround,
	},
	traits::{Clock, DraftRequest, Validity},
	uscc::Uscc,
	BoundedName, DivisionCode, Moment,
};
use ed25519_dalek::{Signer, SigningKey};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::RawOrigin;

const KEY_SEED: u8 = 7;

fn issuer() -> DivisionCode {
	DivisionCode::new(530400).unwrap_or_else(|_| panic!("valid division"))
}

fn signing_key(seed: u8) -> SigningKey {
	SigningKey::from_bytes(&[seed; 32])
}

fn day_of(y: u16, m: u8, d: u8) -> DayIndex {
	Date::new(y, m, d).map(|d| d.to_day_index()).unwrap_or_default()
}

/// 10:00 on `day` under the runtime's clock.
fn set_day<T: Config>(day: DayIndex) {
	let clock = T::Clock::chain_clock();
	let now = clock.day_start_ms(day).saturating_add(clock.day_length_ms / 2);
	T::BenchmarkHelper::set_now(now);
}

fn subject() -> Uscc {
	let mut raw = *b"91530400MA6K00000?";
	raw[17] = Uscc::check_character(&raw[..17]).unwrap_or(b'0');
	Uscc::from_bytes(&raw).unwrap_or_else(|_| panic!("valid USCC"))
}

fn request(
	registration: u64,
	validity: Validity,
	previous: Option<CertificateCode>,
) -> DraftRequest {
	DraftRequest {
		registration,
		act: if previous.is_some() { IssuingAct::Change } else { IssuingAct::FirstTime },
		object: ObjectKind::DataProductOrService,
		subject: subject(),
		subject_name: BoundedName::truncate_from(vec![b'S'; 128]),
		data_name: BoundedName::truncate_from(vec![b'D'; 128]),
		content_digest: [7; 32],
		issuer: issuer(),
		previous,
		validity,
	}
}

/// An operator of the issuer whose current key has seed `KEY_SEED`.
fn operator<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::BenchmarkHelper::setup_institution(
		issuer(),
		signing_key(KEY_SEED).verifying_key().to_bytes(),
		&who,
	);
	who
}

/// The SM2 secret of the issuer's co-signing key.
const SM2_SECRET: [u8; 32] = [9; 32];

/// Gives the issuer the SM2 key `SM2_SECRET`.
fn sm2_key<T: Config>() {
	let key = dengji_primitives::sm2::public_from_secret(&SM2_SECRET)
		.unwrap_or_else(|_| panic!("SM2 secret in range"));
	T::BenchmarkHelper::setup_sm2_key(issuer(), key);
}

fn sm2_sign<T: Config>(body: &CertificateBody) -> [u8; 64] {
	let genesis = Pallet::<T>::genesis_hash().unwrap_or_default();
	dengji_primitives::sm2::sign(&SM2_SECRET, &body.signing_payload(&genesis))
		.unwrap_or_else(|_| panic!("SM2 secret in range"))
}

fn sign<T: Config>(body: &CertificateBody, seed: u8) -> [u8; 64] {
	let genesis = Pallet::<T>::genesis_hash().unwrap_or_default();
	signing_key(seed).sign(&body.signing_payload(&genesis)).to_bytes()
}

fn make_draft<T: Config>(req: DraftRequest) -> CertificateBody {
	Pallet::<T>::do_draft(req).unwrap_or_else(|e| panic!("draft: {e:?}"))
}

/// Drafts and issues a first certificate of `registration`.
fn issued<T: Config>(who: &T::AccountId, registration: u64) -> CertificateRecord {
	let body = make_draft::<T>(request(registration, Validity::Fresh { ao_term_end: None }, None));
	let signature = sign::<T>(&body, KEY_SEED);
	Pallet::<T>::do_issue(who, body.code, signature, None)
		.unwrap_or_else(|e| panic!("issue: {e:?}"));
	Certificates::<T>::get(body.code).unwrap_or_else(|| panic!("issued"))
}

/// Fills the expiry queues of `day` and the following days but the last probed one.
fn fill_probe_days<T: Config>(day: DayIndex, filler: CertificateCode) {
	let full: BoundedVec<_, T::MaxExpiriesPerDay> =
		BoundedVec::truncate_from(vec![filler; T::MaxExpiriesPerDay::get() as usize]);
	for i in 0..EXPIRY_QUEUE_PROBE_DAYS.saturating_sub(1) {
		ExpiryQueue::<T>::insert(day.saturating_add(i), full.clone());
	}
}

fn valid_until_day<T: Config>(valid_until: Moment) -> DayIndex {
	validity::first_expired_day(&T::Clock::chain_clock(), valid_until)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A change superseding a `Valid` certificate with a pending renewal; the expiry queue is
	/// full on every probed day but the last.
	#[benchmark]
	fn issue() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let previous = issued::<T>(&who, 1);
		RenewalsPending::<T>::insert(previous.body.code, day_of(2026, 3, 10));
		let body = make_draft::<T>(request(1, Validity::KeepPrevious, Some(previous.body.code)));
		fill_probe_days::<T>(valid_until_day::<T>(body.valid_until), previous.body.code);
		let signature = sign::<T>(&body, KEY_SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), body.code, signature);

		assert_eq!(
			Certificates::<T>::get(body.code).map(|r| r.status),
			Some(CertificateStatus::Valid)
		);
		assert_eq!(CurrentOf::<T>::get(1), Some(body.code));
	}

	/// As `issue`, co-signed with SM2: one SM2-with-SM3 verification and one SM3 digest more
	/// (issue 14 §2).
	#[benchmark]
	fn issue_cosigned() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		sm2_key::<T>();
		let previous = issued::<T>(&who, 1);
		RenewalsPending::<T>::insert(previous.body.code, day_of(2026, 3, 10));
		let body = make_draft::<T>(request(1, Validity::KeepPrevious, Some(previous.body.code)));
		fill_probe_days::<T>(valid_until_day::<T>(body.valid_until), previous.body.code);
		let signature = sign::<T>(&body, KEY_SEED);
		let sm2_signature = sm2_sign::<T>(&body);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), body.code, signature, sm2_signature);

		assert!(Certificates::<T>::get(body.code).is_some_and(|r| r.sm2.is_some()));
		assert_eq!(CurrentOf::<T>::get(1), Some(body.code));
	}

	#[benchmark]
	fn set_require_sm2() {
		let origin = T::AuthorityOrigin::try_successful_origin()
			.unwrap_or_else(|_| panic!("authority origin"));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);
		assert!(crate::RequireSm2::<T>::get());
	}

	#[benchmark]
	fn revoke() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let code = issued::<T>(&who, 1).body.code;
		RenewalsPending::<T>::insert(code, day_of(2026, 3, 10));

		#[extrinsic_call]
		_(RawOrigin::Signed(who), code, RevocationGround::FalseMaterials, [1; 32]);

		assert!(matches!(
			Certificates::<T>::get(code).map(|r| r.status),
			Some(CertificateStatus::Revoked { .. })
		));
	}

	#[benchmark]
	fn expire() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let record = issued::<T>(&who, 1);
		T::BenchmarkHelper::set_now(record.body.valid_until.saturating_add(1));
		let caller: T::AccountId = account("anyone", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), record.body.code);

		assert!(CurrentOf::<T>::get(1).is_none());
	}

	#[benchmark]
	fn rekey_draft() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let body = make_draft::<T>(request(1, Validity::Fresh { ao_term_end: None }, None));
		let new_key = signing_key(KEY_SEED.wrapping_add(1)).verifying_key().to_bytes();
		T::BenchmarkHelper::setup_institution(issuer(), new_key, &who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), body.code);

		assert_eq!(Drafts::<T>::get(body.code).map(|b| b.issuer_key), Some(new_key));
	}

	/// YX-R §23 ¶1: a draft issued on a later day is re-dated (worst case: a change keeping the
	/// previous expiry reads the previous certificate).
	#[benchmark]
	fn redate_draft() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let body = make_draft::<T>(request(1, Validity::Fresh { ao_term_end: None }, None));
		set_day::<T>(day_of(2026, 3, 12));

		#[extrinsic_call]
		_(RawOrigin::Signed(who), body.code);

		assert_eq!(Drafts::<T>::get(body.code).map(|b| b.issued_on), Some(T::Clock::today()));
	}

	/// `on_idle` overhead per day walked: an empty queue day.
	#[benchmark]
	fn on_idle_day() {
		set_day::<T>(day_of(2029, 3, 10));
		// The day the runtime's clock reads (its clock may be anchored elsewhere than the mock's).
		let day = T::Clock::today();
		ExpiryCursor::<T>::put(day);
		let mut meter = WeightMeter::new();

		#[block]
		{
			Pallet::<T>::drain_expiry_queue(&mut meter);
		}

		assert_eq!(ExpiryCursor::<T>::get(), Some(day.saturating_add(1)));
	}

	/// `on_idle` cost per queued certificate: cancelling and announcing an expired one.
	#[benchmark]
	fn on_idle_item() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let record = issued::<T>(&who, 1);
		let day = valid_until_day::<T>(record.body.valid_until);
		set_day::<T>(day);

		#[block]
		{
			Pallet::<T>::process_queued(record.body.code, day);
		}

		assert!(matches!(
			Certificates::<T>::get(record.body.code).map(|r| r.status),
			Some(CertificateStatus::Cancelled { reason: CancelReason::Expiry, .. })
		));
	}

	/// `CertificateLedger::draft`, worst case a renewal of a certificate with a pending renewal.
	#[benchmark]
	fn draft() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let previous = issued::<T>(&who, 1);
		set_day::<T>(day_of(2029, 3, 1));
		let code = previous.body.code;
		RenewalsPending::<T>::insert(code, day_of(2029, 3, 1));
		let mut req =
			request(1, Validity::Renew { years: 3, ao_term_end: Some(Moment::MAX) }, Some(code));
		req.act = IssuingAct::Renewal;
		let result;

		#[block]
		{
			result = Pallet::<T>::do_draft(req);
		}

		assert!(result.is_ok());
	}

	/// `CertificateLedger::cancel` on application (YX-R §21).
	#[benchmark]
	fn cancel() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let code = issued::<T>(&who, 1).body.code;
		RenewalsPending::<T>::insert(code, day_of(2026, 3, 10));
		let result;

		#[block]
		{
			result = Pallet::<T>::do_cancel(
				&code,
				CancelReason::OnApplication(CancellationGround::ResourceLost),
			);
		}

		assert!(result.is_ok());
	}

	/// `CertificateLedger::set_renewal_pending(false)` after the queue day was drained: the
	/// certificate is queued again past full days.
	#[benchmark]
	fn set_renewal_pending() {
		set_day::<T>(day_of(2026, 3, 10));
		let who = operator::<T>();
		let record = issued::<T>(&who, 1);
		let code = record.body.code;
		let day = valid_until_day::<T>(record.body.valid_until);
		RenewalsPending::<T>::insert(code, day);
		ExpiryCursor::<T>::put(day.saturating_add(1));
		fill_probe_days::<T>(day.saturating_add(1), code);
		set_day::<T>(day.saturating_add(1));
		let result;

		#[block]
		{
			result = Pallet::<T>::do_set_renewal_pending(&code, false);
		}

		assert!(result.is_ok());
		assert!(RenewalsPending::<T>::get(code).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
