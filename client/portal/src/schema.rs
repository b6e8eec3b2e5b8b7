//! The index schema, once for both databases: the tables, their key columns and column types.
//! The checked-in migrations (`migrations/sqlite`, `migrations/postgres`) create exactly these
//! columns (a test compares them); every upsert, digest and `check` comparison is generated from
//! this description, with values always bound as parameters.

/// SQL column type (both backends: `BIGINT` or `TEXT`; booleans are 0/1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
	/// 64-bit integer.
	Int,
	/// UTF-8 text.
	Text,
}

/// One table of the index.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
	/// Table name.
	pub name: &'static str,
	/// The first `key` columns are the primary key.
	pub key: usize,
	/// Columns (name, type) in the database's order: key first, then the columns of the first
	/// migration with `block_number` and `block_hash` (the block the row came from), then the
	/// columns later migrations appended.
	pub cols: &'static [(&'static str, Ty)],
	/// History tables are append-only (one row per event); state tables are upserted.
	pub history: bool,
	/// Whether `dengji-portal check` can recompute every row from the chain state (state
	/// tables keyed by a storage map key).
	pub from_state: bool,
}

impl Table {
	/// Column names.
	pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
		self.cols.iter().map(|(n, _)| *n)
	}

	/// Key column names.
	pub fn key_names(&self) -> impl Iterator<Item = &'static str> + '_ {
		self.cols[..self.key].iter().map(|(n, _)| *n)
	}

	/// Index of column `name`.
	pub fn col(&self, name: &str) -> Option<usize> {
		self.cols.iter().position(|(n, _)| *n == name)
	}
}

use Ty::{Int as I, Text as T};

