//! Issue 14 "done when", end to end on the 4-validator `local` network (not `--dev`): a
//! certificate issued with both signatures (ed25519 and SM2 with SM3, GB/T 32918, GB/T 35276
//! default distinguishing ID; docs/spec/DESIGN.md §7) verifies `Valid` with the SM2 check required
//!
//! - from the CLI (`dengji cert verify --require-sm2`, online through a proof bundle and offline
//!   from the saved bundle, against a trust root computed offline by `dengji trust from-spec` from
//!   the raw `local` chain spec);
//! - from Java (`cn.dengji.verify.Verifier.verify(…, Policy.defaults().requiringSm2())`, the JNI
//!   binding of `client/verify-jvm`, its SM2 facts read through the `Certificate` getters);
//! - in the browser build (`client/verify-wasm`'s module, built by its `build.sh`, under Node.js);
//!
//! and a certificate of the same chain without a co-signature (what an institution without an
//! SM2 key issues) fails each of the three under the same policy (`Sm2SignatureMissing`) while it
//! verifies `Valid` without the requirement.
//!
//! The Hongta institution (530402, operator `//Charlie`, certificate key `//Charlie//cert`, SM2 key
//! `//Charlie//sm2` in the `local` preset) registers and issues; validator `charlie` serves RPC.
//! The Java part is skipped with a message when no JDK is found and `DENGJI_REQUIRE_JDK` is unset,
//! the browser part when `node` is absent and `DENGJI_REQUIRE_NODE` is unset (scripts/test.sh sets
//! both; scripts/setup.sh installs the JDK and Node.js).

use clap::Parser as _;
use dengji_cli::{cmd, Cli};
use dengji_client::{
	primitives::{sm2, CertificateCode, DivisionCode, ObjectKind},
	roles, CertificateKey, Client, Policy, Signer, Sm2Key, Verdict,
};
use dengji_tests::{
	finality_timeout,
	flow::{doc, event_field, json_code, uscc, Dev, Parties},
	node_binary, Network, RPC_UP_TIMEOUT,
};
use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Instant,
};

/// Hongta (红塔区), a county institution of the `local` preset, run by validator `charlie`.
const HONGTA: u32 = 530402;
/// Index of `charlie` in [`dengji_tests::LOCAL_VALIDATORS`].
const CHARLIE: usize = 2;
/// Hongta's operator, certificate-signing key and SM2 co-signing key (runtime preset).
const OPERATOR: &str = "//Charlie";
const CERT_KEY: &str = "//Charlie//cert";
const SM2_KEY: &str = "//Charlie//sm2";

/// `dengji --json <args>` through the CLI library (the parsing and outcome the binary prints):
/// the exit code and the JSON document (the error document when the command failed).
async fn dengji(args: &[&str]) -> (u8, Value) {
	let argv = ["dengji", "--quiet", "--json"].into_iter().chain(args.iter().copied());
	let cli = Cli::try_parse_from(argv).unwrap_or_else(|e| panic!("parsing {args:?}: {e}"));
	match cmd::run(cli).await {
		Ok(out) => (out.exit.code(), out.json),
		Err(e) => (e.exit_code().code(), e.to_json()),
	}
}

/// Applies, publishes, waits out publicity and approves: the drafted certificate's code.
async fn approve_after_publicity(
	dev: &Dev,
	p: &Parties,
	(application, closes_on): (u64, u64),
) -> CertificateCode {
	dev.close_publicity_when_over(p, application, closes_on).await.expect("publicity over");
	let approved = dev
		.submit(&roles::institution::approve(application, doc("approval decision")), &p.operator)
		.await
		.expect("approved");
	event_field(&approved, "Certificate", "CertificateDrafted", "code")
		.ok()
		.and_then(json_code)
		.expect("a draft")
}

/// `javac` and `java` from `JAVA_HOME` or `PATH`; `None` (skip) unless `DENGJI_REQUIRE_JDK`.
fn jdk() -> Option<(PathBuf, PathBuf)> {
	let from = |dir: PathBuf| {
		let (javac, java) = (dir.join("javac"), dir.join("java"));
		(javac.is_file() && java.is_file()).then_some((javac, java))
	};
	let found = std::env::var_os("JAVA_HOME")
		.and_then(|home| from(PathBuf::from(home).join("bin")))
		.or_else(|| std::env::split_paths(&std::env::var_os("PATH")?).find_map(from));
	if found.is_none() {
		assert!(
			std::env::var_os("DENGJI_REQUIRE_JDK").is_none(),
			"javac not found and DENGJI_REQUIRE_JDK is set: run scripts/setup.sh"
		);
		eprintln!(
			"SKIPPED (Java part): javac not found (DENGJI_REQUIRE_JDK=1 makes this an error)"
		);
	}
	found
}

