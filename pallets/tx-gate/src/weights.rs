//! Weights for `pallet_tx_gate`, generated from its benchmarks by `medchain-node benchmark pallet`
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
