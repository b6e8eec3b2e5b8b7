//! Council members hold their accounts (runtime/src/configs/council_accounts.rs; issue 11 §2): a
//! data-authority official with no other role must be able to propose and vote, and without a
//! balances pallet `CheckNonce` refuses an account that no role holds.

use dengji_runtime::{CouncilMembership, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System};
use frame_support::assert_ok;
use sp_core::crypto::AccountId32;
use sp_runtime::BuildStorage;

fn official(n: u8) -> AccountId32 {
	AccountId32::new([200 + n; 32])
}

fn providers(who: &AccountId32) -> u32 {
	frame_system::Pallet::<Runtime>::providers(who)
}

fn ext(council: Vec<AccountId32>) -> sp_io::TestExternalities {
	let mut genesis = RuntimeGenesisConfig::default();
	genesis.council_membership.members = council.try_into().expect("bounded");
	let mut ext = sp_io::TestExternalities::new(genesis.build_storage().expect("genesis"));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn genesis_council_members_exist_without_another_role() {
	ext(vec![official(1), official(2)]).execute_with(|| {
		assert_eq!(providers(&official(1)), 1);
		assert_eq!(providers(&official(2)), 1);
		assert!(frame_system::Pallet::<Runtime>::account_exists(&official(1)));
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			2
		);
	});
}

#[test]
fn joining_holds_and_leaving_releases_the_account() {
	ext(vec![official(1)]).execute_with(|| {
		assert_eq!(providers(&official(2)), 0);
		assert_ok!(CouncilMembership::add_member(RuntimeOrigin::root(), official(2).into()));
		assert_eq!(providers(&official(2)), 1);

		assert_ok!(CouncilMembership::swap_member(
			RuntimeOrigin::root(),
			official(2).into(),
			official(3).into()
		));
		assert_eq!((providers(&official(2)), providers(&official(3))), (0, 1));
		assert!(!frame_system::Pallet::<Runtime>::account_exists(&official(2)));

		assert_ok!(CouncilMembership::reset_members(
			RuntimeOrigin::root(),
			vec![official(3), official(4)]
		));
		assert_eq!(
			(providers(&official(1)), providers(&official(3)), providers(&official(4))),
			(0, 1, 1)
		);

		assert_ok!(CouncilMembership::remove_member(RuntimeOrigin::root(), official(4).into()));
		assert_eq!(providers(&official(4)), 0);
		// The council itself follows the membership.
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			vec![official(3)]
		);
	});
}

#[test]
fn a_member_with_another_role_keeps_that_roles_reference_when_leaving() {
	ext(vec![official(1), official(2)]).execute_with(|| {
		// Another role (e.g. an institution's operator) holds the account too.
		frame_system::Pallet::<Runtime>::inc_providers(&official(2));
		assert_eq!(providers(&official(2)), 2);
		assert_ok!(CouncilMembership::remove_member(RuntimeOrigin::root(), official(2).into()));
		assert_eq!(providers(&official(2)), 1);
		assert!(frame_system::Pallet::<Runtime>::account_exists(&official(2)));
	});
}
