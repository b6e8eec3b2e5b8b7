//! The grounds an institution or a subject states in a decision, as typed values with their
//! runtime variant names, command-line names, Chinese names and articles:
//! [`RefusalGround`] (不予登记, YX-R §17 and §13), [`CancellationGround`] (注销登记, YX-R §21) and
//! [`RevocationGround`] (撤销登记, YX-R §27).
//!
//! `CancellationGround` and `RevocationGround` are `dengji-primitives` types (SCALE-encoded with
//! the runtime's codec); `RefusalGround` is local to `pallet-registration`, so the SDK mirrors it
//! here and encodes it by variant *name* against the metadata (see [`crate::roles`]).

pub use dengji_primitives::{certificate::CancellationGround, RevocationGround};

/// One ground with its names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroundInfo<G> {
	/// The ground.
	pub ground: G,
	/// The runtime's variant name (`QualityDefect`).
	pub variant: &'static str,
	/// The command-line name (`quality-defect`).
	pub cli: &'static str,
	/// The Chinese name, as the rules word it.
	pub chinese: &'static str,
	/// The article that states it (`YX-R §13(二)`).
	pub article: &'static str,
}

/// A kind of ground: every value with its names.
pub trait Ground: Copy + Eq + Send + Sync + std::fmt::Debug + 'static {
	/// Every ground, in the order of the rules.
	const ALL: &'static [GroundInfo<Self>];

	/// This ground's names.
	fn info(self) -> &'static GroundInfo<Self> {
		// `ALL` lists every variant (checked by the tests), so this always finds one.
		Self::ALL.iter().find(|i| i.ground == self).unwrap_or(&Self::ALL[0])
	}

	/// The runtime's variant name (`QualityDefect`).
	fn variant_name(self) -> &'static str {
		self.info().variant
	}

	/// The command-line name (`quality-defect`).
	fn cli_name(self) -> &'static str {
		self.info().cli
	}

	/// The Chinese name.
	fn chinese_name(self) -> &'static str {
		self.info().chinese
	}

	/// The article that states the ground.
	fn article(self) -> &'static str {
		self.info().article
	}

	/// The ground named `name`: its runtime variant name or its command-line name (ASCII case
	/// ignored).
	fn from_name(name: &str) -> Option<Self> {
		Self::ALL
			.iter()
			.find(|i| i.variant.eq_ignore_ascii_case(name) || i.cli.eq_ignore_ascii_case(name))
			.map(|i| i.ground)
	}
}

/// Grounds for refusing registration (不予登记), by `pallet_registration::RefusalGround` variant:
/// the seven of YX-R §17 and the three eligibility conditions of YX-R §13 a review can fail.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum RefusalGround {
	/// R1, §17(一): national core data, or state secrets, trade secrets or personal privacy.
	CoreDataOrSecrets,
	/// R2, §17(二): may violate public order and good morals.
	PublicOrder,
	/// R3, §17(三): unlawfully obtained, or without the source's required authorisation.
	UnlawfulSource,
	/// R4, §17(四): no agreement yet with other interested parties.
	InterestedPartyDisagrees,
	/// R5, §17(五): unresolved ownership dispute.
	OwnershipDispute,
	/// R6, §17(六): an objection exists and is upheld.
	ObjectionUpheld,
	/// R7, §17(七): other cases under law.
	OtherLegal,
	/// C1, §13(一): does not meet laws, regulations and standards.
	NonCompliant,
	/// C2, §13(二): data-quality defects.
	QualityDefect,
	/// C3, §13(三): state secret or work secret.
	StateOrWorkSecret,
}

macro_rules! info {
	($g:expr, $variant:literal, $cli:literal, $zh:literal, $article:literal) => {
		GroundInfo { ground: $g, variant: $variant, cli: $cli, chinese: $zh, article: $article }
	};
}

