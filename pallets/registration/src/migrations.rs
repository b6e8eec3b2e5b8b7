//! Versioned storage migrations of the registration pallet (issue 10: every storage change ships
//! with one).

/// v0 → v1: `RegistrationStatus` gained `Revoked` and `CancelledOnExpiry`, `ApplicationState`
/// gained `Closed` (both appended: stored values decode unchanged). Before v1 a revoked
/// (YX-R §27) or expiry-cancelled (YX-R §23 ¶2) certificate left its registration `Active` with
/// applications still open on it; this migration makes such registrations follow their
/// certificate and closes their open application, as the pallet now does when it happens.
/// Open renewals and cancellations move from `Registration::pending` to `LifecyclePending`
/// (they now proceed beside a change or correction, YX-R §23 ¶2, §21). Objections are no longer
/// capped (YX-R §22 ¶2, Q10(c)): `ApplicationObjections` becomes a double map (one key per
/// objection), `OpenObjectionsBy` counts each objector's open ones, and `Objection` gains
/// `objector_notified_at` (the old `notified_at` was the one notice to both parties).
pub mod v1 {
	use crate::{pallet::*, types::*};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	#[cfg(feature = "try-runtime")]
	use dengji_primitives::RegistrationId;
	use dengji_primitives::{
		certificate::{CancelReason, CertificateStatus},
		traits::CertificateLedger,
	};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The v0 layouts this migration reads.
	#[allow(missing_docs)]
	pub mod v0 {
		use crate::{pallet::*, types::*};
		use alloc::vec::Vec;
		use codec::{Decode, Encode};
		use dengji_primitives::{ApplicationId, DayIndex, Digest, Moment};

		/// v0 `ApplicationObjections`: the objection ids of an application, capped.
		#[frame_support::storage_alias]
		pub type ApplicationObjections<T: Config> = StorageMap<
			Pallet<T>,
			frame_support::Blake2_128Concat,
			ApplicationId,
			Vec<ObjectionId>,
			frame_support::pallet_prelude::ValueQuery,
		>;

