//! Command line of `medchain-node`.

/// Sub-commands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys, generate and inspect node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: `pallet` (needs a build with `--features runtime-benchmarks`), `storage`,
	/// `block`, `machine`.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Write the runtime's metadata (V15, SCALE-encoded), as clients such as subxt read it.
	ExportMetadata(ExportMetadataCmd),

	/// A consortium's own chain: `consortium init --config consortium.toml`.
	#[command(subcommand)]
	Consortium(crate::consortium::ConsortiumCmd),
}

/// Arguments of `export-metadata`.
#[derive(Debug, clap::Args)]
pub struct ExportMetadataCmd {
	/// File to write.
	#[arg(long, short)]
	pub output: std::path::PathBuf,
}

/// The metadata version clients are generated from.
pub const METADATA_VERSION: u32 = 15;

/// The runtime's metadata as a SCALE-encoded `RuntimeMetadataPrefixed`.
pub fn runtime_metadata() -> Vec<u8> {
	medchain_runtime::Runtime::metadata_at_version(METADATA_VERSION)
		.expect("the runtime provides metadata V15")
		.to_vec()
}

/// `medchain-node` arguments.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Start a validator even though its chain's authorities or its node key are public
	/// development keys and it listens beyond loopback: for test networks only.
	#[arg(long)]
	pub allow_public_dev_keys: bool,
}

#[cfg(test)]
mod tests {
	/// The metadata the client library is generated from must be this runtime's: regenerate it
	/// with `scripts/update-metadata.sh` after changing the runtime.
	#[test]
	fn client_metadata_matches_the_runtime() {
		let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
			.join("../client/metadata/medchain.scale");
		let stored = std::fs::read(&path).expect("client/metadata/medchain.scale exists");
		assert!(
			stored == super::runtime_metadata(),
			"client/metadata/medchain.scale is out of date: run scripts/update-metadata.sh"
		);
	}
}
