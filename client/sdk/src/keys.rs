//! Storage keys of the items the SDK reads and proves. FRAME layout:
//! `twox_128(pallet) ++ twox_128(item) ++ hasher(key)`; every map here uses `Blake2_128Concat`
//! (`blake2_128(encoded key) ++ encoded key`).

use codec::Encode;
use dengji_primitives::{storage_names as names, CertificateCode, DivisionCode};
use sp_crypto_hashing::{blake2_128, twox_128};

/// Prefix of a storage item: `twox_128(pallet) ++ twox_128(item)`.
pub fn item_prefix(pallet: &str, item: &str) -> Vec<u8> {
	let mut k = Vec::with_capacity(32);
	k.extend_from_slice(&twox_128(pallet.as_bytes()));
	k.extend_from_slice(&twox_128(item.as_bytes()));
	k
}

/// Key of a `Blake2_128Concat` map entry.
pub fn blake2_128_concat_key(pallet: &str, item: &str, key: &impl Encode) -> Vec<u8> {
	let encoded = key.encode();
	let mut k = item_prefix(pallet, item);
	k.extend_from_slice(&blake2_128(&encoded));
	k.extend_from_slice(&encoded);
	k
}

/// `Certificate::Certificates[code]`.
pub fn certificate(code: &CertificateCode) -> Vec<u8> {
	blake2_128_concat_key(names::CERTIFICATE_PALLET, names::CERTIFICATES, code)
}

/// `Institutions::Institutions[division]`.
pub fn institution(division: &DivisionCode) -> Vec<u8> {
	blake2_128_concat_key(names::INSTITUTIONS_PALLET, names::INSTITUTIONS, division)
}

/// `Timestamp::Now`.
pub fn timestamp_now() -> Vec<u8> {
	item_prefix(names::TIMESTAMP_PALLET, names::NOW)
}

/// `Grandpa::CurrentSetId`.
pub fn grandpa_current_set_id() -> Vec<u8> {
	item_prefix("Grandpa", "CurrentSetId")
}

/// `System::Events`.
pub fn system_events() -> Vec<u8> {
	item_prefix("System", "Events")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn timestamp_now_key_matches_well_known_value() {
		// The key every Substrate chain uses for `Timestamp::Now`.
		assert_eq!(
			hex::encode(timestamp_now()),
			"f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb"
		);
	}

	#[test]
	fn system_events_key_matches_well_known_value() {
		assert_eq!(
			hex::encode(system_events()),
			"26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7"
		);
	}

	#[test]
	fn certificate_key_ends_with_hashed_and_plain_code() {
		let code = CertificateCode::parse("530400-2026-0000123-X").unwrap_or_else(|_| {
			let d = DivisionCode::new(530400).unwrap();
			let c = CertificateCode::new(d, 2026, 123).unwrap();
			CertificateCode::parse(&c.to_string()).unwrap()
		});
		let key = certificate(&code);
		let enc = code.encode();
		assert_eq!(enc.len(), 10, "u32 ++ u16 ++ u32");
		assert_eq!(key.len(), 32 + 16 + enc.len());
		assert_eq!(&key[..32], &item_prefix("Certificate", "Certificates")[..]);
		assert_eq!(&key[32..48], &blake2_128(&enc));
		assert_eq!(&key[48..], &enc[..]);
	}

	#[test]
	fn institution_key_uses_blake2_128_concat_of_u32() {
		let d = DivisionCode::new(530400).unwrap();
		let key = institution(&d);
		assert_eq!(&key[48..], &530400u32.to_le_bytes());
	}
}
