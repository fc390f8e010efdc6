//! `medchain node …`: the consortium's authorized (well-known) nodes, changed by council
//! motions.

use crate::{
	context::{account, Context, Failure},
	council::propose,
};
use clap::Subcommand;
use medchain_client::{
	consortium::{self, parse_peer_id},
	views,
};

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

pub async fn run(ctx: &Context, command: &NodeCommand) -> Result<(), Failure> {
	match command {
		NodeCommand::List => {
			let nodes = ctx.chain().await?.consortium().well_known_nodes().await?;
			let nodes: Vec<views::Node> = nodes.iter().map(views::Node::from).collect();
			ctx.print(&nodes, || {
				nodes
					.iter()
					.map(|node| {
						format!(
							"{} owned by {}",
							node.peer_id,
							node.owner.as_deref().unwrap_or("-")
						)
					})
					.collect::<Vec<_>>()
					.join("\n")
			})
		},
		NodeCommand::Authorize { peer_id, owner } => {
			let call = consortium::authorize_node_call(parse_peer_id(peer_id)?, account(owner)?);
			propose(ctx, call, &format!("node {peer_id} authorized")).await
		},
		NodeCommand::Remove { peer_id } => {
			let call = consortium::remove_node_call(parse_peer_id(peer_id)?);
			propose(ctx, call, &format!("node {peer_id} no longer authorized")).await
		},
	}
}
