//! Query commands that work without the portal: `dengji app show|list`, `dengji registration
//! show`, `dengji publicity list` and `dengji queue`. Each reads the registration state at the
//! finalized head straight from a node (storage iteration by prefix, decoded with the runtime's
//! metadata: [`dengji_client::query`]) and prints text (Chinese first, English headers), one JSON
//! document (`--json`) or CSV (`--csv`).
//!
//! They list records; none computes aggregate statistics over registration information
//! (YX-R §24).

use super::{connect, Ctx};
use crate::{
	args::Node,
	error::Result,
	output::{check_format, fmt_time, render, Outcome, Output, Table},
	parse,
};
use clap::{Args, Subcommand};
use dengji_client::{
	error::Missing,
	primitives::{calendar::StaticCalendar, CertificateStatus, DayIndex, DivisionCode, Uscc},
	query::{
		working_days_left, ApplicationView, DetailsView, ObjectionView, RegistrationView, Snapshot,
	},
	CertificateCode, CertificateRecord, Error as SdkError,
};
use serde::Serialize;
use std::fmt::{self, Write as _};

/// Help text shared by the query commands.
const RECORDS_ONLY: &str = "Lists records read from the chain's state at the finalized head; it never computes aggregate statistics over registration information (YX-R §24).";

/// Output options of a query command.
#[derive(Args, Debug, Clone)]
pub struct QueryOut {
	/// Node.
	#[command(flatten)]
	pub node: Node,
	/// CSV on stdout (a header row, then one row per record) instead of text.
	#[arg(long)]
	pub csv: bool,
}

/// `dengji app …`: applications (申请).
#[derive(Subcommand, Debug)]
pub enum AppCmd {
	/// One application: state, running clock, publicity window, notice fields.
	#[command(after_help = RECORDS_ONLY)]
	Show {
		/// Output.
		#[command(flatten)]
		out: QueryOut,
		/// Application id.
		id: u64,
	},
	/// Applications, by id, optionally filtered.
	#[command(after_help = RECORDS_ONLY)]
	List {
		/// Output.
		#[command(flatten)]
		out: QueryOut,
		/// Only in this state (`InPublicity`, `UnderReview`, …; or `open`).
		#[arg(long, value_name = "STATE")]
		state: Option<String>,
		/// Only those filed with this institution (division code).
		#[arg(long, value_parser = parse::division, value_name = "DIVISION")]
		institution: Option<DivisionCode>,
		/// Only those of this subject (USCC).
		#[arg(long, value_parser = parse::uscc, value_name = "USCC")]
		subject: Option<Uscc>,
	},
}

/// `dengji registration …`: registrations (登记).
#[derive(Subcommand, Debug)]
pub enum RegistrationCmd {
	/// One registration by its number: subject, data name, status, current certificate.
	#[command(after_help = RECORDS_ONLY)]
	Show {
		/// Output.
		#[command(flatten)]
		out: QueryOut,
		/// Registration number.
		number: u64,
	},
}

/// `dengji publicity …`: notices in publicity (公示, YX-R §22).
#[derive(Subcommand, Debug)]
pub enum PublicityCmd {
	/// Applications now in publicity, with the notice's four fields (subject name, registration
	/// type, data name, summary; YX-R §22 ¶1), the window's first and last day and the working
	/// days left (the chain's calendar).
	#[command(after_help = RECORDS_ONLY)]
	List {
		/// Output.
		#[command(flatten)]
		out: QueryOut,
	},
}

/// `dengji queue --institution DIV`: an institution's work list.
#[derive(Args, Debug)]
#[command(after_help = RECORDS_ONLY)]
pub struct QueueArgs {
	/// Output.
	#[command(flatten)]
	pub out: QueryOut,
	/// The institution (division code).
	#[arg(long, value_parser = parse::division, value_name = "DIVISION")]
	pub institution: DivisionCode,
}

/// 申请状态 in Chinese (the English name for a state this client does not know).
pub fn state_zh(s: &str) -> &str {
	match s {
		"Submitted" => "待受理",
		"SupplementRequested" => "待补正",
		"NotAccepted" => "不予受理",
		"DeemedWithdrawn" => "视为撤回",
		"Withdrawn" => "已撤回",
		"UnderReview" => "审查中",
		"Refused" => "不予登记",
		"InPublicity" => "公示中",
		"Deferred" => "暂缓登记",
		"Terminated" => "终止登记",
		"Approved" => "准予登记",
		"Closed" => "已关闭",
		"Lodged" => "已提出",
		"Forwarded" => "已转送",
		"Rebutted" => "已申辩",
		"RebuttalLapsed" => "申辩期满",
		"Upheld" => "异议成立",
		"Dismissed" => "异议不成立",
		"Disputed" => "存在争议",
		"Active" => "有效",
		"Cancelled" => "已注销",
		"Revoked" => "已撤销",
		"CancelledOnExpiry" => "期满注销",
		other => other,
	}
}

