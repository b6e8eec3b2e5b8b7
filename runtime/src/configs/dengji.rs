//! Configuration of the Dengji pallets: calendar, institutions, certificate, registration.
//!
//! Periods are the working-day counts of the Yuxi measures (YX-R): their defaults and the bounds
//! the data authority may set them within are here (`LegalPeriods`, Q37), never chosen per call.

use super::{AuthorityOrigin, RuntimeBlockWeights};
use crate::{
	AccountId, Calendar, Certificate, CouncilMembership, Institutions, Runtime, RuntimeOrigin,
	Timestamp,
};
use dengji_primitives::{
	period::{Period, PeriodRule, PeriodRules},
	DivisionCode,
};
use frame_support::{
	parameter_types,
	traits::{ConstU16, ConstU32, ConstU8},
	weights::Weight,
	PalletId,
};
use pallet_calendar::StoredPeriod;
use sp_runtime::traits::AccountIdConversion;

impl pallet_calendar::Config for Runtime {
	type Time = Timestamp;
	type AuthorityOrigin = AuthorityOrigin;
	/// An official year lists about 30 holidays and 5–8 make-up workdays.
	type MaxDaysPerYear = ConstU32<64>;
	type PeriodRules = LegalPeriods;
	type WeightInfo = pallet_calendar::weights::SubstrateWeight<Runtime>;
}

/// Q37: the legal periods are on-chain parameters (`Calendar::set_period`, the data authority):
/// their defaults are the Yuxi measures' figures, and the authority may set each within these
/// bounds (1 to 60 working days; the renewal window 1 to 180 calendar days). The registration
/// and certificate pallets read the value in force through [`pallet_calendar::StoredPeriod`].
pub struct LegalPeriods;

impl PeriodRules for LegalPeriods {
	fn rule(period: Period) -> PeriodRule {
		let default = match period {
			// YX-R §16 ¶1: accept or refuse within 3 working days of receipt.
			Period::Acceptance => 3,
			// YX-R §16 ¶1: formal review within 20 working days of acceptance.
			Period::Review => 20,
			// YX-R §16 ¶2: resubmission within 10 working days of the deficiency notice.
			Period::Supplement => 10,
			// YX-R §22 ¶1: publicity of 10 working days.
			Period::Publicity => 10,
			// YX-R §22 ¶2: objection forwarded to the subject within 3 working days.
			Period::ObjectionForward => 3,
			// YX-R §22 ¶2: rebuttal within 10 working days of receiving the objection.
			Period::Rebuttal => 10,
			// YX-R §21: cancellation completed within 10 working days of acceptance.
			Period::Cancellation => 10,
			// YX-R §23 ¶2: renewal in the 60 calendar days before expiry.
			Period::RenewalWindow => 60,
		};
		let max = if period.in_working_days() { 60 } else { 180 };
		PeriodRule { default, min: 1, max }
	}
}

parameter_types! {
	/// The periods as `Get<Period>`, for [`StoredPeriod`].
	pub const AcceptancePeriod: Period = Period::Acceptance;
	/// See `AcceptancePeriod`.
	pub const ReviewPeriod: Period = Period::Review;
	/// See `AcceptancePeriod`.
	pub const SupplementPeriod: Period = Period::Supplement;
	/// See `AcceptancePeriod`.
	pub const PublicityPeriod: Period = Period::Publicity;
	/// See `AcceptancePeriod`.
	pub const ObjectionForwardPeriod: Period = Period::ObjectionForward;
	/// See `AcceptancePeriod`.
	pub const RebuttalPeriod: Period = Period::Rebuttal;
	/// See `AcceptancePeriod`.
	pub const CancellationPeriod: Period = Period::Cancellation;
	/// See `AcceptancePeriod`.
	pub const RenewalWindowPeriod: Period = Period::RenewalWindow;
}

impl pallet_institutions::Config for Runtime {
	type AuthorityOrigin = AuthorityOrigin;
	type Clock = Calendar;
	type NodeAllowList = NodeAuthorizationSync;
	/// The province data authority council may transact (governance calls) without being a
	/// registered participant.
	type ExtraParticipants = CouncilMembership;
	type MaxInstitutions = ConstU32<256>;
	type MaxOperators = ConstU32<16>;
	type MaxSubjectAccounts = ConstU32<8>;
	type MaxAgentsPerSubject = ConstU32<16>;
	/// Spam containment without a fee token (docs/spec/DESIGN.md §3 layer 2): one account gets at most
	/// 32 transactions into one 3-second block; the rest wait in the pool.
	type MaxTransactionsPerBlock = ConstU32<32>;
	type WeightInfo = pallet_institutions::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Certificates expiring on one day; overflow moves to the following days.
	pub const MaxExpiriesPerDay: u32 = 512;
}

