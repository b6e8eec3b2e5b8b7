//! Versioned storage migrations of the institutions pallet (issue 14: every storage change ships
//! with one).

/// v1 → v2 (issue 14 §2): `InstitutionRecord` gained `sm2_key` and `retired_sm2_keys` (the SM2
/// co-signing key registered by the data authority beside the ed25519 key, GB/T 32918), both
/// appended. Every stored institution gets `sm2_key: None` and no retired SM2 keys; nothing else
/// changes.
pub mod v2 {
	use crate::{pallet::*, types::InstitutionOf};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The v1 layout this migration reads.
	pub mod v1 {
		use codec::{Decode, Encode};
		use dengji_primitives::{
			institution::{InstitutionStatus, MAX_PEER_ID_LEN, MAX_RETIRED_KEYS},
			BoundedName, DivisionCode, Ed25519Public, Moment,
		};
		use frame_support::{pallet_prelude::ConstU32, BoundedVec};

		/// v1 `InstitutionRecord`: without the SM2 fields. Field docs as in v2.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		#[allow(missing_docs)]
		pub struct InstitutionRecord<AccountId> {
			pub division: DivisionCode,
			pub name: BoundedName,
			pub status: InstitutionStatus,
			pub signing_key: Ed25519Public,
			pub retired_keys: BoundedVec<Ed25519Public, ConstU32<MAX_RETIRED_KEYS>>,
			pub filed_at: Option<Moment>,
			pub taken_over_by: Option<DivisionCode>,
			pub validator: Option<AccountId>,
			pub peer_id: Option<BoundedVec<u8, ConstU32<MAX_PEER_ID_LEN>>>,
		}
	}

	/// The v2 record of a v1 record: no SM2 key yet.
	pub fn upgrade<AccountId>(
		old: v1::InstitutionRecord<AccountId>,
	) -> dengji_primitives::InstitutionRecord<AccountId> {
		dengji_primitives::InstitutionRecord {
			division: old.division,
			name: old.name,
			status: old.status,
			signing_key: old.signing_key,
			retired_keys: old.retired_keys,
			filed_at: old.filed_at,
			taken_over_by: old.taken_over_by,
			validator: old.validator,
			peer_id: old.peer_id,
			sm2_key: None,
			retired_sm2_keys: Default::default(),
		}
	}