/// Whether `node` runs; a skip message unless `DENGJI_REQUIRE_NODE`.
fn node_js() -> bool {
	let ok = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
	if !ok {
		assert!(
			std::env::var_os("DENGJI_REQUIRE_NODE").is_none(),
			"node not found and DENGJI_REQUIRE_NODE is set: run scripts/setup.sh"
		);
		eprintln!(
			"SKIPPED (browser part): node not found (DENGJI_REQUIRE_NODE=1 makes this an error)"
		);
	}
	ok
}

fn workspace() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
		.join("..")
}

/// `libdengji_verify_jvm.so`, built by cargo as this crate's dev-dependency (`target/<profile>/deps`).
fn jvm_cdylib() -> PathBuf {
	let name = format!(
		"{}dengji_verify_jvm{}",
		std::env::consts::DLL_PREFIX,
		std::env::consts::DLL_SUFFIX
	);
	let exe = std::env::current_exe().expect("test executable");
	let deps = exe.parent().expect("deps dir");
	[deps.join(&name), deps.parent().expect("profile dir").join(&name)]
		.into_iter()
		.filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
		.max()
		.map(|(_, p)| p)
		.unwrap_or_else(|| panic!("{name} not found beside {}", deps.display()))
}

/// Compiles `client/verify-jvm/java` and its `tests/java/BundleCheck.java` into `work/classes`.
fn compile_java(javac: &Path, work: &Path) -> PathBuf {
	let jvm = workspace().join("client/verify-jvm");
	let classes = work.join("classes");
	std::fs::create_dir_all(&classes).expect("classes dir");
	let mut sources: Vec<PathBuf> = std::fs::read_dir(jvm.join("java/cn/dengji/verify"))
		.expect("Java sources")
		.map(|e| e.expect("dir entry").path())
		.filter(|p| p.extension().is_some_and(|x| x == "java"))
		.collect();
	sources.push(jvm.join("tests/java/BundleCheck.java"));
	let out = Command::new(javac)
		.args(["--release", "8", "-Xlint:-options", "-encoding", "UTF-8", "-d"])
		.arg(&classes)
		.args(&sources)
		.output()
		.expect("run javac");
	assert!(out.status.success(), "javac failed:\n{}", String::from_utf8_lossy(&out.stderr));
	classes
}

/// `java BundleCheck`: its `key=value` lines and the `verifyJson` document it wrote.
fn java_check(
	java: &Path,
	classes: &Path,
	work: &Path,
	bundle: &Path,
	trust: &Path,
	now: u64,
	require_sm2: bool,
) -> (std::collections::BTreeMap<String, String>, Value) {
	let stem = bundle.file_stem().and_then(|s| s.to_str()).unwrap_or("bundle");
	let json_out = work.join(format!("java-{stem}-{require_sm2}.json"));
	let out = Command::new(java)
		.arg(format!("-Ddengji.verify.library={}", jvm_cdylib().display()))
		.arg("-Xcheck:jni")
		.arg("-cp")
		.arg(classes)
		.arg("BundleCheck")
		.arg(bundle)
		.arg(trust)
		.arg(now.to_string())
		.arg(require_sm2.to_string())
		.arg(&json_out)
		.output()
		.expect("run java");
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(out.status.success(), "java BundleCheck failed:\n{stdout}\n{stderr}");
	assert!(!stderr.contains("WARNING in native method"), "JNI misuse:\n{stderr}");
	eprintln!("java BundleCheck {} (require SM2: {require_sm2}):\n{stdout}", bundle.display());
	let lines = stdout
		.lines()
		.filter_map(|l| l.split_once('='))
		.map(|(k, v)| (k.to_string(), v.to_string()))
		.collect();
	let json = std::fs::read_to_string(&json_out).expect("verifyJson document");
	(lines, serde_json::from_str(&json).expect("verifyJson is JSON"))
}

