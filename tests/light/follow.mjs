// smoldot, the light client, follows a Dengji chain's finality (issue 11 §7). Run by
// tests/tests/light_client.rs; smoldot comes from the npm registry (package.json, pinned; installed
// by scripts/setup.sh with `npm ci`).
//
//   node follow.mjs <raw chain spec file> <bootnode multiaddr> <target block number> <timeout s>
//
// The chain spec's boot nodes are replaced by the one given (an edge node: the validators accept
// only allow-listed PeerIds). smoldot syncs from genesis (warp sync, GRANDPA proofs checked
// against the spec's genesis authorities) and subscribes to finalized heads
// (`chain_subscribeFinalizedHeads`); every finalized header it verified is printed on stdout as a
// JSON line {"number", "parentHash", "stateRoot", "peers"} (the parent hash ties it to the
// validators' chain). Exits 0 once block <target> or a later one is finalized,
// 1 at the timeout. smoldot's own log (warnings and above) goes to stderr.
import { readFileSync } from 'node:fs';
import * as smoldot from 'smoldot';

const [specPath, bootnode, targetArg, timeoutArg] = process.argv.slice(2);
if (!specPath || !bootnode || !targetArg || !timeoutArg) {
	console.error('usage: node follow.mjs <raw chain spec> <bootnode multiaddr> <target number> <timeout s>');
	process.exit(2);
}
const target = Number(targetArg);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
spec.bootNodes = [bootnode];

const timer = setTimeout(() => {
	console.error(`follow.mjs: no finalized block >= #${target} within ${timeoutArg} s`);
	process.exit(1);
}, Number(timeoutArg) * 1000);

const client = smoldot.start({
	maxLogLevel: 3,
	logCallback: (level, target_, message) => console.error(`smoldot [${level}] ${target_}: ${message}`),
});
const chain = await client.addChain({ chainSpec: JSON.stringify(spec) });

let nextId = 1;
const pending = new Map();
const request = (method, params = []) =>
	new Promise((resolve, reject) => {
		const id = nextId++;
		pending.set(id, { resolve, reject });
		chain.sendJsonRpc(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
	});

const heads = [];
(async () => {
	for (;;) {
		const msg = JSON.parse(await chain.nextJsonRpcResponse());
		if (msg.id !== undefined && pending.has(msg.id)) {
			const { resolve, reject } = pending.get(msg.id);
			pending.delete(msg.id);
			msg.error ? reject(new Error(`${JSON.stringify(msg.error)}`)) : resolve(msg.result);
		} else if (msg.method === 'chain_finalizedHead') {
			heads.push(msg.params.result);
		}
	}
})().catch((e) => {
	console.error(`follow.mjs: ${e}`);
	process.exit(1);
});

await request('chain_subscribeFinalizedHeads');
for (;;) {
	const header = heads.shift();
	if (!header) {
		await new Promise((r) => setTimeout(r, 100));
		continue;
	}
	const number = parseInt(header.number, 16);
	const peers = (await request('system_health')).peers;
	console.log(JSON.stringify({ number, parentHash: header.parentHash, stateRoot: header.stateRoot, peers }));
	if (number >= target) {
		clearTimeout(timer);
		client.terminate();
		process.exit(0);
	}
}
