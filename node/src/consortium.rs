//! `medchain-node consortium init`: a consortium's chain specification, made from a small file
//! that its founders write.
//!
//! The file (TOML) names the consortium, its council, its hospitals with their admins, its
//! validators with their session keys and its well-known nodes. Nothing in it comes from the
//! chain's presets: the command refuses the public development keys (`//Alice` …, the node keys
//! `0x00…01` to `0x00…04`), and it checks the whole file before building anything, reporting
//! every problem it finds, one per line. The result is a `Live` chain specification, raw by
//! default (what every hospital's node starts with: `--chain consortium-raw.json`).
//!
//! ```toml
//! name = "Lakeside Health Consortium"
//! id = "lakeside"
//! session_minutes = 10          # optional: validator changes apply at session boundaries
//! governance_delay_minutes = 2880 # optional: a Root motion waits this long (default 2 days)
//! council = ["5Grw…", "5FHn…"]   # at least 2 accounts
//!
//! [[hospital]]
//! name = "Lakeside General"
//! admins = ["5Grw…"]
//!
//! [[validator]]
//! account = "5Grw…"
//! aura = "5Grw…"                # sr25519 public key (SS58 or 0x hex)
//! grandpa = "5FA9…"             # ed25519 public key
//!
//! [[node]]
//! peer_id = "12D3KooW…"         # `medchain-node key inspect-node-key --file node-key`
//! owner = "5Grw…"
//! address = "/dns/node.lakeside.example/tcp/30333" # optional: a boot node
//! ```

use crate::dev_keys;
use medchain_runtime::{
	genesis_config_presets::Consortium, AccountId, AuraId, GrandpaId, MAX_COUNCIL_MEMBERS,
	MAX_NAME_LENGTH, MAX_VALIDATORS, MINUTES,
};
use sc_network::{config::MultiaddrWithPeerId, Multiaddr, PeerId};
use serde::Deserialize;
use sp_core::{
	crypto::{Ss58Codec, UncheckedFrom},
	ed25519, sr25519, OpaquePeerId,
};
use std::{collections::HashSet, path::PathBuf, str::FromStr};

/// Longest session: one day.
const MAX_SESSION_MINUTES: u32 = 24 * 60;
/// Longest governance delay: thirty days.
const MAX_GOVERNANCE_DELAY_MINUTES: u32 = 30 * 24 * 60;
/// Longest chain id.
const MAX_ID_LENGTH: usize = 32;
/// The chain ids of the presets (`chain_spec.rs`), which a consortium must not reuse.
const PRESET_IDS: [&str; 2] = ["medchain_dev", "medchain_local"];

/// Arguments of `consortium`.
#[derive(Debug, clap::Subcommand)]
pub enum ConsortiumCmd {
	/// Check the founders' file and print the consortium's chain specification (raw, for
	/// sharing with every hospital).
	Init(InitCmd),
}

/// Arguments of `consortium init`.
#[derive(Debug, clap::Args)]
pub struct InitCmd {
	/// The founders' file (TOML; see the node's documentation for its fields).
	#[arg(long, short)]
	pub config: PathBuf,

	/// Write the specification here instead of printing it.
	#[arg(long, short)]
	pub output: Option<PathBuf>,

	/// Print the readable (not raw) form: genesis as the runtime's configuration.
	#[arg(long)]
	pub plain: bool,
}

/// The founders' file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
	/// The consortium's name, shown by clients.
	pub name: String,
	/// The chain id: lowercase letters, digits and `_` (it names the node's database folder).
	pub id: String,
	/// Minutes per session (the runtime's default, ten, if left out).
	pub session_minutes: Option<u32>,
	/// Minutes between a Root motion's approval and its dispatch (two days if left out).
	pub governance_delay_minutes: Option<u32>,
	/// The council's accounts.
	#[serde(default)]
	pub council: Vec<String>,
	/// The hospitals.
	#[serde(default, rename = "hospital")]
	pub hospitals: Vec<Hospital>,
	/// The validators.
	#[serde(default, rename = "validator")]
	pub validators: Vec<Validator>,
	/// The well-known nodes.
	#[serde(default, rename = "node")]
	pub nodes: Vec<Node>,
}

/// A hospital of the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hospital {
	/// Its name.
	pub name: String,
	/// Its admins' accounts.
	#[serde(default)]
	pub admins: Vec<String>,
}

