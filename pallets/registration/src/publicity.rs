//! Publicity (公示, YX-R §22 ¶1): the review pass of first, change and correction registrations
//! publishes the notice (subject name, registration type, data name, summary) for 10 WD counted
//! from the publicity date. Closing is in `deadlines.rs` (`close_publicity`).

use crate::{pallet::*, types::*};
use dengji_primitives::{
	traits::{Clock, Directory},
	ApplicationId,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// 公示 (T8): `UnderReview` → `InPublicity`.
	pub fn do_publish(who: T::AccountId, id: ApplicationId) -> DispatchResult {
		let mut app = Self::load_application(id)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(
			app.request.kind().has_publicity(),
			Error::<T>::NoPublicityForKind
		);
		ensure!(
			app.state == ApplicationState::UnderReview,
			Error::<T>::NotUnderReview
		);
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
			summary: app.info.summary.clone().into_inner(),
			opened_on: today,
			closes_on: window.closes.due,
			provisional: window.closes.provisional,
		});
		Applications::<T>::insert(id, app);
		Ok(())
	}
}