/// 登记类型 (the notice's registration type, YX-R §22 ¶1).
pub fn kind_zh(k: &str) -> &str {
	match k {
		"FirstTime" => "首次登记",
		"Change" => "变更登记",
		"Correction" => "更正登记",
		"Cancellation" => "注销登记",
		"Renewal" => "续展登记",
		other => other,
	}
}

/// The clock's name in Chinese.
pub fn timer_zh(k: &str) -> &str {
	match k {
		"Acceptance" => "受理",
		"Review" => "审查",
		"Supplement" => "补正",
		"Publicity" => "公示",
		"Cancellation" => "注销审查",
		"Forward" => "转送异议",
		"Rebuttal" => "异议申辩",
		other => other,
	}
}

pub(crate) fn object_zh(o: &str) -> &str {
	match o {
		"DataResource" => "公共数据资源",
		"DataProductOrService" => "公共数据产品和服务",
		other => other,
	}
}

fn date(day: DayIndex) -> String {
	Snapshot::date(day)
}

fn opt<T: ToString>(v: &Option<T>) -> String {
	v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Where the state was read.
#[derive(Clone, Debug, Serialize)]
pub struct At {
	/// Finalized block number.
	pub block: u32,
	/// Chain time at it (ms).
	pub time: u64,
	/// The chain day (index) at that time.
	pub today: DayIndex,
	/// That day as a date of the chain's calendar.
	pub date: String,
}

impl At {
	/// Where `s` was read.
	pub(crate) fn of(s: &Snapshot) -> Self {
		Self { block: s.block.number, time: s.now, today: s.today, date: date(s.today) }
	}
}

impl fmt::Display for At {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"截至 as of: 区块 block #{}, {} (链上日 chain day {})",
			self.block,
			fmt_time(self.time),
			self.date
		)
	}
}

// ---------------------------------------------------------------- app show / list

/// `app show`.
#[derive(Serialize)]
pub struct AppShow {
	/// Where it was read.
	pub at: At,
	/// The application.
	pub application: ApplicationView,
	/// The subject's registered name.
	pub subject_name: Option<String>,
	/// Working days left on the running clock (today included when a working day).
	pub working_days_left: Option<u32>,
	/// The running clock has run out (its last day is past).
	pub overdue: bool,
}

impl Outcome for AppShow {}

impl fmt::Display for AppShow {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let a = &self.application;
		writeln!(f, "申请 application {}", a.id)?;
		writeln!(f, "状态 state            {} ({})", state_zh(&a.state), a.state)?;
		writeln!(f, "登记类型 type         {} ({})", kind_zh(&a.kind), a.kind)?;
		writeln!(f, "对象 object           {} ({})", object_zh(&a.object), a.object)?;
		writeln!(f, "登记主体 subject      {} {}", a.subject, opt(&self.subject_name))?;
		writeln!(f, "数据名称 data name    {}", a.data_name)?;
		writeln!(f, "内容简介 summary      {}", a.summary)?;
		writeln!(f, "登记机构 institution  {}", a.institution)?;
		writeln!(f, "申请人 applicant      {} ({})", a.applicant, a.role)?;
		writeln!(f, "提交 submitted        {}", fmt_time(a.submitted_at))?;
		if let Some(r) = a.registration {
			writeln!(f, "登记证号 registration {r}")?;
		}
		if let Some(t) = a.timer.as_ref().filter(|_| a.is_open()) {
			writeln!(
				f,
				"时限 clock            {} ({}) 截止 due {}{}{}",
				timer_zh(&t.kind),
				t.kind,
				date(t.due),
				self.working_days_left
					.map(|n| format!(", 剩余 {n} 个工作日 working days left"))
					.unwrap_or_default(),
				if self.overdue { ", 已超期 OVERDUE" } else { "" }
			)?;
		}
		if let Some(p) = &a.publicity {
			writeln!(
				f,
				"公示期 publicity      {} – {}{}",
				date(p.opened_on),
				date(p.closes_on),
				if p.closed { " (已结束 closed)" } else { "" }
			)?;
		}
		writeln!(f, "异议 objections       {} (未决 open {})", a.objections, a.open_objections)?;
		if let Some(c) = &a.certificate {
			writeln!(f, "证书 certificate      {c}")?;
		}
		write!(f, "{}", self.at)
	}
}

const APP_HEADERS: &[&str] = &[
	"申请号 id",
	"状态 state",
	"登记类型 type",
	"对象 object",
	"登记主体 subject",
	"数据名称 data name",
	"内容简介 summary",
	"登记机构 institution",
	"登记证号 registration",
	"时限 clock",
	"截止 due",
	"公示首日 publicity first day",
	"公示末日 publicity last day",
	"异议 objections",
	"未决异议 open objections",
	"证书 certificate",
];

