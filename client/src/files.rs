//! Files that hold a secret or a decrypted record.

use std::{fs::File, io, path::Path};

/// Create a new file at `path` that only its owner can read and write (mode 0600 on Unix).
/// An existing file is never replaced: that is an [`io::ErrorKind::AlreadyExists`] error.
pub fn create_private(path: &Path) -> io::Result<File> {
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	options.open(path)
}
