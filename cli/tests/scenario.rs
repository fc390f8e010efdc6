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

use common::Medchain;
use medchain_client::{chain::Chain, keys::Account, records::RecordsError, storage::Storage};
use medchain_test_node::{free_port, Node, StorageDaemon};
use std::{
	io::{Read, Write},
	path::Path,
	time::{Duration, Instant},
};

const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";
const DAVE: &str = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
const EVE: &str = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
const FERDIE: &str = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL";
const CATEGORY: &str = "1";

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
	let stack = Medchain { node: node.rpc_url.clone(), ipfs: daemon.api_url.clone() };
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
