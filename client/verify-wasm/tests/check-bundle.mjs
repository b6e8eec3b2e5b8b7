// One bundle through the built browser module under Node.js, as a web page would check a bundle it
// fetched: the ES module from the build output directory (build.sh) loads dengji_verify_wasm.wasm
// next to itself and `verify()` gives the verification document, printed on stdout as one JSON
// line (the document `dengji --json cert verify --bundle … --trust …` prints, or its error form).
//
//   node check-bundle.mjs <build dir> <bundle file> <trust-root file> <nowMs> <requireSm2: true|false>
//
// Driven by tests/tests/sm2_network.rs (issue 14 "done when": a certificate co-signed on the local
// network verifies Valid in the browser build with the SM2 check required).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, bundlePath, trustPath, nowArg, requireArg] = process.argv.slice(2);
if (!dir || !bundlePath || !trustPath || !nowArg || !['true', 'false'].includes(requireArg)) {
	console.error('usage: node check-bundle.mjs <build dir> <bundle> <trust root> <nowMs> <true|false>');
	process.exit(2);
}
const { init, verify } = await import(pathToFileURL(join(dir, 'dengji-verify.mjs')).href);
await init();
const bundle = new Uint8Array(readFileSync(bundlePath));
const trust = readFileSync(trustPath, 'utf8');
const doc = verify(bundle, trust, Number(nowArg), { requireSm2: requireArg === 'true' });
console.log(JSON.stringify(doc));
