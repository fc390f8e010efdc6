//! `medchain hospital …`: hospitals join the consortium by a council motion; their admins
//! publish the hospital's services (gateway URL, service account, emergency key).

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
	/// Publish a hospital's gateway URL, service account and emergency key (its admins).
	SetServices {
		/// The hospital's id.
		hospital: u32,
		/// The public URL of its gateway (`https://…`; `http://` on a test network).
		#[arg(long)]
		url: String,
		/// The account its storage daemon signs with (`medchain-storage service-account`).
		#[arg(long)]
		service_account: String,
		/// Its X25519 emergency encryption key (64 hex digits), if it takes part in emergency
		/// access.
		#[arg(long)]
		emergency_key: Option<String>,
	},
	/// List the services every active hospital publishes.
	Services,
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
		HospitalCommand::SetServices { hospital, url, service_account, emergency_key } => {
			let admin = ctx.account()?;
			let service = account(service_account)?;
			let key = emergency_key
				.as_deref()
				.map(|text| {
					hex::decode(text.trim_start_matches("0x"))
						.ok()
						.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
						.ok_or_else(|| Failure(format!("'{text}' is not 32 bytes of hex")))
				})
				.transpose()?;
			let roles = ctx.chain().await?.roles();
			roles.set_hospital_services(&admin, *hospital, url, &service, key).await?;
			ctx.print(
				&json!({ "hospital": hospital, "gateway": url, "service_account": service }),
				|| format!("hospital {hospital}: gateway {url}, service account {service}"),
			)
		},
		HospitalCommand::Services => {
			let all = ctx.chain().await?.roles().all_hospital_services().await?;
			let rows: Vec<_> = all
				.iter()
				.map(|s| {
					json!({
						"hospital": s.hospital,
						"gateway": s.gateway,
						"service_account": s.service_account,
						"emergency_key": s.emergency_key.map(hex::encode),
					})
				})
				.collect();
			ctx.print(&rows, || {
				all.iter()
					.map(|s| {
						format!(
							"hospital {}: {} (service account {})",
							s.hospital, s.gateway, s.service_account
						)
					})
					.collect::<Vec<_>>()
					.join("\n")
			})
		},
	}
}