		/// v0 `Objection`: without `objector_notified_at`.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		pub struct Objection<AccountId> {
			/// As v1.
			pub application: ApplicationId,
			/// As v1.
			pub objector: AccountId,
			/// As v1.
			pub content: Digest,
			/// As v1.
			pub evidence: Digest,
			/// As v1.
			pub lodged_on: DayIndex,
			/// As v1.
			pub received_on: Option<DayIndex>,
			/// As v1.
			pub rebuttal: Option<Digest>,
			/// As v1.
			pub decision: Option<Digest>,
			/// The one notice to both parties.
			pub notified_at: Option<Moment>,
			/// As v1.
			pub state: ObjectionState,
			/// As v1.
			pub timer: Option<Timer>,
		}
	}

	/// Objections: the v0 → v1 layouts (YX-R §22 ¶2, Q10(c)). Returns (reads, writes).
	fn migrate_objections<T: Config>() -> (u64, u64) {
		let (mut reads, mut writes) = (0u64, 0u64);
		Objections::<T>::translate::<v0::Objection<T::AccountId>, _>(|_, old| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			Some(Objection {
				application: old.application,
				objector: old.objector,
				content: old.content,
				evidence: old.evidence,
				lodged_on: old.lodged_on,
				received_on: old.received_on,
				rebuttal: old.rebuttal,
				decision: old.decision,
				notified_at: old.notified_at,
				state: old.state,
				timer: old.timer,
				objector_notified_at: old.notified_at,
			})
		});
		let lists: alloc::vec::Vec<_> = v0::ApplicationObjections::<T>::iter().collect();
		let _ = v0::ApplicationObjections::<T>::clear(u32::MAX, None);
		for (app, ids) in lists {
			reads = reads.saturating_add(1);
			for id in ids {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
				ApplicationObjections::<T>::insert(app, id, ());
				if let Some(o) = Objections::<T>::get(id) {
					if o.state.is_open() {
						OpenObjectionsBy::<T>::mutate(app, &o.objector, |n| {
							*n = n.saturating_add(1)
						});
					}
				}
			}
		}
		(reads, writes)
	}

	/// The status a registration whose current certificate is `code` must have, if that
	/// certificate ended (revoked or cancelled on expiry).
	fn ended_status<T: Config>(reg: &Registration) -> Option<RegistrationStatus> {
		match T::Ledger::certificate(&reg.certificate)?.status {
			CertificateStatus::Revoked { .. } => Some(RegistrationStatus::Revoked),
			CertificateStatus::Cancelled { reason: CancelReason::Expiry, .. } => {
				Some(RegistrationStatus::CancelledOnExpiry)
			}
			_ => None,
		}
	}

	/// Active registrations whose certificate ended, with the status they must take.
	#[cfg(feature = "try-runtime")]
	fn stale<T: Config>() -> impl Iterator<Item = (RegistrationId, Registration, RegistrationStatus)>
	{
		Registrations::<T>::iter().filter_map(|(id, reg)| {
			if reg.status != RegistrationStatus::Active {
				return None;
			}
			let status = ended_status::<T>(&reg)?;
			Some((id, reg, status))
		})
	}

	/// The unversioned body; use [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = migrate_objections::<T>();
			let mut fixed: alloc::vec::Vec<_> = alloc::vec::Vec::new();
			let mut moved: alloc::vec::Vec<_> = alloc::vec::Vec::new();
			for (id, reg) in Registrations::<T>::iter() {
				reads = reads.saturating_add(2);
				if let Some(p) = reg.pending {
					reads = reads.saturating_add(1);
					if Applications::<T>::get(p).is_some_and(|a| a.request.kind().is_lifecycle()) {
						moved.push((id, p));
					}
				}
				if reg.status != RegistrationStatus::Active {
					continue;
				}
				if let Some(status) = ended_status::<T>(&reg) {
					fixed.push((id, reg.certificate, status));
				}
			}
			for (id, p) in moved {
				writes = writes.saturating_add(2);
				Registrations::<T>::mutate(id, |r| {
					if let Some(r) = r {
						r.pending = None;
					}
				});
				LifecyclePending::<T>::insert(id, p);
			}
			for (id, certificate, status) in fixed {
				// Registration, its pending application, and the ledger's renewal mark.
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(3);
				Pallet::<T>::end_registration(id, certificate, status);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let registrations = Registrations::<T>::iter().count() as u64;
			let stale = stale::<T>().count() as u64;
			let objections: u64 =
				v0::ApplicationObjections::<T>::iter_values().map(|v| v.len() as u64).sum();
			Ok((registrations, stale, objections).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (registrations, _stale, objections) = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "v1 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				ApplicationObjections::<T>::iter().count() as u64 == objections,
				"v1: objections of applications added or lost"
			);
			for (app, _, ()) in ApplicationObjections::<T>::iter() {
				frame_support::ensure!(
					Applications::<T>::get(app).is_some_and(|a| a.objections as usize
						== ApplicationObjections::<T>::iter_key_prefix(app).count()),
					"v1: objection count of an application differs"
				);
			}
			frame_support::ensure!(
				Registrations::<T>::iter().count() as u64 == registrations,
				"v1: registrations added or lost"
			);
			frame_support::ensure!(
				stale::<T>().next().is_none(),
				"v1: an active registration still has a revoked or expiry-cancelled certificate"
			);
			for (id, reg) in Registrations::<T>::iter() {
				if reg.status != RegistrationStatus::Active {
					frame_support::ensure!(
						reg.pending.is_none() && !LifecyclePending::<T>::contains_key(id),
						"v1: an ended registration still has an open application"
					);
				}
				if let Some(p) = reg.pending {
					frame_support::ensure!(
						Applications::<T>::get(p).is_some_and(|a| !a.request.kind().is_lifecycle()),
						"v1: a renewal or cancellation left in Registration::pending"
					);
				}
			}
			Ok(())
		}
	}

	/// v0 → v1 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v1 → v2 (issue 10): `Application` gained `derived_from` (Q42, YX-AO §24) and
