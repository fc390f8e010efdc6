//! Weights for `pallet_roles`, generated from its benchmarks by `medchain-node benchmark pallet`
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

/// Weight functions needed for `pallet_roles`.
pub trait WeightInfo {
	fn register_hospital() -> Weight;
	fn rename_hospital() -> Weight;
	fn deactivate_hospital() -> Weight;
	fn reactivate_hospital() -> Weight;
	fn appoint_admin() -> Weight;
	fn dismiss_admin() -> Weight;
	fn assign_role() -> Weight;
	fn revoke_role() -> Weight;
	fn register_patient() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn set_encryption_key() -> Weight;
	fn accept_role() -> Weight;
	fn suspend_affiliation() -> Weight;
	fn reinstate_affiliation() -> Weight;
}

/// Weights for `pallet_roles` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::NextHospitalId` (r:1 w:1)
	/// Proof: `Roles::NextHospitalId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:0 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn register_hospital() -> Weight {
		// Proof size (bytes): measured `411`, estimated `3556`.
		// Minimum execution time: 38_523_000 picoseconds.
		Weight::from_parts(66_801_000, 3556)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn rename_hospital() -> Weight {
		// Proof size (bytes): measured `128`, estimated `3548`.
		// Minimum execution time: 21_845_000 picoseconds.
		Weight::from_parts(37_694_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn deactivate_hospital() -> Weight {
		// Proof size (bytes): measured `128`, estimated `3548`.
		// Minimum execution time: 19_671_000 picoseconds.
		Weight::from_parts(33_742_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn reactivate_hospital() -> Weight {
		// Proof size (bytes): measured `128`, estimated `3548`.
		// Minimum execution time: 20_167_000 picoseconds.
		Weight::from_parts(36_647_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	fn appoint_admin() -> Weight {
		// Proof size (bytes): measured `683`, estimated `3556`.
		// Minimum execution time: 39_562_000 picoseconds.
		Weight::from_parts(65_602_000, 3556)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	fn dismiss_admin() -> Weight {
		// Proof size (bytes): measured `688`, estimated `3556`.
		// Minimum execution time: 42_973_000 picoseconds.
		Weight::from_parts(73_045_000, 3556)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	fn assign_role() -> Weight {
		// Proof size (bytes): measured `922`, estimated `6122`.
		// Minimum execution time: 48_379_000 picoseconds.
		Weight::from_parts(86_905_000, 6122)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	fn revoke_role() -> Weight {
		// Proof size (bytes): measured `927`, estimated `6122`.
		// Minimum execution time: 45_582_000 picoseconds.
		Weight::from_parts(83_653_000, 6122)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	fn register_patient() -> Weight {
		// Proof size (bytes): measured `922`, estimated `6122`.
		// Minimum execution time: 45_558_000 picoseconds.
		Weight::from_parts(76_954_000, 6122)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:8 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn suspend() -> Weight {
		// Proof size (bytes): measured `1203`, estimated `21454`.
		// Minimum execution time: 111_132_000 picoseconds.
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:8 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn reinstate() -> Weight {
		// Proof size (bytes): measured `1203`, estimated `21454`.
		// Minimum execution time: 100_368_000 picoseconds.
		Weight::from_parts(188_045_000, 21454)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::EncryptionKeys` (r:0 w:1)
	/// Proof: `Roles::EncryptionKeys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn set_encryption_key() -> Weight {
		// Proof size (bytes): measured `0`, estimated `0`.
		// Minimum execution time: 35_049_000 picoseconds.
		Weight::from_parts(61_256_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn accept_role() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn suspend_affiliation() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn reinstate_affiliation() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_hospital() -> Weight {
		Weight::from_parts(66_801_000, 3556)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn rename_hospital() -> Weight {
		Weight::from_parts(37_694_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn deactivate_hospital() -> Weight {
		Weight::from_parts(33_742_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reactivate_hospital() -> Weight {
		Weight::from_parts(36_647_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn appoint_admin() -> Weight {
		Weight::from_parts(65_602_000, 3556)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn dismiss_admin() -> Weight {
		Weight::from_parts(73_045_000, 3556)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn assign_role() -> Weight {
		Weight::from_parts(86_905_000, 6122)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn revoke_role() -> Weight {
		Weight::from_parts(83_653_000, 6122)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn register_patient() -> Weight {
		Weight::from_parts(76_954_000, 6122)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reinstate() -> Weight {
		Weight::from_parts(188_045_000, 21454)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(61_256_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn accept_role() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(ParityDbWeight::get().reads(11_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn suspend_affiliation() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn reinstate_affiliation() -> Weight {
		Weight::from_parts(192_317_000, 21454)
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
