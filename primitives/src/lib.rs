//! # MedChain primitives
//!
//! Types and traits shared by the MedChain pallets, the runtime and its clients.
//!
//! The records pallet and the runtime's transaction gate learn about roles only through
//! [`RoleInspect`]; they never read the roles pallet's storage. This keeps the pallets loosely
//! coupled: a test runtime can plug in any implementation of the trait.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
pub mod views;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a hospital registered with the consortium.
pub type HospitalId = u32;

/// Domain separator in front of every record co-signature payload (pallet-records'
/// `CosignPayload`): a signature made for anything else (an extrinsic, another application)
/// never verifies as a record co-signature. Clients sign `COSIGN_CONTEXT ++ SCALE(payload)`.
pub const COSIGN_CONTEXT: &[u8] = b"medchain/records/cosign/v1";

/// Most records (or other list items) one call of the records runtime API returns.
pub const MAX_PAGE: u32 = 256;

/// The `InvalidTransaction::Custom` codes with which MedChain's transaction gate refuses a
/// transaction at the pool. Clients read them from here to explain a refusal.
pub mod gate {
	/// The signer holds no role and is not on the council (or it is suspended).
	pub const UNKNOWN_ACCOUNT: u8 = 1;
	/// The signer used up its weight or byte budget for the current window.
	pub const OVER_BUDGET: u8 = 2;
	/// The signer's role may not send this call.
	pub const CALL_NOT_ALLOWED: u8 = 3;
	/// A batch is longer than allowed, or nested.
	pub const BATCH_TOO_LARGE: u8 = 4;
	/// The transaction alone is larger than the signer's whole budget.
	pub const TOO_LARGE: u8 = 5;
	/// The transaction is immortal.
	pub const IMMORTAL: u8 = 6;
	/// A general transaction without a signer.
	pub const UNSIGNED_NOT_ALLOWED: u8 = 7;
}

/// An X25519 public key (32 bytes, Montgomery u-coordinate) used to wrap keys for an account.
pub type EncryptionKey = [u8; 32];

/// The roles an account can hold. An account may hold several at once (a doctor can also be a
/// patient).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Role {
	/// Owns medical records and decides who may see them.
	Patient,
	/// Adds and (with the patient) updates and deletes records; affiliated with hospitals.
	Doctor,
	/// Hospital staff: registers patients; affiliated with hospitals.
	Staff,
	/// Manages the doctors and staff of one hospital.
	HospitalAdmin,
}

/// Read-only view of the roles registry, for other pallets and the runtime.
///
/// Every answer already accounts for suspension and for deactivated hospitals: a suspended
/// account, or one whose only affiliation is with a deactivated hospital, holds no role.
pub trait RoleInspect<AccountId> {
	/// Whether `who` currently holds `role` (in any active hospital, for affiliated roles).
	fn has_role(who: &AccountId, role: Role) -> bool;

	/// Whether `who` currently holds at least one role.
	fn is_registered(who: &AccountId) -> bool;

	/// The X25519 encryption public key `who` has published, if any.
	fn encryption_key(who: &AccountId) -> Option<EncryptionKey>;

	/// How many times `who` has lost a role. A consent records the grantee's generation when it
	/// is given and stops authorizing once the generation moves on, so it does not come back
	/// when the account is hired again elsewhere.
	fn generation(who: &AccountId) -> u32;

	/// The hospital `who` belongs to for the transaction gate's per-hospital cap: for a patient
	/// the hospital that registered it, otherwise the first active hospital it works for.
	fn home_hospital(who: &AccountId) -> Option<HospitalId>;

	/// The active hospital whose storage daemon signs with `who` (its service account), if any.
	fn service_hospital(who: &AccountId) -> Option<HospitalId>;

	/// Give `who` `role` (and whatever hospital it needs), for benchmark set-up in other pallets.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_grant(who: &AccountId, role: Role);

	/// Make `who` the service account of an active hospital, for benchmark set-up in other
	/// pallets; returns the hospital.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_service_account(who: &AccountId) -> HospitalId;
}

/// Run a call's `body`; when it fails, report as the call's actual weight its `declared`
/// weight without the `writes` database writes it declares, which a failed call never makes
/// (its changes are discarded). Reads and computation stay charged, so a failure costs what it
/// did and no more.
pub fn failing_cheaply(
	declared: frame_support::weights::Weight,
	writes: u64,
	db: frame_support::weights::RuntimeDbWeight,
	body: impl FnOnce() -> frame_support::dispatch::DispatchResult,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	body().map(|()| ().into()).map_err(|error| frame_support::dispatch::DispatchErrorWithPostInfo {
		post_info: Some(declared.saturating_sub(db.writes(writes))).into(),
		error,
	})
}

#[doc(hidden)]
pub use frame_support as __frame_support;

/// Assert that a call returning `DispatchResultWithPostInfo` failed with `error` (whatever
/// weight it reported, see [`failing_cheaply`]) and changed no storage: `assert_noop!` for
/// calls that refund on failure.
#[macro_export]
macro_rules! assert_refused {
	($call:expr, $error:expr $(,)?) => {
		let before = $crate::__frame_support::__private::storage_root(
			$crate::__frame_support::__private::StateVersion::V1,
		);
		$crate::__frame_support::assert_err_ignore_postinfo!($call, $error);
		assert_eq!(
			before,
			$crate::__frame_support::__private::storage_root(
				$crate::__frame_support::__private::StateVersion::V1
			),
			"storage has been mutated"
		);
	};
}

/// Whether `key` is acceptable as an X25519 public key.
///
/// Rejects keys that are not the u-coordinate of a point on Curve25519 itself (twist points) and
/// keys of small order (including the all-zero key): a Diffie-Hellman with those yields a
/// predictable shared secret.
pub fn is_valid_encryption_key(key: &EncryptionKey) -> bool {
	match curve25519_dalek::montgomery::MontgomeryPoint(*key).to_edwards(0) {
		Some(point) => !point.is_small_order(),
		None => false,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use curve25519_dalek::{constants::X25519_BASEPOINT, scalar::Scalar};

	#[test]
	fn real_public_keys_are_accepted() {
		for seed in 1u8..20 {
			let secret = Scalar::from_bytes_mod_order([seed; 32]);
			let public = (X25519_BASEPOINT * secret).to_bytes();
			assert!(is_valid_encryption_key(&public), "seed {seed}");
		}
	}

	#[test]
	fn zero_and_small_order_keys_are_rejected() {
		assert!(!is_valid_encryption_key(&[0u8; 32]));
		let mut one = [0u8; 32];
		one[0] = 1;
		assert!(!is_valid_encryption_key(&one));
		// A point of order 8 (from the published list of Curve25519 low-order points).
		let order_eight: [u8; 32] = [
			0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
			0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
			0x5f, 0x49, 0xb8, 0x00,
		];
		assert!(!is_valid_encryption_key(&order_eight));
	}
}
