//! Authorised-operation agreements (授权运营协议, YX-AO §16–§17; docs/spec/requirements.md §5.2–§5.3):
//! recorded and changed by the data authority. A product or service registration rests on an
//! active agreement operated by its subject; the agreement's term end caps validity and renewal
//! (YX-R §23). Suspending or terminating an agreement flags its registrations and never cancels
//! them (Q15). The term is in principle at most `MaxAgreementYears` (YX-AO §17(二) "原则上"): the
//! data authority may record an exception with its reason. The delivery of products and services
//! starts the operator's duty to register (YX-R §18 ¶3). Public-service organisations register
//! their own products without an agreement (YN-D §46 ¶2).

use crate::{pallet::*, types::*};
use dengji_primitives::{
	calendar::Date,
	traits::{Clock, Directory},
	ApplicationId, BoundedName, DayIndex, Digest, Moment, Uscc,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// YX-AO §17(二): the term is at most `MaxAgreementYears` ("原则上最长不超过5年"), unless the
	/// data authority recorded an exception (`exception`).
	fn check_term(term_start: Moment, term_end: Moment, exception: bool) -> DispatchResult {
		ensure!(term_start <= term_end, Error::<T>::AgreementTermInverted);
		if exception {
			return Ok(());
		}
		let clock = T::Clock::chain_clock();
		let start = Date::from_day_index(clock.day_at(term_start));
		let last = start.add_years(T::MaxAgreementYears::get()).to_day_index();
		// The term may run to the end of the day before the anniversary.
		let limit = clock.day_start_ms(last).saturating_sub(1);
		ensure!(term_end <= limit, Error::<T>::AgreementTermTooLong);
		Ok(())
	}

	/// Records an agreement within the in-principle term.
	pub(crate) fn do_record_agreement(
		implementer: BoundedName,
		operator: Uscc,
		term_start: Moment,
		term_end: Moment,
		document: Digest,
	) -> Result<AgreementId, DispatchError> {
		Self::insert_agreement(implementer, operator, term_start, term_end, document, None)
	}

	/// Records an agreement beyond the in-principle term, as an exception with its reason
	/// (YX-AO §17(二) "原则上").
	pub(crate) fn do_record_agreement_with_exception(
		implementer: BoundedName,
		operator: Uscc,
		term_start: Moment,
		term_end: Moment,
		document: Digest,
		reason: Digest,
	) -> Result<AgreementId, DispatchError> {
		let id = Self::insert_agreement(
			implementer,
			operator,
			term_start,
			term_end,
			document,
			Some(reason),
		)?;
		Self::deposit_event(Event::AgreementTermException { agreement: id, reason });
		Ok(id)
	}

	fn insert_agreement(
		implementer: BoundedName,
		operator: Uscc,
		term_start: Moment,
		term_end: Moment,
		document: Digest,
		term_exception: Option<Digest>,
	) -> Result<AgreementId, DispatchError> {
		let implementer = Self::check_name(implementer.into_inner())
			.map_err(|_| Error::<T>::BadImplementerName)?;
		Self::check_term(term_start, term_end, term_exception.is_some())?;
		let id = NextAgreementId::<T>::try_mutate(|n| {
			let id = *n;
			*n = n.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok::<_, Error<T>>(id)
		})?;
		Agreements::<T>::insert(
			id,
			Agreement {
				implementer,
				operator,
				term_start,
				term_end,
				document,
				status: AgreementStatus::Active,
				term_exception,
				delivery: None,
				filing: None,
			},
		);
		Self::deposit_event(Event::AgreementRecorded {
			agreement: id,
			operator,
			term_start,
			term_end,
		});
		Ok(id)
	}

	/// Amends the term and document of an agreement that is not terminated.
	pub(crate) fn do_amend_agreement(
		id: AgreementId,
		term_start: Moment,
		term_end: Moment,
		document: Digest,
	) -> DispatchResult {
		let mut a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status != AgreementStatus::Terminated, Error::<T>::AgreementNotActive);
		Self::check_term(term_start, term_end, a.term_exception.is_some())?;
		a.term_start = term_start;
		a.term_end = term_end;
		a.document = document;
		Agreements::<T>::insert(id, a);
		Self::deposit_event(Event::AgreementAmended { agreement: id, term_start, term_end });
		Ok(())
	}

	/// Suspends, resumes or terminates; flags every registration resting on the agreement (Q15).
	/// Returns how many registrations were visited (for the weight refund).
	pub(crate) fn do_set_agreement_status(
		id: AgreementId,
		status: AgreementStatus,
		document: Digest,
	) -> Result<u32, DispatchError> {
		let mut a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status.can_transition(status), Error::<T>::AgreementTransitionNotAllowed);
		a.status = status;
		a.document = document;
		Agreements::<T>::insert(id, a);
		Self::deposit_event(Event::AgreementStatusChanged { agreement: id, status, document });
		let regs = AgreementRegistrations::<T>::get(id);
		for reg_id in regs.iter() {
			Registrations::<T>::mutate(reg_id, |r| {
				if let Some(r) = r {
					r.flags.agreement_suspended = status == AgreementStatus::Suspended;
					r.flags.agreement_terminated = status == AgreementStatus::Terminated;
					Self::deposit_event(Event::RegistrationFlagged {
						registration: *reg_id,
						agreement: id,
						flags: r.flags,
					});
				}
			});
		}
		Ok(regs.len() as u32)
	}

	/// YX-R §18 ¶3: records the delivery and starts the operator's registration duty: 20 WD from
	/// the delivery day, or 30 WD from the day the measures took effect (YX-R §32) for a delivery
	/// before it. Met at once if the operator already filed a first registration under it.
	pub(crate) fn do_record_delivery(
		id: AgreementId,
		delivered_at: Moment,
		document: Digest,
	) -> DispatchResult {
		let mut a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status != AgreementStatus::Terminated, Error::<T>::AgreementNotActive);
		ensure!(a.delivery.is_none(), Error::<T>::DeliveryAlreadyRecorded);
		ensure!(delivered_at <= T::Clock::now(), Error::<T>::DeliveryInFuture);
		ensure!(
			a.term_start <= delivered_at && delivered_at <= a.term_end,
			Error::<T>::DeliveryOutsideTerm
		);
		let delivered_on = T::Clock::chain_clock().day_at(delivered_at);
		let (trigger, n, transitional) = Self::duty_trigger(delivered_on);
		let already = Self::operator_has_filed(id);
		let today = Self::today();
		let (timer, overdue) = Self::duty_timer(DueItem::Agreement(id), already, trigger, n)?;
		a.delivery = Some(Delivery {
			delivered_on,
			document,
			transitional,
			timer,
			met_on: already.then_some(today),
		});
		let operator = a.operator;
		Agreements::<T>::insert(id, a);
		Self::deposit_event(Event::RegistrationDutyDue {
			agreement: id,
			operator,
			delivered_on,
			due: timer.deadline.due,
			transitional,
			provisional: timer.deadline.provisional,
		});
		if overdue {
			Self::deposit_event(Event::RegistrationDutyOverdue {
				agreement: id,
				operator,
				due: timer.deadline.due,
				provisional: timer.deadline.provisional,
			});
		}
		if already {
			// Met before the delivery was recorded (application not named).
			Self::deposit_event(Event::RegistrationDutyMet {
				agreement: id,
				operator,
				application: None,
			});
		}
		Ok(())
	}

	/// YX-R §18 ¶3: the trigger day and period of a registration duty started on `day` (a
	/// delivery or a provision), and whether it is transitional: "本办法施行前已开展授权运营的…于
	/// 本办法施行后的30个工作日内", else 20 WD from the day itself.
	/// The timer of a registration duty of `n` working days from `trigger` (YX-R §18 ¶3), and
	/// whether it is overdue when recorded. A duty already `met`, or already overdue (recorded
	/// late), needs no queue: its timer is stored as handled; otherwise `item` is queued.
	fn duty_timer(
		item: DueItem,
		met: bool,
		trigger: DayIndex,
		n: u32,
	) -> Result<(Timer, bool), Error<T>> {
		let deadline = T::Clock::add_working_days(trigger, n);
		let overdue = !met && deadline.is_overdue(Self::today());
		if met || overdue {
			let kind = TimerKind::RegistrationDuty;
			let timer = Timer {
				kind,
				started_on: trigger,
				deadline,
				queued_on: deadline.due,
				handled: true,
			};
			return Ok((timer, overdue));
		}
		Ok((Self::start_timer_for(item, TimerKind::RegistrationDuty, trigger, n)?, false))
	}

	fn duty_trigger(day: DayIndex) -> (DayIndex, u32, bool) {
		let (y, m, d) = MEASURES_IN_FORCE;
		let in_force = Date::new(y, m, d).map(|d| d.to_day_index()).unwrap_or_default();
		if day < in_force {
			(in_force, TRANSITIONAL_DUTY_WORKING_DAYS, true)
		} else {
			(day, REGISTRATION_DUTY_WORKING_DAYS, false)
		}
	}

	/// YX-R §5, §18 ¶3: records `holder`'s provision of its data resources for the operation
	/// under agreement `id` and starts its duty to register them: 20 WD from the provision day,
	/// or 30 WD from the day the measures took effect for a provision before. Met at once if
	/// the holder already filed a first registration of a resource referencing the agreement.
	pub(crate) fn do_record_provision(
		id: AgreementId,
		holder: Uscc,
		provided_at: Moment,
		document: Digest,
	) -> Result<ProvisionId, DispatchError> {
		let a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status != AgreementStatus::Terminated, Error::<T>::AgreementNotActive);
		ensure!(T::Directory::subject(&holder).is_some(), Error::<T>::UnknownSubject);
		let filed = match ResourceDuties::<T>::get(id, holder) {
			Some(ResourceDuty::Provided(_)) => {
				return Err(Error::<T>::ProvisionAlreadyRecorded.into())
			}
			Some(ResourceDuty::Filed(app)) => Some(app).filter(|app| Self::still_filed(*app)),
			None => None,
		};
		ensure!(provided_at <= T::Clock::now(), Error::<T>::ProvisionInFuture);
		ensure!(
			a.term_start <= provided_at && provided_at <= a.term_end,
			Error::<T>::ProvisionOutsideTerm
		);
		let provided_on = T::Clock::chain_clock().day_at(provided_at);
		let (trigger, n, transitional) = Self::duty_trigger(provided_on);
		let pid = NextProvisionId::<T>::get();
		let next = pid.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let today = Self::today();
		let (timer, overdue) =
			Self::duty_timer(DueItem::Provision(pid), filed.is_some(), trigger, n)?;
		NextProvisionId::<T>::put(next);
		Provisions::<T>::insert(
			pid,
			Provision {
				agreement: id,
				holder,
				provided_on,
				document,
				transitional,
				timer,
				met_on: filed.map(|_| today),
			},
		);
		ResourceDuties::<T>::insert(id, holder, ResourceDuty::Provided(pid));
		let due = timer.deadline.due;
		let provisional = timer.deadline.provisional;
		Self::deposit_event(Event::ResourceDutyDue {
			provision: pid,
			agreement: id,
			holder,
			provided_on,
			due,
			transitional,
			provisional,
		});
		if overdue {
			Self::deposit_event(Event::ResourceDutyOverdue {
				provision: pid,
				agreement: id,
				holder,
				due,
				provisional,
			});
		}
		if let Some(application) = filed {
			// Met before the provision was recorded.
			Self::deposit_event(Event::ResourceDutyMet {
				provision: pid,
				agreement: id,
				holder,
				application,
			});
		}
		Ok(pid)
	}

	/// Whether a first registration `app` still counts as filed: open, or registered.
	fn still_filed(app: ApplicationId) -> bool {
		Applications::<T>::get(app)
			.is_some_and(|a| !a.state.is_terminal() || a.state == ApplicationState::Approved)
	}

	/// YX-R §5, §18 ¶3: `holder`'s first registration `application` of a resource referencing
	/// agreement `id` meets its duty after a provision, or is kept for a provision recorded
	/// later (unless an earlier filing still counts).
	pub(crate) fn meet_resource_duty(id: AgreementId, holder: Uscc, application: ApplicationId) {
		match ResourceDuties::<T>::get(id, holder) {
			Some(ResourceDuty::Provided(pid)) => Provisions::<T>::mutate(pid, |p| {
				let Some(p) = p else { return };
				if p.met_on.is_some() {
					return;
				}
				let today = Self::today();
				// A late filing still meets the duty; the miss is reported first.
				Self::refresh_provision(p, pid, today);
				p.met_on = Some(today);
				p.timer.handled = true;
				Self::deposit_event(Event::ResourceDutyMet {
					provision: pid,
					agreement: id,
					holder,
					application,
				});
			}),
			Some(ResourceDuty::Filed(earlier)) if Self::still_filed(earlier) => {}
			_ => ResourceDuties::<T>::insert(id, holder, ResourceDuty::Filed(application)),
		}
	}

	/// Applies the passage of time to a holder's registration duty after a provision: a due
	/// day passed with no first registration → `ResourceDutyOverdue` naming the holder
	/// (YX-R §5, §18 ¶3). Returns whether it changed.
	pub(crate) fn refresh_provision(p: &mut Provision, pid: ProvisionId, today: DayIndex) -> bool {
		if p.timer.handled || !p.timer.deadline.is_overdue(today) {
			return false;
		}
		p.timer.handled = true;
		if p.met_on.is_none() {
			Self::deposit_event(Event::ResourceDutyOverdue {
				provision: pid,
				agreement: p.agreement,
				holder: p.holder,
				due: p.timer.deadline.due,
				provisional: p.timer.deadline.provisional,
			});
		}
		true
	}

	/// Whether a first registration was filed under the agreement (open or registered).
	fn operator_has_filed(id: AgreementId) -> bool {
		AgreementOpenApplications::<T>::get(id) > 0
			|| !AgreementRegistrations::<T>::get(id).is_empty()
	}

	/// YX-R §18 ¶3: a first registration `application` filed under the agreement meets the duty.
	pub(crate) fn meet_registration_duty(id: AgreementId, application: ApplicationId) {
		Agreements::<T>::mutate(id, |a| {
			let Some(a) = a else { return };
			if a.delivery.is_none_or(|d| d.met_on.is_some()) {
				return;
			}
			let today = Self::today();
			// A late filing still meets the duty; the miss is reported first.
			Self::refresh_agreement(a, id, today);
			if let Some(delivery) = a.delivery.as_mut() {
				delivery.met_on = Some(today);
				delivery.timer.handled = true;
			}
			Self::deposit_event(Event::RegistrationDutyMet {
				agreement: id,
				operator: a.operator,
				application: Some(application),
			});
		});
	}

	/// Applies the passage of time to an agreement's registration duty: a due day passed with no
	/// first registration → `RegistrationDutyOverdue` naming the operator (YX-R §18 ¶3).
	/// Returns whether it changed.
	pub(crate) fn refresh_agreement(a: &mut Agreement, id: AgreementId, today: DayIndex) -> bool {
		let operator = a.operator;
		let Some(delivery) = a.delivery.as_mut() else {
			return false;
		};
		let timer = &mut delivery.timer;
		if timer.handled || !timer.deadline.is_overdue(today) {
			return false;
		}
		timer.handled = true;
		if delivery.met_on.is_none() {
			Self::deposit_event(Event::RegistrationDutyOverdue {
				agreement: id,
				operator,
				due: timer.deadline.due,
				provisional: timer.deadline.provisional,
			});
		}
		true
	}

	/// YN-D §46 ¶2: records or removes a public-service organisation.
	pub(crate) fn do_set_public_service(subject: Uscc, basis: Option<Digest>) -> DispatchResult {
		ensure!(T::Directory::subject(&subject).is_some(), Error::<T>::UnknownSubject);
		match basis {
			Some(b) => PublicServiceOrganisations::<T>::insert(subject, b),
			None => PublicServiceOrganisations::<T>::remove(subject),
		}
		Self::deposit_event(Event::PublicServiceSet { subject, basis });
		Ok(())
	}
}
