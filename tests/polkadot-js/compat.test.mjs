// Polkadot.js compatibility: @polkadot/api talks to a real `medchain-node --dev` with no custom
// type definitions (everything comes from the runtime metadata).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const NODE = process.env.MEDCHAIN_NODE;
let node;
let api;

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function connect(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const provider = new WsProvider(url, false);
    try {
      await provider.connect();
      await new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('connect timeout')), 2000);
        provider.on('connected', () => { clearTimeout(t); resolve(); });
        provider.on('error', () => { clearTimeout(t); reject(new Error('connect error')); });
      });
      return await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    } catch (e) {
      await provider.disconnect().catch(() => {});
      if (Date.now() > deadline) throw new Error(`node not reachable at ${url}: ${e.message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/// A fresh X25519 public key (32 raw bytes) from Node's own crypto.
function x25519PublicKey() {
  const { publicKey } = generateKeyPairSync('x25519');
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
}

before(async () => {
  assert.ok(NODE, 'MEDCHAIN_NODE must point at the medchain-node binary');
  await cryptoWaitReady();
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  node = spawn(NODE, ['--dev', '--tmp', '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--rpc-port', String(rpcPort), '--port', String(p2pPort)], { stdio: 'ignore' });
  api = await connect(`ws://127.0.0.1:${rpcPort}`, 90_000);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) {
    node.kill('SIGINT');
    await new Promise((resolve) => {
      const t = setTimeout(() => { node.kill('SIGKILL'); resolve(); }, 20_000);
      node.on('exit', () => { clearTimeout(t); resolve(); });
    });
  }
});

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
  const { blockHash, events } = await new Promise((resolve, reject) => {
    let unsub;
    api.tx.roles.setEncryptionKey(key)
      .signAndSend(alice, (result) => {
        if (result.dispatchError) {
          reject(new Error(`dispatch error: ${result.dispatchError.toString()}`));
        } else if (result.status.isInBlock) {
          if (unsub) unsub();
          resolve({ blockHash: result.status.asInBlock, events: result.events });
        }
      })
      .then((u) => { unsub = u; })
      .catch(reject);
  });
  const names = events.map(({ event }) => `${event.section}.${event.method}`);
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
