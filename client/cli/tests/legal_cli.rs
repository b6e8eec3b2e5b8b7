//! The legal and supervision commands no other node test runs, against one `dengji-node --dev`
//! (issue 11 §1, "Bad input and refusals"; issue 10): each succeeds and its state or event is
//! read back, and each is refused at least once with a clear error while nothing changes.
//!
//! - `authority file-institution` (YN-D §45 ¶2: a city institution filed by its city data
//!   authority, `--via direct`), refused through Sudo (the province does not file a city
//!   institution) and outside the signer's city;
//! - `authority set-validator` and `--clear` (DESIGN §3 layer 3), refused for a validator
//!   account another institution uses;
//! - `authority agreement amend` (through a council motion), `delivery` (YX-R §18 ¶3),
//!   `provision` (YX-R §5, §18 ¶3), `public-service --basis` and `--remove` (YN-D §46 ¶2), each
//!   refused once (inverted term through the council, a second delivery or provision, an
//!   unknown subject);
//! - `authority membership reset` (`CouncilMembership`), refused signed directly and proposed by
//!   a non-member;
//! - `authority order-cancellation` (Q8, YX-R §21) through a council motion, refused while a
//!   cancellation is pending and for a city authority of another city;
//! - `complaint lodge|refer|decide` (YX-R §25(二)), refused for an unknown institution and when
//!   referred or decided twice (the second decision through the council);
//! - `service-institution suspend|reinstate|remove` (YX-R §11, §28) by the city authority that
//!   registered it, each refused once (twice, after removal, through the council by a
//!   non-member);
//! - `cancel-on-succession --successor` and `--liquidator` (Q8, YX-R §21(三)), refused for the
//!   registration's own subject as its successor;
//! - `objection-review --document` and `--clear` (Q10(f)), refused before the decision, by a
//!   non-operator and when no review is pending.
//!
//! Independent signers run side by side (one thread each for the registration flow, the province
//! authority and the city authority) so that the test stays short; the publicity period is set
//! to 3 working days through `authority calendar set-period` (Q37) before any notice opens.
//!
//! Needs the node binary (`common::node_binary`): without it the test is skipped with a message,
//! unless `DENGJI_REQUIRE_NODE_BIN=1`.

mod common;

use common::{node_binary_or_skip, spawn_node, wait_for, NODE_START_TIMEOUT};
use dengji_client::keys;
use dengji_primitives::{institution::InstitutionRecord, DivisionCode, Uscc};
use serde_json::Value;
use std::{sync::mpsc, time::Instant};

/// Longest wait for the shortened publicity window (3 working days of 4-second dev days) to end.
const PUBLICITY_TIMEOUT_SECS: &str = "120";
/// Publicity for this test's notices, in working days (Q37: the authority's setting, 1..=60).
const PUBLICITY_DAYS: &str = "3";

const ALICE: &str = "//Alice";
/// The registration flow's operator of Yuxi (530400), added by the test.
const OPERATOR: &str = "//LegalCliOperator";
/// The subject whose registrations are cancelled.
const SUBJECT: &str = "//LegalCliSubject";
/// The legal successor subject (YX-R §21(三)).
const SUCCESSOR: &str = "//LegalCliSuccessor";
/// The dev chain's real-name person (genesis), who objects.
const OBJECTOR: &str = "//Ferdie";
/// The dev chain's demo subject account (genesis), who complains.
const COMPLAINANT: &str = "//Eve";
/// The city data authority of Qujing (530300), appointed by the test.
const CITY_AUTHORITY: &str = "//Dave";

/// Runs `dengji --json ARGS`: (exit code, JSON on stdout, everything printed).
fn dengji(args: &[&str]) -> (i32, Value, String) {
	common::dengji(&[&["--json"], args].concat(), &[])
}

/// The node's URL and the calls the test makes on it.
#[derive(Clone)]
struct Chain {
	url: String,
}

impl Chain {
	/// `dengji ARGS --url URL --suri SURI`, which must succeed.
	fn tx(&self, suri: &str, args: &[&str]) -> Value {
		let (exit, v, out) = self.try_tx(suri, args);
		assert_eq!(exit, 0, "{out}");
		v
	}

