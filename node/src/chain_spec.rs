//! Chain specifications built from the runtime's genesis presets.

use sc_service::ChainType;

/// MedChain's chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

fn wasm() -> Result<&'static [u8], String> {
	medchain_runtime::WASM_BINARY.ok_or_else(|| {
		"the runtime WASM binary is not available; build without SKIP_WASM_BUILD".into()
	})
}

fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("ss58Format".into(), 42.into());
	properties
}

/// One hospital, Alice: `--dev`.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("MedChain Development")
		.with_id("medchain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_protocol_id("medchain")
		.with_properties(properties())
		.build())
}

/// Four hospitals, Alice, Bob, Charlie and Dave: `--chain local`.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("MedChain Local Consortium")
		.with_id("medchain_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_protocol_id("medchain")
		.with_properties(properties())
		.build())
}

/// A consortium's own chain, from `medchain-node consortium init`: `Live`, with the genesis
/// patch and boot nodes made from the founders' file.
pub fn consortium_chain_spec(
	name: &str,
	id: &str,
	genesis_patch: serde_json::Value,
	boot_nodes: Vec<sc_network::config::MultiaddrWithPeerId>,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(ChainType::Live)
		.with_genesis_config_patch(genesis_patch)
		.with_boot_nodes(boot_nodes)
		.with_protocol_id(id)
		.with_properties(properties())
		.build())
}
