//! Versioned storage migrations of the certificate pallet (issue 14: every storage change ships
//! with one).

/// v0 → v1 (issue 14 §2): `CertificateRecord` gained `sm2: Option<Sm2CoSignature>` (appended).
/// Certificates issued before have no co-signature: each stored record gets `sm2: None`; body,
/// signature and status stay byte for byte. `RequireSm2` is new and starts `false`.
pub mod v1 {
	use crate::{Certificates, Config, Pallet};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The v0 layout this migration reads.
	pub mod v0 {
		use codec::{Decode, Encode};
		use dengji_primitives::{
			certificate::{CertificateBody, CertificateStatus},
			Ed25519Signature,
		};

		/// v0 `CertificateRecord`: without `sm2`.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		pub struct CertificateRecord {
			/// As v1.
			pub body: CertificateBody,
			/// As v1.
			pub signature: Ed25519Signature,
			/// As v1.
			pub status: CertificateStatus,
		}
	}

	/// The v1 record of a v0 record: no co-signature.
	pub fn upgrade(old: v0::CertificateRecord) -> dengji_primitives::CertificateRecord {
		dengji_primitives::CertificateRecord {
			body: old.body,
			signature: old.signature,
			status: old.status,
			sm2: None,
		}
	}

	/// The unversioned body; use [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			Certificates::<T>::translate::<v0::CertificateRecord, _>(|_, old| {
				n = n.saturating_add(1);
				Some(upgrade(old))
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::{Decode, Encode};
			// Every stored value must decode in the v0 layout, with no byte left over.
			let mut old = Vec::new();
			for code in Certificates::<T>::iter_keys() {
				let raw = frame_support::storage::unhashed::get_raw(
					&Certificates::<T>::hashed_key_for(code),
				)
				.ok_or("v1 pre_upgrade: certificate vanished")?;
				let rec = v0::CertificateRecord::decode(&mut &raw[..])
					.map_err(|_| "v1 pre_upgrade: a certificate does not decode as v0")?;
				frame_support::ensure!(
					rec.encoded_size() == raw.len(),
					"v1 pre_upgrade: trailing bytes"
				);
				old.push(rec);
			}
			Ok(old.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let old = Vec::<v0::CertificateRecord>::decode(&mut &state[..])
				.map_err(|_| "v1 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Certificates::<T>::iter().count() == old.len(),
				"v1: certificates added or lost"
			);
			for rec in old {
				let new = Certificates::<T>::get(rec.body.code).ok_or("v1: certificate lost")?;
				frame_support::ensure!(new == upgrade(rec), "v1: certificate changed");
			}
			frame_support::ensure!(!crate::RequireSm2::<T>::get(), "v1: RequireSm2 set");
			Ok(())
		}
	}

	/// v0 → v1 of `pallet-certificate`, run once (storage version checked and bumped).
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