/// `justified_reason` (YX-R §16 ¶2), `Registration` gained `derived_from`, `Agreement` gained
/// `term_exception` (YX-AO §17(二) "原则上") and `delivery` (YX-R §18 ¶3). Each new field is
/// appended and empty in every stored value (an empty list or `None`, one zero byte each), so a
/// v1 value followed by those bytes is its v2 value. `TimerKind::RegistrationDuty` and
/// `DueItem::Agreement` are appended variants (stored values decode unchanged). The new
/// `AgreementOpenApplications` counts the open first registrations under each agreement
/// (`MaxRegistrationsPerAgreement` is now checked at submission); `PublicServiceOrganisations`
/// starts empty. A chain still at v0 upgrades through the runtime that shipped v1 first
/// (`v1` reads its maps with the current types).
pub mod v2 {
	use crate::{pallet::*, types::*};
	use alloc::{vec, vec::Vec};
	use codec::{Decode, Input};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// A stored value's bytes, whatever its type (reads the rest of the input).
	struct Raw(Vec<u8>);

	impl Decode for Raw {
		fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
			let len = input.remaining_len()?.ok_or("v2: value of unknown length")?;
			let mut bytes = vec![0u8; len];
			input.read(&mut bytes)?;
			Ok(Raw(bytes))
		}
	}

	/// The v2 value of the v1 bytes `old`: `empty_fields` appended empty fields (one zero byte
	/// each: `None`, or a list of length 0). None (the value is dropped) if it does not decode,
	/// which `post_upgrade` reports as a lost value.
	fn extend<V: Decode>(old: Raw, empty_fields: usize) -> Option<V> {
		let mut bytes = old.0;
		bytes.resize(bytes.len().saturating_add(empty_fields), 0);
		V::decode(&mut &bytes[..]).ok()
	}

	/// Fields appended to `Application` after v2 (v3: `co_subjects`, `details`,
	/// `validity_exception`; v4: `business_review`, `materials_by_kind`, `subject_notice`), each
	/// one zero byte when empty.
	const LATER_APPLICATION_FIELDS: usize = 6;
	/// Fields appended to `Registration` after v2 (v3: `co_subjects`, `details`).
	const LATER_REGISTRATION_FIELDS: usize = 2;

	/// The unversioned body; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			// `derived_from`, `justified_reason`; and the fields v3 appended after them (empty
			// too), so a v1 chain upgrading straight to this runtime decodes in the current
			// layout (the v3 step then finds them complete: decoding ignores the extra zeros).
			Applications::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<ApplicationOf<T>>(old, 2 + LATER_APPLICATION_FIELDS)
			});
			// `derived_from`; and v3's fields.
			Registrations::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<Registration>(old, 1 + LATER_REGISTRATION_FIELDS)
			});
			// `term_exception`, `delivery`; and v4's `filing`.
			Agreements::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<Agreement>(old, 2 + 1)
			});
			// The places taken by open first registrations (reserved at submission now).
			let mut places = 0u64;
			for (_, app) in Applications::<T>::iter() {
				n = n.saturating_add(1);
				if let (Request::FirstTime, Some(a), false) =
					(app.request, app.agreement, app.state.is_terminal())
				{
					places = places.saturating_add(1);
					AgreementOpenApplications::<T>::mutate(a, |c| *c = c.saturating_add(1));
				}
			}
			T::DbWeight::get().reads_writes(n, n.saturating_add(places))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let apps = Applications::<T>::iter_keys().count() as u64;
			let regs = Registrations::<T>::iter_keys().count() as u64;
			let agreements = Agreements::<T>::iter_keys().count() as u64;
			Ok((apps, regs, agreements).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (apps, regs, agreements) = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "v2 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Applications::<T>::iter().count() as u64 == apps,
				"v2: applications lost"
			);
			frame_support::ensure!(
				Registrations::<T>::iter().count() as u64 == regs,
				"v2: registrations lost"
			);
			frame_support::ensure!(
				Agreements::<T>::iter().count() as u64 == agreements,
				"v2: agreements lost"
			);
			for (_, app) in Applications::<T>::iter() {
				frame_support::ensure!(
					app.derived_from.is_empty() && app.justified_reason.is_none(),
					"v2: an application gained sources or a reason"
				);
			}
			for (id, a) in Agreements::<T>::iter() {
				frame_support::ensure!(
					a.term_exception.is_none() && a.delivery.is_none(),
					"v2: an agreement gained an exception or a delivery"
				);
				let open = Applications::<T>::iter_values()
					.filter(|p| {
						p.request == Request::FirstTime
							&& p.agreement == Some(id)
							&& !p.state.is_terminal()
					})
					.count() as u32;
				frame_support::ensure!(
					AgreementOpenApplications::<T>::get(id) == open,
					"v2: open first registrations of an agreement miscounted"
				);
			}
			Ok(())
		}
	}

	/// v1 → v2 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v2 → v3: joint applications (YX-R §15, §12(八)), the typed basic information and
