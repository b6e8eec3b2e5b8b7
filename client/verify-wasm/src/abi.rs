//! The module's C ABI, called by `js/dengji-verify.mjs` (and by the host tests on native targets).
//!
//! Memory protocol (all lengths in bytes; wasm32 pointers and `usize` are 32-bit):
//! 1. the caller allocates input buffers with [`dengji_alloc`] and copies the bundle and the trust
//!    root's UTF-8 JSON into them;
//! 2. [`dengji_verify()`] returns a pointer to a result buffer: a little-endian `u32` length `n`,
//!    then `n` bytes of UTF-8 JSON (the document of [`crate::document`]);
//! 3. the caller frees the inputs and the result (`4 + n` bytes) with [`dengji_free`].
//!
//! Inputs over [`crate::document::MAX_BUNDLE_INPUT`] / [`crate::document::MAX_TRUST_ROOT_JSON`]
//! are refused from their length alone (the caller need not copy them: pass a null pointer), as
//! the core refuses oversized bundles: a `TooLarge` error document, never a trap.
#![allow(unsafe_code)]

use crate::document::{self, MAX_BUNDLE_INPUT, MAX_TRUST_ROOT_JSON};
use dengji_verify::{Policy, UnixTimeMs};
use serde_json::json;

/// Version of this ABI; the ES module refuses a module with another.
pub const ABI_VERSION: u32 = 1;

/// Largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// [`ABI_VERSION`].
#[no_mangle]
pub extern "C" fn dengji_abi_version() -> u32 {
	ABI_VERSION
}

/// [`MAX_BUNDLE_INPUT`]: larger bundles need not be copied into the module.
#[no_mangle]
pub extern "C" fn dengji_max_bundle_input() -> usize {
	MAX_BUNDLE_INPUT
}

/// [`MAX_TRUST_ROOT_JSON`]: larger trust roots need not be copied into the module.
#[no_mangle]
pub extern "C" fn dengji_max_trust_root_json() -> usize {
	MAX_TRUST_ROOT_JSON
}

/// Allocates `len` zeroed bytes; free them with [`dengji_free`]`(ptr, len)`. Returns a non-null
/// pointer (dangling, not to be read, when `len` is 0).
#[no_mangle]
pub extern "C" fn dengji_alloc(len: usize) -> *mut u8 {
	Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
}

/// Frees `len` bytes at `ptr` allocated by [`dengji_alloc`] or returned by [`dengji_verify()`]
/// (`4 + n` bytes). A null `ptr` is ignored.
///
/// # Safety
/// `ptr` and `len` must be exactly a pointer and length this module handed out, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn dengji_free(ptr: *mut u8, len: usize) {
	if !ptr.is_null() {
		// SAFETY: the caller passes back a boxed slice of `len` bytes from this module.
		drop(unsafe { Box::from_raw(core::ptr::slice_from_raw_parts_mut(ptr, len)) });
	}
}

/// Verifies the bundle (`bundle_len` bytes, binary or JSON) against the trust root (`trust_len`
/// bytes of UTF-8 JSON) at `now_ms` (milliseconds since the Unix epoch, the verifier's clock),
/// accepting finalized state up to `max_age_ms` old (`Infinity`: any age). Returns the result
/// buffer described in the module docs; never null.
///
/// `now_ms` and `max_age_ms` are JavaScript numbers (`f64`): non-negative integers up to
/// `Number.MAX_SAFE_INTEGER` (or `Infinity` for `max_age_ms`); anything else gives a `Usage`
/// error document.
///
/// # Safety
/// Unless its length is over the limit, each pointer must be valid for reads of its length (null
/// is allowed when the length is 0 or over the limit).
#[no_mangle]
pub unsafe extern "C" fn dengji_verify(
	bundle_ptr: *const u8,
	bundle_len: usize,
	trust_ptr: *const u8,
	trust_len: usize,
	now_ms: f64,
	max_age_ms: f64,
) -> *mut u8 {
	// SAFETY: forwarded from the caller's contract.
	unsafe {
		dengji_verify_with(bundle_ptr, bundle_len, trust_ptr, trust_len, now_ms, max_age_ms, 0)
	}
}

