//! Joint applications (YX-R §15, §12(八), Q30), the typed basic information and classification
//! (YX-R §12, YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条, Q22) and the data authority's
//! exception to the 3-year validity (YX-R §23 ¶1 "原则上").

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use dengji_primitives::{
	catalogue::{BasicDetails, DataGrade, DetailsError, OpenAttribute},
	traits::{AgentScope, Clock, Directory, MAX_VALIDITY_EXCEPTION_YEARS},
	ApplicationId, Digest, DivisionLevel, ObjectKind, Uscc,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// YX-R §15: every co-subject of an application filed by the subject side has consented
	/// (signed, or its written consent filed). An interested party's correction (YX-R §20)
	/// needs no consent of the holders.
	pub(crate) fn ensure_co_subjects_consented(app: &ApplicationOf<T>) -> DispatchResult {
		ensure!(
			matches!(
				app.role,
				ApplicantRole::InterestedParty | ApplicantRole::AuthorityOrder { .. }
			) || app.co_subjects.iter().all(|c| c.consent != CoSubjectConsent::Awaited),
			Error::<T>::CoSubjectConsentMissing
		);
		Ok(())
	}

	/// Whether co-subjects can still be declared or consent: before acceptance (the institution
	/// accepts a complete joint application, YX-R §15, §16).
	fn co_subjects_open(app: &ApplicationOf<T>) -> bool {
		matches!(app.state, ApplicationState::Submitted | ApplicationState::SupplementRequested)
	}

	/// `declare_co_subjects` (YX-R §15, §12(八), Q30).
	pub(crate) fn do_declare_co_subjects(
		who: T::AccountId,
		id: ApplicationId,
		declared: Vec<JointSubject>,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		ensure!(app.role == ApplicantRole::SubjectOrAgent, Error::<T>::NotSubjectOrAgent);
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(Self::co_subjects_open(&app), Error::<T>::CoSubjectsClosed);
		ensure!(declared.len() as u32 <= MAX_CO_SUBJECTS, Error::<T>::TooManyCoSubjects);
		for (i, j) in declared.iter().enumerate() {
			ensure!(j.subject.is_valid(), Error::<T>::BadCoSubject);
			ensure!(
				j.subject != app.subject && !declared[..i].iter().any(|p| p.subject == j.subject),
				Error::<T>::DuplicateCoSubject
			);
		}
		// A renewal or cancellation concerns the registration as it is held: its co-subjects
		// consent, they are not changed (a change registration changes them, YX-R §19).
		if app.request.kind().is_lifecycle() {
			let reg = app
				.registration
				.and_then(Registrations::<T>::get)
				.ok_or(Error::<T>::RegistrationNotFound)?;
			ensure!(
				reg.co_subjects.len() == declared.len()
					&& declared.iter().all(|j| reg.co_subjects.contains(&j.subject)),
				Error::<T>::CoSubjectsFixed
			);
		}
		let list: Vec<CoSubject> = declared
			.iter()
			.map(|j| {
				let before = app.co_subjects.iter().find(|c| c.subject == j.subject);
				let consent = match (j.consent, before.map(|c| c.consent)) {
					(Some(d), _) => CoSubjectConsent::Document(d),
					// A signature already given stands.
					(None, Some(signed @ CoSubjectConsent::Signed { .. })) => signed,
					(None, _) => CoSubjectConsent::Awaited,
				};
				CoSubject { subject: j.subject, consent }
			})
			.collect();
		let list = CoSubjects::try_from(list).map_err(|_| Error::<T>::TooManyCoSubjects)?;
		app.co_subjects = list.clone();
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::CoSubjectsDeclared { application: id, co_subjects: list });
		Ok(())
	}

	/// `consent_as_co_subject`: the co-subject signs the joint application (YX-R §15 "共同提出").
	pub(crate) fn do_consent_as_co_subject(
		who: T::AccountId,
		id: ApplicationId,
		co_subject: Uscc,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		ensure!(Self::co_subjects_open(&app), Error::<T>::CoSubjectsClosed);
		let entry = app
			.co_subjects
			.iter_mut()
			.find(|c| c.subject == co_subject)
			.ok_or(Error::<T>::NotCoSubject)?;
		ensure!(
			T::Directory::may_act_for(&who, &co_subject, AgentScope::Apply, Self::today()),
			Error::<T>::NotSubjectOrAgent
		);
		ensure!(
			!matches!(entry.consent, CoSubjectConsent::Signed { .. }),
			Error::<T>::ConsentAlreadySigned
		);
		entry.consent = CoSubjectConsent::Signed { at: T::Clock::now() };
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::CoSubjectConsented { application: id, co_subject, signer: who });
		Ok(())
	}

	/// YX-R §22 ¶1, §15, Q30: the co-subjects receive the publicity notice.
	pub(crate) fn notify_co_subjects(id: ApplicationId, app: &ApplicationOf<T>) {
		if app.co_subjects.is_empty() {
			return;
		}
		let co_subjects =
			CoSubjectList::truncate_from(app.co_subjects.iter().map(|c| c.subject).collect());
		Self::deposit_event(Event::CoSubjectsNotified { application: id, co_subjects });
	}

	/// The co-subjects a decided application leaves on its registration.
	pub(crate) fn co_subject_list(app: &ApplicationOf<T>) -> CoSubjectList {
		CoSubjectList::truncate_from(app.co_subjects.iter().map(|c| c.subject).collect())
	}

	/// `declare_basic_details` (YX-R §12, YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条, Q22).
	pub(crate) fn do_declare_basic_details(
		who: T::AccountId,
		id: ApplicationId,
		details: BasicDetails,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_applicant(&who, &app, AgentScope::Apply)?;
		ensure!(
			app.request.kind().has_publicity() && app.state.is_withdrawable(),
			Error::<T>::DetailsClosed
		);
		details.check().map_err(|e| match e {
			DetailsError::Industry(_) => Error::<T>::BadIndustryCode,
			DetailsError::Coverage => Error::<T>::BadCoverageArea,
			DetailsError::Classification => Error::<T>::BadClassificationCode,
			DetailsError::CatalogueRef => Error::<T>::BadCatalogueReference,
		})?;
		// YX-R §17(一): national core data is not registered.
		ensure!(details.grade != DataGrade::Core, Error::<T>::CoreDataNotRegistrable);
		// Q16 (docs/spec/requirements.md §6): a resource whose coverage spans several counties,
		// or reaches beyond the city, goes to the city institution of the subject's seat: a
		// county institution registers the resources covering its own county.
		ensure!(
			app.object != ObjectKind::DataResource
				|| app.institution.level() != DivisionLevel::County
				|| details.coverage.is_within(&app.institution),
			Error::<T>::CoverageOutsideJurisdiction
		);
		// YX-AO §18: data that may not be opened is not authorised for operation, so a
		// resource declared 不予开放 is not in an agreement's scope.
		ensure!(
			!(app.object == ObjectKind::DataResource
				&& app.agreement.is_some()
				&& details.open == OpenAttribute::NotOpen),
			Error::<T>::NotAuthorisable
		);
		// Q22: once the data authority loaded a classification code list, the code is on it
		// and the list's version is recorded with the details.
		let version = match ClassificationCodes::<T>::get() {
			Some(list) => {
				ensure!(
					list.contains(&details.classification),
					Error::<T>::ClassificationCodeNotListed
				);
				Some(list.version)
			}
			None => None,
		};
		DetailsCodeListVersion::<T>::set(id, version);
		app.details = RecordedDetails::Recorded(details.clone());
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::BasicDetailsDeclared { application: id, details });
		if let Some(version) = version {
			Self::deposit_event(Event::ClassificationChecked { application: id, version });
		}
		Ok(())
	}

	/// `set_basic_details_required` (YX-R §12, §22 ¶1): a requirement switched on keeps the
	/// application number it started from, so applications filed before stay exempt.
	pub(crate) fn do_set_basic_details_required(required: bool) {
		let from = match (required, BasicDetailsRequiredFrom::<T>::get()) {
			(true, Some(from)) => Some(from),
			(true, None) => Some(NextApplicationId::<T>::get()),
			(false, _) => None,
		};
		BasicDetailsRequiredFrom::<T>::set(from);
		Self::deposit_event(Event::BasicDetailsRequirementSet { from });
	}

	/// `load_classification_codes` (Q22).
	pub(crate) fn do_load_classification_codes(
		version: u32,
		mut codes: Vec<dengji_primitives::catalogue::ClassificationCode>,
	) -> DispatchResult {
		ensure!(
			ClassificationCodes::<T>::get().is_none_or(|l| version > l.version),
			Error::<T>::CodeListVersionNotNewer
		);
		ensure!(
			codes.iter().all(|c| dengji_primitives::catalogue::is_code(c)),
			Error::<T>::BadCodeList
		);
		let n = codes.len();
		codes.sort();
		codes.dedup();
		ensure!(!codes.is_empty() && codes.len() == n, Error::<T>::BadCodeList);
		let codes = BoundedVec::try_from(codes).map_err(|_| Error::<T>::BadCodeList)?;
		ClassificationCodes::<T>::put(ClassificationCodeList { version, codes });
		Self::deposit_event(Event::ClassificationCodesLoaded { version, codes: n as u32 });
		Ok(())
	}

	/// `set_validity_exception` (YX-R §23 ¶1 "原则上有效期3年").
	pub(crate) fn do_set_validity_exception(
		id: ApplicationId,
		years: u8,
		reason: Digest,
	) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		ensure!(app.request == Request::FirstTime, Error::<T>::ValidityExceptionNotAllowed);
		ensure!(!app.state.is_terminal(), Error::<T>::ApplicationClosed);
		ensure!((1..=MAX_VALIDITY_EXCEPTION_YEARS).contains(&years), Error::<T>::BadValidityTerm);
		app.validity_exception = Some(ValidityException { years, reason });
		Applications::<T>::insert(id, app);
		Self::deposit_event(Event::ValidityExceptionRecorded { application: id, years, reason });
		Ok(())
	}
}
