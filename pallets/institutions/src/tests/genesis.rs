//! Genesis configuration (the node's dev/local chain specs use it).

use super::*;
use crate::{
	CityAuthorities, GenesisSubject, InstitutionCount, Institutions, OperatorOf, PeerIdOf, Persons,
	SubjectOf, ValidatorOf,
};
use dengji_primitives::institution::InstitutionStatus;

#[test]
fn genesis_builds_institutions_participants_and_providers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(InstitutionCount::<Test>::get(), 4);
		let h = Institutions::<Test>::get(hongta()).unwrap();
		assert_eq!(h.status, InstitutionStatus::Active);
		// YX-R §7 ¶2: county institutions are filed.
		assert!(h.filed_at.is_some());
		assert!(Institutions::<Test>::get(yuxi()).unwrap().filed_at.is_none());
		assert_eq!(h.validator, Some(HT_VAL));
		assert_eq!(PeerIdOf::<Test>::get(h.peer_id.unwrap()), Some(hongta()));
		assert_eq!(ValidatorOf::<Test>::get(HT_VAL), Some(hongta()));
		assert_eq!(OperatorOf::<Test>::get(HT_OP), Some(hongta()));
		assert_eq!(CityAuthorities::<Test>::get(YUXI_CA), Some(yuxi()));
		assert_eq!(SubjectOf::<Test>::get(SUBJ), Some(hongta_subject()));
		assert_eq!(Persons::<Test>::get(PERSON).unwrap().verified_by, yuxi());
		for who in [HT_OP, HT_VAL, YUXI_CA, SUBJ, PERSON] {
			assert_eq!(providers(who), 1, "account {who}");
		}
		// Genesis never calls the allow-list hook (node-authorization genesis lists the nodes).
		assert!(MockAllowList::take().is_empty());
	});
}

/// docs/spec/DESIGN.md §5: genesis goes through the same jurisdiction checks as the calls.
#[test]
#[should_panic(expected = "invalid genesis")]
fn genesis_subject_outside_admitting_institution_panics() {
	let mut b = ExtBuilder::default();
	b.genesis.subjects.push(GenesisSubject {
		uscc: uscc(3),
		name: "Kunming body".into(),
		division: kunming(),
		admitted_by: yuxi(),
		accounts: vec![60],
	});
	b.build();
}

#[test]
fn genesis_config_round_trips_through_json() {
	let b = ExtBuilder::default();
	let json = serde_json::to_string(&b.genesis).unwrap();
	// The chain-spec shape documented in the crate docs.
	for key in [
		"\"cityAuthorities\":[[31,530400]",
		"\"division\":530402",
		"\"signingKey\":[",
		"\"peerId\":[",
		"\"admittedBy\":530400",
		"\"uscc\":\"91530402MA6K00001",
		"\"name\":\"红塔区水利局\"",
		"\"identityDigest\":[",
		"\"verifiedBy\":530400",
		"\"kind\":\"Individual\"",
	] {
		assert!(json.contains(key), "{key} missing in {json}");
	}
	let back: crate::GenesisConfig<Test> = serde_json::from_str(&json).unwrap();
	assert_eq!(back.institutions, b.genesis.institutions);
	assert_eq!(back.subjects, b.genesis.subjects);
}

/// Issue 14 §2: the chain spec may give an institution its SM2 key (a `0x04…` hex string); a
/// malformed one makes genesis fail like any other bad entry.
#[test]
fn genesis_sm2_key_is_registered_and_round_trips_through_json() {
	let mut b = ExtBuilder::default();
	let key = sm2_key("//Yuxi//sm2");
	b.genesis.institutions[1].sm2_key = Some(key);
	let json = serde_json::to_string(&b.genesis).unwrap();
	assert!(json.contains("\"sm2Key\":\"0x04"), "{json}");
	assert!(json.contains("\"sm2Key\":null"), "{json}");
	let back: crate::GenesisConfig<Test> = serde_json::from_str(&json).unwrap();
	assert_eq!(back.institutions, b.genesis.institutions);
	// Older chain specs have no `sm2Key`: none registered.
	let old = json.replace("\"sm2Key\":null,", "");
	let back: crate::GenesisConfig<Test> = serde_json::from_str(&old).unwrap();
	assert_eq!(back.institutions[0].sm2_key, None);
	assert!(serde_json::from_str::<crate::GenesisConfig<Test>>(&json.replace("\"0x04", "\"0x"))
		.is_err());
	b.build_and_execute(|| {
		assert_eq!(Institutions::<Test>::get(yuxi()).unwrap().sm2_key, Some(key));
	});
}

#[test]
#[should_panic(expected = "invalid genesis")]
fn genesis_malformed_sm2_key_panics() {
	let mut b = ExtBuilder::default();
	b.genesis.institutions[1].sm2_key = Some([4; 65]);
	b.build();
}
