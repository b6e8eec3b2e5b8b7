// The built browser module under Node.js (node --test), as a web page would use it: the ES module
// from the build output directory loads dengji_verify_wasm.wasm next to itself, and every
// checked-in bundle vector (client/verify/tests/vectors/bundles.json) gives the verdict, or the
// failed check, the vectors file records. Run by tests/node.rs, which builds the output directory
// with build.sh and sets DENGJI_WASM_DIR and DENGJI_VECTORS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.DENGJI_WASM_DIR;
const vectorsPath = process.env.DENGJI_VECTORS;
assert.ok(dir && vectorsPath, 'set DENGJI_WASM_DIR and DENGJI_VECTORS (tests/node.rs does)');

const { init, verify, verifyJson } = await import(pathToFileURL(join(dir, 'dengji-verify.mjs')).href);
await init();
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')).bundles;

const unhex = (s) => Uint8Array.from(Buffer.from(s.replace(/^0x/, ''), 'hex'));
// u64::MAX ("any age") does not fit a JavaScript number exactly: the API's spelling is Infinity.
const maxAgeOf = (v) => (v.policy.max_age_ms > Number.MAX_SAFE_INTEGER ? Infinity : v.policy.max_age_ms);
const verdictName = (serdeVerdict) => {
	const variant = typeof serdeVerdict === 'string' ? serdeVerdict : Object.keys(serdeVerdict)[0];
	return variant === 'NotFound' ? 'not_found' : variant.toLowerCase();
};

test('every vector verifies as recorded, binary and JSON forms', () => {
	assert.ok(vectors.length >= 10);
	let valid = 0;
	for (const v of vectors) {
		const trust = JSON.stringify(v.trust_root);
		const forms = { binary: unhex(v.bundle_binary), json: new TextEncoder().encode(JSON.stringify(v.bundle)) };
		for (const [form, bytes] of Object.entries(forms)) {
			const r = verify(bytes, trust, v.now_ms, { maxAgeMs: maxAgeOf(v), requireSm2: v.policy.require_sm2 ?? false });
			const what = `${v.name} (${form})`;
			if (v.expected.error) {
				assert.equal(r.verdict, undefined, what);
				assert.equal(r.error.check, v.expected.error, what);
				assert.equal(r.error.message, v.expected.detail, what);
				assert.equal(r.error.kind, 'VerificationFailed', what);
				assert.equal(r.error.exit_code, 4, what);
			} else {
				assert.equal(r.verdict, verdictName(v.expected.verdict), what);
				assert.deepEqual(r.detail, v.expected.verdict, what);
				assert.equal(r.valid, r.verdict === 'valid', what);
				assert.equal(r.code, v.bundle.code, what);
				assert.equal(r.online, false, what);
				valid += r.valid ? 1 : 0;
			}
		}
	}
	assert.ok(valid >= 10, `valid ${valid}`);
});

test('a valid document names the certificate, issuer and block', () => {
	const v = vectors.find((x) => x.name === 'valid');
	const r = verify(unhex(v.bundle_binary), JSON.stringify(v.trust_root), v.now_ms);
	assert.equal(r.verdict, 'valid');
	assert.equal(r.exit_code, 0);
	assert.equal(r.certificate.code, r.code);
	assert.equal(r.issuer.division, r.certificate.issuer);
	assert.match(r.block.hash, /^0x[0-9a-f]{64}$/);
	assert.match(r.finalized_at_time, /\+08:00$/);
	// verifyJson is the same document as text, pretty-printed as the CLI prints it.
	const text = verifyJson(unhex(v.bundle_binary), JSON.stringify(v.trust_root), v.now_ms);
	assert.deepEqual(JSON.parse(text), r);
	assert.ok(text.includes('\n  "verdict": "valid"'));
});

test('a tampered bundle never verifies valid', () => {
	const v = vectors.find((x) => x.name === 'valid');
	const bundle = unhex(v.bundle_binary);
	const trust = JSON.stringify(v.trust_root);
	let checked = 0;
	for (let i = 5; i < bundle.length; i += Math.ceil(bundle.length / 97)) {
		const t = bundle.slice();
		t[i] ^= 1;
		assert.notEqual(verify(t, trust, v.now_ms).verdict, 'valid', `bit flip at ${i}`);
		checked++;
	}
	assert.ok(checked > 50);
});

test('the verifier clock decides freshness and expiry', () => {
	const v = vectors.find((x) => x.name === 'valid');
	const bundle = unhex(v.bundle_binary);
	const trust = JSON.stringify(v.trust_root);
	assert.equal(verify(bundle, trust, v.now_ms + 3_600_000).verdict, 'stale');
	assert.equal(verify(bundle, trust, v.now_ms + 3_600_000, { maxAgeMs: Infinity }).verdict, 'valid');
});

test('bad arguments are refused, never a trap', () => {
	const v = vectors.find((x) => x.name === 'valid');
	const bundle = unhex(v.bundle_binary);
	const trust = JSON.stringify(v.trust_root);
	for (const now of [-1, 1.5, NaN, Infinity, 2 ** 60]) {
		const r = verify(bundle, trust, now);
		assert.equal(r.error.check, 'BadArgument', `now ${now}`);
		assert.equal(r.error.exit_code, 2);
	}
	assert.throws(() => verify('not bytes', trust, 0), TypeError);
	assert.throws(() => verify(bundle, {}, 0), TypeError);
	assert.throws(() => verify(bundle, trust, '0'), TypeError);
	assert.equal(verify(new Uint8Array(0), trust, v.now_ms).error.check, 'Decode');
	assert.equal(verify(bundle, '{', v.now_ms).error.check, 'Decode');
	// Oversized: refused from the length (the bytes are not copied into the module).
	const huge = new Uint8Array(12 * 1024 * 1024 + 1);
	assert.equal(verify(huge, trust, v.now_ms).error.check, 'TooLarge');
	assert.equal(verify(bundle, ' '.repeat(1024 * 1024 + 1), v.now_ms).error.check, 'TooLarge');
	// The module still works afterwards (no leaked state, no trap).
	assert.equal(verify(bundle, trust, v.now_ms).verdict, 'valid');
});
