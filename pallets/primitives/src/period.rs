//! Legal periods settable by the data authority (Q37; docs/spec/requirements.md §5.14).
//!
//! The measures fix the periods of the registration procedure (YX-R §16, §21, §22, §23), but
//! they are trial city measures that yield to newer provincial and national rules (YX-R §32), and
//! other cities count differently (requirements.md §5.13 X11, X12). So the periods are on-chain
//! parameters: the runtime gives each a default (the YX-R figure) and the bounds the data
//! authority may set it within ([`PeriodRules`]); the authority's setting takes effect from a day
//! it names ([`PeriodSetting`]), and deadlines computed before that day keep their length.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::calendar::DayIndex;

/// A legal period of the registration procedure that the data authority may set.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Period {
	/// YX-R §16 ¶1: accept or refuse within this many working days of receipt (3).
	Acceptance,
	/// YX-R §16 ¶1: formal review within this many working days of acceptance (20).
	Review,
	/// YX-R §16 ¶2: resubmission within this many working days of the deficiency notice (10).
	Supplement,
	/// YX-R §22 ¶1: publicity of this many working days (10).
	Publicity,
	/// YX-R §22 ¶2: an objection is forwarded to the subject within this many working days (3).
	ObjectionForward,
	/// YX-R §22 ¶2: the subject rebuts within this many working days of receiving it (10).
	Rebuttal,
	/// YX-R §21: a cancellation is completed within this many working days of acceptance (10).
	Cancellation,
	/// YX-R §23 ¶2: renewal is applied for in this many calendar days before expiry (60).
	RenewalWindow,
}

impl Period {
	/// Every period, in declaration order.
	pub const ALL: [Period; 8] = [
		Period::Acceptance,
		Period::Review,
		Period::Supplement,
		Period::Publicity,
		Period::ObjectionForward,
		Period::Rebuttal,
		Period::Cancellation,
		Period::RenewalWindow,
	];

	/// The article that sets the period.
	pub const fn article(self) -> &'static str {
		match self {
			Period::Acceptance | Period::Review => "YX-R §16 ¶1",
			Period::Supplement => "YX-R §16 ¶2",
			Period::Publicity => "YX-R §22 ¶1",
			Period::ObjectionForward | Period::Rebuttal => "YX-R §22 ¶2",
			Period::Cancellation => "YX-R §21",
			Period::RenewalWindow => "YX-R §23 ¶2",
		}
	}

	/// Whether the period counts working days (工作日); otherwise calendar days.
	pub const fn in_working_days(self) -> bool {
		!matches!(self, Period::RenewalWindow)
	}
}

/// The default of a period and the bounds the data authority may set it within (runtime
/// configuration), all in the period's unit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PeriodRule {
	/// The value while the authority has set none (the figure of the measures).
	pub default: u32,
	/// Smallest settable value (at least 1).
	pub min: u32,
	/// Largest settable value.
	pub max: u32,
}

impl PeriodRule {
	/// Whether `value` is within the bounds.
	pub const fn allows(&self, value: u32) -> bool {
		self.min <= value && value <= self.max
	}

	/// `value` brought within the bounds (a setting stored under earlier bounds).
	pub fn clamp(&self, value: u32) -> u32 {
		value.clamp(self.min, self.max.max(self.min))
	}

	/// Whether the rule itself is consistent: `1 <= min <= default <= max`.
	pub const fn is_consistent(&self) -> bool {
		1 <= self.min && self.min <= self.default && self.default <= self.max
	}
}

/// The runtime's defaults and bounds of the periods (Q37).
pub trait PeriodRules {
	/// The rule of `period`.
	fn rule(period: Period) -> PeriodRule;
}

/// The data authority's setting of one period: `value` from day `from` on (inclusive), `before`
/// until then (the value in force when the setting was made).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeriodSetting {
	/// The value set.
	pub value: u32,
	/// The first day it is in force.
	pub from: DayIndex,
	/// The value in force before `from`.
	pub before: u32,
}

impl PeriodSetting {
	/// The value in force on `today`.
	pub const fn on(&self, today: DayIndex) -> u32 {
		if today >= self.from {
			self.value
		} else {
			self.before
		}
	}
}