impl pallet_certificate::Config for Runtime {
	type Clock = Calendar;
	type Directory = Institutions;
	/// YX-R §23 ¶1: three years.
	type ValidityYears = ConstU16<3>;
	/// YX-R §23 ¶2: renewal in the 60 calendar days before expiry (Q37: settable, `LegalPeriods`).
	type RenewalWindowDays = StoredPeriod<Runtime, RenewalWindowPeriod>;
	/// YX-R §23 ¶2: at most three more years.
	type MaxRenewalYears = ConstU8<3>;
	type MaxExpiriesPerDay = MaxExpiriesPerDay;
	/// YX-R §27, §23 ¶2: a revoked or expired certificate ends its registration.
	type OnCertificateEnded = crate::Registration;
	/// Issue 14 §2: the data authority decides whether SM2 co-signatures are required.
	type AuthorityOrigin = AuthorityOrigin;
	type WeightInfo = pallet_certificate::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

impl pallet_registration::Config for Runtime {
	type Clock = Calendar;
	type Directory = Institutions;
	type Ledger = Certificate;
	type AuthorityOrigin = AuthorityOrigin;
	/// The periods of YX-R §16, §21, §22 in force (Q37: set by the data authority within the
	/// bounds of `LegalPeriods`, whose defaults are the measures' figures).
	type AcceptanceWorkingDays = StoredPeriod<Runtime, AcceptancePeriod>;
	type ReviewWorkingDays = StoredPeriod<Runtime, ReviewPeriod>;
	type SupplementWorkingDays = StoredPeriod<Runtime, SupplementPeriod>;
	type PublicityWorkingDays = StoredPeriod<Runtime, PublicityPeriod>;
	type ForwardWorkingDays = StoredPeriod<Runtime, ObjectionForwardPeriod>;
	type RebuttalWorkingDays = StoredPeriod<Runtime, RebuttalPeriod>;
	type CancellationWorkingDays = StoredPeriod<Runtime, CancellationPeriod>;
	type MaxAgreementYears = ConstU16<5>;
	type MaxSummaryLen = ConstU32<512>;
	type MaxMaterials = ConstU32<16>;
	type MaxObjections = ConstU32<16>;
	/// One authorised-operation agreement covers an operator's whole product line for up to 5 years
	/// (YX-AO §17(二)); places are taken at submission (issue 10), so the bound never strands a product
	/// after publicity. 512 keeps `set_agreement_status` (linear in it, about 75 ms at 512) within a block.
	type MaxRegistrationsPerAgreement = ConstU32<512>;
	/// Deadlines queued for one day of the sweep, chain-wide; with the spill days below, up to
	/// 5 120 applications a day can start a clock (at 256 the chain refused first registrations
	/// with `DueQueueFull` after ~1 280 in one real day, a limit the measures do not make; a full
	/// day's queue is about 9 KB).
	type MaxDuePerDay = ConstU32<1024>;
	type MaxDueSpillDays = ConstU32<4>;
	/// Q11, Q31: the subject responds to an interested party's correction within 10 working
	/// days (by analogy with YX-R §22 ¶2).
	type CorrectionResponseWorkingDays = ConstU32<10>;
	/// YX-AO §16 ¶2: the city data authorities (pallet-institutions) record agreement filings.
	type CityAuthority = CityAuthorityOf;
	type WeightInfo = pallet_registration::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

/// Whether an account is the data authority of a city (`Institutions::CityAuthorities`), for the
/// filing of authorised-operation agreements (YX-AO §16 ¶2 "报本级数据主管部门备案").
pub struct CityAuthorityOf;
impl frame_support::traits::Contains<(AccountId, DivisionCode)> for CityAuthorityOf {
	fn contains((who, city): &(AccountId, DivisionCode)) -> bool {
		pallet_institutions::CityAuthorities::<Runtime>::get(who) == Some(*city)
	}
}

parameter_types! {
	/// Owner of allow-listed nodes whose institution has no validator account yet.
	pub const NodeOwnerPalletId: PalletId = PalletId(*b"dj/nodes");
}

/// Keeps `pallet-node-authorization`'s well-known nodes in step with the institutions' PeerIds
/// (permissioning layer 1): setting, replacing or clearing a PeerId, or disqualifying an
/// institution, changes the network allow-list in the same call. The node's owner is the
/// institution's validator account, or a keyless account derived from its division code.
pub struct NodeAuthorizationSync;

impl NodeAuthorizationSync {
	fn owner(institution: DivisionCode, owner: Option<&AccountId>) -> AccountId {
		owner.cloned().unwrap_or_else(|| {
			NodeOwnerPalletId::get().into_sub_account_truncating(institution.get())
		})
	}
}

impl pallet_institutions::NodeAllowList<AccountId> for NodeAuthorizationSync {
	fn peer_added(institution: DivisionCode, peer_id: &[u8], owner: Option<&AccountId>) {
		let node = sp_core::OpaquePeerId(peer_id.to_vec());
		let owner = Self::owner(institution, owner);
		// Failures (already listed, list full, PeerId too long) leave the list as it was; the
		// institution record stays the source of truth and the authority can repair the list.
		if let Err(e) =
			crate::NodeAuthorization::add_well_known_node(RuntimeOrigin::root(), node, owner.into())
		{
			log::warn!(
				target: "runtime::dengji",
				"allow-listing the node of {} failed: {:?}",
				institution.get(),
				e
			);
		}
	}

	fn peer_removed(institution: DivisionCode, peer_id: &[u8]) {
		let node = sp_core::OpaquePeerId(peer_id.to_vec());
		if let Err(e) =
			crate::NodeAuthorization::remove_well_known_node(RuntimeOrigin::root(), node)
		{
			log::warn!(
				target: "runtime::dengji",
				"removing the node of {} from the allow-list failed: {:?}",
				institution.get(),
				e
			);
		}
	}

	fn max_weight() -> Weight {
		use pallet_node_authorization::WeightInfo;
		<() as WeightInfo>::add_well_known_node()
			.saturating_add(<() as WeightInfo>::remove_well_known_node())
			.min(RuntimeBlockWeights::get().max_block)
	}
}
