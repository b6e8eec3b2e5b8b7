//! `try_state` invariants: reverse maps consistent, counters exact, providers held, bounds kept.
//! One check per storage item (or pair of maps), run in this order by [`Pallet::do_try_state`].

use crate::{
	pallet::*,
	types::{is_county, SanctionMeasure},
};
use dengji_primitives::{
	institution::{InstitutionStatus, MAX_RETIRED_KEYS},
	DivisionCode, DivisionLevel,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::try_state_institutions()?;
		Self::try_state_filings()?;
		Self::try_state_operators()?;
		Self::try_state_validators()?;
		Self::try_state_peer_ids()?;
		Self::try_state_subjects()?;
		Self::try_state_agents()?;
		Self::try_state_sanctions()?;
		Self::try_state_county_authorities()?;
		Self::try_state_complaints()?;
		Self::try_state_service_institutions()?;
		Self::try_state_providers()
	}

	/// `Filings`: every filing belongs to an institution (YN-D §45 ¶2, YX-R §7 ¶2); the filings
	/// of the institutions themselves are checked with them.
	fn try_state_filings() -> Result<(), TryRuntimeError> {
		for division in Filings::<T>::iter_keys() {
			ensure!(Institutions::<T>::contains_key(division), "filing of no institution");
		}
		Ok(())
	}

	/// `Institutions` and `InstitutionCount`: each record sits under its own division, keeps its
	/// retired keys apart from the current one, is filed only if a county, is taken over only
	/// when disqualified and by an enclosing division, is pointed back to by its validator and
	/// peer id (none once disqualified), and counts its operators exactly within the bound.
	fn try_state_institutions() -> Result<(), TryRuntimeError> {
		let mut institutions = 0u32;
		for (division, inst) in Institutions::<T>::iter() {
			institutions = institutions.saturating_add(1);
			ensure!(inst.division == division, "record division differs from its key");
			ensure!(inst.retired_keys.len() <= MAX_RETIRED_KEYS as usize, "too many retired keys");
			ensure!(
				!inst.retired_keys.contains(&inst.signing_key),
				"current signing key is also retired"
			);
			ensure!(
				inst.sm2_key.is_none_or(|k| !inst.retired_sm2_keys.contains(&k)),
				"current SM2 key is also retired"
			);
			ensure!(
				inst.sm2_key.is_some() || inst.retired_sm2_keys.is_empty(),
				"retired SM2 keys without a current one"
			);
			ensure!(inst.filed_at.is_some() == is_county(&division), "filing only for counties");
			// YX-R §7 ¶2, YN-D §45 ¶2: a county institution's filing is recorded with its time;
			// a city institution may have one (determined by its city authority); a province
			// institution has none.
			match (Filings::<T>::get(division), division.level()) {
				(Some(f), DivisionLevel::County) => {
					ensure!(Some(f.at) == inst.filed_at, "county filing time differs");
					ensure!(division.parent() == Some(f.filed_with), "county filed elsewhere");
				}
				(None, DivisionLevel::County) => {
					return Err("county institution without filing".into())
				}
				(Some(f), DivisionLevel::City) => {
					ensure!(division.parent() == Some(f.filed_with), "city filed elsewhere");
				}
				(Some(_), DivisionLevel::Province) => {
					return Err("province institution filed".into())
				}
				(None, _) => {}
			}
			if let Some(to) = inst.taken_over_by {
				ensure!(
					inst.status == InstitutionStatus::Disqualified,
					"cases taken over from a qualified institution"
				);
				ensure!(division.is_within(&to) && to != division, "takeover outside division");
			}
			if let Some(v) = &inst.validator {
				ensure!(ValidatorOf::<T>::get(v) == Some(division), "validator reverse map");
			}
			if let Some(p) = &inst.peer_id {
				ensure!(PeerIdOf::<T>::get(p) == Some(division), "peer id reverse map");
			}
			if inst.status == InstitutionStatus::Disqualified {
				ensure!(inst.validator.is_none(), "disqualified institution keeps a validator");
				ensure!(inst.peer_id.is_none(), "disqualified institution keeps a peer id");
			}
			let ops = Operators::<T>::iter_prefix(division).count();
			ensure!(ops as u32 == OperatorCount::<T>::get(division), "operator count");
			ensure!(ops as u32 <= T::MaxOperators::get(), "too many operators");
		}
		ensure!(institutions == InstitutionCount::<T>::get(), "institution count");
		ensure!(institutions <= T::MaxInstitutions::get(), "too many institutions");
		Ok(())
	}

	/// `OperatorOf` and `Operators` mirror each other.
	fn try_state_operators() -> Result<(), TryRuntimeError> {
		for (who, division) in OperatorOf::<T>::iter() {
			ensure!(Operators::<T>::contains_key(division, &who), "operator reverse map");
		}
		for (division, who, ()) in Operators::<T>::iter() {
			ensure!(OperatorOf::<T>::get(&who) == Some(division), "operator forward map");
		}
		Ok(())
	}

	/// `ValidatorOf` points to the institution whose validator the account is.
	fn try_state_validators() -> Result<(), TryRuntimeError> {
		for (who, division) in ValidatorOf::<T>::iter() {
			let v = Institutions::<T>::get(division).and_then(|i| i.validator);
			ensure!(v.as_ref() == Some(&who), "validator forward map");
		}
		Ok(())
	}

	/// `PeerIdOf` points to the institution whose node the peer id is.
	fn try_state_peer_ids() -> Result<(), TryRuntimeError> {
		for (peer, division) in PeerIdOf::<T>::iter() {
			let p = Institutions::<T>::get(division).and_then(|i| i.peer_id);
			ensure!(p.as_ref() == Some(&peer), "peer id forward map");
		}
		Ok(())
	}

	/// `Subjects` and `SubjectOf`: valid USCCs seated within their admitter's division, and
	/// subject accounts mirrored both ways.
	fn try_state_subjects() -> Result<(), TryRuntimeError> {
		for (uscc, subject) in Subjects::<T>::iter() {
			ensure!(uscc.is_valid(), "invalid USCC stored");
			ensure!(subject.division.is_within(&subject.admitted_by), "subject outside admitter");
			for a in subject.accounts.iter() {
				ensure!(SubjectOf::<T>::get(a) == Some(uscc), "subject account reverse map");
			}
		}
		for (who, uscc) in SubjectOf::<T>::iter() {
			let s = Subjects::<T>::get(uscc).ok_or("subject account of unknown subject")?;
			ensure!(s.accounts.contains(&who), "subject account forward map");
		}
		Ok(())
	}

	/// `AgentCount` counts `PowersOfAttorney` exactly within the bound; every power of attorney
	/// is granted by a known subject.
	fn try_state_agents() -> Result<(), TryRuntimeError> {
		for (subject, count) in AgentCount::<T>::iter() {
			let n = PowersOfAttorney::<T>::iter_prefix(subject).count();
			ensure!(n as u32 == count, "agent count");
			ensure!(count <= T::MaxAgentsPerSubject::get(), "too many agents");
		}
		for (subject, _, _) in PowersOfAttorney::<T>::iter() {
			ensure!(Subjects::<T>::contains_key(subject), "power of attorney of unknown subject");
		}
		Ok(())
	}

	/// `Sanctions` and `SanctionCount` (YX-R §26): each institution's records are numbered
	/// 0..count with none missing, belong to a known institution, and a disqualification record
	/// means the institution is disqualified.
	fn try_state_sanctions() -> Result<(), TryRuntimeError> {
		for (division, count) in SanctionCount::<T>::iter() {
			let inst = Institutions::<T>::get(division).ok_or("sanction of unknown institution")?;
			let n = Sanctions::<T>::iter_prefix(division).count();
			ensure!(n as u32 == count, "sanction count");
			for i in 0..count {
				let rec = Sanctions::<T>::get(division, i).ok_or("sanction index missing")?;
				if rec.measure == SanctionMeasure::Disqualification {
					ensure!(
						inst.status == InstitutionStatus::Disqualified,
						"disqualification record on a qualified institution"
					);
				}
			}
		}
		for (division, _, _) in Sanctions::<T>::iter() {
			ensure!(SanctionCount::<T>::get(division) > 0, "sanction without a count");
		}
		Ok(())
	}

	/// `CountyAuthorities` and `CountyAuthorityCount` (YX-R §7 ¶2): counties only, counted
	/// exactly (no zero entries), and no account is both a city and a county authority.
	fn try_state_county_authorities() -> Result<(), TryRuntimeError> {
		let mut counts = alloc::collections::BTreeMap::<DivisionCode, u32>::new();
		for (who, county) in CountyAuthorities::<T>::iter() {
			ensure!(is_county(&county), "county authority for a non-county division");
			ensure!(!CityAuthorities::<T>::contains_key(&who), "city and county authority");
			let n = counts.entry(county).or_insert(0);
			*n = n.saturating_add(1);
		}
		for (county, n) in CountyAuthorityCount::<T>::iter() {
			ensure!(n > 0 && counts.get(&county) == Some(&n), "county authority count");
		}
		ensure!(
			counts.len() == CountyAuthorityCount::<T>::iter_keys().count(),
			"county authority count missing"
		);
		Ok(())
	}

	/// `Complaints`, `NextComplaintId`, `InstitutionComplaints` and `OpenComplaints` (YX-R §25):
	/// numbers below the next number, each complaint about a known institution and listed
	/// under it with its current status (and nothing else listed), its steps in time order,
	/// and each real-name account's undecided complaints counted exactly within the bound.
	fn try_state_complaints() -> Result<(), TryRuntimeError> {
		let next = NextComplaintId::<T>::get();
		let mut open = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
		let mut complaints = 0u32;
		for (id, c) in Complaints::<T>::iter() {
			complaints = complaints.saturating_add(1);
			ensure!(id < next, "complaint number not below the next number");
			ensure!(
				Institutions::<T>::contains_key(c.institution),
				"complaint of unknown institution"
			);
			ensure!(
				InstitutionComplaints::<T>::get(c.institution, id) == Some(c.status()),
				"complaint not listed under its institution with its status"
			);
			if let Some(r) = &c.referral {
				ensure!(r.at >= c.received_at, "complaint referred before it was received");
			}
			if let Some(d) = &c.decision {
				ensure!(d.at >= c.received_at, "complaint decided before it was received");
				ensure!(
					c.referral.as_ref().is_none_or(|r| d.at >= r.at),
					"complaint decided before it was referred"
				);
			} else if let Some(who) = c.real_name_complainant() {
				let n = open.entry(who.clone()).or_insert(0);
				*n = n.saturating_add(1);
			}
		}
		ensure!(complaints == next, "complaint numbers missing");
		for (division, id, _) in InstitutionComplaints::<T>::iter() {
			ensure!(
				Complaints::<T>::get(id).is_some_and(|c| c.institution == division),
				"complaint listed under another institution"
			);
		}
		for (who, n) in OpenComplaints::<T>::iter() {
			ensure!(n > 0 && open.get(&who) == Some(&n), "open complaint count");
			ensure!(n <= crate::MAX_OPEN_COMPLAINTS, "too many open complaints");
		}
		ensure!(
			open.len() == OpenComplaints::<T>::iter_keys().count(),
			"open complaint count missing"
		);
		Ok(())
	}

	/// `ServiceInstitutions` and `ServiceAccountOf` (YX-R §28): valid USCCs with accounts, each
	/// account of an active or suspended institution mapped back to it (none of a removed
	/// one), and every power of attorney held through a service institution names a
	/// registered one.
	fn try_state_service_institutions() -> Result<(), TryRuntimeError> {
		use crate::types::ServiceInstitutionStatus;
		for (uscc, rec) in ServiceInstitutions::<T>::iter() {
			ensure!(uscc.is_valid(), "invalid service institution USCC stored");
			ensure!(!rec.accounts.is_empty(), "service institution without accounts");
			if let Some(city) = rec.authority {
				ensure!(
					city.level() == dengji_primitives::DivisionLevel::City,
					"service institution registered by a non-city authority"
				);
			}
			let mapped = rec.status != ServiceInstitutionStatus::Removed;
			for a in rec.accounts.iter() {
				ensure!(
					(ServiceAccountOf::<T>::get(a) == Some(uscc)) == mapped,
					"service account reverse map"
				);
			}
		}
		for (who, uscc) in ServiceAccountOf::<T>::iter() {
			let rec = ServiceInstitutions::<T>::get(uscc)
				.ok_or("service account of unknown service institution")?;
			ensure!(rec.accounts.contains(&who), "service account forward map");
		}
		for (_, _, p) in PowersOfAttorney::<T>::iter() {
			if let Some(s) = p.service_institution {
				ensure!(
					ServiceInstitutions::<T>::contains_key(s),
					"power of attorney through an unknown service institution"
				);
			}
		}
		Ok(())
	}

	/// Every role holds one provider reference: an account's providers cover its roles.
	fn try_state_providers() -> Result<(), TryRuntimeError> {
		let mut roles = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
		let accounts = OperatorOf::<T>::iter_keys()
			.chain(ValidatorOf::<T>::iter_keys())
			.chain(SubjectOf::<T>::iter_keys())
			.chain(Persons::<T>::iter_keys())
			.chain(CityAuthorities::<T>::iter_keys())
			.chain(CountyAuthorities::<T>::iter_keys());
		for who in accounts {
			let n = roles.entry(who).or_insert(0);
			*n = n.saturating_add(1);
		}
		for (who, n) in roles {
			ensure!(
				frame_system::Pallet::<T>::providers(&who) >= n,
				"role account without a provider reference"
			);
		}
		Ok(())
	}
}
