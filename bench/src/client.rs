//! The client's share of DESIGN §9: encrypt + CID throughput against the raw XChaCha20-Poly1305
//! and SHA-256 throughput of the same crates on the same data, the way back (CID check +
//! decrypt), and the peak memory of both for growing records.

use crate::MIB;
use chacha20poly1305::{
	aead::{AeadInPlace, KeyInit},
	XChaCha20Poly1305, XNonce,
};
use clap::ValueEnum;
use medchain_crypto::{CidWriter, Header, Scope, SymmetricKey, CHUNK_SIZE};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::{
	fs::File,
	io::{self, BufReader, BufWriter, Read, Seek, Write},
	time::{Duration, Instant},
};

/// What a peak-memory child process does.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Op {
	/// Encrypt + CID, as `medchain record add` does before the upload.
	Encrypt,
	/// CID check + decrypt, as `medchain record get` does after the download.
	Decrypt,
}

/// Throughput of one record size, in MiB/s.
pub struct Throughput {
	pub size: u64,
	pub repetitions: u32,
	pub aead: f64,
	pub sha256: f64,
	pub encrypt_cid: f64,
	pub cid_decrypt: f64,
}

impl Throughput {
	/// Encrypt + CID as a share of the raw AEAD throughput (DESIGN §9: at least 0.8).
	pub fn ratio(&self) -> f64 {
		self.encrypt_cid / self.aead
	}
}

/// Peak resident memory of one operation on one size, in KiB.
pub struct Memory {
	pub size: u64,
	pub encrypt_kib: u64,
	pub decrypt_kib: u64,
}

/// Everything the client part measured.
pub struct Client {
	pub throughput: Vec<Throughput>,
	pub memory: Vec<Memory>,
}

/// One random MiB, made once, outside every timed run.
fn pattern() -> Vec<u8> {
	let mut pattern = vec![0u8; MIB as usize];
	rand::rng().fill_bytes(&mut pattern);
	pattern
}

/// Reads `remaining` bytes of content made from `pattern` repeated, so that content of any size
/// needs no more memory than the pattern and no disk.
struct Content<'a> {
	pattern: &'a [u8],
	offset: usize,
	remaining: u64,
}

impl<'a> Content<'a> {
	fn new(pattern: &'a [u8], size: u64) -> Self {
		Self { pattern, offset: 0, remaining: size }
	}
}

impl Read for Content<'_> {
	fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
		let available = (self.pattern.len() - self.offset) as u64;
		let n = buf.len().min(available.min(self.remaining) as usize);
		buf[..n].copy_from_slice(&self.pattern[self.offset..self.offset + n]);
		self.offset = (self.offset + n) % self.pattern.len();
		self.remaining -= n as u64;
		Ok(n)
	}
}

fn scope() -> Scope {
	Scope { patient: [7; 32], category: 1, epoch: 0 }
}

fn mib_per_s(size: u64, elapsed: Duration) -> f64 {
	size as f64 / MIB as f64 / elapsed.as_secs_f64()
}

/// The median of `repetitions` runs of `f`.
fn median(repetitions: u32, mut f: impl FnMut() -> Result<(), String>) -> Result<Duration, String> {
	let mut times = Vec::new();
	for _ in 0..repetitions {
		let start = Instant::now();
		f()?;
		times.push(start.elapsed());
	}
	times.sort();
	Ok(times[times.len() / 2])
}

/// The `size` bytes of the content made from `pattern`, in record-sized chunks.
fn chunks(pattern: &[u8], size: u64) -> impl Iterator<Item = &[u8]> {
	let mut remaining = size;
	pattern.chunks(CHUNK_SIZE).cycle().map_while(move |chunk| {
		let n = chunk.len().min(remaining.try_into().unwrap_or(usize::MAX));
		remaining -= n as u64;
		(n > 0).then(|| &chunk[..n])
	})
}

/// Raw XChaCha20-Poly1305 over `size` bytes in record-sized chunks (one key, a fresh nonce per
/// chunk, each chunk copied into the buffer it is encrypted in): the floor the record format is
/// compared with.
fn raw_aead(pattern: &[u8], size: u64) -> Result<(), String> {
	let cipher = XChaCha20Poly1305::new(SymmetricKey::generate().as_bytes().into());
	let mut buffer = vec![0u8; CHUNK_SIZE];
	let mut nonce = [0u8; 24];
	let mut tags = 0u8;
	for (counter, chunk) in (0u64..).zip(chunks(pattern, size)) {
		let buffer = &mut buffer[..chunk.len()];
		buffer.copy_from_slice(chunk);
		nonce[..8].copy_from_slice(&counter.to_le_bytes());
		let tag = cipher
			.encrypt_in_place_detached(XNonce::from_slice(&nonce), b"", buffer)
			.map_err(|_| "the raw AEAD failed".to_owned())?;
		tags = tags.wrapping_add(tag[0]);
	}
	std::hint::black_box(tags);
	Ok(())
}

/// Raw SHA-256 over `size` bytes: what a CID costs at least.
fn raw_sha256(pattern: &[u8], size: u64) {
	let mut hasher = Sha256::new();
	for chunk in chunks(pattern, size) {
		hasher.update(chunk);
	}
	std::hint::black_box(hasher.finalize());
}

/// Encrypt + CID of `size` bytes into `out`, as `record add` does; returns the CID.
fn encrypt_cid(
	pattern: &[u8],
	size: u64,
	key: &SymmetricKey,
	out: impl Write,
) -> Result<cid::Cid, String> {
	let mut writer = CidWriter::new(out);
	medchain_crypto::encrypt(&mut Content::new(pattern, size), &mut writer, scope(), key, |_| {})
		.map_err(|e| e.to_string())?;
	let (mut out, cid) = writer.finish();
	out.flush().map_err(|e| e.to_string())?;
	Ok(cid)
}

