//! `medchain patient …`: hospital staff and admins register patients.

use crate::context::{account, Context, Failure};
use clap::Subcommand;
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum PatientCommand {
	/// Register an account as a patient at a hospital where you are staff or admin.
	Register {
		/// The hospital's id.
		#[arg(long)]
		hospital: u32,
		/// The account (SS58).
		account: String,
	},
}

pub async fn run(ctx: &Context, command: &PatientCommand) -> Result<(), Failure> {
	match command {
		PatientCommand::Register { hospital, account: target } => {
			let by = ctx.account()?;
			let target = account(target)?;
			ctx.chain().await?.roles().register_patient(&by, *hospital, &target).await?;
			ctx.print(&json!({ "registered": target, "hospital": hospital }), || {
				format!("registered patient {target} at hospital {hospital}")
			})
		},
	}
}
