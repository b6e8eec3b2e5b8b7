//! Storage migrations v1 → v2 and v2 → v3 (issue 10: every stored-type change ships with a
//! versioned migration): applications, registrations and agreements stored in the older layout
//! gain their empty new fields (v2: the open first registrations under each agreement are
//! counted; v3: details explicitly `NotRecorded`; v4: no business review, materials by kind or
//! filing; v5: the holders' earlier filings of resources under an agreement indexed).

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

/// Issue 10 (migrations), YX-R §15, §12, §23 ¶1: applications and registrations stored in the v2
/// layout decode after the v3 migration with no co-subjects, details `NotRecorded` and no
/// validity exception, run once (with the try-runtime pre/post checks under that feature).
#[test]
fn migration_v3_extends_v2_values_with_not_recorded() {
	use crate::{migrations::v3::MigrateV2ToV3, RecordedDetails};
	ExtBuilder::default().build_and_execute(|| {
		let (_, reg) = registered_default();
		let open = submit_default();
		let apps = Applications::<Test>::iter().collect::<Vec<_>>().encode();
		let regs = Registrations::<Test>::iter().collect::<Vec<_>>().encode();
		for id in Applications::<Test>::iter_keys().collect::<Vec<_>>() {
			to_v1(Applications::<Test>::hashed_key_for(id), 3);
		}
		to_v1(Registrations::<Test>::hashed_key_for(reg), 2);
		assert!(Applications::<Test>::get(open).is_none(), "v2 bytes do not decode as v3");
		assert!(Registrations::<Test>::get(reg).is_none(), "v2 bytes do not decode as v3");
		StorageVersion::new(2).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV2ToV3<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV2ToV3<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV2ToV3<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(3));
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
		assert_eq!(Registrations::<Test>::iter().collect::<Vec<_>>().encode(), regs);
		let r = Registrations::<Test>::get(reg).unwrap();
		assert!(r.co_subjects.is_empty());
		assert_eq!(r.details, RecordedDetails::NotRecorded);
		let a = Applications::<Test>::get(open).unwrap();
		assert!(a.co_subjects.is_empty() && a.validity_exception.is_none());
		// Runs once: a second upgrade changes nothing.
		<MigrateV2ToV3<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
	});
}

/// Issue 10 (migrations), YX-R §14, §15, §18 ¶1, YX-AO §16 ¶2: applications and agreements
/// stored in the v3 layout decode after the v4 migration with no business review, no materials
/// by kind and no filing (nothing recorded before v4 is invented), run once (with the
/// try-runtime pre/post checks under that feature).
#[test]
fn migration_v4_extends_v3_values_with_nothing_recorded() {
	use crate::migrations::v4::MigrateV3ToV4;
	ExtBuilder::default().build_and_execute(|| {
		registered_default();
		let open = submit_default();
		let a = crate::NextAgreementId::<Test>::get();
		assert_ok!(Registration::record_agreement(
			RuntimeOrigin::root(),
			BoundedName::try_from(b"Yuxi".to_vec()).unwrap(),
			subject(),
			noon(date(2026, 1, 1)),
			noon(date(2028, 1, 1)),
			[30u8; 32]
		));
		let apps = Applications::<Test>::iter().collect::<Vec<_>>().encode();
		let agreements = Agreements::<Test>::iter().collect::<Vec<_>>().encode();
		for id in Applications::<Test>::iter_keys().collect::<Vec<_>>() {
			to_v1(Applications::<Test>::hashed_key_for(id), 3);
		}
		to_v1(Agreements::<Test>::hashed_key_for(a), 1);
		assert!(Applications::<Test>::get(open).is_none(), "v3 bytes do not decode as v4");
		assert!(Agreements::<Test>::get(a).is_none(), "v3 bytes do not decode as v4");
		StorageVersion::new(3).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV3ToV4<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV3ToV4<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV3ToV4<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(4));
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
		assert_eq!(Agreements::<Test>::iter().collect::<Vec<_>>().encode(), agreements);
		let app = Applications::<Test>::get(open).unwrap();
		assert!(app.business_review.is_none() && app.materials_by_kind.is_empty());
		assert!(app.subject_notice.is_none());
		assert!(Agreements::<Test>::get(a).unwrap().filing.is_none());
		// Runs once: a second upgrade changes nothing.
		<MigrateV3ToV4<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
		assert_eq!(Agreements::<Test>::iter().collect::<Vec<_>>().encode(), agreements);
	});
}

