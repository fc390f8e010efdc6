//! Smoke test of the real node: `medchain-node --dev` produces and finalizes blocks, answers
//! JSON-RPC (including the `records_*` methods), and stops cleanly on Ctrl-C.

use jsonrpsee::{core::client::ClientT, rpc_params};
use medchain_test_node::{best_and_finalized, Node};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_and_finalizes_blocks_then_stops_cleanly() {
	let mut node = Node::dev_with(env!("CARGO_BIN_EXE_medchain-node").as_ref(), "smoke");
	let client = node.client(Duration::from_secs(60)).await;

	let chain: String = client.request("system_chain", rpc_params![]).await.unwrap();
	assert_eq!(chain, "MedChain Development");

	// Blocks come at most 6 s apart: 3 produced and 2 finalized well within a minute.
	let start = Instant::now();
	let (mut best, mut finalized) = (0, 0);
	while start.elapsed() < Duration::from_secs(90) && (best < 3 || finalized < 2) {
		(best, finalized) = best_and_finalized(&client).await;
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	assert!(best >= 3, "best block {best} after {:?}; log:\n{}", start.elapsed(), node.log_tail());
	assert!(finalized >= 2, "finalized {finalized}; log:\n{}", node.log_tail());
	println!("dev node: best #{best}, finalized #{finalized} after {:?}", start.elapsed());

	// The records_* methods answer over the runtime API; bad accounts are invalid params.
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let records: Vec<serde_json::Value> = client
		.request("records_patientRecords", rpc_params![alice, None::<u64>, 10])
		.await
		.unwrap();
	assert!(records.is_empty());
	let record: Option<serde_json::Value> =
		client.request("records_record", rpc_params![alice, 0]).await.unwrap();
	assert_eq!(record, None);
	let access: bool =
		client.request("records_canAccess", rpc_params![alice, alice, 0]).await.unwrap();
	assert!(!access);
	let nonce: u64 = client.request("records_cosignNonce", rpc_params![alice]).await.unwrap();
	assert_eq!(nonce, 0);
	let error = client
		.request::<Vec<serde_json::Value>, _>("records_grants", rpc_params!["5Grw"])
		.await
		.unwrap_err();
	assert!(error.to_string().contains("not an account"), "{error}");

	let log = std::fs::read_to_string(&node.log).unwrap();
	assert!(log.contains("ParityDb"), "the node uses ParityDB; log:\n{}", node.log_tail());

	drop(client);
	assert!(node.stop(Duration::from_secs(30)), "node exits cleanly; log:\n{}", node.log_tail());
}
