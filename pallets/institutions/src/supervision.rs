//! Supervision (YX-R §25): complaints about registration institutions' registration acts —
//! received, referred, decided; third-party service institutions (YX-R §11, §28) registered by
//! the data authority, suspended or removed with the §28 ground.

use crate::{
	pallet::*,
	types::{
		Actor, Complainant, Complaint, ComplaintDecision, ComplaintId, ComplaintOf,
		ComplaintOutcome, ComplaintReferral, ComplaintReferralRecord, ComplaintStatus,
		ServiceAccounts, ServiceDecision, ServiceInstitution, ServiceInstitutionStatus,
		ServiceMisconduct,
	},
};
use dengji_primitives::{traits::Clock, BoundedName, Digest, DivisionCode, Uscc};
use frame_support::{pallet_prelude::*, traits::EnsureOrigin};
use frame_system::pallet_prelude::*;

/// Most undecided complaints one real-name account may have lodged at a time (spam
/// containment; YX-R §25 sets no number, so the bound is on open complaints only: a decided one
/// frees its place). Authority-recorded complaints are not counted.
pub const MAX_OPEN_COMPLAINTS: u32 = 16;

impl<T: Config> Pallet<T> {
	/// The data authority supervising `institution` (YX-R §25): the province authority for
	/// every institution, a city authority for the institutions within its city (the city's
	/// own and its counties'), a county authority for its county's.
	pub(crate) fn ensure_supervisor(
		origin: OriginFor<T>,
		institution: &DivisionCode,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Actor::Province),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		Self::authority_account_supervises(who, institution)?
			.ok_or_else(|| Error::<T>::NotDataAuthority.into())
	}

	/// `Some(actor)` if `who` is a city or county authority supervising `institution`, an error
	/// if it is an authority for another area, `None` if it is no authority.
	fn authority_account_supervises(
		who: T::AccountId,
		institution: &DivisionCode,
	) -> Result<Option<Actor<T::AccountId>>, DispatchError> {
		if let Some(county) = CountyAuthorities::<T>::get(&who) {
			ensure!(*institution == county, Error::<T>::OutsideCountyAuthority);
			return Ok(Some(Actor::County(who, county)));
		}
		if let Some(city) = CityAuthorities::<T>::get(&who) {
			ensure!(institution.is_within(&city), Error::<T>::OutsideCityAuthority);
			return Ok(Some(Actor::City(who, city)));
		}
		Ok(None)
	}

	/// Who brings a complaint (YX-R §25(二) 投诉举报; YX-R §22 实名): a supervising data
	/// authority records it; anyone else must be a real-name participant.
	pub(crate) fn ensure_complainant(
		origin: OriginFor<T>,
		institution: &DivisionCode,
	) -> Result<Complainant<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Complainant::Authority(None)),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		if let Some(actor) = Self::authority_account_supervises(who.clone(), institution)? {
			return Ok(Complainant::Authority(actor.account()));
		}
		ensure!(
			Persons::<T>::contains_key(&who) || SubjectOf::<T>::contains_key(&who),
			Error::<T>::ComplainantNotRealName
		);
		Ok(Complainant::RealName(who))
	}

	/// [`Pallet::lodge_complaint`].
	pub(crate) fn do_lodge_complaint(
		complainant: Complainant<T::AccountId>,
		institution: DivisionCode,
		content: Digest,
	) -> DispatchResult {
		ensure!(Institutions::<T>::contains_key(institution), Error::<T>::InstitutionNotFound);
		if let Complainant::RealName(who) = &complainant {
			let open = OpenComplaints::<T>::get(who).unwrap_or(0);
			ensure!(open < MAX_OPEN_COMPLAINTS, Error::<T>::TooManyOpenComplaints);
			OpenComplaints::<T>::insert(who, open.saturating_add(1));
		}
		let id = NextComplaintId::<T>::get();
		let next = id.checked_add(1).ok_or(sp_runtime::ArithmeticError::Overflow)?;
		let at = T::Clock::now();
		Complaints::<T>::insert(
			id,
			Complaint {
				institution,
				complainant: complainant.clone(),
				content,
				received_at: at,
				referral: None,
				decision: None,
			},
		);
		InstitutionComplaints::<T>::insert(institution, id, ComplaintStatus::Received);
		NextComplaintId::<T>::put(next);
		Self::deposit_event(Event::ComplaintReceived { id, institution, complainant, content, at });
		Ok(())
	}

	/// [`Pallet::refer_complaint`].
	pub(crate) fn do_refer_complaint(
		actor: Actor<T::AccountId>,
		id: ComplaintId,
		mut complaint: ComplaintOf<T>,
		to: ComplaintReferral,
	) -> DispatchResult {
		ensure!(complaint.decision.is_none(), Error::<T>::ComplaintAlreadyDecided);
		ensure!(complaint.referral.is_none(), Error::<T>::ComplaintAlreadyReferred);
		let at = T::Clock::now();
		let by = actor.account();
		complaint.referral = Some(ComplaintReferralRecord { to, at, by: by.clone() });
		let institution = complaint.institution;
		InstitutionComplaints::<T>::insert(institution, id, complaint.status());
		Complaints::<T>::insert(id, complaint);
		Self::deposit_event(Event::ComplaintReferred { id, institution, to, at, by });
		Ok(())
	}

	/// [`Pallet::decide_complaint`]: final; frees the real-name complainant's open place.
	pub(crate) fn do_decide_complaint(
		actor: Actor<T::AccountId>,
		id: ComplaintId,
		mut complaint: ComplaintOf<T>,
		outcome: ComplaintOutcome,
		decision: Digest,
	) -> DispatchResult {
		ensure!(complaint.decision.is_none(), Error::<T>::ComplaintAlreadyDecided);
		let at = T::Clock::now();
		let by = actor.account();
		complaint.decision = Some(ComplaintDecision { outcome, decision, at, by: by.clone() });
		if let Some(who) = complaint.real_name_complainant() {
			OpenComplaints::<T>::mutate_exists(who, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
			});
		}
		let institution = complaint.institution;
		InstitutionComplaints::<T>::insert(institution, id, complaint.status());
		Complaints::<T>::insert(id, complaint);
		Self::deposit_event(Event::ComplaintDecided { id, institution, outcome, decision, at, by });
		Ok(())
	}

	/// The data authority registering and supervising service institutions (YX-R §11, §28):
	/// the province authority, or a city authority (its city).
	pub(crate) fn ensure_service_authority(
		origin: OriginFor<T>,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Actor::Province),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		let city = CityAuthorities::<T>::get(&who).ok_or(Error::<T>::NotCityAuthority)?;
		Ok(Actor::City(who, city))
	}

	/// [`Pallet::register_service_institution`] (YX-R §11, §28).
	pub(crate) fn do_register_service_institution(
		actor: Actor<T::AccountId>,
		uscc: Uscc,
		name: BoundedName,
		accounts: ServiceAccounts<T::AccountId>,
	) -> DispatchResult {
		ensure!(uscc.is_valid(), Error::<T>::InvalidUscc);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(
			!ServiceInstitutions::<T>::contains_key(uscc),
			Error::<T>::ServiceInstitutionExists
		);
		ensure!(!accounts.is_empty(), Error::<T>::NoServiceAccounts);
		for a in accounts.iter() {
			// Also catches duplicates inside `accounts`: the call is transactional.
			ensure!(
				!ServiceAccountOf::<T>::contains_key(a),
				Error::<T>::AccountAlreadyServiceInstitution
			);
			ServiceAccountOf::<T>::insert(a, uscc);
		}
		let authority = match &actor {
			Actor::City(_, city) => Some(*city),
			_ => None,
		};
		ServiceInstitutions::<T>::insert(
			uscc,
			ServiceInstitution {
				name,
				accounts,
				status: ServiceInstitutionStatus::Active,
				authority,
				registered_at: T::Clock::now(),
				last_decision: None,
			},
		);
		Self::deposit_event(Event::ServiceInstitutionRegistered {
			uscc,
			authority,
			by: actor.account(),
		});
		Ok(())
	}

	/// Suspension, reinstatement and removal of a service institution (YX-R §28):
	/// `Active ⇄ Suspended`, either `→ Removed` (final; its accounts are released).
	pub(crate) fn do_set_service_status(
		actor: Actor<T::AccountId>,
		uscc: Uscc,
		to: ServiceInstitutionStatus,
		ground: Option<ServiceMisconduct>,
		decision: Digest,
	) -> DispatchResult {
		use ServiceInstitutionStatus::*;
		let mut rec =
			ServiceInstitutions::<T>::get(uscc).ok_or(Error::<T>::ServiceInstitutionNotFound)?;
		if let Actor::City(_, city) = &actor {
			ensure!(rec.authority == Some(*city), Error::<T>::OutsideServiceAuthority);
		}
		match (rec.status, to) {
			(Removed, _) => return Err(Error::<T>::ServiceInstitutionRemoved.into()),
			(Active, Suspended) | (Suspended, Active) | (_, Removed) => {}
			(_, Active) => return Err(Error::<T>::ServiceInstitutionNotSuspended.into()),
			_ => return Err(Error::<T>::ServiceInstitutionNotActive.into()),
		}
		rec.status = to;
		rec.last_decision = Some(ServiceDecision { ground, decision, at: T::Clock::now() });
		if to == Removed {
			for a in rec.accounts.iter() {
				ServiceAccountOf::<T>::remove(a);
			}
		}
		ServiceInstitutions::<T>::insert(uscc, rec);
		Self::deposit_event(match to {
			Active => Event::ServiceInstitutionReinstated { uscc },
			Suspended => Event::ServiceInstitutionSuspended { uscc, ground, decision },
			Removed => Event::ServiceInstitutionRemoved { uscc, ground, decision },
		});
		Ok(())
	}
}
