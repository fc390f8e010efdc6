//! `medchain council|validator|node`: the consortium's governance. Every change is a council
//! motion: a member proposes it, the others vote, and the vote that decides it also closes it.

use crate::{parse_account, ss58, Cli, Failure};
use clap::Subcommand;
use medchain_client::{
	chain::Chain,
	consortium::{self, parse_peer_id, peer_id_text},
	council::{Motion, RuntimeCall},
};
use subxt::utils::H256;

#[derive(Subcommand, Debug)]
pub enum CouncilCommand {
	/// List the open motions with their votes.
	Motions,
	/// List the council's members.
	Members,
	/// Vote on an open motion (as a council member); the deciding vote also closes it.
	Vote {
		/// The motion's hash (0x…).
		motion: H256,
		/// Vote against it.
		#[arg(long)]
		reject: bool,
	},
	/// Close a motion whose votes are in or whose voting period ended.
	Close {
		/// The motion's hash (0x…).
		motion: H256,
	},
	/// Propose to give an account a council seat.
	AddMember {
		/// The account (SS58).
		account: String,
	},
	/// Propose a runtime upgrade (a Root motion: three quarters of the council, then the
	/// chain's governance delay, during which a council majority can cancel it).
	Upgrade {
		/// The new runtime (`…compact.compressed.wasm`).
		runtime: std::path::PathBuf,
	},
	/// Submit the runtime of an upgrade the council authorized (anyone may, once the delay
	/// has passed) and wait until it is applied.
	ApplyUpgrade {
		/// The same runtime file the motion named.
		runtime: std::path::PathBuf,
	},
}

#[derive(Subcommand, Debug)]
pub enum ValidatorCommand {
	/// The council's validator list and the current session's validators.
	List,
	/// Propose to add a validator; once listed it publishes its session keys
	/// (`validator set-keys`) and takes part from the second session boundary after that.
	Add {
		/// The validator's account (SS58).
		account: String,
	},
	/// Propose to remove a validator.
	Remove {
		/// The validator's account (SS58).
		account: String,
	},
	/// Make session keys in your validator node's keystore and publish them for the acting
	/// account (a listed validator).
	SetKeys {
		/// Your validator node's own RPC (it allows unsafe methods only on its loopback port).
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		validator_rpc: String,
	},
}

#[derive(Subcommand, Debug)]
pub enum NodeCommand {
	/// The authorized (well-known) nodes and their owners.
	List,
	/// Propose to authorize a node.
	Authorize {
		/// The node's peer id (its "Local node identity").
		peer_id: String,
		/// The account that owns it (SS58).
		#[arg(long)]
		owner: String,
	},
	/// Propose to withdraw a node's authorization.
	Remove {
		/// The node's peer id.
		peer_id: String,
	},
}

/// Propose `call` and print what became of it.
async fn propose(cli: &Cli, chain: &Chain, call: RuntimeCall, what: &str) -> Result<(), Failure> {
	let motion = chain.council_motion(&cli.account()?, call).await?;
	print_motion(cli, &motion, what);
	Ok(())
}

/// Print a motion's state; `what` says what running it did.
pub fn print_motion(cli: &Cli, motion: &Motion, what: &str) {
	match motion {
		Motion::Executed(_) => cli
			.print(serde_json::json!({ "executed": true, "what": what }), || {
				format!("the council approved: {what}")
			}),
		Motion::Disapproved => cli
			.print(serde_json::json!({ "executed": false, "disapproved": true }), || {
				"the council rejected the motion".into()
			}),
		Motion::Pending { hash, index, threshold } => cli.print(
			serde_json::json!({ "motion": format!("{hash:?}"), "index": index, "threshold": threshold }),
			|| format!("motion {hash:?} (index {index}) needs {threshold} council votes"),
		),
	}
}

