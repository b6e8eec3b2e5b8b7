//! Storage migrations (issue 14: each stored-type change ships with one).

use super::*;
use crate::{
	migrations::v2::{v1, MigrateV1ToV2},
	Institutions,
};
use codec::Encode;
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
		// The in-code version is 3: the migration ships with the pallet's storage version.
		assert_eq!(Inst::in_code_storage_version(), 3);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Inst::on_chain_storage_version(), 3);
	});
}
