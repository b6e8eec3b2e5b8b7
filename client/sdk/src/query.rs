//! [`Snapshot`]: typed reads of the registration state at one finalized block, for query tools
//! that work without the portal (`dengji app|registration|publicity|queue`).
//!
//! Maps are read by prefix iteration of their storage (subxt's dynamic storage API) and every
//! value is decoded with the runtime's own metadata (`scale-value`), then read by field name:
//! new enum variants decode (their names come from the metadata) and a renamed or retyped field
//! fails with its path ([`Error::Decode`]) instead of being misread. Working-day counts use
//! `dengji-primitives`' calendar math over the chain's own `Calendar::Years` and
//! `Calendar::Clock`, as the pallets do (YX-R §22).
//!
//! Records only: nothing here computes aggregate statistics over registration information
//! (YX-R §24).

use crate::{
	client::{within, Client, DengjiConfig},
	error::{Error, Result},
	rpc::BlockRef,
	signer::account_to_ss58,
	timeouts,
};
use dengji_primitives::{
	calendar::{is_working_day, ChainClock, Date, DayIndex, OfficialYear, StaticCalendar},
	Moment,
};
use serde::Serialize;
use subxt::{
	ext::scale_value::{Composite, Primitive, Value, ValueDef},
	OnlineClientAtBlock,
};

/// Application states that end an application (the pallet's terminal states). Any other state,
/// including one added by a later runtime, counts as open.
pub const TERMINAL_APPLICATION_STATES: [&str; 7] =
	["NotAccepted", "DeemedWithdrawn", "Withdrawn", "Refused", "Terminated", "Approved", "Closed"];

mod review_due;
pub use review_due::{months_between, select_due, ReviewDue, DEFAULT_REVIEW_MONTHS};
/// Objection states that end an objection.
/// (`Disputed`: decided as a dispute raised on the application, Q32.)
pub const TERMINAL_OBJECTION_STATES: [&str; 4] = ["Upheld", "Dismissed", "Closed", "Disputed"];

/// Timer kinds the institution must act before (a miss is reported, YX-R §26(四)); the others
/// wait on the subject or the public (supplement, publicity, rebuttal).
pub const INSTITUTION_TIMERS: [&str; 4] = ["Acceptance", "Review", "Cancellation", "Forward"];

/// A running legal clock (`Timer`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimerView {
	/// What it measures (`Acceptance`, `Review`, `Supplement`, `Publicity`, …).
	pub kind: String,
	/// The trigger day (excluded from the count).
	pub started_on: DayIndex,
	/// The last day in time (inclusive).
	pub due: DayIndex,
	/// The count crossed a year whose official calendar is not loaded.
	pub provisional: bool,
	/// Its expiry has been handled by the chain's sweep.
	pub handled: bool,
}

impl TimerView {
	/// Whether the institution must act before it runs out.
	pub fn binds_institution(&self) -> bool {
		INSTITUTION_TIMERS.contains(&self.kind.as_str())
	}
}

/// The publicity window of an application (YX-R §22 ¶1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublicityView {
	/// 公示之日: the first day.
	pub opened_on: DayIndex,
	/// Instant of publication (ms).
	pub opened_at: Moment,
	/// The last day (10 working days counted from the publicity date).
	pub closes_on: DayIndex,
	/// The count crossed a year whose official calendar is not loaded.
	pub provisional: bool,
	/// The end of publicity has been recorded.
	pub closed: bool,
}

/// An application (`Registration::Applications`), public fields only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplicationView {
	/// Application id.
	pub id: u64,
	/// Registration type: the `Request` variant (`FirstTime`, `Change`, `Correction`,
	/// `Cancellation`, `Renewal`).
	pub kind: String,
	/// `DataResource` or `DataProductOrService`.
	pub object: String,
	/// The subject's USCC.
	pub subject: String,
	/// The filing account (SS58).
	pub applicant: String,
	/// `SubjectOrAgent`, `InterestedParty`, or for a cancellation (Q8) `Successor`, `Liquidator` or
	/// `AuthorityOrder`.
	pub role: String,
	/// Division code of the institution it is filed with.
	pub institution: u32,
	/// The registration concerned (not for first registrations).
	pub registration: Option<u64>,
	/// The authorised-operation agreement.
	pub agreement: Option<u64>,
	/// 数据名称.
	pub data_name: String,
	/// 数据内容简介.
	pub summary: String,
	/// Current state (`Submitted`, `UnderReview`, `InPublicity`, …).
	pub state: String,
	/// Instant of the current submission (ms).
	pub submitted_at: Moment,
	/// The running clock.
	pub timer: Option<TimerView>,
	/// The publicity window, once published.
	pub publicity: Option<PublicityView>,
	/// Objections lodged.
	pub objections: u32,
	/// Objections not yet decided.
	pub open_objections: u32,
	/// The certificate drafted on approval.
	pub certificate: Option<String>,
	/// The co-subjects of a joint application with their consent (YX-R §15; empty before
	/// runtime 103).
	pub co_subjects: Vec<CoSubjectView>,
	/// The typed basic information and classification declared (YX-R §12), if any.
	pub details: Option<DetailsView>,
	/// The validity in years the data authority set as an exception (YX-R §23 ¶1), if any.
	pub validity_exception_years: Option<u8>,
}

/// A co-subject of a joint application (YX-R §15, §12(八)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoSubjectView {
	/// Its USCC.
	pub subject: String,
	/// `Awaited`, `Document` (written consent filed) or `Signed` (it signed the application).
	pub consent: String,
	/// BLAKE2-256 of the written consent (`0x…`), for `Document`.
	pub document: Option<String>,
	/// When it signed (ms), for `Signed`.
	pub signed_at: Option<Moment>,
}