	/// The unversioned body; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			Institutions::<T>::translate::<v1::InstitutionRecord<T::AccountId>, _>(|_, old| {
				n = n.saturating_add(1);
				Some::<InstitutionOf<T>>(upgrade(old))
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			// Every stored value must decode in the v1 layout.
			let mut old = Vec::new();
			for key in Institutions::<T>::iter_keys() {
				let raw = frame_support::storage::unhashed::get_raw(
					&Institutions::<T>::hashed_key_for(key),
				)
				.ok_or("v2 pre_upgrade: institution vanished")?;
				let rec =
					<v1::InstitutionRecord<T::AccountId> as codec::Decode>::decode(&mut &raw[..])
						.map_err(|_| "v2 pre_upgrade: an institution does not decode as v1")?;
				old.push(rec);
			}
			Ok(old.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let old = Vec::<v1::InstitutionRecord<T::AccountId>>::decode(&mut &state[..])
				.map_err(|_| "v2 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Institutions::<T>::iter().count() == old.len(),
				"v2: institutions added or lost"
			);
			for rec in old {
				let new = Institutions::<T>::get(rec.division).ok_or("v2: institution lost")?;
				frame_support::ensure!(new == upgrade(rec), "v2: institution changed");
			}
			Ok(())
		}
	}

	/// v1 → v2 of `pallet-institutions`, run once (storage version checked and bumped).
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v2 → v3 (issue 10 contradictions 7 and 8, YX-R §7 ¶2, §26, YN-D §63): NEW storage only —
/// `Sanctions`, `SanctionCount` (sanction records) and `CountyAuthorities` (county data
/// authorities). No stored type changes, so nothing is translated: the migration checks that the
/// new maps start empty and that every institution is untouched, and bumps the version.
pub mod v3 {
	use crate::pallet::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
	};

	/// The unversioned body; use [`MigrateV2ToV3`].
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			// New maps only: nothing to translate.
			Weight::zero()
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				Sanctions::<T>::iter_keys().next().is_none()
					&& SanctionCount::<T>::iter_keys().next().is_none()
					&& CountyAuthorities::<T>::iter_keys().next().is_none()
					&& CountyAuthorityCount::<T>::iter_keys().next().is_none(),
				"v3 pre_upgrade: sanctions or county authorities exist before v3"
			);
			Ok(Institutions::<T>::iter().collect::<Vec<_>>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let old =
				Vec::<(dengji_primitives::DivisionCode, crate::types::InstitutionOf<T>)>::decode(
					&mut &state[..],
				)
				.map_err(|_| "v3 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Institutions::<T>::iter().count() == old.len(),
				"v3: institutions added or lost"
			);
			for (division, rec) in old {
				frame_support::ensure!(
					Institutions::<T>::get(division) == Some(rec),
					"v3: institution changed"
				);
			}
			frame_support::ensure!(
				Sanctions::<T>::iter_keys().next().is_none()
					&& CountyAuthorities::<T>::iter_keys().next().is_none(),
				"v3: sanctions or county authorities invented"
			);
			Ok(())
		}
	}

	/// v2 → v3 of `pallet-institutions`, run once (storage version checked and bumped).
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v3 → v4 (issue 10 rules 13a and 13b, YX-R §25, §28):
/// - NEW storage `Complaints`, `NextComplaintId`, `InstitutionComplaints`, `OpenComplaints`
///   (complaints about institutions' registration acts) and `ServiceInstitutions`,
///   `ServiceAccountOf` (third-party service institutions): they start empty;
/// - `PowerOfAttorney` gained `service_institution` (appended): every stored power of attorney
///   gets `None` (its agent acts in its own name, as before); scope, term and document are
///   kept, so every existing power keeps working.
pub mod v4 {
	use crate::{pallet::*, types::PowerOfAttorney};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The v3 layout this migration reads.
	pub mod v3 {
		use codec::{Decode, Encode};
		use dengji_primitives::{traits::AgentScope, DayIndex, Digest};

		/// v3 `PowerOfAttorney`: without `service_institution`. Field docs as in v4.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		#[allow(missing_docs)]
		pub struct PowerOfAttorney {
			pub scope: AgentScope,
			pub expires_on: DayIndex,
			pub document: Digest,
		}
	}

	/// The v4 power of a v3 power: held in the agent's own name.
	pub fn upgrade(old: v3::PowerOfAttorney) -> PowerOfAttorney {
		PowerOfAttorney {
			scope: old.scope,
			expires_on: old.expires_on,
			document: old.document,
			service_institution: None,
		}
	}

