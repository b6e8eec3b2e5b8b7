//! The pallets `dengji-node benchmark pallet` measures (`scripts/gen-weights.sh`), and the chain
//! setup the Dengji pallets' benchmarks ask the runtime for. Benchmarks start from the
//! `development` genesis: Yuxi (530400) operated by Alice, signing key `//Alice//cert`, demo
//! subject `//Eve`.

use crate::{
	genesis_config_presets::demo_uscc, AccountId, Calendar, Certificate, Institutions, Runtime,
	RuntimeOrigin,
};
use dengji_primitives::{
	calendar::DayIndex,
	traits::{Clock, Directory},
	CertificateCode, DivisionCode, Moment, Uscc,
};
use pallet_institutions::PersonKind;
use sp_core::crypto::KeyTypeId;

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_timestamp, Timestamp]
	[pallet_governance, Governance]
	[pallet_calendar, Calendar]
	[pallet_institutions, Institutions]
	[pallet_certificate, Certificate]
	[pallet_registration, Registration]
);

/// Key type under which the benchmark keystore holds institutions' certificate keys.
const CERT_KEY_TYPE: KeyTypeId = KeyTypeId(*b"djct");

/// The institution of the `development` genesis.
fn yuxi() -> DivisionCode {
	DivisionCode::new(530400).unwrap_or_else(|_| unreachable!("530400 is a valid division"))
}

/// Starts the calendar's clock if genesis left it pending. Until then the clock is anchored at the
/// current timestamp (`pallet_calendar::Pallet::current_clock`), so moving the timestamp would not
/// move the day; benchmarks that set a day need the clock fixed first.
fn start_clock() {
	use frame_support::traits::Hooks;
	if pallet_calendar::ClockStartPending::<Runtime>::get() {
		<Calendar as Hooks<crate::BlockNumber>>::on_finalize(0);
	}
}

/// Chain setup for the Dengji pallets' benchmarks.
pub struct Helper;

impl pallet_certificate::BenchmarkHelper<AccountId> for Helper {
	fn setup_institution(id: DivisionCode, key: [u8; 32], operator: &AccountId) {
		Institutions::benchmark_institution(id, key, operator);
	}

	fn set_now(now: Moment) {
		start_clock();
		pallet_timestamp::Now::<Runtime>::put(now);
	}

	fn setup_sm2_key(id: DivisionCode, key: dengji_primitives::Sm2Public) {
		Institutions::benchmark_sm2_key(id, key);
	}
}

impl pallet_registration::BenchmarkHelper<AccountId> for Helper {
	fn setup_parties(
		operator: &AccountId,
		subject: &AccountId,
		objector: &AccountId,
	) -> (DivisionCode, Uscc) {
		let uscc = demo_uscc(530400);
		let _ = Institutions::add_operator(RuntimeOrigin::root(), yuxi(), operator.clone());
		let _ = Institutions::add_subject_account(
			RuntimeOrigin::signed(operator.clone()),
			uscc,
			subject.clone(),
		);
		let _ = Institutions::record_real_name(
			RuntimeOrigin::signed(operator.clone()),
			objector.clone(),
			[1u8; 32],
			PersonKind::Individual,
		);
		(yuxi(), uscc)
	}

	fn set_day(day: DayIndex) {
		start_clock();
		let clock = <Calendar as Clock>::chain_clock();
		pallet_timestamp::Now::<Runtime>::put(clock.day_start_ms(day) + clock.day_length_ms / 2);
	}

	fn issue(code: &CertificateCode) {
		let Some(body) = pallet_certificate::Drafts::<Runtime>::get(code) else {
			return;
		};
		let Ok(genesis) = Certificate::genesis_hash() else {
			return;
		};
		// The `development` institution signs with `//Alice//cert`; the benchmark CLI provides a
		// keystore, so the key is derived there and the draft signed as the issuer would.
		let public =
			sp_io::crypto::ed25519_generate(CERT_KEY_TYPE, Some(b"//Alice//cert".to_vec()));
		let Some(signature) =
			sp_io::crypto::ed25519_sign(CERT_KEY_TYPE, &public, &body.signing_payload(&genesis))
		else {
			return;
		};
		let responsible =
			<Institutions as Directory<AccountId>>::responsible_institution(body.issuer);
		let Some(operator) = pallet_institutions::Institutions::<Runtime>::get(responsible)
			.and_then(|i| i.validator)
		else {
			return;
		};
		let _ = Certificate::issue(RuntimeOrigin::signed(operator), *code, signature.0);
	}

	fn upheld_complaint(institution: DivisionCode) -> Option<u32> {
		// YX-R §25(二): recorded and decided upheld by the data authority (Q32).
		let id = pallet_institutions::NextComplaintId::<Runtime>::get();
		Institutions::lodge_complaint(RuntimeOrigin::root(), institution, [40u8; 32]).ok()?;
		Institutions::decide_complaint(
			RuntimeOrigin::root(),
			id,
			pallet_institutions::types::ComplaintOutcome::Upheld,
			[41u8; 32],
		)
		.ok()?;
		Some(id)
	}
}
