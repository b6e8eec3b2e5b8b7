//! Publicity (公示, YX-R §22 ¶1): the review pass of first, change and correction registrations
//! publishes the notice (subject name, registration type, data name, summary) for 10 WD counted
//! from the publicity date, and the free `close_publicity` that records its end (the lazy
//! checks of `deadlines.rs` apply it anyway).

use crate::{pallet::*, types::*};
use dengji_primitives::{
	traits::{Clock, Directory},
	ApplicationId,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// 公示 (T8): `UnderReview` → `InPublicity`.
	pub(crate) fn do_publish(who: T::AccountId, id: ApplicationId) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(app.request.kind().has_publicity(), Error::<T>::NoPublicityForKind);
		ensure!(app.state == ApplicationState::UnderReview, Error::<T>::NotUnderReview);
		// Q31: an interested party's correction is published once the subject responded or
		// its response period is over.
		Self::ensure_response_period_over(&app)?;
		// YX-R §12, §18 ¶1(二): the nine items of the basic information are on a first
		// application before its publicity, once the data authority requires it.
		if app.request.kind() == ApplicationKind::FirstTime
			&& BasicDetailsRequiredFrom::<T>::get().is_some_and(|from| id >= from)
		{
			ensure!(
				matches!(app.details, RecordedDetails::Recorded(_)),
				Error::<T>::BasicDetailsMissing
			);
		}
		let subject = T::Directory::subject(&app.subject).ok_or(Error::<T>::UnknownSubject)?;
		let today = Self::today();
		// YX-R §22 ¶1: "公示期为10个工作日，自公示之日起计算" (trigger day excluded, Q3).
		let timer = Self::start_timer(DueItem::Application(id), TimerKind::Publicity, today)?;
		let window = PublicityWindow {
			opened_on: today,
			opened_at: T::Clock::now(),
			closes: timer.deadline,
			closed: false,
		};
		app.state = Self::checked(app.state, ApplicationState::InPublicity);
		app.publicity = Some(window);
		app.timer = Some(timer);
		Self::deposit_event(Event::PublicityOpened {
			application: id,
			institution: T::Directory::responsible_institution(app.institution),
			subject_name: subject.name,
			kind: app.request.kind(),
			data_name: app.info.data_name.clone(),
			summary: app.info.summary.clone(),
			opened_on: today,
			closes_on: window.closes.due,
			provisional: window.closes.provisional,
		});
		// YX-R §15, Q30: the co-subjects of a joint application receive the notice.
		Self::notify_co_subjects(id, &app);
		Applications::<T>::insert(id, app);
		Ok(())
	}

	/// `close_publicity`: records the end of publicity.
	pub(crate) fn do_close_publicity(id: ApplicationId) -> DispatchResult {
		let mut app = Applications::<T>::get(id).ok_or(Error::<T>::ApplicationNotFound)?;
		let window = app.publicity.ok_or(Error::<T>::PublicityNotOpen)?;
		ensure!(!window.closed, Error::<T>::PublicityAlreadyClosed);
		ensure!(!app.state.is_terminal(), Error::<T>::ApplicationClosed);
		ensure!(window.closes.is_overdue(Self::today()), Error::<T>::PublicityNotOver);
		ensure!(
			Self::refresh_application(id, &mut app, Self::today()),
			Error::<T>::PublicityNotOver
		);
		Applications::<T>::insert(id, app);
		Ok(())
	}
}
