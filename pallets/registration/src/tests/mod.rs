//! Tests, one module per feature. Each rule's test cites its article.

mod agreement;
mod application;
mod calendar;
mod deadlines;
mod decision;
mod objection;
mod publicity;

use crate::{mock::*, Event};

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
