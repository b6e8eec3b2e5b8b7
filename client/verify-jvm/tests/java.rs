//! The Java binding end to end (issue 14 §1): compiles `java/` and `tests/java/VerifierTest.java`
//! with `javac`, runs every checked-in bundle vector (`client/verify/tests/vectors`, binary and
//! JSON forms) through `cn.dengji.verify.Verifier` in a JVM that loads this crate's cdylib, and
//! compares each verdict, fact and failed check, and each `verifyJson` document byte for byte,
//! with the Rust core's. The Java program also checks null, negative and oversized arguments and
//! verifies from 8 threads at once.
//!
//! Skipped, with a message, when `javac` is absent and `DENGJI_REQUIRE_JDK` is unset
//! (`scripts/test.sh` sets it; `scripts/setup.sh` installs the JDK).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use dengji_verify::report as document;
use dengji_verify::{Policy, UnixTimeMs, Verdict};
use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::Command,
};

fn manifest_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// `javac` and `java`: from `JAVA_HOME` if set, else from `PATH`.
fn jdk() -> Option<(PathBuf, PathBuf)> {
	let from = |dir: PathBuf| {
		let (javac, java) = (dir.join("javac"), dir.join("java"));
		(javac.is_file() && java.is_file()).then_some((javac, java))
	};
	if let Some(home) = std::env::var_os("JAVA_HOME") {
		if let Some(found) = from(PathBuf::from(home).join("bin")) {
			return Some(found);
		}
	}
	std::env::split_paths(&std::env::var_os("PATH")?).find_map(from)
}

/// This crate's cdylib, built by cargo beside the test binary (`target/<profile>/`).
fn cdylib() -> PathBuf {
	let name = format!(
		"{}dengji_verify_jvm{}",
		std::env::consts::DLL_PREFIX,
		std::env::consts::DLL_SUFFIX
	);
	let exe = std::env::current_exe().unwrap();
	let deps = exe.parent().unwrap();
	// The newer of target/debug/ (cargo build) and target/debug/deps/ (cargo test builds the
	// cdylib there): the other may be left over from an older build.
	[deps.parent().unwrap().join(&name), deps.join(&name)]
		.into_iter()
		.filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
		.max()
		.map(|(_, p)| p)
		.unwrap_or_else(|| panic!("{name} not found beside {}", deps.display()))
}

fn unhex(s: &str) -> Vec<u8> {
	hex::decode(s.trim_start_matches("0x")).unwrap()
}

/// Compiles the Java sources and the test program into `work/classes`.
pub fn javac(javac: &Path, work: &Path, extra: &[PathBuf]) -> PathBuf {
	let classes = work.join("classes");
	std::fs::create_dir_all(&classes).unwrap();
	let src = manifest_dir().join("java/cn/dengji/verify");
	let mut sources: Vec<PathBuf> = std::fs::read_dir(&src)
		.unwrap()
		.map(|e| e.unwrap().path())
		.filter(|p| p.extension().is_some_and(|x| x == "java"))
		.collect();
	sources.extend_from_slice(extra);
	let out = Command::new(javac)
		.args(["--release", "8", "-Xlint:-options", "-encoding", "UTF-8", "-d"])
		.arg(&classes)
		.args(&sources)
		.output()
		.unwrap();
	assert!(out.status.success(), "javac failed:\n{}", String::from_utf8_lossy(&out.stderr));
	classes
}

