//! Storage migrations (issue 14: each stored-type change ships with one).

use super::*;
use crate::{
	migrations::v2::{v1, MigrateV1ToV2},
	Institutions,
};
use codec::Encode;
use frame_support::assert_ok;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

type Inst = crate::Pallet<Test>;

/// Issue 14 §2: v1 institution records (no SM2 fields) read as v2 records without an SM2 key;
/// everything else is kept, and the migration runs once.
#[test]
fn migration_v2_adds_empty_sm2_keys_to_every_institution() {
	ExtBuilder::default().build().execute_with(|| {
		// Rewrite every record in the v1 layout, as a v1 runtime left them.
		let mut before = Vec::new();
		for (division, rec) in Institutions::<Test>::iter().collect::<Vec<_>>() {
			let old = v1::InstitutionRecord {
				division: rec.division,
				name: rec.name.clone(),
				status: rec.status,
				signing_key: rec.signing_key,
				retired_keys: rec.retired_keys.clone(),
				filed_at: rec.filed_at,
				taken_over_by: rec.taken_over_by,
				validator: rec.validator,
				peer_id: rec.peer_id.clone(),
			};
			frame_support::storage::unhashed::put_raw(
				&Institutions::<Test>::hashed_key_for(division),
				&old.encode(),
			);
			before.push((division, rec));
		}
		StorageVersion::new(1).put::<Inst>();
		#[cfg(feature = "try-runtime")]
		let state = MigrateV1ToV2::<Test>::pre_upgrade().unwrap();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV1ToV2::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Inst::on_chain_storage_version(), 2);
		assert_eq!(Institutions::<Test>::iter().count(), before.len());
		for (division, rec) in before {
			let new = Institutions::<Test>::get(division).unwrap();
			assert_eq!(new, rec);
			assert_eq!(new.sm2_key, None);
			assert!(new.retired_sm2_keys.is_empty());
		}
		Inst::do_try_state().unwrap();
		// Run again: the version guard makes it a no-op.
		let snapshot: Vec<_> = Institutions::<Test>::iter().collect();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Institutions::<Test>::iter().collect::<Vec<_>>(), snapshot);
	});
}

/// Issue 10 contradictions 7 and 8 (YX-R §7 ¶2, §26): v3 adds the sanction and county-authority
/// maps only; institutions are unchanged, the new maps start empty, the version becomes 3 and a
/// second run is a no-op.
#[test]
fn migration_v3_adds_empty_sanction_and_county_authority_maps() {
	use crate::migrations::v3::MigrateV2ToV3;
	ExtBuilder::default().build().execute_with(|| {
		StorageVersion::new(2).put::<Inst>();
		let before: Vec<_> = Institutions::<Test>::iter().collect();
		#[cfg(feature = "try-runtime")]
		let state = MigrateV2ToV3::<Test>::pre_upgrade().unwrap();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV2ToV3::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Inst::on_chain_storage_version(), 3);
		assert_eq!(Institutions::<Test>::iter().collect::<Vec<_>>(), before);
		assert_eq!(crate::Sanctions::<Test>::iter().count(), 0);
		assert_eq!(crate::SanctionCount::<Test>::iter().count(), 0);
		Inst::do_try_state().unwrap();
		// The in-code version is at least 3: the migration ships with the pallet's storage
		// version (v4 followed).
		assert!(Inst::in_code_storage_version() >= 3);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Inst::on_chain_storage_version(), 3);
	});
}

/// Issue 10 rule 13a (YX-R §25): v4 adds the complaint maps; institutions are unchanged, the
/// new maps start empty, the version becomes 4 (the in-code version) and a second run is a
/// no-op.
#[test]
fn migration_v4_adds_empty_complaint_maps_yx_r_25() {
	use crate::migrations::v4::MigrateV3ToV4;
	ExtBuilder::default().build().execute_with(|| {
		StorageVersion::new(3).put::<Inst>();
		let before: Vec<_> = Institutions::<Test>::iter().collect();
		#[cfg(feature = "try-runtime")]
		let state = MigrateV3ToV4::<Test>::pre_upgrade().unwrap();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV3ToV4::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Inst::on_chain_storage_version(), 4);
		assert!(Inst::in_code_storage_version() >= 4);
		assert_eq!(Institutions::<Test>::iter().collect::<Vec<_>>(), before);
		assert_eq!(crate::Complaints::<Test>::iter().count(), 0);
		assert_eq!(crate::NextComplaintId::<Test>::get(), 0);
		Inst::do_try_state().unwrap();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Inst::on_chain_storage_version(), 4);
	});
}

