//! Typed builders of every role's calls, named after the pallets' dispatchables. Each returns a
//! [`Call`] to pass to [`Client::submit`](crate::Client::submit).
//!
//! Types shared through `dengji-primitives` are SCALE-encoded with the runtime's own codec;
//! pallet-local types (`BasicInfoInput`, `RefusalGround`, `DisputeFlags`…) are built as values
//! checked against the metadata by field and variant *name*, so a reordering in a pallet cannot
//! silently change their meaning.

use crate::{
	call::{Arg, Call},
	grounds::{CancellationGround, Ground, RefusalGround, RevocationGround},
};
use dengji_primitives::{
	traits::AgentScope, CertificateCode, Digest, DivisionCode, Ed25519Signature, Uscc,
};
use subxt::ext::scale_value::{Composite, Value};

/// Runtime pallet names: those whose storage the verification core reads come from
/// [`dengji_primitives::storage_names`] (the runtime's storage-key contract).
pub mod pallets {
	use dengji_primitives::storage_names;

	/// `pallet-registration`.
	pub const REGISTRATION: &str = "Registration";
	/// `pallet-certificate`.
	pub const CERTIFICATE: &str = storage_names::CERTIFICATE_PALLET;
	/// `pallet-institutions`.
	pub const INSTITUTIONS: &str = storage_names::INSTITUTIONS_PALLET;
	/// `pallet-calendar`.
	pub const CALENDAR: &str = "Calendar";
	/// `pallet-sudo` (dev chains only).
	pub const SUDO: &str = "Sudo";
	/// The province data authority's collective.
	pub const COUNCIL: &str = "Council";
	/// `pallet-membership` managing the council's members.
	pub const COUNCIL_MEMBERSHIP: &str = "CouncilMembership";
}

/// Application id (one application about a registration).
pub type ApplicationId = u64;
/// Objection id.
pub type ObjectionId = u64;
/// Registration number (登记证号).
pub type RegistrationId = u64;

fn bytes(b: &[u8]) -> Value<()> {
	Value::from_bytes(b)
}

fn digests(d: &[Digest]) -> Value<()> {
	Value::unnamed_composite(d.iter().map(|x| bytes(x)))
}

/// A `Uscc([u8; 18])` newtype as a value.
fn uscc_value(u: &Uscc) -> Value<()> {
	Value::unnamed_composite(vec![Value::unnamed_composite(
		u.as_bytes().iter().map(|b| Value::u128(u128::from(*b))),
	)])
}

fn unit_variant(name: &str) -> Value<()> {
	Value::variant(name, Composite::Unnamed(vec![]))
}

fn reg(name: &str, args: Vec<Arg>) -> Call {
	Call::new(pallets::REGISTRATION, name, args)
}

fn u64_arg(v: u64) -> Arg {
	Arg::scale(&v)
}

/// Public basic information of an application (`pallet_registration::BasicInfoInput`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BasicInfo {
	/// 数据名称, UTF-8.
	pub data_name: String,
	/// 数据内容简介, UTF-8.
	pub summary: String,
	/// BLAKE2-256 of the complete basic-information form.
	pub content_digest: Digest,
	/// BLAKE2-256 of each material.
	pub materials: Vec<Digest>,
}

impl BasicInfo {
	fn value(&self) -> Value<()> {
		Value::named_composite([
			("data_name", bytes(self.data_name.as_bytes())),
			("summary", bytes(self.summary.as_bytes())),
			("content_digest", bytes(&self.content_digest)),
			("materials", digests(&self.materials)),
		])
	}
}

/// Calls signed by an operator of a registration institution (登记机构).
pub mod institution {
	use super::*;

	/// `accept_application` (受理, YX-R §16 ¶1).
	pub fn accept(application: ApplicationId) -> Call {
		reg("accept_application", vec![u64_arg(application)])
	}

	/// `refuse_acceptance` (不予受理, YX-R §16 ¶2).
	pub fn refuse_acceptance(application: ApplicationId, reasons: Digest) -> Call {
		reg("refuse_acceptance", vec![u64_arg(application), Arg::scale(&reasons)])
	}

	/// `request_supplement` (一次性告知, YX-R §16 ¶2).
	pub fn request_supplement(application: ApplicationId, notice: Digest) -> Call {
		reg("request_supplement", vec![u64_arg(application), Arg::scale(&notice)])
	}

	/// `extend_supplement` (正当理由, Q28).
	pub fn extend_supplement(application: ApplicationId, reason: Digest) -> Call {
		reg("extend_supplement", vec![u64_arg(application), Arg::scale(&reason)])
	}

	/// Review passed: `publish_application` (公示, YX-R §22 ¶1).
	pub fn publish(application: ApplicationId) -> Call {
		reg("publish_application", vec![u64_arg(application)])
	}

	/// Review failed: `refuse_registration` (不予登记, YX-R §17, §13), the grounds encoded by
	/// variant name against the metadata.
	pub fn refuse(application: ApplicationId, grounds: &[RefusalGround], decision: Digest) -> Call {
		let grounds =
			Value::unnamed_composite(grounds.iter().map(|g| unit_variant(g.variant_name())));
		reg(
			"refuse_registration",
			vec![u64_arg(application), grounds.into(), Arg::scale(&decision)],
		)
	}

	/// `forward_objection` (转送, YX-R §22 ¶2).
	pub fn forward_objection(objection: ObjectionId) -> Call {
		reg("forward_objection", vec![u64_arg(objection)])
	}

	/// `decide_objection` (YX-R §22 ¶2–3): `upheld` terminates the application.
	pub fn decide_objection(objection: ObjectionId, upheld: bool, decision: Digest) -> Call {
		reg(
			"decide_objection",
			vec![u64_arg(objection), Arg::scale(&upheld), Arg::scale(&decision)],
		)
	}

	/// `set_objection_review` (Q10(f)): the decided objection's outcome is under administrative
	/// reconsideration or litigation (`document` Some: its digest), or no longer (None).
	pub fn set_objection_review(objection: ObjectionId, document: Option<Digest>) -> Call {
		reg("set_objection_review", vec![u64_arg(objection), Arg::scale(&document)])
	}

	/// `set_disputes` (YX-R §17(四)(五)).
	pub fn set_disputes(
		application: ApplicationId,
		interested_party: bool,
		ownership: bool,
		evidence: Digest,
	) -> Call {
		let flags = Value::named_composite([
			("interested_party", Value::bool(interested_party)),
			("ownership", Value::bool(ownership)),
		]);
		reg("set_disputes", vec![u64_arg(application), flags.into(), Arg::scale(&evidence)])
	}

