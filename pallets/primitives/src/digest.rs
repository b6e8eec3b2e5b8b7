//! BLAKE2-256 digests of materials (application forms, evidence, rebuttals, decisions).
//! Materials stay off chain with the institution; the chain keeps only their digests (docs/spec/DESIGN.md §6).

/// A BLAKE2-256 digest.
pub type Digest = [u8; 32];

/// BLAKE2-256 of `data`.
pub fn blake2_256(data: &[u8]) -> Digest {
	sp_crypto_hashing::blake2_256(data)
}
