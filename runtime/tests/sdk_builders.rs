//! Every call builder of the SDK (`dengji_client::roles::*`) encoded offline against this runtime's
//! metadata and decoded back as a `RuntimeCall`: a renamed call or argument, a changed argument
//! type or a renamed variant of a pallet-local enum (refusal grounds, person kinds…) fails here,
//! without a node. The builders are listed once below; a builder added to `roles.rs` without an
//! entry fails `every_builder_is_listed`.
//!
//! `SKIP_WASM_BUILD=1 cargo test -p dengji-runtime --test sdk_builders` (the metadata comes from
//! the native runtime).

use codec::{DecodeAll, Encode};
use dengji_client::{
	grounds::{CancellationGround, Ground, RefusalGround, RevocationGround},
	primitives::{traits::AgentScope, CertificateCode, DivisionCode, ObjectKind, Uscc},
	roles::{self, BasicInfo},
	Call,
};
use dengji_runtime::{Runtime, RuntimeCall};
use frame_support::traits::GetCallMetadata;
use std::collections::BTreeSet;

fn metadata() -> dengji_client::subxt::Metadata {
	let bytes = Runtime::metadata_at_version(15).expect("the runtime serves metadata V15");
	dengji_client::subxt::Metadata::decode_from(&bytes[..])
		.expect("subxt reads the runtime's metadata")
}

fn division() -> DivisionCode {
	DivisionCode::new(530400).expect("Yuxi")
}

fn code() -> CertificateCode {
	CertificateCode::new(division(), 2026, 123).expect("code")
}

fn uscc() -> Uscc {
	// A USCC seated in Yuxi (the first serial number with a check character).
	(0..10u32)
		.find_map(|n| {
			let first17 = format!("91530400DJDEM000{n}");
			let check = Uscc::check_character(first17.as_bytes())?;
			Uscc::from_bytes(&[first17.as_bytes(), &[check]].concat()).ok()
		})
		.expect("a USCC")
}

fn info() -> BasicInfo {
	BasicInfo {
		data_name: "玉溪水质（小时）".into(),
		summary: "Hourly water quality of Yuxi's reservoirs.".into(),
		content_digest: [1; 32],
		materials: vec![[2; 32], [3; 32]],
	}
}

/// Typed basic information and classification (YX-R §12, YN-D §15).
fn details() -> dengji_client::primitives::catalogue::BasicDetails {
	use dengji_client::primitives::catalogue::*;
	BasicDetails {
		industry: IndustryCode::parse("N77").expect("GB/T 4754"),
		scenario: [1; 32],
		source: [2; 32],
		structure: DataStructure::Structured,
		records: 8_760,
		schema: [3; 32],
		coverage: division(),
		update: UpdateFrequency::RealTime,
		classification: ClassificationCode::truncate_from(b"HJ-SZ-01".to_vec()),
		grade: DataGrade::General,
		share: ShareAttribute::Unconditional,
		open: OpenAttribute::Conditional,
		catalogue: None,
	}
}

/// An inner call's encoding, for the builders that wrap one (`Sudo::sudo`, `Council::propose`).
fn inner() -> Vec<u8> {
	roles::authority::suspend(division()).encode_call_data(&metadata()).expect("inner call")
}

/// `(path, builder call)` for every builder, with representative arguments.
macro_rules! builders {
	($($module:ident :: $name:ident ( $($arg:expr),* $(,)? );)*) => {
		fn all_builders() -> Vec<(&'static str, Call)> {
			vec![$((
				concat!(stringify!($module), "::", stringify!($name)),
				roles::$module::$name($($arg),*),
			),)*]
		}
	};
}

