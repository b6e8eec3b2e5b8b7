//! The bounded expiry queue and its `on_idle` sweep (YX-R §23 ¶2; docs/spec/DESIGN.md §5 timers).
//!
//! A certificate is queued on the first day wholly after its `valid_until` (or a later day when
//! that day is full). `on_idle` walks the days from [`ExpiryCursor`] up to today within the
//! remaining weight and cancels and announces what expired without a pending renewal. The sweep is
//! only a convenience: [`Pallet::expire`] does the same at any time.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::{
	validity, weights::WeightInfo, Certificates, Config, Error, ExpiryCursor, ExpiryQueue, Pallet,
	RenewalsPending, EXPIRY_QUEUE_PROBE_DAYS,
};
use dengji_primitives::{
	calendar::DayIndex, certificate::CertificateStatus, code::CertificateCode, traits::Clock,
};
use frame_support::{pallet_prelude::*, weights::WeightMeter};

impl<T: Config> Pallet<T> {
	/// The first day at or after `day` (and not before the cursor) whose queue has room, probing
	/// [`EXPIRY_QUEUE_PROBE_DAYS`] days.
	pub(crate) fn expiry_slot(day: DayIndex) -> Result<DayIndex, Error<T>> {
		let start = ExpiryCursor::<T>::get().map_or(day, |cursor| day.max(cursor));
		let max = T::MaxExpiriesPerDay::get();
		(0..EXPIRY_QUEUE_PROBE_DAYS)
			.map(|i| start.saturating_add(i))
			.find(|d| ExpiryQueue::<T>::decode_len(d).unwrap_or(0) < max as usize)
			.ok_or(Error::<T>::ExpiryQueueFull)
	}

	/// Appends `code` to the queue of `day`, which [`Self::expiry_slot`] found to have room.
	pub(crate) fn enqueue_expiry_at(day: DayIndex, code: CertificateCode) {
		let pushed = ExpiryQueue::<T>::try_mutate(day, |queue| queue.try_push(code));
		if pushed.is_err() {
			log::error!(target: "runtime::certificate", "expiry queue {day} full after probing");
		}
		if ExpiryCursor::<T>::get().is_none() {
			// Start the sweep today: later issuances may expire before this one.
			ExpiryCursor::<T>::put(day.min(T::Clock::today()));
		}
	}

	/// Queues `code` (expiring at `valid_until`) again, best effort: used when a pending renewal
	/// is withdrawn or refused after the certificate's queue day was drained. `expire` works
	/// whether or not this succeeds.
	pub(crate) fn requeue_expiry(code: CertificateCode, valid_until: dengji_primitives::Moment) {
		let day = validity::first_expired_day(&T::Clock::chain_clock(), valid_until);
		if ExpiryCursor::<T>::get().is_some_and(|cursor| cursor <= day) {
			// Its entry has not been drained yet: still queued.
			return;
		}
		match Self::expiry_slot(day) {
			Ok(slot) => Self::enqueue_expiry_at(slot, code),
			Err(_) => log::warn!(target: "runtime::certificate", "could not requeue {code}"),
		}
	}

	/// Drains [`ExpiryQueue`] up to today within `meter` (YX-R §23 ¶2).
	pub(crate) fn drain_expiry_queue(meter: &mut WeightMeter) {
		// Nothing is read unless at least one day can be paid for.
		if !meter.can_consume(T::WeightInfo::on_idle_day()) {
			return;
		}
		let Some(mut cursor) = ExpiryCursor::<T>::get() else {
			return;
		};
		let today = T::Clock::today();
		let mut moved = false;
		while cursor <= today {
			if meter.try_consume(T::WeightInfo::on_idle_day()).is_err() {
				break;
			}
			let mut queue = ExpiryQueue::<T>::take(cursor);
			let mut out_of_weight = false;
			while let Some(code) = queue.last().copied() {
				if meter.try_consume(T::WeightInfo::on_idle_item()).is_err() {
					out_of_weight = true;
					break;
				}
				queue.pop();
				Self::process_queued(code, cursor);
			}
			if out_of_weight {
				if !queue.is_empty() {
					ExpiryQueue::<T>::insert(cursor, queue);
				}
				break;
			}
			cursor = cursor.saturating_add(1);
			moved = true;
		}
		if moved {
			ExpiryCursor::<T>::put(cursor);
		}
	}

	/// Handles one code drained from the queue of `day`.
	pub(crate) fn process_queued(code: CertificateCode, day: DayIndex) {
		let Some(record) = Certificates::<T>::get(code) else {
			return;
		};
		if record.status != CertificateStatus::Valid {
			// Superseded, cancelled or revoked meanwhile: nothing to do.
			return;
		}
		if RenewalsPending::<T>::contains_key(code) {
			// Q14: kept `Valid` until the renewal is decided; `set_renewal_pending(false)`
			// queues it again.
			return;
		}
		if T::Clock::now() <= record.body.valid_until {
			// Not expired yet (e.g. queued early by hand): queue it for its own day.
			let own =
				validity::first_expired_day(&T::Clock::chain_clock(), record.body.valid_until);
			if own > day {
				if let Ok(slot) = Self::expiry_slot(own) {
					Self::enqueue_expiry_at(slot, code);
				}
			}
			return;
		}
		Self::cancel_expired(code, record);
	}
}