/// The typed basic information and classification of a registration or application (YX-R §12
/// (三)–(七), (九); YX-AO §31, YN-D §13, §15, DZ §13): pallet variant names, digests as `0x…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetailsView {
	/// 所属行业, GB/T 4754-2017 code.
	pub industry: String,
	/// BLAKE2-256 of the application scenario.
	pub scenario: String,
	/// BLAKE2-256 of the data source and its proof.
	pub source: String,
	/// 数据结构类型 (`Structured`, `SemiStructured`, `Unstructured`, `Mixed`).
	pub structure: String,
	/// 规模: number of records.
	pub records: u64,
	/// BLAKE2-256 of the field names and formats.
	pub schema: String,
	/// 资源覆盖地区 (GB/T 2260 division code).
	pub coverage: u32,
	/// 更新频次 (`RealTime`, `Daily`, … `Irregular`, `NotUpdated`).
	pub update: String,
	/// 数据分类 code.
	pub classification: String,
	/// 数据分级 (`General`, `Important`, `Core`).
	pub grade: String,
	/// 共享属性 (`Unconditional`, `Conditional`, `NotShared`).
	pub share: String,
	/// 开放属性 (`Unconditional`, `Conditional`, `NotOpen`).
	pub open: String,
	/// 目录编码 of the catalogue entry.
	pub catalogue: Option<String>,
}

/// One entry of the catalogue built from registrations (YX-R §7(一), Q40): an active
/// registration with its basic information and classification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogueEntry {
	/// Registration number (登记证号).
	pub number: u64,
	/// 数据名称.
	pub data_name: String,
	/// The subject's USCC.
	pub subject: String,
	/// The co-subjects' USCCs (共有主体, YX-R §12(八)).
	pub co_subjects: Vec<String>,
	/// `DataResource` or `DataProductOrService`.
	pub object: String,
	/// Division code of its institution.
	pub institution: u32,
	/// Its current certificate code.
	pub certificate: String,
	/// The authorised-operation agreement.
	pub agreement: Option<u64>,
	/// The typed basic information and classification; None when not recorded (registrations
	/// made before runtime 103, or without a declaration).
	pub details: Option<DetailsView>,
}

impl ApplicationView {
	/// Whether it is still open (not in a terminal state).
	pub fn is_open(&self) -> bool {
		!TERMINAL_APPLICATION_STATES.contains(&self.state.as_str())
	}
}

/// A registration (`Registration::Registrations`; 登记证号 = its number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegistrationView {
	/// Registration number.
	pub number: u64,
	/// The subject's USCC.
	pub subject: String,
	/// `DataResource` or `DataProductOrService`.
	pub object: String,
	/// Division code of its institution.
	pub institution: u32,
	/// 数据名称.
	pub data_name: String,
	/// BLAKE2-256 of the approved basic information (`0x…`).
	pub content_digest: String,
	/// Its current certificate code.
	pub certificate: String,
	/// The authorised-operation agreement.
	pub agreement: Option<u64>,
	/// `Active`, `Cancelled`, `Revoked`, `CancelledOnExpiry`.
	pub status: String,
	/// The change or correction open on it.
	pub pending: Option<u64>,
	/// The renewal or cancellation open on it (`LifecyclePending`).
	pub lifecycle_pending: Option<u64>,
	/// The co-subjects' USCCs (共有主体, YX-R §12(八), §15; empty before runtime 103).
	pub co_subjects: Vec<String>,
	/// The typed basic information and classification (YX-R §12), None when not recorded.
	pub details: Option<DetailsView>,
}

/// An objection (`Registration::Objections`), without the objector's identity or documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectionView {
	/// Objection id.
	pub id: u64,
	/// The application in publicity it is against.
	pub application: u64,
	/// Day it was lodged.
	pub lodged_on: DayIndex,
	/// Day the subject received it.
	pub received_on: Option<DayIndex>,
	/// State (`Lodged`, `Forwarded`, `Rebutted`, …).
	pub state: String,
	/// The forward or rebuttal clock.
	pub timer: Option<TimerView>,
}

impl ObjectionView {
	/// Whether it is still undecided.
	pub fn is_open(&self) -> bool {
		!TERMINAL_OBJECTION_STATES.contains(&self.state.as_str())
	}
}

/// A complaint about an institution's registration acts (`Institutions::Complaints`, 投诉举报,
/// YX-R §25(二)): digests, steps and times; the content and the decision stay off chain. Variant
/// names are in kebab case (`IndustryRegulator` → `industry-regulator`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComplaintView {
	/// Its number.
	pub id: u32,
	/// The institution complained about.
	pub institution: u32,
	/// `real-name` (lodged by the account) or `authority` (recorded by it; none: province).
	pub lodged_as: String,
	/// The lodging or recording account (SS58), if any.
	pub by: Option<String>,
	/// BLAKE2-256 of the content (`0x…`).
	pub content: String,
	/// Received (ms since the epoch).
	pub received_at: Moment,
	/// `received`, `referred`, or the decision's outcome (`upheld`, `dismissed`).
	pub status: String,
	/// Where it was referred (`institution`, `cyberspace`, … `industry-regulator`).
	pub referred_to: Option<String>,
	/// When it was referred.
	pub referred_at: Option<Moment>,
	/// The referring authority's account (SS58; none: the province authority).
	pub referred_by: Option<String>,
	/// When it was decided.
	pub decided_at: Option<Moment>,
	/// The deciding authority's account (SS58; none: the province authority).
	pub decided_by: Option<String>,
	/// BLAKE2-256 of the written decision (`0x…`).
	pub decision: Option<String>,
}

/// A third-party service institution (`Institutions::ServiceInstitutions`, 第三方专业服务机构,
/// YX-R §11, §28). Variant names are in kebab case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceInstitutionView {
	/// USCC.
	pub uscc: String,
	/// Name.
	pub name: String,
	/// Its accounts (SS58).
	pub accounts: Vec<String>,
	/// `active`, `suspended` or `removed`.
	pub status: String,
	/// The registering city (none: the province authority).
	pub authority: Option<u32>,
	/// Registered (ms since the epoch).
	pub registered_at: Moment,
	/// The YX-R §28 ground of the latest suspension or removal, if any (`false-record`, …).
	pub ground: Option<String>,
	/// BLAKE2-256 of the latest decision (`0x…`).
	pub decision: Option<String>,
	/// When the latest suspension, reinstatement or removal was decided.
	pub decided_at: Option<Moment>,
}

/// The registration state at one finalized block, with the chain's clock and calendar.
pub struct Snapshot {
	at: OnlineClientAtBlock<DengjiConfig>,
	/// The block read.
	pub block: BlockRef,
	/// Chain time at the block (`Timestamp::Now`, ms).
	pub now: Moment,
	/// How chain time maps to days (`Calendar::Clock`).
	pub clock: ChainClock,
	/// The chain day at `now`.
	pub today: DayIndex,
	/// The loaded official years (`Calendar::Years`).
	pub calendar: StaticCalendar,
}

