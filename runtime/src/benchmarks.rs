//! The pallets whose benchmarks the node's `benchmark pallet` command runs.

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::Pallet as SystemBench;

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_roles, Roles]
	[pallet_records, Records]
	[pallet_validator_set, ValidatorSet]
	[pallet_tx_gate, TxGate]
	[pallet_governance, Governance]
	[pallet_audit, Audit]
);

/// A doctor of a hospital (so the gate's per-hospital cap applies) and a call it may send.
pub struct TxGateBenchmarkHelper;

impl pallet_tx_gate::BenchmarkHelper<crate::AccountId, crate::RuntimeCall>
	for TxGateBenchmarkHelper
{
	fn account_and_call() -> (crate::AccountId, crate::RuntimeCall) {
		use medchain_primitives::{Role, RoleInspect};
		let who: crate::AccountId = frame_benchmarking::account("gate-doctor", 0, 0);
		<crate::Roles as RoleInspect<crate::AccountId>>::benchmark_grant(&who, Role::Doctor);
		// The X25519 base point (u = 9): a valid public key.
		let mut key = [0; 32];
		key[0] = 9;
		let call = crate::RuntimeCall::Roles(pallet_roles::Call::set_encryption_key { key });
		(who, call)
	}
}

/// Session keys for the validator-set benchmarks: zero public keys in `pallet_session`'s
/// `NextKeys`, which is what [`crate::HasSessionKeys`] looks at.
pub struct ValidatorSetBenchmarkHelper;

impl pallet_validator_set::BenchmarkHelper<crate::AccountId> for ValidatorSetBenchmarkHelper {
	fn publish_keys(who: &crate::AccountId) {
		use codec::Decode;
		let keys = crate::opaque::SessionKeys::decode(
			&mut sp_runtime::traits::TrailingZeroInput::zeroes(),
		)
		.expect("zero bytes decode as session keys");
		pallet_session::NextKeys::<crate::Runtime>::insert(who, keys);
	}
}

/// Real sr25519 co-signatures for the records benchmarks, made with a key in the benchmark
/// keystore.
pub struct RecordsBenchmarkHelper;

/// Key type of the benchmark signing key.
const BENCHMARK_KEY: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"mcbn");

impl pallet_records::BenchmarkHelper<crate::AccountId, crate::Signature>
	for RecordsBenchmarkHelper
{
	fn signer() -> crate::AccountId {
		sp_io::crypto::sr25519_generate(BENCHMARK_KEY, Some(b"//MedChainPatient".to_vec())).into()
	}

	fn sign(signer: &crate::AccountId, message: &[u8]) -> crate::Signature {
		let public = sp_core::sr25519::Public::from_raw(*signer.as_ref());
		sp_io::crypto::sr25519_sign(BENCHMARK_KEY, &public, message)
			.expect("the signer's key is in the keystore")
			.into()
	}
}
