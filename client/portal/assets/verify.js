// The /verify page: a proof bundle and a trust root from files (chosen or dropped), verified
// offline in this browser; nothing is sent anywhere (issue 13).
import { init, verify } from '/assets/dengji-verify.mjs';
import { show } from '/assets/verdict.js';

const el = document.getElementById('verdict');
const form = document.getElementById('verify-form');
const bundleInput = document.getElementById('bundle-file');
const trustInput = document.getElementById('trust-file');
const lang = new URLSearchParams(location.search).get('lang');
const ready = init('/assets/dengji_verify_wasm.wasm');
el.dataset.verdict = 'ready';

async function check(bundleFile, trustFile) {
	await ready;
	const bytes = new Uint8Array(await bundleFile.arrayBuffer());
	const trust = await trustFile.text();
	const t0 = performance.now();
	const result = verify(bytes, trust, Date.now());
	show(el, result, performance.now() - t0, lang);
}

form.addEventListener('submit', (ev) => {
	ev.preventDefault();
	const b = bundleInput.files[0];
	const t = trustInput.files[0];
	if (b && t) check(b, t);
});

// Dropping files: the JSON one with a genesis_hash is the trust root, the other the bundle.
const drop = document.getElementById('drop');
drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async (ev) => {
	ev.preventDefault();
	drop.classList.remove('over');
	let bundle = null;
	let trust = null;
	for (const f of ev.dataTransfer.files) {
		const head = new TextDecoder().decode(new Uint8Array(await f.slice(0, 4096).arrayBuffer()));
		if (!trust && head.includes('"genesis_hash"') && head.includes('"authorities"')) trust = f; else bundle = f;
	}
	if (bundle && trust) check(bundle, trust);
});
