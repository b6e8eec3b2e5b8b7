//! # Governance pallet
//!
//! ## Overview
//!
//! Forkless runtime upgrades decided by the province data authority council (数据主管部门,
//! docs/spec/DESIGN.md §3, Governance; issue 11 §3), without Sudo. `frame_system` already has the
//! two-step path: `authorize_upgrade(code_hash)` (Root only) records the hash of the new runtime,
//! and anyone may then supply the code with `System::apply_authorized_upgrade(code)`, which checks
//! the hash, that the spec name is unchanged and that `spec_version` increases. Root is reachable
//! only through Sudo, which exists only on `dev`, so this pallet exposes the first step to a
//! council origin fixed in the runtime ([`Config::UpgradeOrigin`]) and calls
//! [`frame_system::Pallet::do_authorize_upgrade`] with `check_version = true`: the council can
//! never authorise code that skips frame_system's version checks.
//!
//! ## Interface
//! - [`Pallet::authorize_upgrade`]: `UpgradeOrigin` (in the Dengji runtime: at least 3/4 of the
//!   council, one motion) authorises the code with this BLAKE2-256 hash.
//!
//! Chain parameter (issue 11 §4): [`SessionLength`], the number of blocks per session, set in
//! the chain spec's genesis (`"governance": {"sessionLength": N}`); the runtime's
//! `pallet_session::PeriodicSessions` reads it through [`Pallet::session_length`], so a validator
//! set change decided by the council takes effect within two sessions of that length. Absent, the
//! runtime's compiled default applies.
//!
//! The second step, `System::apply_authorized_upgrade(code)`, is frame_system's own: any
//! participant submits the code; a wrong blob (hash mismatch) is refused with
//! `System::Unauthorized`, a blob whose version cannot be read or whose `spec_version` does not
//! increase is refused with `System::RejectedInvalidAuthorizedUpgrade` (the authorisation is
//! then spent and a new motion is needed).
#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::WeightInfo;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{One, Zero};

	/// v1 (runtime 106): the council's members hold a provider reference to their accounts, so an
	/// official with no other role can transact; the runtime's `council_accounts` migration gives
	/// the members of an earlier council theirs, versioned on this pallet.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may authorise new runtime code: a council threshold fixed in the runtime, never
		/// chosen per motion (docs/spec/DESIGN.md §3, Governance).
		type UpgradeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The council proportion `(numerator, denominator)` that `UpgradeOrigin` requires, for
		/// clients: a motion must be proposed with `threshold = ceil(members × n / d)` ayes. Must
		/// equal `UpgradeOrigin`'s proportion (the runtime tests check it).
		#[pallet::constant]
		type UpgradeThreshold: Get<(u32, u32)>;
		/// The council proportion `(numerator, denominator)` of the data authority's other calls
		/// (`AuthorityOrigin` of the Dengji pallets, the node allow-list and council membership),
		/// published here for clients in the same way.
		#[pallet::constant]
		type AuthorityThreshold: Get<(u32, u32)>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Blocks per session, when the chain spec set it (issue 11 §4); see
	/// [`Pallet::session_length`].
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per session; `None` keeps the runtime's compiled default. Must not be zero.
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.session_length {
				assert!(!length.is_zero(), "governance.sessionLength must be at least 1 block");
				SessionLength::<T>::put(length);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council authorised runtime code with this BLAKE2-256 hash; anyone may now apply it
		/// with `System::apply_authorized_upgrade(code)` (which checks the spec version).
		UpgradeAuthorized {
			/// BLAKE2-256 hash of the authorised runtime code (wasm blob as applied).
			code_hash: T::Hash,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// This code hash is already authorised and not yet applied: a second motion for the same
		/// code changes nothing.
		AlreadyAuthorized,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorise a runtime upgrade to the code with this BLAKE2-256 hash, with frame_system's
		/// version checks (same spec name, higher `spec_version`). Replaces any earlier pending
		/// authorisation, as frame_system does.
		///
		/// Origin: [`Config::UpgradeOrigin`].
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::authorize_upgrade(), DispatchClass::Operational))]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::UpgradeOrigin::ensure_origin(origin)?;
			ensure!(Self::pending_upgrade() != Some(code_hash), Error::<T>::AlreadyAuthorized);
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Self::deposit_event(Event::UpgradeAuthorized { code_hash });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Blocks per session: the chain spec's [`SessionLength`], else `default` (never zero).
		pub fn session_length(default: BlockNumberFor<T>) -> BlockNumberFor<T> {
			let length = SessionLength::<T>::get().unwrap_or(default);
			if length.is_zero() {
				One::one()
			} else {
				length
			}
		}

		/// The code hash of frame_system's pending authorised upgrade, if any.
		///
		/// `frame_system::AuthorizedUpgrade` is `pub(super)` and its accessor is std-only, so it is
		/// read here by its storage key; its value `CodeUpgradeAuthorization { code_hash,
		/// check_version }` has the SCALE layout of `(T::Hash, bool)`.
		pub fn pending_upgrade() -> Option<T::Hash> {
			use frame_support::traits::PalletInfoAccess;
			let key = frame_support::storage::storage_prefix(
				<frame_system::Pallet<T> as PalletInfoAccess>::name().as_bytes(),
				b"AuthorizedUpgrade",
			);
			frame_support::storage::unhashed::get::<(T::Hash, bool)>(&key).map(|(hash, _)| hash)
		}
	}
}
