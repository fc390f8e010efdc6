//! `medchain gateway …`: talk to a hospital's gateway by hand (curl, scripts).

use crate::context::{Context, Failure};
use clap::Subcommand;
use medchain_client::crypto::gateway::{body_hash, CONTENT_HASH_HEADER};
use serde_json::json;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum GatewayCommand {
	/// Print the headers that sign one request to the gateway (`--gateway`, as for records) as
	/// the acting account, one `Name: value` per line for `curl -H @file`. A signature is good
	/// for 30 seconds and one request.
	Headers {
		/// The method: GET or POST.
		method: String,
		/// The path with its query, exactly as the request will send it (e.g.
		/// `/v1/audit?patient=5F…&anchored=0`).
		path: String,
		/// The file that will be the request's body (POST).
		#[arg(long)]
		body: Option<PathBuf>,
	},
}

pub async fn run(ctx: &Context, command: &GatewayCommand) -> Result<(), Failure> {
	match command {
		GatewayCommand::Headers { method, path, body } => {
			let signer = ctx.account()?;
			let gateway = ctx.gateway().await?;
			let (path_only, query) = path.split_once('?').unwrap_or((path, ""));
			let hash = match body {
				Some(file) => body_hash(&std::fs::read(file).map_err(|error| {
					Failure(format!("cannot read {}: {error}", file.display()))
				})?),
				None => body_hash(b""),
			};
			let method = method.to_ascii_uppercase();
			let mut headers = gateway.signature_headers(&method, path_only, query, &hash, &signer);
			if body.is_some() {
				headers.push((CONTENT_HASH_HEADER, hash));
			}
			let url = format!("{}{path}", gateway.url());
			let map: serde_json::Map<String, serde_json::Value> =
				headers.iter().map(|(name, value)| (name.to_string(), json!(value))).collect();
			ctx.print(&json!({ "url": url, "headers": map }), || {
				headers
					.iter()
					.map(|(name, value)| format!("{name}: {value}"))
					.collect::<Vec<_>>()
					.join("\n")
			})
		},
	}
}