impl Ground for RefusalGround {
	// YX-R §17 (不予登记) and §13 (登记条件).
	const ALL: &'static [GroundInfo<Self>] = &[
		info!(
			Self::CoreDataOrSecrets,
			"CoreDataOrSecrets",
			"core-data-or-secrets",
			"涉及国家核心数据或国家秘密、商业秘密、个人隐私",
			"YX-R §17(一)"
		),
		info!(Self::PublicOrder, "PublicOrder", "public-order", "可能违反公序良俗", "YX-R §17(二)"),
		info!(
			Self::UnlawfulSource,
			"UnlawfulSource",
			"unlawful-source",
			"数据获取方式违法或未获数据来源方授权",
			"YX-R §17(三)"
		),
		info!(
			Self::InterestedPartyDisagrees,
			"InterestedPartyDisagrees",
			"interested-party-disagrees",
			"与其他利害关系人尚未达成一致意见",
			"YX-R §17(四)"
		),
		info!(
			Self::OwnershipDispute,
			"OwnershipDispute", "ownership-dispute", "存在尚未解决的权属争议", "YX-R §17(五)"
		),
		info!(
			Self::ObjectionUpheld,
			"ObjectionUpheld", "objection-upheld", "存在登记异议且异议理由成立", "YX-R §17(六)"
		),
		info!(
			Self::OtherLegal,
			"OtherLegal", "other-legal", "法律法规规定的其他情形", "YX-R §17(七)"
		),
		info!(
			Self::NonCompliant,
			"NonCompliant", "non-compliant", "不符合法律法规和标准规范", "YX-R §13(一)"
		),
		info!(
			Self::QualityDefect,
			"QualityDefect", "quality-defect", "存在数据质量缺陷", "YX-R §13(二)"
		),
		info!(
			Self::StateOrWorkSecret,
			"StateOrWorkSecret", "state-or-work-secret", "涉及国家秘密或工作秘密", "YX-R §13(三)"
		),
	];
}

impl Ground for CancellationGround {
	// YX-R §21 ¶1 (注销登记).
	const ALL: &'static [GroundInfo<Self>] = &[
		info!(
			Self::ResourceLost,
			"ResourceLost", "resource-lost", "公共数据资源不可复原或者灭失", "YX-R §21(一)"
		),
		info!(
			Self::RightsAbandonedOrExpired,
			"RightsAbandonedOrExpired",
			"rights-abandoned-or-expired",
			"登记主体放弃相关权益或者权益期限届满",
			"YX-R §21(二)"
		),
		info!(
			Self::SubjectCeased,
			"SubjectCeased", "subject-ceased", "登记主体终止存续", "YX-R §21(三)"
		),
		info!(
			Self::OtherLawful,
			"OtherLawful", "other-lawful", "法律法规规定的其他情形", "YX-R §21(四)"
		),
	];
}

impl Ground for RevocationGround {
	// YX-R §27 (撤销登记).
	const ALL: &'static [GroundInfo<Self>] = &[
		info!(
			Self::FalseMaterials,
			"FalseMaterials",
			"false-materials",
			"隐瞒事实、弄虚作假或者提供虚假登记材料",
			"YX-R §27(一)"
		),
		info!(
			Self::ForgedCertificate,
			"ForgedCertificate", "forged-certificate", "擅自篡改、伪造电子凭证", "YX-R §27(二)"
		),
		info!(
			Self::UnlawfulUse,
			"UnlawfulUse", "unlawful-use", "非法使用或者利用电子凭证进行不正当获利", "YX-R §27(三)"
		),
		info!(
			Self::OtherViolation,
			"OtherViolation", "other-violation", "其他违反法律法规的情况", "YX-R §27(四)"
		),
	];
}

impl std::fmt::Display for RefusalGround {
	/// The runtime variant name.
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(self.variant_name())
	}
}

impl std::str::FromStr for RefusalGround {
	type Err = String;

	/// A variant or command-line name.
	fn from_str(s: &str) -> Result<Self, String> {
		Self::from_name(s).ok_or_else(|| unknown::<Self>(s))
	}
}

fn unknown<G: Ground>(s: &str) -> String {
	let names: Vec<&str> = G::ALL.iter().map(|i| i.cli).collect();
	format!("unknown ground `{s}` (one of: {})", names.join(", "))
}

#[cfg(feature = "clap")]
pub use cli::GroundParser;

#[cfg(feature = "clap")]
mod cli {
	use super::*;
	use clap::builder::{PossibleValue, TypedValueParser};

	/// A clap value parser for any [`Ground`]: accepts the command-line or the variant name and
	/// lists the command-line names, with their Chinese names and articles, in the help.
	#[derive(Clone, Copy, Debug)]
	pub struct GroundParser<G>(std::marker::PhantomData<G>);

	impl<G: Ground> GroundParser<G> {
		/// The parser.
		pub fn new() -> Self {
			Self(std::marker::PhantomData)
		}
	}

	impl<G: Ground> Default for GroundParser<G> {
		fn default() -> Self {
			Self::new()
		}
	}