/// A validator of the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validator {
	/// Its account.
	pub account: String,
	/// Its Aura session key (sr25519).
	pub aura: Option<String>,
	/// Its GRANDPA session key (ed25519).
	pub grandpa: Option<String>,
}

/// A well-known node of the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
	/// Its libp2p peer id.
	pub peer_id: String,
	/// The account that owns it.
	pub owner: String,
	/// Its P2P address without the peer id, for the specification's boot nodes.
	pub address: Option<String>,
}

/// What a checked file gives: the genesis and the boot nodes.
pub struct Checked {
	/// The consortium as genesis holds it.
	pub consortium: Consortium,
	/// The boot nodes of the specification.
	pub boot_nodes: Vec<MultiaddrWithPeerId>,
}

/// Collects the problems of a file.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
	fn add(&mut self, problem: String) {
		self.0.push(problem);
	}

	/// A 32-byte public key (SS58 or 0x hex) of `what`, refused if it is a development key.
	fn key(&mut self, what: &str, text: &str) -> Option<[u8; 32]> {
		let bytes = if let Some(hex) = text.strip_prefix("0x") {
			let mut bytes = [0u8; 32];
			match sp_core::bytes::from_hex(hex) {
				Ok(decoded) if decoded.len() == 32 => {
					bytes.copy_from_slice(&decoded);
					Some(bytes)
				},
				_ => None,
			}
		} else {
			AccountId::from_ss58check(text).ok().map(|a| a.into())
		};
		let Some(bytes) = bytes else {
			self.add(format!("{what}: `{text}` is not an SS58 address or a 0x-hex 32-byte key"));
			return None;
		};
		if let Some(name) = dev_keys::key_name(&bytes) {
			self.add(format!(
				"{what}: `{text}` is the public development key {name}; generate your own \
				 (`medchain key generate`, `medchain-node key generate`)"
			));
			return None;
		}
		Some(bytes)
	}

	fn account(&mut self, what: &str, text: &str) -> Option<AccountId> {
		self.key(what, text).map(AccountId::new)
	}

	/// Report each value seen twice in `values`, as `what`.
	fn unique<T: std::hash::Hash + Eq>(&mut self, what: &str, values: &[(T, &str)]) {
		let mut seen = HashSet::new();
		for (value, text) in values {
			if !seen.insert(value) {
				self.add(format!("{what} `{text}` is listed twice"));
			}
		}
	}

	fn count(&mut self, what: &str, n: usize, min: usize, max: usize, why: &str) {
		if n < min {
			self.add(format!("{what}: {n} given, at least {min} needed{why}"));
		} else if n > max {
			self.add(format!("{what}: {n} given, at most {max} allowed"));
		}
	}
}

impl File {
	/// Read and parse the file.
	pub fn read(path: &std::path::Path) -> Result<File, String> {
		let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
		toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
	}