pub async fn council(cli: &Cli, command: &CouncilCommand) -> Result<(), Failure> {
	let chain = Chain::connect(&cli.node).await?;
	match command {
		CouncilCommand::Motions => {
			let motions = chain.council_motions().await?;
			let json: Vec<_> = motions
				.iter()
				.map(|m| {
					serde_json::json!({
						"motion": format!("{:?}", m.hash),
						"index": m.index,
						"call": format!("{:?}", m.call),
						"threshold": m.threshold,
						"ayes": m.ayes.iter().map(ss58).collect::<Vec<_>>(),
						"nays": m.nays.iter().map(ss58).collect::<Vec<_>>(),
						"end": m.end,
					})
				})
				.collect();
			cli.print(serde_json::Value::Array(json), || {
				motions
					.iter()
					.map(|m| {
						format!(
							"{:?} (index {}): {} of {} ayes, {} nays, open until block {}\n  {:?}",
							m.hash,
							m.index,
							m.ayes.len(),
							m.threshold,
							m.nays.len(),
							m.end,
							m.call
						)
					})
					.collect::<Vec<_>>()
					.join("\n")
			});
		},
		CouncilCommand::Members => {
			let members: Vec<String> = chain.council_members().await?.iter().map(ss58).collect();
			cli.print(serde_json::json!(members), || members.join("\n"));
		},
		CouncilCommand::Vote { motion, reject } => {
			let outcome = chain.council_vote(&cli.account()?, *motion, !reject).await?;
			print_motion(cli, &outcome, &format!("motion {motion:?}"));
		},
		CouncilCommand::Close { motion } => {
			let outcome = chain.council_close(&cli.account()?, *motion).await?;
			print_motion(cli, &outcome, &format!("motion {motion:?}"));
		},
		CouncilCommand::AddMember { account } => {
			let member = parse_account(account)?;
			let call = RuntimeCall::CouncilMembership(
				medchain_client::chain::runtime::runtime_types::pallet_membership::pallet::Call::add_member {
					who: subxt::utils::MultiAddress::Id(member),
				},
			);
			propose(cli, &chain, call, &format!("council seat for {account}")).await?;
		},
		CouncilCommand::Upgrade { runtime } => {
			let code = read_runtime(runtime)?;
			let outcome = chain.propose_upgrade(&cli.account()?, &code).await?;
			let hash = format!("{:?}", medchain_client::council::upgrade_hash(&code));
			print_motion(cli, &outcome, &format!("the runtime upgrade to {hash}"));
		},
		CouncilCommand::ApplyUpgrade { runtime } => {
			let code = read_runtime(runtime)?;
			chain.apply_upgrade(code).await?;
			let version =
				chain.api().at_current_block().await.map_err(|e| Failure(e.to_string()))?;
			let spec = version.spec_version();
			cli.print(serde_json::json!({ "applied": true, "specVersion": spec }), || {
				format!("the runtime upgrade is applied (spec version {spec})")
			});
		},
	}
	Ok(())
}

/// The runtime file at `path`.
fn read_runtime(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
	std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

pub async fn validator(cli: &Cli, command: &ValidatorCommand) -> Result<(), Failure> {
	let chain = Chain::connect(&cli.node).await?;
	match command {
		ValidatorCommand::List => {
			let list = chain.validators().await?;
			let planned: Vec<String> = list.planned.iter().map(ss58).collect();
			let active: Vec<String> = list.active.iter().map(ss58).collect();
			cli.print(
				serde_json::json!({
					"planned": planned,
					"active": active,
					"session": list.session,
					"sessionPeriod": list.session_period,
				}),
				|| {
					format!(
						"session {} ({} blocks each)\nactive: {}\ncouncil's list: {}",
						list.session,
						list.session_period,
						active.join(", "),
						planned.join(", ")
					)
				},
			);
		},
		ValidatorCommand::Add { account } => {
			let call = consortium::add_validator(parse_account(account)?);
			propose(cli, &chain, call, &format!("validator {account} added")).await?;
		},
		ValidatorCommand::Remove { account } => {
			let call = consortium::remove_validator(parse_account(account)?);
			propose(cli, &chain, call, &format!("validator {account} removed")).await?;
		},
		ValidatorCommand::SetKeys { validator_rpc } => {
			let account = cli.account()?;
			let keys = chain.set_session_keys(&account, validator_rpc).await?;
			let keys = format!("0x{}", hex::encode(keys));
			cli.print(serde_json::json!({ "validator": account.address(), "keys": keys }), || {
				format!("published session keys {keys} for {}", account.address())
			});
		},
	}
	Ok(())
}

pub async fn node(cli: &Cli, command: &NodeCommand) -> Result<(), Failure> {
	let chain = Chain::connect(&cli.node).await?;
	match command {
		NodeCommand::List => {
			let nodes = chain.well_known_nodes().await?;
			let rows: Vec<(String, Option<String>)> = nodes
				.iter()
				.map(|(peer, owner)| (peer_id_text(peer), owner.as_ref().map(ss58)))
				.collect();
			let json: Vec<_> = rows
				.iter()
				.map(|(peer, owner)| serde_json::json!({ "peerId": peer, "owner": owner }))
				.collect();
			cli.print(serde_json::Value::Array(json), || {
				rows.iter()
					.map(|(peer, owner)| {
						format!("{peer} owned by {}", owner.as_deref().unwrap_or("-"))
					})
					.collect::<Vec<_>>()
					.join("\n")
			});
		},
		NodeCommand::Authorize { peer_id, owner } => {
			let call = consortium::authorize_node(parse_peer_id(peer_id)?, parse_account(owner)?);
			propose(cli, &chain, call, &format!("node {peer_id} authorized")).await?;
		},
		NodeCommand::Remove { peer_id } => {
			let call = consortium::remove_node(parse_peer_id(peer_id)?);
			propose(cli, &chain, call, &format!("node {peer_id} no longer authorized")).await?;
		},
	}
	Ok(())
}