/// The running clock of an open application (a terminal one keeps its last clock in state).
fn running(a: &ApplicationView) -> Option<&dengji_client::query::TimerView> {
	a.timer.as_ref().filter(|_| a.is_open())
}

fn app_row(a: &ApplicationView) -> Vec<String> {
	vec![
		a.id.to_string(),
		a.state.clone(),
		a.kind.clone(),
		a.object.clone(),
		a.subject.clone(),
		a.data_name.clone(),
		a.summary.clone(),
		a.institution.to_string(),
		opt(&a.registration),
		running(a).map(|t| t.kind.clone()).unwrap_or_default(),
		running(a).map(|t| date(t.due)).unwrap_or_default(),
		a.publicity.as_ref().map(|p| date(p.opened_on)).unwrap_or_default(),
		a.publicity.as_ref().map(|p| date(p.closes_on)).unwrap_or_default(),
		a.objections.to_string(),
		a.open_objections.to_string(),
		opt(&a.certificate),
	]
}

impl Table for AppShow {
	const HEADERS: &'static [&'static str] = APP_HEADERS;
	fn rows(&self) -> Vec<Vec<String>> {
		vec![app_row(&self.application)]
	}
}

/// `app list`.
#[derive(Serialize)]
pub struct AppList {
	/// Where it was read.
	pub at: At,
	/// The applications, by id.
	pub applications: Vec<ApplicationView>,
}

impl Outcome for AppList {}

impl Table for AppList {
	const HEADERS: &'static [&'static str] = APP_HEADERS;
	fn rows(&self) -> Vec<Vec<String>> {
		self.applications.iter().map(app_row).collect()
	}
}

impl fmt::Display for AppList {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		writeln!(f, "申请号 id  状态 state  登记类型 type  登记主体 subject  登记机构 institution  截止 due  数据名称 data name")?;
		for a in &self.applications {
			writeln!(
				f,
				"{}  {}  {}  {}  {}  {}  {}",
				a.id,
				state_zh(&a.state),
				kind_zh(&a.kind),
				a.subject,
				a.institution,
				running(a).map(|t| date(t.due)).unwrap_or_else(|| "-".into()),
				a.data_name
			)?;
		}
		write!(f, "共 {} 条 records; {}", self.applications.len(), self.at)
	}
}

/// Whether `a` passes the `app list` filters. `state` matches the state's English name
/// (case-insensitive) or its Chinese name; `open` matches every non-terminal state.
pub fn app_matches(
	a: &ApplicationView,
	state: Option<&str>,
	institution: Option<DivisionCode>,
	subject: Option<&str>,
) -> bool {
	let state_ok = match state {
		None => true,
		Some(s) if s.eq_ignore_ascii_case("open") => a.is_open(),
		Some(s) => a.state.eq_ignore_ascii_case(s) || state_zh(&a.state) == s,
	};
	state_ok
		&& institution.is_none_or(|d| d.get() == a.institution)
		&& subject.is_none_or(|u| u == a.subject)
}

// ---------------------------------------------------------------- registration show

/// `registration show`.
#[derive(Serialize)]
pub struct RegistrationShow {
	/// Where it was read.
	pub at: At,
	/// The registration.
	pub registration: RegistrationView,
	/// The subject's registered name.
	pub subject_name: Option<String>,
	/// The current certificate's status (`Valid`, `Superseded`, `Cancelled`, `Revoked`), or
	/// `Drafted` while it awaits the issuer's signature.
	pub certificate_status: String,
}

impl Outcome for RegistrationShow {}

impl Table for RegistrationShow {
	const HEADERS: &'static [&'static str] = &[
		"登记证号 number",
		"状态 status",
		"登记主体 subject",
		"主体名称 subject name",
		"对象 object",
		"登记机构 institution",
		"数据名称 data name",
		"证书 certificate",
		"证书状态 certificate status",
		"内容摘要 content digest",
		"待决申请 pending application",
		"共有主体 co-subjects",
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
		let r = &self.registration;
		vec![vec![
			r.number.to_string(),
			r.status.clone(),
			r.subject.clone(),
			opt(&self.subject_name),
			r.object.clone(),
			r.institution.to_string(),
			r.data_name.clone(),
			r.certificate.clone(),
			self.certificate_status.clone(),
			r.content_digest.clone(),
			opt(&r.pending.or(r.lifecycle_pending)),
			r.co_subjects.join(";"),
		]
		.into_iter()
		.chain(details_cells(r.details.as_ref()))
		.collect()]
	}
}