builders! {
	institution::accept(1);
	institution::refuse_acceptance(1, [4; 32]);
	institution::request_supplement(1, [4; 32]);
	institution::extend_supplement(1, [4; 32]);
	institution::publish(1);
	institution::refuse(1, &[RefusalGround::QualityDefect, RefusalGround::ObjectionUpheld], [4; 32]);
	institution::forward_objection(2);
	institution::decide_objection(2, true, [4; 32]);
	institution::set_objection_review(2, Some([4; 32]));
	institution::set_disputes(1, true, false, [4; 32]);
	institution::decide_objection_as_dispute(2, true, false, [4; 32]);
	institution::raise_complaint_dispute(roles::institution::DisputeTarget::Registration(3), 0, false, true, [4; 32]);
	institution::resolve_dispute(
		roles::institution::DisputeTarget::Application(1),
		roles::institution::DisputeSource::Objection(2),
		[4; 32],
	);
	institution::approve(1, [4; 32]);
	institution::issue(code(), [5; 64]);
	institution::rekey_draft(code());
	institution::revoke(code(), RevocationGround::ForgedCertificate, [4; 32]);
	institution::admit_subject(uscc(), "玉溪数据公司", division(), &[[6; 32], [7; 32]]);
	institution::record_real_name([6; 32], [4; 32], true);
	subject::apply(division(), uscc(), ObjectKind::DataResource, None, &info());
	subject::change(3, &info());
	subject::correct(3, &info(), [4; 32]);
	subject::cancel(3, CancellationGround::SubjectCeased, &[[4; 32]]);
	subject::cancel_on_succession(3, Some(uscc()), [5; 32], &[[4; 32]]);
	subject::renew(3, 2, &[[4; 32]]);
	subject::supplement(1, &info());
	subject::withdraw(1);
	subject::declare_derived_from(1, &[(3, None), (4, Some([4; 32]))]);
	subject::declare_co_subjects(1, &[(uscc(), None), (uscc(), Some([4; 32]))]);
	subject::consent_as_co_subject(1, uscc());
	subject::declare_basic_details(1, &details());
	subject::record_business_review(1, uscc(), [4; 32], 1);
	subject::respond_to_correction(1, [4; 32]);
	subject::declare_materials(1, &[(roles::subject::MaterialKind::ApplicationForm, [4; 32])]);
	subject::rebut(2, [4; 32]);
	subject::grant_power_of_attorney(uscc(), [6; 32], AgentScope::Apply, 400, [4; 32]);
	objector::object(1, [4; 32], [5; 32]);
	anyone::close_publicity(1);
	anyone::expire_supplement(1);
	anyone::expire_rebuttal(2);
	anyone::expire_certificate(code());
	authority::register_institution(division(), "玉溪市登记中心", [8; 32]);
	authority::add_operator(division(), [6; 32]);
	authority::rotate_signing_key(division(), [9; 32]);
	authority::suspend(division());
	authority::reinstate(division());
	authority::disqualify(division());
	authority::propose(3, inner());
	authority::vote([10; 32], 0, true);
	authority::close([10; 32], 0, (1_000_000_000, 65_536), 64);
	authority::record_agreement_with_exception("玉溪市数据局", uscc(), 1, 2, [4; 32], [5; 32]);
	authority::record_delivery(0, 1, [4; 32]);
	authority::record_provision(0, uscc(), 1, [4; 32]);
	authority::order_cancellation(3, CancellationGround::OtherLawful, [4; 32]);
	authority::set_public_service(uscc(), Some([4; 32]));
	authority::record_agreement_filing(0, division(), [4; 32]);
	authority::set_intake_requirements(true, false);
	authority::set_basic_details_required(true);
	authority::load_classification_codes(1, &["YX-ENT-01", "ZZ-99"]);
	authority::set_validity_exception(1, 1, [4; 32]);
	authority::sanction(
		division(),
		roles::authority::SanctionGround::ImproperPerformance,
		roles::authority::SanctionMeasure::Interview,
		[4; 32],
	);
	authority::file_county_institution(DivisionCode::new(530402).expect("Hongta"), "红塔区", [5; 32]);
	authority::file_institution(DivisionCode::new(530300).expect("Qujing"), "曲靖", [5; 32], [4; 32]);
	authority::set_county_authority([6; 32], DivisionCode::new(530402).expect("Hongta"));
	authority::remove_county_authority([6; 32]);
	authority::lodge_complaint(division(), [4; 32]);
	authority::refer_complaint(0, roles::authority::ComplaintReferral::Institution);
	authority::decide_complaint(0, true, [4; 32]);
	authority::register_service_institution(uscc(), "玉溪数据服务公司", &[[6; 32], [7; 32]]);
	authority::suspend_service_institution(
		uscc(),
		Some(roles::authority::ServiceMisconduct::FalseRecord),
		[4; 32],
	);
	authority::reinstate_service_institution(uscc());
	authority::remove_service_institution(uscc(), None, [4; 32]);
	authority::remove_operator(division(), [6; 32]);
	authority::transfer_cases(DivisionCode::new(530402).expect("Hongta"), division());
	authority::set_validator(division(), Some([6; 32]));
	authority::set_peer_id(division(), Some(vec![0, 36, 8, 1]));
	authority::set_city_authority([6; 32], division());
	authority::remove_city_authority([6; 32]);
	authority::record_agreement("玉溪市数据局", uscc(), 1, 2, [4; 32]);
	authority::amend_agreement(0, 1, 3, [4; 32]);
	authority::set_agreement_status(0, roles::authority::AgreementStatus::Suspended, [4; 32]);
	authority::set_year(2030, &[date("2030-01-01")], &[date("2030-01-05")]);
	authority::remove_year(2030);
	authority::set_period(dengji_client::primitives::period::Period::Review, 15, 20_500);
	authority::add_member([6; 32]);
	authority::remove_member([6; 32]);
	authority::swap_member([6; 32], [7; 32]);
	authority::reset_members(&[[6; 32], [7; 32]]);
	authority::set_prime([6; 32]);
	authority::clear_prime();
	authority::add_well_known_node(vec![0, 36, 8, 1], [6; 32]);
	authority::remove_well_known_node(vec![0, 36, 8, 1]);
	authority::add_connections(vec![0, 36, 8, 1], vec![vec![0, 36, 8, 2]]);
	authority::remove_connections(vec![0, 36, 8, 1], vec![vec![0, 36, 8, 2]]);
	authority::sudo(inner());
}

