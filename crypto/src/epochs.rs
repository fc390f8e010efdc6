//! Links between the epochs of a scope key: each rotation stores the previous epoch's key
//! encrypted under the new one, so the current key opens every older record.

use crate::{CryptoError, Scope, SymmetricKey};

const LINK_CONTEXT: &[u8] = b"medchain/epoch-link/v1";

/// The link stored with epoch `new_scope.epoch`: the previous epoch's key under the new key.
pub fn link(new_key: &SymmetricKey, new_scope: &Scope, previous: &SymmetricKey) -> Vec<u8> {
	new_key.seal(previous, &new_scope.context(LINK_CONTEXT))
}

/// From the key of `scope` (the current epoch) and the chain's links (epoch, link), the key of
/// `target` epoch (≤ the current one).
pub fn walk_back(
	current: &SymmetricKey,
	scope: &Scope,
	links: &[(u32, Vec<u8>)],
	target: u32,
) -> Result<SymmetricKey, CryptoError> {
	if target > scope.epoch {
		return Err(CryptoError::MissingEpoch(target));
	}
	let mut key = current.clone();
	for epoch in (target + 1..=scope.epoch).rev() {
		let sealed = links
			.iter()
			.find(|(e, _)| *e == epoch)
			.map(|(_, link)| link)
			.ok_or(CryptoError::MissingEpoch(epoch - 1))?;
		let at = Scope { epoch, ..*scope };
		key = key.open(sealed, &at.context(LINK_CONTEXT))?;
	}
	Ok(key)
}