impl fmt::Display for RegistrationShow {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let r = &self.registration;
		writeln!(f, "登记证号 registration {}", r.number)?;
		writeln!(f, "状态 status           {} ({})", state_zh(&r.status), r.status)?;
		writeln!(f, "登记主体 subject      {} {}", r.subject, opt(&self.subject_name))?;
		writeln!(f, "对象 object           {} ({})", object_zh(&r.object), r.object)?;
		writeln!(f, "数据名称 data name    {}", r.data_name)?;
		writeln!(f, "登记机构 institution  {}", r.institution)?;
		writeln!(f, "证书 certificate      {} ({})", r.certificate, self.certificate_status)?;
		writeln!(f, "内容摘要 digest       {}", r.content_digest)?;
		if let Some(a) = r.pending.or(r.lifecycle_pending) {
			writeln!(f, "待决申请 pending      {a}")?;
		}
		if !r.co_subjects.is_empty() {
			writeln!(f, "共有主体 co-subjects  {}", r.co_subjects.join(", "))?;
		}
		write_details(f, r.details.as_ref())?;
		write!(f, "{}", self.at)
	}
}

/// The catalogue cells of a registration's basic details (YX-R §12, YN-D §15): industry,
/// coverage, update, classification, grade, share, open, catalogue; empty when not recorded.
pub(crate) fn details_cells(d: Option<&DetailsView>) -> Vec<String> {
	match d {
		None => vec![String::new(); 8],
		Some(d) => vec![
			d.industry.clone(),
			d.coverage.to_string(),
			d.update.clone(),
			d.classification.clone(),
			d.grade.clone(),
			d.share.clone(),
			d.open.clone(),
			opt(&d.catalogue),
		],
	}
}

/// 数据分级 in Chinese.
pub(crate) fn grade_zh(g: &str) -> &str {
	match g {
		"General" => "一般数据",
		"Important" => "重要数据",
		"Core" => "核心数据",
		other => other,
	}
}

/// 共享/开放属性 in Chinese.
pub(crate) fn attribute_zh(a: &str) -> &str {
	match a {
		"Unconditional" => "无条件",
		"Conditional" => "有条件",
		"NotShared" | "NotOpen" => "不予",
		other => other,
	}
}

/// The basic details as text lines (YX-R §12), or one line saying they are not recorded.
pub(crate) fn write_details(f: &mut fmt::Formatter<'_>, d: Option<&DetailsView>) -> fmt::Result {
	let Some(d) = d else {
		return writeln!(f, "基本信息 details      未记录 not recorded");
	};
	writeln!(f, "所属行业 industry     {} (GB/T 4754)", d.industry)?;
	writeln!(f, "覆盖地区 coverage     {}", d.coverage)?;
	writeln!(f, "数据结构 structure    {}, {} records", d.structure, d.records)?;
	writeln!(f, "更新频次 update       {}", d.update)?;
	writeln!(
		f,
		"分类分级 class/grade  {} / {} ({})",
		d.classification,
		grade_zh(&d.grade),
		d.grade
	)?;
	writeln!(
		f,
		"共享/开放 share/open  {} ({}) / {} ({})",
		attribute_zh(&d.share),
		d.share,
		attribute_zh(&d.open),
		d.open
	)?;
	if let Some(c) = &d.catalogue {
		writeln!(f, "目录编码 catalogue    {c}")?;
	}
	Ok(())
}

// ---------------------------------------------------------------- publicity list

/// One notice in publicity (YX-R §22 ¶1).
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
	/// Application id.
	pub application: u64,
	/// Institution (division code).
	pub institution: u32,
	/// Subject (USCC).
	pub subject: String,
	/// 主体名称: the subject's name.
	pub subject_name: String,
	/// 登记类型: the registration type (`FirstTime`, …).
	pub registration_type: String,
	/// The same in Chinese.
	pub registration_type_zh: String,
	/// 数据名称.
	pub data_name: String,
	/// 数据内容简介.
	pub summary: String,
	/// 公示首日: the window's first day (index and date).
	pub first_day: DayIndex,
	/// The first day as a date.
	pub first_date: String,
	/// 公示末日: the window's last day.
	pub last_day: DayIndex,
	/// The last day as a date.
	pub last_date: String,
	/// Working days left in the window (the publicity date excluded, YX-R §22 ¶1, Q3), today
	/// included when a working day.
	pub working_days_left: u32,
	/// The count crossed a year whose official calendar is not loaded yet.
	pub provisional: bool,
	/// Objections not yet decided.
	pub open_objections: u32,
}

/// The notice of `a` if it is in publicity on `today`.
pub fn notice(
	a: &ApplicationView,
	subject_name: Option<String>,
	today: DayIndex,
	cal: &StaticCalendar,
) -> Option<Notice> {
	// In publicity: published, its end not recorded, and its last day not past (the chain's
	// sweep may record the end a little after the last day).
	let p = a
		.publicity
		.as_ref()
		.filter(|p| !p.closed && a.state == "InPublicity" && today <= p.closes_on)?;
	Some(Notice {
		application: a.id,
		institution: a.institution,
		subject: a.subject.clone(),
		subject_name: subject_name.unwrap_or_default(),
		registration_type: a.kind.clone(),
		registration_type_zh: kind_zh(&a.kind).to_string(),
		data_name: a.data_name.clone(),
		summary: a.summary.clone(),
		first_day: p.opened_on,
		first_date: date(p.opened_on),
		last_day: p.closes_on,
		last_date: date(p.closes_on),
		// YX-R §22 ¶1, Q3: the publicity date itself is not one of the 10 working days.
		working_days_left: working_days_left(cal, p.opened_on, today, p.closes_on),
		provisional: p.provisional,
		open_objections: a.open_objections,
	})
}

