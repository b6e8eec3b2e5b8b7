//! Participants: subjects (Q20), real-name persons (YX-R §22) and agents (YX-R §6, §11, §18(六)).

use crate::{
	pallet::*,
	types::{
		division_is_valid, PersonKind, PersonRecord, PowerOfAttorney, ServiceInstitutionStatus,
		SubjectAccountsOf, SubjectRecordOf,
	},
};
use dengji_primitives::{
	institution::InstitutionStatus,
	traits::{AgentScope, Clock, Directory},
	BoundedName, DayIndex, Digest, DivisionCode, Uscc,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// The institution `who` operates, if it is active.
	pub(crate) fn ensure_active_operator(
		who: &T::AccountId,
	) -> Result<DivisionCode, DispatchError> {
		let division = OperatorOf::<T>::get(who).ok_or(Error::<T>::NotOperator)?;
		let inst = Institutions::<T>::get(division).ok_or(Error::<T>::InstitutionNotFound)?;
		ensure!(inst.status == InstitutionStatus::Active, Error::<T>::InstitutionNotActive);
		Ok(division)
	}

	/// Subject accounts are managed by an active institution whose division contains the
	/// subject's seat (docs/spec/DESIGN.md §5 jurisdiction; the city institution covers its counties).
	fn ensure_subject_operator(
		who: &T::AccountId,
		uscc: &Uscc,
	) -> Result<SubjectRecordOf<T>, DispatchError> {
		let institution = Self::ensure_active_operator(who)?;
		let subject = Subjects::<T>::get(uscc).ok_or(Error::<T>::SubjectNotFound)?;
		ensure!(subject.division.is_within(&institution), Error::<T>::OutsideJurisdiction);
		Ok(subject)
	}

	/// Stores a subject and its account reverse lookups (shared by the call and genesis).
	pub(crate) fn insert_subject(
		uscc: Uscc,
		name: BoundedName,
		division: DivisionCode,
		admitted_by: DivisionCode,
		accounts: &[T::AccountId],
	) -> DispatchResult {
		ensure!(uscc.is_valid(), Error::<T>::InvalidUscc);
		ensure!(division_is_valid(&division), Error::<T>::InvalidDivision);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(Institutions::<T>::contains_key(admitted_by), Error::<T>::InstitutionNotFound);
		// docs/spec/DESIGN.md §5, Q16: an institution admits subjects seated within its division.
		ensure!(division.is_within(&admitted_by), Error::<T>::OutsideJurisdiction);
		ensure!(!Subjects::<T>::contains_key(uscc), Error::<T>::SubjectExists);
		ensure!(!accounts.is_empty(), Error::<T>::NoSubjectAccounts);
		let bounded = SubjectAccountsOf::<T>::try_from(accounts.to_vec())
			.map_err(|_| Error::<T>::TooManySubjectAccounts)?;
		for a in accounts {
			// Also catches duplicates inside `accounts`: the call is transactional.
			ensure!(!SubjectOf::<T>::contains_key(a), Error::<T>::AccountAlreadySubject);
			SubjectOf::<T>::insert(a, uscc);
		}
		for a in accounts {
			Self::hold_account(a);
		}
		Subjects::<T>::insert(
			uscc,
			SubjectRecordOf::<T> {
				name,
				division,
				admitted_by,
				admitted_at: T::Clock::now(),
				accounts: bounded,
			},
		);
		Self::deposit_event(Event::SubjectAdmitted { uscc, division, admitted_by });
		Ok(())
	}

	pub(crate) fn do_admit_subject(
		who: T::AccountId,
		uscc: Uscc,
		name: BoundedName,
		division: DivisionCode,
		accounts: SubjectAccountsOf<T>,
	) -> DispatchResult {
		let institution = Self::ensure_active_operator(&who)?;
		Self::insert_subject(uscc, name, division, institution, &accounts)
	}

	pub(crate) fn do_add_subject_account(
		who: T::AccountId,
		uscc: Uscc,
		account: T::AccountId,
	) -> DispatchResult {
		let mut subject = Self::ensure_subject_operator(&who, &uscc)?;
		ensure!(!SubjectOf::<T>::contains_key(&account), Error::<T>::AccountAlreadySubject);
		subject
			.accounts
			.try_push(account.clone())
			.map_err(|_| Error::<T>::TooManySubjectAccounts)?;
		Subjects::<T>::insert(uscc, subject);
		SubjectOf::<T>::insert(&account, uscc);
		Self::hold_account(&account);
		Self::deposit_event(Event::SubjectAccountAdded { uscc, who: account });
		Ok(())
	}

	pub(crate) fn do_remove_subject_account(
		who: T::AccountId,
		uscc: Uscc,
		account: T::AccountId,
	) -> DispatchResult {
		let mut subject = Self::ensure_subject_operator(&who, &uscc)?;
		let pos = subject
			.accounts
			.iter()
			.position(|a| a == &account)
			.ok_or(Error::<T>::NotSubjectAccount)?;
		subject.accounts.remove(pos);
		Subjects::<T>::insert(uscc, subject);
		SubjectOf::<T>::remove(&account);
		Self::release_account(&account);
		Self::deposit_event(Event::SubjectAccountRemoved { uscc, who: account });
		Ok(())
	}

	/// Stores a real-name record (shared by the call and genesis).
	pub(crate) fn insert_person(
		account: T::AccountId,
		identity_digest: Digest,
		verified_by: DivisionCode,
		kind: PersonKind,
	) -> DispatchResult {
		ensure!(!Persons::<T>::contains_key(&account), Error::<T>::AlreadyRealName);
		ensure!(Institutions::<T>::contains_key(verified_by), Error::<T>::InstitutionNotFound);
		Persons::<T>::insert(&account, PersonRecord { identity_digest, verified_by, kind });
		Self::hold_account(&account);
		Self::deposit_event(Event::RealNameRecorded { who: account, verified_by, kind });
		Ok(())
	}

	pub(crate) fn do_record_real_name(
		who: T::AccountId,
		account: T::AccountId,
		identity_digest: Digest,
		kind: PersonKind,
	) -> DispatchResult {
		// YX-R §22: objectors are real-name; the verifying institution keeps the identity data.
		let institution = Self::ensure_active_operator(&who)?;
		Self::insert_person(account, identity_digest, institution, kind)
	}

	pub(crate) fn do_revoke_real_name(who: T::AccountId, account: T::AccountId) -> DispatchResult {
		let institution = Self::ensure_active_operator(&who)?;
		let record = Persons::<T>::get(&account).ok_or(Error::<T>::NotRealName)?;
		ensure!(
			record.verified_by.is_within(&institution)
				|| Self::responsible_institution(record.verified_by) == institution,
			Error::<T>::OutsideJurisdiction
		);
		Persons::<T>::remove(&account);
		Self::release_account(&account);
		Self::deposit_event(Event::RealNameRevoked { who: account });
		Ok(())
	}

	fn ensure_subject_account(who: &T::AccountId, subject: &Uscc) -> DispatchResult {
		ensure!(Subjects::<T>::contains_key(subject), Error::<T>::SubjectNotFound);
		ensure!(SubjectOf::<T>::get(who).as_ref() == Some(subject), Error::<T>::NotSubjectAccount);
		Ok(())
	}

	pub(crate) fn do_grant_power_of_attorney(
		who: T::AccountId,
		subject: Uscc,
		agent: T::AccountId,
		scope: AgentScope,
		expires_on: DayIndex,
		document: Digest,
	) -> DispatchResult {
		Self::ensure_subject_account(&who, &subject)?;
		// YX-R §18(六) with §22: the agent is an identified (real-name) participant.
		ensure!(Persons::<T>::contains_key(&agent), Error::<T>::AgentNotRealName);
		ensure!(expires_on >= T::Clock::today(), Error::<T>::ExpiryInPast);
		// YX-R §28 (with §11): an agent acting for subjects as a business is a registered
		// third-party service institution's account and holds the power through it.
		let service_institution = ServiceAccountOf::<T>::get(&agent);
		if let Some(s) = service_institution {
			ensure!(
				ServiceInstitutions::<T>::get(s)
					.is_some_and(|r| r.status == ServiceInstitutionStatus::Active),
				Error::<T>::ServiceInstitutionNotActive
			);
		}
		if !PowersOfAttorney::<T>::contains_key(subject, &agent) {
			let count = AgentCount::<T>::get(subject);
			ensure!(count < T::MaxAgentsPerSubject::get(), Error::<T>::TooManyAgents);
			AgentCount::<T>::insert(subject, count.saturating_add(1));
		}
		PowersOfAttorney::<T>::insert(
			subject,
			&agent,
			PowerOfAttorney { scope, expires_on, document, service_institution },
		);
		Self::deposit_event(Event::PowerOfAttorneyGranted {
			subject,
			agent: agent.clone(),
			scope,
			expires_on,
		});
		if let Some(service_institution) = service_institution {
			Self::deposit_event(Event::PowerOfAttorneyThroughServiceInstitution {
				subject,
				agent,
				service_institution,
			});
		}
		Ok(())
	}

	pub(crate) fn do_revoke_power_of_attorney(
		who: T::AccountId,
		subject: Uscc,
		agent: T::AccountId,
	) -> DispatchResult {
		Self::ensure_subject_account(&who, &subject)?;
		ensure!(
			PowersOfAttorney::<T>::contains_key(subject, &agent),
			Error::<T>::PowerOfAttorneyNotFound
		);
		PowersOfAttorney::<T>::remove(subject, &agent);
		AgentCount::<T>::mutate(subject, |c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::PowerOfAttorneyRevoked { subject, agent });
		Ok(())
	}
}
