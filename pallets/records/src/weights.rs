//! Weights for `pallet_records`, generated from its benchmarks by `medchain-node benchmark pallet`
//! (benchmark CLI 64.0.0) on 2026-11-24.
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
	fn grant_consent(k: u32, ) -> Weight;
	fn revoke_consent() -> Weight;
	fn add_record() -> Weight;
	fn rotate_scope_key(h: u32, ) -> Weight;
	fn share_record() -> Weight;
	fn unshare_record() -> Weight;
	fn cosigned_update() -> Weight;
	fn cosigned_delete() -> Weight;
	fn propose_change() -> Weight;
	fn approve_update() -> Weight;
	fn approve_delete() -> Weight;
	fn cancel_change() -> Weight;
	fn prune_expired_grant() -> Weight;
	fn invalidate_cosignatures() -> Weight;
}

/// Weights for `pallet_records` measured with the MedChain runtime, read and write costs taken from
/// the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:16 w:16)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:0 w:16)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// The range of component `k` is `[0, 16]`.
	fn grant_consent(k: u32, ) -> Weight {
		// Proof size (bytes): measured `1064`, estimated `6122`.
		// Minimum execution time: 57_978_000 picoseconds.
		Weight::from_parts(108_315_622, 6122)
			.saturating_add(Weight::from_parts(21_568_918, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2542).saturating_mul(k.into()))
	}
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:16 w:16)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:0 w:16)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	fn revoke_consent() -> Weight {
		// Proof size (bytes): measured `708`, estimated `41662`.
		// Minimum execution time: 196_736_000 picoseconds.
		Weight::from_parts(313_105_000, 41662)
			.saturating_add(T::DbWeight::get().reads(17_u64))
			.saturating_add(T::DbWeight::get().writes(33_u64))
	}
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:1 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:0 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	fn add_record() -> Weight {
		// Proof size (bytes): measured `814`, estimated `6122`.
		// Minimum execution time: 71_697_000 picoseconds.
		Weight::from_parts(118_665_000, 6122)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:1)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:32 w:32)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::EpochLinks` (r:0 w:1)
	/// Proof: `Records::EpochLinks` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// The range of component `h` is `[1, 32]`.
	fn rotate_scope_key(h: u32, ) -> Weight {
		// Proof size (bytes): measured `541`, estimated `3556`.
		// Minimum execution time: 52_130_000 picoseconds.
		Weight::from_parts(62_843_877, 3556)
			.saturating_add(Weight::from_parts(17_430_807, 0).saturating_mul(h.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(h.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(h.into())))
			.saturating_add(Weight::from_parts(0, 2703).saturating_mul(h.into()))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:1 w:1)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn share_record() -> Weight {
		// Proof size (bytes): measured `561`, estimated `3664`.
		// Minimum execution time: 53_761_000 picoseconds.
		Weight::from_parts(69_841_000, 3664)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:1 w:1)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn unshare_record() -> Weight {
		// Proof size (bytes): measured `434`, estimated `3664`.
		// Minimum execution time: 53_801_000 picoseconds.
		Weight::from_parts(68_550_000, 3664)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Records::CosignNonces` (r:1 w:1)
	/// Proof: `Records::CosignNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:1 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::UsedCosignatures` (r:0 w:1)
	/// Proof: `Records::UsedCosignatures` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:0 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cosigned_update() -> Weight {
		// Proof size (bytes): measured `2114`, estimated `4922`.
		// Minimum execution time: 301_057_000 picoseconds.
		Weight::from_parts(377_255_000, 4922)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Records::CosignNonces` (r:1 w:1)
	/// Proof: `Records::CosignNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:16 w:16)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	/// Storage: `Records::UsedCosignatures` (r:0 w:1)
	/// Proof: `Records::UsedCosignatures` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:0 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cosigned_delete() -> Weight {
		// Proof size (bytes): measured `3310`, estimated `43774`.
		// Minimum execution time: 339_719_000 picoseconds.
		Weight::from_parts(416_569_000, 43774)
			.saturating_add(T::DbWeight::get().reads(23_u64))
			.saturating_add(T::DbWeight::get().writes(21_u64))
	}
	/// Storage: `Records::Records` (r:1 w:0)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:1 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn propose_change() -> Weight {
		// Proof size (bytes): measured `1015`, estimated `3693`.
		// Minimum execution time: 97_325_000 picoseconds.
		Weight::from_parts(125_379_000, 3693)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:1 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	fn approve_update() -> Weight {
		// Proof size (bytes): measured `2211`, estimated `4922`.
		// Minimum execution time: 157_385_000 picoseconds.
		Weight::from_parts(204_080_000, 4922)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(168), added: 2643, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:16 w:16)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn approve_delete() -> Weight {
		// Proof size (bytes): measured `3336`, estimated `43774`.
		// Minimum execution time: 131_804_000 picoseconds.
		Weight::from_parts(218_156_000, 43774)
			.saturating_add(T::DbWeight::get().reads(22_u64))
			.saturating_add(T::DbWeight::get().writes(19_u64))
	}
	/// Storage: `Records::Records` (r:1 w:0)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cancel_change() -> Weight {
		// Proof size (bytes): measured `333`, estimated `3662`.
		// Minimum execution time: 26_289_000 picoseconds.
		Weight::from_parts(38_210_000, 3662)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn prune_expired_grant() -> Weight {
		Weight::from_parts(313_105_000, 41662)
			.saturating_add(T::DbWeight::get().reads(19_u64))
			.saturating_add(T::DbWeight::get().writes(34_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn invalidate_cosignatures() -> Weight {
		Weight::from_parts(30_000_000, 3500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn grant_consent(k: u32, ) -> Weight {
		Weight::from_parts(108_315_622, 6122)
			.saturating_add(Weight::from_parts(21_568_918, 0).saturating_mul(k.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2542).saturating_mul(k.into()))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(313_105_000, 41662)
			.saturating_add(ParityDbWeight::get().reads(17_u64))
			.saturating_add(ParityDbWeight::get().writes(33_u64))
	}
	fn add_record() -> Weight {
		Weight::from_parts(118_665_000, 6122)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn rotate_scope_key(h: u32, ) -> Weight {
		Weight::from_parts(62_843_877, 3556)
			.saturating_add(Weight::from_parts(17_430_807, 0).saturating_mul(h.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(h.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(h.into())))
			.saturating_add(Weight::from_parts(0, 2703).saturating_mul(h.into()))
	}
	fn share_record() -> Weight {
		Weight::from_parts(69_841_000, 3664)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn unshare_record() -> Weight {
		Weight::from_parts(68_550_000, 3664)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn cosigned_update() -> Weight {
		Weight::from_parts(377_255_000, 4922)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn cosigned_delete() -> Weight {
		Weight::from_parts(416_569_000, 43774)
			.saturating_add(ParityDbWeight::get().reads(23_u64))
			.saturating_add(ParityDbWeight::get().writes(21_u64))
	}
	fn propose_change() -> Weight {
		Weight::from_parts(125_379_000, 3693)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn approve_update() -> Weight {
		Weight::from_parts(204_080_000, 4922)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn approve_delete() -> Weight {
		Weight::from_parts(218_156_000, 43774)
			.saturating_add(ParityDbWeight::get().reads(22_u64))
			.saturating_add(ParityDbWeight::get().writes(19_u64))
	}
	fn cancel_change() -> Weight {
		Weight::from_parts(38_210_000, 3662)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn prune_expired_grant() -> Weight {
		Weight::from_parts(313_105_000, 41662)
			.saturating_add(ParityDbWeight::get().reads(19_u64))
			.saturating_add(ParityDbWeight::get().writes(34_u64))
	}
	/// Estimate until the weights are regenerated (no benchmark run yet).
	fn invalidate_cosignatures() -> Weight {
		Weight::from_parts(30_000_000, 3500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