	fn try_tx(&self, suri: &str, args: &[&str]) -> (i32, Value, String) {
		let mut all = args.to_vec();
		all.extend(["--url", &self.url, "--suri", suri]);
		dengji(&all)
	}

	/// `dengji ARGS` signed by `suri`, which the chain must refuse with `pallet::error` (exit
	/// 5) and a message in words, while the storage at `keys` stays as it was.
	fn refused(&self, suri: &str, args: &[&str], pallet: &str, error: &str, keys: &[&[u8]]) {
		let before: Vec<_> = keys.iter().map(|k| self.raw(k)).collect();
		let (exit, v, out) = self.try_tx(suri, args);
		let e = &v["error"];
		assert_eq!(
			(exit, e["pallet"].as_str(), e["error"].as_str()),
			(5, Some(pallet), Some(error)),
			"{out}"
		);
		let msg = e["message"].as_str().unwrap_or_default();
		assert!(!msg.is_ascii() && msg.len() > 20, "in words: {out}");
		let after: Vec<_> = keys.iter().map(|k| self.raw(k)).collect();
		assert_eq!(before, after, "nothing changes: {args:?}");
	}

	/// `dengji ARGS --url URL`, which must succeed.
	fn read(&self, args: &[&str]) -> Value {
		let mut all = args.to_vec();
		all.extend(["--url", &self.url]);
		let (exit, v, out) = dengji(&all);
		assert_eq!(exit, 0, "{out}");
		v
	}

	/// The encoded storage value at `key` at the finalized head (through the SDK).
	fn raw(&self, key: &[u8]) -> Option<Vec<u8>> {
		block_on(async {
			let reader = dengji_client::Reader::connect(&self.url).await.expect("connect");
			let v = reader.storage::<Raw>("storage value", key, None).await.expect("read");
			v.map(|Raw(v)| v)
		})
	}

	/// An institution's record at the finalized head (through the SDK).
	fn institution(&self, division: u32) -> Option<InstitutionRecord<[u8; 32]>> {
		let d = DivisionCode::new(division).unwrap();
		block_on(async {
			let reader = dengji_client::Reader::connect(&self.url).await.expect("connect");
			reader.fetch_institution(&d).await.expect("read the institution")
		})
	}
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
	tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// A storage value's bytes as stored.
#[derive(Debug, PartialEq)]
struct Raw(Vec<u8>);

impl codec::Decode for Raw {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		let len = input.remaining_len()?.ok_or("a storage value of known length")?;
		let mut v = vec![0; len];
		input.read(&mut v)?;
		Ok(Raw(v))
	}
}

/// The events of a transaction report named `pallet.name`.
fn events<'a>(v: &'a Value, pallet: &str, name: &str) -> Vec<&'a Value> {
	v["events"]
		.as_array()
		.map(|es| es.iter().filter(|e| e["pallet"] == pallet && e["name"] == name).collect())
		.unwrap_or_default()
}

fn has_event(v: &Value, pallet: &str, name: &str) -> bool {
	!events(v, pallet, name).is_empty()
}

/// A number possibly wrapped in one-field composites (scale-value JSON).
fn num(v: &Value) -> Option<u64> {
	match v {
		Value::Number(n) => n.as_u64(),
		Value::String(s) => s.parse().ok(),
		Value::Array(a) => a.first().and_then(num),
		Value::Object(o) => o.values().next().and_then(num),
		_ => None,
	}
}

fn id(v: &Value, pallet: &str, event: &str, field: &str) -> u64 {
	v["ids"][field]
		.as_u64()
		.or_else(|| events(v, pallet, event).first().and_then(|e| num(&e["fields"][field])))
		.unwrap_or_else(|| panic!("no {field} in {pallet}.{event}: {v}"))
}

/// A valid USCC (GB 32100) seated in Yuxi with this 6-digit serial.
fn uscc(serial: u32) -> String {
	(0..10)
		.find_map(|n| {
			let s = format!("91530400MA{serial:06}{n}");
			let check = Uscc::check_character(s.as_bytes())?;
			Some(format!("{s}{}", char::from(check)))
		})
		.expect("a USCC")
}