impl std::fmt::Debug for Snapshot {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "Snapshot(#{}, day {})", self.block.number, self.today)
	}
}

impl Client {
	/// A [`Snapshot`] of the finalized head.
	pub async fn snapshot(&self) -> Result<Snapshot> {
		let head = self.reader().finalized_head().await?;
		self.snapshot_at(head).await
	}

	/// A [`Snapshot`] of block `block`.
	pub async fn snapshot_at(&self, block: BlockRef) -> Result<Snapshot> {
		within("storage query", timeouts::REQUEST, async {
			let at = self.api().at_block(subxt::utils::H256(block.hash)).await?;
			// No `Timestamp::Now` before the first block; any other failure is reported.
			let now = match self.reader().now_at(block.hash).await {
				Ok(now) => now,
				Err(Error::NotFound(_)) => 0,
				Err(e) => return Err(e),
			};
			let clock = self
				.reader()
				.storage("Calendar::Clock", &crate::keys::calendar_clock_key(), Some(block.hash))
				.await?
				.unwrap_or_default();
			let mut snap = Snapshot {
				at,
				block,
				now,
				clock,
				today: clock.day_at(now),
				calendar: StaticCalendar::new(),
			};
			for (key, v) in snap.iter("Calendar", "Years").await? {
				let year = u16::try_from(key.u128()?).map_err(|_| key.bad("year out of range"))?;
				let days = |name: &str| -> Result<Vec<DayIndex>> {
					v.v().field(name)?.items()?.into_iter().map(|d| d.u32()).collect()
				};
				snap.calendar.insert(OfficialYear {
					year,
					holidays: sorted(days("holidays")?),
					makeup_workdays: sorted(days("makeup_workdays")?),
				});
			}
			Ok(snap)
		})
		.await
	}
}

fn sorted(mut v: Vec<DayIndex>) -> Vec<DayIndex> {
	dengji_primitives::calendar::normalize_days(&mut v);
	v
}

impl Snapshot {
	/// Every entry of the map `pallet::item`: (first key, value), decoded through the metadata.
	async fn iter(&self, pallet: &str, item: &str) -> Result<Vec<(Root, Root)>> {
		let addr = subxt::storage::dynamic::<(Value,), Value>(pallet, item);
		let mut entries = self.at.storage().iter(addr, ()).await?;
		let mut out = Vec::new();
		while let Some(kv) = entries.next().await {
			let kv = kv?;
			let path = format!("{pallet}::{item}");
			let key = kv
				.key()
				.map_err(|e| Error::Decode { what: "storage key", reason: e.to_string() })?
				.part(0)
				.and_then(|p| p.decode_as::<Value>().transpose())
				.transpose()
				.map_err(|e| Error::Decode { what: "storage key", reason: e.to_string() })?
				.ok_or(Error::Decode {
					what: "storage key",
					reason: format!("{path}: key not decodable (opaque hasher)"),
				})?;
			let value = kv
				.value()
				.decode()
				.map_err(|e| Error::Decode { what: "storage value", reason: e.to_string() })?;
			out.push((Root::new(key, path.clone()), Root::new(value, path)));
		}
		Ok(out)
	}

	/// The value of `pallet::item[key]`, decoded through the metadata.
	async fn get(&self, pallet: &str, item: &str, key: Value) -> Result<Option<Root>> {
		let addr = subxt::storage::dynamic::<(Value,), Value>(pallet, item);
		let path = format!("{pallet}::{item}[{key}]");
		match self.at.storage().try_fetch(addr, (key,)).await? {
			None => Ok(None),
			Some(v) => {
				let value = v
					.decode()
					.map_err(|e| Error::Decode { what: "storage value", reason: e.to_string() })?;
				Ok(Some(Root::new(value, path)))
			}
		}
	}

	/// Working days left in the period triggered on `trigger` whose last day is `due`, as of
	/// this snapshot's day, under the chain's calendar: [`working_days_left`] (YX-R §22, Q3).
	pub fn working_days_left(&self, trigger: DayIndex, due: DayIndex) -> u32 {
		working_days_left(&self.calendar, trigger, self.today, due)
	}

	/// Day `day` as a date of the chain's calendar (`YYYY-MM-DD`).
	pub fn date(day: DayIndex) -> String {
		Date::from_day_index(day).to_string()
	}

	/// The application `id`.
	pub async fn application(&self, id: u64) -> Result<Option<ApplicationView>> {
		match self.get("Registration", "Applications", Value::u128(id.into())).await? {
			None => Ok(None),
			Some(v) => Ok(Some(application(id, v.v())?)),
		}
	}

	/// Every application, by id.
	pub async fn applications(&self) -> Result<Vec<ApplicationView>> {
		let mut out = Vec::new();
		for (k, v) in self.iter("Registration", "Applications").await? {
			out.push(application(k.v().u64()?, v.v())?);
		}
		out.sort_by_key(|a| a.id);
		Ok(out)
	}

	/// The registration with this number.
	pub async fn registration(&self, number: u64) -> Result<Option<RegistrationView>> {
		let Some(v) = self.get("Registration", "Registrations", Value::u128(number.into())).await?
		else {
			return Ok(None);
		};
		let lifecycle = self
			.get("Registration", "LifecyclePending", Value::u128(number.into()))
			.await?
			.map(|p| p.v().u64())
			.transpose()?;
		let r = v.v();
		Ok(Some(RegistrationView {
			number,
			subject: r.field("subject")?.text()?,
			object: r.field("object")?.variant()?.to_string(),
			institution: r.field("institution")?.u32()?,
			data_name: r.field("data_name")?.text()?,
			content_digest: r.field("content_digest")?.hex()?,
			certificate: r.field("certificate")?.code()?.to_string(),
			agreement: r.field("agreement")?.option()?.map(V::u64).transpose()?,
			status: r.field("status")?.variant()?.to_string(),
			pending: r.field("pending")?.option()?.map(V::u64).transpose()?,
			lifecycle_pending: lifecycle,
			co_subjects: co_subject_list(r)?,
			details: details(r)?,
		}))
	}