	/// What a raised dispute blocks (`pallet_registration::DisputeTarget`, Q32).
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	pub enum DisputeTarget {
		/// An open application.
		Application(ApplicationId),
		/// An active registration.
		Registration(RegistrationId),
	}

	/// Where a raised dispute comes from (`pallet_registration::DisputeSource`, Q32).
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	pub enum DisputeSource {
		/// An objection decided as a dispute.
		Objection(ObjectionId),
		/// A complaint the data authority decided upheld (its number).
		Complaint(u32),
	}

	fn dispute_flags(interested_party: bool, ownership: bool) -> Value<()> {
		Value::named_composite([
			("interested_party", Value::bool(interested_party)),
			("ownership", Value::bool(ownership)),
		])
	}

	fn target_value(target: DisputeTarget) -> Value<()> {
		let (name, id) = match target {
			DisputeTarget::Application(id) => ("Application", id),
			DisputeTarget::Registration(id) => ("Registration", id),
		};
		Value::variant(name, Composite::Unnamed(vec![Value::u128(u128::from(id))]))
	}

	fn source_value(source: DisputeSource) -> Value<()> {
		let (name, id) = match source {
			DisputeSource::Objection(id) => ("Objection", id),
			DisputeSource::Complaint(id) => ("Complaint", u64::from(id)),
		};
		Value::variant(name, Composite::Unnamed(vec![Value::u128(u128::from(id))]))
	}

	/// `decide_objection_as_dispute` (Q32, YX-R §17(四)(五)): the objection shows no agreement
	/// with an interested party and/or an ownership dispute; raised on its application.
	pub fn decide_objection_as_dispute(
		objection: ObjectionId,
		interested_party: bool,
		ownership: bool,
		decision: Digest,
	) -> Call {
		reg(
			"decide_objection_as_dispute",
			vec![
				u64_arg(objection),
				dispute_flags(interested_party, ownership).into(),
				Arg::scale(&decision),
			],
		)
	}

	/// `raise_complaint_dispute` (Q32, YX-R §25(二)): a complaint decided upheld raises a
	/// dispute on `target`.
	pub fn raise_complaint_dispute(
		target: DisputeTarget,
		complaint: u32,
		interested_party: bool,
		ownership: bool,
		decision: Digest,
	) -> Call {
		reg(
			"raise_complaint_dispute",
			vec![
				target_value(target).into(),
				Arg::scale(&complaint),
				dispute_flags(interested_party, ownership).into(),
				Arg::scale(&decision),
			],
		)
	}

	/// `resolve_dispute` (Q32): records the resolution (`resolution` its digest) of the dispute
	/// raised on `target` from `source`.
	pub fn resolve_dispute(
		target: DisputeTarget,
		source: DisputeSource,
		resolution: Digest,
	) -> Call {
		reg(
			"resolve_dispute",
			vec![target_value(target).into(), source_value(source).into(), Arg::scale(&resolution)],
		)
	}

	/// `approve_application` (准予登记): drafts the certificate (`CertificateDrafted`).
	pub fn approve(application: ApplicationId, decision: Digest) -> Call {
		reg("approve_application", vec![u64_arg(application), Arg::scale(&decision)])
	}

	/// `Certificate::issue` with the institution's ed25519 signature over the draft's
	/// `signing_payload(genesis_hash)`. See [`Client::issue_certificate`](crate::Client::issue_certificate),
	/// which reads the draft and signs it.
	pub fn issue(code: CertificateCode, signature: Ed25519Signature) -> Call {
		Call::new(pallets::CERTIFICATE, "issue", vec![Arg::scale(&code), Arg::scale(&signature)])
	}

	/// `Certificate::rekey_draft`: take the institution's current key into a draft.
	pub fn rekey_draft(code: CertificateCode) -> Call {
		Call::new(pallets::CERTIFICATE, "rekey_draft", vec![Arg::scale(&code)])
	}

	/// `Certificate::revoke` (撤销, YX-R §27).
	pub fn revoke(code: CertificateCode, ground: RevocationGround, decision: Digest) -> Call {
		Call::new(
			pallets::CERTIFICATE,
			"revoke",
			vec![Arg::scale(&code), Arg::scale(&ground), Arg::scale(&decision)],
		)
	}

	/// `Institutions::admit_subject`: admits a registration subject and the accounts it acts
	/// through.
	pub fn admit_subject(
		uscc: Uscc,
		name: &str,
		division: DivisionCode,
		accounts: &[[u8; 32]],
	) -> Call {
		Call::new(
			pallets::INSTITUTIONS,
			"admit_subject",
			vec![
				Arg::scale(&uscc),
				Arg::scale(&name.as_bytes().to_vec()),
				Arg::scale(&division),
				Arg::scale(&accounts.to_vec()),
			],
		)
	}

	/// `Institutions::record_real_name` (实名, YX-R §22): `organisation` selects
	/// `PersonKind::Organisation`, else `Individual`.
	pub fn record_real_name(
		account: [u8; 32],
		identity_digest: Digest,
		organisation: bool,
	) -> Call {
		let kind = unit_variant(if organisation { "Organisation" } else { "Individual" });
		Call::new(
			pallets::INSTITUTIONS,
			"record_real_name",
			vec![Arg::scale(&account), Arg::scale(&identity_digest), kind.into()],
		)
	}
}

/// Calls signed by a registration subject (登记主体) or its agent.
pub mod subject {
	use super::*;

	/// `submit_first_time` (首次登记, YX-R §18). `product` selects `DataProductOrService`
	/// (then `agreement` is required), else `DataResource`.
	pub fn apply(
		institution: DivisionCode,
		subject: Uscc,
		object: dengji_primitives::ObjectKind,
		agreement: Option<u64>,
		info: &BasicInfo,
	) -> Call {
		reg(
			"submit_first_time",
			vec![
				Arg::scale(&institution),
				Arg::scale(&subject),
				Arg::scale(&object),
				Arg::scale(&agreement),
				info.value().into(),
			],
		)
	}

	/// `submit_change` (变更登记, YX-R §19).
	pub fn change(registration: RegistrationId, info: &BasicInfo) -> Call {
		reg("submit_change", vec![u64_arg(registration), info.value().into()])
	}

