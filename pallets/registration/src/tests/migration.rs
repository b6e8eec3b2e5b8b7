//! Storage migration v1 → v2 (issue 10: every stored-type change ships with a versioned
//! migration): applications, registrations and agreements stored in the v1 layout gain their
//! empty new fields; the open first registrations under each agreement are counted.

use super::*;
use crate::{migrations::v2::MigrateV1ToV2, Agreements, Applications, Registrations};
use codec::Encode;
use dengji_primitives::{BoundedName, ObjectKind};
use frame_support::{
	assert_ok,
	storage::unhashed,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

/// Rewrites the value at `key` in its v1 layout: without its last `fields` (empty, one byte each).
fn to_v1(key: Vec<u8>, fields: usize) {
	let v2 = unhashed::get_raw(&key).expect("stored");
	assert!(v2[v2.len() - fields..].iter().all(|b| *b == 0), "new fields are empty");
	unhashed::put_raw(&key, &v2[..v2.len() - fields]);
}

/// Issue 10 (migrations), Q42, YX-R §16 ¶2, §18 ¶3, YX-AO §17(二): state in the v1 layout
/// (made by the previous runtime) decodes after the v2 migration with empty sources, reasons,
/// exceptions and deliveries, the places of open first registrations counted, run once (with
/// the try-runtime pre/post checks under that feature).
#[test]
fn migration_v2_extends_v1_values() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let a = crate::NextAgreementId::<Test>::get();
		assert_ok!(Registration::record_agreement(
			RuntimeOrigin::root(),
			BoundedName::try_from(b"Yuxi".to_vec()).unwrap(),
			subject(),
			noon(date(2026, 1, 1)),
			noon(date(2028, 1, 1)),
			[30u8; 32]
		));
		let open = next_application();
		assert_ok!(Registration::submit_first_time(
			RuntimeOrigin::signed(SUBJECT),
			hongta(),
			subject(),
			ObjectKind::DataProductOrService,
			Some(a),
			info("数据产品"),
		));
		let apps = Applications::<Test>::iter().collect::<Vec<_>>().encode();
		let regs = Registrations::<Test>::iter().collect::<Vec<_>>().encode();
		let agreements = Agreements::<Test>::iter().collect::<Vec<_>>().encode();
		for id in Applications::<Test>::iter_keys().collect::<Vec<_>>() {
			to_v1(Applications::<Test>::hashed_key_for(id), 2);
		}
		to_v1(Registrations::<Test>::hashed_key_for(reg), 1);
		to_v1(Agreements::<Test>::hashed_key_for(a), 2);
		crate::AgreementOpenApplications::<Test>::remove(a);
		assert!(Applications::<Test>::get(open).is_none(), "v1 bytes do not decode as v2");
		StorageVersion::new(1).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV1ToV2<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV1ToV2<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV1ToV2<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
		assert_eq!(Registrations::<Test>::iter().collect::<Vec<_>>().encode(), regs);
		assert_eq!(Agreements::<Test>::iter().collect::<Vec<_>>().encode(), agreements);
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 1);
		// Runs once: a second upgrade changes nothing.
		let before = Applications::<Test>::get(open).unwrap().encode();
		<MigrateV1ToV2<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(Applications::<Test>::get(open).unwrap().encode(), before);
		assert_eq!(crate::AgreementOpenApplications::<Test>::get(a), 1);
	});
}
