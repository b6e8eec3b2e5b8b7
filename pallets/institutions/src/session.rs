//! Consensus and network permissioning (docs/spec/DESIGN.md §3 layers 1 and 3): the validator set handed to
//! `pallet-session`, and the hook that keeps the node allow-list in step.

use crate::pallet::*;
use alloc::vec::Vec;
use dengji_primitives::{institution::InstitutionStatus, DivisionCode};
use frame_support::weights::Weight;

/// Keeps the network allow-list (e.g. `pallet-node-authorization` well-known nodes) in step with
/// institutions' PeerIds. Called when a PeerId is set, replaced or cleared, and when an institution
/// is disqualified. Implementations must not fail: the institution record is the source of truth.
pub trait NodeAllowList<AccountId> {
	/// `institution`'s node `peer_id` was allow-listed; `owner` is its validator account, if set.
	fn peer_added(institution: DivisionCode, peer_id: &[u8], owner: Option<&AccountId>);
	/// `institution`'s node `peer_id` must leave the allow-list.
	fn peer_removed(institution: DivisionCode, peer_id: &[u8]);
	/// Upper bound of the weight of one `peer_removed` plus one `peer_added`, added to the weight
	/// of the calls that use them.
	fn max_weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId> NodeAllowList<AccountId> for () {
	fn peer_added(_: DivisionCode, _: &[u8], _: Option<&AccountId>) {}
	fn peer_removed(_: DivisionCode, _: &[u8]) {}
}

impl<T: Config> Pallet<T> {
	/// The validator accounts of active institutions, ordered by division code (bounded by
	/// `MaxInstitutions`).
	pub fn active_validators() -> Vec<T::AccountId> {
		let mut set: Vec<(DivisionCode, T::AccountId)> = Institutions::<T>::iter()
			.filter(|(_, i)| i.status == InstitutionStatus::Active)
			.filter_map(|(d, i)| i.validator.map(|v| (d, v)))
			.collect();
		set.sort_by_key(|(d, _)| *d);
		set.into_iter().map(|(_, v)| v).collect()
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// docs/spec/DESIGN.md §3 layer 3: the set is exactly the active institutions' validators. A new set is
	/// returned only when a call changed it since the last planned session, and never empty.
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !ValidatorSetOutdated::<T>::get() {
			return None;
		}
		let set = Self::active_validators();
		if set.is_empty() {
			// Keep the old set; the flag stays so the next session retries.
			Self::deposit_event(Event::EmptyValidatorSetRefused { session: new_index });
			return None;
		}
		ValidatorSetOutdated::<T>::put(false);
		Self::deposit_event(Event::ValidatorSetPlanned {
			session: new_index,
			validators: u32::try_from(set.len()).unwrap_or(u32::MAX),
		});
		Some(set)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		let set = Self::active_validators();
		ValidatorSetOutdated::<T>::put(false);
		(!set.is_empty()).then_some(set)
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}
