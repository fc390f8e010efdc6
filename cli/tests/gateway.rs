//! The hospital gateways and the read audit, with a real `medchain-node --dev`, two real
//! `medchain-storage` daemons (two hospitals, one private swarm) and the `medchain` binary:
//!
//! both hospitals publish their gateways → a doctor adds a record through his hospital's
//! gateway → the patient (through the other hospital's gateway) and consented doctors read it
//! byte-identical; a staff member without consent, a stranger and a doctor whose consent expired
//! are refused, and every refusal is logged → replayed, stale, forged and misdirected signed
//! requests are refused with 401 → the patient's `medchain audit` lists exactly those reads from
//! both gateways, in order, all anchored; the doctor sees only his own → anchoring goes on
//! after a daemon restart → after the log file is altered on disk, the audit reports that the
//! log no longer leads to the anchored head, and the daemon stops anchoring it.

mod common;

use common::{
	dev::{BOB, CHARLIE, DAVE, EVE, FERDIE},
	Medchain,
};
use medchain_client::{
	chain::Chain,
	crypto::gateway::{
		body_hash, request_message, ACCOUNT_HEADER, CONTENT_HASH_HEADER, SIGNATURE_HEADER,
		TIMESTAMP_HEADER,
	},
	keys::Account,
};
use medchain_test_node::{Node, StorageDaemon};
use std::{
	path::Path,
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use subxt::utils::AccountId32;

fn random_file(path: &Path, len: usize, seed: u8) -> Vec<u8> {
	let bytes: Vec<u8> = (0..len)
		.map(|i| (i as u64).wrapping_mul(2654435761).wrapping_add(seed as u64) as u8)
		.collect();
	std::fs::write(path, &bytes).unwrap();
	bytes
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

/// A request to `gateway` signed by `signer` at `timestamp` for the gateway whose service
/// account is `identity`, with `account` named as the caller: a GET, or a POST of `body`; its
/// status and answer.
async fn signed(
	gateway: &str,
	path_and_query: &str,
	body: Option<&[u8]>,
	(signer, account): (&Account, &str),
	identity: &AccountId32,
	timestamp: u64,
) -> (u16, String) {
	let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
	let method = if body.is_some() { "POST" } else { "GET" };
	let hash = body_hash(body.unwrap_or_default());
	let message = request_message(method, path, query, &hash, timestamp, &identity.0);
	let signature = format!("0x{}", hex::encode(signer.sign(&message).0));
	let client = reqwest::Client::new();
	let url = format!("{gateway}{path_and_query}");
	let request = match body {
		Some(body) => client.post(url).header(CONTENT_HASH_HEADER, &hash).body(body.to_vec()),
		None => client.get(url),
	};
	let response = request
		.header(ACCOUNT_HEADER, account)
		.header(TIMESTAMP_HEADER, timestamp.to_string())
		.header(SIGNATURE_HEADER, signature)
		.send()
		.await
		.unwrap();
	(response.status().as_u16(), response.text().await.unwrap())
}

/// The `0x` hex a read log writes for the development account `uri`.
fn logged_as(uri: &str) -> String {
	format!("0x{}", hex::encode(Account::from_uri(uri).unwrap().account_id().0))
}

/// `medchain audit` as `key` until every hospital's entries are anchored (at most 120 s).
fn audited(
	stack: &Medchain,
	key: &str,
	args: &[&str],
	daemons: &[&StorageDaemon],
) -> serde_json::Value {
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let mut all = vec!["audit"];
		all.extend_from_slice(args);
		let answer = stack.ok(key, &all);
		let entries = answer["entries"].as_array().unwrap();
		if !entries.is_empty() && entries.iter().all(|e| e["anchored"] == true) {
			return answer;
		}
		let logs: Vec<String> = daemons.iter().map(|d| d.log_tail()).collect();
		assert!(Instant::now() < deadline, "not anchored in time: {answer}\n{}", logs.join("\n"));
		std::thread::sleep(Duration::from_secs(2));
	}
}

/// (hospital, reader, outcome) of each entry of an audit answer.
fn summary(answer: &serde_json::Value) -> Vec<(u64, String, String)> {
	answer["entries"]
		.as_array()
		.unwrap()
		.iter()
		.map(|e| {
			(
				e["hospital"].as_u64().unwrap(),
				e["reader"].as_str().unwrap().to_string(),
				e["outcome"].as_str().unwrap().to_string(),
			)
		})
		.collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn gateways_serve_what_the_chain_allows_and_the_read_audit_holds() {
	let started = Instant::now();
	let node = Node::dev("gateway");
	drop(node.client(Duration::from_secs(90)).await);
	let data = tempfile::tempdir().unwrap();
	let file = |name: &str| data.path().join(name);
	let path = |name: &str| file(name).to_str().unwrap().to_string();

	// Two hospitals' daemons in one private swarm.
	let general = StorageDaemon::start("general", &node.rpc_url, file("general")).await;
	std::fs::create_dir_all(file("luke")).unwrap();
	std::fs::copy(file("general").join("swarm.key"), file("luke").join("swarm.key")).unwrap();
	let peer = general.swarm_address();
	let mut luke =
		StorageDaemon::start_with("luke", &node.rpc_url, file("luke"), &["--peer", &peer]).await;
	let stack = Medchain { node: node.rpc_url.clone(), ipfs: String::new(), token_file: None };

	// Before any hospital publishes a gateway, records have nowhere to go.
	let error = stack.fails("//Charlie", &["record", "get", "0", "--output", &path("none.bin")]);
	assert!(error.contains("no hospital publishes a gateway"), "{error}");

	// The council registers St. Luke; each hospital's admin publishes its gateway.
	let registered =
		stack.ok("//Alice", &["hospital", "register", "--name", "St. Luke", "--admin", FERDIE]);
	assert_eq!(registered["hospital"], 1);
	let (general_service, luke_service) = (general.service_account(), luke.service_account());
	stack.ok(
		"//Alice",
		&[
			"hospital",
			"set-services",
			"0",
			"--url",
			&general.gateway_url,
			"--service-account",
			&general_service,
		],
	);
	stack.ok(
		"//Ferdie",
		&[
			"hospital",
			"set-services",
			"1",
			"--url",
			&luke.gateway_url,
			"--service-account",
			&luke_service,
		],
	);
	// Only the hospital's admin publishes, and a service account holds no role.
	let error = stack.fails(
		"//Ferdie",
		&["hospital", "set-services", "0", "--url", "https://x.example", "--service-account", EVE],
	);
	assert!(error.contains("NotAuthorized"), "{error}");
	let services = stack.ok("//Charlie", &["hospital", "services"]);
	assert_eq!(services.as_array().unwrap().len(), 2, "{services}");

	for (account, role) in [(BOB, "doctor"), (DAVE, "doctor"), (EVE, "staff")] {
		stack.ok("//Ferdie", &["role", "assign", "--hospital", "1", "--role", role, account]);
	}
	stack.ok("//Eve", &["patient", "register", "--hospital", "1", CHARLIE]);
	stack.all(&[
		("//Bob", &["key", "publish"]),
		("//Charlie", &["key", "publish"]),
		("//Dave", &["key", "publish"]),
	]);
	let chain = Chain::connect(&stack.node).await.unwrap();
	stack.ok("//Charlie", &["consent", "grant", BOB, "--categories", "1"]);
	let expires = chain.finalized_number().await.unwrap() + 12;
	stack.ok(
		"//Charlie",
		&["consent", "grant", DAVE, "--categories", "1", "--expires", &expires.to_string()],
	);

	// Bob adds a record through his hospital's gateway (St. Luke's, his default).
	let original = random_file(&file("scan.bin"), 2 * 1024 * 1024 + 17, 1);
	let added = stack.ok(
		"//Bob",
		&["record", "add", "--patient", CHARLIE, "--category", "1", "--file", &path("scan.bin")],
	);
	let record = added["record"].to_string();

	// The patient reads through the General's gateway (which fetches the content from St.
	// Luke's over the swarm); both doctors read through St. Luke's.
	let get = |who: &str, out: &str, extra: &[&str]| {
		let mut args = vec!["record", "get", record.as_str(), "--patient", CHARLIE, "--output"];
		let out = path(out);
		args.push(&out);
		args.extend_from_slice(extra);
		stack.command(who, &args).output().unwrap()
	};
	assert!(get("//Charlie", "charlie.bin", &["--gateway", "0"]).status.success());
	assert!(get("//Bob", "bob.bin", &[]).status.success());
	assert!(get("//Dave", "dave.bin", &["--purpose", "research"]).status.success());
	for name in ["charlie.bin", "bob.bin", "dave.bin"] {
		assert!(std::fs::read(file(name)).unwrap() == original, "{name} differs");
	}
	// No consent, no role: refused at the gateway, with the reason.
	let eve = get("//Eve", "eve.bin", &[]);
	let stderr = String::from_utf8_lossy(&eve.stderr);
	assert!(!eve.status.success() && stderr.contains("no live consent"), "{stderr}");
	let stranger = stack.fails(
		"//Stranger",
		&[
			"record",
			"get",
			&record,
			"--patient",
			CHARLIE,
			"--output",
			&path("s.bin"),
			"--gateway",
			&luke.gateway_url,
		],
	);
	assert!(stranger.contains("refused (403)"), "{stranger}");
	assert!(!file("eve.bin").exists() && !file("s.bin").exists());

	// Dave's consent expires: the gateway stops serving him.
	while chain.finalized_number().await.unwrap() <= expires {
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	let late = get("//Dave", "late.bin", &[]);
	assert!(!late.status.success(), "an expired consent still reads");

	// Signed requests: a replay, a stale timestamp, a forged signature and a request signed
	// for the other gateway are refused with 401 and say why.
	let charlie = Account::from_uri("//Charlie").unwrap();
	let identity: AccountId32 = luke_service.parse().unwrap();
	let audit_path = format!("/v1/audit?patient={CHARLIE}&anchored=0");
	let now = now_ms();
	let first =
		signed(&luke.gateway_url, &audit_path, None, (&charlie, CHARLIE), &identity, now).await;
	assert_eq!(first.0, 200, "{}", first.1);
	let again =
		signed(&luke.gateway_url, &audit_path, None, (&charlie, CHARLIE), &identity, now).await;
	assert_eq!(again.0, 401);
	assert!(again.1.contains("replay"), "{}", again.1);
	let stale =
		signed(&luke.gateway_url, &audit_path, None, (&charlie, CHARLIE), &identity, now - 120_000)
			.await;
	assert!(stale.0 == 401 && stale.1.contains("away from the gateway's clock"), "{stale:?}");
	let eve_key = Account::from_uri("//Eve").unwrap();
	let forged =
		signed(&luke.gateway_url, &audit_path, None, (&eve_key, CHARLIE), &identity, now_ms())
			.await;
	assert!(forged.0 == 401 && forged.1.contains("signature does not match"), "{forged:?}");
	let elsewhere =
		signed(&general.gateway_url, &audit_path, None, (&charlie, CHARLIE), &identity, now_ms())
			.await;
	assert!(
		elsewhere.0 == 401 && elsewhere.1.contains("signature does not match"),
		"{elsewhere:?}"
	);
	// Someone else's trail is not served, even signed.
	let theirs = format!("/v1/audit?patient={BOB}&anchored=0");
	let other =
		signed(&luke.gateway_url, &theirs, None, (&charlie, CHARLIE), &identity, now_ms()).await;
	assert!(other.0 == 403, "{other:?}");
	let unsigned = reqwest::get(format!("{}{audit_path}", luke.gateway_url)).await.unwrap();
	assert_eq!(unsigned.status().as_u16(), 401);
	// The CLI signs a request for curl, as the README shows.
	let signing =
		stack.ok("//Charlie", &["gateway", "headers", "GET", &audit_path, "--gateway", "1"]);
	let mut curl = std::process::Command::new("curl");
	curl.arg("-sf");
	for (name, value) in signing["headers"].as_object().unwrap() {
		curl.args(["-H", &format!("{name}: {}", value.as_str().unwrap())]);
	}
	let output = curl.arg(signing["url"].as_str().unwrap()).output().unwrap();
	assert!(output.status.success(), "curl: {}", String::from_utf8_lossy(&output.stderr));
	let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
	assert_eq!(answer["entries"].as_array().unwrap().len(), 5, "{answer}");
	// Only doctors upload; a body that does not match its declared hash is not stored.
	let upload =
		signed(&luke.gateway_url, "/v1/records", Some(b"x"), (&eve_key, EVE), &identity, now_ms())
			.await;
	assert!(upload.0 == 403 && upload.1.contains("only doctors"), "{upload:?}");
	let bob_key = Account::from_uri("//Bob").unwrap();
	let uploaded = signed(
		&luke.gateway_url,
		"/v1/records",
		Some(b"ciphertext"),
		(&bob_key, BOB),
		&identity,
		now_ms(),
	)
	.await;
	assert_eq!(uploaded.0, 201, "{uploaded:?}");

	// The patient's audit: exactly those reads, from both gateways, in order, all anchored.
	let answer = audited(&stack, "//Charlie", &[], &[&general, &luke]);
	let stranger_address = Account::from_uri("//Stranger").unwrap().address();
	let expected = vec![
		(0, CHARLIE.to_string(), "served".to_string()),
		(1, BOB.to_string(), "served".to_string()),
		(1, DAVE.to_string(), "served".to_string()),
		(1, EVE.to_string(), "refused".to_string()),
		(1, stranger_address, "refused".to_string()),
		(1, DAVE.to_string(), "refused".to_string()),
	];
	assert_eq!(summary(&answer), expected, "{answer}");
	let purposes: Vec<&str> = answer["entries"]
		.as_array()
		.unwrap()
		.iter()
		.map(|e| e["purpose"].as_str().unwrap())
		.collect();
	assert_eq!(purposes[2], "research");
	// The doctor sees his own reads only.
	let bobs = audited(&stack, "//Bob", &["--reads"], &[&general, &luke]);
	assert_eq!(summary(&bobs), vec![(1, BOB.to_string(), "served".to_string())], "{bobs}");

	// Anchoring goes on after a restart, from the durable log.
	luke.restart().await;
	assert!(get("//Bob", "bob2.bin", &[]).status.success());
	let answer = audited(&stack, "//Charlie", &[], &[&general, &luke]);
	assert_eq!(summary(&answer).len(), 7, "{answer}");
	let anchored = answer["hospitals"].as_array().unwrap()[1]["anchored"].as_u64().unwrap();
	assert_eq!(anchored, 6, "St. Luke's anchored log: {answer}");

	// The log file altered on disk: the audit reports it against the anchored head, and the
	// daemon stops anchoring. First Eve's refusal turned into a serve …
	let (dave, eve) = (logged_as("//Dave"), logged_as("//Eve"));
	let alter = |luke: &StorageDaemon, keep: &dyn Fn(&str) -> bool| {
		let log = std::fs::read_to_string(luke.audit_log()).unwrap();
		let altered: Vec<String> = log
			.lines()
			.filter(|line| keep(line))
			.map(|line| {
				if line.contains(&eve) {
					line.replace("\"refused\"", "\"served\"")
				} else {
					line.to_string()
				}
			})
			.collect();
		std::fs::write(luke.audit_log(), altered.join("\n") + "\n").unwrap();
		altered.len()
	};
	let audit_fails = |expected: &str| {
		let output = stack.command("//Charlie", &["audit"]).output().unwrap();
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert!(!output.status.success(), "an altered log checks out: {stderr}");
		assert!(stderr.contains("hospital 1") && stderr.contains(expected), "{stderr}");
		let report: serde_json::Value =
			serde_json::from_str(String::from_utf8_lossy(&output.stdout).trim()).unwrap();
		assert_eq!(report["hospitals"][0]["verified"], true, "{report}");
		assert_eq!(report["hospitals"][1]["verified"], false, "{report}");
	};
	luke.stop();
	assert_eq!(alter(&luke, &|_| true), 6);
	luke.restart().await;
	audit_fails("does not lead to the head anchored on chain after 6 entries");
	let deadline = Instant::now() + Duration::from_secs(60);
	while !luke.logged("does not lead to the head hospital 1 anchored") {
		assert!(Instant::now() < deadline, "{}", luke.log_tail());
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	// … then Dave's late read dropped as well.
	luke.stop();
	let without_dave = |line: &str| !(line.contains("\"refused\"") && line.contains(&dave));
	assert_eq!(alter(&luke, &without_dave), 5);
	luke.restart().await;
	audit_fails("shows 5 entries but 6 are anchored on chain: entries were dropped");
	eprintln!("gateway test took {:?}", started.elapsed());
}
