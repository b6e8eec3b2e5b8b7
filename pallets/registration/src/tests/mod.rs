//! Tests, one module per feature. Each rule's test cites its article.

mod agreement;
mod application;
mod calendar;
mod deadlines;
mod decision;
mod dispute;
mod duty;
mod ended;
mod joint;
mod lifecycle;
mod lineage;
mod migration;
mod objection;
mod provision;
mod publicity;
mod refusal;
mod review;
mod standing;

use crate::{mock::*, Event, ObjectionId};
use dengji_primitives::ApplicationId;
use sp_runtime::DispatchResult;

// Thin call helpers: the call as `who`, with the digests the tests do not look at.

/// `accept_application` as `who`.
pub(crate) fn accept_as(who: AccountId, id: ApplicationId) -> DispatchResult {
	Registration::accept_application(RuntimeOrigin::signed(who), id)
}

/// `publish_application` as `who`.
pub(crate) fn publish_as(who: AccountId, id: ApplicationId) -> DispatchResult {
	Registration::publish_application(RuntimeOrigin::signed(who), id)
}

/// `approve_application` as `who`, decision digest `[9; 32]`.
pub(crate) fn approve_as(who: AccountId, id: ApplicationId) -> DispatchResult {
	Registration::approve_application(RuntimeOrigin::signed(who), id, [9u8; 32])
}

/// The subject's response to the interested party's correction `id` (Q31), digest `[22; 32]`:
/// the correction may be published at once.
pub(crate) fn respond_as_subject(id: ApplicationId) -> DispatchResult {
	Registration::respond_to_correction(RuntimeOrigin::signed(SUBJECT), id, [22u8; 32])
}

/// `lodge_objection` as `who`, objection and evidence digests `[1; 32]`, `[2; 32]`.
pub(crate) fn lodge_as(who: AccountId, id: ApplicationId) -> DispatchResult {
	Registration::lodge_objection(RuntimeOrigin::signed(who), id, [1u8; 32], [2u8; 32])
}

/// `forward_objection` as `who`.
pub(crate) fn forward_as(who: AccountId, objection: ObjectionId) -> DispatchResult {
	Registration::forward_objection(RuntimeOrigin::signed(who), objection)
}

/// The pallet's events so far.
pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Registration(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Whether any `InstitutionDeadlineMissed` was emitted.
pub(crate) fn supervision_events() -> usize {
	events().iter().filter(|e| matches!(e, Event::InstitutionDeadlineMissed { .. })).count()
}