/// Policy flag of [`dengji_verify_with`]: require the issuer's SM2 co-signature
/// ([`Policy::require_sm2`]).
pub const FLAG_REQUIRE_SM2: u32 = 1;

/// [`dengji_verify()`] with policy flags: [`FLAG_REQUIRE_SM2`]. Unknown flags give a `Usage`
/// error document (a newer caller, an older module).
///
/// # Safety
/// As for [`dengji_verify()`].
#[no_mangle]
pub unsafe extern "C" fn dengji_verify_with(
	bundle_ptr: *const u8,
	bundle_len: usize,
	trust_ptr: *const u8,
	trust_len: usize,
	now_ms: f64,
	max_age_ms: f64,
	flags: u32,
) -> *mut u8 {
	// SAFETY: forwarded from the caller's contract.
	let json = unsafe {
		verify_raw(bundle_ptr, bundle_len, trust_ptr, trust_len, now_ms, max_age_ms, flags)
	};
	into_result_buffer(json.into_bytes())
}

unsafe fn verify_raw(
	bundle_ptr: *const u8,
	bundle_len: usize,
	trust_ptr: *const u8,
	trust_len: usize,
	now_ms: f64,
	max_age_ms: f64,
	flags: u32,
) -> String {
	if flags & !FLAG_REQUIRE_SM2 != 0 {
		return document::render(&usage_error(&format!("unknown policy flags {flags:#x}")));
	}
	let now = match millis_arg("nowMs", now_ms, false) {
		Ok(ms) => UnixTimeMs::from_millis(ms),
		Err(msg) => return document::render(&usage_error(&msg)),
	};
	let policy = match millis_arg("maxAgeMs", max_age_ms, true) {
		Ok(max_age_ms) => Policy { max_age_ms, require_sm2: flags & FLAG_REQUIRE_SM2 != 0 },
		Err(msg) => return document::render(&usage_error(&msg)),
	};
	// Lengths first: oversized inputs are never read.
	if bundle_len > MAX_BUNDLE_INPUT {
		let e = document::too_large("proof bundle", bundle_len, MAX_BUNDLE_INPUT);
		return document::render(&document::error_json(&e));
	}
	if trust_len > MAX_TRUST_ROOT_JSON {
		let e = document::too_large("trust root JSON", trust_len, MAX_TRUST_ROOT_JSON);
		return document::render(&document::error_json(&e));
	}
	// SAFETY: the caller guarantees both regions are readable (checked for null here).
	let (bundle, trust) =
		match unsafe { (slice(bundle_ptr, bundle_len), slice(trust_ptr, trust_len)) } {
			(Some(b), Some(t)) => (b, t),
			_ => return document::render(&usage_error("null pointer with a non-zero length")),
		};
	let trust = match core::str::from_utf8(trust) {
		Ok(t) => t,
		Err(e) => {
			let e = dengji_verify::VerifyError::Decode {
				what: "trust root JSON",
				reason: e.to_string(),
			};
			return document::render(&document::error_json(&e));
		}
	};
	document::verify_to_json(bundle, trust, now, &policy)
}

/// `len` bytes at `ptr`; `None` for a null pointer with a non-zero length.
unsafe fn slice<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
	if len == 0 {
		Some(&[])
	} else if ptr.is_null() {
		None
	} else {
		// SAFETY: non-null, and the caller guarantees `len` readable bytes.
		Some(unsafe { core::slice::from_raw_parts(ptr, len) })
	}
}

