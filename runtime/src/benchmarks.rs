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
