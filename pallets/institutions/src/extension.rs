//! Transaction allow-list (docs/spec/DESIGN.md §3 layer 2).
//!
//! [`CheckParticipant`] rejects at the pool any signed transaction whose signer is neither a
//! participant ([`Pallet::is_participant_account`]: operator of an active institution, validator,
//! subject account, real-name person or agent, city authority) nor one of
//! `T::ExtraParticipants` (the authority council). Unsigned, inherent and root paths pass through.
//!
//! ## Spam containment: per-account rate limit
//! There is no fee token, so a compromised member key could fill blocks. Each account may have at
//! most `T::MaxTransactionsPerBlock` signed transactions *included per block*: `prepare` (block
//! building and import) counts them in [`TransactionCounts`] (one `(block, count)` entry per
//! account, overwritten in the next block it transacts in, so storage stays bounded by the number
//! of participants) and refuses the next one with `InvalidTransaction::ExhaustsResources`. The
//! block author then skips that transaction and keeps it in the pool for a later block, so an
//! honest burst is delayed, never dropped, and one account can never take more than
//! `MaxTransactionsPerBlock / block` of the chain's throughput. The pool itself is bounded by its
//! own size limits and the nonce ordering per account. The pool check (`validate`) only checks
//! membership: counts of past blocks say nothing about the block being built.

use crate::{pallet::*, WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Get, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	Weight,
};

/// Rejects signed transactions from non-participants; rate-limits participants per block.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckParticipant<T>(PhantomData<T>);

impl<T> CheckParticipant<T> {
	/// The extension (it carries no data).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckParticipant<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckParticipant")
	}
}

impl<T: Config> CheckParticipant<T> {
	/// Counts one more included transaction of `who` in the current block, refusing it when the
	/// account reached `MaxTransactionsPerBlock`.
	pub fn count_transaction(who: &T::AccountId) -> Result<(), TransactionValidityError> {
		let now = frame_system::Pallet::<T>::block_number();
		let count = match TransactionCounts::<T>::get(who) {
			Some((block, count)) if block == now => count,
			_ => 0,
		};
		if count >= T::MaxTransactionsPerBlock::get() {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		TransactionCounts::<T>::insert(who, (now, count.saturating_add(1)));
		Ok(())
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckParticipant<T> {
	const IDENTIFIER: &'static str = "CheckParticipant";
	type Implicit = ();
	/// The signer to count in `prepare`.
	type Val = Option<T::AccountId>;
	type Pre = ();

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		T::WeightInfo::check_participant()
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let signer = origin.as_signer().cloned();
		if let Some(who) = &signer {
			// docs/spec/DESIGN.md §3 layer 2: only participants transact.
			if !Pallet::<T>::may_transact(who) {
				return Err(InvalidTransaction::BadSigner.into());
			}
		}
		Ok((ValidTransaction::default(), signer, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Some(who) => Self::count_transaction(&who),
			None => Ok(()),
		}
	}
}
