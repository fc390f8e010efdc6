// Polkadot.js compatibility: @polkadot/api talks to a real `medchain-node --dev` with no custom
// type definitions (everything comes from the runtime metadata).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Keyring } from '@polkadot/keyring';
import { signAndWait, startDevNode } from './dev-node.mjs';

let dev;
let api;

/// A fresh X25519 public key (32 raw bytes) from Node's own crypto.
function x25519PublicKey() {
  const { publicKey } = generateKeyPairSync('x25519');
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

before(async () => {
  dev = await startDevNode();
  api = dev.api;
});

after(async () => { await dev?.stop(); });

test('metadata exposes the roles and records pallets', () => {
  assert.equal(api.runtimeVersion.specName.toString(), 'medchain');
  assert.ok(api.runtimeMetadata.version >= 14, 'metadata v14 or newer');
  for (const pallet of ['roles', 'records', 'council', 'validatorSet', 'nodeAuthorization']) {
    assert.ok(api.tx[pallet], `tx.${pallet} is known`);
  }
  assert.ok(api.tx.roles.setEncryptionKey, 'roles.setEncryptionKey');
  assert.ok(api.tx.records.addRecord, 'records.addRecord');
  assert.ok(api.query.roles.hospitals, 'roles.hospitals storage');
  assert.ok(api.errors.roles.NotAuthorized, 'roles errors are in the metadata');
});

test('a registered account submits a signed extrinsic and sees it in a block', async () => {
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const key = x25519PublicKey();
  const { blockHash, events } = await signAndWait(api, api.tx.roles.setEncryptionKey(key), alice);
  const names = events.map((event) => `${event.section}.${event.method}`);
  assert.ok(names.includes('roles.EncryptionKeySet'), `events: ${names}`);
  assert.ok(names.includes('system.ExtrinsicSuccess'), `events: ${names}`);
  const block = await api.rpc.chain.getBlock(blockHash);
  const found = block.block.extrinsics.some(
    (xt) => xt.isSigned && xt.method.section === 'roles' && xt.method.method === 'setEncryptionKey');
  assert.ok(found, 'the extrinsic is in the block');
  const stored = await api.query.roles.encryptionKeys(alice.address);
  assert.equal(stored.unwrap().toHex(), '0x' + Buffer.from(key).toString('hex'));
});

test('an unknown account is refused by the transaction pool with the gate\'s reason', async () => {
  const ferdie = new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie');
  await assert.rejects(
    api.tx.roles.setEncryptionKey(x25519PublicKey()).signAndSend(ferdie),
    (err) => {
      // 1010: invalid transaction; Custom(1) is the gate's "unknown account" code.
      assert.match(err.message, /1010/);
      assert.match(err.message, /Custom error: 1/);
      return true;
    });
});

test('a hospital admin publishes its gateway, and its service account may anchor only', async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const service = keyring.addFromUri('//MedChainGatewayService');
  const url = 'https://gateway.general.example';
  const { events } = await signAndWait(
    api, api.tx.roles.setHospitalServices(0, url, service.address, null), alice);
  const names = events.map((event) => `${event.section}.${event.method}`);
  assert.ok(names.includes('roles.HospitalServicesSet'), `events: ${names}`);
  const published = (await api.query.roles.hospitalServices(0)).unwrap();
  assert.equal(Buffer.from(published.gateway.toU8a(true)).toString(), url);
  assert.equal(published.serviceAccount.toString(), service.address);
  assert.equal((await api.query.audit.anchors(0)).isNone, true, 'nothing anchored yet');
  // The service account's own calls pass the gate; anything else is refused (Custom(3)).
  await assert.rejects(
    api.tx.roles.setEncryptionKey(x25519PublicKey()).signAndSend(service),
    (err) => { assert.match(err.message, /Custom error: 3/); return true; });
  await signAndWait(api, api.tx.audit.anchor([new Uint8Array(32).fill(7)]), service);
  const anchor = (await api.query.audit.anchors(0)).unwrap();
  assert.equal(anchor.length.toNumber(), 1);
});
