//! `try_state` invariants: every running clock is queued on a day the sweep has not passed,
//! objection counters match the objections, and a registration's pending application is open.

use crate::{pallet::*, types::*};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// `try_state`: each running timer is queued on a day not yet drained; objection counters
	/// match the objections; each registration's pending application exists and is open.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let cursor = DueCursor::<T>::get();
		// An unhandled timer is drained only once overdue, and draining handles it: so it is
		// still in its day's queue, which the sweep has not passed.
		let queued = |item: DueItem, t: &Timer| -> bool {
			t.handled
				|| (cursor.map(|c| t.queued_on >= c).unwrap_or(true)
					&& Due::<T>::get(t.queued_on).contains(&item))
		};
		for (id, app) in Applications::<T>::iter() {
			ensure!(id < NextApplicationId::<T>::get(), "application id beyond counter");
			if let Some(t) = app.timer.as_ref() {
				if !app.state.is_terminal() {
					ensure!(queued(DueItem::Application(id), t), "open window not queued");
				}
			}
			if app.state == ApplicationState::InPublicity {
				ensure!(app.publicity.is_some(), "publicity without a window");
			}
			let objections: alloc::vec::Vec<ObjectionId> =
				ApplicationObjections::<T>::iter_key_prefix(id).collect();
			ensure!(objections.len() as u32 == app.objections, "objection count mismatch");
			let open_list: alloc::vec::Vec<_> = objections
				.iter()
				.filter_map(Objections::<T>::get)
				.filter(|o| o.state.is_open())
				.collect();
			let open = open_list.len() as u32;
			for o in &open_list {
				let by = open_list.iter().filter(|p| p.objector == o.objector).count() as u32;
				ensure!(
					OpenObjectionsBy::<T>::get(id, &o.objector) == by,
					"open objections per objector mismatch"
				);
			}
			if app.state != ApplicationState::Terminated {
				ensure!(open == app.open_objections, "open objection count mismatch");
			}
		}
		for (id, obj) in Objections::<T>::iter() {
			ensure!(id < NextObjectionId::<T>::get(), "objection id beyond counter");
			if let Some(t) = obj.timer.as_ref() {
				if obj.state.is_open() {
					ensure!(queued(DueItem::Objection(id), t), "objection clock not queued");
				}
			}
		}
		for (id, reg) in Registrations::<T>::iter() {
			ensure!(id < NextRegistrationId::<T>::get(), "registration id beyond counter");
			if let Some(p) = reg.pending {
				let app = Applications::<T>::get(p).ok_or("pending application missing")?;
				ensure!(!app.state.is_terminal(), "pending application is closed");
				ensure!(!app.request.kind().is_lifecycle(), "renewal or cancellation in pending");
			}
		}
		for (reg, p) in LifecyclePending::<T>::iter() {
			let app = Applications::<T>::get(p).ok_or("lifecycle application missing")?;
			ensure!(!app.state.is_terminal(), "lifecycle application is closed");
			ensure!(app.request.kind().is_lifecycle(), "change or correction in LifecyclePending");
			ensure!(app.registration == Some(reg), "lifecycle application of another registration");
		}
		Ok(())
	}
}
