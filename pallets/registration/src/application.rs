//! Applications: submission (YX-R §15, §18–§21, §23), acceptance and non-acceptance (YX-R §16 ¶1–2),
//! the one-time deficiency notice and resubmission (YX-R §16 ¶2, Q5), withdrawal (YX-R §18 ¶2, Q7)
//! and refusal after review (YX-R §16 ¶2, §17, §13).

use crate::{pallet::*, types::*, BasicInfoInput};
use alloc::vec::Vec;
use dengji_primitives::{
	catalogue::OpenAttribute,
	certificate::CancellationGround,
	traits::{AgentScope, CertificateLedger, Clock, Directory},
	ApplicationId, BoundedName, Digest, DivisionCode, DivisionLevel, InstitutionStatus, ObjectKind,
	RegistrationId, Uscc,
};
use frame_support::{pallet_prelude::*, traits::Contains, BoundedVec};

impl<T: Config> Pallet<T> {
	/// Ok if `who` operates the institution now responsible for `institution`'s cases
	/// (follows a takeover, Q17).
	pub(crate) fn ensure_operator(who: &T::AccountId, institution: DivisionCode) -> DispatchResult {
		T::Directory::ensure_operator(who, institution).map_err(|e| Error::<T>::from(e).into())
	}

	/// Ok if `who` acts for the applicant side of `app`: the interested party that filed a
	/// correction, otherwise the subject or its agent with a power covering `scope`.
	pub(crate) fn ensure_applicant(
		who: &T::AccountId,
		app: &ApplicationOf<T>,
		scope: AgentScope,
	) -> DispatchResult {
		let ok = match app.role {
			ApplicantRole::InterestedParty
			| ApplicantRole::Liquidator { .. }
			| ApplicantRole::AuthorityOrder { .. } => *who == app.applicant,
			ApplicantRole::SubjectOrAgent => {
				T::Directory::may_act_for(who, &app.subject, scope, Self::today())
			}
			// Q8: the successor (or its agent) acts for itself, not for the ceased subject.
			ApplicantRole::Successor { successor, .. } => {
				T::Directory::may_act_for(who, &successor, scope, Self::today())
			}
		};
		ensure!(ok, Error::<T>::NotSubjectOrAgent);
		Ok(())
	}

	/// Ok if `institution` exists and the institution now responsible for its cases is active
	/// (nothing is filed with a suspended institution).
	pub(crate) fn ensure_institution_open(institution: DivisionCode) -> Result<(), Error<T>> {
		T::Directory::institution(institution).ok_or(Error::<T>::UnknownInstitution)?;
		let responsible =
			T::Directory::institution(T::Directory::responsible_institution(institution))
				.ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(responsible.status == InstitutionStatus::Active, Error::<T>::InstitutionNotActive);
		Ok(())
	}

	/// Checks a UTF-8 name into a [`BoundedName`].
	pub(crate) fn check_name(raw: Vec<u8>) -> Result<BoundedName, Error<T>> {
		ensure!(!raw.is_empty(), Error::<T>::EmptyDataName);
		ensure!(core::str::from_utf8(&raw).is_ok(), Error::<T>::InvalidUtf8);
		BoundedName::try_from(raw).map_err(|_| Error::<T>::DataNameTooLong)
	}

	/// Checks material digests.
	pub(crate) fn check_materials(
		raw: Vec<Digest>,
	) -> Result<BoundedVec<Digest, T::MaxMaterials>, Error<T>> {
		BoundedVec::try_from(raw).map_err(|_| Error::<T>::TooManyMaterials)
	}

	/// Checks the input basic information (typed error per bad field, nothing stored). The
	/// summary is required when it will be published (YX-R §22 ¶1).
	pub(crate) fn check_info(
		input: BasicInfoInput,
		published: bool,
	) -> Result<BasicInfoOf<T>, Error<T>> {
		let data_name = Self::check_name(input.data_name)?;
		ensure!(!published || !input.summary.is_empty(), Error::<T>::EmptySummary);
		ensure!(core::str::from_utf8(&input.summary).is_ok(), Error::<T>::InvalidUtf8);
		let summary =
			BoundedVec::try_from(input.summary).map_err(|_| Error::<T>::SummaryTooLong)?;
		let materials = Self::check_materials(input.materials)?;
		Ok(BasicInfo { data_name, summary, content_digest: input.content_digest, materials })
	}

