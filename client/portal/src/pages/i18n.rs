//! The pages' one message catalogue: every visible string, Chinese first (`zh-CN`, the default)
//! and English. A string missing in one language does not compile: each is a field of
//! [`Messages`], and [`ZH`] and [`EN`] set every field.

/// A page language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
	/// 简体中文 (default).
	Zh,
	/// English.
	En,
}

impl Lang {
	/// The `lang` attribute.
	pub fn tag(self) -> &'static str {
		match self {
			Lang::Zh => "zh-CN",
			Lang::En => "en",
		}
	}

	/// The `?lang=` value.
	pub fn param(self) -> &'static str {
		match self {
			Lang::Zh => "zh",
			Lang::En => "en",
		}
	}

	/// The catalogue.
	pub fn m(self) -> &'static Messages {
		match self {
			Lang::Zh => &ZH,
			Lang::En => &EN,
		}
	}

	/// From `?lang=` (`zh`, `zh-CN`, `en`, …), else from `Accept-Language` (the first language
	/// with a non-zero weight that the pages have), else Chinese.
	pub fn negotiate(query: Option<&str>, accept_language: Option<&str>) -> Lang {
		if let Some(q) = query.and_then(Self::from_tag) {
			return q;
		}
		let mut best: Option<(f32, Lang)> = None;
		for part in accept_language.unwrap_or("").split(',') {
			let mut it = part.split(';');
			let tag = it.next().unwrap_or("").trim();
			let weight = it
				.find_map(|p| p.trim().strip_prefix("q="))
				.and_then(|w| w.trim().parse::<f32>().ok())
				.unwrap_or(1.0);
			if let Some(l) = Self::from_tag(tag) {
				if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
					best = Some((weight, l));
				}
			}
		}
		best.map_or(Lang::Zh, |(_, l)| l)
	}

	fn from_tag(tag: &str) -> Option<Lang> {
		let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
		match primary.as_str() {
			"zh" => Some(Lang::Zh),
			"en" => Some(Lang::En),
			_ => None,
		}
	}
}

