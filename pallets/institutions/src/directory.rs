//! [`Directory`] for the other pallets, and the participant predicate of the allow-list.

use crate::{
	pallet::*,
	types::{PowerOfAttorney, ServiceInstitutionStatus},
};
use dengji_primitives::{
	institution::{InstitutionRecord, InstitutionStatus},
	traits::{AccessError, AgentScope, Directory, SubjectInfo},
	DayIndex, DivisionCode, Uscc,
};
use frame_support::traits::Contains;

/// Longest takeover chain followed (county → city → province).
const MAX_TAKEOVER_HOPS: u32 = 3;

impl<T: Config> Pallet<T> {
	/// Whether `who` holds a role that lets it transact: operator of an active institution,
	/// validator of a non-disqualified institution, subject account, real-name person or agent,
	/// or city or county authority (docs/spec/DESIGN.md §3 layer 2; a county authority files and
	/// sanctions its county's institution, YX-R §7 ¶2, and handles complaints about it, YX-R §25).
	pub fn is_participant_account(who: &T::AccountId) -> bool {
		let active = |d: DivisionCode, allow_suspended: bool| {
			Institutions::<T>::get(d).is_some_and(|i| {
				i.status == InstitutionStatus::Active
					|| (allow_suspended && i.status == InstitutionStatus::Suspended)
			})
		};
		SubjectOf::<T>::contains_key(who)
			|| Persons::<T>::contains_key(who)
			|| CityAuthorities::<T>::contains_key(who)
			|| CountyAuthorities::<T>::contains_key(who)
			|| OperatorOf::<T>::get(who).is_some_and(|d| active(d, false))
			|| ValidatorOf::<T>::get(who).is_some_and(|d| active(d, true))
	}

	/// Whether `who` may transact: a participant or one of `T::ExtraParticipants`.
	pub fn may_transact(who: &T::AccountId) -> bool {
		Self::is_participant_account(who) || T::ExtraParticipants::contains(who)
	}

	/// The power of attorney `agent` holds for `subject`, if any.
	pub fn power_of_attorney(subject: &Uscc, agent: &T::AccountId) -> Option<PowerOfAttorney> {
		PowersOfAttorney::<T>::get(subject, agent)
	}
}

impl<T: Config> Directory<T::AccountId> for Pallet<T> {
	fn upheld_complaint_institution(id: u32) -> Option<DivisionCode> {
		// YX-R §25(二), Q32.
		Complaints::<T>::get(id)
			.filter(|c| c.status() == crate::types::ComplaintStatus::Upheld)
			.map(|c| c.institution)
	}

	fn institution(id: DivisionCode) -> Option<InstitutionRecord<T::AccountId>> {
		Institutions::<T>::get(id)
	}

	fn responsible_institution(id: DivisionCode) -> DivisionCode {
		// Q17: follow the takeover chain; each hop strictly encloses the previous one.
		let mut current = id;
		for _ in 0..MAX_TAKEOVER_HOPS {
			match Institutions::<T>::get(current).and_then(|i| i.taken_over_by) {
				Some(next) => current = next,
				None => break,
			}
		}
		current
	}

	fn ensure_operator(who: &T::AccountId, id: DivisionCode) -> Result<(), AccessError> {
		let responsible = Self::responsible_institution(id);
		let inst = Institutions::<T>::get(responsible).ok_or(AccessError::UnknownInstitution)?;
		if inst.status != InstitutionStatus::Active {
			return Err(AccessError::InstitutionNotActive);
		}
		if !Operators::<T>::contains_key(responsible, who) {
			return Err(AccessError::NotOperator);
		}
		Ok(())
	}

	fn subject(uscc: &Uscc) -> Option<SubjectInfo> {
		Subjects::<T>::get(uscc).map(|s| SubjectInfo {
			name: s.name,
			division: s.division,
			admitted_by: s.admitted_by,
		})
	}

	fn may_act_for(who: &T::AccountId, subject: &Uscc, scope: AgentScope, today: DayIndex) -> bool {
		if SubjectOf::<T>::get(who).as_ref() == Some(subject) {
			return true;
		}
		// YX-R §18(六): an agent acts within its power's scope and term, while still real-name;
		// YX-R §28: one holding it through a service institution, while that institution is
		// active and the agent still its account.
		PowersOfAttorney::<T>::get(subject, who).is_some_and(|p| {
			p.allows(scope, today)
				&& p.service_institution.is_none_or(|s| {
					ServiceAccountOf::<T>::get(who) == Some(s)
						&& ServiceInstitutions::<T>::get(s)
							.is_some_and(|r| r.status == ServiceInstitutionStatus::Active)
				})
		}) && Persons::<T>::contains_key(who)
	}

	fn is_real_name(who: &T::AccountId) -> bool {
		Persons::<T>::contains_key(who)
	}

	fn is_participant(who: &T::AccountId) -> bool {
		Self::is_participant_account(who)
	}
}