fn date(s: &str) -> dengji_client::primitives::calendar::Date {
	dengji_client::primitives::calendar::Date::parse(s).expect("date")
}

/// `module::builder` for every `pub fn` of a `pub mod` in the SDK's `roles.rs`.
fn builders_in_source() -> BTreeSet<String> {
	let source = include_str!("../../client/sdk/src/roles.rs");
	let mut module = None;
	let mut out = BTreeSet::new();
	for line in source.lines() {
		if let Some(rest) = line.strip_prefix("pub mod ") {
			module = rest.split_whitespace().next().map(str::to_string);
		} else if line.starts_with('}') {
			module = None;
		} else if let (Some(m), Some(rest)) = (&module, line.strip_prefix("\tpub fn ")) {
			let name: String =
				rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
			out.insert(format!("{m}::{name}"));
		}
	}
	out
}

#[test]
fn every_builder_is_listed() {
	let listed: BTreeSet<String> = all_builders().iter().map(|(p, _)| p.to_string()).collect();
	assert_eq!(listed.len(), all_builders().len(), "a builder listed twice");
	let in_source = builders_in_source();
	assert!(in_source.len() >= 39, "the scan of roles.rs found only {in_source:?}");
	assert_eq!(listed, in_source, "list every `roles::*` builder in `builders!` above");
}

#[test]
fn every_builder_encodes_against_the_runtime_metadata_and_decodes_as_its_call() {
	let metadata = metadata();
	for (path, call) in all_builders() {
		let bytes = call
			.encode_call_data(&metadata)
			.unwrap_or_else(|e| panic!("{path} ({}): {e}", call.label()));
		let decoded = RuntimeCall::decode_all(&mut &bytes[..]).unwrap_or_else(|e| {
			panic!("{path} ({}): the runtime cannot decode it: {e}", call.label())
		});
		assert_eq!(decoded.encode(), bytes, "{path}: canonical encoding");
		let names = decoded.get_call_metadata();
		assert_eq!(
			(names.pallet_name, names.function_name),
			(call.pallet.as_str(), call.name.as_str()),
			"{path}"
		);
	}
}