/// `publicity list`.
#[derive(Serialize)]
pub struct PublicityList {
	/// Where it was read.
	pub at: At,
	/// Notices in publicity, by last day then application id.
	pub notices: Vec<Notice>,
}

impl Outcome for PublicityList {}

impl Table for PublicityList {
	const HEADERS: &'static [&'static str] = &[
		"申请号 application",
		"主体名称 subject name",
		"登记主体 subject",
		"登记类型 registration type",
		"数据名称 data name",
		"内容简介 summary",
		"公示首日 first day",
		"公示末日 last day",
		"剩余工作日 working days left",
		"登记机构 institution",
		"未决异议 open objections",
	];
	fn rows(&self) -> Vec<Vec<String>> {
		self.notices
			.iter()
			.map(|n| {
				vec![
					n.application.to_string(),
					n.subject_name.clone(),
					n.subject.clone(),
					n.registration_type_zh.clone(),
					n.data_name.clone(),
					n.summary.clone(),
					n.first_date.clone(),
					n.last_date.clone(),
					n.working_days_left.to_string(),
					n.institution.to_string(),
					n.open_objections.to_string(),
				]
			})
			.collect()
	}
}

impl fmt::Display for PublicityList {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if self.notices.is_empty() {
			writeln!(f, "无公示中的申请 (no application in publicity)")?;
		}
		for n in &self.notices {
			writeln!(
				f,
				"公示 notice: 申请 application {} (登记机构 institution {})",
				n.application, n.institution
			)?;
			writeln!(f, "  主体名称 subject     {} ({})", n.subject_name, n.subject)?;
			writeln!(
				f,
				"  登记类型 type        {} ({})",
				n.registration_type_zh, n.registration_type
			)?;
			writeln!(f, "  数据名称 data name   {}", n.data_name)?;
			writeln!(f, "  内容简介 summary     {}", n.summary)?;
			writeln!(
				f,
				"  公示期 window        {} – {}, 剩余 {} 个工作日 working days left{}",
				n.first_date,
				n.last_date,
				n.working_days_left,
				if n.provisional { " (暂定 provisional)" } else { "" }
			)?;
		}
		write!(f, "{}", self.at)
	}
}

// ---------------------------------------------------------------- queue

/// One item of an institution's work list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueueItem {
	/// `application` or `objection`.
	pub item: &'static str,
	/// Its id.
	pub id: u64,
	/// The application (its own id for applications).
	pub application: u64,
	/// State.
	pub state: String,
	/// The running clock's kind.
	pub clock: Option<String>,
	/// The clock's last day.
	pub due: Option<DayIndex>,
	/// That day as a date.
	pub due_date: Option<String>,
	/// The last day has passed.
	pub overdue: bool,
	/// Working days left, today included when a working day.
	pub working_days_left: Option<u32>,
	/// Whose move it is: `institution` (a miss is reported, YX-R §26(四)) or `subject` / `public`.
	pub waiting_on: &'static str,
}

/// The open applications filed with `institution` and the open objections against them, ordered
/// by deadline (earliest first; items without a running clock last, then by kind and id), the
/// overdue ones marked.
pub fn queue_items(
	apps: &[ApplicationView],
	objections: &[ObjectionView],
	institution: u32,
	today: DayIndex,
	cal: &StaticCalendar,
) -> Vec<QueueItem> {
	let mut out = Vec::new();
	let timed = |t: Option<&dengji_client::query::TimerView>| {
		let due = t.map(|t| t.due);
		(
			t.map(|t| t.kind.clone()),
			due,
			due.map(date),
			due.is_some_and(|d| today > d),
			t.map(|t| working_days_left(cal, t.started_on, today, t.due)),
			match t {
				Some(t) if t.binds_institution() => "institution",
				Some(t) if t.kind == "Publicity" => "public",
				Some(_) => "subject",
				None => "institution",
			},
		)
	};
	let ours: Vec<&ApplicationView> =
		apps.iter().filter(|a| a.institution == institution && a.is_open()).collect();
	for a in &ours {
		let (clock, due, due_date, overdue, working_days_left, waiting_on) =
			timed(a.timer.as_ref());
		out.push(QueueItem {
			item: "application",
			id: a.id,
			application: a.id,
			state: a.state.clone(),
			clock,
			due,
			due_date,
			overdue,
			working_days_left,
			waiting_on,
		});
	}
	for o in objections.iter().filter(|o| o.is_open() && ours.iter().any(|a| a.id == o.application))
	{
		let (clock, due, due_date, overdue, working_days_left, waiting_on) =
			timed(o.timer.as_ref());
		out.push(QueueItem {
			item: "objection",
			id: o.id,
			application: o.application,
			state: o.state.clone(),
			clock,
			due,
			due_date,
			overdue,
			working_days_left,
			waiting_on,
		});
	}
	out.sort_by_key(|i| (i.due.is_none(), i.due, i.item, i.id));
	out
}

