//! `dengji declare-details`: the applicant declares the typed basic information of an
//! application (the nine items of YX-R §12, with the classification and grade of YX-AO §31,
//! YN-D §13, §15, DZ §13; `Registration.declare_basic_details`). A first application needs it
//! before its publicity once the data authority requires it (`authority
//! set-basic-details-required`; from genesis on a production chain), and the classification
//! code must be on the code list loaded by the data authority (Q22).

use super::{submit, Ctx};
use crate::{args::Tx, error::Result, output::TxReport, parse};
use clap::{Args, ValueEnum};
use dengji_client::roles::subject as calls;
use dengji_primitives::{
	catalogue::{
		BasicDetails, CatalogueRef, ClassificationCode, DataGrade, DataStructure, IndustryCode,
		OpenAttribute, ShareAttribute, UpdateFrequency,
	},
	Digest, DivisionCode,
};

/// `dengji declare-details APP --industry … --classification … …`.
#[derive(Args, Debug)]
pub struct DeclareDetailsArgs {
	/// Node and signer.
	#[command(flatten)]
	pub tx: Tx,
	/// Application id.
	pub application: u64,
	/// (三) 所属行业: a GB/T 4754-2017 code (section letter, optionally its division…), e.g. L72.
	#[arg(long, value_parser = industry)]
	pub industry: IndustryCode,
	/// (四) 应用场景 (DIGEST).
	#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
	pub scenario: Digest,
	/// (五) 数据来源 (DIGEST).
	#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
	pub source: Digest,
	/// (六) 数据结构.
	#[arg(long, value_enum)]
	pub structure: Structure,
	/// (六) 数据量: the number of records.
	#[arg(long)]
	pub records: u64,
	/// (六) 数据项 (DIGEST of the schema).
	#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
	pub schema: Digest,
	/// (七) 覆盖地区: a GB/T 2260 division code.
	#[arg(long, value_parser = parse::division)]
	pub coverage: DivisionCode,
	/// (九) 更新频次.
	#[arg(long, value_enum)]
	pub update: Update,
	/// 数据分类: a code of the data authority's code list (Q22).
	#[arg(long, value_parser = classification)]
	pub classification: ClassificationCode,
	/// 数据分级 (core data is not registered, YX-R §17(一)).
	#[arg(long, value_enum)]
	pub grade: Grade,
	/// 共享属性.
	#[arg(long, value_enum)]
	pub share: Share,
	/// 开放属性.
	#[arg(long, value_enum)]
	pub open: Open,
	/// 目录编码, once catalogued.
	#[arg(long, value_parser = catalogue)]
	pub catalogue: Option<CatalogueRef>,
}

fn industry(s: &str) -> std::result::Result<IndustryCode, String> {
	IndustryCode::parse(s).map_err(|e| format!("not a GB/T 4754-2017 code: {e:?}"))
}

fn classification(s: &str) -> std::result::Result<ClassificationCode, String> {
	ClassificationCode::try_from(s.as_bytes().to_vec())
		.ok()
		.filter(|c| dengji_primitives::catalogue::is_code(c))
		.ok_or_else(|| "1–32 printable ASCII characters, no spaces".into())
}

fn catalogue(s: &str) -> std::result::Result<CatalogueRef, String> {
	CatalogueRef::try_from(s.as_bytes().to_vec())
		.ok()
		.filter(|c| dengji_primitives::catalogue::is_code(c))
		.ok_or_else(|| "1–64 printable ASCII characters, no spaces".into())
}

/// 数据结构.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Structure {
	/// 结构化.
	Structured,
	/// 半结构化.
	SemiStructured,
	/// 非结构化.
	Unstructured,
	/// 混合.
	Mixed,
}

/// 更新频次.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
	/// 实时.
	RealTime,
	/// 每日.
	Daily,
	/// 每周.
	Weekly,
	/// 每月.
	Monthly,
	/// 每季度.
	Quarterly,
	/// 每半年.
	HalfYearly,
	/// 每年.
	Yearly,
	/// 不定期.
	Irregular,
	/// 不更新.
	NotUpdated,
}

/// 数据分级.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
	/// 一般数据.
	General,
	/// 重要数据.
	Important,
	/// 核心数据 (refused by the chain, YX-R §17(一)).
	Core,
}

/// 共享属性.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
	/// 无条件共享.
	Unconditional,
	/// 有条件共享.
	Conditional,
	/// 不予共享.
	NotShared,
}

