//! Decisions: approval (核准, YX-R §22 ¶3; renewal YX-R §23 ¶2; cancellation 销证 YX-R §21),
//! termination after an upheld objection (终止登记, YX-R §22 ¶3) and the dispute flags that block
//! approval (YX-R §17(四)(五), Q41).

use crate::{pallet::*, types::*};
use dengji_primitives::{
	certificate::CancelReason,
	traits::{CertificateLedger, Clock, Directory, DraftRequest, Validity},
	ApplicationId, Digest, DivisionCode, ObjectKind, RegistrationId,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// 终止登记 (T14): the application ends; the registration (if any) is free again.
	pub(crate) fn do_terminate(
		id: ApplicationId,
		app: &mut ApplicationOf<T>,
		objection: ObjectionId,
	) {
		app.state = Self::checked(app.state, ApplicationState::Terminated);
		Self::on_application_closed(app);
		Self::deposit_event(Event::ApplicationTerminated { application: id, objection });
	}

	/// Sets the dispute flags of an open application.
	pub(crate) fn do_set_disputes(
		who: T::AccountId,
		id: ApplicationId,
		flags: DisputeFlags,
		evidence: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(!app.state.is_terminal(), Error::<T>::ApplicationClosed);
		app.disputes = flags;
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::DisputesSet { application: id, flags, evidence });
		Ok(())
	}

	/// Ok if the application may be decided now.
	fn ensure_decidable(id: ApplicationId, app: &ApplicationOf<T>) -> DispatchResult {
		if app.request.kind().has_publicity() {
			match app.state {
				ApplicationState::UnderReview => Err(Error::<T>::PublicityRequired)?,
				// YX-R §22 ¶3: approval once the publicity period has ended.
				ApplicationState::InPublicity => {
					let closed = app.publicity.map(|w| w.closed).unwrap_or(false);
					ensure!(closed, Error::<T>::PublicityNotOver);
				}
				ApplicationState::Deferred => {}
				_ => Err(Error::<T>::NotAwaitingDecision)?,
			}
			// YX-R §22 ¶2: 异议期间暂缓登记.
			ensure!(app.open_objections == 0, Error::<T>::ObjectionsOpen);
		} else {
			ensure!(app.state == ApplicationState::UnderReview, Error::<T>::NotAwaitingDecision);
		}
		// YX-R §17(四)(五), Q41; Q32: also a dispute raised by an objection or a complaint.
		ensure!(!app.disputes.any(), Error::<T>::DisputePending);
		ensure!(!Self::dispute_raised(DisputeTarget::Application(id)), Error::<T>::DisputePending);
		// YX-R §15: every co-subject consented.
		Self::ensure_co_subjects_consented(app)?;
		if app.request.kind().issuing_act().is_some() {
			if let Some(reg_id) = app.registration {
				if let Some(reg) = Registrations::<T>::get(reg_id) {
					ensure!(!reg.disputes.any(), Error::<T>::DisputePending);
				}
				ensure!(
					!Self::dispute_raised(DisputeTarget::Registration(reg_id)),
					Error::<T>::DisputePending
				);
			}
		}
		Ok(())
	}

	/// Whether a dispute raised by an objection or a complaint is pending on `target` (Q32).
	pub(crate) fn dispute_raised(target: DisputeTarget) -> bool {
		RaisedDisputes::<T>::iter_prefix(target).next().is_some()
	}

	/// Records a dispute on `target` from `source` (Q32, YX-R §17(四)(五)).
	pub(crate) fn raise_dispute(
		target: DisputeTarget,
		source: DisputeSource,
		flags: DisputeFlags,
		decision: Digest,
	) {
		let raised_at = T::Clock::now();
		RaisedDisputes::<T>::insert(target, source, RaisedDispute { flags, decision, raised_at });
		Self::deposit_event(Event::DisputeRaised {
			target,
			source,
			flags,
			decision,
			at: raised_at,
		});
	}

	/// The institution handling `target` and whether `target` is still open to a dispute: an
	/// application not ended, an active registration.
	fn dispute_target_institution(target: DisputeTarget) -> Result<DivisionCode, DispatchError> {
		match target {
			DisputeTarget::Application(id) => {
				let app = Self::load_application(id)?;
				ensure!(!app.state.is_terminal(), Error::<T>::ApplicationClosed);
				Ok(app.institution)
			}
			DisputeTarget::Registration(id) => {
				let reg = Registrations::<T>::get(id).ok_or(Error::<T>::RegistrationNotFound)?;
				ensure!(
					reg.status == RegistrationStatus::Active,
					Error::<T>::RegistrationNotActive
				);
				Ok(reg.institution)
			}
		}
	}

	/// Q32, YX-R §25(二), §17(四)(五): the institution (or the data authority) records the
	/// consequence of a complaint the data authority decided upheld against the institution's
	/// act on `target`: the dispute is raised with the complaint as its source.
	/// `who` None: the data authority's origin, which decided the complaint.
	pub(crate) fn do_raise_complaint_dispute(
		who: Option<T::AccountId>,
		target: DisputeTarget,
		complaint: u32,
		flags: DisputeFlags,
		decision: Digest,
	) -> DispatchResult {
		ensure!(flags.any(), Error::<T>::NoDisputeFlag);
		let institution = Self::dispute_target_institution(target)?;
		if let Some(who) = who {
			Self::ensure_operator(&who, institution)?;
		}
		let against = T::Directory::upheld_complaint_institution(complaint)
			.ok_or(Error::<T>::ComplaintNotUpheld)?;
		// The complaint was about this institution's acts (or those of the institution it
		// took over, Q17).
		ensure!(
			against == institution
				|| T::Directory::responsible_institution(against)
					== T::Directory::responsible_institution(institution),
			Error::<T>::ComplaintAboutOtherInstitution
		);
		let source = DisputeSource::Complaint(complaint);
		ensure!(
			!RaisedDisputes::<T>::contains_key(target, source),
			Error::<T>::DisputeAlreadyRaised
		);
		Self::raise_dispute(target, source, flags, decision);
		Ok(())
	}

	/// Q32: clears the dispute raised on `target` from `source`, recording the digest of its
	/// resolution (the parties' agreement, a court's or arbitrator's decision).
	pub(crate) fn do_resolve_dispute(
		who: T::AccountId,
		target: DisputeTarget,
		source: DisputeSource,
		resolution: Digest,
	) -> DispatchResult {
		ensure!(RaisedDisputes::<T>::contains_key(target, source), Error::<T>::DisputeNotRaised);
		let institution = Self::dispute_target_institution(target)?;
		Self::ensure_operator(&who, institution)?;
		RaisedDisputes::<T>::remove(target, source);
		Self::deposit_event(Event::DisputeResolved {
			target,
			source,
			resolution,
			at: T::Clock::now(),
		});
		Ok(())
	}

	/// Sets the dispute flags of a registration.
	pub(crate) fn do_set_registration_disputes(
		who: T::AccountId,
		id: RegistrationId,
		flags: DisputeFlags,
		evidence: Digest,
	) -> DispatchResult {
		let mut reg = Registrations::<T>::get(id).ok_or(Error::<T>::RegistrationNotFound)?;
		Self::ensure_operator(&who, reg.institution)?;
		ensure!(reg.status == RegistrationStatus::Active, Error::<T>::RegistrationNotActive);
		reg.disputes = flags;
		Registrations::<T>::insert(id, reg);
		Self::deposit_event(Event::RegistrationDisputesSet { registration: id, flags, evidence });
		Ok(())
	}

	/// The term end of the agreement behind a product or service, checked active.
	fn agreement_term_end(app: &ApplicationOf<T>) -> Result<Option<u64>, DispatchError> {
		match (app.object, app.agreement) {
			(ObjectKind::DataProductOrService, Some(a)) => {
				let a = Agreements::<T>::get(a).ok_or(Error::<T>::AgreementNotFound)?;
				// YX-AO §35 suspends the operator's activity, not the correction of what is
				// registered: an interested party's correction (YX-R §20) proceeds.
				let correction_by_party = matches!(app.request, Request::Correction { .. })
					&& app.role == ApplicantRole::InterestedParty
					&& a.status == AgreementStatus::Suspended;
				ensure!(
					a.status == AgreementStatus::Active || correction_by_party,
					Error::<T>::AgreementNotActive
				);
				// YX-R §23: nothing is issued or renewed beyond the operating term.
				ensure!(T::Clock::now() <= a.term_end, Error::<T>::AgreementTermOver);
				Ok(Some(a.term_end))
			}
			// YN-D §46 ¶2: a public-service organisation's own product, without an agreement.
			(ObjectKind::DataProductOrService, None) => {
				Self::ensure_may_register_without_agreement(&app.subject)?;
				Ok(None)
			}
			// YX-R §23 ¶2 "已开展授权运营活动的，续展期限应当与授权运营期限相匹配": the renewal
			// of a resource in the scope of an agreement under way (not terminated, term not
			// over) is matched to its term; its first validity is not capped (Q13(b)).
			(ObjectKind::DataResource, Some(a))
				if app.request.kind() == ApplicationKind::Renewal =>
			{
				Ok(Agreements::<T>::get(a)
					.filter(|a| {
						a.status != AgreementStatus::Terminated && T::Clock::now() <= a.term_end
					})
					.map(|a| a.term_end))
			}
			(ObjectKind::DataResource, _) => Ok(None),
		}
	}

	/// 核准 (T11, T13; YX-R §21, §23 ¶2).
	pub(crate) fn do_approve(
		who: T::AccountId,
		id: ApplicationId,
		decision: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		Self::ensure_decidable(id, &app)?;
		let registration = match app.request {
			Request::Cancellation { ground } => {
				let reg_id = app.registration.ok_or(Error::<T>::RegistrationNotFound)?;
				let mut reg =
					Registrations::<T>::get(reg_id).ok_or(Error::<T>::RegistrationNotFound)?;
				// YX-R §21: 销证 of the current certificate (a successor drafted for a change
				// open beside it is never issued).
				let certificate = T::Ledger::current(reg_id).unwrap_or(reg.certificate);
				T::Ledger::cancel(&certificate, CancelReason::OnApplication(ground))
					.map_err(Error::<T>::from)?;
				reg.status = RegistrationStatus::Cancelled;
				let open = reg.pending;
				Registrations::<T>::insert(reg_id, reg);
				Self::deposit_event(Event::RegistrationCancelled {
					registration: reg_id,
					application: id,
					ground,
					certificate,
				});
				// A change or correction open beside the cancellation closes with it.
				if let Some(other) = open {
					Self::close_application(other, reg_id, RegistrationStatus::Cancelled);
				}
				reg_id
			}
			_ => Self::draft_certificate(&mut app)?,
		};
		app.state = Self::checked(app.state, ApplicationState::Approved);
		app.decision = Some(decision);
		Self::on_application_closed(&app);
		Self::deposit_event(Event::ApplicationApproved {
			application: id,
			registration,
			certificate: app.certificate,
			decision,
		});
		Applications::<T>::insert(id, app);
		Ok(())
	}

	/// Drafts the certificate of a first, change, correction or renewal approval and updates (or
	/// creates) the registration.
	fn draft_certificate(app: &mut ApplicationOf<T>) -> Result<RegistrationId, DispatchError> {
		let act = app.request.kind().issuing_act().ok_or(Error::<T>::NotAwaitingDecision)?;
		let subject = T::Directory::subject(&app.subject).ok_or(Error::<T>::UnknownSubject)?;
		let ao_term_end = Self::agreement_term_end(app)?;
		// Q42, YX-AO §24, YN-D §49(二): the sources are still valid registrations.
		Self::check_sources(&app.derived_from, &app.subject, app.agreement, app.registration)?;
		let existing = match app.registration {
			Some(r) => {
				Some((r, Registrations::<T>::get(r).ok_or(Error::<T>::RegistrationNotFound)?))
			}
			None => None,
		};
		let (validity, data_name, content_digest) = match app.request {
			// YX-R §23 ¶1, Q13: min(issue + 3 y, AO term end) for products and services.
			// YX-R §23 ¶1 "原则上": another term on the data authority's recorded exception.
			Request::FirstTime => (
				match app.validity_exception {
					Some(e) => Validity::FreshFor { years: e.years, ao_term_end },
					None => Validity::Fresh { ao_term_end },
				},
				app.info.data_name.clone(),
				app.info.content_digest,
			),
			// Q12: a new code, the original expiry.
			Request::Change | Request::Correction { .. } => {
				(Validity::KeepPrevious, app.info.data_name.clone(), app.info.content_digest)
			}
			// YX-R §23 ¶2, Q14: from the old expiry, at most 3 years, matched to the AO term.
			Request::Renewal { years } => {
				let (_, reg) = existing.as_ref().ok_or(Error::<T>::RegistrationNotFound)?;
				(Validity::Renew { years, ao_term_end }, reg.data_name.clone(), reg.content_digest)
			}
			Request::Cancellation { .. } => Err(Error::<T>::NotAwaitingDecision)?,
		};
		let body = T::Ledger::draft(DraftRequest {
			registration: match &existing {
				Some((r, _)) => *r,
				// Registration numbers start at 1.
				None => NextRegistrationId::<T>::get().max(1),
			},
			act,
			object: app.object,
			subject: app.subject,
			subject_name: subject.name,
			data_name: data_name.clone(),
			content_digest,
			issuer: T::Directory::responsible_institution(app.institution),
			previous: existing.as_ref().map(|(_, r)| r.certificate),
			validity,
		})
		.map_err(Error::<T>::from)?;
		app.certificate = Some(body.code);
		let reg_id = match existing {
			Some((reg_id, mut reg)) => {
				reg.certificate = body.code;
				reg.data_name = data_name;
				reg.content_digest = content_digest;
				reg.derived_from = app.derived_from.clone();
				if !app.request.kind().is_lifecycle() {
					// YX-R §19, §20: a change or correction may change the co-subjects and the
					// basic details.
					reg.co_subjects = Self::co_subject_list(app);
					reg.details = app.details.clone();
				}
				Registrations::<T>::insert(reg_id, reg);
				reg_id
			}
			None => {
				let reg_id = NextRegistrationId::<T>::try_mutate(|n| {
					let id = (*n).max(1);
					*n = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
					Ok::<_, Error<T>>(id)
				})?;
				// Products and services hold the agreement's places (flagged with it, Q15).
				if let (Some(a), ObjectKind::DataProductOrService) = (app.agreement, app.object) {
					AgreementRegistrations::<T>::try_mutate(a, |v| v.try_push(reg_id))
						.map_err(|_| Error::<T>::TooManyRegistrationsForAgreement)?;
				}
				Registrations::<T>::insert(
					reg_id,
					Registration {
						subject: app.subject,
						object: app.object,
						institution: app.institution,
						data_name,
						content_digest,
						certificate: body.code,
						agreement: app.agreement,
						flags: RegistrationFlags::default(),
						disputes: DisputeFlags::default(),
						status: RegistrationStatus::Active,
						pending: None,
						derived_from: app.derived_from.clone(),
						co_subjects: Self::co_subject_list(app),
						details: app.details.clone(),
					},
				);
				app.registration = Some(reg_id);
				reg_id
			}
		};
		Ok(reg_id)
	}
}
