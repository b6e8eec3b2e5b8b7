//! Council-authorised runtime upgrades (issue 11 §3, "Bad input and refusals"): the motion
//! below threshold never executes, a non-member's vote, a second vote and an early close are
//! refused, and frame_system refuses a wrong blob or a non-increasing `spec_version`.

use crate::{mock::*, Error, Event};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, weights::Weight};
use sp_core::{traits::ReadRuntimeVersionExt, H256};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError,
};

/// A motion of `proposer` for `Governance::authorize_upgrade(code_hash)` with the runtime's
/// threshold for 4 members (ceil(4 × 3/4) = 3); returns (proposal hash, index).
fn propose_upgrade(proposer: u64, code_hash: H256, threshold: u32) -> (H256, u32) {
	let call = RuntimeCall::Governance(crate::Call::authorize_upgrade { code_hash });
	let len = call.encoded_size() as u32;
	let index = pallet_collective::ProposalCount::<Test, CouncilCollective>::get();
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(proposer),
		threshold,
		Box::new(call.clone()),
		len
	));
	(BlakeTwo256::hash_of(&call), index)
}

fn close(hash: H256, index: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let call = RuntimeCall::Governance(crate::Call::authorize_upgrade { code_hash: H256::zero() });
	Council::close(
		RuntimeOrigin::signed(1),
		hash,
		index,
		call.get_dispatch_info().call_weight * 2,
		1_000,
	)
}

fn governance_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Governance(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn executed_results() -> Vec<Result<(), DispatchError>> {
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
fn three_quarters_of_the_council_authorise_an_upgrade() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		let (hash, index) = propose_upgrade(1, code_hash, 3);
		assert_ok!(Council::vote(RuntimeOrigin::signed(1), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(3), hash, index, true));
		assert_ok!(close(hash, index));
		assert_eq!(executed_results(), vec![Ok(())]);
		assert_eq!(governance_events(), vec![Event::UpgradeAuthorized { code_hash }]);
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), Some(code_hash));
		System::assert_has_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
	});
}

#[test]
fn a_motion_below_the_upgrade_threshold_never_executes() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		// Proposed with the 2/3 authority threshold (3 of 4 also, but two ayes and two nays).
		let (hash, index) = propose_upgrade(1, code_hash, 3);
		assert_ok!(Council::vote(RuntimeOrigin::signed(1), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(3), hash, index, false));
		assert_ok!(Council::vote(RuntimeOrigin::signed(4), hash, index, false));
		assert_ok!(close(hash, index));
		assert!(executed_results().is_empty());
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), None);

		// A proposer who sets a lower threshold (2 of 4 = 1/2) gets the motion executed, but
		// with a 2-of-4 council origin that `UpgradeOrigin` (3/4) refuses: nothing changes.
		let (hash, index) = propose_upgrade(1, code_hash, 2);
		assert_ok!(Council::vote(RuntimeOrigin::signed(1), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		assert_ok!(close(hash, index));
		assert_eq!(executed_results(), vec![Err(DispatchError::BadOrigin)]);
		assert!(governance_events().is_empty());
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), None);
	});
}

#[test]
fn signed_and_root_origins_cannot_authorise() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		assert_noop!(
			Governance::authorize_upgrade(RuntimeOrigin::signed(1), code_hash),
			DispatchError::BadOrigin
		);
		// Root (Sudo on `dev`) has frame_system's own `authorize_upgrade`; this pallet is the
		// council's path only.
		assert_noop!(
			Governance::authorize_upgrade(RuntimeOrigin::root(), code_hash),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn non_member_vote_second_vote_and_early_close_are_refused() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		let (hash, index) = propose_upgrade(1, code_hash, 3);
		assert_noop!(
			Council::vote(RuntimeOrigin::signed(99), hash, index, true),
			pallet_collective::Error::<Test, CouncilCollective>::NotMember
		);
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		assert_noop!(
			Council::vote(RuntimeOrigin::signed(2), hash, index, true),
			pallet_collective::Error::<Test, CouncilCollective>::DuplicateVote
		);
		// Two ayes of three needed, motion duration not over: too early.
		assert_noop!(
			close(hash, index),
			pallet_collective::Error::<Test, CouncilCollective>::TooEarly
		);
		// A non-member cannot propose either.
		let call = RuntimeCall::Governance(crate::Call::authorize_upgrade { code_hash });
		assert_noop!(
			Council::propose(RuntimeOrigin::signed(99), 3, Box::new(call), 100),
			pallet_collective::Error::<Test, CouncilCollective>::NotMember
		);
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), None);
	});
}

#[test]
fn the_same_code_twice_is_refused() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		let origin = || -> RuntimeOrigin { pallet_collective::RawOrigin::Members(3, 4).into() };
		assert_ok!(Governance::authorize_upgrade(origin(), code_hash));
		assert_noop!(
			Governance::authorize_upgrade(origin(), code_hash),
			Error::<Test>::AlreadyAuthorized
		);
		// Another code replaces the pending authorisation (as frame_system does).
		let other = BlakeTwo256::hash(b"runtime v3");
		assert_ok!(Governance::authorize_upgrade(origin(), other));
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), Some(other));
	});
}

