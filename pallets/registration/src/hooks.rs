//! Hook bodies: the `on_idle` sweep lives in `deadlines.rs` (`Pallet::sweep`); this module holds
//! the offchain-free helpers the hooks share and documents their bounds.
//!
//! - `on_idle`: drains the `Due` queue day by day with a `WeightMeter`; each queued item costs
//!   `WeightInfo::on_idle_item`, each day one read and one write; unfinished days are kept.
//! - `integrity_test`: every legal period is greater than zero (`Pallet::check_integrity`).
//! - `try_state`: every running clock is queued; objection counters are consistent
//!   (`invariants.rs`).

use crate::pallet::*;
use dengji_primitives::DayIndex;

impl<T: Config> Pallet<T> {
	/// Items queued for `day` (for clients and tests).
	pub fn due_on(day: DayIndex) -> usize {
		Due::<T>::decode_len(day).unwrap_or(0)
	}
}
