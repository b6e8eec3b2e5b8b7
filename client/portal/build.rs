//! Builds the in-browser verifier (`client/verify-wasm`, crate `dengji-verify-wasm`) for
//! `wasm32-unknown-unknown` and leaves `dengji_verify_wasm.wasm` in `OUT_DIR`, where
//! `src/pages/assets.rs` embeds it: `cargo build --workspace` on a fresh machine gives a portal
//! whose certificate pages verify in the browser (issue 13).
//!
//! Like polkadot-sdk's wasm builder, the nested `cargo build` uses its own target directory inside
//! this build's (`<target>/<profile>/wbuild/dengji-verify-wasm`), so it never waits for the lock
//! the outer build holds; it is a size-tuned release build (LTO, one codegen unit, stripped, as
//! `client/verify-wasm/build.sh`), then `wasm-opt -Oz` when binaryen is installed.
//!
//! `DENGJI_VERIFY_WASM=<path>` embeds a module built elsewhere instead (e.g. by `build.sh`).

use std::{
	env,
	path::{Path, PathBuf},
	process::Command,
};

fn main() {
	let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
	let root = manifest.join("../..").canonicalize().expect("workspace root");
	let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
	let dest = out.join("dengji_verify_wasm.wasm");
	for p in [
		"client/verify-wasm/src",
		"client/verify-wasm/Cargo.toml",
		"client/verify/src",
		"client/verify/Cargo.toml",
		"pallets/primitives/src",
		"pallets/primitives/Cargo.toml",
		"Cargo.lock",
	] {
		println!("cargo:rerun-if-changed={}", root.join(p).display());
	}
	println!("cargo:rerun-if-env-changed=DENGJI_VERIFY_WASM");

	if let Ok(prebuilt) = env::var("DENGJI_VERIFY_WASM") {
		std::fs::copy(&prebuilt, &dest)
			.unwrap_or_else(|e| panic!("DENGJI_VERIFY_WASM={prebuilt}: {e}"));
		return;
	}

	// OUT_DIR = <target>/<profile>/build/dengji-portal-<hash>/out
	let profile_dir = out.ancestors().nth(3).expect("OUT_DIR inside the target directory");
	let target_dir = profile_dir.join("wbuild").join("dengji-verify-wasm");
	let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
	let mut cmd = Command::new(cargo);
	cmd.current_dir(&root)
		.args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown"])
		.args(["-p", "dengji-verify-wasm", "--target-dir"])
		.arg(&target_dir)
		.env("CARGO_PROFILE_RELEASE_LTO", "true")
		.env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1")
		.env("CARGO_PROFILE_RELEASE_STRIP", "true")
		// The outer build's settings are not the wasm build's.
		.env_remove("CARGO_ENCODED_RUSTFLAGS")
		.env_remove("RUSTFLAGS")
		.env_remove("RUSTC_WORKSPACE_WRAPPER")
		.env_remove("CARGO_TARGET_DIR")
		.env_remove("CARGO_BUILD_TARGET");
	let status = cmd.status().expect("running cargo for the wasm verifier");
	assert!(
		status.success(),
		"building dengji-verify-wasm for wasm32-unknown-unknown failed ({status}); \
		 `rustup target add wasm32-unknown-unknown` (scripts/setup.sh does)"
	);
	let built = target_dir.join("wasm32-unknown-unknown/release/dengji_verify_wasm.wasm");
	optimise(&built, &dest);
}

const WASM_FEATURES: &[&str] = &[
	"--enable-bulk-memory",
	"--enable-sign-ext",
	"--enable-nontrapping-float-to-int",
	"--enable-mutable-globals",
];

/// `wasm-opt -Oz` when binaryen is installed, else a copy.
fn optimise(from: &Path, to: &Path) {
	let tmp = to.with_extension("opt.wasm");
	// The features rustc's wasm32 target emits (binaryen 108, Debian 12, assumes the MVP).
	let optimised = Command::new("wasm-opt")
		.args(["-Oz", "--strip-debug"])
		.args(WASM_FEATURES)
		.arg(from)
		.arg("-o")
		.arg(&tmp)
		.stdout(std::process::Stdio::null())
		.stderr(std::process::Stdio::null())
		.status()
		.is_ok_and(|s| s.success());
	if optimised {
		std::fs::rename(&tmp, to).expect("moving the optimised module");
	} else {
		std::fs::copy(from, to).expect("copying the wasm module");
	}
}