/// Issue 10 (migrations), YX-R §5, §18 ¶3: state of the v4 layout (no provisions, no index of
/// the holders' filings) after the v5 migration: each holder's first registration of a resource
/// referencing an agreement, still open or registered, is indexed, a withdrawn one is not, and
/// no provision is invented; a provision recorded after the upgrade finds the duty met. Runs
/// once (with the try-runtime pre/post checks under that feature).
#[test]
fn migration_v5_indexes_resource_filings_made_before() {
	use crate::{migrations::v5::MigrateV4ToV5, ResourceDuties, ResourceDuty};
	ExtBuilder::default().build_and_execute(|| {
		let record = || {
			let id = crate::NextAgreementId::<Test>::get();
			assert_ok!(Registration::record_agreement(
				RuntimeOrigin::root(),
				BoundedName::try_from(b"Yuxi".to_vec()).unwrap(),
				kunming_subject(),
				noon(date(2026, 1, 1)),
				noon(date(2028, 1, 1)),
				[30u8; 32]
			));
			id
		};
		let resource = |a: u64| {
			let id = next_application();
			assert_ok!(Registration::submit_first_time(
				RuntimeOrigin::signed(SUBJECT),
				hongta(),
				subject(),
				ObjectKind::DataResource,
				Some(a),
				info("数据资源"),
			));
			id
		};
		let (a, b) = (record(), record());
		let filed = resource(a);
		let withdrawn = resource(b);
		assert_ok!(Registration::withdraw_application(RuntimeOrigin::signed(SUBJECT), withdrawn));
		let apps = Applications::<Test>::iter().collect::<Vec<_>>().encode();
		// The v4 layout: no index.
		let _ = ResourceDuties::<Test>::clear(u32::MAX, None);
		StorageVersion::new(4).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV4ToV5<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV4ToV5<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV4ToV5<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(5));
		assert_eq!(Applications::<Test>::iter().collect::<Vec<_>>().encode(), apps);
		assert_eq!(ResourceDuties::<Test>::get(a, subject()), Some(ResourceDuty::Filed(filed)));
		assert_eq!(ResourceDuties::<Test>::get(b, subject()), None);
		assert_eq!(crate::Provisions::<Test>::iter().count(), 0);
		// Runs once: a second upgrade changes nothing.
		let _ = ResourceDuties::<Test>::clear(u32::MAX, None);
		<MigrateV4ToV5<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(ResourceDuties::<Test>::iter().count(), 0);
		<crate::migrations::v5::InnerMigrateV4ToV5<Test> as frame_support::traits::UncheckedOnRuntimeUpgrade>::on_runtime_upgrade();
		// After the upgrade, the provision finds the earlier filing.
		assert_ok!(Registration::record_provision(
			RuntimeOrigin::root(),
			a,
			subject(),
			noon(start_day()),
			[41u8; 32]
		));
		assert_eq!(crate::Provisions::<Test>::get(0).unwrap().met_on, Some(start_day()));
	});
}

/// Q32: v5 → v6 adds the raised disputes, empty, and `ObjectionState::Disputed` (appended):
/// every objection decodes unchanged, nothing is invented, the version is bumped.
#[test]
fn migration_v6_adds_raised_disputes_and_keeps_objections() {
	use crate::{migrations::v6::MigrateV5ToV6, Objections, RaisedDisputes};
	ExtBuilder::default().build_and_execute(|| {
		let id = published_default();
		assert_ok!(lodge_as(OBJECTOR, id));
		let before = Objections::<Test>::iter().collect::<Vec<_>>().encode();
		StorageVersion::new(5).put::<Registration>();

		#[cfg(feature = "try-runtime")]
		let pre = <MigrateV5ToV6<Test> as OnRuntimeUpgrade>::pre_upgrade().unwrap();
		<MigrateV5ToV6<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		#[cfg(feature = "try-runtime")]
		assert_ok!(<MigrateV5ToV6<Test> as OnRuntimeUpgrade>::post_upgrade(pre));

		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(6));
		assert_eq!(Objections::<Test>::iter().collect::<Vec<_>>().encode(), before);
		assert!(RaisedDisputes::<Test>::iter_keys().next().is_none());
		// Run again: the version guard makes it a no-op.
		<MigrateV5ToV6<Test> as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(6));
	});
}
