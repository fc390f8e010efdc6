//! `medchain hospital …`: hospitals join the consortium by a council motion.

use crate::{
	context::{account, Context, Failure},
	council::print_motion,
};
use clap::Subcommand;
use medchain_client::{council::Motion, roles::Roles};
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum HospitalCommand {
	/// Propose to the council to register a hospital with its first admin.
	Register {
		/// The hospital's name.
		#[arg(long)]
		name: String,
		/// Its admin (SS58).
		#[arg(long)]
		admin: String,
	},
}

pub async fn run(ctx: &Context, command: &HospitalCommand) -> Result<(), Failure> {
	match command {
		HospitalCommand::Register { name, admin } => {
			let member = ctx.account()?;
			let admin = account(admin)?;
			let call = Roles::register_hospital_call(name, admin);
			match ctx.chain().await?.council().motion(&member, call).await? {
				Motion::Executed(events) => {
					let hospital = Roles::registered_hospital(&events)?;
					ctx.print(&json!({ "hospital": hospital, "admin": admin }), || {
						format!("registered hospital {hospital} \"{name}\" with admin {admin}")
					})
				},
				pending => print_motion(ctx, &pending, &format!("hospital {name}")),
			}
		},
	}
}