	/// The catalogue built from registrations (YX-R §7(一), Q40): every active registration, by
	/// number, with its basic information and classification. Records only: no counts or other
	/// statistics (YX-R §24).
	pub async fn catalogue(&self) -> Result<Vec<CatalogueEntry>> {
		let mut out = Vec::new();
		for (k, v) in self.iter("Registration", "Registrations").await? {
			let r = v.v();
			if r.field("status")?.variant()? != "Active" {
				continue;
			}
			out.push(CatalogueEntry {
				number: k.v().u64()?,
				data_name: r.field("data_name")?.text()?,
				subject: r.field("subject")?.text()?,
				co_subjects: co_subject_list(r)?,
				object: r.field("object")?.variant()?.to_string(),
				institution: r.field("institution")?.u32()?,
				certificate: r.field("certificate")?.code()?.to_string(),
				agreement: r.field("agreement")?.option()?.map(V::u64).transpose()?,
				details: details(r)?,
			});
		}
		out.sort_by_key(|e| e.number);
		Ok(out)
	}

	/// Every objection, by id.
	pub async fn objections(&self) -> Result<Vec<ObjectionView>> {
		let mut out = Vec::new();
		for (k, v) in self.iter("Registration", "Objections").await? {
			let o = v.v();
			out.push(ObjectionView {
				id: k.v().u64()?,
				application: o.field("application")?.u64()?,
				lodged_on: o.field("lodged_on")?.u32()?,
				received_on: o.field("received_on")?.option()?.map(V::u32).transpose()?,
				state: o.field("state")?.variant()?.to_string(),
				timer: timer(o.field("timer")?)?,
			});
		}
		out.sort_by_key(|o| o.id);
		Ok(out)
	}

	/// Every complaint (`Institutions::Complaints`), by number: records one by one, no counts
	/// (YX-R §24, §25(二)).
	pub async fn complaints(&self) -> Result<Vec<ComplaintView>> {
		let mut out = Vec::new();
		for (k, v) in self.iter("Institutions", "Complaints").await? {
			out.push(complaint(k.v().u32()?, v.v())?);
		}
		out.sort_by_key(|c| c.id);
		Ok(out)
	}

	/// Every registered third-party service institution (`Institutions::ServiceInstitutions`), by
	/// USCC (YX-R §11, §28).
	pub async fn service_institutions(&self) -> Result<Vec<ServiceInstitutionView>> {
		let mut out = Vec::new();
		for (k, v) in self.iter("Institutions", "ServiceInstitutions").await? {
			out.push(service_institution(k.v().text()?, v.v())?);
		}
		out.sort_by(|a, b| a.uscc.cmp(&b.uscc));
		Ok(out)
	}

	/// The registered name of the subject with this USCC (`Institutions::Subjects`).
	pub async fn subject_name(&self, uscc: &str) -> Result<Option<String>> {
		// `Uscc([u8; 18])`: a newtype around the array.
		let bytes = Value::unnamed_composite(uscc.bytes().map(|b| Value::u128(b.into())));
		let key = Value::unnamed_composite(vec![bytes]);
		match self.get("Institutions", "Subjects", key).await? {
			None => Ok(None),
			Some(v) => Ok(Some(v.v().field("name")?.text()?)),
		}
	}
}

/// Working days `d` with `from <= d <= due` under `cal` (0 when `due < from`).
pub fn working_days_between(cal: &StaticCalendar, from: DayIndex, due: DayIndex) -> u32 {
	(from..=due).filter(|&d| is_working_day(cal, d)).fold(0u32, |n, _| n.saturating_add(1))
}

/// Working days left on `today` in a legal period triggered on `trigger` (the day of the act
/// that starts it) whose last day is `due`: the working days of the period not yet over, today
/// included when it is one of them. The chain counts every period as
/// [`dengji_primitives::calendar::add_working_days`] does: the trigger day is excluded and day 1
/// is the first working day after it (Q3), so a 10-working-day publicity "自公示之日起计算"
/// (YX-R §22 ¶1) has 10 days left on the publicity date itself, 1 on its last day and 0 after.
/// The portal (`/api/publicity`, deadlines) and the CLI (`publicity list`, `queue`, `app show`)
/// both use this function.
pub fn working_days_left(
	cal: &StaticCalendar,
	trigger: DayIndex,
	today: DayIndex,
	due: DayIndex,
) -> u32 {
	working_days_between(cal, today.max(trigger.saturating_add(1)), due)
}

fn timer(v: V<'_>) -> Result<Option<TimerView>> {
	let Some(t) = v.option()? else { return Ok(None) };
	let deadline = t.field("deadline")?;
	Ok(Some(TimerView {
		kind: t.field("kind")?.variant()?.to_string(),
		started_on: t.field("started_on")?.u32()?,
		due: deadline.field("due")?.u32()?,
		provisional: deadline.field("provisional")?.bool()?,
		handled: t.field("handled")?.bool()?,
	}))
}

/// The co-subjects of a registration (`co_subjects: BoundedVec<Uscc>`; absent before runtime
/// 103).
fn co_subject_list(r: V<'_>) -> Result<Vec<String>> {
	match r.opt_field("co_subjects")? {
		None => Ok(Vec::new()),
		Some(list) => list.items()?.into_iter().map(V::text).collect(),
	}
}

/// The co-subjects of an application with their consent (absent before runtime 103).
fn co_subjects(a: V<'_>) -> Result<Vec<CoSubjectView>> {
	let Some(list) = a.opt_field("co_subjects")? else { return Ok(Vec::new()) };
	list.items()?
		.into_iter()
		.map(|c| {
			let consent = c.field("consent")?;
			let name = consent.variant()?.to_string();
			let inner = consent.variant_value();
			Ok(CoSubjectView {
				subject: c.field("subject")?.text()?,
				document: match (name.as_str(), inner) {
					("Document", Some(d)) => Some(d.hex()?),
					_ => None,
				},
				signed_at: match (name.as_str(), inner) {
					("Signed", Some(v)) => Some(v.field("at")?.u64()?),
					_ => None,
				},
				consent: name,
			})
		})
		.collect()
}

