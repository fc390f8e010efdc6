//! The gateway's read audit log: append-only, hash-chained, durable, anchored on chain.
//!
//! `<data-dir>/audit.log` holds one entry ([`Entry`]) per line, as JSON, in the order the
//! gateway decided. An entry is written and flushed to disk (`fdatasync`) before the answer it
//! records leaves the gateway, so a read that happened is never lost to a crash. A last line cut
//! short by a crash (no newline: its answer was never sent) is dropped when the log is opened;
//! any other line that is not an entry stops the daemon, because the log is evidence and only
//! a person may decide what to do with a damaged one.
//!
//! In memory the log keeps, per entry, its leaf, the head after it and its place in the file,
//! and per account the positions of the entries that name it (as patient or as reader): 72
//! bytes and two index slots per entry, so a million reads take about 100 MB. Answers read
//! the entries themselves from the file.
//!
//! The log is checked against the chain ([`AuditLog::consistent_with`]): a log whose head
//! after the anchored length is not the anchored head was altered (or belongs to another
//! chain), and the daemon stops anchoring it and says so; clients find the same when they check
//! the answers.

use anyhow::Context;
use medchain_crypto::audit::{self, Answer, Entry, Hash32, Positioned, EMPTY_HEAD};
use std::{
	collections::HashMap,
	fs::{File, OpenOptions},
	io::{BufRead, BufReader, Read, Seek, SeekFrom, Write},
	path::{Path, PathBuf},
	sync::Mutex,
};

/// Whose entries an answer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
	/// The entries about a patient's records.
	Patient,
	/// The entries of the reads an account made.
	Reader,
}

struct Inner {
	file: File,
	/// `heads[i]`: the head after the first `i` entries (`heads[0]` is the empty head).
	heads: Vec<Hash32>,
	leaves: Vec<Hash32>,
	/// Byte offset of each entry's line.
	offsets: Vec<u64>,
	/// The file's length.
	end: u64,
	by_patient: HashMap<String, Vec<u64>>,
	by_reader: HashMap<String, Vec<u64>>,
}

/// The durable read log.
pub struct AuditLog {
	path: PathBuf,
	inner: Mutex<Inner>,
}

impl AuditLog {
	/// Open (or create) the log at `path`, reading every entry.
	pub fn open(path: &Path) -> anyhow::Result<Self> {
		let mut file = OpenOptions::new()
			.read(true)
			.append(true)
			.create(true)
			.open(path)
			.with_context(|| format!("cannot open the audit log {}", path.display()))?;
		let mut inner = Inner {
			file: file.try_clone()?,
			heads: vec![EMPTY_HEAD],
			leaves: Vec::new(),
			offsets: Vec::new(),
			end: 0,
			by_patient: HashMap::new(),
			by_reader: HashMap::new(),
		};
		let mut reader = BufReader::new(&mut file);
		let mut line = Vec::new();
		let mut number = 0u64;
		loop {
			line.clear();
			let read = reader.read_until(b'\n', &mut line)?;
			if read == 0 {
				break;
			}
			number += 1;
			if line.last() != Some(&b'\n') {
				tracing::warn!(path = %path.display(), line = number, "the audit log's last line was cut short (a crash before its answer was sent); dropping it");
				inner.file.set_len(inner.end)?;
				inner.file.sync_data()?;
				break;
			}
			let entry: Entry = serde_json::from_slice(&line).with_context(|| {
				format!(
					"line {number} of the audit log {} is not an entry; the log is evidence: \
					 keep a copy, repair or move it, then start again",
					path.display()
				)
			})?;
			let offset = inner.end;
			inner.push(&entry, offset, read as u64);
		}
		tracing::info!(path = %path.display(), entries = inner.leaves.len(), "audit log opened");
		Ok(Self { path: path.to_path_buf(), inner: Mutex::new(inner) })
	}

	fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
		self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// Append `entry` and flush it to disk; returns its position.
	pub fn append(&self, entry: &Entry) -> anyhow::Result<u64> {
		let mut line = serde_json::to_vec(entry)?;
		line.push(b'\n');
		let mut inner = self.lock();
		if let Err(error) = inner.file.write_all(&line).and_then(|()| inner.file.sync_data()) {
			// Nothing of a failed entry may stay behind: it would shift every later head.
			let end = inner.end;
			let cut = inner.file.set_len(end).and_then(|()| inner.file.sync_data());
			return Err(anyhow::anyhow!(
				"cannot write to the audit log {} ({error}){}",
				self.path.display(),
				match cut {
					Ok(()) => String::new(),
					Err(cut) => format!("; cutting the failed entry off failed too ({cut})"),
				}
			));
		}
		let offset = inner.end;
		inner.push(entry, offset, line.len() as u64);
		Ok(inner.leaves.len() as u64 - 1)
	}

	/// How many entries the log holds.
	pub fn len(&self) -> u64 {
		self.lock().leaves.len() as u64
	}

	/// The head after the first `length` entries, if the log is that long.
	pub fn head_at(&self, length: u64) -> Option<Hash32> {
		self.lock().heads.get(length as usize).copied()
	}

	/// Whether the log leads to `head` after `length` entries (what the chain anchored).
	pub fn consistent_with(&self, length: u64, head: &Hash32) -> bool {
		self.head_at(length).as_ref() == Some(head)
	}

	/// Up to `max` leaves from position `from` on.
	pub fn leaves(&self, from: u64, max: usize) -> Vec<Hash32> {
		let inner = self.lock();
		inner.leaves.iter().skip(from as usize).take(max).copied().collect()
	}

