// dengji-verify.mjs — verifies Dengji certificate proof bundles in the browser (or Node.js) with
// dengji_verify_wasm.wasm, the same Rust core the banks embed (issue 13). No dependencies, no
// wasm-bindgen glue: this file talks to the module's C ABI (client/verify-wasm/src/abi.rs).
//
//   import { init, verify } from './dengji-verify.mjs';
//   await init();                       // fetches dengji_verify_wasm.wasm next to this file
//   const r = verify(bundleBytes, trustRootJson, Date.now());
//   if (r.verdict === 'valid') { … }    // r.error is set instead when a check failed
//
// The result is the document `dengji --json cert verify --bundle … --trust …` prints.

const ABI_VERSION = 1;
const DEFAULT_MAX_AGE_MS = 600_000; // dengji_verify::Policy::default(): ten minutes
const FLAG_REQUIRE_SM2 = 1; // abi.rs FLAG_REQUIRE_SM2

let exports_ = null;

/**
 * Loads the module. `source` may be a URL (string or URL), a Response or a promise of one, an
 * ArrayBuffer/Uint8Array of the .wasm bytes, or a WebAssembly.Module; by default the file
 * `dengji_verify_wasm.wasm` next to this script. Calling it again is a no-op.
 */
export async function init(source) {
	if (exports_) return;
	if (source === undefined) source = new URL('./dengji_verify_wasm.wasm', import.meta.url);
	let instance;
	if (source instanceof WebAssembly.Module) {
		instance = await WebAssembly.instantiate(source, {});
	} else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
		({ instance } = await WebAssembly.instantiate(source, {}));
	} else {
		if (typeof source === 'string' || source instanceof URL) {
			source = await loadUrl(source);
			if (!(source instanceof Response)) {
				({ instance } = await WebAssembly.instantiate(source, {}));
			}
		}
		if (!instance) {
			const response = await source;
			if (!response.ok) throw new Error(`dengji-verify: fetching the module failed: ${response.status}`);
			if (WebAssembly.instantiateStreaming &&
				(response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
				({ instance } = await WebAssembly.instantiateStreaming(response, {}));
			} else {
				({ instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {}));
			}
		}
	}
	const e = instance.exports;
	if (e.dengji_abi_version() !== ABI_VERSION) {
		throw new Error(`dengji-verify: module ABI ${e.dengji_abi_version()}, this script speaks ${ABI_VERSION}`);
	}
	exports_ = e;
}

// file: URLs (Node.js) are read from disk; anything else is fetched.
async function loadUrl(url) {
	url = new URL(url, typeof location !== 'undefined' ? location.href : undefined);
	if (url.protocol === 'file:') {
		const { readFile } = await import('node:fs/promises');
		return readFile(url);
	}
	return fetch(url);
}

/**
 * Verifies a proof bundle and returns the verification document as a string (pretty-printed
 * JSON, as the CLI prints it). Arguments as for `verify`.
 */
export function verifyJson(bundleBytes, trustRootJson, nowMs, options = {}) {
	const e = exports_;
	if (!e) throw new Error('dengji-verify: call and await init() first');
	if (!(bundleBytes instanceof Uint8Array)) throw new TypeError('bundleBytes must be a Uint8Array');
	if (typeof trustRootJson !== 'string') throw new TypeError('trustRootJson must be a string');
	if (typeof nowMs !== 'number') throw new TypeError('nowMs must be a number (ms since the epoch)');
	const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
	if (typeof maxAgeMs !== 'number') throw new TypeError('options.maxAgeMs must be a number');
	const requireSm2 = options.requireSm2 ?? false;
	if (typeof requireSm2 !== 'boolean') throw new TypeError('options.requireSm2 must be a boolean');

	const trust = new TextEncoder().encode(trustRootJson);
	// Oversized inputs are not copied: the module refuses them from their length (TooLarge).
	const bundle = copyIn(e, bundleBytes, e.dengji_max_bundle_input());
	const root = copyIn(e, trust, e.dengji_max_trust_root_json());
	let out = 0;
	try {
		out = e.dengji_verify_with(bundle.ptr, bundleBytes.length, root.ptr, trust.length, nowMs, maxAgeMs,
			requireSm2 ? FLAG_REQUIRE_SM2 : 0);
		// Read after the call: the memory may have grown (and its buffer been replaced) during it.
		const len = new DataView(e.memory.buffer).getUint32(out, true);
		return new TextDecoder().decode(new Uint8Array(e.memory.buffer, out + 4, len));
	} finally {
		if (out) {
			const len = new DataView(e.memory.buffer).getUint32(out, true);
			e.dengji_free(out, len + 4);
		}
		if (bundle.ptr) e.dengji_free(bundle.ptr, bundleBytes.length);
		if (root.ptr) e.dengji_free(root.ptr, trust.length);
	}
}

function copyIn(e, bytes, limit) {
	if (bytes.length > limit) return { ptr: 0 };
	const ptr = e.dengji_alloc(bytes.length);
	new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
	return { ptr };
}

/**
 * Verifies `bundleBytes` (a proof bundle, binary `DJPB…` or JSON, as served by
 * `/api/certificates/{code}/bundle`) against `trustRootJson` (the trust root the verifier keeps)
 * at `nowMs` (ms since the Unix epoch: the verifier's own clock, e.g. `Date.now()`).
 * `options.maxAgeMs`: the oldest finalized state accepted for `valid`/`not_found` (default
 * 600000, ten minutes; `Infinity` for any age). `options.requireSm2` (default false): require the
 * issuer's SM2 co-signature (SM2 with SM3, GB/T 32918); a co-signature present is always checked.
 *
 * Returns the document `dengji --json cert verify --bundle … --trust …` prints:
 * `{code, verdict, valid, exit_code, detail, online: false, block: {hash, number}, set_id,
 * finalized_at, finalized_at_time, certificate, issuer}`, with `verdict` one of `valid`,
 * `expired`, `superseded`, `cancelled`, `revoked`, `not_found`, `stale`. When a check fails (a
 * bad signature, a proof that does not match, another chain's trust root, …) it is
 * `{error: {kind, exit_code, message, check}}` instead, `check` naming the failed check; such a
 * bundle proves nothing. Only `verdict === 'valid'` means the certificate may be relied on.
 */
export function verify(bundleBytes, trustRootJson, nowMs, options = {}) {
	return JSON.parse(verifyJson(bundleBytes, trustRootJson, nowMs, options));
}
