//! Weights for `pallet_governance`.
//!
//! HAND-DERIVED, TO BE REGENERATED with `scripts/gen-weights.sh` (benchmark `authorize_upgrade`
//! in `src/benchmarking.rs`; a `runtime-benchmarks` node build takes ~45 min here, so the figures
//! below were derived by hand, not measured). Derivation: the call reads
//! `System::AuthorizedUpgrade` (1 read, 33 bytes + key) and writes it (1 write), and deposits two
//! events (frame_system's and this pallet's); the execution time is taken as that of
//! `frame_system::authorize_upgrade` in polkadot-sdk's own `SubstrateWeight` (~6 µs) doubled for the
//! origin check and the second event, rounded up to 20 µs. Proof size: one `StorageValue` of
//! 33 bytes (+ key and trie overhead) ≈ 1 521 bytes, as frame_system's figure.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_governance`.
pub trait WeightInfo {
	fn authorize_upgrade() -> Weight;
}

/// Weights for `pallet_governance` in the Dengji runtime (hand-derived; regenerate).
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `System::AuthorizedUpgrade` (r:1 w:1)
	/// Proof: `System::AuthorizedUpgrade` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(20_000_000, 1521)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(20_000_000, 1521)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
