// The record lifecycle through Polkadot.js (no custom types) and the node's records_* JSON-RPC:
// a hospital admin registers a doctor and a patient; the patient creates a scope key and grants
// consent; the doctor adds a record; the patient co-signs an update (sr25519, signed here by
// @polkadot/keyring over the SCALE payload built from the metadata); a replay is refused; a
// two-step delete leaves a tombstone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { signAndWait, startDevNode } from './dev-node.mjs';

let dev;
let api;
let alice, bob, charlie, dave;
const LAB = 1;

/// The CIDv1 (raw codec, SHA2-256) of `text`, as `ipfs add --cid-version 1` gives it.
async function cidOf(text) {
  return CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode(text)));
}

/// An opaque wrapped key (the chain never looks inside), as hex: @polkadot/api reads a bare
/// Uint8Array for `Bytes` as already SCALE-encoded (length prefix included).
const wrapped = (fill) => u8aToHex(new Uint8Array(80).fill(fill));

/// Submit `tx` signed by `signer`; the extrinsic's events, or a rejection naming the pallet error.
const send = async (tx, signer) => (await signAndWait(api, tx, signer)).events;

const rpc = (method, params) => api._rpcCore.provider.send(method, params);

before(async () => {
  dev = await startDevNode();
  api = dev.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
});

after(async () => { await dev?.stop(); });

test('records lifecycle over Polkadot.js and records_* RPC', async () => {
  // The admin of hospital 0 registers Bob as a doctor and Charlie as a patient.
  await send(api.tx.utility.batchAll([
    api.tx.roles.assignRole(0, bob.address, 'Doctor'),
    api.tx.roles.registerPatient(0, charlie.address),
  ]), alice);

  // Charlie creates the LAB scope key and grants Bob consent with his wrapped copy.
  await send(api.tx.utility.batchAll([
    api.tx.records.rotateScopeKey(LAB, null, [[charlie.address, wrapped(1)]]),
    api.tx.records.grantConsent(bob.address, { Categories: [LAB] }, null, [[LAB, wrapped(2)]]),
  ]), charlie);

  // Bob adds a record; a malformed CID is refused with its own error.
  const first = await cidOf('first version');
  await assert.rejects(send(api.tx.records.addRecord(charlie.address, '0x1220aabb', LAB), bob),
    /records\.MalformedCid/);
  const added = await send(api.tx.records.addRecord(charlie.address, u8aToHex(first.bytes), LAB), bob);
  const addedEvent = added.find((e) => e.section === 'records' && e.method === 'RecordAdded');
  assert.ok(addedEvent, 'RecordAdded emitted');
  const id = addedEvent.data.record.toNumber();

  // The RPC view of what happened.
  const records = await rpc('records_patientRecords', [charlie.address, null, 10]);
  assert.equal(records.length, 1);
  assert.equal(records[0].id, id);
  assert.equal(records[0].cid, first.toString());
  assert.equal(records[0].author, bob.address);
  assert.equal(records[0].status, 'active');
  assert.equal(await rpc('records_canAccess', [bob.address, charlie.address, id]), true);
  assert.equal(await rpc('records_canAccess', [charlie.address, charlie.address, id]), true);
  assert.equal(await rpc('records_canAccess', [dave.address, charlie.address, id]), false);
  const grants = await rpc('records_grants', [charlie.address]);
  assert.deepEqual(grants, [{ grantee: bob.address, categories: [LAB], expires: null, live: true, keyCategories: [LAB] }]);
  const material = await rpc('records_keyMaterial', [bob.address, charlie.address, LAB]);
  assert.equal(material.epoch, 0);
  assert.equal(material.wrappedKey, wrapped(2));
  assert.equal(await rpc('records_keyMaterial', [dave.address, charlie.address, LAB]), null);
  await assert.rejects(rpc('records_grants', ['not-an-account']), /not an account/);

  // Co-signed update: Charlie signs the payload, Bob submits it.
  const second = await cidOf('second version');
  const payloadType = api.tx.records.cosignedChange.meta.args[0].type.toString();
  const header = await api.rpc.chain.getHeader();
  const payload = api.createType(payloadType, {
    genesisHash: api.genesisHash,
    patient: charlie.address,
    doctor: bob.address,
    record: id,
    change: { Update: { cid: u8aToHex(second.bytes) } },
    nonce: await rpc('records_cosignNonce', [charlie.address]),
    expires: header.number.toNumber() + 50,
  });
  const signature = { Sr25519: charlie.sign(u8aConcat(stringToU8a('medchain/records/cosign/v1'), payload.toU8a())) };
  const updated = await send(api.tx.records.cosignedChange(payload, signature), bob);
  const updatedEvent = updated.find((e) => e.section === 'records' && e.method === 'RecordUpdated');
  assert.equal(updatedEvent.data.version.toNumber(), 2);
  assert.equal(await rpc('records_cosignNonce', [charlie.address]), 1);
  await assert.rejects(send(api.tx.records.cosignedChange(payload, signature), bob), /records\.Replayed/);
  // Bob cannot forge Charlie's signature.
  const forged = { Sr25519: bob.sign(u8aConcat(stringToU8a('medchain/records/cosign/v1'), payload.toU8a())) };
  await assert.rejects(send(api.tx.records.cosignedChange(payload, forged), bob), /records\.WrongSigner/);

  let details = await rpc('records_record', [charlie.address, id]);
  assert.equal(details.version, 2);
  assert.equal(details.cid, second.toString());
  assert.deepEqual(details.history.map((h) => [h.cid, h.version]), [[first.toString(), 1]]);

  // Two-step delete: Charlie proposes, Bob approves; the tombstone keeps no CID.
  const expires = (await api.rpc.chain.getHeader()).number.toNumber() + 50;
  await send(api.tx.records.proposeChange(charlie.address, id, 'Delete', expires), charlie);
  details = await rpc('records_record', [charlie.address, id]);
  assert.equal(details.proposal.change, 'delete');
  assert.equal(details.proposal.proposer, charlie.address);
  const deleted = await send(api.tx.records.approveChange(charlie.address, id, 'Delete'), bob);
  const deletedEvent = deleted.find((e) => e.section === 'records' && e.method === 'RecordDeleted');
  assert.equal(u8aToHex(deletedEvent.data.cid), u8aToHex(second.bytes));
  assert.deepEqual(deletedEvent.data.history.map((c) => u8aToHex(c)), [u8aToHex(first.bytes)]);
  details = await rpc('records_record', [charlie.address, id]);
  assert.equal(details.status, 'deleted');
  assert.equal(details.cid, null);
  assert.deepEqual(details.history, []);
  assert.equal(await rpc('records_canAccess', [bob.address, charlie.address, id]), false);
});