/// The dev genesis demo subject's USCC (`runtime::genesis_config_presets::demo_uscc(530400)`).
fn demo_uscc() -> String {
	(0..10)
		.find_map(|n| {
			let s = format!("91530400DJDEM000{n}");
			let check = Uscc::check_character(s.as_bytes())?;
			Some(format!("{s}{}", char::from(check)))
		})
		.expect("a USCC")
}

fn account(suri: &str) -> [u8; 32] {
	dengji_client::Signer::from_suri(suri).unwrap().account_id()
}

fn reg_key(item: &str, id: u64) -> Vec<u8> {
	keys::blake2_128_concat_key("Registration", item, &id)
}

fn uscc_key(pallet: &str, item: &str, uscc: &str) -> Vec<u8> {
	keys::blake2_128_concat_key(pallet, item, &Uscc::parse(uscc).unwrap())
}

#[test]
fn legal_and_supervision_commands_on_a_dev_node() {
	let Some(node) = node_binary_or_skip() else { return };
	let started = Instant::now();
	let dir = tempfile::tempdir().unwrap();
	let (_node, url) = spawn_node(&node, &["--dev".as_ref()], &dir.path().join("node.log"));
	let chain = Chain { url };
	wait_for("the dev node's RPC", NODE_START_TIMEOUT, || {
		let (exit, v, out) = dengji(&["chain", "clock", "--url", &chain.url]);
		if exit == 0 && v["today"].is_number() {
			Ok(())
		} else {
			Err(out)
		}
	});

	// Q37: 3 working days of publicity from tomorrow on (every notice below opens later).
	let today = chain.read(&["chain", "clock"])["today"].as_u64().expect("today");
	let from = (today + 1).to_string();
	let v = chain.tx(
		ALICE,
		&["authority", "calendar", "set-period", "publicity", PUBLICITY_DAYS, "--from", &from],
	);
	assert!(has_event(&v, "Calendar", "PeriodSet"), "{v}");
	let v = chain.tx(ALICE, &["authority", "add-operator", "--division", "530400", OPERATOR]);
	assert!(has_event(&v, "Institutions", "OperatorAdded"), "{v}");
	let v =
		chain.tx(ALICE, &["authority", "set-city-authority", CITY_AUTHORITY, "--city", "530300"]);
	assert!(has_event(&v, "Institutions", "CityAuthoritySet"), "{v}");

	let (filed_tx, filed_rx) = mpsc::channel();
	let (registrations, ()) = std::thread::scope(|s| {
		let chain = &chain;
		let city = s.spawn(move || {
			city_authority(chain, filed_tx);
			eprintln!("city authority done at {:.0?}", started.elapsed());
		});
		let province = s.spawn(move || {
			province_authority(chain, filed_rx);
			eprintln!("province authority done at {:.0?}", started.elapsed());
		});
		let registrations = registration_flow(chain);
		eprintln!("registration flow done at {:.0?}", started.elapsed());
		city.join().expect("the city authority's thread");
		(registrations, province.join().expect("the province authority's thread"))
	});

	// Q8, YX-R §21: the data authority orders a cancellation through a council motion (one
	// member: executed at once); refused while the successor's cancellation is pending on the
	// first registration, and for a city authority of another city.
	let [on_succession, ordered] = registrations;
	let (r1, r2) = (on_succession.to_string(), ordered.to_string());
	fn order<'a>(via: &'a str, registration: &'a str) -> Vec<&'a str> {
		let args = ["authority", "--via", via, "order-cancellation", registration, "--ground"];
		[&args[..], &["subject-ceased", "--order", "order"]].concat()
	}
	chain.refused(
		ALICE,
		&order("sudo", &r1),
		"Registration",
		"RegistrationBusy",
		&[&reg_key("Registrations", on_succession), &reg_key("LifecyclePending", on_succession)],
	);
	chain.refused(
		CITY_AUTHORITY,
		&order("direct", &r2),
		"Registration",
		"NotDataAuthority",
		&[&reg_key("LifecyclePending", ordered)],
	);
	let v = chain.tx(ALICE, &order("council", &r2));
	assert_eq!(
		(v["via"].as_str(), v["motion"]["state"].as_str()),
		(Some("council"), Some("executed")),
		"{v}"
	);
	assert_eq!(v["motion"]["call"], "Registration.order_cancellation", "{v}");
	let applicant = events(&v, "Registration", "CancellationApplicant");
	assert_eq!(applicant.len(), 1, "{v}");
	assert!(applicant[0].to_string().contains("AuthorityOrder"), "{v}");
	let app = id(&v, "Registration", "ApplicationSubmitted", "application");
	let shown = chain.read(&["registration", "show", &r2]);
	assert_eq!(shown["registration"]["lifecycle_pending"].as_u64(), Some(app), "{shown}");

	// Council membership reset: refused signed directly (BadOrigin) and proposed by a
	// non-member (NotMember); through Sudo the council becomes Alice and Bob.
	let members_key = keys::item_prefix("Council", "Members");
	let members = || chain.raw(&members_key);
	chain.refused(
		ALICE,
		&["authority", "--via", "direct", "membership", "reset", ALICE, "//Bob"],
		"System",
		"BadOrigin",
		&[&members_key],
	);
	let before = members();
	let (exit, v, out) = chain.try_tx(
		CITY_AUTHORITY,
		&["authority", "--via", "council", "membership", "reset", CITY_AUTHORITY],
	);
	assert_eq!((exit, v["error"]["error"].as_str()), (5, Some("NotMember")), "{out}");
	assert_eq!(members(), before, "nothing changes");
	let motions = chain.read(&["council", "motions"]);
	assert_eq!(motions["motions"], serde_json::json!([]), "no motion opened: {motions}");
	let v = chain.tx(ALICE, &["authority", "membership", "reset", "//Bob", ALICE]);
	assert!(has_event(&v, "CouncilMembership", "MembersReset"), "{v}");
	let mut want = vec![account(ALICE), account("//Bob")];
	want.sort();
	let now: Vec<[u8; 32]> =
		codec::Decode::decode(&mut &members().expect("members")[..]).expect("Vec<AccountId>");
	assert_eq!(now, want, "the council is Alice and Bob");
	eprintln!("legal CLI test: {:.0?}", started.elapsed());
}