/// The typed basic information (`details: RecordedDetails`): None when `NotRecorded` or absent
/// (before runtime 103).
fn details(r: V<'_>) -> Result<Option<DetailsView>> {
	let Some(d) = r.opt_field("details")? else { return Ok(None) };
	if d.variant()? != "Recorded" {
		return Ok(None);
	}
	let d = d.variant_value().ok_or_else(|| d.bad("Recorded without a value"))?;
	Ok(Some(DetailsView {
		industry: d.field("industry")?.text()?,
		scenario: d.field("scenario")?.hex()?,
		source: d.field("source")?.hex()?,
		structure: d.field("structure")?.variant()?.to_string(),
		records: d.field("records")?.u64()?,
		schema: d.field("schema")?.hex()?,
		coverage: d.field("coverage")?.u32()?,
		update: d.field("update")?.variant()?.to_string(),
		classification: d.field("classification")?.text()?,
		grade: d.field("grade")?.variant()?.to_string(),
		share: d.field("share")?.variant()?.to_string(),
		open: d.field("open")?.variant()?.to_string(),
		catalogue: d.field("catalogue")?.option()?.map(V::text).transpose()?,
	}))
}

fn application(id: u64, a: V<'_>) -> Result<ApplicationView> {
	let info = a.field("info")?;
	let publicity = match a.field("publicity")?.option()? {
		None => None,
		Some(p) => {
			let closes = p.field("closes")?;
			Some(PublicityView {
				opened_on: p.field("opened_on")?.u32()?,
				opened_at: p.field("opened_at")?.u64()?,
				closes_on: closes.field("due")?.u32()?,
				provisional: closes.field("provisional")?.bool()?,
				closed: p.field("closed")?.bool()?,
			})
		}
	};
	Ok(ApplicationView {
		id,
		kind: a.field("request")?.variant()?.to_string(),
		object: a.field("object")?.variant()?.to_string(),
		subject: a.field("subject")?.text()?,
		applicant: a.field("applicant")?.account()?,
		role: a.field("role")?.variant()?.to_string(),
		institution: a.field("institution")?.u32()?,
		registration: a.field("registration")?.option()?.map(V::u64).transpose()?,
		agreement: a.field("agreement")?.option()?.map(V::u64).transpose()?,
		data_name: info.field("data_name")?.text()?,
		summary: info.field("summary")?.text()?,
		state: a.field("state")?.variant()?.to_string(),
		submitted_at: a.field("submitted_at")?.u64()?,
		timer: timer(a.field("timer")?)?,
		publicity,
		objections: a.field("objections")?.u32()?,
		open_objections: a.field("open_objections")?.u32()?,
		certificate: a
			.field("certificate")?
			.option()?
			.map(|c| c.code().map(|c| c.to_string()))
			.transpose()?,
		co_subjects: co_subjects(a)?,
		details: details(a)?,
		validity_exception_years: match a.opt_field("validity_exception")? {
			None => None,
			Some(e) => e
				.option()?
				.map(|e| {
					let y = e.field("years")?;
					u8::try_from(y.u128()?).map_err(|_| y.bad("years out of range"))
				})
				.transpose()?,
		},
	})
}

/// `IndustryRegulator` → `industry-regulator`.
fn kebab(name: &str) -> String {
	let mut out = String::with_capacity(name.len() + 4);
	for (i, c) in name.chars().enumerate() {
		if c.is_ascii_uppercase() && i > 0 {
			out.push('-');
		}
		out.push(c.to_ascii_lowercase());
	}
	out
}

fn complaint(id: u32, c: V<'_>) -> Result<ComplaintView> {
	let complainant = c.field("complainant")?;
	let lodged_as = kebab(complainant.variant()?);
	let by = match complainant.variant_value() {
		// `RealName(account)` or `Authority(Option<account>)`.
		Some(a) if complainant.variant()? == "RealName" => Some(a.account()?),
		Some(a) => a.option()?.map(V::account).transpose()?,
		None => None,
	};
	let referral = c.field("referral")?.option()?;
	let decision = c.field("decision")?.option()?;
	let by_of = |step: Option<V<'_>>| -> Result<Option<String>> {
		match step {
			None => Ok(None),
			Some(s) => s.field("by")?.option()?.map(V::account).transpose(),
		}
	};
	Ok(ComplaintView {
		id,
		institution: c.field("institution")?.u32()?,
		lodged_as,
		by,
		content: c.field("content")?.hex()?,
		received_at: c.field("received_at")?.u64()?,
		status: match (decision, referral) {
			(Some(d), _) => kebab(d.field("outcome")?.variant()?),
			(None, Some(_)) => "referred".into(),
			(None, None) => "received".into(),
		},
		referred_to: referral.map(|r| r.field("to").and_then(V::variant).map(kebab)).transpose()?,
		referred_at: referral.map(|r| r.field("at")?.u64()).transpose()?,
		referred_by: by_of(referral)?,
		decided_at: decision.map(|d| d.field("at")?.u64()).transpose()?,
		decided_by: by_of(decision)?,
		decision: decision.map(|d| d.field("decision")?.hex()).transpose()?,
	})
}

fn service_institution(uscc: String, s: V<'_>) -> Result<ServiceInstitutionView> {
	let last = s.field("last_decision")?.option()?;
	Ok(ServiceInstitutionView {
		uscc,
		name: s.field("name")?.text()?,
		accounts: s
			.field("accounts")?
			.items()?
			.into_iter()
			.map(V::account)
			.collect::<Result<_>>()?,
		status: kebab(s.field("status")?.variant()?),
		authority: s.field("authority")?.option()?.map(V::u32).transpose()?,
		registered_at: s.field("registered_at")?.u64()?,
		ground: match last {
			None => None,
			Some(d) => d.field("ground")?.option()?.map(|g| g.variant().map(kebab)).transpose()?,
		},
		decision: last.map(|d| d.field("decision")?.hex()).transpose()?,
		decided_at: last.map(|d| d.field("at")?.u64()).transpose()?,
	})
}

/// A decoded value with the path it was read from (for error messages).
#[derive(Clone, Copy)]
struct V<'a> {
	value: &'a Value<()>,
	path: &'a str,
}

/// An owned decoded value.
struct Root {
	value: Value<()>,
	path: String,
}

impl Root {
	fn new(value: Value<()>, path: String) -> Self {
		Self { value, path }
	}

