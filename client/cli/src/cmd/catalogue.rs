//! `dengji catalogue`: the catalogue built from registrations (YX-R §7(一) "依托登记信息…编制公共数据
//! 资源目录", Q40): every active registration with its typed basic information and classification
//! (YX-R §12, YX-AO §31, YN-D §13, §15, DZ §13; industry GB/T 4754, coverage GB/T 2260), read
//! from the node's state at the finalized head ([`dengji_client::query::Snapshot::catalogue`]),
//! as text, one JSON document (`--json`) or CSV (`--csv`) for the data authority's catalogue
//! system.
//!
//! Records only: no counts, totals or other statistics derived from registration information
//! (YX-R §24).

use super::{
	query::{attribute_zh, details_cells, grade_zh, object_zh, snapshot, At, QueryOut},
	Ctx,
};
use crate::{
	error::Result,
	output::{check_format, render, Outcome, Output, Table},
};
use clap::Args;
use dengji_client::query::CatalogueEntry;
use serde::Serialize;
use std::fmt;

/// Help text.
const CATALOGUE_HELP: &str = "Lists every active registration with its basic information and classification (YX-R §7(一), §12); records only, no statistics (YX-R §24). Registrations made before runtime 103, or without declared details, show them as not recorded.";

/// `dengji catalogue [--csv]`.
#[derive(Args, Debug)]
#[command(after_help = CATALOGUE_HELP)]
pub struct CatalogueArgs {
	/// Output.
	#[command(flatten)]
	pub out: QueryOut,
}

/// The catalogue at one block.
#[derive(Clone, Debug, Serialize)]
pub struct Catalogue {
	/// Where it was read.
	pub at: At,
	/// The entries, by registration number.
	pub entries: Vec<CatalogueEntry>,
}

impl Outcome for Catalogue {}

impl Table for Catalogue {
	const HEADERS: &'static [&'static str] = &[
		"登记证号 number",
		"数据名称 data name",
		"登记主体 subject",
		"共有主体 co-subjects",
		"对象 object",
		"登记机构 institution",
		"证书 certificate",
		"授权运营协议 agreement",
		"所属行业 industry",
		"覆盖地区 coverage",
		"更新频次 update",
		"分类 classification",
		"分级 grade",
		"共享属性 share",
		"开放属性 open",
		"目录编码 catalogue",
	];
	fn rows(&self) -> Vec<Vec<String>> {
		self.entries.iter().map(row).collect()
	}
}

/// One CSV row of an entry, in [`Catalogue::HEADERS`] order.
pub fn row(e: &CatalogueEntry) -> Vec<String> {
	vec![
		e.number.to_string(),
		e.data_name.clone(),
		e.subject.clone(),
		e.co_subjects.join(";"),
		e.object.clone(),
		e.institution.to_string(),
		e.certificate.clone(),
		e.agreement.map(|a| a.to_string()).unwrap_or_default(),
	]
	.into_iter()
	.chain(details_cells(e.details.as_ref()))
	.collect()
}

impl fmt::Display for Catalogue {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		for e in &self.entries {
			write!(
				f,
				"{} {} [{}] {} ({}) 证书 {}",
				e.number,
				e.data_name,
				object_zh(&e.object),
				e.subject,
				e.institution,
				e.certificate
			)?;
			if !e.co_subjects.is_empty() {
				write!(f, " 共有主体 {}", e.co_subjects.join(", "))?;
			}
			match &e.details {
				None => writeln!(f, "\n    基本信息未记录 details not recorded")?,
				Some(d) => writeln!(
					f,
					"\n    行业 {} 地区 {} 更新 {} 分类 {} 分级 {} 共享 {} 开放 {}{}",
					d.industry,
					d.coverage,
					d.update,
					d.classification,
					grade_zh(&d.grade),
					attribute_zh(&d.share),
					attribute_zh(&d.open),
					d.catalogue.as_ref().map(|c| format!(" 目录 {c}")).unwrap_or_default()
				)?,
			}
		}
		write!(f, "{}", self.at)
	}
}

impl CatalogueArgs {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		check_format(self.out.csv, json)?;
		let (_, s) = snapshot(&self.out, ctx, json).await?;
		let catalogue = Catalogue { at: At::of(&s), entries: s.catalogue().await? };
		render(&catalogue, self.out.csv, json)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use dengji_client::query::DetailsView;

	fn entry(details: Option<DetailsView>) -> CatalogueEntry {
		CatalogueEntry {
			number: 7,
			data_name: "玉溪水质, 小时".into(),
			subject: "91530400MA6N000007".into(),
			co_subjects: vec!["12530100MB0000002X".into(), "12530402MB0000001Y".into()],
			object: "DataResource".into(),
			institution: 530400,
			certificate: "530400-2026-0000001-X".into(),
			agreement: Some(3),
			details,
		}
	}

	/// YX-R §7(一), §12, Q40: one CSV row per registration with every catalogue column, the
	/// details empty when not recorded; a comma in a name is quoted.
	#[test]
	fn catalogue_csv_has_one_row_per_registration_yx_r_7() {
		let details = DetailsView {
			industry: "N77".into(),
			scenario: "0x01".into(),
			source: "0x02".into(),
			structure: "Structured".into(),
			records: 8760,
			schema: "0x03".into(),
			coverage: 530400,
			update: "RealTime".into(),
			classification: "HJ-SZ-01".into(),
			grade: "General".into(),
			share: "Unconditional".into(),
			open: "Conditional".into(),
			catalogue: Some("530400-HJ-0001".into()),
		};
		let c = Catalogue {
			at: At { block: 1, time: 0, today: 0, date: "1970-01-01".into() },
			entries: vec![entry(Some(details)), entry(None)],
		};
		for r in c.rows() {
			assert_eq!(r.len(), Catalogue::HEADERS.len());
		}
		let csv = crate::output::to_csv(Catalogue::HEADERS, &c.rows());
		let lines: Vec<_> = csv.lines().collect();
		assert_eq!(lines.len(), 3);
		assert!(lines[1].starts_with("7,\"玉溪水质, 小时\",91530400MA6N000007,"));
		assert!(lines[1].ends_with(
			"N77,530400,RealTime,HJ-SZ-01,General,Unconditional,Conditional,530400-HJ-0001"
		));
		assert!(lines[2].ends_with(",3,,,,,,,,"));
		let text = c.to_string();
		assert!(text.contains("分级 一般数据"));
		assert!(text.contains("基本信息未记录"));
	}
}
