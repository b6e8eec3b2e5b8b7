//! A fungible "currency" that holds nothing, for pallets that want one although the chain has no
//! token (docs/spec/DESIGN.md §3: no fee token). `pallet-session` needs a currency for its key deposit; the
//! runtime sets that deposit to zero, so nothing is ever held and every balance reads as zero.

use core::marker::PhantomData;
use frame_support::traits::tokens::{
	fungible, DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
};
use sp_runtime::DispatchError;

/// The balance type of [`NoDeposit`]: never anything but zero.
pub type NoBalance = u128;

/// A fungible that has no supply: every balance is zero, every hold of zero succeeds.
pub struct NoDeposit<Reason>(PhantomData<Reason>);

impl<AccountId, Reason> fungible::Inspect<AccountId> for NoDeposit<Reason> {
	type Balance = NoBalance;
	fn total_issuance() -> NoBalance {
		0
	}
	fn minimum_balance() -> NoBalance {
		0
	}
	fn total_balance(_: &AccountId) -> NoBalance {
		0
	}
	fn balance(_: &AccountId) -> NoBalance {
		0
	}
	fn reducible_balance(_: &AccountId, _: Preservation, _: Fortitude) -> NoBalance {
		0
	}
	fn can_deposit(_: &AccountId, _: NoBalance, _: Provenance) -> DepositConsequence {
		DepositConsequence::Success
	}
	fn can_withdraw(_: &AccountId, amount: NoBalance) -> WithdrawConsequence<NoBalance> {
		if amount == 0 {
			WithdrawConsequence::Success
		} else {
			WithdrawConsequence::BalanceLow
		}
	}
}

impl<AccountId, Reason> fungible::Unbalanced<AccountId> for NoDeposit<Reason> {
	fn handle_dust(_: fungible::Dust<AccountId, Self>) {}
	fn write_balance(_: &AccountId, amount: NoBalance) -> Result<Option<NoBalance>, DispatchError> {
		if amount == 0 {
			Ok(None)
		} else {
			Err(DispatchError::Token(sp_runtime::TokenError::Unsupported))
		}
	}
	fn set_total_issuance(_: NoBalance) {}
}

impl<AccountId: Eq, Reason> fungible::Mutate<AccountId> for NoDeposit<Reason> {}

impl<AccountId, Reason> fungible::hold::Inspect<AccountId> for NoDeposit<Reason>
where
	Reason: codec::Encode + scale_info::TypeInfo + 'static,
{
	type Reason = Reason;
	fn total_balance_on_hold(_: &AccountId) -> NoBalance {
		0
	}
	fn balance_on_hold(_: &Reason, _: &AccountId) -> NoBalance {
		0
	}
}

impl<AccountId, Reason> fungible::hold::Unbalanced<AccountId> for NoDeposit<Reason>
where
	Reason: codec::Encode + scale_info::TypeInfo + 'static,
{
	fn set_balance_on_hold(
		_: &Reason,
		_: &AccountId,
		amount: NoBalance,
	) -> Result<(), DispatchError> {
		if amount == 0 {
			Ok(())
		} else {
			Err(DispatchError::Token(sp_runtime::TokenError::Unsupported))
		}
	}
}

impl<AccountId: Eq, Reason> fungible::hold::Mutate<AccountId> for NoDeposit<Reason> where
	Reason: codec::Encode + scale_info::TypeInfo + 'static
{
}
