//! The data authority's commands and offline certificate signing against one `dengji-node --dev`
//! (issue 11 §1, §5, "Bad input and refusals"): one node, many commands.
//!
//! - `dengji authority …` through Sudo (the default for the dev Sudo key) and through the
//!   council (`--via council`): a motion carrying `set_city_authority` stays open with the
//!   runtime's threshold (2 of a 2-member council), `council motions` shows its call decoded, a
//!   non-member's vote is refused, both members' votes and `council close` execute it;
//! - operators, council membership (add, prime, swap, remove), a calendar year from a
//!   `cn-holidays.json`-format file (loaded, removed), a legal period, a sanction, a PeerId, an
//!   agreement, its filing and status, a public-service organisation;
//! - the intake requirements (YX-R §15, §18 ¶1, §19 ¶2) through Sudo and through a council
//!   motion that reports its index, hash, threshold and voting end, as a supervision command
//!   (`service-institution register --via council`) does; refused in words when signed directly
//!   (`BadOrigin`) or through Sudo without the Sudo key (`RequireSudo`);
//! - a city institution and a county one filed under it, suspended, reinstated, disqualified,
//!   its cases transferred; a county authority appointed and removed; the city authority
//!   removed; an SM2 key, SM2 co-signatures required; an edge node's connections and entry
//!   removed;
//! - a removed operator's transaction is refused at the pool in words ("签名账户不是有效参与者 /
//!   the signer is not an active participant");
//! - a certificate is drafted, its payload exported (`cert payload`), signed offline with an
//!   ed25519 keystore and an SM2 key file (`sign`), issued (`cert issue`), and verifies `Valid`
//!   with the SM2 co-signature required.
//!
//! Needs the node binary (`common::node_binary`): without it the test is skipped with a message,
//! unless `DENGJI_REQUIRE_NODE_BIN=1`.

mod common;

use common::{node_binary_or_skip, spawn_node, wait_for, Node, NODE_START_TIMEOUT};
use serde_json::Value;
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// Longest wait for the publicity window (10 working days of 4-second dev days) to end.
const PUBLICITY_TIMEOUT_SECS: &str = "300";
/// Longest wait for a justified block that proves the issued certificate.
const VERIFY_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs `dengji --json ARGS`: (exit code, JSON on stdout, everything printed).
fn dengji(args: &[&str]) -> (i32, Value, String) {
	common::dengji(&[&["--json"], args].concat(), &[("DENGJI_CERT_KEY_PASSWORD", "offline-pw")])
}

struct Dev {
	_node: Node,
	url: String,
}

impl Dev {
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

	/// `dengji ARGS --url URL`, which must succeed.
	fn read(&self, args: &[&str]) -> Value {
		let mut all = args.to_vec();
		all.extend(["--url", &self.url]);
		let (exit, v, out) = dengji(&all);
		assert_eq!(exit, 0, "{out}");
		v
	}
}

