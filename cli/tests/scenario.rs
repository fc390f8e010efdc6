//! MedChain's whole scenario, end to end, with a real `medchain-node --dev`, a real
//! `medchain-storage` daemon (embedded IPFS node and pin agent) and the `medchain` binary:
//!
//! council registers a hospital → its admin registers two doctors and a staff member → staff
//! registers a patient → keys published → consent → a 5 MB record added, fetched and decrypted
//! byte-identical by patient and doctor → a doctor without consent is refused by the chain and
//! cannot decrypt → updates co-signed both ways → revocation: a record added afterwards is
//! unreadable for the revoked doctor, the patient reads everything → deletion needs both, and the
//! daemon unpins (also after a restart, for a deletion it missed while stopped) → a flipped
//! ciphertext byte and a wrong CID are detected.

mod common;

use common::{
	dev::{BOB, CHARLIE, DAVE, EVE, FERDIE},
	Medchain,
};
use medchain_client::{
	chain::{runtime, runtime::runtime_types, Chain, RuntimeCall},
	keys::Account,
	records::RecordsError,
	storage::{ContentStore, Storage},
};
use medchain_test_node::{free_port, Node, StorageDaemon};
use std::{
	io::{Read, Write},
	path::Path,
	time::{Duration, Instant},
};

const CATEGORY: &str = "1";

type RecordsCall = runtime_types::pallet_records::pallet::Call;
type RolesCall = runtime_types::pallet_roles::pallet::Call;

/// `medchain record add|upload` arguments for a file of Charlie's category.
fn new_content<'a>(verb: &'a str, file: &'a str) -> [&'a str; 8] {
	["record", verb, "--patient", CHARLIE, "--category", CATEGORY, "--file", file]
}

fn random_file(path: &Path, len: usize, seed: u64) -> Vec<u8> {
	let mut state = seed;
	let bytes: Vec<u8> = (0..len)
		.map(|_| {
			state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
			(state >> 33) as u8
		})
		.collect();
	std::fs::write(path, &bytes).unwrap();
	bytes
}