/// Subjects, applications, an objection and three registrations (operator, subjects, objector):
/// `objection-review`, `cancel-on-succession`. The numbers of a registration with a pending
/// cancellation and of one without.
fn registration_flow(chain: &Chain) -> [u64; 2] {
	let (u1, u2) = (uscc(700_201), uscc(700_202));
	for (u, name, suri) in
		[(&u1, "玉溪法务数据公司", SUBJECT), (&u2, "玉溪继受数据公司", SUCCESSOR)]
	{
		let args = ["admit-subject", "--uscc", u, "--name", name, "--division", "530400"];
		let v = chain.tx(OPERATOR, &[&args[..], &["--account", suri]].concat());
		assert!(has_event(&v, "Institutions", "SubjectAdmitted"), "{v}");
	}
	// Three first registrations; the third gets an objection.
	let mut apps = Vec::new();
	for name in
		["玉溪路网流量（法务测试一）", "玉溪路网流量（法务测试二）", "玉溪路网流量（法务测试三）"]
	{
		let v = chain.tx(
			SUBJECT,
			&[
				"apply",
				"--institution",
				"530400",
				"--uscc",
				&u1,
				"--object",
				"resource",
				"--data-name",
				name,
				"--summary",
				"hourly counts per road segment",
				"--form",
				name,
				"--material",
				"material",
			],
		);
		apps.push(id(&v, "Registration", "ApplicationSubmitted", "application").to_string());
	}
	for app in &apps {
		chain.tx(OPERATOR, &["accept", app]);
	}
	let mut closes_on = 0;
	for app in &apps {
		let v = chain.tx(OPERATOR, &["review", app, "--pass"]);
		closes_on = closes_on.max(id(&v, "Registration", "PublicityOpened", "closes_on"));
	}

	// Q10(f): an objection, forwarded, rebutted and dismissed; its outcome flagged as under
	// administrative reconsideration, then cleared.
	let v = chain
		.tx(OBJECTOR, &["object", &apps[2], "--content", "objection", "--evidence", "evidence"]);
	let objection = id(&v, "Registration", "ObjectionLodged", "objection");
	let obj = objection.to_string();
	let review_key = reg_key("ObjectionReviews", objection);
	let review = ["objection-review", &obj, "--document", "reconsideration application"];
	chain.refused(OPERATOR, &review, "Registration", "ObjectionNotDecided", &[&review_key]);
	chain.tx(OPERATOR, &["forward", &obj]);
	chain.tx(SUBJECT, &["rebut", &obj, "--rebuttal", "rebuttal"]);
	let v = chain.tx(OPERATOR, &["decide", &obj, "--decision", "dismissal"]);
	assert!(has_event(&v, "Registration", "ObjectionDecided"), "{v}");
	chain.refused(SUBJECT, &review, "Registration", "NotOperator", &[&review_key]);
	let v = chain.tx(OPERATOR, &review);
	assert_eq!(events(&v, "Registration", "ObjectionReviewPending").len(), 1, "{v}");
	let digest = dengji_primitives::blake2_256(b"reconsideration application");
	let stored = chain.raw(&review_key).expect("the review flag");
	assert_eq!(stored, digest.to_vec(), "the document's digest is recorded");
	let v = chain.tx(OPERATOR, &["objection-review", &obj, "--clear"]);
	assert_eq!(events(&v, "Registration", "ObjectionReviewPending").len(), 1, "{v}");
	assert_eq!(chain.raw(&review_key), None, "cleared");
	chain.refused(
		OPERATOR,
		&["objection-review", &obj, "--clear"],
		"Registration",
		"NoReviewPending",
		&[&review_key],
	);

	// The notices' publicity ends; all three are approved (the objection was dismissed).
	let closes_on = closes_on.to_string();
	chain.read(&["chain", "wait-until", &closes_on, "--end", "--timeout", PUBLICITY_TIMEOUT_SECS]);
	let mut registrations = [0; 3];
	for (i, app) in apps.iter().enumerate() {
		let (exit, v, out) = chain.try_tx(SUBJECT, &["close-publicity", app]);
		assert!(exit == 0 || v["error"]["error"] == "PublicityAlreadyClosed", "{out}");
		let v = chain.tx(OPERATOR, &["approve", app, "--decision", "approval"]);
		registrations[i] = id(&v, "Registration", "ApplicationApproved", "registration");
	}

	// Q8, YX-R §21(三): the successor applies for the first registration's cancellation (the
	// registration's own subject is no successor), a liquidator (a real-name person) for the
	// second's.
	let r1 = registrations[0].to_string();
	let cancel = ["cancel-on-succession", &r1, "--document", "merger agreement"];
	chain.refused(
		SUBJECT,
		&[&cancel[..], &["--successor", &u1]].concat(),
		"Registration",
		"NotSuccessor",
		&[&reg_key("LifecyclePending", registrations[0])],
	);
	let v = chain.tx(SUCCESSOR, &[&cancel[..], &["--successor", &u2]].concat());
	let applicant = events(&v, "Registration", "CancellationApplicant");
	assert_eq!(applicant.len(), 1, "{v}");
	assert!(applicant[0].to_string().contains("Successor"), "{v}");
	let app = id(&v, "Registration", "ApplicationSubmitted", "application");
	let shown = chain.read(&["registration", "show", &r1]);
	assert_eq!(shown["registration"]["lifecycle_pending"].as_u64(), Some(app), "{shown}");
	assert_eq!(shown["registration"]["status"], "Active", "until the institution cancels: {shown}");
	let r2 = registrations[1].to_string();
	let liquidation = ["cancel-on-succession", &r2, "--liquidator", "--document", "liquidation"];
	let v = chain.tx(OBJECTOR, &liquidation);
	let applicant = events(&v, "Registration", "CancellationApplicant");
	assert_eq!(applicant.len(), 1, "{v}");
	assert!(applicant[0].to_string().contains("Liquidator"), "{v}");
	let app = id(&v, "Registration", "ApplicationSubmitted", "application");
	let shown = chain.read(&["registration", "show", &r2]);
	assert_eq!(shown["registration"]["lifecycle_pending"].as_u64(), Some(app), "{shown}");
	[registrations[0], registrations[2]]
}

