//! `dengji review-due`: periodic review reminders (定期复核更新, YX-R §6; requirements Q39:
//! reminders off chain, the measures set no period). Lists the active registrations whose last
//! update (the issuance of the current certificate: first registration, change, correction or
//! renewal) is `--months` (12 by default) or more whole months old, optionally of one
//! institution ([`dengji_client::query::Snapshot::review_due`]), as text, JSON or CSV.
//! Records only, no statistics (YX-R §24).

use super::{
	query::{snapshot, At, QueryOut},
	Ctx,
};
use crate::{
	error::Result,
	output::{check_format, render, Outcome, Output, Table},
};
use clap::Args;
use dengji_client::query::{ReviewDue, DEFAULT_REVIEW_MONTHS};
use serde::Serialize;
use std::fmt;

/// Help text.
const REVIEW_DUE_HELP: &str = "Lists the active registrations not updated (no certificate issued by a first registration, change, correction or renewal) for --months whole months or more (default 12), oldest first, for the institution to remind the subject of its periodic review (YX-R §6 定期复核更新; Q39: reminders off chain). Records only, no statistics (YX-R §24).";

/// `dengji review-due [--months N] [--institution DIV] [--csv]`.
#[derive(Args, Debug)]
#[command(after_help = REVIEW_DUE_HELP)]
pub struct ReviewDueArgs {
	/// Output.
	#[command(flatten)]
	pub out: QueryOut,
	/// Whole months since the last update (default 12).
	#[arg(long, default_value_t = DEFAULT_REVIEW_MONTHS)]
	pub months: u32,
	/// Only this institution's registrations (division code, e.g. 530400).
	#[arg(long)]
	pub institution: Option<u32>,
}

/// The registrations due for review at one block.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewDueList {
	/// Where it was read.
	pub at: At,
	/// The period in months.
	pub months: u32,
	/// The registrations, oldest update first.
	pub due: Vec<ReviewDue>,
}

impl Outcome for ReviewDueList {}

impl Table for ReviewDueList {
	const HEADERS: &'static [&'static str] = &[
		"登记证号 number",
		"数据名称 data name",
		"登记主体 subject",
		"登记机构 institution",
		"证书 certificate",
		"最近更新 last update",
		"月数 months",
	];
	fn rows(&self) -> Vec<Vec<String>> {
		self.due
			.iter()
			.map(|e| {
				vec![
					e.number.to_string(),
					e.data_name.clone(),
					e.subject.clone(),
					e.institution.to_string(),
					e.certificate.clone(),
					e.last_update_date.clone(),
					e.months_since.to_string(),
				]
			})
			.collect()
	}
}

impl fmt::Display for ReviewDueList {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if self.due.is_empty() {
			writeln!(f, "无需复核 none due ({} months)", self.months)?;
		}
		for e in &self.due {
			writeln!(
				f,
				"{} {} {} ({}) 证书 {} 最近更新 {} ({} 个月)",
				e.number,
				e.data_name,
				e.subject,
				e.institution,
				e.certificate,
				e.last_update_date,
				e.months_since
			)?;
		}
		write!(f, "{}", self.at)
	}
}

impl ReviewDueArgs {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		check_format(self.out.csv, json)?;
		let (_, s) = snapshot(&self.out, ctx, json).await?;
		let due = s.review_due(self.months, self.institution).await?;
		render(&ReviewDueList { at: At::of(&s), months: self.months, due }, self.out.csv, json)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::Parser;

	/// YX-R §6, Q39: `dengji review-due` parses `--months` (default 12) and `--institution`,
	/// and its CSV has one row per registration due.
	#[test]
	fn review_due_command_parses_and_lists_one_row_per_registration_yx_r_6() {
		let cli = crate::args::Cli::try_parse_from(["dengji", "review-due"]).expect("parse");
		let crate::args::Command::ReviewDue(a) = cli.command else { panic!("review-due") };
		assert_eq!((a.months, a.institution), (12, None));
		let cli = crate::args::Cli::try_parse_from([
			"dengji",
			"review-due",
			"--months",
			"6",
			"--institution",
			"530400",
			"--csv",
		])
		.expect("parse");
		let crate::args::Command::ReviewDue(a) = cli.command else { panic!("review-due") };
		assert_eq!((a.months, a.institution, a.out.csv), (6, Some(530400), true));
		let list = ReviewDueList {
			at: At { block: 1, time: 0, today: 0, date: "1970-01-01".into() },
			months: 12,
			due: vec![ReviewDue {
				number: 7,
				data_name: "玉溪水质".into(),
				subject: "91530400MA6N000007".into(),
				institution: 530400,
				certificate: "530400-2025-0000007-X".into(),
				last_update: 0,
				last_update_date: "2025-12-01".into(),
				months_since: 12,
			}],
		};
		let csv = crate::output::to_csv(ReviewDueList::HEADERS, &list.rows());
		let lines: Vec<_> = csv.lines().collect();
		assert_eq!(lines.len(), 2);
		assert_eq!(
			lines[1],
			"7,玉溪水质,91530400MA6N000007,530400,530400-2025-0000007-X,2025-12-01,12"
		);
		assert!(list.to_string().contains("12 个月"));
	}
}