/// Wait until `cid` is (or is no longer) pinned by the daemon.
async fn wait_pinned(storage: &Storage, daemon: &StorageDaemon, cid: &str, pinned: bool) {
	let cid = cid::Cid::try_from(cid).unwrap();
	let deadline = Instant::now() + Duration::from_secs(90);
	while storage.is_pinned(&cid).await.unwrap() != pinned {
		assert!(
			Instant::now() < deadline,
			"{cid} pinned should be {pinned}; daemon log:\n{}",
			daemon.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// A Kubo RPC endpoint that answers every `cat` with `body`: a storage that lies.
fn lying_storage(body: Vec<u8>) -> String {
	let listener = std::net::TcpListener::bind(("127.0.0.1", free_port())).unwrap();
	let url = format!("http://{}", listener.local_addr().unwrap());
	std::thread::spawn(move || {
		for stream in listener.incoming() {
			let Ok(mut stream) = stream else { break };
			let mut request = [0u8; 4096];
			let _ = stream.read(&mut request);
			let head = format!(
				"HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
				body.len()
			);
			let _ = stream.write_all(head.as_bytes());
			let _ = stream.write_all(&body);
		}
	});
	url
}

#[tokio::test(flavor = "multi_thread")]
async fn the_papers_scenario() {
	let started = Instant::now();
	let node = Node::dev("scenario");
	drop(node.client(Duration::from_secs(90)).await);
	let data = tempfile::tempdir().unwrap();
	let mut daemon =
		StorageDaemon::start("scenario", &node.rpc_url, data.path().join("storage")).await;
	let stack = Medchain {
		node: node.rpc_url.clone(),
		ipfs: daemon.api_url.clone(),
		token_file: Some(daemon.token_file()),
	};
	let storage = Storage::new(&stack.ipfs);
	let file = |name: &str| data.path().join(name);
	let path = |name: &str| file(name).to_str().unwrap().to_string();

	// The council (Alice, alone on the dev chain) registers a hospital with Ferdie as admin.
	let registered =
		stack.ok("//Alice", &["hospital", "register", "--name", "St. Luke", "--admin", FERDIE]);
	let hospital = registered["hospital"].to_string();
	assert_eq!(hospital, "1");
	// Its admin registers two doctors and a staff member; staff registers the patient.
	for (account, role) in [(BOB, "doctor"), (DAVE, "doctor"), (EVE, "staff")] {
		stack.ok("//Ferdie", &["role", "assign", "--hospital", &hospital, "--role", role, account]);
	}
	stack.ok("//Eve", &["patient", "register", "--hospital", &hospital, CHARLIE]);
	stack.all(&[
		("//Bob", &["key", "publish"]),
		("//Charlie", &["key", "publish"]),
		("//Dave", &["key", "publish"]),
	]);
	stack.ok("//Charlie", &["consent", "grant", BOB, "--categories", CATEGORY]);

	// The doctor adds a 5 MB record; the daemon pins it.
	let original = random_file(&file("scan.bin"), 5 * 1024 * 1024, 1);
	let added = stack.ok("//Bob", &new_content("add", &path("scan.bin")));
	let record = added["record"].to_string();
	let first_cid = added["cid"].as_str().unwrap().to_string();
	wait_pinned(&storage, &daemon, &first_cid, true).await;

	// Patient and doctor each fetch, verify and decrypt it byte-identical.
	stack.ok("//Charlie", &["record", "get", &record, "--output", &path("charlie.bin")]);
	stack.ok(
		"//Bob",
		&["record", "get", &record, "--patient", CHARLIE, "--output", &path("bob.bin")],
	);
	assert!(std::fs::read(file("charlie.bin")).unwrap() == original);
	assert!(std::fs::read(file("bob.bin")).unwrap() == original);
	// Decrypted files are the owner's alone, and an existing file is replaced only on request.
	use std::os::unix::fs::PermissionsExt;
	let mode = std::fs::metadata(file("charlie.bin")).unwrap().permissions().mode();
	assert_eq!(mode & 0o777, 0o600, "decrypted output mode {mode:o}");
	std::fs::write(file("charlie.bin"), b"the patient's own notes").unwrap();
	let error =
		stack.fails("//Charlie", &["record", "get", &record, "--output", &path("charlie.bin")]);
	assert!(error.contains("exists; pass --force"), "{error}");
	assert_eq!(std::fs::read(file("charlie.bin")).unwrap(), b"the patient's own notes");
	stack.ok("//Charlie", &["record", "get", &record, "--output", &path("charlie.bin"), "--force"]);
	assert!(std::fs::read(file("charlie.bin")).unwrap() == original);

	// A second doctor without consent: the chain says no, and the ciphertext does not open.
	let error = stack.fails(
		"//Dave",
		&["record", "get", &record, "--patient", CHARLIE, "--output", &path("dave.bin")],
	);
	assert!(error.contains("does not give this account access"), "{error}");
	assert!(!file("dave.bin").exists() && !file("dave.bin.partial").exists());
	let error = stack.fails("//Dave", &new_content("add", &path("scan.bin")));
	assert!(error.contains("holds no key"), "{error}");
	let chain = Chain::connect(&stack.node).await.unwrap();
	let dave = Account::from_uri("//Dave").unwrap();
	let mut ciphertext = Vec::new();
	storage.cat(&cid::Cid::try_from(first_cid.as_str()).unwrap(), &mut ciphertext).await.unwrap();
	let opened = chain.records().open_record(&dave, &mut &ciphertext[..], &mut Vec::new()).await;
	assert!(matches!(opened, Err(RecordsError::NoKey { category: 1 })), "{:?}", opened.err());

	// A flipped ciphertext byte and a wrong CID are detected before anything is decrypted;
	// the flipped byte also fails authentication when decrypted directly.
	let mut flipped = ciphertext.clone();
	flipped[3 * 1024 * 1024] ^= 0x01;
	let liar = lying_storage(flipped.clone());
	let mut command =
		stack.command("//Charlie", &["record", "get", &record, "--output", &path("x.bin")]);
	let output = command.args(["--ipfs", &liar]).output().unwrap();
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success() && stderr.contains("CID mismatch"), "{stderr}");
	assert!(!file("x.bin").exists());
	let charlie = Account::from_uri("//Charlie").unwrap();
	let opened = chain.records().open_record(&charlie, &mut &flipped[..], &mut Vec::new()).await;
	assert!(opened.is_err(), "a flipped byte must not decrypt");

	// Update, way 1: the patient co-signs the new CID, the doctor submits in one transaction.
	let v2 = random_file(&file("v2.bin"), 300_000, 2);
	let uploaded = stack.ok("//Bob", &new_content("upload", &path("v2.bin")));
	let second_cid = uploaded["cid"].as_str().unwrap().to_string();
	let cosigned = stack
		.ok("//Charlie", &["record", "cosign", &record, "--doctor", BOB, "--cid", &second_cid]);
	let token = cosigned["cosignature"].as_str().unwrap().to_string();
	// Only the doctor it names can submit it.
	let error = stack.fails("//Dave", &["record", "submit", "--cosignature", &token]);
	assert!(error.contains("error: "), "{error}");
	stack.ok("//Bob", &["record", "submit", "--cosignature", &token]);
	let error = stack.fails("//Bob", &["record", "submit", "--cosignature", &token]);
	assert!(error.to_lowercase().contains("already"), "replay: {error}");
	stack.ok("//Charlie", &["record", "get", &record, "--output", &path("v2-out.bin")]);
	assert!(std::fs::read(file("v2-out.bin")).unwrap() == v2);

	// Update, way 2: the doctor proposes, the patient approves.
	let v3 = random_file(&file("v3.bin"), 100_000, 3);
	stack.ok(
		"//Bob",
		&["record", "update", &record, "--patient", CHARLIE, "--file", &path("v3.bin")],
	);
	let shown = stack.ok("//Charlie", &["record", "show", &record]);
	assert_eq!(shown["version"], 2, "a proposal alone changes nothing");
	assert_eq!(shown["proposal"]["proposer"], BOB);
	let error = stack.fails("//Bob", &["record", "approve", &record, "--patient", CHARLIE]);
	assert!(error.contains("error: "), "{error}");
	stack.ok("//Charlie", &["record", "approve", &record]);
	let history = stack.ok("//Charlie", &["record", "history", &record]);
	assert_eq!(history["version"], 3);
	assert_eq!(history["history"][0]["cid"], first_cid.as_str());
	assert_eq!(history["history"][1]["cid"], second_cid.as_str());
	let third_cid = history["cid"].as_str().unwrap().to_string();
	stack.ok(
		"//Bob",
		&["record", "get", &record, "--patient", CHARLIE, "--output", &path("v3-out.bin")],
	);
	assert!(std::fs::read(file("v3-out.bin")).unwrap() == v3);

	// Revocation: Bob's consent ends (his keys rotate); Dave gets consent and adds a record.
	stack.ok("//Charlie", &["consent", "revoke", BOB]);
	stack.ok("//Charlie", &["consent", "grant", DAVE, "--categories", CATEGORY]);
	let later = random_file(&file("later.bin"), 200_000, 4);
	let added = stack.ok("//Dave", &new_content("add", &path("later.bin")));
	let later_record = added["record"].to_string();
	let later_cid = added["cid"].as_str().unwrap().to_string();
	let error = stack.fails(
		"//Bob",
		&["record", "get", &later_record, "--patient", CHARLIE, "--output", &path("b.bin")],
	);
	assert!(error.contains("does not give this account access"), "{error}");
	stack.ok("//Charlie", &["record", "get", &record, "--output", &path("c1.bin")]);
	stack.ok("//Charlie", &["record", "get", &later_record, "--output", &path("c2.bin")]);
	assert!(std::fs::read(file("c1.bin")).unwrap() == v3);
	assert!(std::fs::read(file("c2.bin")).unwrap() == later);
	// A single-record share lets Bob read that one record again.
	stack.ok("//Charlie", &["consent", "share", &later_record, "--to", BOB]);
	stack.ok(
		"//Bob",
		&["record", "get", &later_record, "--patient", CHARLIE, "--output", &path("b.bin")],
	);
	assert!(std::fs::read(file("b.bin")).unwrap() == later);

	// Deletion needs both: Dave proposes, the record stays until Charlie approves; then the
	// daemon unpins its CID.
	wait_pinned(&storage, &daemon, &later_cid, true).await;
	stack.ok("//Dave", &["record", "delete", &later_record, "--patient", CHARLIE]);
	assert_eq!(stack.ok("//Charlie", &["record", "show", &later_record])["status"], "active");
	stack.ok("//Charlie", &["record", "approve", &later_record]);
	assert_eq!(stack.ok("//Charlie", &["record", "show", &later_record])["status"], "deleted");
	wait_pinned(&storage, &daemon, &later_cid, false).await;
	let error =
		stack.fails("//Charlie", &["record", "get", &later_record, "--output", &path("gone.bin")]);
	assert!(error.contains("was deleted"), "{error}");

	// The pin agent resumes after a restart: a co-signed deletion made while it was stopped
	// unpins the record's CID and its history once it is back.
	for cid in [&first_cid, &second_cid, &third_cid] {
		wait_pinned(&storage, &daemon, cid, true).await;
	}
	daemon.stop();
	let position = std::fs::read_to_string(daemon.data_dir.join("pin-agent.json")).unwrap();
	assert!(position.contains("next_block"), "{position}");
	let cosigned =
		stack.ok("//Charlie", &["record", "cosign", &record, "--doctor", DAVE, "--delete"]);
	let token = cosigned["cosignature"].as_str().unwrap().to_string();
	stack.ok("//Dave", &["record", "submit", "--cosignature", &token]);
	daemon.restart().await;
	for cid in [&first_cid, &second_cid, &third_cid] {
		wait_pinned(&storage, &daemon, cid, false).await;
	}

	// An unreachable IPFS storage is one clear sentence.
	let mut command = stack.command("//Dave", &new_content("upload", &path("v2.bin")));
	let output = command.args(["--ipfs", "http://127.0.0.1:1"]).output().unwrap();
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(
		!output.status.success()
			&& stderr.contains("IPFS storage at http://127.0.0.1:1 is unreachable"),
		"{stderr}"
	);
	eprintln!("scenario took {:?}", started.elapsed());
}

/// A CID no storage holds (raw, SHA2-256 over `n`): no pin agent can ever fetch it.
fn unfetchable(n: u8) -> cid::Cid {
	let hash = cid::multihash::Multihash::<64>::wrap(0x12, &[n; 32]).unwrap();
	cid::Cid::new_v1(0x55, hash)
}

/// The CID of what `storage` serves for `cid`.
async fn served(storage: &Storage, cid: &cid::Cid) -> cid::Cid {
	let mut writer = medchain_client::crypto::CidWriter::new(std::io::sink());
	storage.cat(cid, &mut writer).await.unwrap();
	writer.finish().1
}

/// Pin agents count references: two daemons in one swarm follow a dev chain on which two
/// patients' records share one CID and a record reverts to an old CID. Deleting one of the
/// sharing records and pruning the reverted CID's first history entry keep both CIDs on both
/// daemons; a CID only a deleted record named leaves both at once, although fourteen unfetchable
/// CIDs wait for their pins in the same daemons; an upload no record names leaves after the
/// upload grace period.
#[tokio::test(flavor = "multi_thread")]
async fn pin_agents_keep_what_any_record_still_references() {
	use medchain_client::records::{update_to, Change};
	let node = Node::dev("references");
	drop(node.client(Duration::from_secs(90)).await);
	let data = tempfile::tempdir().unwrap();
	let a = StorageDaemon::start("references-a", &node.rpc_url, data.path().join("a")).await;
	std::fs::create_dir_all(data.path().join("b")).unwrap();
	std::fs::copy(a.data_dir.join("swarm.key"), data.path().join("b/swarm.key")).unwrap();
	let peer = a.swarm_address();
	let grace = ["--peer", &peer, "--upload-grace", "20"];
	let b = StorageDaemon::start_with("references-b", &node.rpc_url, data.path().join("b"), &grace)
		.await;
	let with_token = |daemon: &StorageDaemon| {
		Storage::new(&daemon.api_url).with_token(Storage::read_token(&daemon.token_file()).unwrap())
	};
	let (storage_a, storage_b) = (with_token(&a), with_token(&b));
	let daemons = [(&storage_a, &a), (&storage_b, &b)];

	// Alice, admin of hospital 0, registers two patients and a doctor; both patients consent.
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let [alice, bob, charlie, dave] =
		["//Alice", "//Bob", "//Charlie", "//Dave"].map(|uri| Account::from_uri(uri).unwrap());
	let register = vec![
		RuntimeCall::Roles(RolesCall::register_patient {
			hospital: 0,
			account: charlie.account_id(),
		}),
		RuntimeCall::Roles(RolesCall::register_patient { hospital: 0, account: dave.account_id() }),
		RuntimeCall::Roles(RolesCall::assign_role {
			hospital: 0,
			account: bob.account_id(),
			role: runtime_types::medchain_primitives::Role::Doctor,
		}),
	];
	let batch = runtime::transactions().utility().batch_all(register);
	chain.submit(&batch, &alice).await.unwrap();
	let roles = chain.roles();
	let published = tokio::join!(
		roles.publish_encryption_key(&bob),
		roles.publish_encryption_key(&charlie),
		roles.publish_encryption_key(&dave)
	);
	assert!(published.0.is_ok() && published.1.is_ok() && published.2.is_ok());
	let records = chain.records();
	let bob_id = bob.account_id();
	let (granted, also) = tokio::join!(
		records.grant(&charlie, &bob_id, &[1], None),
		records.grant(&dave, &bob_id, &[1], None)
	);
	granted.unwrap();
	also.unwrap();

	// Bob stores four ciphertexts in daemon A and adds records: S for Charlie and (the same
	// CID) for Dave, V and X for Charlie. E is stored for a later update.
	let mut cids = Vec::new();
	for (seed, name) in [(11, "s"), (12, "v"), (13, "x"), (14, "e")] {
		random_file(&data.path().join(name), 300_000, seed);
		let stored = records
			.store_record(
				&bob,
				&charlie.account_id(),
				1,
				&data.path().join(name),
				&ContentStore::Kubo(storage_a.clone()),
				|_, _| {},
			)
			.await
			.unwrap();
		cids.push(stored);
	}
	let [s, v, x, e] = [cids[0], cids[1], cids[2], cids[3]];
	let add = |patient: &Account, cid: &cid::Cid| {
		RuntimeCall::Records(RecordsCall::add_record {
			patient: patient.account_id(),
			cid: cid.to_bytes(),
			category: 1,
		})
	};
	let calls = vec![add(&charlie, &s), add(&dave, &s), add(&charlie, &v), add(&charlie, &x)];
	let events =
		chain.submit(&runtime::transactions().utility().batch_all(calls), &bob).await.unwrap();
	let added: Vec<u64> = events
		.find::<runtime::records::events::RecordAdded>()
		.map(|added| added.unwrap().record)
		.collect();
	let [charlies_s, _, record_v, record_x] = [added[0], added[1], added[2], added[3]];
	for (storage, daemon) in daemons {
		for cid in [&s, &v, &x] {
			wait_pinned(storage, daemon, &cid.to_string(), true).await;
		}
	}

	// Sixteen co-signed updates of V's record in one extrinsic: to E, back to V (a revert),
	// then to fourteen CIDs no daemon can fetch.
	let mut changes = vec![(record_v, update_to(&e)), (record_v, update_to(&v))];
	changes.extend((1..=14).map(|n| (record_v, update_to(&unfetchable(n)))));
	let signed = records.cosign_all(&charlie, &bob.account_id(), changes, 100).await.unwrap();
	records.submit_cosigned_all(&bob, signed).await.unwrap();
	// The seventeenth update prunes V's first history entry; Charlie's copy of S and X go.
	let changes = vec![
		(record_v, update_to(&unfetchable(15))),
		(charlies_s, Change::Delete),
		(record_x, Change::Delete),
	];
	let signed = records.cosign_all(&charlie, &bob.account_id(), changes, 100).await.unwrap();
	let events = records.submit_cosigned_all(&bob, signed).await.unwrap();
	assert!(events.find_first::<runtime::records::events::HistoryPruned>().is_some());

	// X leaves both daemons at once and is collected; S and V stay pinned and served.
	for (storage, daemon) in daemons {
		wait_pinned(storage, daemon, &x.to_string(), false).await;
	}
	let deadline = Instant::now() + Duration::from_secs(90);
	while !(a.logged("garbage collected") && b.logged("garbage collected")) {
		assert!(
			Instant::now() < deadline,
			"no garbage collection:\n{}\n{}",
			a.log_tail(),
			b.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	for (storage, daemon) in daemons {
		for cid in [&s, &v] {
			assert!(storage.is_pinned(cid).await.unwrap(), "{cid}: {}", daemon.log_tail());
			assert_eq!(served(storage, cid).await, *cid);
		}
		// E, referenced by the first batch, is fetched beside the unfetchable ones.
		wait_pinned(storage, daemon, &e.to_string(), true).await;
		assert_eq!(served(storage, &e).await, e);
	}

	// An upload no record names leaves daemon B (grace 20 s) but stays on A (one day).
	random_file(&data.path().join("orphan"), 1000, 15);
	let orphan_b = storage_b.add(&data.path().join("orphan"), |_| {}).await.unwrap();
	let orphan_a = storage_a.add(&data.path().join("orphan"), |_| {}).await.unwrap();
	wait_pinned(&storage_b, &b, &orphan_b.to_string(), false).await;
	assert!(storage_a.is_pinned(&orphan_a).await.unwrap());
}

/// How many CIDs the daemon pins.
async fn pin_count(daemon: &StorageDaemon) -> usize {
	let response = reqwest::Client::new()
		.post(format!("{}/api/v0/pin/ls", daemon.api_url))
		.send()
		.await
		.unwrap();
	let pins: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
	pins["Keys"].as_object().unwrap().len()
}

/// Bad input through the `medchain` binary and a real daemon: an unreachable node, malformed
/// CIDs and co-signatures, a bad secret, a missing and an oversized file, a storage that sends
/// truncated or endless content, a record whose content names another patient, and a key an
/// expired grantee still holds. Each is one sentence and exit code 1, and nothing changes on
/// chain, in the storage or on disk.
#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_one_sentence_and_changes_nothing() {
	let node = Node::dev("bad-input");
	drop(node.client(Duration::from_secs(90)).await);
	let data = tempfile::tempdir().unwrap();
	let daemon =
		StorageDaemon::start("bad-input", &node.rpc_url, data.path().join("storage")).await;
	let stack = Medchain {
		node: node.rpc_url.clone(),
		ipfs: daemon.api_url.clone(),
		token_file: Some(daemon.token_file()),
	};
	let file = |name: &str| data.path().join(name);
	let path = |name: &str| file(name).to_str().unwrap().to_string();

	// Alice, admin of hospital 0, registers two patients and two doctors; Charlie consents to
	// Bob, Dave to Bob (for a few blocks only) and to Eve.
	let chain = Chain::connect(&node.rpc_url).await.unwrap();
	let [alice, bob, charlie, dave, eve] = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"]
		.map(|uri| Account::from_uri(uri).unwrap());
	let doctor = |who: &Account| {
		RuntimeCall::Roles(RolesCall::assign_role {
			hospital: 0,
			account: who.account_id(),
			role: runtime_types::medchain_primitives::Role::Doctor,
		})
	};
	let patient = |who: &Account| {
		RuntimeCall::Roles(RolesCall::register_patient { hospital: 0, account: who.account_id() })
	};
	let register = vec![patient(&charlie), patient(&dave), doctor(&bob), doctor(&eve)];
	chain.submit(&runtime::transactions().utility().batch_all(register), &alice).await.unwrap();
	let roles = chain.roles();
	let published = tokio::join!(
		roles.publish_encryption_key(&bob),
		roles.publish_encryption_key(&charlie),
		roles.publish_encryption_key(&dave),
		roles.publish_encryption_key(&eve)
	);
	assert!(
		published.0.is_ok() && published.1.is_ok() && published.2.is_ok() && published.3.is_ok()
	);
	let records = chain.records();
	let soon = chain.finalized_number().await.unwrap() + 8;
	let bob_id = bob.account_id();
	let (first, second) = tokio::join!(
		records.grant(&charlie, &bob_id, &[1], None),
		records.grant(&dave, &bob_id, &[1], Some(soon))
	);
	first.unwrap();
	second.unwrap();
	records.grant(&dave, &eve.account_id(), &[1], None).await.unwrap();

	// One good record of Charlie's.
	random_file(&file("scan.bin"), 200_000, 21);
	let added = stack.ok("//Bob", &new_content("add", &path("scan.bin")));
	let record = added["record"].to_string();
	let cid = cid::Cid::try_from(added["cid"].as_str().unwrap()).unwrap();
	let pins = pin_count(&daemon).await;
	let listed = |who: &str, patient: &str| {
		stack.ok(who, &["record", "list", "--patient", patient]).as_array().unwrap().len()
	};
	let (charlies, daves) = (listed("//Bob", CHARLIE), listed("//Bob", DAVE));

	let refusals: Vec<(&str, Vec<String>, &str)> = vec![
		(
			"//Charlie",
			["record", "cosign", &record, "--doctor", BOB, "--cid", "not-a-cid"]
				.map(String::from)
				.to_vec(),
			"not-a-cid",
		),
		(
			"//Bob",
			["record", "submit", "--cosignature", "0x1234"].map(String::from).to_vec(),
			"not a MedChain co-signature",
		),
		(
			"not a secret at all",
			["key", "show"].map(String::from).to_vec(),
			"not a valid secret URI",
		),
		(
			"//Bob",
			new_content("add", &path("missing.bin")).map(String::from).to_vec(),
			"missing.bin",
		),
	];
	let output = std::process::Command::new(env!("CARGO_BIN_EXE_medchain"))
		.args(["--node", "ws://127.0.0.1:1", "--key", "//Bob", "record", "list"])
		.output()
		.unwrap();
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(1), "{stderr}");
	assert!(stderr.contains("node at ws://127.0.0.1:1 is unreachable"), "{stderr}");
	for (key, args, expected) in &refusals {
		let args: Vec<&str> = args.iter().map(String::as_str).collect();
		let error = stack.fails(key, &args);
		assert!(error.contains(expected), "{args:?}: {error}");
	}

	// A file over the record size limit is refused before anything is encrypted or sent.
	random_file(&file("big.bin"), 5_000, 22);
	let mut command = stack.command("//Bob", &new_content("add", &path("big.bin")));
	let output = command.args(["--max-record-size", "1000"]).output().unwrap();
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(1), "{stderr}");
	assert!(stderr.contains("more than the 1000-byte limit"), "{stderr}");

	// A storage that sends cut or endless content: caught before anything is decrypted, and
	// nothing is left on disk.
	let mut ciphertext = Vec::new();
	let storage = Storage::new(&stack.ipfs);
	storage.cat(&cid, &mut ciphertext).await.unwrap();
	let cut = lying_storage(ciphertext[..ciphertext.len() - 1000].to_vec());
	let endless = lying_storage(vec![0; 300_000]);
	let fetches: [(&str, &[&str], &str); 2] = [
		(&cut, &[], "CID mismatch"),
		(&endless, &["--max-record-size", "250000"], "sent more than 250000 bytes"),
	];
	for (liar, extra, expected) in fetches {
		let mut command =
			stack.command("//Charlie", &["record", "get", &record, "--output", &path("out.bin")]);
		let output = command.args(["--ipfs", liar]).args(extra).output().unwrap();
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert_eq!(output.status.code(), Some(1), "{stderr}");
		assert!(stderr.contains(expected) && stderr.trim().lines().count() == 1, "{stderr}");
		assert!(!file("out.bin").exists() && !file("out.bin.partial").exists());
	}

	// Bob's consent from Dave expires while he still holds Dave's key: Eve's client refuses to
	// write under it (before encrypting or uploading) until Dave rotates.
	while chain.finalized_number().await.unwrap() <= soon {
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	let add_for_dave =
		["record", "add", "--patient", DAVE, "--category", CATEGORY, "--file", &path("scan.bin")];
	let error = stack.fails("//Eve", &add_for_dave);
	assert!(error.contains("waits for a rotation") && error.contains("consent rotate"), "{error}");

	// Nothing of the above reached the chain or the storage.
	assert_eq!(pin_count(&daemon).await, pins);
	assert_eq!((listed("//Bob", CHARLIE), listed("//Eve", DAVE)), (charlies, daves));

	// Dave rotates; Eve writes.
	stack.ok("//Dave", &["consent", "rotate", "--category", CATEGORY]);
	stack.ok("//Eve", &add_for_dave);
	assert_eq!(listed("//Eve", DAVE), daves + 1);

	// Charlie's ciphertext registered as a record of Dave's: authentic, but not Dave's record.
	let relabelled = records.add_record(&eve, &dave.account_id(), 1, &cid).await.unwrap();
	let error = stack.fails(
		"//Dave",
		&["record", "get", &relabelled.to_string(), "--output", &path("dave.bin")],
	);
	assert!(error.contains(&format!("labelled for patient {CHARLIE}, category 1")), "{error}");
	assert!(!file("dave.bin").exists() && !file("dave.bin.partial").exists());
}
