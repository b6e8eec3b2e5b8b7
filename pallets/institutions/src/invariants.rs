//! `try_state` invariants: reverse maps consistent, counters exact, providers held, bounds kept.

use crate::{pallet::*, types::is_county};
use dengji_primitives::institution::{InstitutionStatus, MAX_RETIRED_KEYS};
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut institutions = 0u32;
		for (division, inst) in Institutions::<T>::iter() {
			institutions = institutions.saturating_add(1);
			ensure!(inst.division == division, "record division differs from its key");
			ensure!(inst.retired_keys.len() <= MAX_RETIRED_KEYS as usize, "too many retired keys");
			ensure!(
				!inst.retired_keys.contains(&inst.signing_key),
				"current signing key is also retired"
			);
			ensure!(inst.filed_at.is_some() == is_county(&division), "filing only for counties");
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
		for (who, division) in OperatorOf::<T>::iter() {
			ensure!(Operators::<T>::contains_key(division, &who), "operator reverse map");
		}
		for (division, who, ()) in Operators::<T>::iter() {
			ensure!(OperatorOf::<T>::get(&who) == Some(division), "operator forward map");
		}
		for (who, division) in ValidatorOf::<T>::iter() {
			let v = Institutions::<T>::get(division).and_then(|i| i.validator);
			ensure!(v.as_ref() == Some(&who), "validator forward map");
		}
		for (peer, division) in PeerIdOf::<T>::iter() {
			let p = Institutions::<T>::get(division).and_then(|i| i.peer_id);
			ensure!(p.as_ref() == Some(&peer), "peer id forward map");
		}
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
		for (subject, count) in AgentCount::<T>::iter() {
			let n = PowersOfAttorney::<T>::iter_prefix(subject).count();
			ensure!(n as u32 == count, "agent count");
			ensure!(count <= T::MaxAgentsPerSubject::get(), "too many agents");
		}
		for (subject, _, _) in PowersOfAttorney::<T>::iter() {
			ensure!(Subjects::<T>::contains_key(subject), "power of attorney of unknown subject");
		}
		// Every role holds one provider reference: an account's providers cover its roles.
		let mut roles = alloc::collections::BTreeMap::<T::AccountId, u32>::new();
		let accounts = OperatorOf::<T>::iter_keys()
			.chain(ValidatorOf::<T>::iter_keys())
			.chain(SubjectOf::<T>::iter_keys())
			.chain(Persons::<T>::iter_keys())
			.chain(CityAuthorities::<T>::iter_keys());
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
