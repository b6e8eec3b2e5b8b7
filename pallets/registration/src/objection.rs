//! Objections (异议, YX-R §22 ¶2–3; docs/spec/requirements.md §2.5): each objection is its own sub-machine
//! Lodged → Forwarded → Rebutted | RebuttalLapsed → Upheld | Dismissed. Only real-name participants
//! object, only during publicity (Q10(d)); forwarding within 3 WD, rebuttal within 10 WD of the
//! subject's receipt (the forwarding day); a missed rebuttal decides nothing (Q9); an upheld
//! objection terminates the application (YX-R §22 ¶3).

use crate::{pallet::*, types::*};
use dengji_primitives::{
	traits::{AgentScope, Clock, Directory},
	ApplicationId, Digest,
};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// 提出异议 (O1).
	pub(crate) fn do_lodge_objection(
		who: T::AccountId,
		application: ApplicationId,
		content: Digest,
		evidence: Digest,
	) -> Result<ObjectionId, DispatchError> {
		let mut app = Self::load_application(application)?;
		// YX-R §22 ¶2: "任何单位或者个人可以实名…提出异议".
		ensure!(T::Directory::is_real_name(&who), Error::<T>::NotRealName);
		ensure!(app.request.kind().has_publicity(), Error::<T>::NoPublicityForKind);
		let today = Self::today();
		match (app.state, app.publicity) {
			(ApplicationState::InPublicity, Some(w)) if w.is_open_on(today) => {}
			(_, Some(_)) => Err(Error::<T>::PublicityOver)?,
			(_, None) => Err(Error::<T>::PublicityNotOpen)?,
		}
		let id = NextObjectionId::<T>::try_mutate(|n| {
			let id = *n;
			*n = n.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Ok::<_, Error<T>>(id)
		})?;
		// YX-R §22 ¶2, Q10(c): no cap on objectors; one objector's open objections are bounded.
		let open_by = OpenObjectionsBy::<T>::get(application, &who);
		ensure!(open_by < T::MaxObjections::get(), Error::<T>::TooManyObjections);
		// YX-R §22 ¶2: forward "接到异议后…3个工作日内".
		let timer = Self::start_timer(DueItem::Objection(id), TimerKind::Forward, today)?;
		Objections::<T>::insert(
			id,
			Objection {
				application,
				objector: who.clone(),
				content,
				evidence,
				lodged_on: today,
				received_on: None,
				rebuttal: None,
				decision: None,
				notified_at: None,
				state: ObjectionState::Lodged,
				timer: Some(timer),
				objector_notified_at: None,
			},
		);
		ApplicationObjections::<T>::insert(application, id, ());
		OpenObjectionsBy::<T>::insert(application, &who, open_by.saturating_add(1));
		app.objections = app.objections.saturating_add(1);
		app.open_objections = app.open_objections.saturating_add(1);
		Applications::<T>::insert(application, app);
		Self::deposit_event(Event::ObjectionLodged {
			objection: id,
			application,
			objector: who,
			forward_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(id)
	}

	/// 转送登记主体 (O2): the forwarding day is the subject's receipt.
	pub(crate) fn do_forward_objection(who: T::AccountId, id: ObjectionId) -> DispatchResult {
		let mut obj = Self::load_objection(id)?;
		let app = Applications::<T>::get(obj.application).ok_or(Error::<T>::ApplicationNotFound)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(obj.state == ObjectionState::Lodged, Error::<T>::ObjectionNotLodged);
		let today = Self::today();
		// YX-R §22 ¶2: rebuttal "在收到异议10个工作日内".
		let timer = Self::start_timer(DueItem::Objection(id), TimerKind::Rebuttal, today)?;
		obj.state = Self::checked_objection(obj.state, ObjectionState::Forwarded);
		obj.received_on = Some(today);
		obj.timer = Some(timer);
		Objections::<T>::insert(id, obj);
		Self::deposit_event(Event::ObjectionForwarded {
			objection: id,
			rebut_by: timer.deadline.due,
			provisional: timer.deadline.provisional,
		});
		Ok(())
	}

	/// 异议申辩 (O3).
	pub(crate) fn do_submit_rebuttal(
		who: T::AccountId,
		id: ObjectionId,
		rebuttal: Digest,
	) -> DispatchResult {
		let mut obj = Self::load_objection(id)?;
		let app = Applications::<T>::get(obj.application).ok_or(Error::<T>::ApplicationNotFound)?;
		ensure!(
			T::Directory::may_act_for(&who, &app.subject, AgentScope::Rebut, Self::today()),
			Error::<T>::NotSubjectOrAgent
		);
		match obj.state {
			ObjectionState::Forwarded => {}
			ObjectionState::Lodged => Err(Error::<T>::ObjectionNotForwarded)?,
			ObjectionState::RebuttalLapsed | ObjectionState::Rebutted => {
				Err(Error::<T>::RebuttalPeriodOver)?
			}
			ObjectionState::Upheld
			| ObjectionState::Dismissed
			| ObjectionState::Closed
			| ObjectionState::Disputed => Err(Error::<T>::ObjectionAlreadyDecided)?,
		}
		obj.state = Self::checked_objection(obj.state, ObjectionState::Rebutted);
		obj.rebuttal = Some(rebuttal);
		obj.timer = None;
		Objections::<T>::insert(id, obj);
		Self::deposit_event(Event::RebuttalSubmitted { objection: id, rebuttal });
		Ok(())
	}

	/// 形成异议处理结果并反馈 (O5, O6): the event is the report to both sides. Upheld → 终止登记.
	/// Q10(f): flags (or clears) an administrative reconsideration or litigation of a decided
	/// objection's outcome.
	pub(crate) fn do_set_objection_review(
		who: T::AccountId,
		id: ObjectionId,
		document: Option<Digest>,
	) -> DispatchResult {
		let obj = Self::load_objection(id)?;
		let app = Self::load_application(obj.application)?;
		Self::ensure_operator(&who, app.institution)?;
		ensure!(
			matches!(
				obj.state,
				ObjectionState::Upheld | ObjectionState::Dismissed | ObjectionState::Disputed
			),
			Error::<T>::ObjectionNotDecided
		);
		match document {
			Some(d) => ObjectionReviews::<T>::insert(id, d),
			None => {
				ensure!(ObjectionReviews::<T>::contains_key(id), Error::<T>::NoReviewPending);
				ObjectionReviews::<T>::remove(id);
			}
		}
		Self::deposit_event(Event::ObjectionReviewPending { objection: id, document });
		Ok(())
	}

	pub(crate) fn do_decide_objection(
		who: T::AccountId,
		id: ObjectionId,
		upheld: bool,
		decision: Digest,
	) -> DispatchResult {
		let outcome = if upheld { ObjectionState::Upheld } else { ObjectionState::Dismissed };
		let (mut obj, mut app) = Self::decidable_objection(&who, id)?;
		obj.state = Self::checked_objection(obj.state, outcome);
		let application = obj.application;
		Self::deposit_event(Event::ObjectionDecided {
			objection: id,
			application,
			upheld,
			decision,
			subject: app.subject,
			objector: obj.objector.clone(),
		});
		Self::close_decided(id, &mut obj, &mut app, decision);
		if upheld {
			// YX-R §22 ¶3: "异议成立的，应当终止登记" (also §17(六)).
			Self::do_terminate(application, &mut app, id);
		}
		Applications::<T>::insert(application, app);
		Ok(())
	}

	/// Q32, YX-R §17(四)(五): decides the objection as showing that the subject has not agreed
	/// with an interested party, or that ownership is disputed (`flags`, at least one): the
	/// objection ends `Disputed`, both parties are notified (YX-R §22 ¶2), and the dispute is
	/// raised on the application with the objection as its source. Approval then waits for
	/// `resolve_dispute` (the resolution's digest); meanwhile the application may be refused
	/// under §17(四)/(五).
	pub(crate) fn do_decide_objection_as_dispute(
		who: T::AccountId,
		id: ObjectionId,
		flags: DisputeFlags,
		decision: Digest,
	) -> DispatchResult {
		ensure!(flags.any(), Error::<T>::NoDisputeFlag);
		let (mut obj, mut app) = Self::decidable_objection(&who, id)?;
		obj.state = Self::checked_objection(obj.state, ObjectionState::Disputed);
		let application = obj.application;
		Self::deposit_event(Event::ObjectionDisputed {
			objection: id,
			application,
			flags,
			decision,
			subject: app.subject,
			objector: obj.objector.clone(),
		});
		Self::close_decided(id, &mut obj, &mut app, decision);
		Self::raise_dispute(
			DisputeTarget::Application(application),
			DisputeSource::Objection(id),
			flags,
			decision,
		);
		Applications::<T>::insert(application, app);
		Ok(())
	}

	/// The objection `id` and its application, checked decidable by `who` (after the rebuttal
	/// or its lapse, the application in publicity or deferred).
	fn decidable_objection(
		who: &T::AccountId,
		id: ObjectionId,
	) -> Result<(ObjectionOf<T>, ApplicationOf<T>), DispatchError> {
		let obj = Self::load_objection(id)?;
		let app = Self::load_application(obj.application)?;
		Self::ensure_operator(who, app.institution)?;
		match obj.state {
			ObjectionState::Rebutted | ObjectionState::RebuttalLapsed => {}
			ObjectionState::Lodged => Err(Error::<T>::ObjectionNotForwarded)?,
			ObjectionState::Forwarded => Err(Error::<T>::RebuttalPeriodRunning)?,
			ObjectionState::Upheld
			| ObjectionState::Dismissed
			| ObjectionState::Closed
			| ObjectionState::Disputed => Err(Error::<T>::ObjectionAlreadyDecided)?,
		}
		ensure!(
			matches!(app.state, ApplicationState::InPublicity | ApplicationState::Deferred),
			Error::<T>::ApplicationClosed
		);
		Ok((obj, app))
	}

	/// Records the decision of objection `id` (its state already set), frees the objector's
	/// open place, notifies both parties and stores the objection.
	fn close_decided(
		id: ObjectionId,
		obj: &mut ObjectionOf<T>,
		app: &mut ApplicationOf<T>,
		decision: Digest,
	) {
		obj.decision = Some(decision);
		OpenObjectionsBy::<T>::mutate_exists(obj.application, &obj.objector, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
		obj.timer = None;
		app.open_objections = app.open_objections.saturating_sub(1);
		// YX-R §22 ¶2: the outcome is fed back to both parties, each notice with its time.
		Self::notify_outcome(id, obj, app.subject);
		Objections::<T>::insert(id, obj.clone());
	}

	/// Records the two notices of an objection's outcome (YX-R §22 ¶2 "反馈异议双方").
	fn notify_outcome(id: ObjectionId, obj: &mut ObjectionOf<T>, subject: dengji_primitives::Uscc) {
		let now = T::Clock::now();
		obj.notified_at = Some(now);
		obj.objector_notified_at = Some(now);
		Self::deposit_event(Event::OutcomeNotified {
			objection: id,
			party: NoticeParty::Subject(subject),
			at: now,
		});
		Self::deposit_event(Event::OutcomeNotified {
			objection: id,
			party: NoticeParty::Objector(obj.objector.clone()),
			at: now,
		});
	}

	/// Closes an undecided objection of an application that has ended (YX-R §22 ¶2): the
	/// objector and the subject are notified, each with its time.
	pub(crate) fn do_close_objection(id: ObjectionId) -> DispatchResult {
		let mut obj = Self::load_objection(id)?;
		ensure!(obj.state.is_open(), Error::<T>::ObjectionAlreadyDecided);
		let mut app =
			Applications::<T>::get(obj.application).ok_or(Error::<T>::ApplicationNotFound)?;
		ensure!(app.state.is_terminal(), Error::<T>::ApplicationNotEnded);
		obj.state = Self::checked_objection(obj.state, ObjectionState::Closed);
		obj.timer = None;
		OpenObjectionsBy::<T>::mutate_exists(obj.application, &obj.objector, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
		app.open_objections = app.open_objections.saturating_sub(1);
		let application = obj.application;
		Self::deposit_event(Event::ObjectionClosed { objection: id, application });
		Self::notify_outcome(id, &mut obj, app.subject);
		Objections::<T>::insert(id, obj);
		Applications::<T>::insert(application, app);
		Ok(())
	}
}
