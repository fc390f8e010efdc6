//! The client library against a real `medchain-node --dev`: subxt transactions signed with
//! keys from secret URIs, scope keys wrapped with HPKE and stored on chain, the records runtime
//! API read back and opened by the doctor, encrypted records opened by patient and doctor, and
//! a revocation whose key rotation locks the revoked doctor out of later records while the
//! patient and the remaining doctor read everything.

use medchain_client::{
	chain::{
		runtime::{self, runtime_types},
		Chain, ChainError,
	},
	crypto::{self, Header, Scope, SymmetricKey},
	keys::Account,
	records::RecordsError,
};
use medchain_test_node::Node;
use sha2::Digest;
use std::time::Duration;

/// The chain's account id of `account`.
fn id(account: &Account) -> subxt::utils::AccountId32 {
	account.account_id()
}

const LAB: u16 = 1;

fn bounded<T>(items: Vec<T>) -> runtime_types::bounded_collections::bounded_vec::BoundedVec<T> {
	runtime_types::bounded_collections::bounded_vec::BoundedVec(items)
}

/// A binary CIDv1 (raw, SHA2-256) over `fill`.
fn cid(fill: u8) -> Vec<u8> {
	[&[0x01, 0x55, 0x12, 0x20][..], &[fill; 32]].concat()
}

/// The CIDv1 (raw codec, SHA2-256) of `bytes`, in binary.
fn cid_of(bytes: &[u8]) -> Vec<u8> {
	let digest = sha2::Sha256::digest(bytes);
	let hash = cid::multihash::Multihash::<64>::wrap(0x12, &digest).unwrap();
	cid::Cid::new_v1(0x55, hash).to_bytes()
}

/// `who` publishes its derived X25519 encryption key.
async fn publish_encryption_key(chain: &Chain, who: &Account) {
	let key = who.encryption().public_key();
	chain.submit(&runtime::transactions().roles().set_encryption_key(key), who).await.unwrap();
}

/// `author` encrypts `plain` for `patient`'s LAB records and adds it; the ciphertext.
async fn add_encrypted(
	chain: &Chain,
	author: &Account,
	patient: &Account,
	plain: &[u8],
) -> Vec<u8> {
	let mut sealed = Vec::new();
	chain
		.records()
		.encrypt_record(author, &id(patient), LAB, &mut &plain[..], &mut sealed, |_| {})
		.await
		.unwrap();
	chain
		.submit(
			&runtime::transactions().records().add_record(id(patient), cid_of(&sealed), LAB),
			author,
		)
		.await
		.unwrap();
	sealed
}

async fn open(chain: &Chain, reader: &Account, sealed: &[u8]) -> Result<Vec<u8>, RecordsError> {
	let mut out = Vec::new();
	chain.records().open_record(reader, &mut &sealed[..], &mut out).await?;
	Ok(out)
}