	fn v(&self) -> V<'_> {
		V { value: &self.value, path: &self.path }
	}

	fn u128(&self) -> Result<u128> {
		self.v().u128()
	}

	fn bad(&self, reason: &str) -> Error {
		self.v().bad(reason)
	}
}

/// Whether `items` look like a byte sequence: empty, or more than one integer item, all < 256.
/// (A single integer in an unnamed composite is a newtype, e.g. `DivisionCode(u32)`.)
fn is_byte_seq(items: &[Value<()>]) -> bool {
	items.len() != 1
		&& items
			.iter()
			.all(|i| matches!(i.value, ValueDef::Primitive(Primitive::U128(n)) if n < 256))
}

impl<'a> V<'a> {
	fn bad(self, reason: impl std::fmt::Display) -> Error {
		Error::Decode { what: "registration state", reason: format!("{}: {reason}", self.path) }
	}

	/// Strips single-field unnamed composites (newtypes).
	fn unwrap_newtype(self) -> Self {
		let mut v = self.value;
		while let ValueDef::Composite(Composite::Unnamed(items)) = &v.value {
			match items.as_slice() {
				[only] => v = only,
				_ => break,
			}
		}
		V { value: v, path: self.path }
	}

	fn field(self, name: &str) -> Result<V<'a>> {
		let v = self.unwrap_newtype();
		let fields = match &v.value.value {
			ValueDef::Composite(Composite::Named(f)) => f,
			ValueDef::Variant(var) => match &var.values {
				Composite::Named(f) => f,
				_ => return Err(self.bad(format!("variant {} has no named fields", var.name))),
			},
			_ => return Err(self.bad(format!("expected a struct with field `{name}`"))),
		};
		match fields.iter().find(|(n, _)| n == name) {
			Some((_, value)) => Ok(V { value, path: self.path }),
			None => Err(self.bad(format!("no field `{name}`"))),
		}
	}

	/// The field `name`, or None when the struct has no such field (a layout older than the
	/// field).
	fn opt_field(self, name: &str) -> Result<Option<V<'a>>> {
		let v = self.unwrap_newtype();
		match &v.value.value {
			ValueDef::Composite(Composite::Named(f)) => {
				Ok(f.iter().find(|(n, _)| n == name).map(|(_, value)| V { value, path: self.path }))
			}
			_ => self.field(name).map(Some),
		}
	}

	/// The single value inside a variant (`Some(x)`, `Recorded(details)`, `Document(d)`), or
	/// its named fields as the variant itself (`Signed { at }`).
	fn variant_value(self) -> Option<V<'a>> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Variant(var) => match &var.values {
				Composite::Unnamed(items) => {
					items.first().map(|value| V { value, path: self.path })
				}
				Composite::Named(items) if !items.is_empty() => Some(self.unwrap_newtype()),
				Composite::Named(_) => None,
			},
			_ => None,
		}
	}

	fn u128(self) -> Result<u128> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Primitive(Primitive::U128(n)) => Ok(*n),
			_ => Err(self.bad("expected an unsigned integer")),
		}
	}

	fn u64(self) -> Result<u64> {
		u64::try_from(self.u128()?).map_err(|_| self.bad("integer out of u64 range"))
	}

	fn u32(self) -> Result<u32> {
		u32::try_from(self.u128()?).map_err(|_| self.bad("integer out of u32 range"))
	}

	fn bool(self) -> Result<bool> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Primitive(Primitive::Bool(b)) => Ok(*b),
			_ => Err(self.bad("expected a bool")),
		}
	}

	/// A byte sequence (`Vec<u8>`, `[u8; N]`, `BoundedVec<u8, _>`, newtypes of those).
	fn bytes(self) -> Result<Vec<u8>> {
		let mut v = self.value;
		loop {
			match &v.value {
				ValueDef::Composite(Composite::Unnamed(items)) if is_byte_seq(items) => {
					return items
						.iter()
						.map(|i| match i.value {
							ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
							_ => None,
						})
						.collect::<Option<Vec<u8>>>()
						.ok_or_else(|| self.bad("expected bytes"));
				}
				ValueDef::Composite(Composite::Unnamed(items)) if items.len() == 1 => {
					match items[0].value {
						// A one-byte sequence.
						ValueDef::Primitive(Primitive::U128(n)) => {
							return u8::try_from(n)
								.map(|b| vec![b])
								.map_err(|_| self.bad("expected bytes"))
						}
						_ => v = &items[0],
					}
				}
				ValueDef::Primitive(Primitive::String(s)) => return Ok(s.as_bytes().to_vec()),
				_ => return Err(self.bad("expected a byte sequence")),
			}
		}
	}

	/// A 32-byte account, as SS58.
	fn account(self) -> Result<String> {
		let bytes: [u8; 32] =
			self.bytes()?.try_into().map_err(|_| self.bad("not a 32-byte account"))?;
		Ok(account_to_ss58(&bytes))
	}

	/// UTF-8 text stored as bytes (names, summaries, USCCs).
	fn text(self) -> Result<String> {
		String::from_utf8(self.bytes()?).map_err(|_| self.bad("not UTF-8"))
	}

	fn hex(self) -> Result<String> {
		Ok(format!("0x{}", hex::encode(self.bytes()?)))
	}

	fn variant(self) -> Result<&'a str> {
		match &self.unwrap_newtype().value.value {
			ValueDef::Variant(var) => Ok(var.name.as_str()),
			_ => Err(self.bad("expected an enum variant")),
		}
	}

	fn option(self) -> Result<Option<V<'a>>> {
		let first = match &self.unwrap_newtype().value.value {
			ValueDef::Variant(var) => match &var.values {
				Composite::Unnamed(items) => items.first(),
				Composite::Named(items) => items.first().map(|(_, v)| v),
			},
			_ => None,
		};
		match self.variant()? {
			"None" => Ok(None),
			"Some" => first
				.map(|value| Some(V { value, path: self.path }))
				.ok_or_else(|| self.bad("Some without a value")),
			other => Err(self.bad(format!("expected an Option, found variant {other}"))),
		}
	}

	/// The items of a sequence, or of a `BoundedVec` (a newtype around one: every sequence in
	/// storage is bounded). One wrapper at most is taken off, so the one item of a one-item
	/// sequence stays whole when it is itself a newtype (`BoundedVec<AccountId32>` of one account,
	/// `BoundedVec<Uscc>` of one co-subject).
	fn items(self) -> Result<Vec<V<'a>>> {
		let ValueDef::Composite(Composite::Unnamed(items)) = &self.value.value else {
			return Err(self.bad("expected a sequence"));
		};
		let items = match items.as_slice() {
			[Value { value: ValueDef::Composite(Composite::Unnamed(seq)), .. }] => seq,
			_ => items,
		};
		Ok(items.iter().map(|value| V { value, path: self.path }).collect())
	}

	/// A certificate code `{division, year, serial}`.
	fn code(self) -> Result<dengji_primitives::CertificateCode> {
		let division = dengji_primitives::DivisionCode::new(self.field("division")?.u32()?)
			.map_err(|e| self.bad(format!("division: {e:?}")))?;
		let year = u16::try_from(self.field("year")?.u128()?)
			.map_err(|_| self.bad("year out of range"))?;
		dengji_primitives::CertificateCode::new(division, year, self.field("serial")?.u32()?)
			.map_err(|e| self.bad(format!("code: {e:?}")))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use dengji_primitives::calendar::Date;

	fn day(y: u16, m: u8, d: u8) -> DayIndex {
		Date::new(y, m, d).unwrap().to_day_index()
	}

	#[test]
	fn working_days_left_counts_today_and_the_last_day_skipping_weekends_and_holidays() {
		// 2026-10-01..07 National Day holidays; 2026-10-10 (Sat) a make-up workday.
		let cal = StaticCalendar::new().with_year(
			OfficialYear::from_dates(
				2026,
				&(1..=7).map(|d| Date::new(2026, 10, d).unwrap()).collect::<Vec<_>>(),
				&[Date::new(2026, 10, 10).unwrap()],
			)
			.unwrap(),
		);
		// Mon 2026-09-28 .. Mon 2026-10-12: 28, 29, 30 Sep, Sat 10 Oct, Mon 12 Oct (8, 9 are
		// Thu/Fri: working). 28,29,30 + 8,9,10,12 = 7.
		assert_eq!(working_days_between(&cal, day(2026, 9, 28), day(2026, 10, 12)), 7);
		// The last day itself still counts (YX-R §22: the window includes its last day).
		assert_eq!(working_days_between(&cal, day(2026, 10, 12), day(2026, 10, 12)), 1);
		// A holiday as today: not counted.
		assert_eq!(working_days_between(&cal, day(2026, 10, 5), day(2026, 10, 7)), 0);
		// Past the last day: none left.
		assert_eq!(working_days_between(&cal, day(2026, 10, 13), day(2026, 10, 12)), 0);
	}

	/// YX-R §22 ¶1: "公示期为10个工作日，自公示之日起计算" — counted as the chain counts it
	/// (`add_working_days`: the publicity date excluded, Q3), the notice shows 10 working days
	/// left on the publicity date, not 11.
	#[test]
	fn publicity_has_ten_working_days_left_on_its_opening_day_yx_r_22() {
		let cal = StaticCalendar::new();
		// Opened on Monday 2026-06-01 (a working day): the chain's own due day.
		let opened = day(2026, 6, 1);
		let due = dengji_primitives::calendar::add_working_days(&cal, opened, 10).due;
		assert_eq!(due, day(2026, 6, 15), "10 WD after Mon 1 June: Mon 15 June");
		assert_eq!(working_days_left(&cal, opened, opened, due), 10);
		// The next day is day 1 of 10.
		assert_eq!(working_days_left(&cal, opened, day(2026, 6, 2), due), 10);
		assert_eq!(working_days_left(&cal, opened, day(2026, 6, 3), due), 9);
		// A weekend inside the window counts nothing.
		assert_eq!(working_days_left(&cal, opened, day(2026, 6, 6), due), 6);
		assert_eq!(working_days_left(&cal, opened, due, due), 1);
		assert_eq!(working_days_left(&cal, opened, due + 1, due), 0);
		// Opened on a Saturday: still 10 (the period starts on the next working day).
		let sat = day(2026, 6, 6);
		let due = dengji_primitives::calendar::add_working_days(&cal, sat, 10).due;
		assert_eq!(working_days_left(&cal, sat, sat, due), 10);
		// Every day of a window: left + elapsed working days of the period = 10.
		let due = dengji_primitives::calendar::add_working_days(&cal, opened, 10).due;
		for today in opened..=due {
			let elapsed = working_days_between(&cal, opened + 1, today.saturating_sub(1));
			assert_eq!(working_days_left(&cal, opened, today, due) + elapsed, 10, "day {today}");
		}
	}

	fn bytes(b: &[u8]) -> Value {
		Value::unnamed_composite(b.iter().map(|&x| Value::u128(x.into())))
	}

	fn account(b: u8) -> Value {
		Value::unnamed_composite(vec![bytes(&[b; 32])])
	}

	fn some(v: Value) -> Value {
		Value::variant("Some", Composite::Unnamed(vec![v]))
	}

	fn none() -> Value {
		Value::variant("None", Composite::Unnamed(vec![]))
	}

	fn unit(name: &str) -> Value {
		Value::variant(name, Composite::Unnamed(vec![]))
	}

	/// YX-R §25(二): a stored complaint lists with its steps, times and accounts, read by field
	/// name; a missing field is an error naming it, not a guess.
	#[test]
	fn a_complaint_decodes_each_step_by_name_yx_r_25() {
		let complaint = |with_decision: bool| {
			let mut fields = vec![
				("institution", Value::unnamed_composite(vec![Value::u128(530402)])),
				("complainant", Value::variant("RealName", Composite::Unnamed(vec![account(1)]))),
				("content", bytes(&[7; 32])),
				("received_at", Value::u128(1000)),
				(
					"referral",
					some(Value::named_composite(vec![
						("to", unit("IndustryRegulator")),
						("at", Value::u128(2000)),
						("by", some(account(2))),
					])),
				),
			];
			if with_decision {
				fields.push((
					"decision",
					some(Value::named_composite(vec![
						("outcome", unit("Upheld")),
						("decision", bytes(&[9; 32])),
						("at", Value::u128(3000)),
						("by", none()),
					])),
				));
			}
			Root::new(Value::named_composite(fields), "Institutions::Complaints".into())
		};
		let c = complaint(true);
		let c = super::complaint(3, c.v()).unwrap();
		assert_eq!((c.id, c.institution), (3, 530402));
		assert_eq!(c.lodged_as, "real-name");
		assert_eq!(c.by, Some(account_to_ss58(&[1; 32])));
		assert_eq!(c.status, "upheld");
		assert_eq!(c.referred_to.as_deref(), Some("industry-regulator"));
		assert_eq!(c.referred_by, Some(account_to_ss58(&[2; 32])));
		assert_eq!((c.received_at, c.referred_at, c.decided_at), (1000, Some(2000), Some(3000)));
		assert_eq!(c.decided_by, None, "the province authority");
		assert_eq!(c.decision, Some(format!("0x{}", hex::encode([9u8; 32]))));
		let missing = complaint(false);
		let e = super::complaint(3, missing.v()).unwrap_err().to_string();
		assert!(e.contains("Institutions::Complaints") && e.contains("decision"), "{e}");
		// Recorded by a data authority (none: the province).
		let by_authority = Root::new(
			Value::named_composite(vec![
				("institution", Value::u128(530402)),
				("complainant", Value::variant("Authority", Composite::Unnamed(vec![none()]))),
				("content", bytes(&[7; 32])),
				("received_at", Value::u128(1000)),
				("referral", none()),
				("decision", none()),
			]),
			"Institutions::Complaints".into(),
		);
		let c = super::complaint(4, by_authority.v()).unwrap();
		assert_eq!(
			(c.lodged_as.as_str(), c.by, c.status.as_str()),
			("authority", None, "received")
		);
	}

	/// YX-R §28: a stored service institution lists with its accounts, status and ground.
	#[test]
	fn a_service_institution_decodes_status_and_ground_yx_r_28() {
		let stored = |accounts: Vec<Value>| {
			Root::new(
				Value::named_composite(vec![
					("name", Value::unnamed_composite(vec![bytes("服务".as_bytes())])),
					// `BoundedVec<AccountId32>`: a newtype around the sequence.
					(
						"accounts",
						Value::unnamed_composite(vec![Value::unnamed_composite(accounts)]),
					),
					("status", unit("Suspended")),
					("authority", some(Value::unnamed_composite(vec![Value::u128(530400)]))),
					("registered_at", Value::u128(5)),
					(
						"last_decision",
						some(Value::named_composite(vec![
							("ground", some(unit("MisleadingStatement"))),
							("decision", bytes(&[4; 32])),
							("at", Value::u128(6)),
						])),
					),
				]),
				"Institutions::ServiceInstitutions".into(),
			)
		};
		let uscc = "91530402MA6K00001X";
		let s = service_institution(uscc.into(), stored(vec![account(3)]).v()).unwrap();
		assert_eq!((s.uscc.as_str(), s.name.as_str()), (uscc, "服务"));
		// One account: the item stays whole (a one-item sequence of a newtype).
		assert_eq!(s.accounts, vec![account_to_ss58(&[3; 32])]);
		let two = service_institution(uscc.into(), stored(vec![account(3), account(4)]).v());
		assert_eq!(two.unwrap().accounts.len(), 2);
		assert_eq!(s.status, "suspended");
		assert_eq!(s.authority, Some(530400));
		assert_eq!(s.ground.as_deref(), Some("misleading-statement"));
		assert_eq!((s.registered_at, s.decided_at), (5, Some(6)));
		assert_eq!(s.decision, Some(format!("0x{}", hex::encode([4u8; 32]))));
		// An account that is not 32 bytes is a layout mismatch, not a guess.
		let e = service_institution(uscc.into(), stored(vec![bytes(&[3; 31])]).v()).unwrap_err();
		assert!(e.to_string().contains("32-byte account"), "{e}");
	}

	/// YX-R §12(八): a registration with one co-subject lists it (a `BoundedVec<Uscc>` of one
	/// item: the newtype item is not mistaken for the sequence).
	#[test]
	fn a_single_co_subject_is_listed_whole_yx_r_12() {
		let uscc = |s: &str| Value::unnamed_composite(vec![bytes(s.as_bytes())]);
		let list = |items: Vec<Value>| {
			let r = Root::new(
				Value::named_composite(vec![(
					"co_subjects",
					Value::unnamed_composite(vec![Value::unnamed_composite(items)]),
				)]),
				"Registration::Registrations".into(),
			);
			co_subject_list(r.v()).unwrap()
		};
		assert_eq!(list(vec![uscc("12530100MB0000002X")]), vec!["12530100MB0000002X"]);
		assert_eq!(
			list(vec![uscc("12530100MB0000002X"), uscc("12530402MB0000001Y")]),
			vec!["12530100MB0000002X", "12530402MB0000001Y"]
		);
		assert!(list(vec![]).is_empty());
	}

	#[test]
	fn values_are_read_by_field_name_through_newtypes() {
		let u = |n: u128| Value::u128(n);
		let name = Value::unnamed_composite(vec![Value::unnamed_composite(
			"数据".bytes().map(|b| u(u128::from(b))).collect::<Vec<_>>(),
		)]);
		let root = Root::new(
			Value::named_composite(vec![
				("data_name", name),
				("institution", Value::unnamed_composite(vec![u(530400)])),
				("registration", Value::variant("Some", Composite::Unnamed(vec![u(7)]))),
				("agreement", Value::variant("None", Composite::Unnamed(vec![]))),
				("state", Value::variant("SomeFutureState", Composite::Unnamed(vec![]))),
			]),
			"Applications[0]".into(),
		);
		let v = root.v();
		assert_eq!(v.field("data_name").unwrap().text().unwrap(), "数据");
		assert_eq!(v.field("institution").unwrap().u32().unwrap(), 530400);
		assert_eq!(v.field("registration").unwrap().option().unwrap().unwrap().u64().unwrap(), 7);
		assert!(v.field("agreement").unwrap().option().unwrap().is_none());
		// A variant the client was not built with still decodes by name.
		assert_eq!(v.field("state").unwrap().variant().unwrap(), "SomeFutureState");
		let e = v.field("missing").err().unwrap().to_string();
		assert!(e.contains("Applications[0]") && e.contains("missing"), "{e}");
	}
}