fn start_dev(node: &Path, dir: &Path) -> Dev {
	let (node, url) = spawn_node(node, &["--dev".as_ref()], &dir.join("node.log"));
	wait_for("the dev node's RPC", NODE_START_TIMEOUT, || {
		let (exit, v, out) = dengji(&["chain", "clock", "--url", &url]);
		if exit == 0 && v["today"].is_number() {
			Ok(())
		} else {
			Err(out)
		}
	});
	Dev { _node: node, url }
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

#[test]
fn governance_commands_and_offline_signing_on_a_dev_node() {
	let Some(node) = node_binary_or_skip() else { return };
	let started = Instant::now();
	let dir = tempfile::tempdir().unwrap();
	let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
	let dev = start_dev(&node, dir.path());
	let alice = "//Alice";

	// Offline keys (issue 11 §5): a fresh certificate key in a polkadot.js keystore, registered
	// by rotating the institution's signing key; the dev institution's SM2 key in an SM2 key file.
	let seed = [0x42u8; 32];
	let cert_key = dengji_client::CertificateKey::from_seed(seed);
	let mut secret = [0u8; 64];
	secret[..32].copy_from_slice(&seed);
	secret[32..].copy_from_slice(&cert_key.public());
	let keystore = dengji_cli::keyfile::encrypt(
		dengji_cli::keyfile::KeyType::Ed25519,
		&secret,
		&cert_key.public(),
		"offline-pw",
		[3; 32],
		[4; 24],
		"Yuxi certificate key",
	);
	std::fs::write(path("cert.json"), keystore).unwrap();
	let sm2 = dengji_client::Sm2Key::from_suri("//Alice//sm2").unwrap();
	let hex = |b: &[u8]| format!("0x{}", hex::encode(b));
	std::fs::write(
		path("sm2.json"),
		serde_json::json!({"type": "sm2", "public": hex(&sm2.public()), "secret": hex(&sm2.secret())})
			.to_string(),
	)
	.unwrap();
	let new_key = hex(&cert_key.public());
	let v = dev
		.tx(alice, &["authority", "rotate-signing-key", "--division", "530400", "--key", &new_key]);
	assert_eq!(v["via"], "sudo", "the dev Sudo key: Sudo by default: {v}");
	assert!(has_event(&v, "Institutions", "SigningKeyRotated"), "{v}");

	// A registration up to its publicity (the certificate flow continues below).
	let (exit, uscc, out) = dengji(&["code", "uscc", "91530400MA7000123"]);
	assert_eq!(exit, 0, "{out}");
	let uscc = uscc["uscc"].as_str().or(uscc.as_str()).expect("a USCC").to_string();
	let subject = "//GovCliSubject";
	dev.tx(
		alice,
		&[
			"admit-subject",
			"--uscc",
			&uscc,
			"--name",
			"玉溪治理数据公司",
			"--division",
			"530400",
			"--account",
			subject,
		],
	);
	let v = dev.tx(
		subject,
		&[
			"apply",
			"--institution",
			"530400",
			"--uscc",
			&uscc,
			"--object",
			"resource",
			"--data-name",
			"玉溪公交客流（治理测试）",
			"--summary",
			"daily boardings per line",
			"--form",
			"form",
			"--material",
			"material",
		],
	);
	let app = id(&v, "Registration", "ApplicationSubmitted", "application").to_string();
	dev.tx(alice, &["accept", &app]);
	let v = dev.tx(alice, &["review", &app, "--pass"]);
	let closes_on = id(&v, "Registration", "PublicityOpened", "closes_on").to_string();

	// Sudo (default on dev): operators and council membership.
	let v = dev.tx(alice, &["authority", "add-operator", "--division", "530400", "//Bob"]);
	assert!(has_event(&v, "Institutions", "OperatorAdded"), "{v}");
	let v = dev.tx(alice, &["authority", "membership", "add", "//Bob"]);
	assert!(has_event(&v, "CouncilMembership", "MemberAdded"), "{v}");

	// A council motion: 2 of 2 members needed (2/3 of 2, rounded up), so it stays open.
	let v = dev.tx(
		alice,
		&["authority", "--via", "council", "set-city-authority", "//Ferdie", "--city", "530400"],
	);
	assert_eq!(v["via"], "council", "{v}");
	assert_eq!(v["motion"]["state"], "open", "{v}");
	assert_eq!(
		(v["motion"]["threshold"].as_u64(), v["motion"]["members"].as_u64()),
		(Some(2), Some(2))
	);
	assert_eq!(v["motion"]["call"], "Institutions.set_city_authority", "{v}");
	let hash = v["motion"]["hash"].as_str().expect("motion hash").to_string();
	let index = v["motion"]["index"].as_u64().expect("motion index").to_string();
	let motions = dev.read(&["council", "motions"]);
	let m = motions["motions"]
		.as_array()
		.and_then(|ms| ms.iter().find(|m| m["hash"] == hash.as_str()))
		.unwrap_or_else(|| panic!("motion {hash} not listed: {motions}"));
	assert_eq!(m["call"]["pallet"], "Institutions", "{m}");
	assert_eq!(m["call"]["name"], "set_city_authority", "decoded: {m}");
	assert!(m["call"]["args"].get("city").is_some(), "arguments decoded by name: {m}");
	assert_eq!((m["threshold"].as_u64(), m["ayes"].as_array().map(Vec::len)), (Some(2), Some(0)));
	// A participant who is not a council member may not vote (Council::NotMember): nothing changes.
	let (exit, v, out) = dev.try_tx(subject, &["council", "vote", &hash, &index, "--aye"]);
	assert_eq!((exit, v["error"]["error"].as_str()), (5, Some("NotMember")), "{out}");
	dev.tx("//Bob", &["council", "vote", &hash, &index, "--aye"]);
	dev.tx(alice, &["council", "vote", &hash, &index, "--aye"]);
	let v = dev.tx(alice, &["council", "close", &hash, &index]);
	assert_eq!(v["outcome"], "executed", "{v}");
	assert!(has_event(&v["submitted"], "Council", "Executed"), "{v}");
	assert!(has_event(&v["submitted"], "Institutions", "CityAuthoritySet"), "the call ran: {v}");

	// Intake requirements (YX-R §15, §18 ¶1, §19 ¶2; issue 11 §1): through Sudo (dev) …
	let v = dev.tx(
		alice,
		&[
			"authority",
			"set-intake-requirements",
			"--business-review",
			"true",
			"--materials-by-kind",
			"true",
		],
	);
	assert_eq!(v["via"], "sudo", "{v}");
	let set = events(&v, "Registration", "IntakeRequirementsSet");
	assert_eq!(set.len(), 1, "{v}");
	let req = &set[0]["fields"]["requirements"];
	assert_eq!(
		(&req["business_review"], &req["materials_by_kind"]),
		(&Value::Bool(true), &Value::Bool(true)),
		"{v}"
	);
	// … and through the council: the motion reports what a member needs next (index, hash,
	// threshold, voting end), then both members' votes and the close set them back.
	let v = dev.tx(
		alice,
		&[
			"authority",
			"--via",
			"council",
			"intake-requirements",
			"--business-review",
			"false",
			"--materials-by-kind",
			"false",
		],
	);
	let m = &v["motion"];
	assert_eq!((m["state"].as_str(), m["threshold"].as_u64()), (Some("open"), Some(2)), "{v}");
	assert_eq!(m["call"], "Registration.set_intake_requirements", "{v}");
	let proposed_in = v["block"]["number"].as_u64().expect("block");
	assert!(
		m["end"].as_u64().is_some_and(|end| end > proposed_in),
		"voting end after the proposal: {v}"
	);
	let hash = m["hash"].as_str().expect("motion hash").to_string();
	let index = m["index"].as_u64().expect("motion index").to_string();
	let listed = dev.read(&["council", "motions"]);
	let listed = listed["motions"]
		.as_array()
		.and_then(|ms| ms.iter().find(|l| l["hash"] == hash.as_str()).cloned())
		.unwrap_or_else(|| panic!("motion {hash} not listed: {listed}"));
	assert_eq!(listed["end"], m["end"], "the same voting end as `council motions`: {listed}");
	dev.tx("//Bob", &["council", "vote", &hash, &index, "--aye"]);
	dev.tx(alice, &["council", "vote", &hash, &index, "--aye"]);
	let v = dev.tx(alice, &["council", "close", &hash, &index]);
	let set = events(&v["submitted"], "Registration", "IntakeRequirementsSet");
	assert_eq!(set.len(), 1, "the motion's call ran: {v}");
	assert_eq!(set[0]["fields"]["requirements"]["business_review"], Value::Bool(false), "{v}");
	// Refusals in words (issue 11 "Bad input and refusals"): the call signed directly by an
	// account that is not the data authority, and Sudo by a signer without the Sudo key.
	let intake =
		["set-intake-requirements", "--business-review", "true", "--materials-by-kind", "true"];
	let (exit, v, out) =
		dev.try_tx(alice, &[&["authority", "--via", "direct"][..], &intake].concat());
	assert_eq!((exit, v["error"]["error"].as_str()), (5, Some("BadOrigin")), "{out}");
	let msg = v["error"]["message"].as_str().unwrap_or_default();
	assert!(msg.starts_with("无权执行该调用") && msg.contains("may not make this call"), "{out}");
	let (exit, v, out) =
		dev.try_tx("//Bob", &[&["authority", "--via", "sudo"][..], &intake].concat());
	assert_eq!((exit, v["error"]["error"].as_str()), (5, Some("RequireSudo")), "{out}");
	let msg = v["error"]["message"].as_str().unwrap_or_default();
	assert!(msg.starts_with("签名账户不持有 Sudo 密钥") && msg.contains("Sudo key"), "{out}");

	// A supervision command through the council reports its motion the same way (issue 11 §1).
	let (exit, service, out) = dengji(&["code", "uscc", "91530400MA7000456"]);
	assert_eq!(exit, 0, "{out}");
	let service = service["uscc"].as_str().or(service.as_str()).expect("a USCC").to_string();
	let v = dev.tx(
		alice,
		&[
			"service-institution",
			"register",
			"--via",
			"council",
			"--uscc",
			&service,
			"--name",
			"玉溪数据服务所",
			"--account",
			"//Eve",
		],
	);
	let m = &v["motion"];
	assert_eq!(v["via"], "council", "{v}");
	assert_eq!(m["call"], "Institutions.register_service_institution", "{v}");
	assert!(m["index"].is_u64() && m["hash"].is_string() && m["end"].is_u64(), "{v}");
	assert_eq!(m["threshold"].as_u64(), Some(2), "{v}");

	// Institutions, authorities and sanctions no other node test runs (Sudo, dev): a city
	// institution, a county one filed under it, suspended, reinstated, disqualified and its
	// cases transferred to the city (YX-R §7, §26, Q17); a county authority appointed and
	// removed, the city authority removed (YX-R §7 ¶2); an SM2 key (issue 14).
	let steps: [(&[&str], &str, &str); 11] = [
		(
			&[
				"register-institution",
				"--division",
				"530300",
				"--name",
				"曲靖",
				"--key",
				"//Qujing",
			],
			"Institutions",
			"InstitutionRegistered",
		),
		(
			&[
				"file-county-institution",
				"--division",
				"530302",
				"--name",
				"麒麟",
				"--key",
				"//Qilin",
			],
			"Institutions",
			"CountyInstitutionFiled",
		),
		(&["suspend", "530302"], "Institutions", "InstitutionSuspended"),
		(&["reinstate", "530302"], "Institutions", "InstitutionReinstated"),
		(
			&["set-county-authority", "//Eve", "--county", "530302"],
			"Institutions",
			"CountyAuthoritySet",
		),
		(&["remove-county-authority", "//Eve"], "Institutions", "CountyAuthorityRemoved"),
		(&["disqualify", "530302"], "Institutions", "InstitutionDisqualified"),
		(
			&["transfer-cases", "--from", "530302", "--to", "530300"],
			"Institutions",
			"CasesTransferred",
		),
		(&["remove-city-authority", "//Ferdie"], "Institutions", "CityAuthorityRemoved"),
		(
			&["set-sm2-key", "--division", "530300", "--key", "//Qujing//sm2"],
			"Institutions",
			"Sm2KeySet",
		),
		// From here every issuance carries an SM2 co-signature (the one below does).
		(&["require-sm2", "--required", "true"], "Certificate", "RequireSm2Set"),
	];
	for (args, pallet, event) in steps {
		let v = dev.tx(alice, &[&["authority"][..], args].concat());
		assert!(has_event(&v, pallet, event), "{args:?}: {v}");
	}

	// A calendar year from a file in the cn-holidays.json format (DESIGN §4).
	std::fs::write(
		path("holidays.json"),
		r#"{"about":"test","years":{"2031":{"source":"test notice","holidays":["2031-01-01","2031-10-01","2031-10-02"],"makeup_workdays":["2031-09-28"]}}}"#,
	)
	.unwrap();
	let v =
		dev.tx(alice, &["authority", "calendar", "load-year", "--file", &path("holidays.json")]);
	assert!(has_event(&v, "Calendar", "YearSet"), "{v}");
	let v = dev.tx(alice, &["authority", "calendar", "remove-year", "2031"]);
	assert!(has_event(&v, "Calendar", "YearRemoved"), "{v}");
	// A legal period (Q37) from a day well ahead, so that no deadline of this test changes.
	let today = dev.read(&["chain", "clock"])["today"].as_u64().expect("today");
	let from = (today + 1000).to_string();
	let v =
		dev.tx(alice, &["authority", "calendar", "set-period", "review", "15", "--from", &from]);
	assert!(has_event(&v, "Calendar", "PeriodSet"), "{v}");

	// A sanction (YX-R §26: an interview does not suspend), a PeerId, an agreement and its status.
	let v = dev.tx(
		alice,
		&[
			"authority",
			"sanction",
			"530400",
			"--ground",
			"improper-performance",
			"--measure",
			"interview",
			"--decision",
			"interview record",
		],
	);
	assert!(has_event(&v, "Institutions", "InstitutionSanctioned"), "{v}");
	let v = dev.tx(
		alice,
		&[
			"authority",
			"set-peer-id",
			"--division",
			"530400",
			"12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD",
		],
	);
	assert!(has_event(&v, "Institutions", "PeerIdChanged"), "{v}");
	// Issue 11 §7: an edge node allow-listed for every validator (a well-known node, through
	// Sudo on dev) and owned by Alice, who lets it connect to another node she owns; node
	// connections are signed by the node's owner only.
	let edge = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
	let v = dev.tx(alice, &["authority", "add-well-known-node", edge, "--owner", alice]);
	assert_eq!(events(&v, "NodeAuthorization", "NodeAdded").len(), 1, "{v}");
	let connect = ["--node", edge, "12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD"];
	let v = dev.tx(alice, &[&["authority", "add-connections"][..], &connect].concat());
	assert!(has_event(&v, "NodeAuthorization", "ConnectionsAdded"), "{v}");
	let (exit, _, out) = dev.try_tx(
		alice,
		&[&["authority", "--via", "sudo", "remove-connections"][..], &connect].concat(),
	);
	assert_eq!(exit, 2, "owner-signed only: {out}");
	let v = dev.tx(alice, &[&["authority", "remove-connections"][..], &connect].concat());
	assert!(has_event(&v, "NodeAuthorization", "ConnectionsRemoved"), "{v}");
	let v = dev.tx(alice, &["authority", "remove-well-known-node", edge]);
	assert_eq!(events(&v, "NodeAuthorization", "NodeRemoved").len(), 1, "{v}");
	let v = dev.tx(
		alice,
		&[
			"authority",
			"agreement",
			"record",
			"--implementer",
			"玉溪市数据局",
			"--operator",
			&uscc,
			"--from",
			"2026-01-01",
			"--until",
			"2028-12-31",
			"--document",
			"agreement",
			// Dev days last 4 seconds, so the 5-year rule counts dev years: record the term as the
			// data authority's exception (YX-AO §17(二) 原则上) with its reason.
			"--exception-reason",
			"term beyond five dev years",
		],
	);
	let agreement = id(&v, "Registration", "AgreementRecorded", "agreement").to_string();
	// Its filing with the city data authority (YX-AO §16 ¶2) and a public-service organisation
	// (YN-D §46 ¶2).
	let v = dev.tx(
		alice,
		&[
			"authority",
			"agreement",
			"filing",
			&agreement,
			"--filed-with",
			"530400",
			"--reference",
			"filing",
		],
	);
	assert!(has_event(&v, "Registration", "AgreementFiled"), "{v}");
	let v =
		dev.tx(alice, &["authority", "agreement", "public-service", &uscc, "--basis", "decision"]);
	assert!(has_event(&v, "Registration", "PublicServiceSet"), "{v}");
	let v = dev.tx(
		alice,
		&[
			"authority",
			"agreement",
			"status",
			&agreement,
			"--status",
			"suspended",
			"--document",
			"decision",
		],
	);
	assert!(has_event(&v, "Registration", "AgreementStatusChanged"), "{v}");

	// Council membership (CouncilMembership): a prime member set and cleared, a member swapped
	// for another, then removed (after the motions above; the council is 1 member again).
	dev.tx(alice, &["authority", "membership", "set-prime", "//Bob"]);
	dev.tx(alice, &["authority", "membership", "clear-prime"]);
	let v = dev
		.tx(alice, &["authority", "membership", "swap", "--remove", "//Bob", "--add", "//Charlie"]);
	assert!(has_event(&v, "CouncilMembership", "MembersSwapped"), "{v}");
	let v = dev.tx(alice, &["authority", "membership", "remove", "//Charlie"]);
	assert!(has_event(&v, "CouncilMembership", "MemberRemoved"), "{v}");

	// Refusals in words: an operator removed from its institution is no longer a participant.
	dev.tx(alice, &["authority", "add-operator", "--division", "530400", "//Dave"]);
	dev.tx(alice, &["authority", "remove-operator", "--division", "530400", "//Dave"]);
	let (exit, v, out) = dev.try_tx("//Dave", &["accept", &app]);
	assert_eq!(exit, 5, "{out}");
	let msg = v["error"]["message"].as_str().unwrap_or_default();
	assert!(
		msg.starts_with("签名账户不是有效参与者") && msg.contains("is not an active participant"),
		"{out}"
	);
	assert_eq!(v["error"]["refusal"], "not_participant", "{out}");

	// The certificate: publicity ends, the institution approves, the body is signed offline.
	dev.read(&["chain", "wait-until", &closes_on, "--end", "--timeout", PUBLICITY_TIMEOUT_SECS]);
	let (exit, v, out) = dev.try_tx(subject, &["close-publicity", &app]);
	assert!(exit == 0 || v["error"]["error"] == "PublicityAlreadyClosed", "{out}");
	let v = dev.tx(alice, &["approve", &app, "--decision", "approval"]);
	let code = v["certificate_codes"][0].as_str().expect("a drafted certificate").to_string();
	let v = dev.read(&["cert", "payload", &code, "-o", &path("body.bin")]);
	assert_eq!(v["issuer_key"], new_key.as_str(), "the rotated key signs: {v}");
	// Issue 11 §5: the runtime's metadata hash, for a signer that checks it.
	let metadata_hash = v["metadata_hash"].as_str().expect("metadata hash").to_string();
	assert_eq!(metadata_hash.len(), 66, "{v}");
	assert_eq!(v["sm2_key"], hex(&sm2.public()).as_str(), "{v}");
	// Air-gapped: no node.
	let (exit, signed, out) = dengji(&[
		"sign",
		"--key-file",
		&path("cert.json"),
		&path("body.bin"),
		"-o",
		&path("sig.hex"),
	]);
	assert_eq!((exit, signed["scheme"].as_str()), (0, Some("ed25519")), "{out}");
	assert_eq!(signed["code"], code.as_str(), "{out}");
	let (exit, signed, out) = dengji(&[
		"sign",
		"--key-file",
		&path("sm2.json"),
		&path("body.bin"),
		"-o",
		&path("sm2.hex"),
	]);
	assert_eq!((exit, signed["scheme"].as_str()), (0, Some("sm2")), "{out}");
	let sig = format!("@{}", path("sig.hex"));
	let sm2_sig = format!("@{}", path("sm2.hex"));
	// A signature of other bytes is refused before anything is sent.
	let wrong = hex(&cert_key.sign(b"another payload"));
	let (exit, _, out) = dev.try_tx(alice, &["cert", "issue", &code, "--signature", &wrong]);
	assert_eq!(exit, 2, "{out}");
	// A metadata hash that is not the runtime's is refused before anything is sent.
	let other_hash = format!("0x{}", "00".repeat(32));
	let (exit, _, out) = dev.try_tx(
		alice,
		&["cert", "issue", &code, "--signature", &sig, "--metadata-hash", &other_hash],
	);
	assert_eq!(exit, 2, "{out}");
	// Issued in a transaction signed with `CheckMetadataHash` enabled: the node accepts it.
	let v = dev.tx(
		alice,
		&[
			"cert",
			"issue",
			&code,
			"--signature",
			&sig,
			"--sm2-signature",
			&sm2_sig,
			"--metadata-hash",
			&metadata_hash,
		],
	);
	assert!(has_event(&v, "Certificate", "CertificateIssued"), "{v}");
	let issued_in = v["block"]["number"].as_u64().expect("block");
	let deadline = Instant::now() + VERIFY_TIMEOUT;
	loop {
		let (exit, v, out) = dengji(&["cert", "verify", &code, "--url", &dev.url, "--require-sm2"]);
		if exit == 0 && v["block"]["number"].as_u64() >= Some(issued_in) {
			assert_eq!(v["verdict"], "valid", "{out}");
			break;
		}
		assert!(Instant::now() < deadline, "{code} not verified valid in time: {out}");
		std::thread::sleep(Duration::from_secs(1));
	}
	// `cert show` carries the registration's co-subjects and basic details (YX-R §12, §15), read
	// from the registration: none were declared here.
	let (exit, v, out) = dengji(&["cert", "show", &code, "--url", &dev.url]);
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["code"], code.as_str(), "{out}");
	assert_eq!(v["co_subjects"], serde_json::json!([]), "{out}");
	assert!(v.as_object().is_some_and(|m| m.contains_key("details")), "{out}");

	// YX-R §30: the holder presents the certificate to a bank online: the bank's challenge, the
	// subject's signature with its account (and a bundle with the holder proof for offline use),
	// the bank's check against the subject's accounts proved from the node; Alice is no account
	// of the subject.
	let (exit, _, out) = dengji(&[
		"holder",
		"challenge",
		&code,
		"--verifier",
		"玉溪市商业银行",
		"--url",
		&dev.url,
		"-o",
		&path("challenge.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	let (exit, _, out) = dengji(&[
		"holder",
		"present",
		&code,
		"--challenge",
		&path("challenge.json"),
		"--suri",
		subject,
		"--url",
		&dev.url,
		"-o",
		&path("presentation.json"),
		"--bundle-out",
		&path("holder.bin"),
	]);
	assert_eq!(exit, 0, "{out}");
	let verify_presentation = |presentation: &str| {
		dengji(&[
			"cert",
			"verify",
			&code,
			"--url",
			&dev.url,
			"--presentation",
			&path(presentation),
			"--challenge",
			&path("challenge.json"),
		])
	};
	let (exit, v, out) = verify_presentation("presentation.json");
	assert_eq!(exit, 0, "{out}");
	assert_eq!(v["verdict"], "valid", "{out}");
	assert_eq!(v["holder"]["presenter_is_holder"], true, "{out}");
	let (exit, _, out) = dengji(&[
		"holder",
		"present",
		&code,
		"--challenge",
		&path("challenge.json"),
		"--suri",
		alice,
		"-o",
		&path("alice.json"),
	]);
	assert_eq!(exit, 0, "{out}");
	let (exit, _, out) = verify_presentation("alice.json");
	assert_eq!(exit, 4, "{out}");
	assert!(out.contains("not a holder key"), "{out}");
	assert_eq!(std::fs::read(path("holder.bin")).unwrap()[4], 2, "a version-2 bundle");
	eprintln!("governance CLI test: {:.0?}", started.elapsed());
}