#[test]
fn refusal_grounds_encode_as_the_pallets_variants() {
	// YX-R §17, §13: every SDK ground reaches the pallet as the variant of the same name.
	let metadata = metadata();
	let all: Vec<RefusalGround> = RefusalGround::ALL.iter().map(|i| i.ground).collect();
	let bytes =
		roles::institution::refuse(9, &all, [4; 32]).encode_call_data(&metadata).expect("encode");
	let RuntimeCall::Registration(pallet_registration::Call::refuse_registration {
		application,
		grounds,
		decision,
	}) = RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
	else {
		panic!("not refuse_registration");
	};
	assert_eq!((application, decision), (9, [4; 32]));
	let decoded: Vec<String> = grounds.iter().map(|g| format!("{g:?}")).collect();
	let expected: Vec<&str> = all.iter().map(|g| g.variant_name()).collect();
	assert_eq!(decoded, expected);
}

#[test]
fn a_renamed_call_or_wrong_arguments_fail_to_encode() {
	// What the test above relies on: the encoder refuses what the runtime does not have.
	let metadata = metadata();
	let renamed = Call::new("Registration", "file_objection", vec![]);
	assert!(renamed.encode_call_data(&metadata).is_err());
	let mut short = roles::objector::object(1, [4; 32], [5; 32]);
	short.args.0.pop();
	assert!(short.encode_call_data(&metadata).is_err());
}

/// Issue 14 §2: the SM2 builders (`dengji_client::sm2`) encode against the runtime's metadata and
/// decode as the calls they name, with the key and signatures byte for byte.
#[test]
fn sm2_builders_encode_as_the_runtime_calls() {
	let metadata = metadata();
	let key = dengji_client::Sm2Key::from_suri("//Alice//sm2").expect("dev SM2 key").public();
	let builders = [
		dengji_client::sm2::issue_cosigned(code(), [1; 64], [2; 64]),
		dengji_client::sm2::set_sm2_key(division(), key),
		dengji_client::sm2::set_require_sm2(true),
	];
	let expected = [
		RuntimeCall::Certificate(pallet_certificate::Call::issue_cosigned {
			code: code(),
			signature: [1; 64],
			sm2_signature: [2; 64],
		}),
		RuntimeCall::Institutions(pallet_institutions::Call::set_sm2_key {
			division: division(),
			key,
		}),
		RuntimeCall::Certificate(pallet_certificate::Call::set_require_sm2 { required: true }),
	];
	for (call, want) in builders.iter().zip(expected) {
		let bytes =
			call.encode_call_data(&metadata).unwrap_or_else(|e| panic!("{}: {e}", call.label()));
		assert_eq!(bytes, want.encode(), "{}", call.label());
	}
}

#[test]
fn sanction_grounds_and_measures_encode_as_the_pallets_variants() {
	// YX-R §26: every SDK ground (一)–(五) and measure reaches the pallet as the variant of the
	// same name.
	use roles::authority::{SanctionGround, SanctionMeasure};
	let metadata = metadata();
	for ground in SanctionGround::ALL {
		for measure in SanctionMeasure::ALL {
			let bytes = roles::authority::sanction(division(), ground, measure, [7; 32])
				.encode_call_data(&metadata)
				.expect("encode");
			let RuntimeCall::Institutions(pallet_institutions::Call::sanction {
				division: d,
				ground: g,
				measure: m,
				decision,
			}) = RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
			else {
				panic!("not Institutions::sanction");
			};
			assert_eq!((d, decision), (division(), [7; 32]));
			assert_eq!(format!("{g:?}"), ground.variant_name());
			assert_eq!(format!("{m:?}"), measure.variant_name());
		}
	}
}