/// classification (YX-R §12, YN-D §15) and the validity exception (YX-R §23 ¶1 "原则上").
/// `Application` gains `co_subjects` (empty), `details` (`RecordedDetails::NotRecorded`) and
/// `validity_exception` (None); `Registration` gains `co_subjects` (empty) and `details`
/// (`NotRecorded`: the registrations made before v3 did not record them, and say so).
pub mod v3 {
	use crate::{pallet::*, types::*};
	use alloc::{vec, vec::Vec};
	use codec::{Decode, Input};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// A stored value's bytes, whatever its type (reads the rest of the input).
	struct Raw(Vec<u8>);

	impl Decode for Raw {
		fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
			let len = input.remaining_len()?.ok_or("v3: value of unknown length")?;
			let mut bytes = vec![0u8; len];
			input.read(&mut bytes)?;
			Ok(Raw(bytes))
		}
	}

	/// The v3 value of the v2 bytes `old` with `fields` appended fields, each encoded as one
	/// zero byte (an empty list, `None`, `RecordedDetails::NotRecorded`). None (dropped) if it
	/// does not decode, which `post_upgrade` reports as a lost value.
	fn extend<V: Decode>(old: Raw, fields: usize) -> Option<V> {
		let mut bytes = old.0;
		bytes.resize(bytes.len().saturating_add(fields), 0);
		V::decode(&mut &bytes[..]).ok()
	}

	/// The unversioned body; use [`MigrateV2ToV3`].
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			// `co_subjects`, `details`, `validity_exception`; and v4's `business_review`,
			// `materials_by_kind` and `subject_notice` (empty too), so a v2 chain decodes in the
			// current layout.
			Applications::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<ApplicationOf<T>>(old, 3 + 3)
			});
			// `co_subjects`, `details`.
			Registrations::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<Registration>(old, 2)
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let apps = Applications::<T>::iter_keys().count() as u64;
			let regs = Registrations::<T>::iter_keys().count() as u64;
			Ok((apps, regs).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (apps, regs) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "v3 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Applications::<T>::iter().count() as u64 == apps,
				"v3: applications lost"
			);
			frame_support::ensure!(
				Registrations::<T>::iter().count() as u64 == regs,
				"v3: registrations lost"
			);
			for (_, app) in Applications::<T>::iter() {
				frame_support::ensure!(
					app.co_subjects.is_empty()
						&& app.details == RecordedDetails::NotRecorded
						&& app.validity_exception.is_none(),
					"v3: an application gained co-subjects, details or an exception"
				);
			}
			for (_, reg) in Registrations::<T>::iter() {
				frame_support::ensure!(
					reg.co_subjects.is_empty() && reg.details == RecordedDetails::NotRecorded,
					"v3: a registration gained co-subjects or details"
				);
			}
			Ok(())
		}
	}

	/// v2 → v3 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v3 → v4: the business review (YX-R §14, §15, Q21), the materials by kind (YX-R §18 ¶1, §19 ¶2,
/// Q34), the notice of an interested party's correction to the subject (Q11, Q31) and the
/// agreement's filing (YX-AO §16 ¶2). `Application` gains `business_review` (None),
/// `materials_by_kind` (empty) and `subject_notice` (None: corrections filed before v4 were not
/// notified and are decided as before); `Agreement` gains `filing` (None): nothing recorded
/// before v4 is invented.
pub mod v4 {
	use crate::{pallet::*, types::*};
	use alloc::{vec, vec::Vec};
	use codec::{Decode, Input};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// A stored value's bytes, whatever its type (reads the rest of the input).
	struct Raw(Vec<u8>);