#[test]
fn vectors_through_java_match_the_rust_core() {
	let Some((javac_bin, java)) = jdk() else {
		if std::env::var_os("DENGJI_REQUIRE_JDK").is_some() {
			panic!("javac not found and DENGJI_REQUIRE_JDK is set: run scripts/setup.sh");
		}
		eprintln!("SKIPPED: javac not found (install a JDK: scripts/setup.sh; DENGJI_REQUIRE_JDK=1 makes this an error)");
		return;
	};
	let lib = cdylib();
	let work = std::env::temp_dir().join(format!("dengji-verify-jvm-test-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&work);
	std::fs::create_dir_all(&work).unwrap();

	// Inputs for Java, and what the Rust core says about each.
	let path = manifest_dir().join("../verify/tests/vectors/bundles.json");
	let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
	let mut cases = String::new();
	let mut expected = Vec::new();
	for (i, b) in vectors["bundles"].as_array().unwrap().iter().enumerate() {
		let name = b["name"].as_str().unwrap().to_string();
		let trust = b["trust_root"].to_string();
		let policy: Policy = serde_json::from_value(b["policy"].clone()).unwrap();
		let now = b["now_ms"].as_u64().unwrap();
		// Java's long: u64::MAX (any age) becomes Long.MAX_VALUE, the same for any real clock.
		let max_age = policy.max_age_ms.min(i64::MAX as u64);
		let require_sm2 = policy.require_sm2;
		let policy = Policy { max_age_ms: max_age, require_sm2 };
		std::fs::write(work.join(format!("{i}.trust")), &trust).unwrap();
		let forms = [
			("binary", unhex(b["bundle_binary"].as_str().unwrap())),
			("json", b["bundle"].to_string().into_bytes()),
		];
		for (form, bytes) in forms {
			let file = format!("{i}.{form}");
			std::fs::write(work.join(&file), &bytes).unwrap();
			cases.push_str(&format!(
				"{name}\t{form}\t{now}\t{max_age}\t{file}\t{i}.trust\t{require_sm2}\n"
			));
			let rust =
				document::verify_bytes(&bytes, &trust, UnixTimeMs::from_millis(now), &policy);
			// The core agrees with the vectors file.
			match (&rust, &b["expected"]["error"]) {
				(Ok(v), Value::Null) => assert_eq!(
					v.verdict,
					serde_json::from_value::<Verdict>(b["expected"]["verdict"].clone()).unwrap(),
					"{name}"
				),
				(Err(e), Value::String(kind)) => {
					assert_eq!(&document::check_name(e), kind, "{name}")
				}
				(got, want) => panic!("{name}: core gave {got:?}, vectors file expects {want}"),
			}
			let json =
				document::verify_to_json(&bytes, &trust, UnixTimeMs::from_millis(now), &policy);
			expected.push((name.clone(), form, rust, json));
		}
	}
	std::fs::write(work.join("cases.tsv"), cases).unwrap();

	let classes = javac(&javac_bin, &work, &[manifest_dir().join("tests/java/VerifierTest.java")]);
	let out = Command::new(&java)
		.arg(format!("-Ddengji.verify.library={}", lib.display()))
		.arg("-Xcheck:jni")
		.arg("-cp")
		.arg(&classes)
		.arg("VerifierTest")
		.arg(&work)
		.output()
		.unwrap();
	let stdout = String::from_utf8_lossy(&out.stdout);
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(out.status.success(), "java failed:\n{stdout}\n{stderr}");
	// -Xcheck:jni reports misuse as warnings on stderr.
	assert!(!stderr.contains("WARNING in native method"), "JNI misuse:\n{stderr}");
	eprintln!("{stdout}");

	let results = std::fs::read_to_string(work.join("results.tsv")).unwrap();
	let lines: Vec<&str> = results.lines().collect();
	assert_eq!(lines.len(), expected.len());
	let mut verdicts = 0;
	for (line, (name, form, rust, json)) in lines.iter().zip(&expected) {
		let f: Vec<&str> = line.split('\t').collect();
		assert_eq!((f[0], f[1]), (name.as_str(), *form));
		// verifyJson: the same document, byte for byte.
		let java_json =
			std::fs::read_to_string(work.join("json").join(format!("{name}.{form}.json"))).unwrap();
		assert_eq!(&java_json, json, "{name} ({form}): verifyJson");
		// verify: the same verdict and facts, or the same failed check and message.
		match rust {
			Ok(v) => {
				let (time, detail) = match v.verdict {
					Verdict::Expired { valid_until } => ((Some(valid_until), None), None),
					Verdict::Superseded { by, at } => ((None, Some(at)), Some(by.to_string())),
					Verdict::Cancelled { reason, at } => {
						((None, Some(at)), Some(format!("{reason:?}")))
					}
					Verdict::Revoked { ground, at } => {
						((None, Some(at)), Some(format!("{ground:?}")))
					}
					_ => ((None, None), None),
				};
				let show = |x: Option<String>| x.unwrap_or_else(|| "null".into());
				let detail_for = |want: bool| show(if want { detail.clone() } else { None });
				let cert = v.certificate.as_ref().map_or("-".to_string(), |c| {
					format!(
						"{}/{}/{}/{}/{}/{}/{}",
						c.body.code,
						c.body.registration,
						c.body.issuer.get(),
						c.body.valid_until,
						document::certificate_json(c)["status"]
							.as_object()
							.and_then(|m| m.keys().next().cloned())
							.or_else(|| document::certificate_json(c)["status"]
								.as_str()
								.map(Into::into))
							.unwrap(),
						String::from_utf8_lossy(&c.body.data_name),
						document::to_hex(&c.signature)
					)
				});
				// The certificate's SM2 getters (issue 14 §2): co-signed, key, signature, stored
				// SM3 digest, algorithms checked.
				let algorithms = v.algorithms.names().collect::<Vec<_>>().join(",");
				let sm2 = v.certificate.as_ref().map_or("-".to_string(), |c| {
					let cosig = c.sm2.as_ref();
					format!(
						"{}/{}/{}/{}/{algorithms}",
						cosig.is_some(),
						show(cosig.map(|s| document::to_hex(s.key.as_ref()))),
						show(cosig.map(|s| document::to_hex(s.signature.as_ref()))),
						show(cosig.map(|s| document::to_hex(&s.sm3_digest))),
					)
				});
				let issuer = v.issuer.as_ref().map_or("-".to_string(), |i| {
					format!(
						"{}/{}/{}/{}",
						i.division.get(),
						String::from_utf8_lossy(&i.name),
						document::to_hex(&i.signing_key),
						show(i.sm2_key.as_ref().map(|k| document::to_hex(k.as_ref()))),
					)
				});
				let want = [
					format!("verdict:{}", document::verdict_name(&v.verdict)),
					v.code.to_string(),
					document::to_hex(&v.block_hash),
					v.block_number.to_string(),
					v.set_id.to_string(),
					v.finalized_at.to_string(),
					show(time.0.map(|t| t.to_string())),
					show(time.1.map(|t| t.to_string())),
					detail_for(matches!(v.verdict, Verdict::Superseded { .. })),
					detail_for(matches!(v.verdict, Verdict::Cancelled { .. })),
					detail_for(matches!(v.verdict, Verdict::Revoked { .. })),
					cert,
					sm2,
					issuer,
					algorithms.clone(),
					show(v.sm3_digest.map(|d| document::to_hex(&d))),
				];
				assert_eq!(
					f[2..],
					want.iter().map(String::as_str).collect::<Vec<_>>()[..],
					"{name} ({form})"
				);
				verdicts += 1;
			}
			Err(e) => {
				let want = [format!("error:{}", document::check_name(e)), e.to_string()];
				assert_eq!(
					f[2..],
					want.iter().map(String::as_str).collect::<Vec<_>>()[..],
					"{name} ({form})"
				);
			}
		}
	}
	assert!(verdicts >= 10, "only {verdicts} verdicts");
	let _ = std::fs::remove_dir_all(&work);
}
