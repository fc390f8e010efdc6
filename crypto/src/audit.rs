//! The read audit log: its entries, their leaves, the hash chain over them and the proof a
//! gateway gives that a patient's entries are in the log whose head is anchored on chain.
//!
//! Gateways append and prove; clients verify. The chain (the audit pallet) folds leaves into
//! each hospital's anchored head with the same rule as [`extend`]:
//! `head(0) = [0; 32]`, `head(i) = sha256(head(i - 1) ‖ leaf(i))`.
//!
//! A leaf is the SHA-256 of an entry's canonical encoding, which includes a random nonce: the
//! leaves a gateway hands out with a proof (those of other patients' entries among them) and
//! the leaves on chain tell nothing about the entries.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A 32-byte hash: a leaf or a head.
pub type Hash32 = [u8; 32];

/// The head of an empty log.
pub const EMPTY_HEAD: Hash32 = [0u8; 32];

/// The purposes of use a reader may give (after HL7's PurposeOfUse): a fixed list, so that
/// nobody writes free text into a patient's audit trail.
pub const PURPOSES: [&str; 8] = [
	"treatment",
	"emergency",
	"patient-request",
	"payment",
	"operations",
	"research",
	"public-health",
	"legal",
];

/// Longest refusal reason an entry records, in bytes.
pub const MAX_REASON_LENGTH: usize = 200;

/// Domain tag of the leaf encoding.
const LEAF_TAG: &[u8] = b"medchain-audit-entry/1";

/// One request a gateway answered about one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
	/// When the gateway decided, in milliseconds since the Unix epoch.
	pub time_ms: u64,
	/// The finalized block whose state the decision was made on.
	pub block: u64,
	/// The account that asked (32-byte account id, hex with `0x`).
	pub reader: String,
	/// The patient whose record it asked for (hex with `0x`).
	pub patient: String,
	/// The record id.
	pub record: u64,
	/// The CID served, or the record's current CID when refused (empty if there is none).
	pub cid: String,
	/// `"served"` or `"refused"`.
	pub outcome: String,
	/// Why it was refused (empty when served).
	pub reason: String,
	/// The purpose the reader gave, one of [`PURPOSES`].
	pub purpose: String,
	/// 16 random bytes, hex: hides the entry behind its leaf.
	pub nonce: String,
}

/// The outcome of a served request.
pub const SERVED: &str = "served";
/// The outcome of a refused request.
pub const REFUSED: &str = "refused";

impl Entry {
	/// The entry's leaf: SHA-256 over a tag and every field, each with its length (u32, big
	/// endian) before it, in the order of the struct.
	pub fn leaf(&self) -> Hash32 {
		let mut hash = Sha256::new();
		hash.update(LEAF_TAG);
		let mut field = |bytes: &[u8]| {
			hash.update((bytes.len() as u32).to_be_bytes());
			hash.update(bytes);
		};
		field(&self.time_ms.to_be_bytes());
		field(&self.block.to_be_bytes());
		field(self.reader.as_bytes());
		field(self.patient.as_bytes());
		field(&self.record.to_be_bytes());
		field(self.cid.as_bytes());
		field(self.outcome.as_bytes());
		field(self.reason.as_bytes());
		field(self.purpose.as_bytes());
		field(self.nonce.as_bytes());
		hash.finalize().into()
	}
}

/// `head` extended by one `leaf`: `sha256(head ‖ leaf)`.
pub fn extend(head: &Hash32, leaf: &Hash32) -> Hash32 {
	let mut hash = Sha256::new();
	hash.update(head);
	hash.update(leaf);
	hash.finalize().into()
}

/// `head` extended by `leaves`, one after the other.
pub fn extend_all<'a>(head: &Hash32, leaves: impl IntoIterator<Item = &'a Hash32>) -> Hash32 {
	leaves.into_iter().fold(*head, |head, leaf| extend(&head, leaf))
}

/// An entry with its position in the log (0-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Positioned {
	/// Its position: the entry is the `index + 1`-th of the log.
	pub index: u64,
	/// The entry.
	pub entry: Entry,
}

/// A gateway's answer to "which entries of the log concern me", with the proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
	/// The entries asked for, in log order.
	pub entries: Vec<Positioned>,
	/// The position of the first leaf in `leaves`.
	pub start: u64,
	/// The head over the log's first `start` entries (hex).
	pub before: String,
	/// Every leaf from position `start` up to the log's length when the gateway answered (hex).
	pub leaves: Vec<String>,
}