	impl Decode for Raw {
		fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
			let len = input.remaining_len()?.ok_or("v4: value of unknown length")?;
			let mut bytes = vec![0u8; len];
			input.read(&mut bytes)?;
			Ok(Raw(bytes))
		}
	}

	/// The v4 value of the v3 bytes `old` with `fields` appended fields, each encoded as one
	/// zero byte (`None`, an empty list). None (dropped) if it does not decode, which
	/// `post_upgrade` reports as a lost value.
	fn extend<V: Decode>(old: Raw, fields: usize) -> Option<V> {
		let mut bytes = old.0;
		bytes.resize(bytes.len().saturating_add(fields), 0);
		V::decode(&mut &bytes[..]).ok()
	}

	/// The unversioned body; use [`MigrateV3ToV4`].
	pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut n = 0u64;
			// `business_review`, `materials_by_kind`, `subject_notice`.
			Applications::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<ApplicationOf<T>>(old, 3)
			});
			// `filing`.
			Agreements::<T>::translate::<Raw, _>(|_, old| {
				n = n.saturating_add(1);
				extend::<Agreement>(old, 1)
			});
			T::DbWeight::get().reads_writes(n, n)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let apps = Applications::<T>::iter_keys().count() as u64;
			let agreements = Agreements::<T>::iter_keys().count() as u64;
			Ok((apps, agreements).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (apps, agreements) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "v4 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Applications::<T>::iter().count() as u64 == apps,
				"v4: applications lost"
			);
			frame_support::ensure!(
				Agreements::<T>::iter().count() as u64 == agreements,
				"v4: agreements lost"
			);
			for (_, app) in Applications::<T>::iter() {
				frame_support::ensure!(
					app.business_review.is_none()
						&& app.materials_by_kind.is_empty()
						&& app.subject_notice.is_none(),
					"v4: an application gained a business review, typed materials or a notice"
				);
			}
			for (_, a) in Agreements::<T>::iter() {
				frame_support::ensure!(a.filing.is_none(), "v4: an agreement gained a filing");
			}
			Ok(())
		}
	}

	/// v3 → v4 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateV3ToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v4 → v5: the holders' provisions of data resources for authorised operations and their duty
/// to register them (YX-R §5, §18 ¶3): new [`Provisions`](crate::Provisions),
/// [`NextProvisionId`](crate::NextProvisionId) and [`ResourceDuties`](crate::ResourceDuties);
/// `DueItem::Provision` and (Q8, cancellation by a successor, a liquidator or the data
/// authority's order) `ApplicantRole::{Successor, Liquidator, AuthorityOrder}` appended (stored
/// values decode unchanged); new, empty [`ObjectionReviews`](crate::ObjectionReviews) (Q10(f)).
/// Each holder's first
/// registration of a resource referencing an agreement, filed before v5 and still open or
/// registered, is indexed in `ResourceDuties`, so that a provision recorded after the upgrade
/// finds the holder's duty met instead of reporting it overdue.
pub mod v5 {
	use crate::{pallet::*, types::*};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use dengji_primitives::ObjectKind;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Whether `app` is a first registration of a resource referencing an agreement that still
	/// counts as filed (open, or registered), with that agreement.
	fn filed_resource<A, S: Get<u32>, M: Get<u32>>(
		app: &Application<A, S, M>,
	) -> Option<AgreementId> {
		let counts = !app.state.is_terminal() || app.state == ApplicationState::Approved;
		match (app.request, app.object, app.agreement, counts) {
			(Request::FirstTime, ObjectKind::DataResource, Some(a), true) => Some(a),
			_ => None,
		}
	}

