//! The council's members are accounts that transact (they propose, vote and close motions), but a
//! data-authority official need hold no other role. Without a balances pallet an account exists only
//! while something holds a provider reference to it, and `CheckNonce` refuses a transaction from an
//! account that does not exist. So council membership holds one reference per member, as the
//! institutions pallet does for each role it grants (`hold_account`): taken when the member joins
//! (at genesis or by `CouncilMembership` calls), dropped when it leaves. Found by
//! `scripts/production-rehearsal.sh`: on a production chain, whose council members hold no other
//! role, the first motion was refused ("the signer is not an active participant").

use crate::{AccountId, Council, Runtime};
use frame_support::traits::{ChangeMembers, InitializeMembers, UncheckedOnRuntimeUpgrade};

/// `pallet_membership`'s `MembershipInitialized` and `MembershipChanged`: passes the members on to
/// `Council` and holds or drops each member's account.
pub struct CouncilAccounts;

fn hold(who: &AccountId) {
	frame_system::Pallet::<Runtime>::inc_providers(who);
}

fn release(who: &AccountId) {
	// Refused while the account still has consumers (session keys): the reference then stays,
	// which keeps the account existing and blocks nothing.
	if frame_system::Pallet::<Runtime>::dec_providers(who).is_err() {
		log::warn!(target: "runtime::council", "provider kept: account still has consumers");
	}
}

impl InitializeMembers<AccountId> for CouncilAccounts {
	fn initialize_members(members: &[AccountId]) {
		members.iter().for_each(hold);
		<Council as InitializeMembers<AccountId>>::initialize_members(members);
	}
}

impl ChangeMembers<AccountId> for CouncilAccounts {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		incoming.iter().for_each(hold);
		outgoing.iter().for_each(release);
		<Council as ChangeMembers<AccountId>>::change_members_sorted(incoming, outgoing, new);
	}

	fn set_prime(who: Option<AccountId>) {
		<Council as ChangeMembers<AccountId>>::set_prime(who);
	}

	fn get_prime() -> Option<AccountId> {
		<Council as ChangeMembers<AccountId>>::get_prime()
	}
}

/// The members' references on chains whose council was formed before `CouncilAccounts` (runtime
/// 106): one reference for each current member. Versioned on pallet-governance (storage v0 → v1,
/// [`MigrateV0ToV1`]) so that it runs once.
pub struct HoldCouncilAccounts;

fn members() -> alloc::vec::Vec<AccountId> {
	pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().into_inner()
}

impl UncheckedOnRuntimeUpgrade for HoldCouncilAccounts {
	fn on_runtime_upgrade() -> frame_support::weights::Weight {
		let members = members();
		members.iter().for_each(hold);
		let n = members.len() as u64;
		<Runtime as frame_system::Config>::DbWeight::get().reads_writes(1 + n, n)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		let providers: alloc::vec::Vec<(AccountId, u32)> = members()
			.into_iter()
			.map(|m| {
				let p = frame_system::Pallet::<Runtime>::providers(&m);
				(m, p)
			})
			.collect();
		Ok(providers.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = <alloc::vec::Vec<(AccountId, u32)>>::decode(&mut &state[..])
			.map_err(|_| "council accounts: pre-upgrade state")?;
		for (member, providers) in before {
			frame_support::ensure!(
				frame_system::Pallet::<Runtime>::providers(&member) == providers + 1,
				"council accounts: a member did not get its reference"
			);
		}
		Ok(())
	}
}

/// [`HoldCouncilAccounts`] once, on pallet-governance's storage version 0 → 1.
pub type MigrateV0ToV1 = frame_support::migrations::VersionedMigration<
	0,
	1,
	HoldCouncilAccounts,
	pallet_governance::Pallet<Runtime>,
	<Runtime as frame_system::Config>::DbWeight,
>;
