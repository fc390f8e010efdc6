//! Weights for `pallet_records`, generated from its benchmarks by `medchain-node benchmark pallet`
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
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Records::GrantCount` (r:1 w:1)
	/// Proof: `Records::GrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:16 w:16)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:0 w:16)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// The range of component `k` is `[0, 16]`.
	fn grant_consent(k: u32, ) -> Weight {
		// Proof size (bytes): measured `1280`, estimated `6148`.
		// Minimum execution time: 48_612_000 picoseconds.
		Weight::from_parts(81_627_347, 6148)
			.saturating_add(Weight::from_parts(13_293_044, 0).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2542).saturating_mul(k.into()))
	}
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Records::GrantCount` (r:1 w:1)
	/// Proof: `Records::GrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:16 w:16)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:0 w:16)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	fn revoke_consent() -> Weight {
		// Proof size (bytes): measured `857`, estimated `41662`.
		// Minimum execution time: 140_298_000 picoseconds.
		Weight::from_parts(188_840_000, 41662)
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(34_u64))
	}
	/// Storage: `Roles::Members` (r:32 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:31 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:31 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:33 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::Quotas` (r:1 w:1)
	/// Proof: `Records::Quotas` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:0 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	fn add_record() -> Weight {
		// Proof size (bytes): measured `9996`, estimated `90189`.
		// Minimum execution time: 812_655_000 picoseconds.
		Weight::from_parts(999_703_000, 90189)
			.saturating_add(T::DbWeight::get().reads(131_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Roles::Members` (r:32 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:1)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:33 w:32)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:31 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:31 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::Quotas` (r:1 w:1)
	/// Proof: `Records::Quotas` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Records::EpochLinks` (r:0 w:1)
	/// Proof: `Records::EpochLinks` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// The range of component `h` is `[1, 32]`.
	fn rotate_scope_key(h: u32, ) -> Weight {
		// Proof size (bytes): measured `478`, estimated `3693`.
		// Minimum execution time: 40_811_000 picoseconds.
		Weight::from_parts(20_610_998, 3693)
			.saturating_add(Weight::from_parts(38_810_850, 0).saturating_mul(h.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(h.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(h.into())))
			.saturating_add(Weight::from_parts(0, 2703).saturating_mul(h.into()))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:1 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:1 w:1)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn share_record() -> Weight {
		// Proof size (bytes): measured `1074`, estimated `3664`.
		// Minimum execution time: 43_785_000 picoseconds.
		Weight::from_parts(75_201_000, 3664)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:1 w:1)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn unshare_record() -> Weight {
		// Proof size (bytes): measured `512`, estimated `3664`.
		// Minimum execution time: 30_495_000 picoseconds.
		Weight::from_parts(62_272_000, 3664)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Records::CosignNonces` (r:1 w:1)
	/// Proof: `Records::CosignNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:32 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:31 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:31 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:33 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::UsedCosignatures` (r:0 w:1)
	/// Proof: `Records::UsedCosignatures` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:0 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cosigned_update() -> Weight {
		// Proof size (bytes): measured `11928`, estimated `90189`.
		// Minimum execution time: 929_479_000 picoseconds.
		Weight::from_parts(1_329_223_000, 90189)
			.saturating_add(T::DbWeight::get().reads(133_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Records::CosignNonces` (r:1 w:1)
	/// Proof: `Records::CosignNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:16 w:16)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	/// Storage: `Records::UsedCosignatures` (r:0 w:1)
	/// Proof: `Records::UsedCosignatures` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:0 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cosigned_delete() -> Weight {
		// Proof size (bytes): measured `4643`, estimated `43774`.
		// Minimum execution time: 185_485_000 picoseconds.
		Weight::from_parts(254_647_000, 43774)
			.saturating_add(T::DbWeight::get().reads(25_u64))
			.saturating_add(T::DbWeight::get().writes(21_u64))
	}
	/// Storage: `Records::Records` (r:1 w:0)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:32 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:31 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:31 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:33 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn propose_change() -> Weight {
		// Proof size (bytes): measured `10155`, estimated `90189`.
		// Minimum execution time: 822_501_000 picoseconds.
		Weight::from_parts(988_397_000, 90189)
			.saturating_add(T::DbWeight::get().reads(131_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:32 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:31 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:31 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:1 w:0)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:33 w:0)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	fn approve_update() -> Weight {
		// Proof size (bytes): measured `11983`, estimated `90189`.
		// Minimum execution time: 853_867_000 picoseconds.
		Weight::from_parts(975_738_000, 90189)
			.saturating_add(T::DbWeight::get().reads(132_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Records::Records` (r:1 w:1)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Members` (r:2 w:0)
	/// Proof: `Roles::Members` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Hospitals` (r:1 w:0)
	/// Proof: `Roles::Hospitals` (`max_values`: None, `max_size`: Some(83), added: 2558, mode: `MaxEncodedLen`)
	/// Storage: `Records::Consents` (r:1 w:0)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Generations` (r:1 w:0)
	/// Proof: `Roles::Generations` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::History` (r:1 w:1)
	/// Proof: `Records::History` (`max_values`: None, `max_size`: Some(1457), added: 3932, mode: `MaxEncodedLen`)
	/// Storage: `Records::Shares` (r:16 w:16)
	/// Proof: `Records::Shares` (`max_values`: None, `max_size`: Some(199), added: 2674, mode: `MaxEncodedLen`)
	fn approve_delete() -> Weight {
		// Proof size (bytes): measured `4627`, estimated `43774`.
		// Minimum execution time: 130_854_000 picoseconds.
		Weight::from_parts(194_468_000, 43774)
			.saturating_add(T::DbWeight::get().reads(24_u64))
			.saturating_add(T::DbWeight::get().writes(19_u64))
	}
	/// Storage: `Records::Records` (r:1 w:0)
	/// Proof: `Records::Records` (`max_values`: None, `max_size`: Some(197), added: 2672, mode: `MaxEncodedLen`)
	/// Storage: `Records::Proposals` (r:1 w:1)
	/// Proof: `Records::Proposals` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn cancel_change() -> Weight {
		// Proof size (bytes): measured `411`, estimated `3662`.
		// Minimum execution time: 30_085_000 picoseconds.
		Weight::from_parts(77_354_000, 3662)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Records::Consents` (r:1 w:1)
	/// Proof: `Records::Consents` (`max_values`: None, `max_size`: Some(173), added: 2648, mode: `MaxEncodedLen`)
	/// Storage: `Records::GrantCount` (r:1 w:1)
	/// Proof: `Records::GrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::ScopeKeys` (r:16 w:16)
	/// Proof: `Records::ScopeKeys` (`max_values`: None, `max_size`: Some(67), added: 2542, mode: `MaxEncodedLen`)
	/// Storage: `Records::WrappedKeys` (r:0 w:16)
	/// Proof: `Records::WrappedKeys` (`max_values`: None, `max_size`: Some(228), added: 2703, mode: `MaxEncodedLen`)
	fn prune_expired_grant() -> Weight {
		// Proof size (bytes): measured `861`, estimated `41662`.
		// Minimum execution time: 148_421_000 picoseconds.
		Weight::from_parts(223_342_000, 41662)
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(34_u64))
	}
	/// Storage: `Records::CosignNonces` (r:1 w:1)
	/// Proof: `Records::CosignNonces` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn invalidate_cosignatures() -> Weight {
		// Proof size (bytes): measured `42`, estimated `3521`.
		// Minimum execution time: 12_148_000 picoseconds.
		Weight::from_parts(18_547_000, 3521)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same weights with ParityDB's read and write costs, for tests and mock runtimes.
impl WeightInfo for () {
	fn grant_consent(k: u32, ) -> Weight {
		Weight::from_parts(81_627_347, 6148)
			.saturating_add(Weight::from_parts(13_293_044, 0).saturating_mul(k.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((2_u64).saturating_mul(k.into())))
			.saturating_add(Weight::from_parts(0, 2542).saturating_mul(k.into()))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(188_840_000, 41662)
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(34_u64))
	}
	fn add_record() -> Weight {
		Weight::from_parts(999_703_000, 90189)
			.saturating_add(ParityDbWeight::get().reads(131_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn rotate_scope_key(h: u32, ) -> Weight {
		Weight::from_parts(20_610_998, 3693)
			.saturating_add(Weight::from_parts(38_810_850, 0).saturating_mul(h.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().reads((4_u64).saturating_mul(h.into())))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(h.into())))
			.saturating_add(Weight::from_parts(0, 2703).saturating_mul(h.into()))
	}
	fn share_record() -> Weight {
		Weight::from_parts(75_201_000, 3664)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn unshare_record() -> Weight {
		Weight::from_parts(62_272_000, 3664)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn cosigned_update() -> Weight {
		Weight::from_parts(1_329_223_000, 90189)
			.saturating_add(ParityDbWeight::get().reads(133_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn cosigned_delete() -> Weight {
		Weight::from_parts(254_647_000, 43774)
			.saturating_add(ParityDbWeight::get().reads(25_u64))
			.saturating_add(ParityDbWeight::get().writes(21_u64))
	}
	fn propose_change() -> Weight {
		Weight::from_parts(988_397_000, 90189)
			.saturating_add(ParityDbWeight::get().reads(131_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn approve_update() -> Weight {
		Weight::from_parts(975_738_000, 90189)
			.saturating_add(ParityDbWeight::get().reads(132_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn approve_delete() -> Weight {
		Weight::from_parts(194_468_000, 43774)
			.saturating_add(ParityDbWeight::get().reads(24_u64))
			.saturating_add(ParityDbWeight::get().writes(19_u64))
	}
	fn cancel_change() -> Weight {
		Weight::from_parts(77_354_000, 3662)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn prune_expired_grant() -> Weight {
		Weight::from_parts(223_342_000, 41662)
			.saturating_add(ParityDbWeight::get().reads(18_u64))
			.saturating_add(ParityDbWeight::get().writes(34_u64))
	}
	fn invalidate_cosignatures() -> Weight {
		Weight::from_parts(18_547_000, 3521)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
