//! The encryption keys this machine wrapped consent keys to, by account, to notice one that
//! changed since: a grantee who made a new account key, or a node serving a forged key to have
//! the patient's keys wrapped to it. Like SSH's known hosts: kept in
//! `$MEDCHAIN_KNOWN_KEYS` (or `--known-keys`), default
//! `$XDG_DATA_HOME/medchain/known-keys.json` (`~/.local/share/medchain/known-keys.json`).

use crate::context::Failure;
use medchain_client::crypto::fingerprint;
use std::{collections::BTreeMap, io::Write, path::PathBuf};
use subxt::utils::AccountId32;

/// Known keys, as account (SS58) → key (hex).
pub struct KnownKeys {
	path: PathBuf,
	keys: BTreeMap<String, String>,
}

impl KnownKeys {
	/// The keys at `path`, or at the default place; none yet when the file does not exist.
	pub fn open(path: Option<PathBuf>) -> Result<Self, Failure> {
		let path = match path {
			Some(path) => path,
			None => {
				let data = std::env::var_os("XDG_DATA_HOME")
					.map(PathBuf::from)
					.or_else(|| {
						std::env::var_os("HOME")
							.map(|home| PathBuf::from(home).join(".local/share"))
					})
					.ok_or_else(|| {
						Failure("set MEDCHAIN_KNOWN_KEYS: there is no home folder".into())
					})?;
				data.join("medchain/known-keys.json")
			},
		};
		let keys = match std::fs::read(&path) {
			Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| {
				Failure(format!("{} is damaged ({error}); move it aside", path.display()))
			})?,
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
			Err(error) => return Err(Failure(format!("cannot read {}: {error}", path.display()))),
		};
		Ok(Self { path, keys })
	}

	/// The fingerprint of the key last seen for `account`, if it differs from `key`.
	pub fn changed(&self, account: &AccountId32, key: &[u8; 32]) -> Option<String> {
		let known = self.keys.get(&account.to_string())?;
		let known: [u8; 32] = hex::decode(known).ok()?.try_into().ok()?;
		(known != *key).then(|| fingerprint(&known))
	}

	/// Remember `key` for `account`.
	pub fn remember(&mut self, account: &AccountId32, key: &[u8; 32]) -> Result<(), Failure> {
		self.keys.insert(account.to_string(), hex::encode(key));
		if let Some(folder) = self.path.parent() {
			std::fs::create_dir_all(folder)?;
		}
		let temporary = self.path.with_extension("json.tmp");
		let _ = std::fs::remove_file(&temporary);
		let mut file = medchain_client::files::create_private(&temporary)?;
		file.write_all(&serde_json::to_vec_pretty(&self.keys)?)?;
		file.sync_all()?;
		std::fs::rename(&temporary, &self.path)?;
		Ok(())
	}
}