/// A JavaScript number as milliseconds: a non-negative integer up to `MAX_SAFE_INTEGER`, or
/// (`infinite_ok`) `Infinity` for "no limit".
fn millis_arg(name: &str, x: f64, infinite_ok: bool) -> Result<u64, String> {
	if infinite_ok && x == f64::INFINITY {
		return Ok(u64::MAX);
	}
	if !(x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= MAX_SAFE_INTEGER) {
		return Err(format!(
			"{name} must be a non-negative integer number of milliseconds, got {x}"
		));
	}
	// Exact: an integer in 0..=2^53-1.
	#[allow(clippy::as_conversions, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
	Ok(x as u64)
}

/// The CLI's usage error document (exit code 2) for a bad argument.
fn usage_error(message: &str) -> serde_json::Value {
	json!({
		"error": {
			"message": message,
			"exit_code": 2,
			"kind": "Usage",
			"check": "BadArgument",
		}
	})
}

/// `[len: u32 LE][bytes]` in a buffer for [`dengji_free`]`(ptr, 4 + len)`.
fn into_result_buffer(bytes: Vec<u8>) -> *mut u8 {
	// Documents are far below 4 GiB (inputs are limited); saturate rather than wrap.
	let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
	let mut out = Vec::with_capacity(4 + bytes.len());
	out.extend_from_slice(&len.to_le_bytes());
	out.extend_from_slice(&bytes);
	Box::into_raw(out.into_boxed_slice()).cast::<u8>()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn call(bundle: Option<&[u8]>, len: usize, trust: &str, now: f64, max_age: f64) -> String {
		let ptr = bundle.map_or(core::ptr::null(), <[u8]>::as_ptr);
		// SAFETY: `ptr` is null or valid for `len` bytes (the tests pass a slice's own length or
		// an oversized length with a null pointer); the result buffer is read and freed once.
		unsafe {
			let out = dengji_verify(ptr, len, trust.as_ptr(), trust.len(), now, max_age);
			let n = u32::from_le_bytes(*out.cast::<[u8; 4]>()) as usize;
			let s = String::from_utf8(core::slice::from_raw_parts(out.add(4), n).to_vec()).unwrap();
			dengji_free(out, 4 + n);
			s
		}
	}

	fn check(doc: &str) -> String {
		let v: serde_json::Value = serde_json::from_str(doc).unwrap();
		v["error"]["check"].as_str().unwrap_or_default().to_string()
	}

	#[test]
	fn bad_times_are_usage_errors() {
		for now in [-1.0, 0.5, f64::NAN, f64::INFINITY, 1e300] {
			let doc = call(Some(b""), 0, "{}", now, 600_000.0);
			assert_eq!(check(&doc), "BadArgument", "{now}");
			assert!(doc.contains("\"exit_code\": 2"), "{doc}");
		}
		assert_eq!(check(&call(Some(b""), 0, "{}", 0.0, -5.0)), "BadArgument");
		// Infinity is "no limit" for the age only.
		assert_eq!(check(&call(Some(b""), 0, "{}", 0.0, f64::INFINITY)), "Decode");
	}

	#[test]
	fn oversized_or_null_inputs_never_trap() {
		// An oversized length with a null pointer: refused from the length, nothing is read.
		assert_eq!(check(&call(None, MAX_BUNDLE_INPUT + 1, "{}", 0.0, 0.0)), "TooLarge");
		assert_eq!(check(&call(None, usize::MAX, "{}", 0.0, 0.0)), "TooLarge");
		assert_eq!(check(&call(None, 10, "{}", 0.0, 0.0)), "BadArgument");
		assert_eq!(check(&call(Some(b"garbage"), 7, "{}", 0.0, 0.0)), "Decode");
	}

	#[test]
	fn alloc_and_free_round_trip() {
		for len in [0, 1, 4096] {
			let p = dengji_alloc(len);
			assert!(!p.is_null());
			// SAFETY: `p` was just allocated with `len` bytes.
			unsafe { dengji_free(p, len) };
		}
		// SAFETY: null is ignored.
		unsafe { dengji_free(core::ptr::null_mut(), 3) };
		assert_eq!(dengji_abi_version(), ABI_VERSION);
	}
}
