//! Legal clocks (docs/spec/requirements.md §2.8): starting timers, the `Due` queue, lazy expiry checks,
//! supervision of institution deadlines (YX-R §26(四), Q27), the free expiry calls and the
//! `on_idle` sweep. Every clock counts working days through `T::Clock` (docs/spec/DESIGN.md §4).

use crate::{pallet::*, types::*, weights::WeightInfo};
use dengji_primitives::{
	traits::{CertificateLedger, Clock, Directory},
	ApplicationId, DayIndex, ObjectKind,
};
use frame_support::{pallet_prelude::*, weights::WeightMeter};

impl<T: Config> Pallet<T> {
	/// Today (Asia/Shanghai day of chain time).
	pub(crate) fn today() -> DayIndex {
		T::Clock::today()
	}

	/// `to`, after checking (in debug builds) that `from → to` is a transition of
	/// docs/spec/requirements.md §2.4. Every state change goes through here.
	pub(crate) fn checked(from: ApplicationState, to: ApplicationState) -> ApplicationState {
		debug_assert!(from.can_transition(to), "application {from:?} -> {to:?}");
		to
	}

	/// `to`, after checking (in debug builds) that `from → to` is a transition of §2.5.
	pub(crate) fn checked_objection(from: ObjectionState, to: ObjectionState) -> ObjectionState {
		debug_assert!(from.can_transition(to), "objection {from:?} -> {to:?}");
		to
	}

	/// Whether, in `state`, the institution still owes the act an institution timer measures.
	pub(crate) fn institution_owes(kind: TimerKind, state: ApplicationState) -> bool {
		matches!(
			(kind, state),
			(TimerKind::Acceptance, ApplicationState::Submitted)
				| (TimerKind::Review | TimerKind::Cancellation, ApplicationState::UnderReview)
		)
	}

	/// The period in working days of a timer kind.
	pub fn period(kind: TimerKind) -> u32 {
		match kind {
			TimerKind::Acceptance => T::AcceptanceWorkingDays::get(),
			TimerKind::Review => T::ReviewWorkingDays::get(),
			TimerKind::Supplement => T::SupplementWorkingDays::get(),
			TimerKind::Publicity => T::PublicityWorkingDays::get(),
			TimerKind::Cancellation => T::CancellationWorkingDays::get(),
			TimerKind::Forward => T::ForwardWorkingDays::get(),
			TimerKind::Rebuttal => T::RebuttalWorkingDays::get(),
			// YX-R §18 ¶3 (30 WD in the transition, set where the timer starts).
			TimerKind::RegistrationDuty => REGISTRATION_DUTY_WORKING_DAYS,
		}
	}

	/// Starts a `kind` timer triggered on `trigger` (excluded, Q3) and queues `item` for the sweep.
	pub(crate) fn start_timer(
		item: DueItem,
		kind: TimerKind,
		trigger: DayIndex,
	) -> Result<Timer, Error<T>> {
		Self::start_timer_for(item, kind, trigger, Self::period(kind))
	}

	/// Starts a timer of `n` working days.
	pub(crate) fn start_timer_for(
		item: DueItem,
		kind: TimerKind,
		trigger: DayIndex,
		n: u32,
	) -> Result<Timer, Error<T>> {
		let deadline = T::Clock::add_working_days(trigger, n);
		let queued_on = Self::enqueue(item, deadline.due)?;
		Ok(Timer { kind, started_on: trigger, deadline, queued_on, handled: false })
	}

	/// Queues `item` on the first day from `due` with room (at most `MaxDueSpillDays` later).
	fn enqueue(item: DueItem, due: DayIndex) -> Result<DayIndex, Error<T>> {
		// The sweep starts no later than the first queued day (nothing is ever skipped).
		if DueCursor::<T>::get().is_none() {
			DueCursor::<T>::put(Self::today().min(due));
		}
		for offset in 0..=T::MaxDueSpillDays::get() {
			let day = due.saturating_add(offset);
			if Due::<T>::try_mutate(day, |q| q.try_push(item)).is_ok() {
				return Ok(day);
			}
		}
		Err(Error::<T>::DueQueueFull)
	}