/// The province data authority (Alice: Sudo and the one-member council) and a complainant:
/// agreements, public service, the filed city institution's validator, a complaint.
fn province_authority(chain: &Chain, filed: mpsc::Receiver<()>) {
	let operator = uscc(700_203);
	let holder = demo_uscc();
	// An agreement (its 10-year term beyond the in-principle 5 years of dev days, as the
	// recorded exception, YX-AO §17(二)), amended through a council motion.
	let v = chain.tx(
		ALICE,
		&[
			"authority",
			"agreement",
			"record",
			"--implementer",
			"玉溪市数据局",
			"--operator",
			&operator,
			"--from",
			"2026-01-01",
			"--until",
			"2036-01-01",
			"--document",
			"agreement",
			"--exception-reason",
			"term beyond five dev years",
		],
	);
	let agreement = id(&v, "Registration", "AgreementRecorded", "agreement");
	let ag = agreement.to_string();
	let ag_key = reg_key("Agreements", agreement);
	let amend = |from: &'static str, until: &'static str| {
		let args = ["authority", "--via", "council", "agreement", "amend", ag.as_str()];
		[&args[..], &["--from", from, "--until", until, "--document", "amendment"]].concat()
	};
	let v = chain.tx(ALICE, &amend("2026-01-01", "2035-01-01"));
	assert_eq!(v["motion"]["state"], "executed", "{v}");
	assert!(has_event(&v, "Registration", "AgreementAmended"), "{v}");
	chain.refused(
		ALICE,
		&amend("2035-01-01", "2026-01-01"),
		"Registration",
		"AgreementTermInverted",
		&[&ag_key],
	);

	// YX-R §18 ¶3: the delivery starts the operator's duty to register; recorded once.
	let now = chain.read(&["chain", "info"])["time"].as_u64().expect("chain time").to_string();
	let delivery =
		["authority", "agreement", "delivery", &ag, "--at", &now, "--document", "delivery"];
	let v = chain.tx(ALICE, &delivery);
	assert!(has_event(&v, "Registration", "RegistrationDutyDue"), "{v}");
	chain.refused(ALICE, &delivery, "Registration", "DeliveryAlreadyRecorded", &[&ag_key]);
	// YX-R §5, §18 ¶3: a holder's provision starts its duty to register the resources; once
	// per holder and agreement.
	let provision = [
		"authority",
		"agreement",
		"provision",
		&ag,
		"--holder",
		&holder,
		"--at",
		&now,
		"--document",
		"provision",
	];
	let v = chain.tx(ALICE, &provision);
	assert!(has_event(&v, "Registration", "ResourceDutyDue"), "{v}");
	let next_provision = keys::item_prefix("Registration", "NextProvisionId");
	chain.refused(
		ALICE,
		&provision,
		"Registration",
		"ProvisionAlreadyRecorded",
		&[&next_provision, &ag_key],
	);

	// YN-D §46 ¶2: a public-service organisation recorded, then removed; an unknown subject
	// is refused.
	let ps_key = uscc_key("Registration", "PublicServiceOrganisations", &holder);
	let v = chain
		.tx(ALICE, &["authority", "agreement", "public-service", &holder, "--basis", "decision"]);
	assert!(has_event(&v, "Registration", "PublicServiceSet"), "{v}");
	assert_eq!(chain.raw(&ps_key), Some(dengji_primitives::blake2_256(b"decision").to_vec()));
	let v = chain.tx(ALICE, &["authority", "agreement", "public-service", &holder, "--remove"]);
	assert!(has_event(&v, "Registration", "PublicServiceSet"), "{v}");
	assert_eq!(chain.raw(&ps_key), None, "removed");
	let stranger = uscc(700_299);
	chain.refused(
		ALICE,
		&["authority", "agreement", "public-service", &stranger, "--basis", "decision"],
		"Registration",
		"UnknownSubject",
		&[&uscc_key("Registration", "PublicServiceOrganisations", &stranger)],
	);

	// YX-R §25(二): a complaint lodged by a subject account, referred through Sudo, decided
	// through the council; an unknown institution, a second referral and a second decision
	// (through the council) are refused.
	chain.refused(
		COMPLAINANT,
		&["complaint", "lodge", "--institution", "530500", "--content", "complaint"],
		"Institutions",
		"InstitutionNotFound",
		&[&keys::item_prefix("Institutions", "NextComplaintId")],
	);
	let v = chain.tx(
		COMPLAINANT,
		&["complaint", "lodge", "--institution", "530400", "--content", "complaint"],
	);
	let complaint = id(&v, "Institutions", "ComplaintReceived", "id");
	let c = complaint.to_string();
	let listed = |status: &str| {
		let list = chain.read(&["complaint", "list", "--institution", "530400"]);
		let found = list.as_array().and_then(|l| l.iter().find(|x| x["id"] == complaint).cloned());
		let found = found.unwrap_or_else(|| panic!("complaint {c} not listed: {list}"));
		assert_eq!(found["status"], status, "{found}");
		found
	};
	listed("received");
	let refer = ["complaint", "refer", "--via", "sudo", &c, "--to", "institution"];
	let v = chain.tx(ALICE, &refer);
	assert!(has_event(&v, "Institutions", "ComplaintReferred"), "{v}");
	assert_eq!(listed("referred")["referred_to"], "institution");
	let before = listed("referred");
	chain.refused(ALICE, &refer, "Institutions", "ComplaintAlreadyReferred", &[]);
	assert_eq!(listed("referred"), before, "nothing changes");
	let decide = [
		"complaint",
		"decide",
		"--via",
		"council",
		&c,
		"--outcome",
		"upheld",
		"--decision",
		"decision",
	];
	let v = chain.tx(ALICE, &decide);
	assert_eq!(v["motion"]["state"], "executed", "{v}");
	assert!(has_event(&v, "Institutions", "ComplaintDecided"), "{v}");
	let before = listed("upheld");
	chain.refused(ALICE, &decide, "Institutions", "ComplaintAlreadyDecided", &[]);
	assert_eq!(listed("upheld"), before, "nothing changes");

	// DESIGN §3 layer 3: the filed city institution's validator set and cleared; a validator
	// account another institution uses is refused.
	filed.recv().expect("the city institution filed");
	let validator = "//LegalCliValidator";
	let v = chain.tx(ALICE, &["authority", "set-validator", "--division", "530300", validator]);
	assert!(has_event(&v, "Institutions", "ValidatorChanged"), "{v}");
	let record = chain.institution(530300).expect("Qujing");
	assert_eq!(record.validator, Some(account(validator)));
	chain.refused(
		ALICE,
		&["authority", "set-validator", "--division", "530300", ALICE],
		"Institutions",
		"ValidatorInUse",
		&[&keys::institution_key(&DivisionCode::new(530300).unwrap())],
	);
	let v = chain.tx(ALICE, &["authority", "set-validator", "--division", "530300", "--clear"]);
	assert!(has_event(&v, "Institutions", "ValidatorChanged"), "{v}");
	assert_eq!(chain.institution(530300).expect("Qujing").validator, None, "cleared");
}

