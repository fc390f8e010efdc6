use crate::*;

const PATIENT: [u8; 32] = [7; 32];

fn scope(epoch: u32) -> Scope {
	Scope { patient: PATIENT, category: 3, epoch }
}

fn roundtrip(len: usize) {
	let plain: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
	let key = SymmetricKey::generate();
	let mut sealed = Vec::new();
	let mut seen = 0u64;
	let (data_key, written) =
		encrypt(&mut plain.as_slice(), &mut sealed, scope(0), &key, |n| seen += n).unwrap();
	assert_eq!(written as usize, sealed.len());
	assert_eq!(seen as usize, len);
	let chunks = len.div_ceil(CHUNK_SIZE).max(1);
	assert_eq!(sealed.len(), HEADER_SIZE + len + chunks * TAG_SIZE);

	let mut reader = sealed.as_slice();
	let header = Header::read(&mut reader).unwrap();
	assert_eq!(header.scope, scope(0));
	assert_eq!(header.data_key(&key).unwrap(), data_key);
	let mut out = Vec::new();
	assert_eq!(decrypt(&header, &data_key, &mut reader, &mut out).unwrap() as usize, len);
	assert_eq!(out, plain);
}

#[test]
fn roundtrips_at_chunk_boundaries() {
	for len in [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 200_000] {
		roundtrip(len);
	}
}

fn sealed(len: usize) -> (Vec<u8>, SymmetricKey) {
	let plain = vec![5u8; len];
	let key = SymmetricKey::generate();
	let mut out = Vec::new();
	encrypt(&mut plain.as_slice(), &mut out, scope(2), &key, |_| {}).unwrap();
	(out, key)
}

fn open(bytes: &[u8], key: &SymmetricKey) -> Result<Vec<u8>, CryptoError> {
	let mut reader = bytes;
	let header = Header::read(&mut reader)?;
	let data_key = header.data_key(key)?;
	let mut out = Vec::new();
	decrypt(&header, &data_key, &mut reader, &mut out)?;
	Ok(out)
}

#[test]
fn flipped_byte_anywhere_is_an_error() {
	let (bytes, key) = sealed(2 * CHUNK_SIZE + 10);
	// In the body: authentication fails.
	for at in [HEADER_SIZE, HEADER_SIZE + CHUNK_SIZE + 20, bytes.len() - 1] {
		let mut bad = bytes.clone();
		bad[at] ^= 1;
		assert!(matches!(open(&bad, &key), Err(CryptoError::Corrupted)), "byte {at}");
	}
	// In the header's scope fields: the data key no longer opens.
	for at in [9, 41, 43, 60, HEADER_SIZE - 1] {
		let mut bad = bytes.clone();
		bad[at] ^= 1;
		assert!(matches!(open(&bad, &key), Err(CryptoError::WrongKey)), "byte {at}");
	}
	let mut bad = bytes.clone();
	bad[0] ^= 1;
	assert!(matches!(open(&bad, &key), Err(CryptoError::NotARecord)));
}

#[test]
fn truncation_and_wrong_key_are_errors() {
	let (bytes, key) = sealed(2 * CHUNK_SIZE + 10);
	// Cut at a chunk boundary: the last chunk is missing its "last" flag.
	let cut = HEADER_SIZE + CHUNK_SIZE + TAG_SIZE;
	assert!(matches!(open(&bytes[..cut], &key), Err(CryptoError::Corrupted)));
	assert!(matches!(open(&bytes[..bytes.len() - 1], &key), Err(CryptoError::Corrupted)));
	assert!(matches!(open(&bytes[..10], &key), Err(CryptoError::NotARecord)));
	assert!(matches!(open(&bytes, &SymmetricKey::generate()), Err(CryptoError::WrongKey)));
}

