#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// `CheckMetadataHash` then commits to the metadata (RFC-0078, offline signers). No token: the
	// symbol and decimals are placeholders that wallets show for the nonexistent balance.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("DJ", 0)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
