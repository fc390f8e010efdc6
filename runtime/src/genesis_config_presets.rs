//! Genesis presets.
//!
//! - `dev` (`sp_genesis_builder::DEV_RUNTIME_PRESET`): one validator, Alice, who is also the only
//!   council member, the admin of the founding hospital and the sudo key (for convenience on a
//!   development chain only).
//! - `local` (`sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET`): four hospitals run by Alice,
//!   Bob, Charlie and Dave. Each is a validator, a council member, the admin of its hospital and
//!   owner of a well-known node. There is no sudo key: everything privileged goes through the
//!   council. Sessions last one minute (the default is ten) so that validator changes show
//!   quickly on a test network.
//!
//! Both use a governance delay of one minute (the default is two days) so that a Root motion
//! (a runtime upgrade) can be tried out without waiting.
//!
//! The well-known nodes of both presets use the development node keys `0x00…01` (Alice) to
//! `0x00…04` (Dave): `scripts/` starts the nodes with them. They are public and must never be
//! used outside a test network.

use crate::{
	AccountId, AuraId, BlockNumber, CouncilMembershipConfig, GovernanceConfig, GrandpaId,
	NodeAuthorizationConfig, RolesConfig, RuntimeGenesisConfig, SessionConfig, SudoConfig,
	ValidatorSetConfig,
};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The ed25519 public keys of the development node keys `0x00…01` to `0x00…04`.
pub const DEV_NODE_PUBLIC_KEYS: [[u8; 32]; 4] = [
	[
		0x4c, 0xb5, 0xab, 0xf6, 0xad, 0x79, 0xfb, 0xf5, 0xab, 0xbc, 0xca, 0xfc, 0xc2, 0x69, 0xd8,
		0x5c, 0xd2, 0x65, 0x1e, 0xd4, 0xb8, 0x85, 0xb5, 0x86, 0x9f, 0x24, 0x1a, 0xed, 0xf0, 0xa5,
		0xba, 0x29,
	],
	[
		0x74, 0x22, 0xb9, 0x88, 0x75, 0x98, 0x06, 0x8e, 0x32, 0xc4, 0x44, 0x8a, 0x94, 0x9a, 0xdb,
		0x29, 0x0d, 0x0f, 0x4e, 0x35, 0xb9, 0xe0, 0x1b, 0x0e, 0xe5, 0xf1, 0xa1, 0xe6, 0x00, 0xfe,
		0x26, 0x74,
	],
	[
		0xf3, 0x81, 0x62, 0x6e, 0x41, 0xe7, 0x02, 0x7e, 0xa4, 0x31, 0xbf, 0xe3, 0x00, 0x9e, 0x94,
		0xbd, 0xd2, 0x5a, 0x74, 0x6b, 0xee, 0xc4, 0x68, 0x94, 0x8d, 0x6c, 0x3c, 0x7c, 0x5d, 0xc9,
		0xa5, 0x4b,
	],
	[
		0xfd, 0x50, 0xb8, 0xe3, 0xb1, 0x44, 0xea, 0x24, 0x4f, 0xbf, 0x77, 0x37, 0xf5, 0x50, 0xbc,
		0x8d, 0xd0, 0xc2, 0x65, 0x0b, 0xbc, 0x1a, 0xad, 0xa8, 0x33, 0xca, 0x17, 0xff, 0x8d, 0xbf,
		0x32, 0x9b,
	],
];

/// The libp2p peer id (as bytes) of an ed25519 node key: an identity multihash of the
/// protobuf-encoded public key.
pub fn peer_id_from_ed25519(public: &[u8; 32]) -> OpaquePeerId {
	let mut bytes = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	bytes.extend_from_slice(public);
	OpaquePeerId(bytes)
}