#[test]
fn scope_keys_reach_holders_through_hpke_from_the_patient_only() {
	let patient = EncryptionKeypair::derive(b"patient's secret key material, 32+ bytes");
	let doctor = EncryptionKeypair::derive(b"doctor's secret key material, 32+ bytes");
	let stranger = EncryptionKeypair::derive(b"someone else's secret key material!!");
	let from = patient.public_key();
	let key = SymmetricKey::generate();
	let wrapped = wrap_for(&patient, &doctor.public_key(), &scope(0), &key).unwrap();
	assert_eq!(wrapped.len(), HPKE_WRAPPED_SIZE);
	assert_eq!(unwrap_for(&doctor, &from, &scope(0), &wrapped).unwrap(), key);
	assert!(matches!(
		unwrap_for(&stranger, &from, &scope(0), &wrapped),
		Err(CryptoError::WrongKey)
	));
	// Bound to the scope: another epoch or category does not open.
	assert!(matches!(unwrap_for(&doctor, &from, &scope(1), &wrapped), Err(CryptoError::WrongKey)));
	// Authenticated: a key someone else wrapped for the doctor (a node forging key material)
	// does not open as the patient's.
	let forged = wrap_for(&stranger, &doctor.public_key(), &scope(0), &key).unwrap();
	assert!(matches!(unwrap_for(&doctor, &from, &scope(0), &forged), Err(CryptoError::WrongKey)));
	// Deterministic derivation, a valid public key.
	assert_eq!(
		EncryptionKeypair::derive(b"doctor's secret key material, 32+ bytes").public_key(),
		doctor.public_key()
	);
	assert!(medchain_primitives::is_valid_encryption_key(&doctor.public_key()));
}

#[test]
fn fingerprints_are_short_stable_and_differ() {
	let doctor = EncryptionKeypair::derive(b"doctor's secret key material, 32+ bytes").public_key();
	let other = EncryptionKeypair::derive(b"someone else's secret key material!!").public_key();
	let print = fingerprint(&doctor);
	assert_eq!(print.len(), 24, "{print}");
	assert_eq!(print.split(' ').count(), 5);
	assert_eq!(print, fingerprint(&doctor));
	assert_ne!(print, fingerprint(&other));
}

#[test]
fn record_keys_are_bound_to_the_cid_and_the_patient() {
	let patient = EncryptionKeypair::derive(b"patient's secret key material, 32+ bytes");
	let grantee = EncryptionKeypair::derive(b"grantee secret key material 1234567");
	let from = patient.public_key();
	let key = SymmetricKey::generate();
	let wrapped = wrap_record_key(&patient, &grantee.public_key(), b"cid-a", &key).unwrap();
	assert_eq!(unwrap_record_key(&grantee, &from, b"cid-a", &wrapped).unwrap(), key);
	assert!(unwrap_record_key(&grantee, &from, b"cid-b", &wrapped).is_err());
	assert!(unwrap_record_key(&grantee, &grantee.public_key(), b"cid-a", &wrapped).is_err());
	assert!(matches!(
		wrap_record_key(&patient, &[0; 32], b"cid-a", &key),
		Err(CryptoError::InvalidPublicKey)
	));
}

#[test]
fn links_walk_back_to_older_epochs() {
	let keys: Vec<SymmetricKey> = (0..4).map(|_| SymmetricKey::generate()).collect();
	let links: Vec<(u32, Vec<u8>)> =
		(1..4u32).map(|e| (e, link(&keys[e as usize], &scope(e), &keys[e as usize - 1]))).collect();
	for target in 0..4 {
		assert_eq!(walk_back(&keys[3], &scope(3), &links, target).unwrap(), keys[target as usize]);
	}
	// An old key cannot walk forward, a missing link is reported, a wrong key fails.
	assert!(matches!(walk_back(&keys[1], &scope(1), &links, 2), Err(CryptoError::MissingEpoch(2))));
	assert!(matches!(
		walk_back(&keys[3], &scope(3), &links[1..], 0),
		Err(CryptoError::MissingEpoch(0))
	));
	assert!(matches!(walk_back(&keys[2], &scope(3), &links, 0), Err(CryptoError::WrongKey)));
	// A record of epoch 1 opens with the epoch-3 key through the links.
	let plain = b"older record".to_vec();
	let mut sealed = Vec::new();
	encrypt(&mut plain.as_slice(), &mut sealed, scope(1), &keys[1], |_| {}).unwrap();
	let mut reader = sealed.as_slice();
	let header = Header::read(&mut reader).unwrap();
	let epoch_key = walk_back(&keys[3], &scope(3), &links, header.scope.epoch).unwrap();
	let mut out = Vec::new();
	decrypt(&header, &header.data_key(&epoch_key).unwrap(), &mut reader, &mut out).unwrap();
	assert_eq!(out, plain);
}
