/// The wasm build is a separate cargo workspace under the target directory; point it at this
/// workspace so it uses the committed `Cargo.lock` (same crate versions as the native build)
/// even when `CARGO_TARGET_DIR` lies outside the repository.
#[cfg(feature = "std")]
fn hint_workspace() {
	if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
		// Read at run time: a build script compiled for another checkout that shares the target
		// directory must not point the wasm build at that checkout.
		let Some(manifest_dir) =
			std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from)
		else {
			return;
		};
		if let Some(root) = manifest_dir.parent() {
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", root);
		}
	}
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	hint_workspace();
	// `CheckMetadataHash` then commits to the metadata (RFC-0078, offline signers). No token: the
	// symbol and decimals are placeholders that wallets show for the nonexistent balance.
	substrate_wasm_builder::WasmBuilder::init_with_defaults().enable_metadata_hash("DJ", 0).build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	hint_workspace();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
