//! The business review (业务审核) the subject completes before applying (YX-R §14, §15, Q21),
//! the application materials by kind (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3, Q34) and the filing of an
//! authorised-operation agreement with the city data authority (YX-AO §16 ¶2); the notice of an
//! interested party's correction to the subject and its response period (Q11, Q31).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use dengji_primitives::{
	traits::{AgentScope, Clock, Directory},
	ApplicationId, Digest, DivisionCode, DivisionLevel, Moment, Uscc,
};
use frame_support::{pallet_prelude::*, traits::Contains};

impl<T: Config> Pallet<T> {
	/// `record_business_review` (YX-R §14, §15, Q21).
	pub(crate) fn do_record_business_review(
		who: T::AccountId,
		id: ApplicationId,
		reviewer: Uscc,
		attestation: Digest,
		reviewed_at: Moment,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		// YX-R §15: the subject completes the review before it applies; an interested party's
		// correction (YX-R §20), a cancellation ("申请、受理、审查和销证", YX-R §21) and a renewal
		// (YX-R §23 ¶2) follow no such step.
		ensure!(
			app.role == ApplicantRole::SubjectOrAgent && app.request.kind().has_publicity(),
			Error::<T>::BusinessReviewNotApplicable
		);
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(app.state.is_withdrawable(), Error::<T>::BusinessReviewClosed);
		ensure!(reviewer.is_valid() && reviewer != app.subject, Error::<T>::BadReviewer);
		// YX-R §15 "登记主体完成业务审核后…提出登记申请": completed before the application (its
		// latest submission: a review completed on a deficiency notice counts).
		ensure!(reviewed_at <= app.submitted_at, Error::<T>::BusinessReviewAfterApplication);
		let review =
			BusinessReview { reviewer, attestation, reviewed_at, recorded_at: T::Clock::now() };
		app.business_review = Some(review);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::BusinessReviewRecorded { application: id, review });
		Ok(())
	}

	/// `declare_materials` (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3, Q34).
	pub(crate) fn do_declare_materials(
		who: T::AccountId,
		id: ApplicationId,
		materials: Vec<TypedMaterial>,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		// YX-R §16: the institution accepts complete materials, or notifies every deficiency
		// once; the materials are completed before acceptance or on that notice.
		ensure!(
			matches!(
				app.state,
				ApplicationState::Submitted | ApplicationState::SupplementRequested
			),
			Error::<T>::MaterialsClosed
		);
		ensure!(materials.len() as u32 <= T::MaxMaterials::get(), Error::<T>::TooManyMaterials);
		for (i, m) in materials.iter().enumerate() {
			ensure!(
				!materials[..i].iter().any(|p| p.digest == m.digest),
				Error::<T>::DuplicateMaterial
			);
		}
		// YX-R §18 ¶1 "申请首次登记应当提交下列材料", and so §19 ¶2 (变更), §20 ¶2 (更正),
		// §21 ¶3 (注销).
		for required in MaterialKind::required_for(app.request.kind()) {
			ensure!(
				materials.iter().any(|m| m.kind == *required),
				Error::<T>::RequiredMaterialMissing
			);
		}
		let list = BoundedVec::<TypedMaterial, T::MaxMaterials>::try_from(materials)
			.map_err(|_| Error::<T>::TooManyMaterials)?;
		app.materials_by_kind = list.clone();
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::MaterialsDeclared { application: id, materials: list });
		Ok(())
	}

	/// `record_agreement_filing` (YX-AO §16 ¶2): `by` is the signing city authority, None for
	/// the data authority's origin.
	pub(crate) fn do_record_agreement_filing(
		by: Option<T::AccountId>,
		id: AgreementId,
		filed_with: DivisionCode,
		reference: Digest,
	) -> DispatchResult {
		// YX-AO §16 ¶2 "报本级数据主管部门备案": the city's data authority.
		ensure!(
			filed_with.is_valid() && filed_with.level() == DivisionLevel::City,
			Error::<T>::NotFilingAuthority
		);
		if let Some(who) = &by {
			ensure!(
				T::CityAuthority::contains(&(who.clone(), filed_with)),
				Error::<T>::NotFilingAuthority
			);
		}
		let mut a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status != AgreementStatus::Terminated, Error::<T>::AgreementNotActive);
		let filing = AgreementFiling { filed_with, reference, at: T::Clock::now() };
		a.filing = Some(filing);
		Agreements::<T>::insert(id, a);
		Self::deposit_event(Event::AgreementFiled { agreement: id, filing, by });
		Ok(())
	}

	/// Q11, Q31: the subject is notified of an interested party's correction (YX-R §20) and
	/// may respond within `CorrectionResponseWorkingDays` WD; the correction is not published
	/// (so not decided) before, unless it responded.
	pub(crate) fn notify_subject_of_correction(id: ApplicationId, subject: Uscc) -> DispatchResult {
		let now = T::Clock::now();
		let respond_by =
			T::Clock::add_working_days(Self::today(), T::CorrectionResponseWorkingDays::get());
		Applications::<T>::try_mutate(id, |app| {
			let app = app.as_mut().ok_or(Error::<T>::ApplicationNotFound)?;
			app.subject_notice =
				Some(CorrectionNotice { notified_at: now, respond_by, response: None });
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::CorrectionNotified {
			application: id,
			subject,
			at: now,
			respond_by: respond_by.due,
			provisional: respond_by.provisional,
		});
		Ok(())
	}

	/// `respond_to_correction` (Q11, Q31, YX-R §20).
	pub(crate) fn do_respond_to_correction(
		who: T::AccountId,
		id: ApplicationId,
		response: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		let mut notice = app.subject_notice.ok_or(Error::<T>::NoCorrectionNotice)?;
		ensure!(
			T::Directory::may_act_for(&who, &app.subject, AgentScope::Rebut, Self::today()),
			Error::<T>::NotSubjectOrAgent
		);
		ensure!(!app.state.is_terminal(), Error::<T>::ApplicationClosed);
		ensure!(notice.response.is_none(), Error::<T>::AlreadyResponded);
		ensure!(!notice.respond_by.is_overdue(Self::today()), Error::<T>::ResponsePeriodOver);
		let at = T::Clock::now();
		notice.response = Some((response, at));
		app.subject_notice = Some(notice);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::CorrectionResponded { application: id, response, at });
		Ok(())
	}

	/// Q31 "notify the subject, give 10 WD to respond, then run publicity": an interested
	/// party's correction is published once the subject responded or its response period is
	/// over.
	pub(crate) fn ensure_response_period_over(app: &ApplicationOf<T>) -> DispatchResult {
		if let Some(n) = app.subject_notice {
			ensure!(
				n.response.is_some() || n.respond_by.is_overdue(Self::today()),
				Error::<T>::ResponsePeriodRunning
			);
		}
		Ok(())
	}

	/// YX-R §15 "登记主体完成业务审核后…提出登记申请", §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3 "应当提交下列材料": once
	/// the data authority requires them, an application is accepted only with its business
	/// review recorded and its materials declared by kind (the institution otherwise issues its
	/// one-time deficiency notice, YX-R §16 ¶2).
	pub(crate) fn ensure_intake_requirements(app: &ApplicationOf<T>) -> DispatchResult {
		let required = IntakeRequirementsInForce::<T>::get();
		let kind = app.request.kind();
		if required.business_review
			&& app.role == ApplicantRole::SubjectOrAgent
			&& kind.has_publicity()
		{
			ensure!(app.business_review.is_some(), Error::<T>::BusinessReviewMissing);
		}
		// Q8: a data-authority order carries its own basis (the order), not the §21 ¶3 materials.
		let ordered = matches!(app.role, ApplicantRole::AuthorityOrder { .. });
		if required.materials_by_kind && !ordered && !MaterialKind::required_for(kind).is_empty() {
			ensure!(!app.materials_by_kind.is_empty(), Error::<T>::MaterialsNotDeclared);
		}
		Ok(())
	}
}
