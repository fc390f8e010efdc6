//! `medchain role …`: hospital admins give and take doctor and staff roles in their own
//! hospital, and suspend them there; an account takes a role offered to it.

use crate::context::{account, Context, Failure};
use clap::{Subcommand, ValueEnum};
use medchain_client::roles::{Assignment, Role};
use serde_json::json;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StaffRole {
	Doctor,
	Staff,
}

impl From<StaffRole> for Role {
	fn from(role: StaffRole) -> Self {
		match role {
			StaffRole::Doctor => Role::Doctor,
			StaffRole::Staff => Role::Staff,
		}
	}
}

#[derive(Subcommand, Debug)]
pub enum RoleCommand {
	/// Give an account the doctor or staff role in a hospital you administer (an account that
	/// holds a role already is offered it and takes it with `role accept`).
	Assign {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The role.
		#[arg(long, value_enum)]
		role: StaffRole,
		/// The account (SS58).
		account: String,
	},
	/// Take the role back.
	Revoke {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The role.
		#[arg(long, value_enum)]
		role: StaffRole,
		/// The account (SS58).
		account: String,
	},
	/// Take a role a hospital offered you.
	Accept {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
	},
	/// Suspend an account's doctor and staff roles in a hospital you administer.
	Suspend {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
	/// Lift that suspension.
	Reinstate {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
}

pub async fn run(ctx: &Context, command: &RoleCommand) -> Result<(), Failure> {
	let me = ctx.account()?;
	let roles = ctx.chain().await?.roles();
	match command {
		RoleCommand::Assign { hospital, role, account: target } => {
			let target = account(target)?;
			let verb = match roles.assign_role(&me, *hospital, &target, (*role).into()).await? {
				Assignment::Assigned => "assigned",
				Assignment::Offered => "offered",
			};
			ctx.print(
				&json!({ verb: target, "hospital": hospital, "role": format!("{role:?}") }),
				|| format!("{verb} {role:?} at hospital {hospital}: {target}"),
			)
		},
		RoleCommand::Revoke { hospital, role, account: target } => {
			let target = account(target)?;
			roles.revoke_role(&me, *hospital, &target, (*role).into()).await?;
			ctx.print(
				&json!({ "revoked": target, "hospital": hospital, "role": format!("{role:?}") }),
				|| format!("revoked {role:?} at hospital {hospital}: {target}"),
			)
		},
		RoleCommand::Accept { hospital } => {
			roles.accept_role(&me, *hospital).await?;
			let me = me.address();
			ctx.print(&json!({ "accepted": me, "hospital": hospital }), || {
				format!("{me} took the role offered by hospital {hospital}")
			})
		},
		RoleCommand::Suspend { hospital, account: target } => {
			let target = account(target)?;
			roles.suspend_affiliation(&me, *hospital, &target).await?;
			ctx.print(&json!({ "suspended": target, "hospital": hospital }), || {
				format!("suspended the roles of {target} at hospital {hospital}")
			})
		},
		RoleCommand::Reinstate { hospital, account: target } => {
			let target = account(target)?;
			roles.reinstate_affiliation(&me, *hospital, &target).await?;
			ctx.print(&json!({ "reinstated": target, "hospital": hospital }), || {
				format!("reinstated the roles of {target} at hospital {hospital}")
			})
		},
	}
}
