//! The council's runtime-upgrade path in the real runtime (issue 11 §3): thresholds as
//! published to clients, a motion at 3/4 authorises, 2/3 does not, Sudo's Root is not the
//! council's origin, and the council's motion-level refusals.

use super::{AUTHORITY_THRESHOLD, UPGRADE_THRESHOLD};
use crate::{
	AccountId, BuildStorage, Council, CouncilMembershipConfig, Governance, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::EnsureOrigin};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

type CouncilError = pallet_collective::Error<Runtime, pallet_collective::Instance1>;

fn members() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

fn ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		council_membership: CouncilMembershipConfig {
			members: members().try_into().expect("4 members"),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn signed(i: usize) -> RuntimeOrigin {
	RuntimeOrigin::signed(members()[i].clone())
}

/// Votes needed for a proportion: ceil(members × n / d), as the SDK computes it.
fn threshold((n, d): (u32, u32), members: u32) -> u32 {
	(members * n).div_ceil(d)
}

#[test]
fn published_thresholds_are_the_origins_thresholds() {
	assert_eq!(<Runtime as pallet_governance::Config>::UpgradeThreshold::get(), UPGRADE_THRESHOLD);
	assert_eq!(
		<Runtime as pallet_governance::Config>::AuthorityThreshold::get(),
		AUTHORITY_THRESHOLD
	);
	for m in 1..=7u32 {
		let up = threshold(UPGRADE_THRESHOLD, m);
		let auth = threshold(AUTHORITY_THRESHOLD, m);
		let council = |n| -> RuntimeOrigin { pallet_collective::RawOrigin::Members(n, m).into() };
		assert!(super::UpgradeOrigin::try_origin(council(up)).is_ok(), "{up} of {m}");
		assert!(super::UpgradeOrigin::try_origin(council(up - 1)).is_err(), "{} of {m}", up - 1);
		assert!(super::AuthorityOrigin::try_origin(council(auth)).is_ok(), "{auth} of {m}");
		assert!(super::AuthorityOrigin::try_origin(council(auth - 1)).is_err());
		assert!(up >= auth, "the upgrade threshold is at least the institutions' 2/3");
	}
	// Root (Sudo, `dev` only) is the data authority, but not the council's upgrade origin.
	assert!(super::UpgradeOrigin::try_origin(RuntimeOrigin::root()).is_err());
}

fn upgrade_call(code_hash: H256) -> RuntimeCall {
	RuntimeCall::Governance(pallet_governance::Call::authorize_upgrade { code_hash })
}

fn propose(call: RuntimeCall, threshold: u32) -> (H256, u32) {
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	let len = call.encoded_size() as u32;
	assert_ok!(Council::propose(signed(0), threshold, Box::new(call.clone()), len));
	(BlakeTwo256::hash_of(&call), index)
}

fn close(
	call: &RuntimeCall,
	hash: H256,
	index: u32,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Council::close(
		signed(0),
		hash,
		index,
		call.get_dispatch_info().call_weight,
		call.encoded_size() as u32,
	)
}

fn executed() -> Vec<Result<(), DispatchError>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			}
			_ => None,
		})
		.collect()
}

#[test]
fn three_of_four_authorise_an_upgrade_two_of_four_never_do() {
	ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"dengji runtime 101");
		let call = upgrade_call(code_hash);

		// A proposer who sets a threshold below 3/4 of 4 (2 ayes): executed with a 2-of-4 origin,
		// which `UpgradeOrigin` refuses.
		let (hash, index) = propose(call.clone(), 2);
		assert_ok!(Council::vote(signed(0), hash, index, true));
		assert_ok!(Council::vote(signed(1), hash, index, true));
		assert_ok!(close(&call, hash, index));
		assert_eq!(executed(), vec![Err(DispatchError::BadOrigin)]);
		assert_eq!(Governance::pending_upgrade(), None);

		// The runtime's threshold: 3 of 4.
		System::reset_events();
		let (hash, index) = propose(call.clone(), threshold(UPGRADE_THRESHOLD, 4));
		for i in 0..3 {
			assert_ok!(Council::vote(signed(i), hash, index, true));
		}
		assert_ok!(close(&call, hash, index));
		assert_eq!(executed(), vec![Ok(())]);
		assert_eq!(Governance::pending_upgrade(), Some(code_hash));
		System::assert_has_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
	});
}

#[test]
fn council_refusals_change_nothing() {
	ext().execute_with(|| {
		let call = upgrade_call(BlakeTwo256::hash(b"dengji runtime 101"));
		let (hash, index) = propose(call.clone(), 3);
		let stranger = RuntimeOrigin::signed(Sr25519Keyring::Ferdie.to_account_id());
		assert_noop!(Council::vote(stranger, hash, index, true), CouncilError::NotMember);
		assert_ok!(Council::vote(signed(1), hash, index, true));
		assert_noop!(Council::vote(signed(1), hash, index, true), CouncilError::DuplicateVote);
		assert_noop!(close(&call, hash, index), CouncilError::TooEarly);
		assert_eq!(Governance::pending_upgrade(), None);
		// A close with a weight bound below the call's weight is refused.
		for i in [0, 2] {
			assert_ok!(Council::vote(signed(i), hash, index, true));
		}
		assert_noop!(
			Council::close(signed(0), hash, index, frame_support::weights::Weight::zero(), 100),
			CouncilError::WrongProposalWeight
		);
		assert_noop!(
			Council::close(signed(0), hash, index, call.get_dispatch_info().call_weight, 1),
			CouncilError::WrongProposalLength
		);
	});
}

#[test]
fn the_upgrade_call_fits_the_council_weight_bound() {
	let call = upgrade_call(H256::zero());
	assert!(call
		.get_dispatch_info()
		.call_weight
		.all_lte(<Runtime as pallet_collective::Config<pallet_collective::Instance1>>::MaxProposalWeight::get()));
}