/// Issue 10 rules 13a and 13b (YX-R §25, §28): v4 adds the complaint and service-institution
/// maps (empty) and reads every v3 power of attorney as one held in the agent's own name —
/// scope, term and document kept, so it keeps working; institutions are unchanged, the version
/// becomes 4 (the in-code version) and a second run is a no-op.
#[test]
fn migration_v4_keeps_powers_of_attorney_and_adds_empty_maps_yx_r_25_28() {
	use crate::migrations::v4::{v3, MigrateV3ToV4};
	use dengji_primitives::traits::{AgentScope, Directory};
	ExtBuilder::default().build().execute_with(|| {
		assert_ok!(Inst::grant_power_of_attorney(
			signed(SUBJ),
			hongta_subject(),
			PERSON,
			AgentScope::Rebut,
			TODAY + 5,
			[9; 32]
		));
		// Rewrite the power in the v3 layout, as a v3 runtime left it.
		let old = v3::PowerOfAttorney {
			scope: AgentScope::Rebut,
			expires_on: TODAY + 5,
			document: [9; 32],
		};
		frame_support::storage::unhashed::put_raw(
			&crate::PowersOfAttorney::<Test>::hashed_key_for(hongta_subject(), PERSON),
			&old.encode(),
		);
		StorageVersion::new(3).put::<Inst>();
		let before: Vec<_> = Institutions::<Test>::iter().collect();
		#[cfg(feature = "try-runtime")]
		let state = MigrateV3ToV4::<Test>::pre_upgrade().unwrap();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV3ToV4::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Inst::on_chain_storage_version(), 4);
		assert!(Inst::in_code_storage_version() >= 4);
		assert_eq!(
			crate::PowersOfAttorney::<Test>::get(hongta_subject(), PERSON),
			Some(crate::PowerOfAttorney {
				scope: AgentScope::Rebut,
				expires_on: TODAY + 5,
				document: [9; 32],
				service_institution: None,
			})
		);
		assert!(Inst::may_act_for(&PERSON, &hongta_subject(), AgentScope::Rebut, TODAY + 5));
		assert_eq!(Institutions::<Test>::iter().collect::<Vec<_>>(), before);
		assert_eq!(crate::Complaints::<Test>::iter().count(), 0);
		assert_eq!(crate::NextComplaintId::<Test>::get(), 0);
		assert_eq!(crate::ServiceInstitutions::<Test>::iter().count(), 0);
		Inst::do_try_state().unwrap();
		let snapshot: Vec<_> = crate::PowersOfAttorney::<Test>::iter().collect();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(crate::PowersOfAttorney::<Test>::iter().collect::<Vec<_>>(), snapshot);
		assert_eq!(Inst::on_chain_storage_version(), 4);
	});
}

/// YN-D §45 ¶2, YX-R §7 ¶2: v5 adds `Filings`; every county institution filed under v4 gets its
/// filing with the enclosing city at its `filed_at` (no reference, no filer recorded then);
/// province and city institutions get none; institutions are unchanged; a second run is a no-op.
#[test]
fn migration_v5_records_the_filing_of_every_filed_county_institution() {
	use crate::{migrations::v5::MigrateV4ToV5, types::Filing, Filings};
	ExtBuilder::default().build().execute_with(|| {
		// A v4 chain has no filing records.
		let _ = Filings::<Test>::clear(u32::MAX, None);
		StorageVersion::new(4).put::<Inst>();
		let before: Vec<_> = Institutions::<Test>::iter().collect();
		assert!(before.iter().any(|(d, _)| *d == hongta()), "the mock files a county");
		#[cfg(feature = "try-runtime")]
		let state = MigrateV4ToV5::<Test>::pre_upgrade().unwrap();
		MigrateV4ToV5::<Test>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		MigrateV4ToV5::<Test>::post_upgrade(state).unwrap();
		assert_eq!(Inst::on_chain_storage_version(), 5);
		assert!(Inst::in_code_storage_version() >= 5);
		assert_eq!(Institutions::<Test>::iter().collect::<Vec<_>>(), before);
		let hongta_record = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(
			Filings::<Test>::get(hongta()),
			Some(Filing {
				filed_with: yuxi(),
				by: None,
				reference: None,
				at: hongta_record.filed_at.unwrap(),
			})
		);
		assert_eq!(Filings::<Test>::get(yuxi()), None);
		assert_eq!(Filings::<Test>::get(yunnan()), None);
		Inst::do_try_state().unwrap();
		let snapshot: Vec<_> = Filings::<Test>::iter().collect();
		MigrateV4ToV5::<Test>::on_runtime_upgrade();
		assert_eq!(Filings::<Test>::iter().collect::<Vec<_>>(), snapshot);
	});
}