/// Registration institutions (登记机构).
pub const INSTITUTIONS: Table = Table {
	name: "institutions",
	key: 1,
	cols: &[
		("division", I),
		("name", T),
		("status", T),
		("signing_key", T),
		("filed_at", I),
		("taken_over_by", I),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// Registration subjects (登记主体), public fields only (no accounts).
pub const SUBJECTS: Table = Table {
	name: "subjects",
	key: 1,
	cols: &[
		("uscc", T),
		("name", T),
		("division", I),
		("admitted_by", I),
		("admitted_at", I),
		("block_number", I),
		("block_hash", T),
		// Migration 4: the subject's accounts (comma-separated 0x hex), for consent tokens (Q24).
		("accounts", T),
	],
	history: false,
	from_state: true,
};

/// Applications with their state and running deadline.
pub const APPLICATIONS: Table = Table {
	name: "applications",
	key: 1,
	cols: &[
		("id", I),
		("kind", T),
		("object", T),
		("subject", T),
		("institution", I),
		("registration", I),
		("agreement", I),
		("data_name", T),
		("summary", T),
		("content_digest", T),
		("state", T),
		("submitted_at", I),
		("submitted_on", I),
		("submissions", I),
		("timer_kind", T),
		("timer_started_on", I),
		("timer_due", I),
		("timer_provisional", I),
		("timer_handled", I),
		("publicity_opened_on", I),
		("publicity_closes_on", I),
		("publicity_provisional", I),
		("publicity_closed", I),
		("objections", I),
		("open_objections", I),
		("dispute_interested_party", I),
		("dispute_ownership", I),
		("decision", T),
		("refusal", T),
		("certificate", T),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// Every deadline set, in working days (one row per event that started a legal clock).
pub const DEADLINES: Table = Table {
	name: "deadlines",
	key: 2,
	cols: &[
		("block_number", I),
		("event_index", I),
		("application", I),
		("objection", I),
		("kind", T),
		("working_days", I),
		("due", I),
		("provisional", I),
		("block_hash", T),
	],
	history: true,
	from_state: false,
};

/// Publicity notices, with the four fields of YX-R §22 ¶1 as published in `PublicityOpened`.
pub const NOTICES: Table = Table {
	name: "notices",
	key: 1,
	cols: &[
		("application", I),
		("institution", I),
		("subject_name", T),
		("kind", T),
		("data_name", T),
		("summary", T),
		("opened_on", I),
		("closes_on", I),
		("provisional", I),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: false,
};

/// Objections (异议); the objector only as a BLAKE2-256 digest of the account (no personal data).
pub const OBJECTIONS: Table = Table {
	name: "objections",
	key: 1,
	cols: &[
		("id", I),
		("application", I),
		("objector_digest", T),
		("content", T),
		("evidence", T),
		("lodged_on", I),
		("received_on", I),
		("rebuttal", T),
		("decision", T),
		("notified_at", I),
		("state", T),
		("timer_kind", T),
		("timer_due", I),
		("timer_provisional", I),
		("block_number", I),
		("block_hash", T),
		// 0002: the objector's outcome notice (YX-R §22 ¶2) and the clock's trigger day.
		("objector_notified_at", I),
		("timer_started_on", I),
	],
	history: false,
	from_state: true,
};

/// Registrations (登记证号 = id).
pub const REGISTRATIONS: Table = Table {
	name: "registrations",
	key: 1,
	cols: &[
		("id", I),
		("subject", T),
		("object", T),
		("institution", I),
		("data_name", T),
		("content_digest", T),
		("certificate", T),
		("agreement", I),
		("agreement_suspended", I),
		("agreement_terminated", I),
		("dispute_interested_party", I),
		("dispute_ownership", I),
		("status", T),
		("pending", I),
		("block_number", I),
		("block_hash", T),
		// 0002: the renewal or cancellation open on it (`LifecyclePending`, YX-R §23 ¶2, §21).
		("lifecycle_pending", I),
	],
	history: false,
	from_state: true,
};

/// Issued certificates (一证一码) with their current status.
pub const CERTIFICATES: Table = Table {
	name: "certificates",
	key: 1,
	cols: &[
		("code", T),
		("registration", I),
		("act", T),
		("object", T),
		("subject", T),
		("subject_name", T),
		("data_name", T),
		("content_digest", T),
		("issuer", I),
		("issuer_key", T),
		("issued_on", I),
		("issued_at", I),
		("valid_until", I),
		("previous", T),
		("status", T),
		("status_at", I),
		("status_detail", T),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// Certificate status history (one row per certificate event).
pub const CERTIFICATE_EVENTS: Table = Table {
	name: "certificate_events",
	key: 2,
	cols: &[
		("block_number", I),
		("event_index", I),
		("code", T),
		("event", T),
		("detail", T),
		("block_hash", T),
	],
	history: true,
	from_state: false,
};

/// Application and objection history: one row per `Registration` event that names an
/// application or an objection, with the state the application (and the objection) had at the
/// end of that block.
pub const APPLICATION_EVENTS: Table = Table {
	name: "application_events",
	key: 2,
	cols: &[
		("block_number", I),
		("event_index", I),
		("application", I),
		("objection", I),
		("event", T),
		("application_state", T),
		("objection_state", T),
		("block_hash", T),
	],
	history: true,
	from_state: false,
};

/// Authorised-operation agreements (授权运营协议).
pub const AGREEMENTS: Table = Table {
	name: "agreements",
	key: 1,
	cols: &[
		("id", I),
		("implementer", T),
		("operator", T),
		("term_start", I),
		("term_end", I),
		("document", T),
		("status", T),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// Supervision events: deadlines an institution missed (YX-R §26(四)).
pub const SUPERVISION: Table = Table {
	name: "supervision",
	key: 2,
	cols: &[
		("block_number", I),
		("event_index", I),
		("institution", I),
		("application", I),
		("objection", I),
		("deadline", T),
		("due", I),
		("provisional", I),
		("block_hash", T),
	],
	history: true,
	from_state: false,
};

/// The chain's official calendar years (holidays and make-up workdays as day indices).
pub const CALENDAR_YEARS: Table = Table {
	name: "calendar_years",
	key: 1,
	cols: &[
		("year", I),
		("holidays", T),
		("makeup_workdays", T),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// The chain's day clock (one row, id 0).
pub const CLOCK: Table = Table {
	name: "clock",
	key: 1,
	cols: &[
		("id", I),
		("origin_ms", I),
		("origin_day", I),
		("day_length_ms", I),
		("block_number", I),
		("block_hash", T),
	],
	history: false,
	from_state: true,
};

/// Every table whose rows come from the chain, in digest order.
pub const TABLES: &[&Table] = &[
	&INSTITUTIONS,
	&SUBJECTS,
	&APPLICATIONS,
	&DEADLINES,
	&NOTICES,
	&OBJECTIONS,
	&REGISTRATIONS,
	&CERTIFICATES,
	&CERTIFICATE_EVENTS,
	&APPLICATION_EVENTS,
	&AGREEMENTS,
	&SUPERVISION,
	&CALENDAR_YEARS,
	&CLOCK,
];

/// Legal period of each timer kind in working days (docs/spec/requirements.md §2.8; YX-R §16,
/// §21, §22).
pub fn working_days(kind: &str) -> Option<i64> {
	Some(match kind {
		"Acceptance" | "Forward" => 3,
		"Review" => 20,
		"Supplement" | "Publicity" | "Cancellation" | "Rebuttal" => 10,
		_ => return None,
	})
}

/// Whether the institution must act before a deadline of this kind (a miss is reported,
/// YX-R §26(四)).
pub fn binds_institution(kind: &str) -> bool {
	matches!(kind, "Acceptance" | "Review" | "Cancellation" | "Forward")
}

/// Application states (docs/spec/requirements.md §2.4), the `status` filter's values.
pub const APPLICATION_STATES: &[&str] = &[
	"Submitted",
	"SupplementRequested",
	"NotAccepted",
	"DeemedWithdrawn",
	"Withdrawn",
	"UnderReview",
	"Refused",
	"InPublicity",
	"Deferred",
	"Terminated",
	"Approved",
	"Closed",
];

/// Terminal application states.
/// (`Closed`: the registration ended while the application was open, YX-R §27, §23 ¶2.)
pub const TERMINAL_STATES: &[&str] = &dengji_client::query::TERMINAL_APPLICATION_STATES;

/// Terminal objection states (`Closed`: closed after its application ended, YX-R §22 ¶2).
pub const TERMINAL_OBJECTION_STATES: &[&str] = &dengji_client::query::TERMINAL_OBJECTION_STATES;

/// Application kinds (the `act` filter's values).
pub const APPLICATION_KINDS: &[&str] =
	&["FirstTime", "Change", "Correction", "Cancellation", "Renewal"];

/// Object kinds (the `object` filter's values).
pub const OBJECT_KINDS: &[&str] = &["DataResource", "DataProductOrService"];
