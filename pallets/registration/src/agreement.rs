//! Authorised-operation agreements (授权运营协议, YX-AO §16–§17; docs/spec/requirements.md §5.2–§5.3):
//! recorded and changed by the data authority. A product or service registration rests on an
//! active agreement operated by its subject; the agreement's term end caps validity and renewal
//! (YX-R §23). Suspending or terminating an agreement flags its registrations and never cancels
//! them (Q15).

use crate::{pallet::*, types::*};
use dengji_primitives::{calendar::Date, traits::Clock, BoundedName, Digest, Moment, Uscc};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// YX-AO §17(二): the term is at most `MaxAgreementYears` ("原则上最长不超过5年").
	fn check_term(term_start: Moment, term_end: Moment) -> DispatchResult {
		ensure!(term_start <= term_end, Error::<T>::AgreementTermInverted);
		let clock = T::Clock::chain_clock();
		let start = Date::from_day_index(clock.day_at(term_start));
		let last = start.add_years(T::MaxAgreementYears::get()).to_day_index();
		// The term may run to the end of the day before the anniversary.
		let limit = clock.day_start_ms(last).saturating_sub(1);
		ensure!(term_end <= limit, Error::<T>::AgreementTermTooLong);
		Ok(())
	}

	/// Records an agreement.
	pub(crate) fn do_record_agreement(
		implementer: BoundedName,
		operator: Uscc,
		term_start: Moment,
		term_end: Moment,
		document: Digest,
	) -> Result<AgreementId, DispatchError> {
		let implementer = Self::check_name(implementer.into_inner())
			.map_err(|_| Error::<T>::BadImplementerName)?;
		Self::check_term(term_start, term_end)?;
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
		Self::check_term(term_start, term_end)?;
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
}