	/// `submit_correction` (更正登记, YX-R §20).
	pub fn correct(registration: RegistrationId, info: &BasicInfo, evidence: Digest) -> Call {
		reg(
			"submit_correction",
			vec![u64_arg(registration), info.value().into(), Arg::scale(&evidence)],
		)
	}

	/// `submit_cancellation` (注销登记, YX-R §21).
	pub fn cancel(
		registration: RegistrationId,
		ground: CancellationGround,
		materials: &[Digest],
	) -> Call {
		reg(
			"submit_cancellation",
			vec![u64_arg(registration), Arg::scale(&ground), Arg::scale(&materials.to_vec())],
		)
	}

	/// `submit_cancellation_on_succession` (注销登记, YX-R §21(三), Q8): a cancellation of
	/// `registration`, whose subject ceased to exist, applied for by its legal successor
	/// (`successor` Some: the signer acts for that subject) or by a liquidator (`successor`
	/// None: the signer, a real-name participant), with the digest of the succession or
	/// liquidation document.
	pub fn cancel_on_succession(
		registration: RegistrationId,
		successor: Option<Uscc>,
		document: Digest,
		materials: &[Digest],
	) -> Call {
		let applicant = match successor {
			Some(s) => Value::unnamed_variant("Successor", [uscc_value(&s)]),
			None => unit_variant("Liquidator"),
		};
		reg(
			"submit_cancellation_on_succession",
			vec![
				u64_arg(registration),
				applicant.into(),
				Arg::scale(&document),
				Arg::scale(&materials.to_vec()),
			],
		)
	}

	/// `submit_renewal` (续展, YX-R §23 ¶2) for `years` (1..=3).
	pub fn renew(registration: RegistrationId, years: u8, materials: &[Digest]) -> Call {
		reg(
			"submit_renewal",
			vec![u64_arg(registration), Arg::scale(&years), Arg::scale(&materials.to_vec())],
		)
	}

	/// `resubmit_application`: the supplement after a deficiency notice (YX-R §16 ¶2).
	pub fn supplement(application: ApplicationId, info: &BasicInfo) -> Call {
		reg("resubmit_application", vec![u64_arg(application), info.value().into()])
	}

	/// `withdraw_application` (撤回, YX-R §18 ¶2).
	pub fn withdraw(application: ApplicationId) -> Call {
		reg("withdraw_application", vec![u64_arg(application)])
	}

	/// `declare_derived_from` (Q42, YX-AO §24): the registrations a product or service derives
	/// from, each with the digest of its holder's consent where the chain needs one.
	pub fn declare_derived_from(
		application: ApplicationId,
		sources: &[(RegistrationId, Option<Digest>)],
	) -> Call {
		let sources = Value::unnamed_composite(sources.iter().map(|(registration, consent)| {
			let consent = match consent {
				Some(d) => Value::variant("Some", Composite::Unnamed(vec![bytes(d)])),
				None => unit_variant("None"),
			};
			Value::named_composite([
				("registration", Value::u128(u128::from(*registration))),
				("consent", consent),
			])
		}));
		reg("declare_derived_from", vec![u64_arg(application), sources.into()])
	}

	/// `declare_co_subjects` (YX-R §15, §12(八), Q30): the co-subjects of a joint application,
	/// each with the digest of its written consent, or None when it signs itself
	/// ([`consent_as_co_subject`]).
	pub fn declare_co_subjects(
		application: ApplicationId,
		co_subjects: &[(Uscc, Option<Digest>)],
	) -> Call {
		let list = Value::unnamed_composite(co_subjects.iter().map(|(uscc, consent)| {
			let consent = match consent {
				Some(d) => Value::variant("Some", Composite::Unnamed(vec![bytes(d)])),
				None => unit_variant("None"),
			};
			Value::named_composite([("subject", uscc_value(uscc)), ("consent", consent)])
		}));
		reg("declare_co_subjects", vec![u64_arg(application), list.into()])
	}

	/// `consent_as_co_subject` (共同提出, YX-R §15): signed by the co-subject or its agent.
	pub fn consent_as_co_subject(application: ApplicationId, co_subject: Uscc) -> Call {
		reg("consent_as_co_subject", vec![u64_arg(application), Arg::scale(&co_subject)])
	}

	/// `declare_basic_details` (YX-R §12, YX-AO §31, YN-D §15): the typed basic information
	/// and classification of a first, change or correction application before publicity.
	pub fn declare_basic_details(
		application: ApplicationId,
		details: &dengji_primitives::catalogue::BasicDetails,
	) -> Call {
		reg("declare_basic_details", vec![u64_arg(application), Arg::scale(details)])
	}

	/// `record_business_review` (业务审核, YX-R §14, §15, Q21): the body that reviewed (its
	/// USCC), the digest of its attestation and when the review was completed (ms since the
	/// epoch, not after the application).
	pub fn record_business_review(
		application: ApplicationId,
		reviewer: Uscc,
		attestation: Digest,
		reviewed_at_ms: u64,
	) -> Call {
		reg(
			"record_business_review",
			vec![
				u64_arg(application),
				Arg::scale(&reviewer),
				Arg::scale(&attestation),
				Arg::scale(&reviewed_at_ms),
			],
		)
	}

	/// `respond_to_correction` (Q11, Q31, YX-R §20): the subject's response (its written consent
	/// or its reply) to an interested party's correction, within the response period.
	pub fn respond_to_correction(application: ApplicationId, response: Digest) -> Call {
		reg("respond_to_correction", vec![u64_arg(application), Arg::scale(&response)])
	}

