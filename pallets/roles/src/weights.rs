//! Weights for `pallet_roles`, generated from its benchmarks by `medchain-node benchmark pallet`
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
	fn accept_role() -> Weight;
	fn suspend_affiliation() -> Weight;
	fn reinstate_affiliation() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn set_encryption_key() -> Weight;
	fn set_hospital_services() -> Weight;
}

/// Weights for `pallet_roles` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::NextHospitalId` (r:1 w:1)
	/// Proof: `Roles::NextHospitalId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:0 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn register_hospital() -> Weight {
		// Proof size (bytes): measured `452`, estimated `3569`.
		// Minimum execution time: 17_536_000 picoseconds.
		Weight::from_parts(19_299_000, 3569)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn rename_hospital() -> Weight {
		// Proof size (bytes): measured `161`, estimated `3548`.
		// Minimum execution time: 9_484_000 picoseconds.
		Weight::from_parts(10_336_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn deactivate_hospital() -> Weight {
		// Proof size (bytes): measured `161`, estimated `3548`.
		// Minimum execution time: 8_983_000 picoseconds.
		Weight::from_parts(9_804_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	fn reactivate_hospital() -> Weight {
		// Proof size (bytes): measured `161`, estimated `3548`.
		// Minimum execution time: 8_603_000 picoseconds.
		Weight::from_parts(9_715_000, 3548)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn appoint_admin() -> Weight {
		// Proof size (bytes): measured `724`, estimated `3569`.
		// Minimum execution time: 18_799_000 picoseconds.
		Weight::from_parts(23_295_000, 3569)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:1)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:1)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn dismiss_admin() -> Weight {
		// Proof size (bytes): measured `1007`, estimated `3569`.
		// Minimum execution time: 23_556_000 picoseconds.
		Weight::from_parts(26_270_000, 3569)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::HospitalRegistrations` (r:1 w:1)
	/// Proof: `Roles::HospitalRegistrations` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:1)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn assign_role() -> Weight {
		// Proof size (bytes): measured `1270`, estimated `6148`.
		// Minimum execution time: 33_831_000 picoseconds.
		Weight::from_parts(38_267_000, 6148)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:1)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn revoke_role() -> Weight {
		// Proof size (bytes): measured `1285`, estimated `6148`.
		// Minimum execution time: 24_537_000 picoseconds.
		Weight::from_parts(27_552_000, 6148)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::HospitalRegistrations` (r:1 w:1)
	/// Proof: `Roles::HospitalRegistrations` (`max_values`: None, `max_size`: Some(20), added: 2495, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:1)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn register_patient() -> Weight {
		// Proof size (bytes): measured `1270`, estimated `6148`.
		// Minimum execution time: 32_910_000 picoseconds.
		Weight::from_parts(36_515_000, 6148)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Roles::RoleOffers` (r:1 w:1)
	/// Proof: `Roles::RoleOffers` (`max_values`: None, `max_size`: Some(61), added: 2536, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:0)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn accept_role() -> Weight {
		// Proof size (bytes): measured `977`, estimated `3569`.
		// Minimum execution time: 21_873_000 picoseconds.
		Weight::from_parts(23_906_000, 3569)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn suspend_affiliation() -> Weight {
		// Proof size (bytes): measured `978`, estimated `6148`.
		// Minimum execution time: 19_139_000 picoseconds.
		Weight::from_parts(21_612_000, 6148)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn reinstate_affiliation() -> Weight {
		// Proof size (bytes): measured `978`, estimated `6148`.
		// Minimum execution time: 19_369_000 picoseconds.
		Weight::from_parts(21_402_000, 6148)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn suspend() -> Weight {
		// Proof size (bytes): measured `452`, estimated `3569`.
		// Minimum execution time: 11_938_000 picoseconds.
		Weight::from_parts(12_920_000, 3569)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Members` (r:1 w:1)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn reinstate() -> Weight {
		// Proof size (bytes): measured `452`, estimated `3569`.
		// Minimum execution time: 11_718_000 picoseconds.
		Weight::from_parts(12_579_000, 3569)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::EncryptionKeys` (r:0 w:1)
	/// Proof: `Roles::EncryptionKeys` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	fn set_encryption_key() -> Weight {
		// Proof size (bytes): measured `0`, estimated `0`.
		// Minimum execution time: 14_322_000 picoseconds.
		Weight::from_parts(15_543_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::ServiceAccounts` (r:1 w:2)
	/// Proof: `Roles::ServiceAccounts` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roles::HospitalServices` (r:1 w:1)
	/// Proof: `Roles::HospitalServices` (`max_values`: None, `max_size`: Some(335), added: 2810, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:1)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn set_hospital_services() -> Weight {
		// Proof size (bytes): measured `1651`, estimated `6148`.
		// Minimum execution time: 46_830_000 picoseconds.
		Weight::from_parts(50_165_000, 6148)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn register_hospital() -> Weight {
		Weight::from_parts(19_299_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn rename_hospital() -> Weight {
		Weight::from_parts(10_336_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn deactivate_hospital() -> Weight {
		Weight::from_parts(9_804_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reactivate_hospital() -> Weight {
		Weight::from_parts(9_715_000, 3548)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn appoint_admin() -> Weight {
		Weight::from_parts(23_295_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn dismiss_admin() -> Weight {
		Weight::from_parts(26_270_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn assign_role() -> Weight {
		Weight::from_parts(38_267_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn revoke_role() -> Weight {
		Weight::from_parts(27_552_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn register_patient() -> Weight {
		Weight::from_parts(36_515_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn accept_role() -> Weight {
		Weight::from_parts(23_906_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn suspend_affiliation() -> Weight {
		Weight::from_parts(21_612_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reinstate_affiliation() -> Weight {
		Weight::from_parts(21_402_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(12_920_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reinstate() -> Weight {
		Weight::from_parts(12_579_000, 3569)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(15_543_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_hospital_services() -> Weight {
		Weight::from_parts(50_165_000, 6148)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
}