#[test]
fn complaint_and_service_institution_builders_carry_their_variants_yx_r_25_28() {
	// YX-R §25: every SDK referral and both outcomes reach the pallet as the variant of the same
	// name; YX-R §28: every misconduct ground (and none) reaches suspension and removal.
	use roles::authority::{ComplaintReferral, ServiceMisconduct};
	let metadata = metadata();
	let decode = |call: Call| {
		let bytes = call.encode_call_data(&metadata).expect("encode");
		RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
	};
	for to in ComplaintReferral::ALL {
		let RuntimeCall::Institutions(pallet_institutions::Call::refer_complaint { id, to: t }) =
			decode(roles::authority::refer_complaint(3, to))
		else {
			panic!("not Institutions::refer_complaint");
		};
		assert_eq!(id, 3);
		assert_eq!(format!("{t:?}"), to.variant_name());
	}
	for (upheld, want) in [(true, "Upheld"), (false, "Dismissed")] {
		let RuntimeCall::Institutions(pallet_institutions::Call::decide_complaint {
			id,
			outcome,
			decision,
		}) = decode(roles::authority::decide_complaint(4, upheld, [7; 32]))
		else {
			panic!("not Institutions::decide_complaint");
		};
		assert_eq!((id, decision), (4, [7; 32]));
		assert_eq!(format!("{outcome:?}"), want);
	}
	let grounds = ServiceMisconduct::ALL.map(Some);
	for ground in grounds.into_iter().chain([None]) {
		let RuntimeCall::Institutions(pallet_institutions::Call::suspend_service_institution {
			uscc: u,
			ground: g,
			decision,
		}) = decode(roles::authority::suspend_service_institution(uscc(), ground, [8; 32]))
		else {
			panic!("not Institutions::suspend_service_institution");
		};
		assert_eq!((u, decision), (uscc(), [8; 32]));
		assert_eq!(g.map(|g| format!("{g:?}")), ground.map(|g| g.variant_name().to_string()));
		let RuntimeCall::Institutions(pallet_institutions::Call::remove_service_institution {
			ground: g,
			..
		}) = decode(roles::authority::remove_service_institution(uscc(), ground, [8; 32]))
		else {
			panic!("not Institutions::remove_service_institution");
		};
		assert_eq!(g.map(|g| format!("{g:?}")), ground.map(|g| g.variant_name().to_string()));
	}
	let RuntimeCall::Institutions(pallet_institutions::Call::register_service_institution {
		uscc: u,
		name,
		accounts,
	}) = decode(roles::authority::register_service_institution(uscc(), "服务", &[[6; 32]]))
	else {
		panic!("not Institutions::register_service_institution");
	};
	assert_eq!(u, uscc());
	assert_eq!(name.to_vec(), "服务".as_bytes().to_vec());
	assert_eq!(accounts.to_vec(), vec![sp_runtime::AccountId32::new([6; 32])]);
}

#[test]
fn governance_builders_carry_their_arguments_to_the_runtime_calls() {
	// Issue 11 §1: the calls the data authority makes through a council motion or Sudo reach the
	// pallets with the arguments given (account lookups as `MultiAddress::Id`, statuses and
	// calendar dates by value).
	use dengji_client::primitives::calendar::Date;
	let metadata = metadata();
	let decode = |call: Call| {
		let bytes = call.encode_call_data(&metadata).expect("encode");
		RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
	};
	let who = sp_runtime::AccountId32::new([6; 32]);
	let RuntimeCall::CouncilMembership(pallet_membership::Call::swap_member { remove, add }) =
		decode(roles::authority::swap_member([6; 32], [7; 32]))
	else {
		panic!("not swap_member")
	};
	assert_eq!(remove, sp_runtime::MultiAddress::Id(who.clone()));
	assert_eq!(add, sp_runtime::MultiAddress::Id(sp_runtime::AccountId32::new([7; 32])));
	for status in roles::authority::AgreementStatus::ALL {
		let RuntimeCall::Registration(pallet_registration::Call::set_agreement_status {
			agreement,
			status: s,
			document,
		}) = decode(roles::authority::set_agreement_status(5, status, [4; 32]))
		else {
			panic!("not set_agreement_status")
		};
		assert_eq!((agreement, document), (5, [4; 32]));
		assert_eq!(format!("{s:?}"), status.variant_name());
	}
	// DESIGN §4: a year's dates, as listed in a cn-holidays.json-format file.
	let json = include_str!("../../docs/spec/calendar/cn-holidays.json");
	let year = dengji_client::calendar::official_year(json, 2026).expect("2026 in the file");
	let RuntimeCall::Calendar(pallet_calendar::Call::set_year {
		year: y,
		holidays,
		makeup_workdays,
	}) = decode(year.set_year())
	else {
		panic!("not set_year")
	};
	assert_eq!(y, 2026);
	assert_eq!(holidays.to_vec(), year.holidays);
	assert_eq!(makeup_workdays.to_vec(), year.makeup_workdays);
	assert!(holidays.contains(&Date::parse("2026-10-01").expect("date")));
	let RuntimeCall::Institutions(pallet_institutions::Call::set_validator {
		division: d,
		validator,
	}) = decode(roles::authority::set_validator(division(), Some([6; 32])))
	else {
		panic!("not set_validator")
	};
	assert_eq!((d, validator), (division(), Some(who)));
}

