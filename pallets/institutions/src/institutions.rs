//! Institutions, filing, sanctions, operators, keys, validators and node PeerIds (YX-R §7, §26; Q17).

use crate::{
	pallet::*,
	types::{
		can_transition, division_is_valid, is_county, Actor, Filing, InstitutionOf, PeerId,
		SanctionGround, SanctionMeasure, SanctionRecord,
	},
	NodeAllowList,
};
use dengji_primitives::{
	institution::InstitutionStatus, traits::Clock, BoundedName, Digest, DivisionCode,
	DivisionLevel, Ed25519Public, Moment, Sm2Public,
};
use frame_support::{pallet_prelude::*, traits::EnsureOrigin};
use frame_system::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Who may act on `division`: the province authority on every institution, a city authority on
	/// the county institutions of its city (YX-R §7 ¶2; docs/spec/DESIGN.md §3 governance).
	pub(crate) fn ensure_actor(
		origin: OriginFor<T>,
		division: &DivisionCode,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Actor::Province),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		let city = CityAuthorities::<T>::get(&who).ok_or(Error::<T>::NotCityAuthority)?;
		ensure!(
			is_county(division) && division.parent() == Some(city),
			Error::<T>::OutsideCityAuthority
		);
		Ok(Actor::City(who, city))
	}

	/// [`Self::ensure_actor`], and also a county data authority on its own county's institution:
	/// it determines and files it (YX-R §7 ¶2) and, as the same-level authority, sanctions it
	/// (YN-D §63). Used by filing and the sanction calls only; keys, operators, validators and
	/// nodes stay with the city and province authorities.
	pub(crate) fn ensure_actor_or_county(
		origin: OriginFor<T>,
		division: &DivisionCode,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Actor::Province),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		if let Some(county) = CountyAuthorities::<T>::get(&who) {
			ensure!(*division == county, Error::<T>::OutsideCountyAuthority);
			return Ok(Actor::County(who, county));
		}
		let city = CityAuthorities::<T>::get(&who).ok_or(Error::<T>::NotCityAuthority)?;
		ensure!(
			is_county(division) && division.parent() == Some(city),
			Error::<T>::OutsideCityAuthority
		);
		Ok(Actor::City(who, city))
	}

	/// Who files a county institution (YX-R §7 ¶2 "各县（市、区）数据主管部门确定本级登记机构，报
	/// 市数据主管部门备案"): its county authority; its city authority only while the county has
	/// no authority account; or the province authority.
	pub(crate) fn ensure_county_filer(
		origin: OriginFor<T>,
		division: &DivisionCode,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let actor = Self::ensure_actor_or_county(origin, division)?;
		if matches!(actor, Actor::City(..)) {
			// YX-R §7 ¶2: the county decides.
			ensure!(
				CountyAuthorityCount::<T>::get(division) == 0,
				Error::<T>::CountyAuthorityFiles
			);
		}
		Ok(actor)
	}

	/// Who takes the measures on an institution (sanction, suspension, reinstatement,
	/// disqualification): YN-D §63 "由本级数据主管部门" — the same-level authority. A county
	/// authority on its own county's institution; a city authority on its own city's institution
	/// and on its counties' institutions while the county has no authority account (then the
	/// city is the nearest authority on chain); the province authority (`AuthorityOrigin`) on
	/// every institution (YN-D §45 ¶1: it guides and supervises the province's registration
	/// work, and it is the chain's governance).
	pub(crate) fn ensure_sanctioner(
		origin: OriginFor<T>,
		division: &DivisionCode,
	) -> Result<Actor<T::AccountId>, DispatchError> {
		let origin = match T::AuthorityOrigin::try_origin(origin) {
			Ok(_) => return Ok(Actor::Province),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		if let Some(county) = CountyAuthorities::<T>::get(&who) {
			ensure!(*division == county, Error::<T>::OutsideCountyAuthority);
			return Ok(Actor::County(who, county));
		}
		let city = CityAuthorities::<T>::get(&who).ok_or(Error::<T>::NotCityAuthority)?;
		if *division == city {
			// YN-D §63: its own city's institution.
			return Ok(Actor::City(who, city));
		}
		ensure!(
			is_county(division) && division.parent() == Some(city),
			Error::<T>::OutsideCityAuthority
		);
		ensure!(
			CountyAuthorityCount::<T>::get(division) == 0,
			Error::<T>::CountyAuthoritySanctions
		);
		Ok(Actor::City(who, city))
	}

	/// Gives `who` a provider reference for one more role (no balances pallet: CheckNonce needs the
	/// account to exist).
	pub(crate) fn hold_account(who: &T::AccountId) {
		frame_system::Pallet::<T>::inc_providers(who);
	}

	/// Drops the provider reference of one role. If the account still has consumers (e.g. session
	/// keys), frame-system refuses; the reference then stays (the account keeps existing, which is
	/// harmless) rather than blocking the authority's decision.
	pub(crate) fn release_account(who: &T::AccountId) {
		if frame_system::Pallet::<T>::dec_providers(who).is_err() {
			log::warn!(target: LOG_TARGET, "provider kept: account still has consumers");
		}
		if !Self::is_participant_account(who) {
			TransactionCounts::<T>::remove(who);
		}
	}

	fn insert_institution(
		division: DivisionCode,
		name: BoundedName,
		signing_key: Ed25519Public,
		filed_at: Option<u64>,
	) -> DispatchResult {
		ensure!(division_is_valid(&division), Error::<T>::InvalidDivision);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(!Institutions::<T>::contains_key(division), Error::<T>::InstitutionExists);
		let count = InstitutionCount::<T>::get();
		ensure!(count < T::MaxInstitutions::get(), Error::<T>::TooManyInstitutions);
		Institutions::<T>::insert(
			division,
			InstitutionOf::<T> {
				division,
				name,
				status: InstitutionStatus::Active,
				signing_key,
				retired_keys: Default::default(),
				filed_at,
				taken_over_by: None,
				validator: None,
				peer_id: None,
				sm2_key: None,
				retired_sm2_keys: Default::default(),
			},
		);
		InstitutionCount::<T>::put(count.saturating_add(1));
		Ok(())
	}

	pub(crate) fn do_register_institution(
		division: DivisionCode,
		name: BoundedName,
		signing_key: Ed25519Public,
	) -> DispatchResult {
		ensure!(division_is_valid(&division), Error::<T>::InvalidDivision);
		// YX-R §7 ¶2: county institutions are filed with the city authority instead.
		ensure!(division.level() != DivisionLevel::County, Error::<T>::CountyMustBeFiled);
		Self::insert_institution(division, name, signing_key, None)?;
		Self::deposit_event(Event::InstitutionRegistered { division });
		Ok(())
	}

	pub(crate) fn do_file_county_institution(
		actor: Actor<T::AccountId>,
		division: DivisionCode,
		name: BoundedName,
		signing_key: Ed25519Public,
		reference: Option<Digest>,
	) -> DispatchResult {
		// YX-R §7 ¶2: the county institution is filed (备案) with the city data authority.
		let filed_with = division.parent().ok_or(Error::<T>::InvalidDivision)?;
		let filed_at = T::Clock::now();
		Self::insert_institution(division, name, signing_key, Some(filed_at))?;
		Self::deposit_event(Event::CountyInstitutionFiled {
			division,
			by: actor.account(),
			filed_at,
		});
		if let Actor::County(who, _) = &actor {
			// YX-R §7 ¶2: 报市数据主管部门备案 — filed with the authority of the enclosing city.
			Self::deposit_event(Event::CountyInstitutionDetermined {
				division,
				county_authority: who.clone(),
				filed_with,
			});
		}
		Self::record_filing(division, filed_with, actor.account(), reference, filed_at);
		Ok(())
	}

	/// [`Pallet::file_institution`] of a city institution (YN-D §45 ¶2): the city authority `by`
	/// determines it and files it with the province authority.
	pub(crate) fn do_file_city_institution(
		by: T::AccountId,
		division: DivisionCode,
		name: BoundedName,
		signing_key: Ed25519Public,
		reference: Digest,
	) -> DispatchResult {
		let province = division.parent().ok_or(Error::<T>::InvalidDivision)?;
		let filed_at = T::Clock::now();
		// `InstitutionRecord::filed_at` stays the county filing (the verification client's
		// contract); the city's filing with the province is in `Filings`.
		Self::insert_institution(division, name, signing_key, None)?;
		Self::deposit_event(Event::CityInstitutionFiled { division, by: by.clone() });
		Self::record_filing(division, province, Some(by), Some(reference), filed_at);
		Ok(())
	}

	/// Stores the filing record (kept for ever) and announces it.
	fn record_filing(
		division: DivisionCode,
		filed_with: DivisionCode,
		by: Option<T::AccountId>,
		reference: Option<Digest>,
		at: Moment,
	) {
		Filings::<T>::insert(division, Filing { filed_with, by: by.clone(), reference, at });
		Self::deposit_event(Event::FilingRecorded { division, filed_with, by, reference, at });
	}

	/// Status changes (YX-R §26). Disqualification clears the PeerId and the validator.
	pub(crate) fn do_set_status(division: DivisionCode, to: InstitutionStatus) -> DispatchResult {
		let mut inst = Institutions::<T>::get(division).ok_or(Error::<T>::InstitutionNotFound)?;
		if !can_transition(inst.status, to) {
			return Err(match (inst.status, to) {
				(InstitutionStatus::Disqualified, _) => Error::<T>::InstitutionDisqualified,
				(_, InstitutionStatus::Active) => Error::<T>::InstitutionNotSuspended,
				_ => Error::<T>::InstitutionNotActive,
			}
			.into());
		}
		inst.status = to;
		if to == InstitutionStatus::Disqualified {
			if let Some(peer) = inst.peer_id.take() {
				PeerIdOf::<T>::remove(&peer);
				T::NodeAllowList::peer_removed(division, &peer);
				Self::deposit_event(Event::PeerIdChanged { division, peer_id: None });
			}
			if let Some(v) = inst.validator.take() {
				ValidatorOf::<T>::remove(&v);
				Institutions::<T>::insert(division, &inst);
				Self::release_account(&v);
				Self::deposit_event(Event::ValidatorChanged { division, validator: None });
			}
		}
		Institutions::<T>::insert(division, inst);
		// Any status change moves the institution into or out of the validator set.
		ValidatorSetOutdated::<T>::put(true);
		Self::deposit_event(match to {
			InstitutionStatus::Active => Event::InstitutionReinstated { division },
			InstitutionStatus::Suspended => Event::InstitutionSuspended { division },
			InstitutionStatus::Disqualified => Event::InstitutionDisqualified { division },
		});
		Ok(())
	}

	/// [`Pallet::sanction`] (YX-R §26): applies the measure, then records the decision. Only a
	/// suspension or a disqualification changes the status (through [`Self::do_set_status`]); an
	/// interview (约谈) or on-site guidance (现场指导) leaves a non-disqualified institution as it is.
	pub(crate) fn do_sanction(
		actor: Actor<T::AccountId>,
		division: DivisionCode,
		ground: SanctionGround,
		measure: SanctionMeasure,
		decision: Digest,
	) -> DispatchResult {
		let index = SanctionCount::<T>::get(division);
		let next = index.checked_add(1).ok_or(sp_runtime::ArithmeticError::Overflow)?;
		match measure {
			SanctionMeasure::Interview | SanctionMeasure::OnSiteGuidance => {
				Self::not_disqualified(division)?;
			}
			SanctionMeasure::Suspension => {
				Self::do_set_status(division, InstitutionStatus::Suspended)?
			}
			SanctionMeasure::Disqualification => {
				Self::do_set_status(division, InstitutionStatus::Disqualified)?
			}
		}
		let by = actor.account();
		let record = SanctionRecord { ground, measure, decision, at: T::Clock::now(), by };
		Sanctions::<T>::insert(division, index, &record);
		SanctionCount::<T>::insert(division, next);
		Self::deposit_event(Event::InstitutionSanctioned {
			division,
			index,
			ground,
			measure,
			decision,
			by: record.by,
		});
		Ok(())
	}

	/// Q17: the enclosing institution takes over a disqualified institution's cases.
	pub(crate) fn do_transfer_cases(from: DivisionCode, to: DivisionCode) -> DispatchResult {
		let mut inst = Institutions::<T>::get(from).ok_or(Error::<T>::InstitutionNotFound)?;
		ensure!(
			inst.status == InstitutionStatus::Disqualified,
			Error::<T>::InstitutionNotDisqualified
		);
		ensure!(inst.taken_over_by.is_none(), Error::<T>::CasesAlreadyTransferred);
		ensure!(to != from && from.is_within(&to), Error::<T>::TakeoverOutsideDivision);
		let target = Institutions::<T>::get(to).ok_or(Error::<T>::InstitutionNotFound)?;
		ensure!(target.status == InstitutionStatus::Active, Error::<T>::InstitutionNotActive);
		inst.taken_over_by = Some(to);
		Institutions::<T>::insert(from, inst);
		Self::deposit_event(Event::CasesTransferred { from, to });
		Ok(())
	}

	fn not_disqualified(division: DivisionCode) -> Result<InstitutionOf<T>, DispatchError> {
		let inst = Institutions::<T>::get(division).ok_or(Error::<T>::InstitutionNotFound)?;
		ensure!(
			inst.status != InstitutionStatus::Disqualified,
			Error::<T>::InstitutionDisqualified
		);
		Ok(inst)
	}

	pub(crate) fn do_add_operator(division: DivisionCode, who: T::AccountId) -> DispatchResult {
		Self::not_disqualified(division)?;
		ensure!(!OperatorOf::<T>::contains_key(&who), Error::<T>::AlreadyOperator);
		let count = OperatorCount::<T>::get(division);
		ensure!(count < T::MaxOperators::get(), Error::<T>::TooManyOperators);
		Operators::<T>::insert(division, &who, ());
		OperatorOf::<T>::insert(&who, division);
		OperatorCount::<T>::insert(division, count.saturating_add(1));
		Self::hold_account(&who);
		Self::deposit_event(Event::OperatorAdded { division, who });
		Ok(())
	}

	pub(crate) fn do_remove_operator(division: DivisionCode, who: T::AccountId) -> DispatchResult {
		ensure!(Operators::<T>::contains_key(division, &who), Error::<T>::NotOperator);
		Operators::<T>::remove(division, &who);
		OperatorOf::<T>::remove(&who);
		OperatorCount::<T>::mutate(division, |c| *c = c.saturating_sub(1));
		Self::release_account(&who);
		Self::deposit_event(Event::OperatorRemoved { division, who });
		Ok(())
	}

	pub(crate) fn do_rotate_signing_key(
		division: DivisionCode,
		new_key: Ed25519Public,
	) -> DispatchResult {
		let mut inst = Self::not_disqualified(division)?;
		ensure!(inst.signing_key != new_key, Error::<T>::SameSigningKey);
		ensure!(!inst.has_signing_key(&new_key), Error::<T>::SigningKeyPreviouslyUsed);
		let retired = inst.signing_key;
		// Certificates signed with the old key stay verifiable (docs/spec/DESIGN.md §7).
		inst.retired_keys.try_push(retired).map_err(|_| Error::<T>::TooManyRetiredKeys)?;
		inst.signing_key = new_key;
		Institutions::<T>::insert(division, inst);
		Self::deposit_event(Event::SigningKeyRotated { division, new_key, retired });
		Ok(())
	}

	/// [`Pallet::set_sm2_key`]: registers the first SM2 key or rotates it as `do_rotate_signing_key`
	/// rotates the ed25519 key (docs/spec/DESIGN.md §7).
	pub(crate) fn do_set_sm2_key(division: DivisionCode, key: Sm2Public) -> DispatchResult {
		let mut inst = Self::not_disqualified(division)?;
		// GB/T 32918: only a point on the curve, uncompressed (one encoding per key).
		dengji_primitives::sm2::validate_public(&key).map_err(|_| Error::<T>::MalformedSm2Key)?;
		ensure!(inst.sm2_key != Some(key), Error::<T>::SameSm2Key);
		ensure!(!inst.has_sm2_key(&key), Error::<T>::Sm2KeyPreviouslyUsed);
		let retired = inst.sm2_key.replace(key);
		if let Some(old) = retired {
			// Co-signatures made with the old key stay verifiable.
			inst.retired_sm2_keys.try_push(old).map_err(|_| Error::<T>::TooManyRetiredSm2Keys)?;
		}
		Institutions::<T>::insert(division, inst);
		Self::deposit_event(Event::Sm2KeySet { division, key, retired });
		Ok(())
	}

	pub(crate) fn do_set_validator(
		division: DivisionCode,
		validator: Option<T::AccountId>,
	) -> DispatchResult {
		let mut inst = Self::not_disqualified(division)?;
		ensure!(inst.validator != validator, Error::<T>::ValidatorUnchanged);
		if let Some(v) = &validator {
			ensure!(!ValidatorOf::<T>::contains_key(v), Error::<T>::ValidatorInUse);
		}
		let old = core::mem::replace(&mut inst.validator, validator.clone());
		Institutions::<T>::insert(division, inst);
		if let Some(old) = old {
			ValidatorOf::<T>::remove(&old);
			Self::release_account(&old);
		}
		if let Some(v) = &validator {
			ValidatorOf::<T>::insert(v, division);
			Self::hold_account(v);
		}
		ValidatorSetOutdated::<T>::put(true);
		Self::deposit_event(Event::ValidatorChanged { division, validator });
		Ok(())
	}

	pub(crate) fn do_set_peer_id(
		division: DivisionCode,
		peer_id: Option<PeerId>,
	) -> DispatchResult {
		let mut inst = Self::not_disqualified(division)?;
		ensure!(inst.peer_id != peer_id, Error::<T>::PeerIdUnchanged);
		if let Some(p) = &peer_id {
			ensure!(!p.is_empty(), Error::<T>::EmptyPeerId);
			ensure!(!PeerIdOf::<T>::contains_key(p), Error::<T>::PeerIdInUse);
		}
		let old = core::mem::replace(&mut inst.peer_id, peer_id.clone());
		let owner = inst.validator.clone();
		Institutions::<T>::insert(division, inst);
		if let Some(old) = old {
			PeerIdOf::<T>::remove(&old);
			T::NodeAllowList::peer_removed(division, &old);
		}
		if let Some(p) = &peer_id {
			PeerIdOf::<T>::insert(p, division);
			T::NodeAllowList::peer_added(division, p, owner.as_ref());
		}
		Self::deposit_event(Event::PeerIdChanged { division, peer_id });
		Ok(())
	}

	pub(crate) fn do_set_city_authority(who: T::AccountId, city: DivisionCode) -> DispatchResult {
		ensure!(division_is_valid(&city), Error::<T>::InvalidDivision);
		ensure!(city.level() == DivisionLevel::City, Error::<T>::NotCity);
		ensure!(!CityAuthorities::<T>::contains_key(&who), Error::<T>::CityAuthorityExists);
		ensure!(!CountyAuthorities::<T>::contains_key(&who), Error::<T>::CountyAuthorityExists);
		CityAuthorities::<T>::insert(&who, city);
		Self::hold_account(&who);
		Self::deposit_event(Event::CityAuthoritySet { who, city });
		Ok(())
	}

	pub(crate) fn do_remove_city_authority(who: T::AccountId) -> DispatchResult {
		let city = CityAuthorities::<T>::take(&who).ok_or(Error::<T>::CityAuthorityNotFound)?;
		Self::release_account(&who);
		Self::deposit_event(Event::CityAuthorityRemoved { who, city });
		Ok(())
	}

	/// [`Pallet::set_county_authority`] (YX-R §7 ¶2). An account holds one authority role.
	pub(crate) fn do_set_county_authority(
		actor: Actor<T::AccountId>,
		who: T::AccountId,
		county: DivisionCode,
	) -> DispatchResult {
		ensure!(
			!CountyAuthorities::<T>::contains_key(&who)
				&& !CityAuthorities::<T>::contains_key(&who),
			Error::<T>::CountyAuthorityExists
		);
		CountyAuthorities::<T>::insert(&who, county);
		CountyAuthorityCount::<T>::mutate(county, |n| *n = n.saturating_add(1));
		Self::hold_account(&who);
		Self::deposit_event(Event::CountyAuthoritySet { who, county, by: actor.account() });
		Ok(())
	}

	/// [`Pallet::remove_county_authority`].
	pub(crate) fn do_remove_county_authority(
		who: T::AccountId,
		county: DivisionCode,
	) -> DispatchResult {
		CountyAuthorities::<T>::remove(&who);
		CountyAuthorityCount::<T>::mutate_exists(county, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
		});
		Self::release_account(&who);
		Self::deposit_event(Event::CountyAuthorityRemoved { who, county });
		Ok(())
	}

	/// Builds the genesis state through the same checks as the calls.
	pub(crate) fn build_genesis(config: &GenesisConfig<T>) -> Result<(), &'static str> {
		let name_of = |n: &[u8]| -> Result<BoundedName, &'static str> {
			BoundedName::try_from(n.to_vec()).map_err(|_| "name too long")
		};
		for (who, city) in &config.city_authorities {
			Self::do_set_city_authority(who.clone(), *city).map_err(|_| "bad city authority")?;
		}
		for i in &config.institutions {
			let name = name_of(&i.name)?;
			if is_county(&i.division) {
				Self::do_file_county_institution(
					Actor::Province,
					i.division,
					name,
					i.signing_key,
					None,
				)
			} else {
				Self::do_register_institution(i.division, name, i.signing_key)
			}
			.map_err(|_| "bad institution")?;
			if let Some(key) = i.sm2_key {
				Self::do_set_sm2_key(i.division, key).map_err(|_| "bad SM2 key")?;
			}
			if let Some(v) = &i.validator {
				Self::do_set_validator(i.division, Some(v.clone())).map_err(|_| "bad validator")?;
			}
			if let Some(p) = &i.peer_id {
				let p = PeerId::try_from(p.clone()).map_err(|_| "peer id too long")?;
				ensure!(!p.is_empty(), "empty peer id");
				ensure!(!PeerIdOf::<T>::contains_key(&p), "duplicate peer id");
				// No allow-list hook at genesis: the node-authorization genesis lists the nodes.
				Institutions::<T>::mutate(i.division, |r| {
					if let Some(r) = r {
						r.peer_id = Some(p.clone());
					}
				});
				PeerIdOf::<T>::insert(&p, i.division);
			}
			for op in &i.operators {
				Self::do_add_operator(i.division, op.clone()).map_err(|_| "bad operator")?;
			}
		}
		for s in &config.subjects {
			Self::insert_subject(s.uscc, name_of(&s.name)?, s.division, s.admitted_by, &s.accounts)
				.map_err(|_| "bad subject")?;
		}
		for p in &config.persons {
			Self::insert_person(p.account.clone(), p.identity_digest, p.verified_by, p.kind)
				.map_err(|_| "bad person")?;
		}
		// The session pallet asks for the genesis set through `new_session_genesis`.
		ValidatorSetOutdated::<T>::put(false);
		Ok(())
	}
}

/// Log target.
pub(crate) const LOG_TARGET: &str = "runtime::institutions";