/// How an answer failed to check out against the anchored head.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
	/// The answer is not well-formed (bad hex, positions out of order or out of range).
	#[error("the gateway's answer is malformed: {0}")]
	Malformed(String),
	/// An entry does not hash to the leaf at its position: it was changed.
	#[error("entry {index} does not match the leaf the gateway gives for its position: the entry was changed")]
	EntryChanged {
		/// The entry's position.
		index: u64,
	},
	/// The answer covers less of the log than is anchored.
	#[error("the gateway shows {shown} entries but {anchored} are anchored on chain: entries were dropped")]
	TooShort {
		/// How many entries the answer reaches.
		shown: u64,
		/// How many are anchored.
		anchored: u64,
	},
	/// The leaves do not lead to the anchored head: an anchored entry was changed, dropped,
	/// reordered or inserted.
	#[error("the gateway's log does not lead to the head anchored on chain after {anchored} entries: an anchored entry was changed, dropped or inserted")]
	HeadMismatch {
		/// The anchored length.
		anchored: u64,
	},
}

/// What a checked answer says about each entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
	/// The entries, in log order, each with whether it is covered by the anchored head
	/// (`false`: logged after the latest anchor, not yet provable).
	pub entries: Vec<(Positioned, bool)>,
}

fn parse_hash(text: &str) -> Result<Hash32, AuditError> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.map_err(|_| AuditError::Malformed(format!("'{text}' is not hex")))?;
	bytes.try_into().map_err(|_| AuditError::Malformed(format!("'{text}' is not 32 bytes")))
}

/// Hex with `0x` of a hash.
pub fn hash_hex(hash: &Hash32) -> String {
	format!("0x{}", hex::encode(hash))
}

/// Check `answer` against the head anchored on chain after `anchored` entries.
///
/// Every entry must hash to the leaf at its position, and the leaves from `start` must lead from
/// `before` to `anchored_head` after `anchored` entries. Entries at or past `anchored` are
/// returned as not yet anchored. The proof must start at or before `anchored` (a gateway asked
/// about a log anchored at `anchored` starts it at the first entry asked for, or at `anchored`
/// when that comes later), so even an answer without entries shows the log still leads to the
/// anchored head; with no anchor yet, `anchored` is 0 and `anchored_head` [`EMPTY_HEAD`].
pub fn check(
	answer: &Answer,
	anchored: u64,
	anchored_head: &Hash32,
) -> Result<Checked, AuditError> {
	let leaves = answer.leaves.iter().map(|l| parse_hash(l)).collect::<Result<Vec<_>, _>>()?;
	let before = parse_hash(&answer.before)?;
	let end = answer
		.start
		.checked_add(leaves.len() as u64)
		.ok_or_else(|| AuditError::Malformed("the proof's positions overflow".into()))?;
	let mut previous = None;
	for positioned in &answer.entries {
		let index = positioned.index;
		if index < answer.start || index >= end || previous.is_some_and(|p| p >= index) {
			return Err(AuditError::Malformed(format!(
				"entry position {index} out of order or range"
			)));
		}
		previous = Some(index);
		if positioned.entry.leaf() != leaves[(index - answer.start) as usize] {
			return Err(AuditError::EntryChanged { index });
		}
	}
	if answer.start > anchored {
		return Err(AuditError::Malformed(format!(
			"the proof starts at entry {}, past the {anchored} anchored ones",
			answer.start
		)));
	}
	if end < anchored {
		return Err(AuditError::TooShort { shown: end, anchored });
	}
	let anchored_leaves = &leaves[..(anchored - answer.start) as usize];
	if extend_all(&before, anchored_leaves) != *anchored_head {
		return Err(AuditError::HeadMismatch { anchored });
	}
	let covers = |index: u64| index < anchored;
	Ok(Checked { entries: answer.entries.iter().map(|p| (p.clone(), covers(p.index))).collect() })
}

#[cfg(test)]
mod tests {
	use super::*;

	fn entry(n: u64, patient: &str) -> Entry {
		Entry {
			time_ms: 1_000 + n,
			block: n,
			reader: "0xaa".into(),
			patient: patient.into(),
			record: n,
			cid: "bafy".into(),
			outcome: SERVED.into(),
			reason: String::new(),
			purpose: "treatment".into(),
			nonce: format!("{n:032x}"),
		}
	}

	/// A log of `n` entries, every third one of patient `0xp1`, and the answer for `0xp1`.
	fn log_and_answer(n: u64) -> (Vec<Entry>, Answer) {
		let log: Vec<Entry> =
			(0..n).map(|i| entry(i, if i % 3 == 1 { "0xp1" } else { "0xp2" })).collect();
		let leaves: Vec<Hash32> = log.iter().map(Entry::leaf).collect();
		let start = 1;
		let answer = Answer {
			entries: log
				.iter()
				.enumerate()
				.filter(|(_, e)| e.patient == "0xp1")
				.map(|(i, e)| Positioned { index: i as u64, entry: e.clone() })
				.collect(),
			start,
			before: hash_hex(&extend_all(&EMPTY_HEAD, &leaves[..start as usize])),
			leaves: leaves[start as usize..].iter().map(hash_hex).collect(),
		};
		(log, answer)
	}

	fn head(log: &[Entry], n: usize) -> Hash32 {
		extend_all(&EMPTY_HEAD, &log[..n].iter().map(Entry::leaf).collect::<Vec<_>>())
	}

