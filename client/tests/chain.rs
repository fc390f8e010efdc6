//! The client library against a real `medchain-node --dev`: subxt transactions signed with
//! keys from secret URIs, scope keys wrapped with HPKE and stored on chain, and the records
//! runtime API read back and opened by the doctor.

use medchain_client::{
	chain::{
		runtime::{self, runtime_types},
		Chain, ChainError,
	},
	crypto::{self, Scope, SymmetricKey},
	keys::Account,
};
use medchain_test_node::Node;
use std::time::Duration;
use subxt::utils::AccountId32;

const LAB: u16 = 1;

fn id(account: &Account) -> AccountId32 {
	AccountId32(account.account_id().into())
}

fn bounded<T>(items: Vec<T>) -> runtime_types::bounded_collections::bounded_vec::BoundedVec<T> {
	runtime_types::bounded_collections::bounded_vec::BoundedVec(items)
}

/// A binary CIDv1 (raw, SHA2-256) over `fill`.
fn cid(fill: u8) -> Vec<u8> {
	[&[0x01, 0x55, 0x12, 0x20][..], &[fill; 32]].concat()
}

#[tokio::test(flavor = "multi_thread")]
async fn doctor_adds_a_record_the_patient_consented_to_and_opens_the_scope_key() {
	let node = Node::dev("client-chain");
	drop(node.client(Duration::from_secs(90)).await);
	let chain = Chain::connect(&node.rpc_url).await.expect("node reachable");
	let [alice, bob, charlie, dave] =
		["//Alice", "//Bob", "//Charlie", "//Dave"].map(|uri| Account::from_uri(uri).unwrap());

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
	let scope = Scope { patient: charlie.account_id().into(), category: LAB, epoch: 0 };
	let scope_key = SymmetricKey::generate();
	let own = crypto::wrap_for(&charlie.encryption().public_key(), &scope, &scope_key).unwrap();
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
	let for_bob = crypto::wrap_for(&bob.encryption().public_key(), &scope, &scope_key).unwrap();
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
	let opened = crypto::unwrap_for(bob.encryption(), &scope, &material.wrapped_key).unwrap();
	assert_eq!(opened, scope_key);
	// Dave cannot open Bob's copy.
	let dave_tries = crypto::unwrap_for(dave.encryption(), &scope, &material.wrapped_key);
	assert!(dave_tries.is_err());
	let records = chain.query(apis.patient_records(id(&charlie), None, 10)).await.unwrap();
	assert_eq!(records.len(), 1);
	assert_eq!(records[0].author, id(&bob));
}