/// 开放属性.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
	/// 无条件开放.
	Unconditional,
	/// 有条件开放.
	Conditional,
	/// 不予开放.
	NotOpen,
}

impl DeclareDetailsArgs {
	/// The typed basic details.
	pub fn details(&self) -> BasicDetails {
		BasicDetails {
			industry: self.industry.clone(),
			scenario: self.scenario,
			source: self.source,
			structure: match self.structure {
				Structure::Structured => DataStructure::Structured,
				Structure::SemiStructured => DataStructure::SemiStructured,
				Structure::Unstructured => DataStructure::Unstructured,
				Structure::Mixed => DataStructure::Mixed,
			},
			records: self.records,
			schema: self.schema,
			coverage: self.coverage,
			update: match self.update {
				Update::RealTime => UpdateFrequency::RealTime,
				Update::Daily => UpdateFrequency::Daily,
				Update::Weekly => UpdateFrequency::Weekly,
				Update::Monthly => UpdateFrequency::Monthly,
				Update::Quarterly => UpdateFrequency::Quarterly,
				Update::HalfYearly => UpdateFrequency::HalfYearly,
				Update::Yearly => UpdateFrequency::Yearly,
				Update::Irregular => UpdateFrequency::Irregular,
				Update::NotUpdated => UpdateFrequency::NotUpdated,
			},
			classification: self.classification.clone(),
			grade: match self.grade {
				Grade::General => DataGrade::General,
				Grade::Important => DataGrade::Important,
				Grade::Core => DataGrade::Core,
			},
			share: match self.share {
				Share::Unconditional => ShareAttribute::Unconditional,
				Share::Conditional => ShareAttribute::Conditional,
				Share::NotShared => ShareAttribute::NotShared,
			},
			open: match self.open {
				Open::Unconditional => OpenAttribute::Unconditional,
				Open::Conditional => OpenAttribute::Conditional,
				Open::NotOpen => OpenAttribute::NotOpen,
			},
			catalogue: self.catalogue.clone(),
		}
	}

	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<TxReport> {
		let call = calls::declare_basic_details(self.application, &self.details());
		submit(&self.tx, call, ctx).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::args::{Cli, Command};
	use clap::Parser;

	const D: &str = "0x0707070707070707070707070707070707070707070707070707070707070707";

	fn parse(args: &[&str]) -> std::result::Result<Command, clap::Error> {
		Cli::try_parse_from(
			["dengji", "declare-details", "4"].iter().chain(args).chain(&["--suri", "//Alice"]),
		)
		.map(|c| c.command)
	}

	/// YX-R §12 (三)–(七), (九), Q22: `declare-details` builds the typed basic details, each
	/// coded field checked for form before anything is sent.
	#[test]
	fn declare_details_builds_the_nine_items_yx_r_12() {
		let full = [
			"--industry",
			"L72",
			"--scenario",
			D,
			"--source",
			D,
			"--structure",
			"structured",
			"--records",
			"120000",
			"--schema",
			D,
			"--coverage",
			"530402",
			"--update",
			"daily",
			"--classification",
			"YX-ENT-01",
			"--grade",
			"important",
			"--share",
			"conditional",
			"--open",
			"not-open",
		];
		let Ok(Command::DeclareDetails(a)) = parse(&full) else { panic!("declare-details") };
		let d = a.details();
		assert_eq!(a.application, 4);
		assert_eq!(d.check(), Ok(()));
		assert_eq!(d.industry, IndustryCode::parse("L72").unwrap());
		assert_eq!((d.structure, d.update), (DataStructure::Structured, UpdateFrequency::Daily));
		assert_eq!(
			(d.grade, d.share, d.open),
			(DataGrade::Important, ShareAttribute::Conditional, OpenAttribute::NotOpen)
		);
		assert_eq!(d.classification.as_slice(), b"YX-ENT-01");
		assert_eq!((d.records, d.coverage.get(), d.catalogue.clone()), (120_000, 530402, None));
		assert_eq!(
			calls::declare_basic_details(4, &d).label(),
			"Registration.declare_basic_details"
		);
		let with = |k: usize, v: &str| {
			let mut args = full.to_vec();
			args[k] = v;
			parse(&args)
		};
		assert!(with(1, "A64").is_err(), "division outside its section");
		assert!(with(17, "YX ENT").is_err(), "a space in the classification");
		assert!(with(13, "abc").is_err(), "not a division");
		assert!(parse(&full[..full.len() - 2]).is_err(), "--open missing");
	}
}