	/// The unversioned body; use [`MigrateV4ToV5`].
	pub struct InnerMigrateV4ToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV4ToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			for (id, app) in Applications::<T>::iter() {
				reads = reads.saturating_add(1);
				if let Some(a) = filed_resource(&app) {
					if !ResourceDuties::<T>::contains_key(a, app.subject) {
						ResourceDuties::<T>::insert(a, app.subject, ResourceDuty::Filed(id));
						writes = writes.saturating_add(1);
					}
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				Provisions::<T>::iter_keys().next().is_none()
					&& ResourceDuties::<T>::iter_keys().next().is_none(),
				"v5 pre_upgrade: provisions before v5"
			);
			let mut holders = alloc::collections::BTreeSet::new();
			for (_, app) in Applications::<T>::iter() {
				if let Some(a) = filed_resource(&app) {
					holders.insert((a, app.subject));
				}
			}
			let apps = Applications::<T>::iter_keys().count() as u64;
			Ok((apps, holders.len() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (apps, holders) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| "v5 post_upgrade: bad pre_upgrade state")?;
			frame_support::ensure!(
				Applications::<T>::iter().count() as u64 == apps,
				"v5: applications lost"
			);
			frame_support::ensure!(
				Provisions::<T>::iter_keys().next().is_none(),
				"v5: a provision was invented"
			);
			let mut n = 0u64;
			for (a, holder, duty) in ResourceDuties::<T>::iter() {
				n = n.saturating_add(1);
				let ResourceDuty::Filed(id) = duty else {
					return Err("v5: a provision was invented".into());
				};
				let app = Applications::<T>::get(id).ok_or("v5: indexed filing missing")?;
				frame_support::ensure!(
					filed_resource(&app) == Some(a) && app.subject == holder,
					"v5: indexed filing is not the holder's resource under the agreement"
				);
			}
			frame_support::ensure!(n == holders, "v5: a holder's filing not indexed");
			// Every day's queue still decodes (`DueItem::Provision` was appended).
			frame_support::ensure!(
				Due::<T>::iter().count() == Due::<T>::iter_keys().count(),
				"v5: a Due queue does not decode"
			);
			Ok(())
		}
	}

	/// v4 → v5 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		InnerMigrateV4ToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v5 → v6 (Q32, YX-R §17(四)(五), §12, Q22): new [`RaisedDisputes`](crate::RaisedDisputes)
/// (disputes raised by an objection decided `Disputed` or by an upheld complaint),
/// [`BasicDetailsRequiredFrom`](crate::BasicDetailsRequiredFrom) (the basic details before
/// publicity: not required on an upgraded chain until the data authority sets it, so the
/// applications open at the upgrade are exempt), [`ClassificationCodes`](crate::ClassificationCodes)
/// and [`DetailsCodeListVersion`](crate::DetailsCodeListVersion) (Q22), all empty at the
/// upgrade; `ObjectionState::Disputed` appended, so every stored objection decodes unchanged.
/// Nothing is translated: the migration checks that and bumps the version.
pub mod v6 {
	use crate::pallet::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The unversioned body; use [`MigrateV5ToV6`].
	pub struct InnerMigrateV5ToV6<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV5ToV6<T> {
		fn on_runtime_upgrade() -> Weight {
			// A new map, empty; an appended variant: nothing to translate.
			T::DbWeight::get().reads(1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			frame_support::ensure!(
				RaisedDisputes::<T>::iter_keys().next().is_none()
					&& !BasicDetailsRequiredFrom::<T>::exists()
					&& !ClassificationCodes::<T>::exists()
					&& DetailsCodeListVersion::<T>::iter_keys().next().is_none(),
				"v6 pre_upgrade: v6 storage before v6"
			);
			let objections = Objections::<T>::iter_keys().count() as u64;
			Ok(objections.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let objections = u64::decode(&mut &state[..])
				.map_err(|_| "v6 post_upgrade: bad pre_upgrade state")?;
			// Every objection still decodes, none is `Disputed` (the variant is new).
			let mut n = 0u64;
			for (_, o) in Objections::<T>::iter() {
				n = n.saturating_add(1);
				frame_support::ensure!(
					o.state != crate::types::ObjectionState::Disputed,
					"v6: a disputed objection was invented"
				);
			}
			frame_support::ensure!(n == objections, "v6: an objection does not decode");
			frame_support::ensure!(
				RaisedDisputes::<T>::iter_keys().next().is_none(),
				"v6: a dispute was invented"
			);
			// The applications open at the upgrade are exempt from the basic-details requirement
			// (YX-R §12): it is not in force until the data authority sets it.
			frame_support::ensure!(
				!BasicDetailsRequiredFrom::<T>::exists(),
				"v6: basic details required of the applications open at the upgrade"
			);
			Ok(())
		}
	}

	/// v5 → v6 of `pallet-registration`, run once (storage version checked and bumped).
	pub type MigrateV5ToV6<T> = VersionedMigration<
		5,
		6,
		InnerMigrateV5ToV6<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
