//! Storage keys of the three items a proof bundle proves (FRAME's layout:
//! `twox128(pallet) ++ twox128(item) ++ blake2_128(SCALE(key)) ++ SCALE(key)` for
//! `Blake2_128Concat` maps). The SDK asks a node's `state_getReadProof` for exactly
//! [`proof_keys`]; the verifier reads the same keys from the proof. [`item_prefix`] and
//! [`blake2_128_concat_key`] build the keys of any other plain item or `Blake2_128Concat` map.

use alloc::vec::Vec;
use codec::Encode;
use dengji_primitives::{storage_names as names, CertificateCode, DivisionCode, Uscc};
use sp_crypto_hashing::{blake2_128, twox_128};

/// Prefix of a storage item: `twox_128(pallet) ++ twox_128(item)` (also the whole key of a plain
/// value such as `Timestamp::Now`).
pub fn item_prefix(pallet: &str, item: &str) -> [u8; 32] {
	let mut out = [0u8; 32];
	out[..16].copy_from_slice(&twox_128(pallet.as_bytes()));
	out[16..].copy_from_slice(&twox_128(item.as_bytes()));
	out
}

/// Key of a `Blake2_128Concat` map entry: [`item_prefix`] `++ blake2_128(SCALE(key)) ++ SCALE(key)`.
pub fn blake2_128_concat_key(pallet: &str, item: &str, key: &impl Encode) -> Vec<u8> {
	let encoded = key.encode();
	let mut out = Vec::with_capacity(48usize.saturating_add(encoded.len()));
	out.extend_from_slice(&item_prefix(pallet, item));
	out.extend_from_slice(&blake2_128(&encoded));
	out.extend_from_slice(&encoded);
	out
}

/// `Certificate::Certificates[code]`.
pub fn certificate_key(code: &CertificateCode) -> Vec<u8> {
	blake2_128_concat_key(names::CERTIFICATE_PALLET, names::CERTIFICATES, code)
}

/// `Institutions::Institutions[division]`.
pub fn institution_key(division: &DivisionCode) -> Vec<u8> {
	blake2_128_concat_key(names::INSTITUTIONS_PALLET, names::INSTITUTIONS, division)
}

/// `Institutions::Subjects`: `StorageMap<Blake2_128Concat, Uscc, SubjectRecord>` (pallet-institutions).
pub const SUBJECTS: &str = "Subjects";

/// `Institutions::Subjects[uscc]`: the holder subject's record, with its accounts (YX-R §30,
/// [`crate::holder`]).
pub fn subject_key(uscc: &Uscc) -> Vec<u8> {
	blake2_128_concat_key(names::INSTITUTIONS_PALLET, SUBJECTS, uscc)
}

/// `Timestamp::Now`.
pub fn timestamp_now_key() -> Vec<u8> {
	item_prefix(names::TIMESTAMP_PALLET, names::NOW).to_vec()
}

/// The keys a bundle for `code` must prove, in this order: the certificate record, its issuing
/// institution (the division in the code) and the finalized time.
pub fn proof_keys(code: &CertificateCode) -> [Vec<u8>; 3] {
	[certificate_key(code), institution_key(&code.division), timestamp_now_key()]
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn timestamp_now_key_is_the_well_known_one() {
		// twox128("Timestamp") ++ twox128("Now"), as every Substrate chain has it.
		let expected = "f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb";
		let got: alloc::string::String =
			timestamp_now_key().iter().map(|b| alloc::format!("{b:02x}")).collect();
		assert_eq!(got, expected);
	}
}