	/// Emits the supervision event for a missed institution deadline (YX-R §26(四), Q27).
	fn report_missed(
		application: ApplicationId,
		institution: dengji_primitives::DivisionCode,
		objection: Option<ObjectionId>,
		timer: &Timer,
	) {
		Self::deposit_event(Event::InstitutionDeadlineMissed {
			institution: T::Directory::responsible_institution(institution),
			application,
			objection,
			deadline: timer.kind,
			due: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
	}

	/// Applies whatever the passage of time has made true for an application on `today`:
	/// a lapsed supplement period → deemed withdrawn (YX-R §16 ¶2); the end of publicity →
	/// closed, deferred if an objection is open (YX-R §22 ¶2); a missed institution deadline →
	/// supervision event. Returns whether `app` changed (the caller stores it).
	pub(crate) fn refresh_application(
		id: ApplicationId,
		app: &mut ApplicationOf<T>,
		today: DayIndex,
	) -> bool {
		let Some(mut timer) = app.timer else {
			return false;
		};
		if timer.handled || !timer.deadline.is_overdue(today) {
			return false;
		}
		timer.handled = true;
		app.timer = Some(timer);
		match timer.kind {
			TimerKind::Supplement if app.state == ApplicationState::SupplementRequested => {
				// YX-R §16 ¶2: 逾期未重新提交 → 视为撤回.
				app.state = Self::checked(app.state, ApplicationState::DeemedWithdrawn);
				Self::on_application_closed(app);
				Self::deposit_event(Event::ApplicationDeemedWithdrawn { application: id });
			}
			TimerKind::Publicity if app.state == ApplicationState::InPublicity => {
				if let Some(w) = app.publicity.as_mut() {
					w.closed = true;
				}
				Self::deposit_event(Event::PublicityClosed {
					application: id,
					open_objections: app.open_objections,
				});
				if app.open_objections > 0 {
					// YX-R §22 ¶2: 异议期间暂缓登记.
					app.state = Self::checked(app.state, ApplicationState::Deferred);
					Self::deposit_event(Event::ApplicationDeferred { application: id });
				}
			}
			// Only while the institution still owes the act the timer measures.
			kind if Self::institution_owes(kind, app.state) => {
				Self::report_missed(id, app.institution, None, &timer);
			}
			_ => {}
		}
		true
	}

	/// Applies the passage of time to an objection: a missed forwarding deadline → supervision
	/// event; a lapsed rebuttal period → `RebuttalLapsed` (Q9: no decision). Returns whether it changed.
	pub(crate) fn refresh_objection(
		id: ObjectionId,
		obj: &mut ObjectionOf<T>,
		today: DayIndex,
	) -> bool {
		let Some(mut timer) = obj.timer else {
			return false;
		};
		if timer.handled || !timer.deadline.is_overdue(today) {
			return false;
		}
		timer.handled = true;
		obj.timer = Some(timer);
		match (timer.kind, obj.state) {
			(TimerKind::Forward, ObjectionState::Lodged) => {
				// Nothing to forward once the application has ended (e.g. another objection was
				// upheld): no supervision event then.
				if let Some(app) = Applications::<T>::get(obj.application) {
					if !app.state.is_terminal() {
						Self::report_missed(obj.application, app.institution, Some(id), &timer);
					}
				}
			}
			(TimerKind::Rebuttal, ObjectionState::Forwarded) => {
				obj.state = Self::checked_objection(obj.state, ObjectionState::RebuttalLapsed);
				Self::deposit_event(Event::RebuttalLapsed { objection: id });
			}
			_ => {}
		}
		true
	}

	/// Housekeeping when an application reaches a terminal state: frees its agreement place or
	/// its registration and clears a pending renewal mark on a negative outcome.
	pub(crate) fn on_application_closed(app: &ApplicationOf<T>) {
		// The agreement place taken at submission is released (on approval the registration
		// holds it in `AgreementRegistrations`). Only products and services take places.
		if let (Request::FirstTime, Some(a), ObjectKind::DataProductOrService) =
			(app.request, app.agreement, app.object)
		{
			AgreementOpenApplications::<T>::mutate(a, |n| *n = n.saturating_sub(1));
		}
		if app.request == Request::FirstTime {
			return;
		}
		if let Some(reg_id) = app.registration {
			if app.request.kind().is_lifecycle() {
				LifecyclePending::<T>::remove(reg_id);
			} else {
				Registrations::<T>::mutate(reg_id, |r| {
					if let Some(r) = r {
						r.pending = None;
					}
				});
			}
			if matches!(app.request, Request::Renewal { .. })
				&& app.state != ApplicationState::Approved
			{
				// The mark is on the current certificate (it follows a change issued meanwhile).
				if let Some(code) = T::Ledger::current(reg_id) {
					if let Err(e) = T::Ledger::set_renewal_pending(&code, false) {
						log::debug!(target: "registration", "renewal mark not cleared: {e:?}");
					}
				}
			}
		}
	}

	/// Loads an application and applies lapsed clocks (the result is not stored).
	pub(crate) fn load_application(id: ApplicationId) -> Result<ApplicationOf<T>, Error<T>> {
		let mut app = Applications::<T>::get(id).ok_or(Error::<T>::ApplicationNotFound)?;
		Self::refresh_application(id, &mut app, Self::today());
		Ok(app)
	}

	/// Loads an objection and applies lapsed clocks (the result is not stored).
	pub(crate) fn load_objection(id: ObjectionId) -> Result<ObjectionOf<T>, Error<T>> {
		let mut obj = Objections::<T>::get(id).ok_or(Error::<T>::ObjectionNotFound)?;
		Self::refresh_objection(id, &mut obj, Self::today());
		Ok(obj)
	}

	/// `expire_supplement`: records deemed withdrawal.
	pub(crate) fn do_expire_supplement(id: ApplicationId) -> DispatchResult {
		let mut app = Applications::<T>::get(id).ok_or(Error::<T>::ApplicationNotFound)?;
		ensure!(
			app.state == ApplicationState::SupplementRequested,
			Error::<T>::NotAwaitingSupplement
		);
		ensure!(
			Self::refresh_application(id, &mut app, Self::today()),
			Error::<T>::SupplementNotOverdue
		);
		Applications::<T>::insert(id, app);
		Ok(())
	}

	/// `expire_rebuttal`: records a lapsed rebuttal period.
	pub(crate) fn do_expire_rebuttal(id: ObjectionId) -> DispatchResult {
		let mut obj = Objections::<T>::get(id).ok_or(Error::<T>::ObjectionNotFound)?;
		ensure!(obj.state == ObjectionState::Forwarded, Error::<T>::ObjectionNotForwarded);
		ensure!(
			Self::refresh_objection(id, &mut obj, Self::today()),
			Error::<T>::RebuttalNotOverdue
		);
		Objections::<T>::insert(id, obj);
		Ok(())
	}

	/// `report_overdue`: reports a missed institution deadline.
	pub(crate) fn do_report_overdue(item: DueItem) -> DispatchResult {
		let today = Self::today();
		match item {
			DueItem::Application(id) => {
				let mut app = Applications::<T>::get(id).ok_or(Error::<T>::ApplicationNotFound)?;
				let owed = app.timer.is_some_and(|t| Self::institution_owes(t.kind, app.state));
				ensure!(owed, Error::<T>::NothingOverdue);
				ensure!(Self::refresh_application(id, &mut app, today), Error::<T>::NothingOverdue);
				Applications::<T>::insert(id, app);
			}
			DueItem::Objection(id) => {
				let mut obj = Objections::<T>::get(id).ok_or(Error::<T>::ObjectionNotFound)?;
				let app_open =
					Applications::<T>::get(obj.application).is_some_and(|a| !a.state.is_terminal());
				let owed = obj.state == ObjectionState::Lodged
					&& app_open && obj.timer.is_some_and(|t| t.kind == TimerKind::Forward);
				ensure!(owed, Error::<T>::NothingOverdue);
				ensure!(Self::refresh_objection(id, &mut obj, today), Error::<T>::NothingOverdue);
				Objections::<T>::insert(id, obj);
			}
			// YX-R §18 ¶3: the operator's registration duty.
			DueItem::Agreement(id) => {
				let mut a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
				let owed = a.delivery.is_some_and(|d| d.met_on.is_none());
				ensure!(owed, Error::<T>::NothingOverdue);
				ensure!(Self::refresh_agreement(&mut a, id, today), Error::<T>::NothingOverdue);
				Agreements::<T>::insert(id, a);
			}
			// YX-R §5, §18 ¶3: the holder's registration duty.
			DueItem::Provision(id) => {
				let mut p = Provisions::<T>::get(id).ok_or(Error::<T>::ProvisionNotFound)?;
				ensure!(p.met_on.is_none(), Error::<T>::NothingOverdue);
				ensure!(Self::refresh_provision(&mut p, id, today), Error::<T>::NothingOverdue);
				Provisions::<T>::insert(id, p);
			}
		}
		Ok(())
	}

	/// Refreshes one queued item (the per-item work of the sweep).
	pub(crate) fn process_due(item: DueItem, today: DayIndex) {
		match item {
			DueItem::Application(id) => {
				if let Some(mut app) = Applications::<T>::get(id) {
					if Self::refresh_application(id, &mut app, today) {
						Applications::<T>::insert(id, app);
					}
				}
			}
			DueItem::Objection(id) => {
				if let Some(mut obj) = Objections::<T>::get(id) {
					if Self::refresh_objection(id, &mut obj, today) {
						Objections::<T>::insert(id, obj);
					}
				}
			}
			DueItem::Agreement(id) => {
				if let Some(mut a) = Agreements::<T>::get(id) {
					if Self::refresh_agreement(&mut a, id, today) {
						Agreements::<T>::insert(id, a);
					}
				}
			}
			DueItem::Provision(id) => {
				if let Some(mut p) = Provisions::<T>::get(id) {
					if Self::refresh_provision(&mut p, id, today) {
						Provisions::<T>::insert(id, p);
					}
				}
			}
		}
	}

	/// Drains the `Due` queue of every day before today, item by item, within `meter`.
	/// Correctness never depends on it: it records what the lazy checks already apply.
	pub(crate) fn sweep(meter: &mut WeightMeter) {
		let base = T::WeightInfo::on_idle_base();
		let per_item = T::WeightInfo::on_idle_item();
		if meter.try_consume(base).is_err() {
			return;
		}
		let today = Self::today();
		let Some(mut cursor) = DueCursor::<T>::get() else {
			DueCursor::<T>::put(today);
			return;
		};
		while cursor < today {
			// One read per (possibly empty) day.
			if meter.try_consume(T::DbWeight::get().reads_writes(1, 1)).is_err() {
				break;
			}
			let mut queue = Due::<T>::get(cursor);
			let mut done = 0usize;
			for item in queue.iter() {
				if meter.try_consume(per_item).is_err() {
					break;
				}
				Self::process_due(*item, today);
				done = done.saturating_add(1);
			}
			if done < queue.len() {
				queue.drain(..done);
				Due::<T>::insert(cursor, queue);
				break;
			}
			Due::<T>::remove(cursor);
			cursor = cursor.saturating_add(1);
		}
		DueCursor::<T>::put(cursor);
	}

	/// `integrity_test`: every legal period is greater than zero; bounds are non-zero.
	pub(crate) fn check_integrity() {
		for kind in [
			TimerKind::Acceptance,
			TimerKind::Review,
			TimerKind::Supplement,
			TimerKind::Publicity,
			TimerKind::Cancellation,
			TimerKind::Forward,
			TimerKind::Rebuttal,
		] {
			assert!(Self::period(kind) > 0, "period of {kind:?} must be > 0");
		}
		assert!(T::MaxAgreementYears::get() > 0, "MaxAgreementYears must be > 0");
		assert!(T::MaxDuePerDay::get() > 0, "MaxDuePerDay must be > 0");
		assert!(T::MaxObjections::get() > 0, "MaxObjections must be > 0");
	}
}