	/// Checks that the agreement can back a product or service registration of `subject`:
	/// it exists, is active, is operated by the subject and its term is not over (YX-R §23, §5.3).
	pub(crate) fn check_agreement(id: AgreementId, subject: &Uscc) -> Result<Agreement, Error<T>> {
		let a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status == AgreementStatus::Active, Error::<T>::AgreementNotActive);
		ensure!(a.operator == *subject, Error::<T>::AgreementOperatorMismatch);
		ensure!(T::Clock::now() <= a.term_end, Error::<T>::AgreementTermOver);
		Ok(a)
	}

	/// YX-R §5: an agreement a resource may reference: it exists, is active and its term is not
	/// over (the resource's holder need not be the operator).
	pub(crate) fn check_agreement_covers(id: AgreementId) -> Result<Agreement, Error<T>> {
		let a = Agreements::<T>::get(id).ok_or(Error::<T>::AgreementNotFound)?;
		ensure!(a.status == AgreementStatus::Active, Error::<T>::AgreementNotActive);
		ensure!(T::Clock::now() <= a.term_end, Error::<T>::AgreementTermOver);
		Ok(a)
	}

	fn next_application_id() -> Result<ApplicationId, Error<T>> {
		NextApplicationId::<T>::try_mutate(|n| {
			let id = *n;
			*n = n.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok(id)
		})
	}

	/// Stores a new application in `Submitted` with its acceptance clock (T1).
	fn file(
		who: T::AccountId,
		role: ApplicantRole,
		request: Request,
		object: ObjectKind,
		subject: Uscc,
		institution: DivisionCode,
		registration: Option<RegistrationId>,
		agreement: Option<AgreementId>,
		info: BasicInfoOf<T>,
		derived_from: DerivedFrom,
		co_subjects: CoSubjects,
		details: RecordedDetails,
	) -> Result<ApplicationId, DispatchError> {
		let id = Self::next_application_id()?;
		let today = Self::today();
		// YX-R §16 ¶1: 3 WD "自收到申请之日起".
		let timer = Self::start_timer(DueItem::Application(id), TimerKind::Acceptance, today)?;
		let app = Application {
			request,
			object,
			subject,
			applicant: who,
			role,
			institution,
			registration,
			agreement,
			info,
			state: ApplicationState::Submitted,
			submitted_at: T::Clock::now(),
			submissions: 1,
			supplement_extended: false,
			timer: Some(timer),
			publicity: None,
			disputes: DisputeFlags::default(),
			objections: 0,
			open_objections: 0,
			decision: None,
			refusal: Default::default(),
			certificate: None,
			derived_from,
			justified_reason: None,
			co_subjects,
			details,
			validity_exception: None,
			business_review: None,
			materials_by_kind: Default::default(),
			subject_notice: None,
		};
		Applications::<T>::insert(id, app);
		if let Some(r) = registration {
			if request.kind().is_lifecycle() {
				LifecyclePending::<T>::insert(r, id);
			} else {
				Registrations::<T>::mutate(r, |reg| {
					if let Some(reg) = reg {
						reg.pending = Some(id);
					}
				});
			}
		}
		Self::deposit_event(Event::ApplicationSubmitted {
			application: id,
			kind: request.kind(),
			subject,
			institution,
			registration,
			accept_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(id)
	}

	/// First registration (首次登记, YX-R §15, §18).
	pub(crate) fn do_submit_first_time(
		who: T::AccountId,
		institution: DivisionCode,
		subject: Uscc,
		object: ObjectKind,
		agreement: Option<AgreementId>,
		info: BasicInfoInput,
	) -> Result<ApplicationId, DispatchError> {
		Self::ensure_institution_open(institution)?;
		let seat = T::Directory::subject(&subject).ok_or(Error::<T>::UnknownSubject)?;
		// Jurisdiction (docs/spec/DESIGN.md §5, Q16): the institution's division contains the subject's seat.
		ensure!(seat.division.is_within(&institution), Error::<T>::OutsideJurisdiction);
		ensure!(
			T::Directory::may_act_for(&who, &subject, AgentScope::Apply, Self::today()),
			Error::<T>::NotSubjectOrAgent
		);
		let info = Self::check_info(info, true)?;
		match (object, agreement) {
			// YX-R §23 ¶1, docs/spec/requirements.md §5.3: products and services rest on an AO
			// agreement, except a public-service organisation's own (YN-D §46 ¶2).
			(ObjectKind::DataProductOrService, None) => {
				Self::ensure_may_register_without_agreement(&subject)?
			}
			(ObjectKind::DataProductOrService, Some(a)) => {
				Self::check_agreement(a, &subject)?;
				Self::reserve_agreement_place(a)?;
			}
			// YX-R §5: a resource in the scope of an authorised operation references the
			// agreement that covers it (its renewals then match the term, YX-R §23 ¶2). It takes
			// none of the agreement's places and does not meet the operator's duty (YX-R §18
			// ¶3): those concern the products and services. It meets the holder's duty after
			// its provision of the resources (below).
			(ObjectKind::DataResource, Some(a)) => {
				Self::check_agreement_covers(a)?;
			}
			(ObjectKind::DataResource, None) => {}
		}
		let id = Self::file(
			who,
			ApplicantRole::SubjectOrAgent,
			Request::FirstTime,
			object,
			subject,
			institution,
			None,
			agreement,
			info,
			Default::default(),
			Default::default(),
			RecordedDetails::NotRecorded,
		)?;
		match (object, agreement) {
			// YX-R §18 ¶3: the operator's first registration after delivery.
			(ObjectKind::DataProductOrService, Some(a)) => Self::meet_registration_duty(a, id),
			// YX-R §5, §18 ¶3: the holder's first registration of a resource after providing it.
			(ObjectKind::DataResource, Some(a)) => Self::meet_resource_duty(a, subject, id),
			_ => {}
		}
		Ok(id)
	}

	/// YN-D §46 ¶2: a public-service organisation recorded by the data authority registers its
	/// own products and services without an agreement; every other product rests on one.
	pub(crate) fn ensure_may_register_without_agreement(subject: &Uscc) -> Result<(), Error<T>> {
		ensure!(
			PublicServiceOrganisations::<T>::contains_key(subject),
			Error::<T>::AgreementRequired
		);
		Ok(())
	}

	/// Takes one of the agreement's `MaxRegistrationsPerAgreement` places at submission, so a
	/// product never fails for want of one at approval, after its publicity has run.
	fn reserve_agreement_place(a: AgreementId) -> Result<(), Error<T>> {
		let registered = AgreementRegistrations::<T>::decode_len(a).unwrap_or(0) as u32;
		let open = AgreementOpenApplications::<T>::get(a);
		ensure!(
			registered.saturating_add(open) < T::MaxRegistrationsPerAgreement::get(),
			Error::<T>::TooManyRegistrationsForAgreement
		);
		AgreementOpenApplications::<T>::insert(a, open.saturating_add(1));
		Ok(())
	}

	/// Checks the sources of a product or service (Q42, YX-AO §24, YN-D §49(二)): each is an
	/// active registration, not `own`, listed once, and rests on the same agreement `agreement`,
	/// or belongs to `subject` (the applicant's own), or comes with its holder's consent.
	pub(crate) fn check_sources(
		sources: &[Lineage],
		subject: &Uscc,
		agreement: Option<AgreementId>,
		own: Option<RegistrationId>,
	) -> Result<(), Error<T>> {
		for (i, l) in sources.iter().enumerate() {
			ensure!(
				Some(l.registration) != own
					&& !sources[..i].iter().any(|p| p.registration == l.registration),
				Error::<T>::DuplicateSource
			);
			let src = Registrations::<T>::get(l.registration).ok_or(Error::<T>::SourceNotValid)?;
			ensure!(src.status == RegistrationStatus::Active, Error::<T>::SourceNotValid);
			// YX-AO §18: data declared 不予开放 is not the source of a product under an
			// authorised operation (the holder's own included).
			ensure!(
				agreement.is_none()
					|| src.details.get().is_none_or(|d| d.open != OpenAttribute::NotOpen),
				Error::<T>::NotAuthorisable
			);
			let same_agreement = agreement.is_some() && src.agreement == agreement;
			ensure!(
				same_agreement || src.subject == *subject || l.consent.is_some(),
				Error::<T>::SourceNotConsented
			);
		}
		Ok(())
	}

	/// Declares the sources of a product or service application before publicity (Q42).
	pub(crate) fn do_declare_derived_from(
		who: T::AccountId,
		id: ApplicationId,
		sources: Vec<Lineage>,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(app.object == ObjectKind::DataProductOrService, Error::<T>::LineageOnlyForProducts);
		ensure!(
			matches!(
				app.request,
				Request::FirstTime | Request::Change | Request::Correction { .. }
			) && app.state.is_withdrawable(),
			Error::<T>::LineageClosed
		);
		let sources = DerivedFrom::try_from(sources).map_err(|_| Error::<T>::TooManySources)?;
		Self::check_sources(&sources, &app.subject, app.agreement, app.registration)?;
		app.derived_from = sources.clone();
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::DerivedFromDeclared { application: id, sources });
		Ok(())
	}

	/// Change, correction, cancellation or renewal on an existing registration.
	pub(crate) fn do_submit_on_registration(
		who: T::AccountId,
		registration: RegistrationId,
		request: Request,
		info: Option<BasicInfoInput>,
	) -> Result<ApplicationId, DispatchError> {
		Self::submit_on_registration_as(who, registration, request, info, None)
	}

	/// As [`Self::do_submit_on_registration`]; `standing` is the role of an applicant other
	/// than the subject side, already checked (Q8 cancellations), else the role follows `who`.
	fn submit_on_registration_as(
		who: T::AccountId,
		registration: RegistrationId,
		request: Request,
		info: Option<BasicInfoInput>,
		standing: Option<ApplicantRole>,
	) -> Result<ApplicationId, DispatchError> {
		let reg = Registrations::<T>::get(registration).ok_or(Error::<T>::RegistrationNotFound)?;
		Self::ensure_registration_active(&reg)?;
		// YX-R §19, YX-AO §35: while the agreement behind a product or service is suspended,
		// its operation is suspended and no change of it is registered.
		if let (Request::Change, ObjectKind::DataProductOrService, Some(a)) =
			(request, reg.object, reg.agreement)
		{
			let a = Agreements::<T>::get(a).ok_or(Error::<T>::AgreementNotFound)?;
			ensure!(a.status != AgreementStatus::Suspended, Error::<T>::AgreementSuspended);
		}
		// YX-R §23 ¶2, §21: a renewal or cancellation proceeds beside an open change or
		// correction (one of each kind at a time).
		if request.kind().is_lifecycle() {
			ensure!(
				!LifecyclePending::<T>::contains_key(registration),
				Error::<T>::RegistrationBusy
			);
		} else {
			ensure!(reg.pending.is_none(), Error::<T>::RegistrationBusy);
		}
		Self::ensure_institution_open(reg.institution)?;
		let today = Self::today();
		let role = if let Some(role) = standing {
			role
		} else if T::Directory::may_act_for(&who, &reg.subject, AgentScope::Apply, today) {
			ApplicantRole::SubjectOrAgent
		} else if matches!(request, Request::Correction { .. }) {
			// YX-R §20: an interested party (real name, with evidence) may apply for correction.
			ensure!(T::Directory::is_real_name(&who), Error::<T>::NotRealName);
			ApplicantRole::InterestedParty
		} else {
			return Err(Error::<T>::NotSubjectOrAgent.into());
		};
		let info = match info {
			Some(input) => Self::check_info(input, request.kind().has_publicity())?,
			None => BasicInfo {
				data_name: reg.data_name.clone(),
				summary: Default::default(),
				content_digest: reg.content_digest,
				materials: Default::default(),
			},
		};
		if let Request::Renewal { years } = request {
			// YX-R §23 ¶2: each renewal at most 3 years, only in the 60 days before expiry.
			ensure!((1..=3).contains(&years), Error::<T>::BadRenewalTerm);
			ensure!(
				T::Ledger::in_renewal_window(&reg.certificate).map_err(Error::<T>::from)?,
				Error::<T>::OutsideRenewalWindow
			);
			// Q14: pending until decided, so expiry does not cancel it meanwhile.
			T::Ledger::set_renewal_pending(&reg.certificate, true).map_err(Error::<T>::from)?;
		}
		let id = Self::file(
			who,
			role,
			request,
			reg.object,
			reg.subject,
			reg.institution,
			Some(registration),
			reg.agreement,
			info,
			// Change and correction carry the sources on (re-declared with
			// `declare_derived_from`).
			reg.derived_from.clone(),
			// YX-R §15: the co-subjects of a joint registration consent to every application
			// on it again (signature or document); an interested party needs no consent.
			CoSubjects::truncate_from(
				reg.co_subjects
					.iter()
					.map(|c| CoSubject { subject: *c, consent: CoSubjectConsent::Awaited })
					.collect(),
			),
			// YX-R §12: carried on; a change or correction may declare them anew.
			reg.details.clone(),
		)?;
		if role == ApplicantRole::InterestedParty {
			Self::notify_subject_of_correction(id, reg.subject)?;
		}
		Ok(id)
	}

	/// Cancellation or renewal: only material digests are filed.
	pub(crate) fn do_submit_materials(
		who: T::AccountId,
		registration: RegistrationId,
		request: Request,
		materials: Vec<Digest>,
	) -> Result<ApplicationId, DispatchError> {
		let materials = Self::check_materials(materials)?;
		let id = Self::do_submit_on_registration(who, registration, request, None)?;
		Applications::<T>::mutate(id, |a| {
			if let Some(a) = a {
				a.info.materials = materials;
			}
		});
		Ok(id)
	}

	/// Q8, YX-R §21(三): a cancellation applied for by the subject's legal successor or by a
	/// liquidator, with the digest of the succession or liquidation document.
	pub(crate) fn do_submit_cancellation_on_succession(
		who: T::AccountId,
		registration: RegistrationId,
		applicant: SuccessionApplicant,
		document: Digest,
		materials: Vec<Digest>,
	) -> Result<ApplicationId, DispatchError> {
		let reg = Registrations::<T>::get(registration).ok_or(Error::<T>::RegistrationNotFound)?;
		let role = match applicant {
			SuccessionApplicant::Successor(successor) => {
				ensure!(successor != reg.subject, Error::<T>::NotSuccessor);
				ensure!(T::Directory::subject(&successor).is_some(), Error::<T>::UnknownSubject);
				ensure!(
					T::Directory::may_act_for(&who, &successor, AgentScope::Apply, Self::today()),
					Error::<T>::NotSubjectOrAgent
				);
				ApplicantRole::Successor { successor, document }
			}
			SuccessionApplicant::Liquidator => {
				ensure!(T::Directory::is_real_name(&who), Error::<T>::NotRealName);
				ApplicantRole::Liquidator { document }
			}
		};
		Self::submit_cancellation_as(
			who,
			registration,
			CancellationGround::SubjectCeased,
			materials,
			role,
		)
	}

	/// Q8: a cancellation ordered by the data authority, on a ground of YX-R §21, with the
	/// digest of the order. `by`: the signing city data authority (its city contains the
	/// registration's institution), or None for the data authority's origin.
	pub(crate) fn do_order_cancellation(
		by: Option<T::AccountId>,
		registration: RegistrationId,
		ground: CancellationGround,
		order: Digest,
	) -> Result<ApplicationId, DispatchError> {
		let reg = Registrations::<T>::get(registration).ok_or(Error::<T>::RegistrationNotFound)?;
		let who = match by {
			Some(who) => {
				let city = match reg.institution.level() {
					DivisionLevel::County => reg.institution.parent(),
					DivisionLevel::City => Some(reg.institution),
					DivisionLevel::Province => None,
				};
				ensure!(
					city.is_some_and(|c| T::CityAuthority::contains(&(who.clone(), c))),
					Error::<T>::NotDataAuthority
				);
				who
			}
			// The data authority's origin has no account: the order is the applicant's act.
			None => T::AccountId::decode(&mut sp_runtime::traits::TrailingZeroInput::zeroes())
				.map_err(|_| Error::<T>::NotDataAuthority)?,
		};
		let role = ApplicantRole::AuthorityOrder { order };
		Self::submit_cancellation_as(who, registration, ground, Vec::new(), role)
	}

	fn submit_cancellation_as(
		who: T::AccountId,
		registration: RegistrationId,
		ground: CancellationGround,
		materials: Vec<Digest>,
		role: ApplicantRole,
	) -> Result<ApplicationId, DispatchError> {
		let materials = Self::check_materials(materials)?;
		let request = Request::Cancellation { ground };
		let id = Self::submit_on_registration_as(who, registration, request, None, Some(role))?;
		Applications::<T>::mutate(id, |a| {
			if let Some(a) = a {
				a.info.materials = materials;
			}
		});
		Self::deposit_event(Event::CancellationApplicant { application: id, registration, role });
		Ok(id)
	}

	/// 受理 (T2, YX-R §16 ¶1): starts the review clock (cancellation: 10 WD to completion, §21).
	pub(crate) fn do_accept(who: T::AccountId, id: ApplicationId) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(app.state == ApplicationState::Submitted, Error::<T>::NotSubmitted);
		// YX-R §15: a joint application is complete once every co-subject consented.
		Self::ensure_co_subjects_consented(&app)?;
		// YX-R §15, §18 ¶1, §19 ¶2: what the data authority requires at acceptance.
		Self::ensure_intake_requirements(&app)?;
		let kind = if app.request.kind() == ApplicationKind::Cancellation {
			TimerKind::Cancellation
		} else {
			TimerKind::Review
		};
		let timer = Self::start_timer(DueItem::Application(id), kind, Self::today())?;
		app.state = Self::checked(app.state, ApplicationState::UnderReview);
		app.timer = Some(timer);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::ApplicationAccepted {
			application: id,
			decide_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(())
	}

	/// 不予受理 (T3, YX-R §16 ¶2): reasons are recorded.
	pub(crate) fn do_refuse_acceptance(
		who: T::AccountId,
		id: ApplicationId,
		reasons: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(app.state == ApplicationState::Submitted, Error::<T>::NotSubmitted);
		app.state = Self::checked(app.state, ApplicationState::NotAccepted);
		app.decision = Some(reasons);
		Self::on_application_closed(&app);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::AcceptanceRefused { application: id, reasons });
		Ok(())
	}

	/// 一次性告知 (T4, YX-R §16 ¶2): once per submission, at intake or in review (Q5). The notice
	/// hands the application back to the subject, so a submission can never receive two.
	pub(crate) fn do_request_supplement(
		who: T::AccountId,
		id: ApplicationId,
		notice: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(
			matches!(app.state, ApplicationState::Submitted | ApplicationState::UnderReview),
			Error::<T>::SupplementNotAllowed
		);
		let timer =
			Self::start_timer(DueItem::Application(id), TimerKind::Supplement, Self::today())?;
		app.state = Self::checked(app.state, ApplicationState::SupplementRequested);
		app.timer = Some(timer);
		app.decision = Some(notice);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::SupplementRequested {
			application: id,
			notice,
			resubmit_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(())
	}

	/// 正当理由 (YX-R §16 ¶2, Q28): one justified reason per deficiency notice. Before the lapse
	/// it extends the period by the supplement period; after it ("无正当理由逾期…视为撤回": only
	/// an unjustified lapse is a withdrawal) it reinstates the application deemed withdrawn,
	/// with a new supplement period from today.
	pub(crate) fn do_extend_supplement(
		who: T::AccountId,
		id: ApplicationId,
		reason: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(
			matches!(
				app.state,
				ApplicationState::SupplementRequested | ApplicationState::DeemedWithdrawn
			),
			Error::<T>::NotAwaitingSupplement
		);
		ensure!(!app.supplement_extended, Error::<T>::SupplementAlreadyExtended);
		let lapsed = app.state == ApplicationState::DeemedWithdrawn;
		let trigger = match app.timer {
			Some(t) if !lapsed => t.deadline.due,
			_ => Self::today(),
		};
		if lapsed {
			// The reinstated application takes back what it released when it was withdrawn.
			Self::reopen(id, &app)?;
		}
		let timer = Self::start_timer(DueItem::Application(id), TimerKind::Supplement, trigger)?;
		app.supplement_extended = true;
		app.justified_reason = Some(reason);
		app.timer = Some(timer);
		if lapsed {
			app.state = Self::checked(app.state, ApplicationState::SupplementRequested);
			Self::deposit_event(Event::ApplicationReinstated {
				application: id,
				reason,
				resubmit_by: timer.deadline.due,
				provisional: timer.deadline.provisional,
			});
		} else {
			Self::deposit_event(Event::SupplementExtended {
				application: id,
				reason,
				resubmit_by: timer.deadline.due,
				provisional: timer.deadline.provisional,
			});
		}
		Applications::<T>::insert(id, app);
		Ok(())
	}

	/// Re-takes what a deemed-withdrawn application released (`on_application_closed`): its
	/// agreement place, or its slot on the registration (and the renewal mark), checked as at
	/// submission (the call is transactional: a refusal stores nothing).
	fn reopen(id: ApplicationId, app: &ApplicationOf<T>) -> DispatchResult {
		match (app.request, app.registration) {
			(Request::FirstTime, _) => {
				if let (Some(a), ObjectKind::DataProductOrService) = (app.agreement, app.object) {
					Self::reserve_agreement_place(a)?;
				}
			}
			(request, Some(r)) => {
				let reg = Registrations::<T>::get(r).ok_or(Error::<T>::RegistrationNotFound)?;
				Self::ensure_registration_active(&reg)?;
				if request.kind().is_lifecycle() {
					ensure!(!LifecyclePending::<T>::contains_key(r), Error::<T>::RegistrationBusy);
				} else {
					ensure!(reg.pending.is_none(), Error::<T>::RegistrationBusy);
				}
				if let Request::Renewal { .. } = request {
					let code = T::Ledger::current(r).unwrap_or(reg.certificate);
					T::Ledger::set_renewal_pending(&code, true).map_err(Error::<T>::from)?;
				}
				if request.kind().is_lifecycle() {
					LifecyclePending::<T>::insert(r, id);
				} else {
					Registrations::<T>::mutate(r, |reg| {
						if let Some(reg) = reg {
							reg.pending = Some(id);
						}
					});
				}
			}
			(_, None) => Err(Error::<T>::RegistrationNotFound)?,
		}
		Ok(())
	}

	/// 重新提交 (T5, YX-R §16 ¶2): back to `Submitted`; the acceptance clock restarts from the
	/// resubmission ("从重新提交申请之日起计算受理日期"), and a new deficiency notice is possible.
	pub(crate) fn do_resubmit(
		who: T::AccountId,
		id: ApplicationId,
		info: BasicInfoInput,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(app.state != ApplicationState::DeemedWithdrawn, Error::<T>::SupplementPeriodOver);
		ensure!(
			app.state == ApplicationState::SupplementRequested,
			Error::<T>::NotAwaitingSupplement
		);
		app.info = Self::check_info(info, app.request.kind().has_publicity())?;
		let timer =
			Self::start_timer(DueItem::Application(id), TimerKind::Acceptance, Self::today())?;
		app.state = Self::checked(app.state, ApplicationState::Submitted);
		app.submissions = app.submissions.saturating_add(1);
		app.supplement_extended = false;
		app.submitted_at = T::Clock::now();
		app.timer = Some(timer);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::ApplicationResubmitted {
			application: id,
			accept_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(())
	}

	/// 撤回 (T7, YX-R §18 ¶2, Q7): any type, until publicity starts; effective when recorded.
	pub(crate) fn do_withdraw(who: T::AccountId, id: ApplicationId) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(app.state.is_withdrawable(), Error::<T>::NotWithdrawable);
		app.state = Self::checked(app.state, ApplicationState::Withdrawn);
		Self::on_application_closed(&app);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::ApplicationWithdrawn { application: id });
		Ok(())
	}

	/// 审查未通过／不予登记 (T9, YX-R §16 ¶2, §17, §13): grounds and decision digest recorded.
	/// From review on any ground; in publicity or deferred on the grounds publicity can bring to
	/// light ([`RefusalGround::may_follow_publicity`], YX-R §17).
	pub(crate) fn do_refuse_registration(
		who: T::AccountId,
		id: ApplicationId,
		grounds: Vec<RefusalGround>,
		decision: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		let after_publicity = match app.state {
			ApplicationState::UnderReview => false,
			// YX-R §17: a ground found during publicity or deferral still leads to 不予登记, so
			// no application is held for ever.
			ApplicationState::InPublicity | ApplicationState::Deferred => true,
			_ => return Err(Error::<T>::NotUnderReview.into()),
		};
		ensure!(!grounds.is_empty(), Error::<T>::NoRefusalGround);
		for (i, g) in grounds.iter().enumerate() {
			ensure!(!grounds[..i].contains(g), Error::<T>::DuplicateRefusalGround);
			ensure!(
				!after_publicity || g.may_follow_publicity(),
				Error::<T>::GroundNotAfterPublicity
			);
		}
		// Distinct grounds fit the bound (there are exactly MAX_REFUSAL_GROUNDS of them).
		let grounds =
			RefusalGrounds::try_from(grounds).map_err(|_| Error::<T>::DuplicateRefusalGround)?;
		app.state = Self::checked(app.state, ApplicationState::Refused);
		app.decision = Some(decision);
		app.refusal = grounds.clone();
		Self::on_application_closed(&app);
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::RegistrationRefused { application: id, grounds, decision });
		Ok(())
	}
}