macro_rules! catalogue {
	($($key:ident: $zh:expr, $en:expr;)*) => {
		/// Every string of the pages.
		#[allow(missing_docs)]
		pub struct Messages { $(pub $key: &'static str,)* }
		/// 简体中文.
		pub static ZH: Messages = Messages { $($key: $zh,)* };
		/// English.
		pub static EN: Messages = Messages { $($key: $en,)* };
	};
}

catalogue! {
	site: "公共数据资源登记平台", "Public Data Registration Platform";
	site_note: "数据来自已最终确认的登记链区块；证书核验在您的浏览器中完成。",
		"Data from finalized blocks of the registration chain; certificates are verified in your browser.";
	skip: "跳到正文", "Skip to content";
	nav_home: "首页", "Home";
	nav_publicity: "公示", "Publicity";
	nav_verify: "核验凭证", "Verify a certificate";
	other_lang: "English", "中文";
	as_of: "数据截至区块", "Data as of block";
	home_title: "登记查询", "Registry search";
	search_label: "数据名称、登记主体、登记编号或证书编码", "Data name, subject, registration number or certificate code";
	search_button: "查询", "Search";
	search_hint: "数据名称至少 1 个字；也可输入统一社会信用代码、登记编号或证书编码（如 530400-2026-0000123-6）。",
		"Any part of a data name; or a unified social credit code, a registration number or a certificate code (e.g. 530400-2026-0000123-6).";
	results: "查询结果", "Results";
	no_results: "没有找到符合条件的登记。", "No registration matches.";
	whats_new: "最新登记申请", "What is new";
	nothing_yet: "暂无登记申请。", "No applications yet.";
	next_page: "下一页", "Next page";
	col_application: "申请号", "Application";
	col_data_name: "数据名称", "Data name";
	col_subject: "登记主体", "Subject";
	col_kind: "登记类型", "Registration type";
	col_state: "状态", "State";
	col_submitted: "提交日期", "Submitted";
	col_registration: "登记编号", "Registration number";
	col_certificate: "证书编码", "Certificate code";
	col_summary: "数据内容简介", "Summary of the data";
	col_institution: "登记机构", "Registration institution";
	publicity_title: "登记公示", "Publicity board";
	publicity_intro: "依据《公共数据资源登记管理暂行办法》第二十二条，登记机构对经形式审查符合要求的登记申请公示 10 个工作日，自公示之日起计算。公示内容包括登记主体名称、登记类型、登记数据名称、数据内容简介。",
		"Under YX-R §22, applications that pass formal review are published for 10 working days, counted from the day of publication, with the subject's name, the registration type, the data name and a summary of the data.";
	publicity_empty: "目前没有处于公示期的登记申请。", "No application is in publicity now.";
	window: "公示期", "Publicity window";
	first_day: "首日", "First day";
	last_day: "末日", "Last day";
	days_left: "剩余工作日", "Working days left";
	provisional: "（日历未最终发布，日期为暂定）", "(calendar not yet final: provisional date)";
	object_title: "如何提出异议", "How to lodge an objection";
	object_who: "公示期间，任何单位或者个人可以实名对公示内容提出异议，并提供必要证据材料（第二十二条第二款）。",
		"During publicity any organisation or person may object to the published content in their real name, with the necessary evidence (YX-R §22 ¶2).";
	object_where: "向登记机构提出", "Lodge it with";
	object_deadline: "截止时间", "Deadline";
	object_deadline_text: "公示期末日 24:00（北京时间）前", "before 24:00 Beijing time on the last day of publicity";
	object_evidence: "需提供", "Bring";
	object_evidence_text: "实名身份证明（单位为统一社会信用代码及经办人身份证明）；异议的事实与理由；必要的证据材料（如权属证明、数据来源说明）。登记机构在 3 个工作日内转送登记主体，登记主体在 10 个工作日内申辩，处理结果反馈双方；异议期间暂缓登记。",
		"Proof of your real name (an organisation: its unified social credit code and the agent's identity); the facts and reasons of the objection; the necessary evidence (e.g. proof of ownership, the data's source). The institution forwards it to the subject within 3 working days, the subject answers within 10 working days, both sides are told the outcome; registration is deferred meanwhile.";
	object_cli: "在线提出：", "Online:";
	registration_title: "登记", "Registration";
	registration_status: "登记状态", "Registration status";
	object_kind: "登记对象", "Object";
	history: "登记历史", "History";
	applications: "申请与决定", "Applications and decisions";
	col_publicity: "公示", "Publicity";
	col_decision: "决定", "Decision";
	col_objections: "异议", "Objections";
	objections: "异议与处理结果", "Objections and outcomes";
	col_objection: "异议号", "Objection";
	col_lodged: "提出日期", "Lodged";
	col_outcome: "处理结果", "Outcome";
	no_objections: "无异议。", "No objections.";
	certificates: "电子凭证", "Certificates";
	col_status: "状态", "Status";
	col_issued: "颁发日期", "Issued on";
	col_valid_until: "有效期至", "Valid until";
	col_previous: "前一凭证", "Replaces";
	col_successor: "后继凭证", "Replaced by";
	col_events: "状态记录", "Status history";
	certificate_title: "公共数据资源登记凭证", "Public data registration certificate";
	code: "证书编码", "Certificate code";
	subject: "登记主体", "Registration subject";
	co_subjects: "共同登记主体", "Co-subjects";
	none: "无", "none";
	uscc: "统一社会信用代码", "Unified social credit code";
	issuer: "颁发机构", "Issuer";
	issued_on: "颁发日期", "Date of issue";
	beijing_time: "（北京时间）", "(Beijing time)";
	status: "凭证状态", "Status";
	qr_caption: "扫码打开本页并核验", "Scan to open this page and verify";
	print: "打印（A4）", "Print (A4)";
	verdict_title: "浏览器内核验", "Verification in this browser";
	verdict_pending: "正在浏览器中核验证明包……", "Verifying the proof bundle in this browser…";
	verdict_nojs: "核验结论需要在浏览器中运行 JavaScript；也可以下载证明包，用 dengji cert verify 离线核验。",
		"The verdict is computed by JavaScript in your browser; without it, download the proof bundle and check it offline with dengji cert verify.";
	download_bundle: "下载证明包", "Download the proof bundle";
	trust_root: "信任根", "Trust root";
	trust_pinned: "您在本浏览器中固定的信任根", "the trust root you pinned in this browser";
	trust_portal: "本平台提供的信任根（未经您独立确认）", "this portal's own trust root (not independently confirmed by you)";
	pin_label: "固定信任根文件（由数据主管部门提供）", "Pin a trust-root file (from the data authority)";
	pin_clear: "清除固定的信任根", "Clear the pinned trust root";
	verify_title: "离线核验凭证", "Verify a certificate offline";
	verify_intro: "选择或拖入证明包文件和信任根文件，核验在本浏览器中离线完成，不向服务器发送任何内容。",
		"Choose or drop a proof-bundle file and a trust-root file: verification runs offline in this browser and sends nothing to any server.";
	bundle_file: "证明包文件（.bundle 或 JSON）", "Proof bundle file (.bundle or JSON)";
	trust_file: "信任根文件（JSON）", "Trust root file (JSON)";
	drop_here: "也可以将两个文件拖到此处", "Or drop both files here";
	verify_button: "核验", "Verify";
	verdict_valid: "有效", "Valid";
	verdict_expired: "已过有效期", "Expired";
	verdict_superseded: "已被新凭证取代", "Superseded";
	verdict_cancelled: "已注销", "Cancelled";
	verdict_revoked: "已撤销", "Revoked";
	verdict_not_found: "链上不存在该凭证", "Not found on the chain";
	verdict_stale: "证明过旧，请重新获取", "Proof too old: fetch a fresh one";
	verdict_error: "核验失败", "Verification failed";
	verdict_wrong_chain: "二维码指向的链与信任根不一致", "The QR code names another chain than the trust root";
	verdict_block: "依据已最终确认的区块", "Proved by finalized block";
	verdict_successor: "新凭证", "New certificate";
	verdict_ms: "核验用时", "Verified in";
	not_found_title: "未找到", "Not found";
	bad_request_title: "请求有误", "Bad request";
	unavailable_title: "暂时无法提供", "Temporarily unavailable";
	back_home: "返回首页", "Back to the home page";
	kind_first: "首次登记", "First registration";
	kind_change: "变更登记", "Change";
	kind_correction: "更正登记", "Correction";
	kind_cancellation: "注销登记", "Cancellation";
	kind_renewal: "续展", "Renewal";
}

impl Messages {
	/// The name of a registration type (`FirstTime`, …), else the value itself.
	pub fn kind(&self, k: &str) -> String {
		match k {
			"FirstTime" => self.kind_first,
			"Change" => self.kind_change,
			"Correction" => self.kind_correction,
			"Cancellation" => self.kind_cancellation,
			"Renewal" => self.kind_renewal,
			other => other,
		}
		.to_string()
	}

	/// The words of a verdict (`valid`, …) as the page script shows them.
	pub fn verdicts(&self) -> [(&'static str, &'static str); 9] {
		[
			("valid", self.verdict_valid),
			("expired", self.verdict_expired),
			("superseded", self.verdict_superseded),
			("cancelled", self.verdict_cancelled),
			("revoked", self.verdict_revoked),
			("not_found", self.verdict_not_found),
			("stale", self.verdict_stale),
			("error", self.verdict_error),
			("wrong_chain", self.verdict_wrong_chain),
		]
	}
}

/// Names of the stored states and statuses (applications, objections, registrations,
/// certificates): (value, 中文, English). Unknown values are shown as they are.
pub const STATES: &[(&str, &str, &str)] = &[
	("Submitted", "已提交", "Submitted"),
	("SupplementRequested", "待补正", "Supplement requested"),
	("NotAccepted", "不予受理", "Not accepted"),
	("DeemedWithdrawn", "视为撤回", "Deemed withdrawn"),
	("Withdrawn", "已撤回", "Withdrawn"),
	("UnderReview", "形式审查中", "Under review"),
	("InPublicity", "公示中", "In publicity"),
	("Deferred", "暂缓登记", "Deferred"),
	("Approved", "已核准", "Approved"),
	("Refused", "不予登记", "Refused"),
	("Terminated", "终止登记", "Terminated"),
	("Closed", "已关闭", "Closed"),
	("Lodged", "已提出", "Lodged"),
	("Forwarded", "已转送", "Forwarded"),
	("Rebutted", "已申辩", "Rebutted"),
	("RebuttalLapsed", "逾期未申辩", "Rebuttal lapsed"),
	("Upheld", "异议成立", "Upheld"),
	("Dismissed", "异议不成立", "Dismissed"),
	("Disputed", "存在争议", "Disputed"),
	("Active", "有效", "In force"),
	("Valid", "有效", "Valid"),
	("Superseded", "已被取代", "Superseded"),
	("Cancelled", "已注销", "Cancelled"),
	("CancelledOnExpiry", "期满注销", "Cancelled on expiry"),
	("Revoked", "已撤销", "Revoked"),
	("Expired", "已过期", "Expired"),
	("DataResource", "公共数据资源", "Public data resource"),
	("DataProductOrService", "数据产品或服务", "Data product or service"),
];

impl Lang {
	/// The name of a state, status or object kind.
	pub fn state(self, value: &str) -> String {
		match STATES.iter().find(|(v, _, _)| *v == value) {
			Some((_, zh, en)) => match self {
				Lang::Zh => (*zh).to_string(),
				Lang::En => (*en).to_string(),
			},
			None => value.to_string(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn language_from_query_then_accept_language_then_chinese() {
		assert_eq!(Lang::negotiate(Some("en"), Some("zh-CN")), Lang::En);
		assert_eq!(Lang::negotiate(Some("zh-CN"), Some("en")), Lang::Zh);
		assert_eq!(Lang::negotiate(None, Some("en-GB,en;q=0.9")), Lang::En);
		assert_eq!(Lang::negotiate(None, Some("fr;q=1, en;q=0.5, zh;q=0.8")), Lang::Zh);
		assert_eq!(Lang::negotiate(None, Some("en;q=0")), Lang::Zh);
		assert_eq!(Lang::negotiate(Some("xx"), None), Lang::Zh);
		assert_eq!(Lang::negotiate(None, None), Lang::Zh);
	}
}