#[test]
fn material_kinds_encode_as_the_pallets_variants() {
	// YX-R §18 ¶1, §19 ¶2, Q34: every SDK material kind reaches the pallet as the variant of the
	// same name, with its digest.
	use roles::subject::MaterialKind;
	let metadata = metadata();
	let list: Vec<(MaterialKind, [u8; 32])> =
		MaterialKind::ALL.iter().enumerate().map(|(i, k)| (*k, [i as u8; 32])).collect();
	let bytes =
		roles::subject::declare_materials(7, &list).encode_call_data(&metadata).expect("encode");
	let RuntimeCall::Registration(pallet_registration::Call::declare_materials {
		application,
		materials,
	}) = RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
	else {
		panic!("not declare_materials");
	};
	assert_eq!(application, 7);
	let decoded: Vec<(String, [u8; 32])> =
		materials.iter().map(|m| (format!("{:?}", m.kind), m.digest)).collect();
	let expected: Vec<(String, [u8; 32])> =
		list.iter().map(|(k, d)| (k.variant_name().to_string(), *d)).collect();
	assert_eq!(decoded, expected);
}

#[test]
fn node_authorization_builders_carry_the_peer_ids_and_owner_issue_11_7() {
	// Issue 11 §7: an edge node is allow-listed as a well-known node (the authority) or as an
	// additional connection of an institution's validator (its owner); PeerIds as bytes.
	let metadata = metadata();
	let decode = |call: Call| {
		let bytes = call.encode_call_data(&metadata).expect("encode");
		RuntimeCall::decode_all(&mut &bytes[..]).expect("decode")
	};
	let (edge, validator) = (vec![0u8, 36, 8, 1, 0xee], vec![0u8, 36, 8, 1, 0xaa]);
	let RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::add_well_known_node {
		node,
		owner,
	}) = decode(roles::authority::add_well_known_node(edge.clone(), [6; 32]))
	else {
		panic!("not add_well_known_node")
	};
	assert_eq!(node.0, edge);
	assert_eq!(owner, sp_runtime::MultiAddress::Id(sp_runtime::AccountId32::new([6; 32])));
	let RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::remove_well_known_node {
		node,
	}) = decode(roles::authority::remove_well_known_node(edge.clone()))
	else {
		panic!("not remove_well_known_node")
	};
	assert_eq!(node.0, edge);
	let RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::add_connections {
		node,
		connections,
	}) = decode(roles::authority::add_connections(validator.clone(), vec![edge.clone()]))
	else {
		panic!("not add_connections")
	};
	assert_eq!(
		(node.0, connections.into_iter().map(|c| c.0).collect::<Vec<_>>()),
		(validator.clone(), vec![edge.clone()])
	);
	let RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::remove_connections {
		node,
		connections,
	}) = decode(roles::authority::remove_connections(validator.clone(), vec![edge.clone()]))
	else {
		panic!("not remove_connections")
	};
	assert_eq!(
		(node.0, connections.into_iter().map(|c| c.0).collect::<Vec<_>>()),
		(validator, vec![edge])
	);
}
