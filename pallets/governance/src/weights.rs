//! Weights for `pallet_governance`, generated from its benchmarks by `medchain-node benchmark pallet`
//! (benchmark CLI 64.0.0) on 2026-12-02.
//!
//! STEPS: `50`, REPEAT: `20`, CHAIN: `None`,
//! WASM-EXECUTION: `Compiled`, DB CACHE: `1024`
//! CPU: `AMD EPYC`
//!
//! These numbers hold for the CPU above only: a network re-runs `scripts/benchmark-weights.sh`
//! on its validators' hardware before it relies on them.
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
	/// Storage: `Governance::CounterForScheduled` (r:1 w:1)
	/// Proof: `Governance::CounterForScheduled` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Governance::NextId` (r:1 w:1)
	/// Proof: `Governance::NextId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Governance::Delay` (r:1 w:0)
	/// Proof: `Governance::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Governance::Agenda` (r:1 w:1)
	/// Proof: `Governance::Agenda` (`max_values`: None, `max_size`: Some(29), added: 2504, mode: `MaxEncodedLen`)
	/// Storage: `Governance::Scheduled` (r:1 w:1)
	/// Proof: `Governance::Scheduled` (`max_values`: None, `max_size`: Some(65608), added: 68083, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[16, 65520]`.
	fn schedule(l: u32, ) -> Weight {
		// Proof size (bytes): measured `299`, estimated `69073`.
		// Minimum execution time: 25_929_000 picoseconds.
		Weight::from_parts(26_152_711, 69073)
			.saturating_add(Weight::from_parts(2_024, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Governance::Scheduled` (r:1 w:1)
	/// Proof: `Governance::Scheduled` (`max_values`: None, `max_size`: Some(65608), added: 68083, mode: `MaxEncodedLen`)
	/// Storage: `Governance::CounterForScheduled` (r:1 w:1)
	/// Proof: `Governance::CounterForScheduled` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Governance::Agenda` (r:1 w:1)
	/// Proof: `Governance::Agenda` (`max_values`: None, `max_size`: Some(29), added: 2504, mode: `MaxEncodedLen`)
	fn cancel() -> Weight {
		// Proof size (bytes): measured `239`, estimated `69073`.
		// Minimum execution time: 18_087_000 picoseconds.
		Weight::from_parts(19_669_000, 69073)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn schedule(l: u32, ) -> Weight {
		Weight::from_parts(26_152_711, 69073)
			.saturating_add(Weight::from_parts(2_024, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(19_669_000, 69073)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
}
