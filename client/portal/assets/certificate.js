// The certificate page: fetch a fresh proof bundle from the portal, verify it HERE with the wasm
// build of dengji-verify, against the trust root the visitor pinned (localStorage) or the
// portal's own (marked as such), and write the verdict into #verdict (issue 13).
import { init, verify } from '/assets/dengji-verify.mjs';
import { show, word } from '/assets/verdict.js';

const PIN_KEY = 'dengji.trustRoot';
const el = document.getElementById('verdict');
const trustUsed = document.getElementById('trust-used');
const lang = new URLSearchParams(location.search).get('lang');

function pinned() {
	try { return localStorage.getItem(PIN_KEY); } catch { return null; }
}

async function run() {
	const t0 = performance.now();
	el.dataset.verdict = 'pending';
	el.replaceChildren(Object.assign(document.createElement('p'), { className: 'word', textContent: word('pending') }));
	try {
		const [response] = await Promise.all([fetch(el.dataset.bundle, { cache: 'no-store' }), init('/assets/dengji_verify_wasm.wasm')]);
		if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
		const served = await response.json();
		const mine = pinned();
		const trust = mine ?? JSON.stringify(served.trust_root);
		trustUsed.dataset.trust = mine ? 'pinned' : 'portal';
		trustUsed.textContent = word(mine ? 'trust_pinned' : 'trust_portal');
		const t1 = performance.now();
		const result = verify(new TextEncoder().encode(JSON.stringify(served.bundle)), trust, Date.now());
		const verifyMs = performance.now() - t1;
		// The QR payload in the fragment names a chain: it must be the trust root's.
		const m = /^#dengji:1:([0-9a-fA-F]{64}):/.exec(location.hash);
		const genesis = (JSON.parse(trust).genesis_hash || '').replace(/^0x/, '').toLowerCase();
		if (m && m[1].toLowerCase() !== genesis) {
			show(el, { error: { message: word('wrong_chain'), check: 'wrong_chain' } }, performance.now() - t0, lang);
			el.dataset.verdict = 'wrong_chain';
		} else {
			show(el, result, performance.now() - t0, lang);
		}
		el.dataset.verifyMs = verifyMs.toFixed(2);
	} catch (e) {
		show(el, { error: { message: String(e.message || e), check: 'fetch' } }, performance.now() - t0, lang);
	}
}

document.getElementById('pin-file').addEventListener('change', async (ev) => {
	const f = ev.target.files[0];
	if (!f) return;
	const text = await f.text();
	try {
		const t = JSON.parse(text);
		if (typeof t.genesis_hash !== 'string') throw new Error('no genesis_hash');
		localStorage.setItem(PIN_KEY, text);
	} catch (e) {
		show(el, { error: { message: `trust root: ${e.message}`, check: 'trust_root' } }, undefined, lang);
		return;
	}
	run();
});
document.getElementById('pin-clear').addEventListener('click', () => {
	try { localStorage.removeItem(PIN_KEY); } catch { /* storage disabled */ }
	run();
});
run();
