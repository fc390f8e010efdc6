//! `medchain council …`: the hospital council's motions, votes and members, and runtime
//! upgrades. Every change to the consortium is a council motion: a member proposes it, the
//! others vote, and the vote that decides it also closes it.

use crate::context::{account, Context, Failure};
use clap::Subcommand;
use medchain_client::{
	chain::RuntimeCall,
	council::{self, Motion},
	views,
};
use serde_json::json;
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

/// Propose `call` and print what became of it.
pub async fn propose(ctx: &Context, call: RuntimeCall, what: &str) -> Result<(), Failure> {
	let member = ctx.account()?;
	let motion = ctx.chain().await?.council().motion(&member, call).await?;
	print_motion(ctx, &motion, what)
}

/// Print a motion's state; `what` says what running it did.
pub fn print_motion(ctx: &Context, motion: &Motion, what: &str) -> Result<(), Failure> {
	match motion {
		Motion::Executed(_) => ctx.print(&json!({ "executed": true, "what": what }), || {
			format!("the council approved: {what}")
		}),
		Motion::Disapproved => ctx
			.print(&json!({ "executed": false, "disapproved": true }), || {
				"the council rejected the motion".into()
			}),
		Motion::Pending { hash, index, threshold } => ctx.print(
			&json!({ "motion": format!("{hash:?}"), "index": index, "threshold": threshold }),
			|| format!("motion {hash:?} (index {index}) needs {threshold} council votes"),
		),
	}
}

pub async fn run(ctx: &Context, command: &CouncilCommand) -> Result<(), Failure> {
	let council = ctx.chain().await?.council();
	match command {
		CouncilCommand::Motions => {
			let motions: Vec<views::Motion> =
				council.motions().await?.iter().map(views::Motion::from).collect();
			ctx.print(&motions, || {
				motions
					.iter()
					.map(|m| {
						format!(
							"{} (index {}): {} of {} ayes, {} nays, open until block {}\n  {}",
							m.motion,
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
			})
		},
		CouncilCommand::Members => {
			let members: Vec<String> =
				council.members().await?.iter().map(ToString::to_string).collect();
			ctx.print(&members, || members.join("\n"))
		},
		CouncilCommand::Vote { motion, reject } => {
			let outcome = council.vote(&ctx.account()?, *motion, !reject).await?;
			print_motion(ctx, &outcome, &format!("motion {motion:?}"))
		},
		CouncilCommand::Close { motion } => {
			let outcome = council.close(&ctx.account()?, *motion).await?;
			print_motion(ctx, &outcome, &format!("motion {motion:?}"))
		},
		CouncilCommand::AddMember { account: member } => {
			let call = council::add_member_call(account(member)?);
			propose(ctx, call, &format!("council seat for {member}")).await
		},
		CouncilCommand::Upgrade { runtime } => {
			let code = read_runtime(runtime)?;
			let outcome = council.propose_upgrade(&ctx.account()?, &code).await?;
			let hash = format!("{:?}", council::upgrade_hash(&code));
			print_motion(ctx, &outcome, &format!("the runtime upgrade to {hash}"))
		},
		CouncilCommand::ApplyUpgrade { runtime } => {
			let code = read_runtime(runtime)?;
			council.apply_upgrade(code).await?;
			let spec = ctx.chain().await?.spec_version().await?;
			ctx.print(&json!({ "applied": true, "specVersion": spec }), || {
				format!("the runtime upgrade is applied (spec version {spec})")
			})
		},
	}
}

/// The runtime file at `path`.
fn read_runtime(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
	std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}