/// `queue`.
#[derive(Serialize)]
pub struct Queue {
	/// Where it was read.
	pub at: At,
	/// The institution.
	pub institution: u32,
	/// Its open applications and objections, by deadline.
	pub items: Vec<QueueItem>,
}

impl Outcome for Queue {}

impl Table for Queue {
	const HEADERS: &'static [&'static str] = &[
		"类别 item",
		"编号 id",
		"申请号 application",
		"状态 state",
		"时限 clock",
		"截止 due",
		"超期 overdue",
		"剩余工作日 working days left",
		"待办方 waiting on",
	];
	fn rows(&self) -> Vec<Vec<String>> {
		self.items
			.iter()
			.map(|i| {
				vec![
					i.item.to_string(),
					i.id.to_string(),
					i.application.to_string(),
					i.state.clone(),
					opt(&i.clock),
					opt(&i.due_date),
					i.overdue.to_string(),
					opt(&i.working_days_left),
					i.waiting_on.to_string(),
				]
			})
			.collect()
	}
}

impl fmt::Display for Queue {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		writeln!(f, "登记机构 institution {} 待办 work list", self.institution)?;
		writeln!(f, "截止 due  类别 item  编号 id  申请 application  状态 state  时限 clock  剩余 left  待办方 waiting on")?;
		for i in &self.items {
			let mut line = String::new();
			let _ = write!(
				line,
				"{}  {}  {}  {}  {}  {}  {}  {}",
				i.due_date.as_deref().unwrap_or("-"),
				if i.item == "objection" { "异议 objection" } else { "申请 application" },
				i.id,
				i.application,
				state_zh(&i.state),
				i.clock.as_deref().map(timer_zh).unwrap_or("-"),
				i.working_days_left.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
				i.waiting_on
			);
			if i.overdue {
				line.push_str("  已超期 OVERDUE");
			}
			writeln!(f, "{line}")?;
		}
		write!(f, "共 {} 项 items; {}", self.items.len(), self.at)
	}
}

// ---------------------------------------------------------------- running

fn certificate_status(s: &CertificateStatus) -> &'static str {
	match s {
		CertificateStatus::Valid => "Valid",
		CertificateStatus::Superseded { .. } => "Superseded",
		CertificateStatus::Cancelled { .. } => "Cancelled",
		CertificateStatus::Revoked { .. } => "Revoked",
	}
}

pub(crate) async fn snapshot(
	out: &QueryOut,
	ctx: Ctx,
	json: bool,
) -> Result<(dengji_client::Client, Snapshot)> {
	check_format(out.csv, json)?;
	let client = connect(&out.node.url, ctx).await?;
	let snap = client.snapshot().await?;
	Ok((client, snap))
}

impl AppCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		match self {
			AppCmd::Show { out, id } => {
				let (_, s) = snapshot(&out, ctx, json).await?;
				let application =
					s.application(id).await?.ok_or(SdkError::NotFound(Missing::Application(id)))?;
				let subject_name = s.subject_name(&application.subject).await?;
				// A terminal application keeps its last clock in state; no deadline runs any more.
				let clock = running(&application);
				let due = clock.map(|t| t.due);
				let show = AppShow {
					at: At::of(&s),
					working_days_left: clock.map(|t| s.working_days_left(t.started_on, t.due)),
					overdue: due.is_some_and(|d| s.today > d),
					subject_name,
					application,
				};
				render(&show, out.csv, json)
			}
			AppCmd::List { out, state, institution, subject } => {
				let (_, s) = snapshot(&out, ctx, json).await?;
				let subject = subject.map(|u| u.to_string());
				let applications = s
					.applications()
					.await?
					.into_iter()
					.filter(|a| app_matches(a, state.as_deref(), institution, subject.as_deref()))
					.collect();
				render(&AppList { at: At::of(&s), applications }, out.csv, json)
			}
		}
	}
}

impl RegistrationCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		match self {
			RegistrationCmd::Show { out, number } => {
				let (client, s) = snapshot(&out, ctx, json).await?;
				let registration = s
					.registration(number)
					.await?
					.ok_or(SdkError::NotFound(Missing::Registration(number)))?;
				let subject_name = s.subject_name(&registration.subject).await?;
				let code = CertificateCode::parse(&registration.certificate).map_err(|e| {
					SdkError::Decode { what: "certificate code", reason: format!("{e:?}") }
				})?;
				let r = client.reader();
				let key = dengji_client::keys::certificate_key(&code);
				let record: Option<CertificateRecord> =
					r.storage("certificate record", &key, Some(s.block.hash)).await?;
				let certificate_status = match record {
					Some(rec) => certificate_status(&rec.status).to_string(),
					None => "Drafted".to_string(),
				};
				render(
					&RegistrationShow {
						at: At::of(&s),
						registration,
						subject_name,
						certificate_status,
					},
					out.csv,
					json,
				)
			}
		}
	}
}

