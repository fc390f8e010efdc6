// Starts a real `medchain-node --dev --tmp` (MEDCHAIN_NODE) on free ports and connects
// @polkadot/api to it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

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

/// A running dev node: `api` connected to it, `rpcPort`, and `stop()`.
export async function startDevNode() {
  const binary = process.env.MEDCHAIN_NODE;
  assert.ok(binary, 'MEDCHAIN_NODE must point at the medchain-node binary');
  await cryptoWaitReady();
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const node = spawn(binary, ['--dev', '--tmp', '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--rpc-port', String(rpcPort), '--port', String(p2pPort)], { stdio: 'ignore' });
  const api = await connect(`ws://127.0.0.1:${rpcPort}`, 90_000);
  const stop = async () => {
    await api.disconnect();
    node.kill('SIGINT');
    await new Promise((resolve) => {
      const t = setTimeout(() => { node.kill('SIGKILL'); resolve(); }, 20_000);
      node.on('exit', () => { clearTimeout(t); resolve(); });
    });
  };
  return { api, rpcPort, stop };
}

/// Submit `tx` signed by `signer` and wait until it is in a block. Resolves with the block hash
/// and the extrinsic's events; rejects with `section.Name` for a pallet error.
export function signAndWait(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub;
    tx.signAndSend(signer, (result) => {
      if (result.dispatchError) {
        if (unsub) unsub();
        const error = result.dispatchError;
        if (error.isModule) {
          const meta = api.registry.findMetaError(error.asModule);
          reject(new Error(`${meta.section}.${meta.name}`));
        } else {
          reject(new Error(error.toString()));
        }
      } else if (result.status.isInBlock) {
        if (unsub) unsub();
        resolve({ blockHash: result.status.asInBlock, events: result.events.map(({ event }) => event) });
      }
    }).then((u) => { unsub = u; }).catch(reject);
  });
}