/// The city data authority of Qujing (Dave, signing directly): the city institution filed
/// (YN-D §45 ¶2), a service institution registered, suspended, reinstated and removed (YX-R §11,
/// §28).
fn city_authority(chain: &Chain, filed: mpsc::Sender<()>) {
	let qujing = DivisionCode::new(530300).unwrap();
	let file = |via: &'static str, division: &'static str| {
		[
			"authority",
			"--via",
			via,
			"file-institution",
			"--division",
			division,
			"--name",
			"曲靖市数据登记中心",
			"--key",
			"//Qujing",
			"--reference",
			"filing",
		]
	};
	chain.refused(
		CITY_AUTHORITY,
		&file("direct", "530500"),
		"Institutions",
		"OutsideCityAuthority",
		&[&keys::institution_key(&DivisionCode::new(530500).unwrap())],
	);
	// The province does not file a city institution (it registers its own): refused through Sudo.
	let qujing_key = keys::institution_key(&qujing);
	let filing_key = keys::blake2_128_concat_key("Institutions", "Filings", &qujing);
	chain.refused(
		ALICE,
		&file("sudo", "530300"),
		"System",
		"BadOrigin",
		&[&qujing_key, &filing_key],
	);
	let args = file("direct", "530300");
	let v = chain.tx(CITY_AUTHORITY, &args);
	assert!(has_event(&v, "Institutions", "CityInstitutionFiled"), "{v}");
	assert!(has_event(&v, "Institutions", "FilingRecorded"), "{v}");
	let record = chain.institution(530300).expect("Qujing filed");
	assert_eq!(record.status, dengji_primitives::InstitutionStatus::Active, "{record:?}");
	// The filing with the province (YN-D §45 ¶2): by the city authority, with its document.
	let filing = chain.raw(&filing_key).expect("the filing recorded");
	let holds = |part: &[u8]| filing.windows(part.len()).any(|w| w == part);
	assert!(holds(&account(CITY_AUTHORITY)), "filed by the city authority: {filing:?}");
	assert!(holds(&dengji_primitives::blake2_256(b"filing")), "its document: {filing:?}");
	filed.send(()).unwrap();

	// A service institution registered by the city authority, which suspends, reinstates and
	// removes it; each refused once.
	let service = uscc(700_204);
	let key = uscc_key("Institutions", "ServiceInstitutions", &service);
	let status = || {
		let list = chain.read(&["service-institution", "list"]);
		let found =
			list.as_array().and_then(|l| l.iter().find(|x| x["uscc"] == service.as_str()).cloned());
		found.unwrap_or_else(|| panic!("{service} not listed: {list}"))["status"]
			.as_str()
			.unwrap()
			.to_string()
	};
	let v = chain.tx(
		CITY_AUTHORITY,
		&[
			"service-institution",
			"register",
			"--uscc",
			&service,
			"--name",
			"曲靖数据服务所",
			"--account",
			"//LegalCliAgent",
		],
	);
	assert!(has_event(&v, "Institutions", "ServiceInstitutionRegistered"), "{v}");
	assert_eq!(status(), "active");
	let suspend = [
		"service-institution",
		"suspend",
		"--uscc",
		&service,
		"--ground",
		"misleading-statement",
		"--decision",
		"suspension",
	];
	let v = chain.tx(CITY_AUTHORITY, &suspend);
	assert!(has_event(&v, "Institutions", "ServiceInstitutionSuspended"), "{v}");
	assert_eq!(status(), "suspended");
	chain.refused(CITY_AUTHORITY, &suspend, "Institutions", "ServiceInstitutionNotActive", &[&key]);
	let reinstate = ["service-institution", "reinstate", "--uscc", &service];
	let v = chain.tx(CITY_AUTHORITY, &reinstate);
	assert!(has_event(&v, "Institutions", "ServiceInstitutionReinstated"), "{v}");
	assert_eq!(status(), "active");
	chain.refused(
		CITY_AUTHORITY,
		&reinstate,
		"Institutions",
		"ServiceInstitutionNotSuspended",
		&[&key],
	);
	let remove = ["service-institution", "remove", "--uscc", &service, "--decision", "removal"];
	let v = chain.tx(CITY_AUTHORITY, &remove);
	assert!(has_event(&v, "Institutions", "ServiceInstitutionRemoved"), "{v}");
	assert_eq!(status(), "removed");
	chain.refused(CITY_AUTHORITY, &reinstate, "Institutions", "ServiceInstitutionRemoved", &[&key]);
	// The council path: a city authority is no council member.
	let (exit, v, out) = chain.try_tx(
		CITY_AUTHORITY,
		&[&reinstate[..2], &["--via", "council"], &reinstate[2..]].concat(),
	);
	assert_eq!((exit, v["error"]["error"].as_str()), (5, Some("NotMember")), "{out}");
	assert_eq!(status(), "removed", "nothing changes");
}
