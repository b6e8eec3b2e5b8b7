//! Transaction allow-list (docs/spec/DESIGN.md §3 layer 2) and the per-account rate limit.

use super::*;
use crate::{CheckParticipant, TransactionCounts};
use frame_support::{assert_ok, dispatch::DispatchInfo};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

type Inst = crate::Pallet<Test>;

fn call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn validate(origin: RuntimeOrigin) -> Result<(), TransactionValidityError> {
	CheckParticipant::<Test>::new()
		.validate_only(origin, &call(), &DispatchInfo::default(), 0, TransactionSource::External, 0)
		.map(|_| ())
}

fn include(who: u64) -> Result<(), TransactionValidityError> {
	CheckParticipant::<Test>::new()
		.validate_and_prepare(signed(who), &call(), &DispatchInfo::default(), 0, 0)
		.map(|_| ())
}

/// docs/spec/DESIGN.md §3 layer 2: every participant kind and the council may transact.
#[test]
fn check_participant_accepts_participants_and_council() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [YUXI_OP, HT_OP, YUXI_VAL, YUXI_CA, PERSON, SUBJ, COUNCIL] {
			assert_ok!(validate(signed(who)));
		}
	});
}

/// docs/spec/DESIGN.md §3 layer 2 with YX-R §7 ¶2 and §25: a county data authority's account
/// transacts while it holds the role (it files and sanctions its county's institution and records,
/// refers and decides complaints about it), and no longer once removed.
#[test]
fn check_participant_accepts_county_authority_while_appointed_yx_r_7_25() {
	ExtBuilder::default().build_and_execute(|| {
		const HT_AUTH: u64 = 62;
		assert_eq!(validate(signed(HT_AUTH)), Err(InvalidTransaction::BadSigner.into()));
		assert_ok!(Inst::set_county_authority(signed(YUXI_CA), HT_AUTH, hongta()));
		assert_ok!(validate(signed(HT_AUTH)));
		assert_ok!(include(HT_AUTH));
		assert_ok!(Inst::remove_county_authority(signed(YUXI_CA), HT_AUTH));
		assert_eq!(validate(signed(HT_AUTH)), Err(InvalidTransaction::BadSigner.into()));
		assert!(TransactionCounts::<Test>::get(HT_AUTH).is_none());
	});
}

/// docs/spec/DESIGN.md §3 layer 2: strangers are rejected at the pool.
#[test]
fn check_participant_rejects_stranger_as_bad_signer() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(validate(signed(STRANGER)), Err(InvalidTransaction::BadSigner.into()));
		assert_eq!(include(STRANGER), Err(InvalidTransaction::BadSigner.into()));
	});
}

#[test]
fn check_participant_unsigned_and_root_pass_through() {
	ExtBuilder::default().build_and_execute(|| {
		for origin in [RuntimeOrigin::none(), root()] {
			let (_, val, _) = CheckParticipant::<Test>::new()
				.validate(
					origin,
					&call(),
					&DispatchInfo::default(),
					0,
					(),
					&TxBaseImplication(call()),
					TransactionSource::External,
				)
				.unwrap();
			assert_eq!(val, None);
		}
	});
}

/// YX-R §26: operators of a suspended or disqualified institution lose access; removed roles too.
#[test]
fn check_participant_rejects_operator_of_suspended_institution_and_removed_roles() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inst::suspend_institution(root(), hongta()));
		assert_eq!(validate(signed(HT_OP)), Err(InvalidTransaction::BadSigner.into()));
		// The suspended institution's validator may still manage its session keys.
		assert_ok!(validate(signed(HT_VAL)));
		assert_ok!(include(YUXI_OP));
		assert_ok!(Inst::remove_operator(root(), yuxi(), YUXI_OP));
		assert_eq!(validate(signed(YUXI_OP)), Err(InvalidTransaction::BadSigner.into()));
		assert!(TransactionCounts::<Test>::get(YUXI_OP).is_none());
	});
}

/// docs/spec/DESIGN.md §3: at most `MaxTransactionsPerBlock` included transactions per account and block;
/// the next one is deferred (ExhaustsResources keeps it in the pool), and the count resets in the
/// next block.
#[test]
fn check_participant_rate_limit_defers_excess_until_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_TX_PER_BLOCK {
			assert_ok!(include(SUBJ));
		}
		assert_eq!(include(SUBJ), Err(InvalidTransaction::ExhaustsResources.into()));
		// Other accounts are unaffected; the pool check does not count.
		assert_ok!(include(PERSON));
		assert_ok!(validate(signed(SUBJ)));
		System::set_block_number(2);
		assert_ok!(include(SUBJ));
		assert_eq!(TransactionCounts::<Test>::get(SUBJ), Some((2, 1)));
	});
}
