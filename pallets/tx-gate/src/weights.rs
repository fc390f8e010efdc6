//! Weights for `pallet_tx_gate`: NOT yet generated. These are first estimates (the storage accesses of
//! the benchmarked path with ParityDB's costs, and a compute allowance) until
//! `scripts/benchmark-weights.sh pallet_tx_gate` replaces this file with measured values from the
//! benchmarks in `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_tx_gate`.
pub trait WeightInfo {
	fn check_access() -> Weight;
}

/// Weights for `pallet_tx_gate` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::Members` (r:1 w:0), `Roles::Hospitals` (r:8 w:0),
	/// `CouncilMembership::Members` (r:1 w:0), `ValidatorSet::Validators` (r:1 w:0),
	/// `TxGate::Usage` (r:1 w:1), `TxGate::GroupUsage` (r:1 w:1)
	fn check_access() -> Weight {
		Weight::from_parts(40_000_000, 12000)
			.saturating_add(T::DbWeight::get().reads(13_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For tests: the same weights with the reference database weights.
impl WeightInfo for () {
	fn check_access() -> Weight {
		Weight::from_parts(40_000_000, 12000)
			.saturating_add(ParityDbWeight::get().reads(13_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