	/// Check everything and build the consortium, or give every problem found.
	pub fn check(&self) -> Result<Checked, Vec<String>> {
		let mut p = Problems::default();
		if self.name.trim().is_empty() {
			p.add("name: empty".into());
		}
		let id_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
		if self.id.is_empty() || self.id.len() > MAX_ID_LENGTH || !self.id.chars().all(id_ok) {
			p.add(format!(
				"id: `{}` must be 1 to {MAX_ID_LENGTH} lowercase letters, digits or `_`",
				self.id
			));
		}
		if PRESET_IDS.contains(&self.id.as_str()) {
			p.add(format!("id: `{}` is a preset's (its database folder would be shared)", self.id));
		}
		let minutes = |p: &mut Problems, what: &str, value: Option<u32>, max: u32| {
			value.and_then(|m| {
				if (1..=max).contains(&m) {
					Some(m * MINUTES)
				} else {
					p.add(format!("{what}: {m} is not between 1 and {max}"));
					None
				}
			})
		};
		let session_period =
			minutes(&mut p, "session_minutes", self.session_minutes, MAX_SESSION_MINUTES);
		let governance_delay = minutes(
			&mut p,
			"governance_delay_minutes",
			self.governance_delay_minutes,
			MAX_GOVERNANCE_DELAY_MINUTES,
		);

		// The council.
		p.count(
			"council",
			self.council.len(),
			2,
			MAX_COUNCIL_MEMBERS as usize,
			" (one member alone would pass every motion)",
		);
		let council: Vec<(AccountId, &str)> = self
			.council
			.iter()
			.filter_map(|a| p.account("council", a).map(|id| (id, a.as_str())))
			.collect();
		p.unique("council member", &council);

		// The hospitals.
		p.count("hospitals", self.hospitals.len(), 1, usize::MAX, "");
		let names: Vec<(String, &str)> = self
			.hospitals
			.iter()
			.map(|h| (h.name.trim().to_lowercase(), h.name.as_str()))
			.collect();
		p.unique("hospital name", &names);
		let mut admins: std::collections::HashMap<AccountId, &str> = Default::default();
		let mut hospitals = Vec::new();
		for h in &self.hospitals {
			let what = format!("hospital `{}`", h.name);
			if h.name.trim().is_empty() || h.name.len() > MAX_NAME_LENGTH as usize {
				p.add(format!("{what}: the name must have 1 to {MAX_NAME_LENGTH} bytes"));
			}
			if h.admins.is_empty() {
				p.add(format!("{what}: no admin (someone must assign its doctors and staff)"));
			}
			let ids: Vec<AccountId> = h
				.admins
				.iter()
				.filter_map(|a| {
					let id = p.account(&format!("{what} admin"), a)?;
					match admins.insert(id.clone(), h.name.as_str()) {
						Some(other) if other == h.name => {
							p.add(format!("{what}: admin `{a}` is listed twice"))
						},
						Some(other) => p.add(format!(
							"{what}: admin `{a}` is the admin of `{other}` already (one hospital \
							 per admin at genesis; the council can appoint more later)"
						)),
						None => {},
					}
					Some(id)
				})
				.collect();
			hospitals.push((h.name.clone(), ids));
		}

		// The validators and their session keys.
		p.count("validators", self.validators.len(), 1, MAX_VALIDATORS as usize, "");
		let mut accounts = Vec::new();
		let mut auras = Vec::new();
		let mut grandpas = Vec::new();
		let mut validators = Vec::new();
		for v in &self.validators {
			let what = format!("validator `{}`", v.account);
			let account = p.account("validator", &v.account);
			let key = |p: &mut Problems, name: &str, key: &Option<String>| match key {
				Some(key) => p.key(&format!("{what} {name} key"), key),
				None => {
					p.add(format!("{what} has no {name} key (`{name} = \"…\"`)"));
					None
				},
			};
			let aura = key(&mut p, "aura", &v.aura);
			let grandpa = key(&mut p, "grandpa", &v.grandpa);
			if let Some(account) = &account {
				accounts.push((account.clone(), v.account.as_str()));
			}
			if let (Some(aura), Some(text)) = (aura, &v.aura) {
				auras.push((aura, text.as_str()));
			}
			if let (Some(grandpa), Some(text)) = (grandpa, &v.grandpa) {
				grandpas.push((grandpa, text.as_str()));
			}
			if aura.is_some() && aura == grandpa {
				p.add(format!(
					"{what}: the aura and grandpa keys are the same bytes (an sr25519 and an \
					 ed25519 key are never equal: one of them is of the wrong scheme)"
				));
			}
			if let (Some(account), Some(aura), Some(grandpa)) = (account, aura, grandpa) {
				validators.push((
					account,
					AuraId::from(sr25519::Public::unchecked_from(aura)),
					GrandpaId::from(ed25519::Public::unchecked_from(grandpa)),
				));
			}
		}
		p.unique("validator", &accounts);
		p.unique("aura key", &auras);
		p.unique("grandpa key", &grandpas);

		// The well-known nodes.
		p.count(
			"nodes",
			self.nodes.len(),
			1,
			MAX_VALIDATORS as usize,
			" (node authorization admits no other node)",
		);
		let mut peers = Vec::new();
		let mut nodes = Vec::new();
		let mut boot_nodes = Vec::new();
		for n in &self.nodes {
			let what = format!("node `{}`", n.peer_id);
			let peer = match PeerId::from_str(&n.peer_id) {
				Ok(peer) => Some(peer),
				Err(e) => {
					p.add(format!("{what}: not a libp2p peer id ({e})"));
					None
				},
			};
			let owner = p.account(&format!("{what} owner"), &n.owner);
			if let Some(peer) = peer {
				if dev_keys::is_dev_peer_id(&peer.to_bytes()) {
					p.add(format!(
						"{what} has a public development node key; generate your own \
						 (`medchain-node key generate-node-key --file node-key`)"
					));
				}
				peers.push((peer, n.peer_id.as_str()));
				if let Some(address) = &n.address {
					match Multiaddr::from_str(address) {
						Ok(_) if address.contains("/p2p/") => p.add(format!(
							"{what} address `{address}`: leave out `/p2p/…` (the peer id is added \
							 from `peer_id`)"
						)),
						Ok(multiaddr) => {
							boot_nodes.push(MultiaddrWithPeerId { multiaddr, peer_id: peer })
						},
						Err(e) => p.add(format!("{what} address `{address}`: {e}")),
					}
				}
				if let Some(owner) = owner {
					nodes.push((OpaquePeerId(peer.to_bytes()), owner));
				}
			}
		}
		p.unique("node peer id", &peers);
		if !self.nodes.is_empty() && self.nodes.iter().all(|n| n.address.is_none()) {
			p.add("nodes: none has an `address`, so a joining node would have no boot node".into());
		}

		if !p.0.is_empty() {
			return Err(p.0);
		}
		Ok(Checked {
			consortium: Consortium {
				hospitals,
				council: council.into_iter().map(|(id, _)| id).collect(),
				validators,
				nodes,
				sudo: None,
				session_period,
				governance_delay,
			},
			boot_nodes,
		})
	}
}