	/// The unversioned body; use [`MigrateV3ToV4`].
	pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	#[cfg(feature = "try-runtime")]
	fn new_maps_empty<T: Config>() -> bool {
		Complaints::<T>::iter_keys().next().is_none()
			&& !NextComplaintId::<T>::exists()
			&& InstitutionComplaints::<T>::iter_keys().next().is_none()
			&& OpenComplaints::<T>::iter_keys().next().is_none()
			&& ServiceInstitutions::<T>::iter_keys().next().is_none()
			&& ServiceAccountOf::<T>::iter_keys().next().is_none()
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			PowersOfAttorney::<T>::translate::<v3::PowerOfAttorney, _>(|_, _, old| {
				n = n.saturating_add(1);
				Some(upgrade(old))
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				new_maps_empty::<T>(),
				"v4 pre_upgrade: complaints or service institutions exist before v4"
			);
			// Every stored power must decode in the v3 layout.
			let mut powers = Vec::new();
			for (subject, agent) in PowersOfAttorney::<T>::iter_keys() {
				let raw = frame_support::storage::unhashed::get_raw(
					&PowersOfAttorney::<T>::hashed_key_for(subject, &agent),
				)
				.ok_or("v4 pre_upgrade: power of attorney vanished")?;
				let old = <v3::PowerOfAttorney as codec::Decode>::decode(&mut &raw[..])
					.map_err(|_| "v4 pre_upgrade: a power of attorney does not decode as v3")?;
				powers.push((subject, agent, old));
			}
			let institutions = Institutions::<T>::iter().collect::<Vec<_>>();
			Ok((powers, institutions).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (powers, institutions) = <(
				Vec<(dengji_primitives::Uscc, T::AccountId, v3::PowerOfAttorney)>,
				Vec<(dengji_primitives::DivisionCode, crate::types::InstitutionOf<T>)>,
			)>::decode(&mut &state[..])
			.map_err(|_| "v4 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				PowersOfAttorney::<T>::iter().count() == powers.len(),
				"v4: powers of attorney added or lost"
			);
			for (subject, agent, old) in powers {
				frame_support::ensure!(
					PowersOfAttorney::<T>::get(subject, &agent) == Some(upgrade(old)),
					"v4: power of attorney changed"
				);
			}
			frame_support::ensure!(
				Institutions::<T>::iter().count() == institutions.len(),
				"v4: institutions added or lost"
			);
			for (division, rec) in institutions {
				frame_support::ensure!(
					Institutions::<T>::get(division) == Some(rec),
					"v4: institution changed"
				);
			}
			frame_support::ensure!(new_maps_empty::<T>(), "v4: complaints or services invented");
			Ok(())
		}
	}

	/// v3 → v4 of `pallet-institutions`, run once (storage version checked and bumped).
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateV3ToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v4 → v5 (issue 10, YN-D §45 ¶2, YX-R §7 ¶2): NEW storage `Filings` (the filing, 备案, of an
/// institution with the authority one level up). Every county institution already filed (its
/// `filed_at`) gets its filing record: filed with the enclosing city, at `filed_at`, with no
/// reference and no filer account (v4 did not record them). No stored type changes.
pub mod v5 {
	use crate::{pallet::*, types::Filing};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use dengji_primitives::{DivisionCode, DivisionLevel};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The filing record v5 gives a county institution filed under v4 (`None` for others).
	pub fn filing_of<AccountId>(
		division: DivisionCode,
		filed_at: Option<dengji_primitives::Moment>,
	) -> Option<Filing<AccountId>> {
		if division.level() != DivisionLevel::County {
			return None;
		}
		Some(Filing { filed_with: division.parent()?, by: None, reference: None, at: filed_at? })
	}

	/// The unversioned body; use [`MigrateV4ToV5`].
	pub struct InnerMigrateV4ToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV4ToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			for (division, inst) in Institutions::<T>::iter() {
				reads = reads.saturating_add(1);
				if let Some(filing) = filing_of::<T::AccountId>(division, inst.filed_at) {
					Filings::<T>::insert(division, filing);
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				Filings::<T>::iter_keys().next().is_none(),
				"v5 pre_upgrade: filings exist before v5"
			);
			Ok(Institutions::<T>::iter().collect::<Vec<_>>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let old =
				Vec::<(DivisionCode, crate::types::InstitutionOf<T>)>::decode(&mut &state[..])
					.map_err(|_| "v5 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Institutions::<T>::iter().count() == old.len(),
				"v5: institutions added or lost"
			);
			let mut filed = 0usize;
			for (division, rec) in old {
				let expected = filing_of::<T::AccountId>(division, rec.filed_at);
				filed = filed.saturating_add(usize::from(expected.is_some()));
				frame_support::ensure!(
					Filings::<T>::get(division) == expected,
					"v5: filing not as the v4 record"
				);
				frame_support::ensure!(
					Institutions::<T>::get(division) == Some(rec),
					"v5: institution changed"
				);
			}
			frame_support::ensure!(Filings::<T>::iter().count() == filed, "v5: filings invented");
			Ok(())
		}
	}

	/// v4 → v5 of `pallet-institutions`, run once (storage version checked and bumped).
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		InnerMigrateV4ToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
