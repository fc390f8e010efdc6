//! Weights for `pallet_validator_set`, generated from its benchmarks by `medchain-node benchmark pallet`
//! (benchmark CLI 64.0.0) on 2026-11-23.
//!
//! STEPS: `20`, REPEAT: `10`, CHAIN: `None`,
//! WASM-EXECUTION: `Compiled`, DB CACHE: `1024`
//! CPU: `Intel(R) Xeon(R) Processor`
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

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator(n: u32, ) -> Weight;
	fn remove_validator(n: u32, ) -> Weight;
}

/// Weights for `pallet_validator_set` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(2050), added: 2545, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Changed` (r:0 w:1)
	/// Proof: `ValidatorSet::Changed` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 63]`.
	fn add_validator(n: u32, ) -> Weight {
		// Proof size (bytes): measured `33`, estimated `3535`.
		// Minimum execution time: 20_641_000 picoseconds.
		Weight::from_parts(34_930_042, 3535)
			.saturating_add(Weight::from_parts(98_475, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(2050), added: 2545, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorSet::Changed` (r:0 w:1)
	/// Proof: `ValidatorSet::Changed` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[2, 64]`.
	fn remove_validator(n: u32, ) -> Weight {
		// Proof size (bytes): measured `33`, estimated `3535`.
		// Minimum execution time: 19_562_000 picoseconds.
		Weight::from_parts(34_810_728, 3535)
			.saturating_add(Weight::from_parts(78_770, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn add_validator(n: u32, ) -> Weight {
		Weight::from_parts(34_930_042, 3535)
			.saturating_add(Weight::from_parts(98_475, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_validator(n: u32, ) -> Weight {
		Weight::from_parts(34_810_728, 3535)
			.saturating_add(Weight::from_parts(78_770, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
