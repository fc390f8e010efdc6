//! Content received through the API (`add`, `pin/add`) with when it arrived. A record may name it
//! only later (a doctor uploads, then adds the record), so the pin agent keeps such content for
//! the upload grace period even while no record names it, and releases it after that. Every
//! other pin no record names is released at once. Kept in `<data-dir>/uploads.json`, written
//! atomically on every change, so an upload survives a restart.

use ipld_core::cid::Cid;
use std::{
	collections::BTreeMap,
	io::Write,
	path::{Path, PathBuf},
	sync::Mutex,
	time::{SystemTime, UNIX_EPOCH},
};

/// The uploads of the grace period, by CID (text) → arrival (seconds since 1970).
pub struct Uploads {
	path: PathBuf,
	arrived: Mutex<BTreeMap<String, u64>>,
	/// After a damaged file: every pin counts as uploaded at this time.
	all_since: Option<u64>,
}

impl Uploads {
	/// The uploads recorded in `data_dir`. A damaged file is set aside; every pin then counts as
	/// just uploaded, so nothing is released before a grace period has passed.
	pub fn open(data_dir: &Path) -> Self {
		let path = data_dir.join("uploads.json");
		let (arrived, all_since) = match std::fs::read(&path) {
			Ok(bytes) => match serde_json::from_slice(&bytes) {
				Ok(arrived) => (arrived, None),
				Err(error) => {
					let aside = path.with_extension("json.damaged");
					let _ = std::fs::rename(&path, &aside);
					tracing::warn!(path = %path.display(), kept = %aside.display(), %error, "the uploads file is damaged: every pin is kept for a grace period");
					(BTreeMap::new(), Some(unix_now()))
				},
			},
			Err(_) => (BTreeMap::new(), None),
		};
		Self { path, arrived: Mutex::new(arrived), all_since }
	}

	/// `cid` arrived now.
	pub fn record(&self, cid: &Cid) -> std::io::Result<()> {
		let mut arrived = self.arrived.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		arrived.insert(cid.to_string(), unix_now());
		self.save(&arrived)
	}

	/// Whether `cid` arrived less than `grace` seconds ago.
	pub fn recent(&self, cid: &Cid, grace: u64) -> bool {
		let arrived = self.arrived.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let when = arrived.get(&cid.to_string()).copied().or(self.all_since);
		when.is_some_and(|when| unix_now().saturating_sub(when) < grace)
	}

	/// Forget the uploads older than `grace` seconds and those `named` (a record names them).
	pub fn expire(&self, grace: u64, named: impl Fn(&str) -> bool) -> std::io::Result<()> {
		let mut arrived = self.arrived.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let now = unix_now();
		let before = arrived.len();
		arrived.retain(|cid, when| now.saturating_sub(*when) < grace && !named(cid));
		if arrived.len() == before {
			return Ok(());
		}
		self.save(&arrived)
	}

	fn save(&self, arrived: &BTreeMap<String, u64>) -> std::io::Result<()> {
		write_atomically(&self.path, &serde_json::to_vec_pretty(arrived)?)
	}
}

/// Replace `path` with `bytes` so that a crash leaves either the old or the new content: write
/// a temporary file, fsync it, rename it over, fsync the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	let temporary = path.with_extension("json.tmp");
	let mut file = std::fs::File::create(&temporary)?;
	file.write_all(bytes)?;
	file.sync_all()?;
	std::fs::rename(&temporary, path)?;
	if let Some(folder) = path.parent() {
		std::fs::File::open(folder)?.sync_all()?;
	}
	Ok(())
}

/// Seconds since 1970.
pub fn unix_now() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|since| since.as_secs()).unwrap_or_default()
}
