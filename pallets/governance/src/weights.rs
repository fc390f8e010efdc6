//! Weights for `pallet_governance`: NOT yet generated. These are first estimates (the storage accesses of
//! the benchmarked path with ParityDB's costs, and a compute allowance) until
//! `scripts/benchmark-weights.sh pallet_governance` replaces this file with measured values from the
//! benchmarks in `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_governance`.
pub trait WeightInfo {
	fn schedule(l: u32, ) -> Weight;
	fn cancel() -> Weight;
}

/// Weights for `pallet_governance` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn schedule(l: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn schedule(l: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
}