	impl<G: Ground> TypedValueParser for GroundParser<G> {
		type Value = G;

		fn parse_ref(
			&self,
			cmd: &clap::Command,
			arg: Option<&clap::Arg>,
			value: &std::ffi::OsStr,
		) -> Result<G, clap::Error> {
			let s = value.to_string_lossy();
			G::from_name(&s).ok_or_else(|| {
				let mut e = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
				use clap::error::{ContextKind, ContextValue};
				if let Some(arg) = arg {
					e.insert(ContextKind::InvalidArg, ContextValue::String(arg.to_string()));
				}
				e.insert(ContextKind::InvalidValue, ContextValue::String(s.into_owned()));
				e.insert(
					ContextKind::ValidValue,
					ContextValue::Strings(G::ALL.iter().map(|i| i.cli.to_string()).collect()),
				);
				e
			})
		}

		fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
			Some(Box::new(G::ALL.iter().map(|i| {
				PossibleValue::new(i.cli)
					.alias(i.variant)
					.help(format!("{} ({})", i.chinese, i.article))
			})))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn check<G: Ground>(count: usize) {
		assert_eq!(G::ALL.len(), count);
		for (i, info) in G::ALL.iter().enumerate() {
			assert_eq!(info.ground.info(), info, "each ground listed once");
			assert_eq!(G::from_name(info.variant), Some(info.ground));
			assert_eq!(G::from_name(info.cli), Some(info.ground));
			assert_eq!(
				format!("{:?}", info.ground),
				info.variant,
				"variant name as in the runtime"
			);
			assert!(G::ALL[..i].iter().all(|j| j.cli != info.cli && j.ground != info.ground));
		}
		assert_eq!(G::from_name("no-such-ground"), None);
	}

	#[test]
	fn every_ground_has_its_names_once() {
		// YX-R §17 + §13, §21, §27.
		check::<RefusalGround>(10);
		check::<CancellationGround>(4);
		check::<RevocationGround>(4);
	}

	#[test]
	fn the_primitives_grounds_are_all_listed() {
		// An exhaustive match: a new variant fails to compile here until it is listed above.
		let position = |g: CancellationGround| match g {
			CancellationGround::ResourceLost => 0,
			CancellationGround::RightsAbandonedOrExpired => 1,
			CancellationGround::SubjectCeased => 2,
			CancellationGround::OtherLawful => 3,
		};
		assert!(CancellationGround::ALL.iter().enumerate().all(|(i, g)| position(g.ground) == i));
		let position = |g: RevocationGround| match g {
			RevocationGround::FalseMaterials => 0,
			RevocationGround::ForgedCertificate => 1,
			RevocationGround::UnlawfulUse => 2,
			RevocationGround::OtherViolation => 3,
		};
		assert!(RevocationGround::ALL.iter().enumerate().all(|(i, g)| position(g.ground) == i));
	}

	#[cfg(feature = "clap")]
	#[test]
	fn clap_parser_lists_grounds_with_chinese_names_and_parses_both_names() {
		use clap::builder::TypedValueParser;
		let parser = GroundParser::<RevocationGround>::new();
		let values: Vec<_> = parser.possible_values().expect("listed").collect();
		assert_eq!(values.len(), 4);
		assert_eq!(values[1].get_name(), "forged-certificate");
		let help = values[1].get_help().expect("help").to_string();
		assert!(help.contains("伪造电子凭证") && help.contains("YX-R §27(二)"), "{help}");
		let cmd = clap::Command::new("t");
		let parse = |s: &str| parser.parse_ref(&cmd, None, std::ffi::OsStr::new(s));
		assert_eq!(parse("forged-certificate").ok(), Some(RevocationGround::ForgedCertificate));
		assert_eq!(parse("UnlawfulUse").ok(), Some(RevocationGround::UnlawfulUse));
		assert!(parse("forged").is_err());
	}

	#[test]
	fn refusal_ground_parses_cli_and_variant_names() {
		assert_eq!("quality-defect".parse::<RefusalGround>(), Ok(RefusalGround::QualityDefect));
		assert_eq!("QualityDefect".parse::<RefusalGround>(), Ok(RefusalGround::QualityDefect));
		assert_eq!(RefusalGround::ObjectionUpheld.article(), "YX-R §17(六)");
		assert!("Quality".parse::<RefusalGround>().unwrap_err().contains("quality-defect"));
	}
}