	#[test]
	fn an_honest_answer_checks_out_and_marks_unanchored_entries() {
		let (log, answer) = log_and_answer(10);
		let checked = check(&answer, 8, &head(&log, 8)).unwrap();
		let flags: Vec<(u64, bool)> =
			checked.entries.iter().map(|(p, anchored)| (p.index, *anchored)).collect();
		assert_eq!(flags, vec![(1, true), (4, true), (7, true)]);
		let checked = check(&answer, 5, &head(&log, 5)).unwrap();
		assert!(!checked.entries[2].1, "entry 7 is past an anchor of 5");
	}

	#[test]
	fn a_changed_entry_is_detected() {
		let (log, mut answer) = log_and_answer(10);
		answer.entries[1].entry.reader = "0xbb".into();
		assert_eq!(check(&answer, 10, &head(&log, 10)), Err(AuditError::EntryChanged { index: 4 }));
	}

	#[test]
	fn a_changed_leaf_or_a_dropped_entry_breaks_the_head() {
		let (log, answer) = log_and_answer(10);
		let mut changed = answer.clone();
		changed.leaves[4] = hash_hex(&[9; 32]);
		assert_eq!(
			check(&changed, 10, &head(&log, 10)),
			Err(AuditError::HeadMismatch { anchored: 10 })
		);
		// A log with entry 5 dropped: what the gateway recomputes from the damaged file.
		let mut damaged = log.clone();
		damaged.remove(5);
		damaged.push(entry(99, "0xp2"));
		let leaves: Vec<Hash32> = damaged.iter().map(Entry::leaf).collect();
		let dropped = Answer {
			leaves: leaves[1..].iter().map(hash_hex).collect(),
			entries: vec![
				Positioned { index: 1, entry: damaged[1].clone() },
				Positioned { index: 4, entry: damaged[4].clone() },
			],
			..answer
		};
		assert_eq!(
			check(&dropped, 10, &head(&log, 10)),
			Err(AuditError::HeadMismatch { anchored: 10 })
		);
	}

	#[test]
	fn an_answer_shorter_than_the_anchor_is_refused() {
		let (log, mut answer) = log_and_answer(10);
		answer.leaves.truncate(5);
		answer.entries.retain(|positioned| positioned.index < 6);
		assert_eq!(
			check(&answer, 10, &head(&log, 10)),
			Err(AuditError::TooShort { shown: 6, anchored: 10 })
		);
	}

	#[test]
	fn an_answer_without_entries_still_proves_the_log_to_the_anchor() {
		let (log, _) = log_and_answer(10);
		let none = Answer {
			entries: vec![],
			start: 10,
			before: hash_hex(&head(&log, 10)),
			leaves: vec![],
		};
		assert!(check(&none, 10, &head(&log, 10)).unwrap().entries.is_empty());
		let altered = Answer { before: hash_hex(&head(&log, 9)), ..none.clone() };
		assert_eq!(
			check(&altered, 10, &head(&log, 10)),
			Err(AuditError::HeadMismatch { anchored: 10 })
		);
		assert!(matches!(check(&none, 8, &head(&log, 8)), Err(AuditError::Malformed(_))));
		let unanchored = Answer { start: 0, before: hash_hex(&EMPTY_HEAD), ..none };
		assert!(check(&unanchored, 0, &EMPTY_HEAD).unwrap().entries.is_empty());
	}

	#[test]
	fn malformed_answers_are_refused() {
		let (log, answer) = log_and_answer(10);
		let mut unordered = answer.clone();
		unordered.entries.swap(0, 1);
		assert!(matches!(check(&unordered, 10, &head(&log, 10)), Err(AuditError::Malformed(_))));
		let mut bad_hex = answer;
		bad_hex.before = "zz".into();
		assert!(matches!(check(&bad_hex, 10, &head(&log, 10)), Err(AuditError::Malformed(_))));
	}

	#[test]
	fn the_leaf_depends_on_every_field() {
		let base = entry(1, "0xp1");
		let variants = [
			Entry { time_ms: 0, ..base.clone() },
			Entry { block: 0, ..base.clone() },
			Entry { reader: "0xab".into(), ..base.clone() },
			Entry { patient: "0xp2".into(), ..base.clone() },
			Entry { record: 0, ..base.clone() },
			Entry { cid: String::new(), ..base.clone() },
			Entry { outcome: REFUSED.into(), ..base.clone() },
			Entry { reason: "x".into(), ..base.clone() },
			Entry { purpose: "research".into(), ..base.clone() },
			Entry { nonce: "00".into(), ..base.clone() },
		];
		for variant in variants {
			assert_ne!(variant.leaf(), base.leaf(), "{variant:?}");
		}
		// Field boundaries are unambiguous.
		let a = Entry { cid: "ab".into(), outcome: "c".into(), ..base.clone() };
		let b = Entry { cid: "a".into(), outcome: "bc".into(), ..base };
		assert_ne!(a.leaf(), b.leaf());
	}
}
