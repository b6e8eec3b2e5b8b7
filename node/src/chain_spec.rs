//! Chain specifications built from the runtime's genesis presets.
//!
//! | `--chain` | preset | validators |
//! |---|---|---|
//! | `dev` | `development` | Alice (Yuxi 530400), sudo Alice |
//! | `local` | `local_testnet` | Alice, Bob, Charlie, Dave (Kunming, Yuxi, Hongta, Chengjiang); no sudo |
//!
//! Any other value is read as the path of a chain-spec JSON file.

use sc_service::ChainType;

/// Chain spec of this node (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Chain properties shown by wallets (no token exists).
pub(crate) fn properties() -> sc_chain_spec::Properties {
	let mut p = sc_chain_spec::Properties::new();
	// No token exists; wallets still ask for a symbol and decimals.
	p.insert("tokenSymbol".into(), "DJ".into());
	p.insert("tokenDecimals".into(), 0.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	dengji_runtime::WASM_BINARY.ok_or_else(|| {
		"the runtime wasm is not available: rebuild without SKIP_WASM_BUILD".to_string()
	})
}

/// `--dev`: a single validator and short working days.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Dengji Development")
		.with_id("dengji_dev")
		.with_protocol_id("dengji-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(dengji_runtime::genesis_config_presets::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: the four-institution test network of `scripts/local-network.sh`.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Dengji Local Testnet")
		.with_id("dengji_local")
		.with_protocol_id("dengji-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(
			dengji_runtime::genesis_config_presets::LOCAL_TESTNET_RUNTIME_PRESET,
		)
		.with_properties(properties())
		.build())
}