	/// The kind of an application material (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3, Q34); encoded by
	/// variant name.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	pub enum MaterialKind {
		/// 首次登记申请表 / 变更登记申请书.
		ApplicationForm,
		/// 公共数据资源基本信息表.
		BasicInformationForm,
		/// 来源合规性及存证情况证明材料.
		SourceComplianceAndEvidence,
		/// 产品和服务信息、应用场景信息、数据安全风险评估材料.
		ProductScenarioAndRiskAssessment,
		/// 无权属争议的书面承诺.
		NoDisputeUndertaking,
		/// 身份证明相关材料.
		IdentityProof,
		/// 委托书.
		PowerOfAttorney,
		/// 原登记凭证.
		OriginalCertificate,
		/// 更正登记内容佐证材料.
		CorrectionEvidence,
		/// 更正内容真实性承诺书.
		TruthfulnessUndertaking,
		/// Other materials.
		Other,
	}

	impl MaterialKind {
		/// Every kind, in the pallet's order.
		pub const ALL: [MaterialKind; 11] = [
			Self::ApplicationForm,
			Self::BasicInformationForm,
			Self::SourceComplianceAndEvidence,
			Self::ProductScenarioAndRiskAssessment,
			Self::NoDisputeUndertaking,
			Self::IdentityProof,
			Self::PowerOfAttorney,
			Self::OriginalCertificate,
			Self::CorrectionEvidence,
			Self::TruthfulnessUndertaking,
			Self::Other,
		];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::ApplicationForm => "ApplicationForm",
				Self::BasicInformationForm => "BasicInformationForm",
				Self::SourceComplianceAndEvidence => "SourceComplianceAndEvidence",
				Self::ProductScenarioAndRiskAssessment => "ProductScenarioAndRiskAssessment",
				Self::NoDisputeUndertaking => "NoDisputeUndertaking",
				Self::IdentityProof => "IdentityProof",
				Self::PowerOfAttorney => "PowerOfAttorney",
				Self::OriginalCertificate => "OriginalCertificate",
				Self::CorrectionEvidence => "CorrectionEvidence",
				Self::TruthfulnessUndertaking => "TruthfulnessUndertaking",
				Self::Other => "Other",
			}
		}
	}

	/// `declare_materials` (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3, Q34): the application's materials by kind;
	/// the chain refuses a list missing a kind the measures require for the type.
	pub fn declare_materials(
		application: ApplicationId,
		materials: &[(MaterialKind, Digest)],
	) -> Call {
		let list = Value::unnamed_composite(materials.iter().map(|(kind, digest)| {
			Value::named_composite([
				("kind", unit_variant(kind.variant_name())),
				("digest", bytes(digest)),
			])
		}));
		reg("declare_materials", vec![u64_arg(application), list.into()])
	}

	/// `submit_rebuttal` (异议申辩, YX-R §22 ¶2).
	pub fn rebut(objection: ObjectionId, rebuttal: Digest) -> Call {
		reg("submit_rebuttal", vec![u64_arg(objection), Arg::scale(&rebuttal)])
	}

	/// `Institutions::grant_power_of_attorney` (委托书) to `agent` until `expires_on`.
	pub fn grant_power_of_attorney(
		subject: Uscc,
		agent: [u8; 32],
		scope: AgentScope,
		expires_on: u32,
		document: Digest,
	) -> Call {
		Call::new(
			pallets::INSTITUTIONS,
			"grant_power_of_attorney",
			vec![
				Arg::scale(&subject),
				Arg::scale(&agent),
				Arg::scale(&scope),
				Arg::scale(&expires_on),
				Arg::scale(&document),
			],
		)
	}
}

/// Calls signed by a real-name person or organisation.
pub mod objector {
	use super::*;

	/// `lodge_objection` during publicity (提出异议, YX-R §22 ¶2).
	pub fn object(application: ApplicationId, content: Digest, evidence: Digest) -> Call {
		reg(
			"lodge_objection",
			vec![u64_arg(application), Arg::scale(&content), Arg::scale(&evidence)],
		)
	}
}

/// Permissionless housekeeping calls any participant may send (free when they do work).
pub mod anyone {
	use super::*;

	/// `close_publicity` once the publicity window is over.
	pub fn close_publicity(application: ApplicationId) -> Call {
		reg("close_publicity", vec![u64_arg(application)])
	}

	/// `expire_supplement`: the application is deemed withdrawn.
	pub fn expire_supplement(application: ApplicationId) -> Call {
		reg("expire_supplement", vec![u64_arg(application)])
	}

	/// `expire_rebuttal`: records the lapse (decides nothing, Q9).
	pub fn expire_rebuttal(objection: ObjectionId) -> Call {
		reg("expire_rebuttal", vec![u64_arg(objection)])
	}

	/// `Certificate::expire`: cancels and announces an expired certificate.
	pub fn expire_certificate(code: CertificateCode) -> Call {
		Call::new(pallets::CERTIFICATE, "expire", vec![Arg::scale(&code)])
	}
}

/// Data authority (数据主管部门) calls. On dev chains they go through `Sudo::sudo`
/// ([`authority::sudo`]); on real chains through a `Council` motion.
pub mod authority {
	use super::*;
	use dengji_primitives::Ed25519Public;

	fn inst(name: &str, args: Vec<Arg>) -> Call {
		Call::new(pallets::INSTITUTIONS, name, args)
	}

	/// `register_institution` (province and city institutions).
	pub fn register_institution(division: DivisionCode, name: &str, key: Ed25519Public) -> Call {
		inst(
			"register_institution",
			vec![Arg::scale(&division), Arg::scale(&name.as_bytes().to_vec()), Arg::scale(&key)],
		)
	}

	/// `add_operator` of an institution.
	pub fn add_operator(division: DivisionCode, who: [u8; 32]) -> Call {
		inst("add_operator", vec![Arg::scale(&division), Arg::scale(&who)])
	}

	/// `rotate_signing_key` of an institution.
	pub fn rotate_signing_key(division: DivisionCode, new_key: Ed25519Public) -> Call {
		inst("rotate_signing_key", vec![Arg::scale(&division), Arg::scale(&new_key)])
	}

	/// `suspend_institution` (YX-R §26; an interview, 约谈, is `sanction` and does not suspend).
	pub fn suspend(division: DivisionCode) -> Call {
		inst("suspend_institution", vec![Arg::scale(&division)])
	}

	/// `reinstate_institution`.
	pub fn reinstate(division: DivisionCode) -> Call {
		inst("reinstate_institution", vec![Arg::scale(&division)])
	}

	/// `disqualify_institution` (取消资格, YX-R §26).
	pub fn disqualify(division: DivisionCode) -> Call {
		inst("disqualify_institution", vec![Arg::scale(&division)])
	}

	/// The ground of a sanction on an institution, YX-R §26 (一)–(五); encoded by variant name.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
	pub enum SanctionGround {
		/// (一) 开展虚假登记: false registration.
		FalseRegistration,
		/// (二) 擅自篡改、伪造电子凭证: tampering with or forging electronic certificates.
		CertificateTampering,
		/// (三) 私自泄露登记信息或者利用登记信息进行不正当获利: leaking or profiting from
		/// registration information.
		InformationLeak,
		/// (四) 履职不当或者拒不履职: improper performance or refusal to perform.
		ImproperPerformance,
		/// (五) 其他违反法律法规的情况: other violations.
		OtherViolation,
	}

