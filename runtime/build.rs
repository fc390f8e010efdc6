fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
		// The same runtime with the next `spec_version`, for the runtime-upgrade test on a
		// running network: `wbuild/medchain-runtime/medchain_runtime_upgrade_test.compact.
		// compressed.wasm`. Nothing includes it.
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("upgrade-test")
			.set_file_name("medchain_runtime_upgrade_test")
			.build();
	}
}