/// What a chain's genesis holds of its consortium. The presets below fill it in from the
/// development keys; `medchain-node consortium init` fills it in from the founders' file.
pub struct Consortium {
	/// The hospitals, each with its name and its admins.
	pub hospitals: Vec<(String, Vec<AccountId>)>,
	/// The council's members.
	pub council: Vec<AccountId>,
	/// The validators, each with its Aura and GRANDPA session keys.
	pub validators: Vec<(AccountId, AuraId, GrandpaId)>,
	/// The well-known nodes: peer id and owner.
	pub nodes: Vec<(OpaquePeerId, AccountId)>,
	/// The sudo key (the `dev` preset only).
	pub sudo: Option<AccountId>,
	/// Blocks per session (the runtime's default when `None`).
	pub session_period: Option<BlockNumber>,
	/// Blocks between a Root motion's approval and its dispatch (the default when `None`).
	pub governance_delay: Option<BlockNumber>,
}

impl Consortium {
	/// The genesis config patch (a JSON object) that sets up this consortium.
	pub fn genesis_patch(&self) -> Value {
		let validators: Vec<AccountId> = self.validators.iter().map(|v| v.0.clone()).collect();
		build_struct_json_patch!(RuntimeGenesisConfig {
			validator_set: ValidatorSetConfig { validators, session_period: self.session_period },
			session: SessionConfig {
				keys: self
					.validators
					.iter()
					.map(|(account, aura, grandpa)| {
						let keys = crate::opaque::SessionKeys {
							aura: aura.clone(),
							grandpa: grandpa.clone(),
						};
						(account.clone(), account.clone(), keys)
					})
					.collect::<Vec<_>>(),
			},
			council_membership: CouncilMembershipConfig {
				members: self.council.clone().try_into().expect("fewer than MAX_COUNCIL_MEMBERS"),
			},
			node_authorization: NodeAuthorizationConfig { nodes: self.nodes.clone() },
			roles: RolesConfig { hospitals: self.hospitals.clone() },
			sudo: SudoConfig { key: self.sudo.clone() },
			governance: GovernanceConfig { delay: self.governance_delay },
		})
	}
}

/// One hospital of a preset: its validator account (also its admin and council seat), and the
/// node it runs.
struct Hospital {
	name: &'static str,
	account: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	node_key: usize,
}

fn genesis(
	hospitals: &[Hospital],
	sudo: Option<AccountId>,
	session_period: Option<BlockNumber>,
	governance_delay: Option<BlockNumber>,
) -> Value {
	let account = |h: &Hospital| h.account.to_account_id();
	Consortium {
		hospitals: hospitals.iter().map(|h| (String::from(h.name), vec![account(h)])).collect(),
		council: hospitals.iter().map(account).collect(),
		validators: hospitals
			.iter()
			.map(|h| (account(h), h.account.public().into(), h.grandpa.public().into()))
			.collect(),
		nodes: hospitals
			.iter()
			.map(|h| (peer_id_from_ed25519(&DEV_NODE_PUBLIC_KEYS[h.node_key]), account(h)))
			.collect(),
		sudo,
		session_period,
		governance_delay,
	}
	.genesis_patch()
}

fn alice() -> Hospital {
	Hospital {
		name: "MedChain General Hospital",
		account: Sr25519Keyring::Alice,
		grandpa: Ed25519Keyring::Alice,
		node_key: 0,
	}
}

/// The `dev` preset.
pub fn development_config_genesis() -> Value {
	genesis(&[alice()], Some(Sr25519Keyring::Alice.to_account_id()), None, Some(crate::MINUTES))
}

fn four_hospitals() -> [Hospital; 4] {
	[
		alice(),
		Hospital {
			name: "Bob's Community Hospital",
			account: Sr25519Keyring::Bob,
			grandpa: Ed25519Keyring::Bob,
			node_key: 1,
		},
		Hospital {
			name: "Charlie University Clinic",
			account: Sr25519Keyring::Charlie,
			grandpa: Ed25519Keyring::Charlie,
			node_key: 2,
		},
		Hospital {
			name: "Dave Children's Hospital",
			account: Sr25519Keyring::Dave,
			grandpa: Ed25519Keyring::Dave,
			node_key: 3,
		},
	]
}

/// The `local` preset. Sessions last one minute, so that validator changes show on a test
/// network within two minutes.
pub fn local_config_genesis() -> Value {
	genesis(&four_hospitals(), None, Some(crate::MINUTES), Some(crate::MINUTES))
}

/// Provide the JSON patch of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