impl PublicityCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		match self {
			PublicityCmd::List { out } => {
				let (_, s) = snapshot(&out, ctx, json).await?;
				let mut notices = Vec::new();
				for a in s.applications().await? {
					if a.state == "InPublicity" {
						let name = s.subject_name(&a.subject).await?;
						notices.extend(notice(&a, name, s.today, &s.calendar));
					}
				}
				notices.sort_by_key(|n| (n.last_day, n.application));
				render(&PublicityList { at: At::of(&s), notices }, out.csv, json)
			}
		}
	}
}

impl QueueArgs {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx, json: bool) -> Result<Output> {
		let (_, s) = snapshot(&self.out, ctx, json).await?;
		let apps = s.applications().await?;
		let objections = s.objections().await?;
		let institution = self.institution.get();
		let items = queue_items(&apps, &objections, institution, s.today, &s.calendar);
		render(&Queue { at: At::of(&s), institution, items }, self.out.csv, json)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use dengji_client::query::{PublicityView, TimerView};
	use dengji_primitives::calendar::{Date, OfficialYear};

	fn day(y: u16, m: u8, d: u8) -> DayIndex {
		Date::new(y, m, d).unwrap().to_day_index()
	}

	fn timer(kind: &str, due: DayIndex) -> Option<TimerView> {
		Some(TimerView {
			kind: kind.into(),
			started_on: due.saturating_sub(30),
			due,
			provisional: false,
			handled: false,
		})
	}

	fn app(id: u64, institution: u32, state: &str, t: Option<TimerView>) -> ApplicationView {
		ApplicationView {
			id,
			kind: "FirstTime".into(),
			object: "DataResource".into(),
			subject: "91530400MA6N000007".into(),
			applicant: "5Grw".into(),
			role: "SubjectOrAgent".into(),
			institution,
			registration: None,
			agreement: None,
			data_name: "交通流量, \"日\"".into(),
			summary: "多行\n摘要".into(),
			state: state.into(),
			submitted_at: 0,
			timer: t,
			publicity: None,
			objections: 0,
			open_objections: 0,
			certificate: None,
			co_subjects: vec![],
			details: None,
			validity_exception_years: None,
		}
	}

	#[test]
	fn csv_fields_with_commas_quotes_and_newlines_are_quoted() {
		use crate::output::{csv_field, to_csv};
		assert_eq!(csv_field("plain"), "plain");
		assert_eq!(csv_field("a,b"), "\"a,b\"");
		assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
		assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
		assert_eq!(csv_field("cr\r"), "\"cr\r\"");
		assert_eq!(csv_field(""), "");
		let csv = to_csv(&["编号 id", "名称 name"], &[vec!["1".into(), "a,\"b\"".into()]]);
		assert_eq!(csv, "编号 id,名称 name\n1,\"a,\"\"b\"\"\"");
		// Every row has as many cells as the header (data name and summary hold , " and \n).
		let list = AppList {
			at: At { block: 1, time: 0, today: 0, date: "1970-01-01".into() },
			applications: vec![app(0, 530400, "Submitted", None)],
		};
		let rows = list.rows();
		assert!(rows.iter().all(|r| r.len() == AppList::HEADERS.len()));
		let out = render(&list, true, false).unwrap();
		assert!(out.text.contains("\"交通流量, \"\"日\"\"\",\"多行\n摘要\""), "{}", out.text);
		assert!(render(&list, true, true).is_err());
	}

