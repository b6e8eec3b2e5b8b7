//! Builds the browser module with `build.sh` (cargo, wasm32-unknown-unknown, release) into a
//! temporary directory and runs `tests/node.test.mjs` on it with `node --test`: every checked-in
//! vector through the real .wasm and the hand-written ES module.
//!
//! Skipped, with a message, when `node` is absent and `DENGJI_REQUIRE_NODE` is unset.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{path::PathBuf, process::Command};

fn manifest_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn built_module_verifies_every_vector_under_node() {
	if Command::new("node").arg("--version").output().is_err() {
		if std::env::var_os("DENGJI_REQUIRE_NODE").is_some() {
			panic!("node not found and DENGJI_REQUIRE_NODE is set");
		}
		eprintln!("SKIPPED: node not found (DENGJI_REQUIRE_NODE=1 makes this an error)");
		return;
	}
	let dir = manifest_dir();
	let out = std::env::temp_dir().join(format!("dengji-verify-wasm-test-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&out);
	let build = Command::new(dir.join("build.sh")).arg(&out).output().unwrap();
	assert!(build.status.success(), "build.sh failed:\n{}", String::from_utf8_lossy(&build.stderr));
	eprint!("{}", String::from_utf8_lossy(&build.stderr));
	let wasm = std::fs::metadata(out.join("dengji_verify_wasm.wasm")).unwrap().len();
	assert!(wasm > 0 && wasm < 2 * 1024 * 1024, "module of {wasm} bytes");

	let test = Command::new("node")
		.arg("--test")
		.arg(dir.join("tests/node.test.mjs"))
		.env("DENGJI_WASM_DIR", &out)
		.env("DENGJI_VECTORS", dir.join("../verify/tests/vectors/bundles.json"))
		.output()
		.unwrap();
	let stdout = String::from_utf8_lossy(&test.stdout);
	assert!(
		test.status.success(),
		"node --test failed:\n{stdout}\n{}",
		String::from_utf8_lossy(&test.stderr)
	);
	assert!(stdout.contains("# fail 0"), "{stdout}");
	eprintln!("{stdout}");
	let _ = std::fs::remove_dir_all(&out);
}