#[tokio::test(flavor = "multi_thread")]
async fn doctor_adds_a_record_the_patient_consented_to_and_opens_the_scope_key() {
	let node = Node::dev("client-chain");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.expect("node reachable");
	let [alice, bob, charlie, dave, eve] = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"]
		.map(|uri| Account::from_uri(uri).unwrap());

	// An unregistered account is refused by the transaction gate, with the reason.
	let error = chain
		.submit(&runtime::transactions().roles().set_encryption_key([1; 32]), &dave)
		.await
		.unwrap_err();
	assert!(matches!(error, ChainError::Rejected(_)), "{error}");
	assert!(error.to_string().contains("not registered"), "{error}");

	// Alice, admin of hospital 0, registers Bob as a doctor and Charlie as a patient.
	let doctor = runtime_types::medchain_primitives::Role::Doctor;
	chain
		.submit(&runtime::transactions().roles().assign_role(0, id(&bob), doctor), &alice)
		.await
		.unwrap();
	chain
		.submit(&runtime::transactions().roles().register_patient(0, id(&charlie)), &alice)
		.await
		.unwrap();

	// Charlie creates the LAB scope key (epoch 0) for himself, then grants Bob consent with
	// Bob's HPKE-wrapped copy.
	let scope = Scope { patient: charlie.account_id().0, category: LAB, epoch: 0 };
	let scope_key = SymmetricKey::generate();
	let patient = charlie.encryption();
	let own = crypto::wrap_for(patient, &patient.public_key(), &scope, &scope_key).unwrap();
	chain
		.submit(
			&runtime::transactions().records().rotate_scope_key(
				LAB,
				None,
				bounded(vec![(id(&charlie), own)]),
			),
			&charlie,
		)
		.await
		.unwrap();
	let for_bob =
		crypto::wrap_for(patient, &bob.encryption().public_key(), &scope, &scope_key).unwrap();
	chain
		.submit(
			&runtime::transactions().records().grant_consent(
				id(&bob),
				runtime_types::pallet_records::types::Scope::Categories(bounded(vec![LAB])),
				None,
				bounded(vec![(LAB, for_bob)]),
			),
			&charlie,
		)
		.await
		.unwrap();

	// A malformed CID is refused with the pallet's sentence; a good one is added.
	let error = chain
		.submit(
			&runtime::transactions().records().add_record(id(&charlie), b"junk".to_vec(), LAB),
			&bob,
		)
		.await
		.unwrap_err();
	assert_eq!(error.pallet_error(), Some("MalformedCid"), "{error}");
	assert!(error.to_string().contains("not a valid binary CIDv1"), "{error}");
	let events = chain
		.submit(&runtime::transactions().records().add_record(id(&charlie), cid(1), LAB), &bob)
		.await
		.unwrap();
	let added = events
		.find_first::<runtime::records::events::RecordAdded>()
		.expect("events decode")
		.expect("RecordAdded emitted");
	assert_eq!(added.cid.0, cid(1));

	// The runtime API: access, and the key material Bob opens with his own encryption key.
	let apis = runtime::runtime_apis().records_api();
	assert!(chain.query(apis.can_access(id(&bob), id(&charlie), added.record)).await.unwrap());
	assert!(!chain.query(apis.can_access(id(&dave), id(&charlie), added.record)).await.unwrap());
	let material = chain
		.query(apis.key_material(id(&bob), id(&charlie), LAB))
		.await
		.unwrap()
		.expect("Bob holds the LAB key");
	assert_eq!(material.epoch, 0);
	let from = patient.public_key();
	let opened =
		crypto::unwrap_for(bob.encryption(), &from, &scope, &material.wrapped_key).unwrap();
	assert_eq!(opened, scope_key);
	// Dave cannot open Bob's copy.
	let dave_tries = crypto::unwrap_for(dave.encryption(), &from, &scope, &material.wrapped_key);
	assert!(dave_tries.is_err());
	let records = chain.query(apis.patient_records(id(&charlie), None, 10)).await.unwrap();
	assert_eq!(records.len(), 1);
	assert_eq!(records[0].author, id(&bob));

	// Encrypted records: Bob encrypts under the LAB key he holds; patient and doctor open it.
	// Doctors check the key material they get against the patient's published key.
	publish_encryption_key(&chain, &bob).await;
	publish_encryption_key(&chain, &charlie).await;
	let first: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
	let first_sealed = add_encrypted(&chain, &bob, &charlie, &first).await;
	assert_eq!(open(&chain, &charlie, &first_sealed).await.unwrap(), first);
	assert_eq!(open(&chain, &bob, &first_sealed).await.unwrap(), first);
	assert!(matches!(
		open(&chain, &dave, &first_sealed).await,
		Err(RecordsError::NoKey { category: LAB })
	));

	// Eve becomes a doctor and gets consent; then Charlie revokes Bob: one extrinsic ends the
	// consent and rotates the LAB key to epoch 1 for Charlie and Eve only.
	chain
		.submit(
			&runtime::transactions().roles().assign_role(
				0,
				id(&eve),
				runtime_types::medchain_primitives::Role::Doctor,
			),
			&alice,
		)
		.await
		.unwrap();
	publish_encryption_key(&chain, &eve).await;
	chain.records().grant(&charlie, &id(&eve), &[LAB], None).await.unwrap();
	let events = chain.records().revoke(&charlie, &id(&bob)).await.unwrap();
	let rotated = events
		.find_first::<runtime::records::events::ScopeKeyRotated>()
		.unwrap()
		.expect("the key rotated");
	assert_eq!((rotated.epoch, rotated.holders), (1, 2));
	let mut holders = chain.records().key_holders(&id(&charlie), LAB).await.unwrap();
	holders.sort();
	let mut expected = vec![id(&charlie), id(&eve)];
	expected.sort();
	assert_eq!(holders, expected);
	assert!(chain.records().held_key(&bob, &id(&charlie), LAB).await.unwrap().is_none());
	let refused = chain
		.submit(&runtime::transactions().records().add_record(id(&charlie), cid(9), LAB), &bob)
		.await
		.unwrap_err();
	assert_eq!(refused.pallet_error(), Some("NoConsent"), "{refused}");

	// Eve adds a record under epoch 1: the patient and Eve read it and the older one; Bob,
	// even with the epoch-0 key he kept, cannot read the new one.
	let second = b"written after the revocation".to_vec();
	let second_sealed = add_encrypted(&chain, &eve, &charlie, &second).await;
	assert_eq!(Header::read(&mut &second_sealed[..]).unwrap().scope.epoch, 1);
	assert_eq!(open(&chain, &charlie, &second_sealed).await.unwrap(), second);
	assert_eq!(open(&chain, &charlie, &first_sealed).await.unwrap(), first);
	assert_eq!(open(&chain, &eve, &first_sealed).await.unwrap(), first);
	assert!(matches!(
		open(&chain, &bob, &second_sealed).await,
		Err(RecordsError::NoKey { category: LAB })
	));
	let header = Header::read(&mut &second_sealed[..]).unwrap();
	assert!(header.data_key(&scope_key).is_err(), "the revoked epoch-0 key does not open it");
}