	#[test]
	fn queue_is_ordered_by_deadline_with_overdue_items_marked() {
		let cal = StaticCalendar::new();
		let today = day(2026, 5, 13); // a Wednesday
		let apps = vec![
			app(1, 530400, "UnderReview", timer("Review", day(2026, 5, 20))),
			app(2, 530400, "Submitted", timer("Acceptance", day(2026, 5, 11))),
			app(3, 530400, "InPublicity", timer("Publicity", day(2026, 5, 15))),
			app(4, 530400, "Approved", None), // terminal
			app(5, 110000, "Submitted", timer("Acceptance", day(2026, 5, 1))), // elsewhere
			app(6, 530400, "Deferred", None),
		];
		let objections = vec![
			ObjectionView {
				id: 9,
				application: 3,
				lodged_on: day(2026, 5, 12),
				received_on: None,
				state: "Lodged".into(),
				timer: timer("Forward", day(2026, 5, 13)),
			},
			ObjectionView {
				id: 8,
				application: 3,
				lodged_on: day(2026, 5, 12),
				received_on: None,
				state: "Dismissed".into(),
				timer: None,
			},
			ObjectionView {
				id: 7,
				application: 5,
				lodged_on: day(2026, 5, 12),
				received_on: None,
				state: "Lodged".into(),
				timer: timer("Forward", day(2026, 5, 12)),
			},
		];
		let q = queue_items(&apps, &objections, 530400, today, &cal);
		let order: Vec<_> = q.iter().map(|i| (i.item, i.id)).collect();
		assert_eq!(
			order,
			vec![
				("application", 2),
				("objection", 9),
				("application", 3),
				("application", 1),
				("application", 6)
			]
		);
		let overdue: Vec<_> = q.iter().map(|i| i.overdue).collect();
		// Day 11 is past; the whole of the last day (13, today) is still in time.
		assert_eq!(overdue, vec![true, false, false, false, false]);
		assert_eq!(q[0].working_days_left, Some(0));
		assert_eq!(q[1].working_days_left, Some(1));
		// Wed 13 .. Wed 20: 13, 14, 15, 18, 19, 20.
		assert_eq!(q[3].working_days_left, Some(6));
		assert_eq!(q[0].waiting_on, "institution");
		assert_eq!(q[2].waiting_on, "public");
		assert_eq!(q[4].due, None);
		let text = Queue {
			at: At { block: 1, time: 0, today, date: date(today) },
			institution: 530400,
			items: q,
		}
		.to_string();
		assert_eq!(text.matches("OVERDUE").count(), 1, "{text}");
	}

	#[test]
	fn notice_has_the_four_fields_and_working_days_left_under_the_chain_calendar() {
		// YX-R §22 ¶1: 10 working days; a holiday in the window is not counted.
		let cal = StaticCalendar::new().with_year(
			OfficialYear::from_dates(2026, &[Date::new(2026, 5, 1).unwrap()], &[]).unwrap(),
		);
		let mut a = app(3, 530400, "InPublicity", timer("Publicity", day(2026, 5, 8)));
		a.publicity = Some(PublicityView {
			opened_on: day(2026, 4, 27),
			opened_at: 0,
			closes_on: day(2026, 5, 8),
			provisional: false,
			closed: false,
		});
		// Thu 30 Apr: 30 Apr, (1 May holiday), 4..8 May = 6.
		let n = notice(&a, Some("某市交通局".into()), day(2026, 4, 30), &cal).unwrap();
		assert_eq!(n.working_days_left, 6);
		assert_eq!(n.subject_name, "某市交通局");
		assert_eq!(n.registration_type_zh, "首次登记");
		assert_eq!(n.data_name, a.data_name);
		assert_eq!(n.summary, a.summary);
		assert_eq!((n.first_date.as_str(), n.last_date.as_str()), ("2026-04-27", "2026-05-08"));
		// The last day still counts; the day after, the window is over even before the chain
		// records its end.
		assert_eq!(notice(&a, None, day(2026, 5, 8), &cal).unwrap().working_days_left, 1);
		assert!(notice(&a, None, day(2026, 5, 9), &cal).is_none());
		// Not in publicity any more: no notice.
		a.state = "Approved".into();
		assert!(notice(&a, None, day(2026, 4, 30), &cal).is_none());
	}

	/// YX-R §22 ¶1: "公示期为10个工作日，自公示之日起计算". The chain counts the 10 days from
	/// the day after the publicity date (`add_working_days`, Q3), so the notice shows 10 working
	/// days left on the publicity date (not 11), 1 on its last day.
	#[test]
	fn notice_shows_ten_working_days_left_on_the_publicity_date() {
		let cal = StaticCalendar::new();
		let opened = day(2026, 6, 1); // a Monday, a working day
		let closes = dengji_client::primitives::calendar::add_working_days(&cal, opened, 10).due;
		let mut a = app(3, 530400, "InPublicity", timer("Publicity", closes));
		a.publicity = Some(PublicityView {
			opened_on: opened,
			opened_at: 0,
			closes_on: closes,
			provisional: false,
			closed: false,
		});
		assert_eq!(notice(&a, None, opened, &cal).unwrap().working_days_left, 10);
		assert_eq!(notice(&a, None, closes, &cal).unwrap().working_days_left, 1);
	}

	#[test]
	fn list_filters_by_state_institution_and_subject() {
		let a = app(1, 530400, "InPublicity", None);
		let div = DivisionCode::new(530400).unwrap();
		assert!(app_matches(&a, Some("inpublicity"), Some(div), Some("91530400MA6N000007")));
		assert!(app_matches(&a, Some("公示中"), None, None));
		assert!(app_matches(&a, Some("open"), None, None));
		assert!(!app_matches(&a, Some("Approved"), None, None));
		assert!(!app_matches(&a, None, Some(DivisionCode::new(110000).unwrap()), None));
		assert!(!app_matches(&app(2, 530400, "Refused", None), Some("open"), None, None));
	}
}