/// The browser module's `verify()` document for a bundle (tests/check-bundle.mjs under Node.js).
fn wasm_check(build: &Path, bundle: &Path, trust: &Path, now: u64, require_sm2: bool) -> Value {
	let script = workspace().join("client/verify-wasm/tests/check-bundle.mjs");
	let out = Command::new("node")
		.arg(script)
		.arg(build)
		.arg(bundle)
		.arg(trust)
		.arg(now.to_string())
		.arg(require_sm2.to_string())
		.output()
		.expect("run node");
	let stdout = String::from_utf8_lossy(&out.stdout);
	assert!(
		out.status.success(),
		"node check-bundle.mjs failed:\n{stdout}\n{}",
		String::from_utf8_lossy(&out.stderr)
	);
	serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Issue 14 "done when" (see the module documentation).
#[tokio::test(flavor = "multi_thread")]
async fn cosigned_certificate_on_local_network_verifies_with_sm2_required_from_cli_java_and_wasm() {
	let started = Instant::now();
	let work = tempfile::Builder::new().prefix("dengji-sm2-network-").tempdir().expect("tmp");
	let work = work.path();

	// The browser module builds (cargo, wasm32, release) while the network starts.
	let wasm_dir = work.join("wasm");
	let wasm_build = node_js().then(|| {
		let script = workspace().join("client/verify-wasm/build.sh");
		let dir = wasm_dir.clone();
		std::thread::spawn(move || Command::new(script).arg(dir).output().expect("run build.sh"))
	});

	// The trust root, offline from the published raw chain spec (no trust on first use).
	let spec = work.join("local-raw.json");
	let built = Command::new(node_binary().expect("dengji-node binary"))
		.args(["build-spec", "--chain", "local", "--raw", "--disable-default-bootnode"])
		.stderr(std::process::Stdio::null())
		.output()
		.expect("dengji-node build-spec");
	assert!(built.status.success(), "build-spec --chain local --raw failed");
	std::fs::write(&spec, built.stdout).expect("write spec");
	let trust_file = work.join("trust.json");
	let (exit, _) = dengji(&[
		"trust",
		"from-spec",
		spec.to_str().expect("utf-8 path"),
		"-o",
		trust_file.to_str().expect("utf-8 path"),
	])
	.await;
	assert_eq!(exit, 0, "dengji trust from-spec");

	let mut net = Network::start_local().await.expect("start the 4 local validators");
	net.wait_all_finalized(&[0, 1, 2, 3], 1, finality_timeout(1)).await.expect("network runs");
	let node = net.nodes.remove(CHARLIE);
	let client = tokio::time::timeout(RPC_UP_TIMEOUT, Client::connect(&node.ws_url()))
		.await
		.expect("SDK connect in time")
		.expect("SDK connects");
	let dev = Dev { node, client, latencies: Default::default(), last_block: Default::default() };
	let url = dev.node.ws_url();
	let trust =
		dengji_cli::cmd::cert::read_trust(&trust_file).expect("trust root from the chain spec");
	assert_eq!(trust.genesis_hash, dev.client.reader().genesis_hash(), "from-spec genesis");

	// Hongta admits a subject and registers two data resources; publicity runs for both at once.
	let institution = DivisionCode::new(HONGTA).expect("division");
	let operator = Signer::from_suri(OPERATOR).expect("operator");
	let subject = Signer::from_suri("//Sm2NetworkSubject").expect("subject");
	let subject_uscc = uscc(HONGTA, 14).expect("uscc");
	dev.submit(
		&roles::institution::admit_subject(
			subject_uscc,
			"Hongta Data Co.",
			institution,
			&[subject.account_id()],
		),
		&operator,
	)
	.await
	.expect("Hongta admits the subject");
	let p = Parties {
		operator,
		cert_key: CertificateKey::from_suri(CERT_KEY).expect("cert key"),
		institution,
		subject,
		uscc: subject_uscc,
		objector: Signer::from_suri("//Ferdie").expect("objector"),
	};
	let sm2_key = Sm2Key::from_suri(SM2_KEY).expect("SM2 key");
	let hongta = dev.client.reader().fetch_institution(&institution).await.expect("read");
	assert_eq!(hongta.expect("Hongta").sm2_key, Some(sm2_key.public()), "preset SM2 key");

	let first = dev
		.apply_and_publish(&p, ObjectKind::DataResource, None, "Hongta water quality")
		.await
		.expect("first application in publicity");
	let second = dev
		.apply_and_publish(&p, ObjectKind::DataResource, None, "Hongta bus ridership")
		.await
		.expect("second application in publicity");

	// Co-signed issuance (ed25519 + SM2), and a plain one.
	let cosigned = approve_after_publicity(&dev, &p, first).await;
	let issued = dev
		.client
		.issue_certificate_cosigned(&cosigned, &p.cert_key, &sm2_key, &p.operator)
		.await
		.expect("co-signed issuance");
	assert!(issued.event("Certificate", "CertificateIssued").is_some());
	let plain = approve_after_publicity(&dev, &p, second).await;
	let issued =
		dev.client.issue_certificate(&plain, &p.cert_key, &p.operator).await.expect("plain issue");
	// Verification below waits for a justified block at or after both issuances.
	dev.last_block.fetch_max(u64::from(issued.block.number), std::sync::atomic::Ordering::SeqCst);
	let record =
		dev.client.reader().fetch_certificate(&cosigned).await.expect("read").expect("there");
	let payload = record.body.signing_payload(&dev.client.reader().genesis_hash());
	let sm3_hex = dengji_client::rpc::to_hex(&sm2::sm3(&payload));
	assert_eq!(record.sm2.as_ref().map(|c| c.sm3_digest), Some(sm2::sm3(&payload)));

	let require_sm2 = Policy { require_sm2: true, ..Policy::default() };
	// Through the SDK (what the CLI does online): a justified block that includes both issuances.
	let v = dev.verify(&plain, &trust, &Policy::default(), None).await.expect("SDK verifies");
	assert_eq!(v.verdict, Verdict::Valid);
	let v = dev.verify(&cosigned, &trust, &require_sm2, None).await.expect("SDK verifies");
	assert_eq!(v.verdict, Verdict::Valid);
	assert_eq!(v.algorithms.names().collect::<Vec<_>>(), ["ed25519", "sm2-sm3"]);

	// (a) CLI, online (saving the bundle checked) and offline from that bundle.
	let trust_arg = trust_file.to_str().expect("utf-8 path");
	let bundle = work.join("cosigned.bundle");
	let plain_bundle = work.join("plain.bundle");
	let code = cosigned.to_string();
	let (exit, online) = dengji(&[
		"cert",
		"verify",
		&code,
		"--url",
		&url,
		"--trust",
		trust_arg,
		"--require-sm2",
		"-o",
		bundle.to_str().expect("utf-8 path"),
	])
	.await;
	assert_eq!((exit, &online["verdict"]), (0, &Value::from("valid")), "CLI online: {online}");
	assert_eq!(online["algorithms"], serde_json::json!(["ed25519", "sm2-sm3"]), "{online}");
	assert_eq!(online["sm3_digest"], Value::from(sm3_hex.clone()));
	let (exit, plain_online) = dengji(&[
		"cert",
		"verify",
		&plain.to_string(),
		"--url",
		&url,
		"--trust",
		trust_arg,
		"-o",
		plain_bundle.to_str().expect("utf-8 path"),
	])
	.await;
	assert_eq!((exit, &plain_online["verdict"]), (0, &Value::from("valid")), "{plain_online}");
	assert_eq!(plain_online["algorithms"], serde_json::json!(["ed25519"]));

	// One instant for every offline check (the bundles are fresh: within the 10-minute default).
	let now = dengji_client::system_now_ms();
	let at = now.to_string();
	let offline = |b: &Path, require: bool| {
		let mut args = vec![
			"cert".to_string(),
			"verify".into(),
			"--bundle".into(),
			b.display().to_string(),
			"--trust".into(),
			trust_arg.into(),
			"--at".into(),
			at.clone(),
		];
		if require {
			args.push("--require-sm2".into());
		}
		async move { dengji(&args.iter().map(String::as_str).collect::<Vec<_>>()).await }
	};
	let (exit, cli_doc) = offline(&bundle, true).await;
	assert_eq!((exit, &cli_doc["verdict"]), (0, &Value::from("valid")), "CLI offline: {cli_doc}");
	assert_eq!(cli_doc["algorithms"], serde_json::json!(["ed25519", "sm2-sm3"]));
	assert_eq!(cli_doc["certificate"]["sm2"]["sm3_digest"], Value::from(sm3_hex.clone()));
	// Negative: no co-signature, SM2 required → not valid, the failed check named (exit 4).
	let (exit, cli_err) = offline(&plain_bundle, true).await;
	assert_eq!(exit, 4, "{cli_err}");
	assert_eq!(cli_err["error"]["check"], "Sm2SignatureMissing", "{cli_err}");
	let (exit, cli_plain) = offline(&plain_bundle, false).await;
	assert_eq!((exit, &cli_plain["verdict"]), (0, &Value::from("valid")), "{cli_plain}");

	// (b) Java.
	if let Some((javac, java)) = jdk() {
		let classes = compile_java(&javac, work);
		let (typed, json) = java_check(&java, &classes, work, &bundle, &trust_file, now, true);
		let get = |k: &str| typed.get(k).map(String::as_str);
		assert_eq!(get("verdict"), Some("valid"), "{typed:?}");
		assert_eq!(get("valid"), Some("true"));
		assert_eq!(get("code"), Some(code.as_str()));
		assert_eq!(get("algorithms"), Some("ed25519,sm2-sm3"));
		assert_eq!(get("sm3_digest"), Some(sm3_hex.as_str()));
		assert_eq!(get("certificate.sm2_signature"), Some("true"));
		let sm2_public = dengji_client::rpc::to_hex(&sm2_key.public());
		assert_eq!(get("certificate.sm2_key"), Some(sm2_public.as_str()));
		assert_eq!(get("certificate.sm3_digest"), Some(sm3_hex.as_str()));
		assert_eq!(get("certificate.algorithms"), Some("ed25519,sm2-sm3"));
		assert_eq!(get("issuer.sm2_key"), Some(sm2_public.as_str()));
		// verifyJson: the document the CLI printed offline for the same bundle, policy and time.
		assert_eq!(json, cli_doc, "Java verifyJson vs dengji --json cert verify --bundle");
		let (typed, json) =
			java_check(&java, &classes, work, &plain_bundle, &trust_file, now, true);
		assert_eq!(
			typed.get("error").map(String::as_str),
			Some("Sm2SignatureMissing"),
			"{typed:?}"
		);
		assert!(!typed.contains_key("verdict"), "{typed:?}");
		assert_eq!(json["error"]["check"], "Sm2SignatureMissing", "{json}");
		let (typed, _) = java_check(&java, &classes, work, &plain_bundle, &trust_file, now, false);
		assert_eq!(typed.get("verdict").map(String::as_str), Some("valid"), "{typed:?}");
		assert_eq!(typed.get("certificate.sm2_signature").map(String::as_str), Some("false"));
	}

	// (c) The browser build under Node.js.
	if let Some(handle) = wasm_build {
		let out = handle.join().expect("build thread");
		assert!(out.status.success(), "build.sh failed:\n{}", String::from_utf8_lossy(&out.stderr));
		let doc = wasm_check(&wasm_dir, &bundle, &trust_file, now, true);
		assert_eq!(doc["verdict"], "valid", "{doc}");
		assert_eq!(doc["valid"], true);
		assert_eq!(doc["algorithms"], serde_json::json!(["ed25519", "sm2-sm3"]), "{doc}");
		assert_eq!(doc["sm3_digest"], Value::from(sm3_hex.clone()));
		assert_eq!(doc, cli_doc, "browser module vs dengji --json cert verify --bundle");
		let doc = wasm_check(&wasm_dir, &plain_bundle, &trust_file, now, true);
		assert_eq!(doc["error"]["check"], "Sm2SignatureMissing", "{doc}");
		assert!(doc.get("verdict").is_none(), "{doc}");
		let doc = wasm_check(&wasm_dir, &plain_bundle, &trust_file, now, false);
		assert_eq!(doc["verdict"], "valid", "{doc}");
	}
	eprintln!(
		"sm2_network: co-signed {cosigned} Valid with SM2 required (CLI online/offline, Java, wasm); \
		 plain {plain} refused (Sm2SignatureMissing); wall time {:.1}s",
		started.elapsed().as_secs_f64()
	);
}
