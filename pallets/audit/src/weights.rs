//! Weights for `pallet_audit`, generated from its benchmarks by `medchain-node benchmark pallet`
//! (benchmark CLI 64.0.0) on 2026-12-04.
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

/// Weight functions needed for `pallet_audit`.
pub trait WeightInfo {
	fn anchor(n: u32, ) -> Weight;
}

/// Weights for `pallet_audit` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Anchors` (r:1 w:1)
	/// Proof: `Audit::Anchors` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 1024]`.
	fn anchor(n: u32, ) -> Weight {
		// Proof size (bytes): measured `393`, estimated `3548`.
		// Minimum execution time: 17_627_000 picoseconds.
		Weight::from_parts(18_023_727, 3548)
			.saturating_add(Weight::from_parts(224_269, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn anchor(n: u32, ) -> Weight {
		Weight::from_parts(18_023_727, 3548)
			.saturating_add(Weight::from_parts(224_269, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
