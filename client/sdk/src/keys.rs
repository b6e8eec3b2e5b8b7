//! Storage keys of the items the SDK reads and proves. FRAME layout:
//! `twox_128(pallet) ++ twox_128(item) ++ hasher(key)`; every map here uses `Blake2_128Concat`
//! (`blake2_128(encoded key) ++ encoded key`).
//!
//! The keys a proof bundle proves come from the verification core ([`dengji_verify::keys`]), so
//! the SDK asks the node for exactly what the verifier reads; the pallet and item names of those
//! come from [`dengji_primitives::storage_names`]. Only the keys the SDK reads besides are
//! defined here.

use dengji_primitives::CertificateCode;

pub use dengji_verify::keys::{
	blake2_128_concat_key, certificate_key, institution_key, item_prefix, proof_keys,
	timestamp_now_key,
};

/// `Certificate::Drafts[code]`: a drafted certificate body awaiting its issuer's signature.
pub fn draft_key(code: &CertificateCode) -> Vec<u8> {
	blake2_128_concat_key(crate::roles::pallets::CERTIFICATE, "Drafts", code)
}

/// `Calendar::Clock`: the chain clock (`ChainClock`) mapping chain time to dates.
pub fn calendar_clock_key() -> Vec<u8> {
	item_prefix(crate::roles::pallets::CALENDAR, "Clock").to_vec()
}

/// `Grandpa::CurrentSetId`.
pub fn grandpa_current_set_id_key() -> Vec<u8> {
	item_prefix("Grandpa", "CurrentSetId").to_vec()
}

/// `System::Events`.
pub fn system_events_key() -> Vec<u8> {
	item_prefix("System", "Events").to_vec()
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use dengji_primitives::{storage_names as names, DivisionCode};
	use sp_crypto_hashing::blake2_128;

	#[test]
	fn timestamp_now_key_matches_well_known_value() {
		// The key every Substrate chain uses for `Timestamp::Now`.
		assert_eq!(
			hex::encode(timestamp_now_key()),
			"f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb"
		);
		assert_eq!(timestamp_now_key(), item_prefix(names::TIMESTAMP_PALLET, names::NOW).to_vec());
	}

	#[test]
	fn system_events_key_matches_well_known_value() {
		assert_eq!(
			hex::encode(system_events_key()),
			"26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7"
		);
	}

	#[test]
	fn certificate_key_ends_with_hashed_and_plain_code() {
		let d = DivisionCode::new(530400).unwrap();
		let code = CertificateCode::new(d, 2026, 123).unwrap();
		let key = certificate_key(&code);
		let enc = code.encode();
		assert_eq!(enc.len(), 10, "u32 ++ u16 ++ u32");
		assert_eq!(key.len(), 32 + 16 + enc.len());
		assert_eq!(&key[..32], &item_prefix("Certificate", "Certificates")[..]);
		assert_eq!(&key[32..48], &blake2_128(&enc));
		assert_eq!(&key[48..], &enc[..]);
		assert_eq!(key, blake2_128_concat_key("Certificate", "Certificates", &code));
	}

	#[test]
	fn institution_key_uses_blake2_128_concat_of_u32() {
		let d = DivisionCode::new(530400).unwrap();
		let key = institution_key(&d);
		assert_eq!(&key[..32], &item_prefix("Institutions", "Institutions")[..]);
		assert_eq!(&key[48..], &530400u32.to_le_bytes());
	}

	#[test]
	fn draft_key_is_a_blake2_128_concat_entry_of_certificate_drafts() {
		let code = CertificateCode::new(DivisionCode::new(530400).unwrap(), 2026, 7).unwrap();
		let key = draft_key(&code);
		assert_eq!(&key[..32], &item_prefix("Certificate", "Drafts")[..]);
		assert_eq!(&key[48..], &code.encode()[..]);
	}
}
