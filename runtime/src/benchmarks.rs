//! The pallets whose benchmarks the node's `benchmark pallet` command runs.

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::Pallet as SystemBench;

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_roles, Roles]
	[pallet_records, Records]
	[pallet_validator_set, ValidatorSet]
);

/// Real sr25519 co-signatures for the records benchmarks, made with a key in the benchmark
/// keystore.
pub struct RecordsBenchmarkHelper;

/// Key type of the benchmark signing key.
const BENCHMARK_KEY: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"mcbn");

impl pallet_records::BenchmarkHelper<crate::AccountId, crate::Signature>
	for RecordsBenchmarkHelper
{
	fn signer() -> crate::AccountId {
		sp_io::crypto::sr25519_generate(BENCHMARK_KEY, Some(b"//MedChainPatient".to_vec())).into()
	}

	fn sign(signer: &crate::AccountId, message: &[u8]) -> crate::Signature {
		let public = sp_core::sr25519::Public::from_raw(*signer.as_ref());
		sp_io::crypto::sr25519_sign(BENCHMARK_KEY, &public, message)
			.expect("the signer's key is in the keystore")
			.into()
	}
}
