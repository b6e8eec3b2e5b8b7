//! `try_state` invariants: every running clock is queued on a day the sweep has not passed,
//! objection counters match the objections, and a registration's pending application is open.

use crate::{pallet::*, types::*};
use dengji_primitives::ObjectKind;
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// `try_state`: each running timer is queued on a day not yet drained; objection counters
	/// match the objections; each registration's pending application exists and is open.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let cursor = DueCursor::<T>::get();
		// An unhandled timer is drained only once overdue, and draining handles it: so it is
		// still in its day's queue, which the sweep has not passed.
		let queued = |item: DueItem, t: &Timer| -> bool {
			t.handled
				|| (cursor.map(|c| t.queued_on >= c).unwrap_or(true)
					&& Due::<T>::get(t.queued_on).contains(&item))
		};
		for (id, app) in Applications::<T>::iter() {
			ensure!(id < NextApplicationId::<T>::get(), "application id beyond counter");
			if let Some(t) = app.timer.as_ref() {
				if !app.state.is_terminal() {
					ensure!(queued(DueItem::Application(id), t), "open window not queued");
				}
			}
			if app.state == ApplicationState::InPublicity {
				ensure!(app.publicity.is_some(), "publicity without a window");
			}
			// YX-R §15: a recorded business review was completed before the application.
			if let Some(r) = app.business_review.as_ref() {
				ensure!(r.reviewed_at <= app.submitted_at, "business review after the application");
			}
			// Q31: only an interested party's correction is notified to the subject.
			ensure!(
				app.subject_notice.is_none() || app.role == ApplicantRole::InterestedParty,
				"correction notice on another application"
			);
			// YX-R §18 ¶1, §19 ¶2: declared materials hold every kind required for the type.
			if !app.materials_by_kind.is_empty() {
				ensure!(
					MaterialKind::required_for(app.request.kind())
						.iter()
						.all(|k| app.materials_by_kind.iter().any(|m| m.kind == *k)),
					"declared materials miss a required kind"
				);
			}
			let objections: alloc::vec::Vec<ObjectionId> =
				ApplicationObjections::<T>::iter_key_prefix(id).collect();
			ensure!(objections.len() as u32 == app.objections, "objection count mismatch");
			let open_list: alloc::vec::Vec<_> = objections
				.iter()
				.filter_map(Objections::<T>::get)
				.filter(|o| o.state.is_open())
				.collect();
			let open = open_list.len() as u32;
			for o in &open_list {
				let by = open_list.iter().filter(|p| p.objector == o.objector).count() as u32;
				ensure!(
					OpenObjectionsBy::<T>::get(id, &o.objector) == by,
					"open objections per objector mismatch"
				);
			}
			if app.state != ApplicationState::Terminated {
				ensure!(open == app.open_objections, "open objection count mismatch");
			}
		}
		for (id, obj) in Objections::<T>::iter() {
			ensure!(id < NextObjectionId::<T>::get(), "objection id beyond counter");
			if let Some(t) = obj.timer.as_ref() {
				if obj.state.is_open() {
					ensure!(queued(DueItem::Objection(id), t), "objection clock not queued");
				}
			}
		}
		for (id, reg) in Registrations::<T>::iter() {
			ensure!(id < NextRegistrationId::<T>::get(), "registration id beyond counter");
			// Q42: only products and services list sources.
			ensure!(
				reg.derived_from.is_empty() || reg.object == ObjectKind::DataProductOrService,
				"sources on a resource registration"
			);
			if let Some(p) = reg.pending {
				let app = Applications::<T>::get(p).ok_or("pending application missing")?;
				ensure!(!app.state.is_terminal(), "pending application is closed");
				ensure!(!app.request.kind().is_lifecycle(), "renewal or cancellation in pending");
			}
		}
		// `MaxRegistrationsPerAgreement` is taken at submission: open first registrations are
		// counted, and with the registrations never exceed the bound.
		let mut open_places = alloc::collections::BTreeMap::<AgreementId, u32>::new();
		for (_, app) in Applications::<T>::iter() {
			if let (Request::FirstTime, Some(a), false, ObjectKind::DataProductOrService) =
				(app.request, app.agreement, app.state.is_terminal(), app.object)
			{
				*open_places.entry(a).or_default() += 1;
			}
		}
		for (id, a) in Agreements::<T>::iter() {
			let open = open_places.get(&id).copied().unwrap_or(0);
			ensure!(AgreementOpenApplications::<T>::get(id) == open, "open places miscounted");
			let registered = AgreementRegistrations::<T>::decode_len(id).unwrap_or(0) as u32;
			ensure!(
				registered.saturating_add(open) <= T::MaxRegistrationsPerAgreement::get(),
				"agreement places beyond the bound"
			);
			// YX-AO §16 ¶2: filed with a city data authority.
			if let Some(f) = a.filing {
				ensure!(
					f.filed_with.level() == dengji_primitives::DivisionLevel::City,
					"agreement filed below or above the city"
				);
			}
			// YX-R §18 ¶3: a duty not yet met or reported is queued.
			if let Some(d) = a.delivery {
				if d.met_on.is_none() {
					ensure!(queued(DueItem::Agreement(id), &d.timer), "duty clock not queued");
				}
			}
		}
		// YX-R §5, §18 ¶3: each provision is indexed under its agreement and holder, and a duty
		// not yet met or reported is queued.
		for (id, p) in Provisions::<T>::iter() {
			ensure!(id < NextProvisionId::<T>::get(), "provision id beyond the counter");
			ensure!(Agreements::<T>::contains_key(p.agreement), "provision without agreement");
			ensure!(
				ResourceDuties::<T>::get(p.agreement, p.holder) == Some(ResourceDuty::Provided(id)),
				"provision not indexed"
			);
			if p.met_on.is_none() {
				ensure!(queued(DueItem::Provision(id), &p.timer), "resource duty not queued");
			}
		}
		for (_, _, d) in ResourceDuties::<T>::iter() {
			if let ResourceDuty::Provided(id) = d {
				ensure!(Provisions::<T>::contains_key(id), "indexed provision missing");
			}
		}
		for (reg, p) in LifecyclePending::<T>::iter() {
			let app = Applications::<T>::get(p).ok_or("lifecycle application missing")?;
			ensure!(!app.state.is_terminal(), "lifecycle application is closed");
			ensure!(app.request.kind().is_lifecycle(), "change or correction in LifecyclePending");
			ensure!(app.registration == Some(reg), "lifecycle application of another registration");
		}
		// Q32: a raised dispute names at least one §17 paragraph, its target exists, and an
		// objection that raised one was decided `Disputed` on that application.
		for (target, source, d) in RaisedDisputes::<T>::iter() {
			ensure!(d.flags.any(), "raised dispute without a §17 paragraph");
			match target {
				DisputeTarget::Application(id) => {
					ensure!(Applications::<T>::contains_key(id), "dispute on a missing application")
				}
				DisputeTarget::Registration(id) => ensure!(
					Registrations::<T>::contains_key(id),
					"dispute on a missing registration"
				),
			}
			if let DisputeSource::Objection(o) = source {
				let obj = Objections::<T>::get(o).ok_or("dispute of a missing objection")?;
				ensure!(
					obj.state == ObjectionState::Disputed,
					"dispute of an undisputed objection"
				);
				ensure!(
					target == DisputeTarget::Application(obj.application),
					"objection's dispute on another target"
				);
			}
		}
		// Q22: the code list in force is sorted and distinct.
		if let Some(list) = ClassificationCodes::<T>::get() {
			ensure!(
				list.codes.windows(2).all(|w| w[0] < w[1]),
				"code list not sorted and distinct"
			);
		}
		Ok(())
	}
}