	/// The entries that name `account` as `party`, with the proof that leads from the head
	/// before them (or before position `anchored`, if that comes first) through every later
	/// leaf.
	pub fn answer(&self, party: Party, account: &str, anchored: u64) -> anyhow::Result<Answer> {
		// What the answer needs is copied out, so that appends wait only for that, not for
		// the file reads.
		let (ranges, start, before, leaves) = {
			let inner = self.lock();
			let length = inner.leaves.len() as u64;
			let positions = match party {
				Party::Patient => inner.by_patient.get(account),
				Party::Reader => inner.by_reader.get(account),
			}
			.cloned()
			.unwrap_or_default();
			let first = positions.first().copied().unwrap_or(length);
			let start = first.min(anchored).min(length);
			let ranges: Vec<(u64, u64, u64)> = positions
				.into_iter()
				.map(|index| {
					let offset = inner.offsets[index as usize];
					let next = inner.offsets.get(index as usize + 1).copied().unwrap_or(inner.end);
					(index, offset, next)
				})
				.collect();
			let leaves: Vec<String> =
				inner.leaves[start as usize..].iter().map(audit::hash_hex).collect();
			(ranges, start, audit::hash_hex(&inner.heads[start as usize]), leaves)
		};
		let mut file = File::open(&self.path)?;
		let mut entries = Vec::with_capacity(ranges.len());
		for (index, offset, next) in ranges {
			file.seek(SeekFrom::Start(offset))?;
			let mut line = vec![0u8; (next - offset) as usize];
			file.read_exact(&mut line)?;
			let entry = serde_json::from_slice(&line)
				.with_context(|| format!("entry {index} of the audit log changed on disk"))?;
			entries.push(Positioned { index, entry });
		}
		Ok(Answer { entries, start, before, leaves })
	}
}

impl Inner {
	fn push(&mut self, entry: &Entry, offset: u64, size: u64) {
		let index = self.leaves.len() as u64;
		let leaf = entry.leaf();
		let head = audit::extend(self.heads.last().expect("the empty head is first"), &leaf);
		self.leaves.push(leaf);
		self.heads.push(head);
		self.offsets.push(offset);
		self.end = offset + size;
		self.by_patient.entry(entry.patient.clone()).or_default().push(index);
		self.by_reader.entry(entry.reader.clone()).or_default().push(index);
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use medchain_crypto::audit::{check, SERVED};

	fn entry(n: u64, patient: &str, reader: &str) -> Entry {
		Entry {
			time_ms: n,
			block: n,
			reader: reader.into(),
			patient: patient.into(),
			record: n,
			cid: String::new(),
			outcome: SERVED.into(),
			reason: String::new(),
			purpose: "treatment".into(),
			nonce: format!("{n:032x}"),
		}
	}

	#[test]
	fn entries_survive_reopening_and_answers_check_out() {
		let folder = tempfile::tempdir().unwrap();
		let path = folder.path().join("audit.log");
		let log = AuditLog::open(&path).unwrap();
		for n in 0..6 {
			log.append(&entry(n, if n % 2 == 0 { "0xp" } else { "0xq" }, "0xd")).unwrap();
		}
		let head = log.head_at(6).unwrap();
		drop(log);
		let log = AuditLog::open(&path).unwrap();
		assert_eq!(log.len(), 6);
		assert!(log.consistent_with(6, &head));
		let answer = log.answer(Party::Patient, "0xq", 6).unwrap();
		let indices: Vec<u64> = answer.entries.iter().map(|p| p.index).collect();
		assert_eq!(indices, vec![1, 3, 5]);
		assert!(check(&answer, 6, &head).unwrap().entries.iter().all(|(_, anchored)| *anchored));
		assert_eq!(log.answer(Party::Reader, "0xd", 6).unwrap().entries.len(), 6);
		// An account with no entries still gets the proof from the anchor on.
		let none = log.answer(Party::Patient, "0xr", 4).unwrap();
		assert_eq!(none.start, 4);
		assert!(check(&none, 4, &log.head_at(4).unwrap()).is_ok());
	}

	#[test]
	fn a_line_cut_short_is_dropped_and_a_damaged_one_stops_the_daemon() {
		let folder = tempfile::tempdir().unwrap();
		let path = folder.path().join("audit.log");
		let log = AuditLog::open(&path).unwrap();
		log.append(&entry(0, "0xp", "0xd")).unwrap();
		drop(log);
		std::fs::OpenOptions::new()
			.append(true)
			.open(&path)
			.unwrap()
			.write_all(b"{\"time")
			.unwrap();
		let log = AuditLog::open(&path).unwrap();
		assert_eq!(log.len(), 1);
		log.append(&entry(1, "0xp", "0xd")).unwrap();
		drop(log);
		assert_eq!(AuditLog::open(&path).unwrap().len(), 2);
		std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"junk\n").unwrap();
		let error = AuditLog::open(&path).err().unwrap();
		assert!(format!("{error:#}").contains("line 3"), "{error:#}");
	}

	#[test]
	fn an_altered_file_no_longer_leads_to_the_anchored_head() {
		let folder = tempfile::tempdir().unwrap();
		let path = folder.path().join("audit.log");
		let log = AuditLog::open(&path).unwrap();
		for n in 0..4 {
			log.append(&entry(n, "0xp", "0xd")).unwrap();
		}
		let head = log.head_at(4).unwrap();
		drop(log);
		let text = std::fs::read_to_string(&path).unwrap();
		let lines: Vec<&str> = text.lines().collect();
		std::fs::write(&path, format!("{}\n{}\n{}\n", lines[0], lines[2], lines[3])).unwrap();
		let log = AuditLog::open(&path).unwrap();
		assert!(!log.consistent_with(4, &head));
		let answer = log.answer(Party::Patient, "0xp", 4).unwrap();
		assert!(check(&answer, 4, &head).is_err());
	}
}