	impl SanctionGround {
		/// Every ground, in the order of YX-R §26.
		pub const ALL: [SanctionGround; 5] = [
			Self::FalseRegistration,
			Self::CertificateTampering,
			Self::InformationLeak,
			Self::ImproperPerformance,
			Self::OtherViolation,
		];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::FalseRegistration => "FalseRegistration",
				Self::CertificateTampering => "CertificateTampering",
				Self::InformationLeak => "InformationLeak",
				Self::ImproperPerformance => "ImproperPerformance",
				Self::OtherViolation => "OtherViolation",
			}
		}
	}

	/// The measure of a sanction (YX-R §26); only `Suspension` and `Disqualification` change
	/// the institution's status.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
	pub enum SanctionMeasure {
		/// 约谈: interview (does not suspend).
		Interview,
		/// 现场指导: on-site guidance (does not suspend).
		OnSiteGuidance,
		/// 暂停: suspension.
		Suspension,
		/// 取消登记机构资格: disqualification (final).
		Disqualification,
	}

	impl SanctionMeasure {
		/// Every measure.
		pub const ALL: [SanctionMeasure; 4] =
			[Self::Interview, Self::OnSiteGuidance, Self::Suspension, Self::Disqualification];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::Interview => "Interview",
				Self::OnSiteGuidance => "OnSiteGuidance",
				Self::Suspension => "Suspension",
				Self::Disqualification => "Disqualification",
			}
		}
	}

	/// `Institutions::sanction` (YX-R §26): the ground, the measure and the digest of the written
	/// decision; an interview or on-site guidance does not suspend the institution.
	pub fn sanction(
		division: DivisionCode,
		ground: SanctionGround,
		measure: SanctionMeasure,
		decision: Digest,
	) -> Call {
		inst(
			"sanction",
			vec![
				Arg::scale(&division),
				unit_variant(ground.variant_name()).into(),
				unit_variant(measure.variant_name()).into(),
				Arg::scale(&decision),
			],
		)
	}

	/// `Institutions::file_county_institution` (备案, YX-R §7 ¶2): by the county data authority
	/// for its own county (or the city authority where the county has none).
	pub fn file_county_institution(division: DivisionCode, name: &str, key: Ed25519Public) -> Call {
		inst(
			"file_county_institution",
			vec![Arg::scale(&division), Arg::scale(&name.as_bytes().to_vec()), Arg::scale(&key)],
		)
	}

	/// `Institutions::file_institution` (备案 with the filing document's digest): a city
	/// institution by its city data authority, filed with the province (YN-D §45 ¶2); a county
	/// institution as `file_county_institution`, filed with the city (YX-R §7 ¶2).
	pub fn file_institution(
		division: DivisionCode,
		name: &str,
		key: Ed25519Public,
		reference: Digest,
	) -> Call {
		inst(
			"file_institution",
			vec![
				Arg::scale(&division),
				Arg::scale(&name.as_bytes().to_vec()),
				Arg::scale(&key),
				Arg::scale(&reference),
			],
		)
	}

	/// `Institutions::set_county_authority` (YX-R §7 ¶2): by the province or the county's city
	/// authority.
	pub fn set_county_authority(who: [u8; 32], county: DivisionCode) -> Call {
		inst("set_county_authority", vec![Arg::scale(&who), Arg::scale(&county)])
	}

	/// `Institutions::remove_county_authority`.
	pub fn remove_county_authority(who: [u8; 32]) -> Call {
		inst("remove_county_authority", vec![Arg::scale(&who)])
	}

	/// Where a complaint is referred, YX-R §25(二): the institution complained about or a
	/// department §25 names; encoded by variant name.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
	pub enum ComplaintReferral {
		/// 登记机构: the registration institution complained about.
		Institution,
		/// 网信: the cyberspace administration.
		Cyberspace,
		/// 政务服务: the government services administration.
		GovernmentServices,
		/// 财政: the finance department.
		Finance,
		/// 国资: the state-owned assets department.
		StateAssets,
		/// 行业主管部门: an industry regulator.
		IndustryRegulator,
	}

	impl ComplaintReferral {
		/// Every referral, in the order of YX-R §25.
		pub const ALL: [ComplaintReferral; 6] = [
			Self::Institution,
			Self::Cyberspace,
			Self::GovernmentServices,
			Self::Finance,
			Self::StateAssets,
			Self::IndustryRegulator,
		];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::Institution => "Institution",
				Self::Cyberspace => "Cyberspace",
				Self::GovernmentServices => "GovernmentServices",
				Self::Finance => "Finance",
				Self::StateAssets => "StateAssets",
				Self::IndustryRegulator => "IndustryRegulator",
			}
		}
	}

	/// The ground of a service institution's suspension or removal, YX-R §28 (虚假记载, 误导性陈述,
	/// 信息泄露, 等违法违规行为); encoded by variant name.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
	pub enum ServiceMisconduct {
		/// 虚假记载: a false record.
		FalseRecord,
		/// 误导性陈述: a misleading statement.
		MisleadingStatement,
		/// 信息泄露: an information leak.
		InformationLeak,
		/// 等违法违规行为: another violation.
		OtherViolation,
	}

	impl ServiceMisconduct {
		/// Every ground, in the order of YX-R §28.
		pub const ALL: [ServiceMisconduct; 4] = [
			Self::FalseRecord,
			Self::MisleadingStatement,
			Self::InformationLeak,
			Self::OtherViolation,
		];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::FalseRecord => "FalseRecord",
				Self::MisleadingStatement => "MisleadingStatement",
				Self::InformationLeak => "InformationLeak",
				Self::OtherViolation => "OtherViolation",
			}
		}
	}

	fn optional_ground(ground: Option<ServiceMisconduct>) -> Arg {
		match ground {
			Some(g) => {
				Value::variant("Some", Composite::Unnamed(vec![unit_variant(g.variant_name())]))
			}
			None => unit_variant("None"),
		}
		.into()
	}

	/// `Institutions::lodge_complaint` (投诉举报, YX-R §25(二)): signed by a real-name
	/// participant, who lodges it, or by a data authority supervising `institution`, who
	/// records one received off chain. `content`: BLAKE2-256 of the complaint (kept off chain).
	pub fn lodge_complaint(institution: DivisionCode, content: Digest) -> Call {
		inst("lodge_complaint", vec![Arg::scale(&institution), Arg::scale(&content)])
	}

	/// `Institutions::refer_complaint` (YX-R §25(二)): by a data authority supervising the
	/// complaint's institution.
	pub fn refer_complaint(id: u32, to: ComplaintReferral) -> Call {
		inst("refer_complaint", vec![Arg::scale(&id), unit_variant(to.variant_name()).into()])
	}

	/// `Institutions::decide_complaint` (YX-R §25(二)): `upheld` selects `Upheld`, else
	/// `Dismissed`; `decision`: BLAKE2-256 of the written decision. Final.
	pub fn decide_complaint(id: u32, upheld: bool, decision: Digest) -> Call {
		let outcome = unit_variant(if upheld { "Upheld" } else { "Dismissed" });
		inst("decide_complaint", vec![Arg::scale(&id), outcome.into(), Arg::scale(&decision)])
	}

	/// `Institutions::register_service_institution` (第三方专业服务机构, YX-R §11, §28): by the
	/// province or a city data authority; `accounts`: the accounts it acts through.
	pub fn register_service_institution(uscc: Uscc, name: &str, accounts: &[[u8; 32]]) -> Call {
		inst(
			"register_service_institution",
			vec![
				Arg::scale(&uscc),
				Arg::scale(&name.as_bytes().to_vec()),
				Arg::scale(&accounts.to_vec()),
			],
		)
	}

	/// `Institutions::suspend_service_institution` (YX-R §28): `ground` if the decision is for
	/// misconduct; its agents' powers of attorney are inert while suspended.
	pub fn suspend_service_institution(
		uscc: Uscc,
		ground: Option<ServiceMisconduct>,
		decision: Digest,
	) -> Call {
		inst(
			"suspend_service_institution",
			vec![Arg::scale(&uscc), optional_ground(ground), Arg::scale(&decision)],
		)
	}

	/// `Institutions::reinstate_service_institution`.
	pub fn reinstate_service_institution(uscc: Uscc) -> Call {
		inst("reinstate_service_institution", vec![Arg::scale(&uscc)])
	}

	/// `Institutions::remove_service_institution` (YX-R §28): final; `ground` if for misconduct.
	pub fn remove_service_institution(
		uscc: Uscc,
		ground: Option<ServiceMisconduct>,
		decision: Digest,
	) -> Call {
		inst(
			"remove_service_institution",
			vec![Arg::scale(&uscc), optional_ground(ground), Arg::scale(&decision)],
		)
	}

	/// `Council::propose`: a motion of the province data authority's collective carrying the
	/// encoded inner call; executed once `threshold` members approve and it is closed.
	pub fn propose(threshold: u32, inner_call_data: Vec<u8>) -> Call {
		let len = u32::try_from(inner_call_data.len()).unwrap_or(u32::MAX);
		Call::new(
			pallets::COUNCIL,
			"propose",
			vec![
				Arg::scale(&codec::Compact(threshold)),
				Arg::Scale(inner_call_data),
				Arg::scale(&codec::Compact(len)),
			],
		)
	}

	/// `Council::vote` on motion `index` with hash `proposal` (BLAKE2-256 of the inner call).
	pub fn vote(proposal: [u8; 32], index: u32, approve: bool) -> Call {
		Call::new(
			pallets::COUNCIL,
			"vote",
			vec![Arg::scale(&proposal), Arg::scale(&codec::Compact(index)), Arg::scale(&approve)],
		)
	}

	/// `Council::close`: executes (or rejects) motion `index` once the votes are in.
	/// `weight_bound` is `(ref_time, proof_size)`.
	pub fn close(
		proposal: [u8; 32],
		index: u32,
		weight_bound: (u64, u64),
		length_bound: u32,
	) -> Call {
		let weight = Value::named_composite([
			("ref_time", Value::u128(u128::from(weight_bound.0))),
			("proof_size", Value::u128(u128::from(weight_bound.1))),
		]);
		Call::new(
			pallets::COUNCIL,
			"close",
			vec![
				Arg::scale(&proposal),
				Arg::scale(&codec::Compact(index)),
				weight.into(),
				Arg::scale(&codec::Compact(length_bound)),
			],
		)
	}

	/// `Registration::record_agreement_with_exception`: an authorised-operation agreement whose
	/// term exceeds the in-principle 5 years, with the digest of the reason (YX-AO §17(二) 原则上).
	pub fn record_agreement_with_exception(
		implementer: &str,
		operator: Uscc,
		term_start: u64,
		term_end: u64,
		document: Digest,
		reason: Digest,
	) -> Call {
		reg(
			"record_agreement_with_exception",
			vec![
				Arg::scale(&implementer.as_bytes().to_vec()),
				Arg::scale(&operator),
				Arg::scale(&term_start),
				Arg::scale(&term_end),
				Arg::scale(&document),
				Arg::scale(&reason),
			],
		)
	}

	/// `Registration::record_delivery` (交付, YX-R §18 ¶3): starts the operator's duty to file
	/// the first registration within 20 working days (30 for deliveries before the measures).
	pub fn record_delivery(agreement: u64, delivered_at_ms: u64, document: Digest) -> Call {
		reg(
			"record_delivery",
			vec![u64_arg(agreement), Arg::scale(&delivered_at_ms), Arg::scale(&document)],
		)
	}

	/// `Registration::record_provision` (提供数据资源, YX-R §5, §18 ¶3): `holder` provided its
	/// data resources for the operation under `agreement`, which starts its duty to file the
	/// first registration of the resources, referencing the agreement, within 20 working days
	/// (30 for provisions before the measures).
	pub fn record_provision(
		agreement: u64,
		holder: Uscc,
		provided_at_ms: u64,
		document: Digest,
	) -> Call {
		reg(
			"record_provision",
			vec![
				u64_arg(agreement),
				Arg::scale(&holder),
				Arg::scale(&provided_at_ms),
				Arg::scale(&document),
			],
		)
	}

	/// `Registration::order_cancellation` (Q8, YX-R §21): the data authority orders the
	/// cancellation of `registration` on `ground`, with the digest of the order; the
	/// institution carries it out like any cancellation. Signed by the data authority of the
	/// city of the registration's institution, or through the data authority's origin.
	pub fn order_cancellation(
		registration: RegistrationId,
		ground: CancellationGround,
		order: Digest,
	) -> Call {
		reg(
			"order_cancellation",
			vec![u64_arg(registration), Arg::scale(&ground), Arg::scale(&order)],
		)
	}

	/// `Registration::set_validity_exception` (YX-R §23 ¶1 "原则上有效期3年"): the first
	/// certificate of `application` is valid `years` (1..=10) with the reason's digest.
	pub fn set_validity_exception(application: u64, years: u8, reason: Digest) -> Call {
		reg(
			"set_validity_exception",
			vec![u64_arg(application), Arg::scale(&years), Arg::scale(&reason)],
		)
	}

	/// `Registration::set_public_service` (YN-D §46 ¶2): records (`basis` Some) or removes a
	/// public-service organisation, which registers its own products without an agreement.
	pub fn set_public_service(subject: Uscc, basis: Option<Digest>) -> Call {
		reg("set_public_service", vec![Arg::scale(&subject), Arg::scale(&basis)])
	}

	/// `Registration::record_agreement_filing` (备案, YX-AO §16 ¶2): the agreement's filing with
	/// the data authority of the city `filed_with`, by the digest of the filing record; signed
	/// by that city's authority (or through the data authority's origin).
	pub fn record_agreement_filing(
		agreement: u64,
		filed_with: DivisionCode,
		reference: Digest,
	) -> Call {
		reg(
			"record_agreement_filing",
			vec![u64_arg(agreement), Arg::scale(&filed_with), Arg::scale(&reference)],
		)
	}

	/// `Registration::set_intake_requirements` (YX-R §15, §18 ¶1, §19 ¶2): whether acceptance
	/// requires the business review recorded and the materials declared by kind.
	pub fn set_intake_requirements(business_review: bool, materials_by_kind: bool) -> Call {
		let requirements = Value::named_composite([
			("business_review", Value::bool(business_review)),
			("materials_by_kind", Value::bool(materials_by_kind)),
		]);
		reg("set_intake_requirements", vec![requirements.into()])
	}

	/// `Registration::set_basic_details_required` (YX-R §12): whether a first application's
	/// basic details must be declared before its publicity (from the next application on).
	pub fn set_basic_details_required(required: bool) -> Call {
		reg("set_basic_details_required", vec![Arg::scale(&required)])
	}

	/// `Registration::load_classification_codes` (Q22): the classification code list `version`
	/// (above the one in force) with its codes (printable ASCII, distinct).
	pub fn load_classification_codes(version: u32, codes: &[&str]) -> Call {
		let codes: Vec<Vec<u8>> = codes.iter().map(|c| c.as_bytes().to_vec()).collect();
		reg("load_classification_codes", vec![Arg::scale(&version), Arg::scale(&codes)])
	}

	/// `Institutions::remove_operator` of an institution.
	pub fn remove_operator(division: DivisionCode, who: [u8; 32]) -> Call {
		inst("remove_operator", vec![Arg::scale(&division), Arg::scale(&who)])
	}

	/// `Institutions::transfer_cases` (Q17): a disqualified institution's pending cases and future
	/// management move to the active institution `to` enclosing it.
	pub fn transfer_cases(from: DivisionCode, to: DivisionCode) -> Call {
		inst("transfer_cases", vec![Arg::scale(&from), Arg::scale(&to)])
	}

	/// `Institutions::set_validator`: the institution's validator (session) account, or `None` to
	/// clear it; takes effect at the next session (DESIGN §3 layer 3).
	pub fn set_validator(division: DivisionCode, validator: Option<[u8; 32]>) -> Call {
		inst("set_validator", vec![Arg::scale(&division), Arg::scale(&validator)])
	}

	/// `Institutions::set_peer_id`: the institution node's libp2p PeerId (its multihash bytes,
	/// i.e. the base58 `12D3KooW…` string decoded), or `None` to clear it; the node allow-list
	/// follows (DESIGN §3 layer 1).
	pub fn set_peer_id(division: DivisionCode, peer_id: Option<Vec<u8>>) -> Call {
		inst("set_peer_id", vec![Arg::scale(&division), Arg::scale(&peer_id)])
	}

	/// `Institutions::set_city_authority` (YX-R §7 ¶2): appoints a city data authority account.
	pub fn set_city_authority(who: [u8; 32], city: DivisionCode) -> Call {
		inst("set_city_authority", vec![Arg::scale(&who), Arg::scale(&city)])
	}

	/// `Institutions::remove_city_authority`.
	pub fn remove_city_authority(who: [u8; 32]) -> Call {
		inst("remove_city_authority", vec![Arg::scale(&who)])
	}

	/// `Registration::record_agreement` (授权运营协议, YX-AO §16–§17): implementer, operator,
	/// term in ms since the epoch, digest of the agreement and its filing.
	pub fn record_agreement(
		implementer: &str,
		operator: Uscc,
		term_start: u64,
		term_end: u64,
		document: Digest,
	) -> Call {
		reg(
			"record_agreement",
			vec![
				Arg::scale(&implementer.as_bytes().to_vec()),
				Arg::scale(&operator),
				Arg::scale(&term_start),
				Arg::scale(&term_end),
				Arg::scale(&document),
			],
		)
	}

	/// `Registration::amend_agreement`: a new term and document.
	pub fn amend_agreement(
		agreement: u64,
		term_start: u64,
		term_end: u64,
		document: Digest,
	) -> Call {
		reg(
			"amend_agreement",
			vec![
				u64_arg(agreement),
				Arg::scale(&term_start),
				Arg::scale(&term_end),
				Arg::scale(&document),
			],
		)
	}

	/// The state of an authorised-operation agreement, encoded by variant name.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
	pub enum AgreementStatus {
		/// 有效: in force (resumes a suspended agreement).
		Active,
		/// 暂停: access temporarily closed (YX-AO §35).
		Suspended,
		/// 终止: terminated or rescinded (YX-AO §19; YN-D §64): final.
		Terminated,
	}

	impl AgreementStatus {
		/// Every status.
		pub const ALL: [AgreementStatus; 3] = [Self::Active, Self::Suspended, Self::Terminated];

		/// The pallet's variant name.
		pub fn variant_name(self) -> &'static str {
			match self {
				Self::Active => "Active",
				Self::Suspended => "Suspended",
				Self::Terminated => "Terminated",
			}
		}
	}

	/// `Registration::set_agreement_status` (Q15): suspends, resumes or terminates an agreement
	/// and flags its registrations.
	pub fn set_agreement_status(agreement: u64, status: AgreementStatus, document: Digest) -> Call {
		reg(
			"set_agreement_status",
			vec![
				u64_arg(agreement),
				unit_variant(status.variant_name()).into(),
				Arg::scale(&document),
			],
		)
	}

	/// `Calendar::set_year` (DESIGN §4): the official holidays and make-up workdays of `year`;
	/// until a year is loaded, deadlines crossing it are provisional. See
	/// [`crate::calendar::official_years`] for the `cn-holidays.json` format.
	pub fn set_year(
		year: u16,
		holidays: &[dengji_primitives::calendar::Date],
		makeup_workdays: &[dengji_primitives::calendar::Date],
	) -> Call {
		Call::new(
			pallets::CALENDAR,
			"set_year",
			vec![
				Arg::scale(&year),
				Arg::scale(&holidays.to_vec()),
				Arg::scale(&makeup_workdays.to_vec()),
			],
		)
	}

	/// `Calendar::remove_year`: unloads a year (the current one or later).
	pub fn remove_year(year: u16) -> Call {
		Call::new(pallets::CALENDAR, "remove_year", vec![Arg::scale(&year)])
	}

	/// `Calendar::set_period` (Q37): sets a legal period (working days; calendar days for the
	/// renewal window) within the runtime's bounds, in force from day `from` (today or later).
	pub fn set_period(
		period: dengji_primitives::period::Period,
		value: u32,
		from: dengji_primitives::calendar::DayIndex,
	) -> Call {
		Call::new(
			pallets::CALENDAR,
			"set_period",
			vec![Arg::scale(&period), Arg::scale(&value), Arg::scale(&from)],
		)
	}

	fn address(who: [u8; 32]) -> Value<()> {
		Value::unnamed_variant("Id", [bytes(&who)])
	}

	fn membership(name: &str, args: Vec<Arg>) -> Call {
		Call::new(pallets::COUNCIL_MEMBERSHIP, name, args)
	}

	/// `CouncilMembership::add_member`: a new member of the data authority council.
	pub fn add_member(who: [u8; 32]) -> Call {
		membership("add_member", vec![address(who).into()])
	}

	/// `CouncilMembership::remove_member`.
	pub fn remove_member(who: [u8; 32]) -> Call {
		membership("remove_member", vec![address(who).into()])
	}

	/// `CouncilMembership::swap_member`: `remove` leaves, `add` joins, in one motion.
	pub fn swap_member(remove: [u8; 32], add: [u8; 32]) -> Call {
		membership("swap_member", vec![address(remove).into(), address(add).into()])
	}

	/// `CouncilMembership::reset_members`: the whole membership replaced.
	pub fn reset_members(members: &[[u8; 32]]) -> Call {
		let members = Value::unnamed_composite(members.iter().map(|m| bytes(m)));
		membership("reset_members", vec![members.into()])
	}

	/// `CouncilMembership::set_prime`: the prime member, whose vote is the default of members who
	/// do not vote.
	pub fn set_prime(who: [u8; 32]) -> Call {
		membership("set_prime", vec![address(who).into()])
	}

	/// `CouncilMembership::clear_prime`.
	pub fn clear_prime() -> Call {
		membership("clear_prime", vec![])
	}

	fn node_authorization(name: &str, args: Vec<Arg>) -> Call {
		Call::new("NodeAuthorization", name, args)
	}

	/// `NodeAuthorization::add_well_known_node` (the authority's origin: council or Sudo): a node
	/// every allow-listed node connects to, such as an edge node serving light clients and public
	/// RPC (issue 11 §7; DESIGN §3 layer 1), owned by `owner`, who may add connections to it.
	/// `peer_id` is the PeerId's multihash bytes (the base58 `12D3KooW…` decoded).
	pub fn add_well_known_node(peer_id: Vec<u8>, owner: [u8; 32]) -> Call {
		node_authorization("add_well_known_node", vec![Arg::scale(&peer_id), address(owner).into()])
	}

	/// `NodeAuthorization::remove_well_known_node`: the node loses its place on the allow-list,
	/// its owner and its additional connections.
	pub fn remove_well_known_node(peer_id: Vec<u8>) -> Call {
		node_authorization("remove_well_known_node", vec![Arg::scale(&peer_id)])
	}

	/// `NodeAuthorization::add_connections`, signed by the owner of `node` (an institution's
	/// validator account for its validator's PeerId): the nodes `connections` (an edge node) may
	/// connect to `node`, which alone admits them.
	pub fn add_connections(node: Vec<u8>, connections: Vec<Vec<u8>>) -> Call {
		node_authorization("add_connections", vec![Arg::scale(&node), Arg::scale(&connections)])
	}

	/// `NodeAuthorization::remove_connections`, signed by the owner of `node`.
	pub fn remove_connections(node: Vec<u8>, connections: Vec<Vec<u8>>) -> Call {
		node_authorization("remove_connections", vec![Arg::scale(&node), Arg::scale(&connections)])
	}

	/// `Sudo::sudo(call)` with the inner call's encoded bytes
	/// (from [`Client::call_data`](crate::Client::call_data)).
	pub fn sudo(inner_call_data: Vec<u8>) -> Call {
		Call::new(pallets::SUDO, "sudo", vec![Arg::Scale(inner_call_data)])
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn calls_target_the_pallets_dispatchables() {
		assert_eq!(institution::accept(1).label(), "Registration.accept_application");
		assert_eq!(objector::object(1, [0; 32], [0; 32]).label(), "Registration.lodge_objection");
		let code = CertificateCode::new(DivisionCode::new(530400).unwrap(), 2026, 1).unwrap();
		assert_eq!(institution::issue(code, [0; 64]).label(), "Certificate.issue");
	}

	#[test]
	fn primitive_args_are_scale_encoded() {
		let c = institution::decide_objection(7, true, [9; 32]);
		let Arg::Scale(ref id) = c.args.0[0] else { panic!("scale") };
		assert_eq!(id, &7u64.to_le_bytes().to_vec());
		let Arg::Scale(ref upheld) = c.args.0[1] else { panic!("scale") };
		assert_eq!(upheld, &vec![1u8]);
	}
}
