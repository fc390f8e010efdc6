//! Weights for `pallet_records`, generated from its benchmarks by `medchain-node benchmark pallet`
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

/// Weight functions needed for `pallet_records`.
pub trait WeightInfo {
	fn grant_consent() -> Weight;
	fn revoke_consent() -> Weight;
	fn add_record() -> Weight;
}

/// Weights for `pallet_records` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:0 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn grant_consent() -> Weight {
		// Proof size (bytes): measured `175`, estimated `3556`.
		// Minimum execution time: 30_820_000 picoseconds.
		Weight::from_parts(52_429_000, 3556)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn revoke_consent() -> Weight {
		// Proof size (bytes): measured `195`, estimated `3600`.
		// Minimum execution time: 27_225_000 picoseconds.
		Weight::from_parts(48_170_000, 3600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:0 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	fn add_record() -> Weight {
		// Proof size (bytes): measured `467`, estimated `6122`.
		// Minimum execution time: 55_853_000 picoseconds.
		Weight::from_parts(98_884_000, 6122)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn grant_consent() -> Weight {
		Weight::from_parts(52_429_000, 3556)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(48_170_000, 3600)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn add_record() -> Weight {
		Weight::from_parts(98_884_000, 6122)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