/// The host's `read_runtime_version` for the tests: every blob has this version.
struct ReadVersion(Vec<u8>);
impl sp_core::traits::ReadRuntimeVersion for ReadVersion {
	fn read_runtime_version(
		&self,
		_wasm_code: &[u8],
		_ext: &mut dyn sp_core::traits::Externalities,
	) -> Result<Vec<u8>, String> {
		Ok(self.0.clone())
	}
}

fn ext_with_code_version(spec_name: &'static str, spec_version: u32) -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	let version =
		sp_version::RuntimeVersion { spec_name: spec_name.into(), spec_version, ..Version::get() };
	ext.register_extension(ReadRuntimeVersionExt::new(ReadVersion(version.encode())));
	ext
}

fn current_code() -> Option<Vec<u8>> {
	sp_io::storage::get(sp_core::storage::well_known_keys::CODE).map(|c| c.to_vec())
}

fn authorize(code: &[u8]) {
	let origin: RuntimeOrigin = pallet_collective::RawOrigin::Members(4, 4).into();
	assert_ok!(Governance::authorize_upgrade(origin, BlakeTwo256::hash(code)));
}

#[test]
fn anyone_applies_an_authorised_higher_version() {
	ext_with_code_version("dengji", 101).execute_with(|| {
		let code = b"runtime v2 wasm".to_vec();
		authorize(&code);
		assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::signed(99), code.clone()));
		System::assert_has_event(
			frame_system::Event::CodeUpdated { hash: BlakeTwo256::hash(&code) }.into(),
		);
		assert_eq!(
			sp_io::storage::get(sp_core::storage::well_known_keys::CODE).as_deref(),
			Some(&code[..])
		);
		assert_eq!(crate::Pallet::<Test>::pending_upgrade(), None);
	});
}

#[test]
fn a_wrong_blob_is_refused() {
	ext_with_code_version("dengji", 101).execute_with(|| {
		authorize(b"runtime v2 wasm");
		let code_before = current_code();
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(99), b"random bytes".to_vec()),
			frame_system::Error::<Test>::Unauthorized
		);
		assert_eq!(current_code(), code_before);
	});
}

// frame_system skips its version checks when built with `runtime-benchmarks` (so benchmarks can
// set any code); the checks are tested without that feature.
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn a_lower_or_equal_spec_version_or_other_spec_name_is_refused() {
	for (name, version, error) in [
		("dengji", 100, frame_system::Error::<Test>::SpecVersionNeedsToIncrease),
		("dengji", 99, frame_system::Error::<Test>::SpecVersionNeedsToIncrease),
		("other", 101, frame_system::Error::<Test>::InvalidSpecName),
	] {
		ext_with_code_version(name, version).execute_with(|| {
			let code = b"runtime wasm".to_vec();
			authorize(&code);
			let code_before = current_code();
			// Refused without fault of the submitter: an event, the authorisation is spent.
			assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::signed(99), code.clone()));
			System::assert_has_event(
				frame_system::Event::RejectedInvalidAuthorizedUpgrade {
					code_hash: BlakeTwo256::hash(&code),
					error: error.into(),
				}
				.into(),
			);
			assert_eq!(current_code(), code_before);
			assert_eq!(crate::Pallet::<Test>::pending_upgrade(), None);
		});
	}
}

#[test]
fn close_weight_bound_below_the_call_weight_is_refused() {
	new_test_ext().execute_with(|| {
		let code_hash = BlakeTwo256::hash(b"runtime v2");
		let (hash, index) = propose_upgrade(1, code_hash, 3);
		for who in 1..=3 {
			assert_ok!(Council::vote(RuntimeOrigin::signed(who), hash, index, true));
		}
		assert_noop!(
			Council::close(RuntimeOrigin::signed(1), hash, index, Weight::zero(), 1_000),
			pallet_collective::Error::<Test, CouncilCollective>::WrongProposalWeight
		);
	});
}

/// Issue 11 §4: the chain spec's session length is stored at genesis and read back; absent, the
/// runtime's default applies; zero is refused at genesis and never returned.
#[test]
fn session_length_comes_from_the_genesis_else_the_default() {
	use sp_runtime::BuildStorage;
	new_test_ext().execute_with(|| {
		assert_eq!(crate::SessionLength::<Test>::get(), None);
		assert_eq!(crate::Pallet::<Test>::session_length(200), 200);
		crate::SessionLength::<Test>::put(0);
		assert_eq!(crate::Pallet::<Test>::session_length(200), 1);
	});
	let storage = RuntimeGenesisConfig {
		governance: crate::GenesisConfig { session_length: Some(10) },
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(crate::SessionLength::<Test>::get(), Some(10));
		assert_eq!(crate::Pallet::<Test>::session_length(200), 10);
	});
	let zero = std::panic::catch_unwind(|| {
		RuntimeGenesisConfig {
			governance: crate::GenesisConfig { session_length: Some(0) },
			..Default::default()
		}
		.build_storage()
	});
	assert!(zero.is_err(), "a zero session length is refused at genesis");
}