/// Run `consortium init`.
pub fn init(cmd: &InitCmd) -> Result<(), String> {
	let file = File::read(&cmd.config)?;
	let Checked { consortium, boot_nodes } = file.check().map_err(|problems| {
		format!(
			"{} is not a valid consortium:\n  - {}",
			cmd.config.display(),
			problems.join("\n  - ")
		)
	})?;
	let spec = crate::chain_spec::consortium_chain_spec(
		&file.name,
		&file.id,
		consortium.genesis_patch(),
		boot_nodes,
	)?;
	let json = spec.as_json(!cmd.plain)?;
	match &cmd.output {
		Some(path) => std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display())),
		None => {
			println!("{json}");
			Ok(())
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use medchain_runtime::genesis_config_presets::{peer_id_from_ed25519, DEV_NODE_PUBLIC_KEYS};
	use sp_core::Pair;

	fn sr(uri: &str) -> String {
		sr25519::Pair::from_string(uri, None).unwrap().public().to_ss58check()
	}

	fn ed(uri: &str) -> String {
		ed25519::Pair::from_string(uri, None).unwrap().public().to_ss58check()
	}

	fn peer(public: &[u8; 32]) -> String {
		PeerId::from_bytes(&peer_id_from_ed25519(public).0).unwrap().to_base58()
	}

	fn node_peer(uri: &str) -> String {
		peer(&ed25519::Pair::from_string(uri, None).unwrap().public().0)
	}

	/// A valid file: two hospitals, each with a validator and a node.
	fn valid() -> String {
		let mut text = format!(
			"name = \"Lakeside Health\"\nid = \"lakeside\"\nsession_minutes = 5\n\
			 council = [\"{}\", \"{}\"]\n",
			sr("//North"),
			sr("//South")
		);
		for (i, h) in ["North", "South"].iter().enumerate() {
			text += &format!(
				"\n[[hospital]]\nname = \"{h} Hospital\"\nadmins = [\"{}\"]\n\n\
				 [[validator]]\naccount = \"{}\"\naura = \"{}\"\ngrandpa = \"{}\"\n\n\
				 [[node]]\npeer_id = \"{}\"\nowner = \"{}\"\naddress = \"/dns/node{i}.example/tcp/30333\"\n",
				sr(&format!("//{h}//admin")),
				sr(&format!("//{h}")),
				sr(&format!("//{h}//aura")),
				ed(&format!("//{h}//grandpa")),
				node_peer(&format!("//{h}//node")),
				sr(&format!("//{h}")),
			);
		}
		text
	}

	fn problems(text: &str) -> Vec<String> {
		let file: File = toml::from_str(text).expect("parses");
		file.check().err().expect("the file is refused")
	}

	fn refused_with(text: &str, expected: &str) {
		let problems = problems(text);
		assert!(
			problems.len() == 1 && problems[0].contains(expected),
			"expected only `{expected}`, got {problems:#?}"
		);
	}

	#[test]
	fn a_valid_file_makes_the_consortium() {
		let file: File = toml::from_str(&valid()).unwrap();
		let Checked { consortium, boot_nodes } = file.check().unwrap_or_else(|p| panic!("{p:#?}"));
		assert_eq!(consortium.council.len(), 2);
		assert_eq!(consortium.validators.len(), 2);
		assert_eq!(consortium.hospitals[1].0, "South Hospital");
		assert_eq!(consortium.nodes.len(), 2);
		assert_eq!(consortium.session_period, Some(5 * MINUTES));
		assert_eq!(consortium.governance_delay, None);
		assert!(consortium.sudo.is_none());
		assert_eq!(boot_nodes.len(), 2);
		assert_eq!(
			boot_nodes[0].to_string(),
			format!("/dns/node0.example/tcp/30333/p2p/{}", node_peer("//North//node"))
		);
		let patch = consortium.genesis_patch();
		assert_eq!(patch["validatorSet"]["sessionPeriod"], 5 * MINUTES);
		assert_eq!(patch["session"]["keys"].as_array().unwrap().len(), 2);
	}

	#[test]
	fn a_council_of_one_is_refused() {
		let text = valid().replace(&format!(", \"{}\"]", sr("//South")), "]");
		refused_with(&text, "council: 1 given, at least 2 needed");
	}

	#[test]
	fn a_duplicate_peer_id_is_refused() {
		let text = valid().replace(&node_peer("//South//node"), &node_peer("//North//node"));
		refused_with(&text, "is listed twice");
	}

	#[test]
	fn a_validator_without_a_grandpa_key_is_refused() {
		let text = valid().replace(&format!("grandpa = \"{}\"\n", ed("//South//grandpa")), "");
		refused_with(&text, &format!("validator `{}` has no grandpa key", sr("//South")));
	}

	#[test]
	fn development_accounts_and_node_keys_are_refused() {
		let text = valid().replace(&sr("//North//admin"), &sr("//Alice"));
		refused_with(&text, "is the public development key //Alice");
		let text = valid().replace(&ed("//South//grandpa"), &ed("//Bob"));
		refused_with(&text, "is the public development key //Bob");
		let text = valid().replace(&node_peer("//North//node"), &peer(&DEV_NODE_PUBLIC_KEYS[0]));
		refused_with(&text, "has a public development node key");
	}

	#[test]
	fn admins_of_two_hospitals_mixed_up_keys_and_preset_ids_are_refused() {
		let text = valid().replace(&sr("//South//admin"), &sr("//North//admin"));
		refused_with(&text, "is the admin of `North Hospital` already");
		let text = valid().replace(&ed("//South//grandpa"), &sr("//South//aura"));
		refused_with(&text, "the aura and grandpa keys are the same bytes");
		let text = valid().replace("id = \"lakeside\"", "id = \"medchain_local\"");
		refused_with(&text, "is a preset's");
		let with_peer = format!("/dns/node0.example/tcp/30333/p2p/{}", node_peer("//North//node"));
		let text = valid().replace("/dns/node0.example/tcp/30333", &with_peer);
		refused_with(&text, "leave out `/p2p/…`");
	}

	#[test]
	fn every_problem_is_reported_at_once() {
		let text = valid()
			.replace("id = \"lakeside\"", "id = \"Lake Side\"")
			.replace("session_minutes = 5", "session_minutes = 0")
			.replace(&format!("admins = [\"{}\"]", sr("//South//admin")), "admins = []")
			.replace(&sr("//North//aura"), "5NotAnAddress")
			.replace("address = \"/dns/node0.example/tcp/30333\"", "address = \"dns/bad\"");
		let problems = problems(&text);
		let expected = [
			"id: `Lake Side` must be 1 to 32 lowercase letters",
			"session_minutes: 0 is not between 1 and 1440",
			"hospital `South Hospital`: no admin",
			"aura key: `5NotAnAddress` is not an SS58 address",
			"address `dns/bad`",
		];
		assert_eq!(problems.len(), expected.len(), "{problems:#?}");
		for (problem, expected) in problems.iter().zip(expected) {
			assert!(problem.contains(expected), "`{problem}` should say `{expected}`");
		}
	}

	#[test]
	fn nodes_without_any_address_and_unknown_fields_are_refused() {
		let text = valid()
			.replace("address = \"/dns/node0.example/tcp/30333\"\n", "")
			.replace("address = \"/dns/node1.example/tcp/30333\"\n", "");
		refused_with(&text, "none has an `address`");
		let unknown = valid().replace("session_minutes", "session_length");
		let error = toml::from_str::<File>(&unknown).unwrap_err().to_string();
		assert!(error.contains("unknown field `session_length`"), "{error}");
	}
}
