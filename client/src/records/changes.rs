//! Updates and deletions, which need both the doctor and the patient: a co-signature the patient
//! gives one doctor to submit, or a proposal one side makes and the other approves.

use super::{Change, Records, RecordsCall, RecordsError};
use crate::{
	chain::{runtime, runtime::runtime_types, Events, RuntimeCall},
	keys::Account,
};
use codec::{Decode, Encode};
use runtime_types::{pallet_records::types::CosignPayload, sp_runtime::MultiSignature};
use subxt::utils::{AccountId32, H256};

/// A patient's signed approval of one change to one record, for one doctor to submit
/// ([`Records::submit_cosigned`]). Passed between them as hex text ([`Cosignature::to_hex`]).
#[derive(Encode, Decode)]
pub struct Cosignature {
	/// What the patient signed.
	pub payload: CosignPayload<AccountId32, u32, H256>,
	/// The patient's sr25519 signature of `COSIGN_CONTEXT ++ SCALE(payload)`.
	pub signature: [u8; 64],
}

impl Cosignature {
	/// `0x` followed by the SCALE encoding, for copying between patient and doctor.
	pub fn to_hex(&self) -> String {
		crate::views::hex(&self.encode())
	}

	/// Read what [`Cosignature::to_hex`] wrote.
	pub fn from_hex(text: &str) -> Result<Self, RecordsError> {
		let bytes = hex::decode(text.trim().trim_start_matches("0x"))
			.map_err(|_| RecordsError::BadCosignature("it is not hex text".into()))?;
		Self::decode(&mut &bytes[..]).map_err(|_| {
			RecordsError::BadCosignature("it is cut short or damaged; copy it again whole".into())
		})
	}
}

impl Records<'_> {
	/// The last block of something valid for `valid_for` blocks from the finalized head.
	async fn expiry(self, valid_for: u32) -> Result<u32, RecordsError> {
		Ok(self.chain.finalized_number().await?.saturating_add(valid_for))
	}

	/// The patient signs `change` of `record` for `doctor` to submit, valid for `valid_for`
	/// blocks from the finalized head.
	pub async fn cosign(
		self,
		patient: &Account,
		doctor: &AccountId32,
		record: u64,
		change: Change,
		valid_for: u32,
	) -> Result<Cosignature, RecordsError> {
		let mut signed =
			self.cosign_all(patient, doctor, vec![(record, change)], valid_for).await?;
		Ok(signed.remove(0))
	}

	/// The patient signs several `changes` (record, change) for `doctor` to submit in this
	/// order, in one extrinsic ([`Records::submit_cosigned_all`]) or one by one: their nonces
	/// follow each other.
	pub async fn cosign_all(
		self,
		patient: &Account,
		doctor: &AccountId32,
		changes: Vec<(u64, Change)>,
		valid_for: u32,
	) -> Result<Vec<Cosignature>, RecordsError> {
		let me = patient.account_id();
		let nonce =
			self.chain.query(runtime::runtime_apis().records_api().cosign_nonce(me)).await?;
		let expires = self.expiry(valid_for).await?;
		let genesis_hash = self.chain.genesis_hash();
		Ok(changes
			.into_iter()
			.zip(nonce..)
			.map(|((record, change), nonce)| {
				let payload = CosignPayload {
					genesis_hash,
					patient: me,
					doctor: *doctor,
					record,
					change,
					nonce,
					expires,
				};
				let message = [medchain_primitives::COSIGN_CONTEXT, &payload.encode()].concat();
				Cosignature { payload, signature: patient.sign(&message).0 }
			})
			.collect())
	}

	/// The doctor named in `cosignature` applies the change.
	pub async fn submit_cosigned(
		self,
		doctor: &Account,
		cosignature: Cosignature,
	) -> Result<Events, RecordsError> {
		let call = runtime::transactions()
			.records()
			.cosigned_change(cosignature.payload, MultiSignature::Sr25519(cosignature.signature));
		Ok(self.chain.submit(&call, doctor).await?)
	}

	/// The doctor applies several co-signed changes in one extrinsic, all or none (at most 16,
	/// the chain's batch limit).
	pub async fn submit_cosigned_all(
		self,
		doctor: &Account,
		cosignatures: Vec<Cosignature>,
	) -> Result<Events, RecordsError> {
		let calls = cosignatures
			.into_iter()
			.map(|cosignature| {
				RuntimeCall::Records(RecordsCall::cosigned_change {
					payload: cosignature.payload,
					signature: MultiSignature::Sr25519(cosignature.signature),
				})
			})
			.collect();
		Ok(self.chain.submit(&runtime::transactions().utility().batch_all(calls), doctor).await?)
	}

	/// `who` (the patient or a doctor with consent) proposes `change` of `record`, for the other
	/// side to approve within `valid_for` blocks.
	pub async fn propose_change(
		self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
		change: Change,
		valid_for: u32,
	) -> Result<Events, RecordsError> {
		let expires = self.expiry(valid_for).await?;
		let call =
			runtime::transactions().records().propose_change(*patient, record, change, expires);
		Ok(self.chain.submit(&call, who).await?)
	}

	/// `who` approves the change pending on `record`; returns the change applied.
	pub async fn approve_change(
		self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
	) -> Result<Change, RecordsError> {
		let proposal =
			self.record(patient, record).await?.proposal.ok_or(RecordsError::NoProposal(record))?;
		let call = runtime::transactions().records().approve_change(
			*patient,
			record,
			proposal.change.clone(),
		);
		self.chain.submit(&call, who).await?;
		Ok(proposal.change)
	}

	/// `who` (the proposer or the patient) withdraws the change pending on `record`.
	pub async fn cancel_change(
		self,
		who: &Account,
		patient: &AccountId32,
		record: u64,
	) -> Result<Events, RecordsError> {
		let call = runtime::transactions().records().cancel_change(*patient, record);
		Ok(self.chain.submit(&call, who).await?)
	}
}