/// CID check + decrypt of the record in `file`, as `record get` does with a download: every
/// byte is checked against the CID first, then the checked file is decrypted.
fn cid_decrypt(
	file: &std::path::Path,
	key: &SymmetricKey,
	expected: &cid::Cid,
) -> Result<(), String> {
	let mut file = BufReader::new(File::open(file).map_err(|e| e.to_string())?);
	let mut check = CidWriter::new(io::sink());
	io::copy(&mut file, &mut check).map_err(|e| e.to_string())?;
	let (_, cid) = check.finish();
	if cid != *expected {
		return Err(format!("the record's CID is {cid}, expected {expected}"));
	}
	file.rewind().map_err(|e| e.to_string())?;
	let header = Header::read(&mut file).map_err(|e| e.to_string())?;
	let data_key = header.data_key(key).map_err(|e| e.to_string())?;
	medchain_crypto::decrypt(&header, &data_key, &mut file, &mut io::sink())
		.map_err(|e| e.to_string())?;
	Ok(())
}

/// Write a record of `size` bytes to a temporary file; returns the file and its CID.
fn record_file(
	pattern: &[u8],
	size: u64,
	key: &SymmetricKey,
) -> Result<(tempfile::NamedTempFile, cid::Cid), String> {
	let file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
	let out = BufWriter::new(file.reopen().map_err(|e| e.to_string())?);
	let cid = encrypt_cid(pattern, size, key, out)?;
	Ok((file, cid))
}

fn throughput(size: u64, repetitions: u32) -> Result<Throughput, String> {
	let key = SymmetricKey::generate();
	let pattern = pattern();
	let aead = median(repetitions, || raw_aead(&pattern, size))?;
	let sha256 = median(repetitions, || {
		raw_sha256(&pattern, size);
		Ok(())
	})?;
	let encrypt =
		median(repetitions, || encrypt_cid(&pattern, size, &key, io::sink()).map(|_| ()))?;
	let (file, cid) = record_file(&pattern, size, &key)?;
	let decrypt = median(repetitions, || cid_decrypt(file.path(), &key, &cid))?;
	Ok(Throughput {
		size,
		repetitions,
		aead: mib_per_s(size, aead),
		sha256: mib_per_s(size, sha256),
		encrypt_cid: mib_per_s(size, encrypt),
		cid_decrypt: mib_per_s(size, decrypt),
	})
}

/// The peak resident memory (`VmHWM`) of this process, in KiB.
fn peak_kib() -> Result<u64, String> {
	crate::proc_kib("/proc/self/status", "VmHWM")
		.ok_or_else(|| "no VmHWM in /proc/self/status".to_owned())
}

/// In a child process: run `op` on `size` bytes and print the peak resident memory it took.
/// For `decrypt` the record is written first and the peak is reset before reading it back.
pub fn peak_memory_child(op: Op, size: u64) -> Result<(), String> {
	let key = SymmetricKey::generate();
	let pattern = pattern();
	match op {
		Op::Encrypt => {
			encrypt_cid(&pattern, size, &key, io::sink())?;
		},
		Op::Decrypt => {
			let (file, cid) = record_file(&pattern, size, &key)?;
			// Writing 5 to clear_refs resets VmHWM to the current resident size.
			std::fs::write("/proc/self/clear_refs", "5").map_err(|e| e.to_string())?;
			cid_decrypt(file.path(), &key, &cid)?;
		},
	}
	println!("{}", peak_kib()?);
	Ok(())
}

fn peak_memory(op: Op, size: u64) -> Result<u64, String> {
	let me = std::env::current_exe().map_err(|e| e.to_string())?;
	let value = op.to_possible_value().expect("no variant is skipped");
	let name = value.get_name();
	let output = std::process::Command::new(me)
		.args(["peak-memory", "--op", name, "--size", &size.to_string()])
		.output()
		.map_err(|e| e.to_string())?;
	if !output.status.success() {
		return Err(format!(
			"the {name} child failed: {}",
			String::from_utf8_lossy(&output.stderr).trim()
		));
	}
	String::from_utf8_lossy(&output.stdout)
		.trim()
		.parse()
		.map_err(|_| format!("the {name} child printed no peak memory"))
}

/// Measure the client: throughput at each size, then the peak memory at each size.
pub fn measure(smoke: bool) -> Result<Client, String> {
	let sizes: &[(u64, u32)] = if smoke {
		&[(MIB, 3), (8 * MIB, 1)]
	} else {
		&[(MIB, 51), (64 * MIB, 5), (1024 * MIB, 1)]
	};
	let mut client = Client { throughput: Vec::new(), memory: Vec::new() };
	for &(size, repetitions) in sizes {
		let row = throughput(size, repetitions)?;
		println!(
			"client {:>5} MiB: AEAD {:.0} MiB/s, SHA-256 {:.0} MiB/s, encrypt+CID {:.0} MiB/s ({:.2}x AEAD), CID+decrypt {:.0} MiB/s",
			size / MIB,
			row.aead,
			row.sha256,
			row.encrypt_cid,
			row.ratio(),
			row.cid_decrypt
		);
		client.throughput.push(row);
	}
	for &(size, _) in sizes {
		let memory = Memory {
			size,
			encrypt_kib: peak_memory(Op::Encrypt, size)?,
			decrypt_kib: peak_memory(Op::Decrypt, size)?,
		};
		println!(
			"client {:>5} MiB: peak memory encrypt+CID {} KiB, CID+decrypt {} KiB",
			size / MIB,
			memory.encrypt_kib,
			memory.decrypt_kib
		);
		client.memory.push(memory);
	}
	Ok(client)
}
