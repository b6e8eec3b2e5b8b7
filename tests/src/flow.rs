//! The registration flow on a `--dev` chain, driven through the SDK (`dengji-client`) exactly as an
//! institution's and a subject's front-ends would: every step is a signed transaction that is
//! waited on until finalized, and its events give the next step's ids.
//!
//! The `development` genesis has one institution, Yuxi (530400), operated by `//Alice`, whose
//! certificate-signing key is `//Alice//cert`; the province authority is `Sudo` (`//Alice`).
//! Subjects and objectors are created here with fresh keys, so each test starts from a clean chain.

use crate::{Node, NodeConfig, RPC_UP_TIMEOUT};
use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{
	keys,
	primitives::{
		blake2_256, calendar::ChainClock, CertificateCode, DayIndex, DivisionCode, ObjectKind, Uscc,
	},
	roles::{self, BasicInfo},
	Arg, Call, CertificateKey, ChainEvent, Client, Policy, Signer, Submitted, TrustRoot,
	UnixTimeMs, Verification,
};
use std::time::{Duration, Instant};

/// The dev chain's institution (Yuxi, 530400).
pub const DEV_INSTITUTION: u32 = 530400;
/// Operator of the dev institution and the dev chain's sudo key.
pub const DEV_OPERATOR: &str = "//Alice";
/// The dev institution's certificate-signing key.
pub const DEV_CERT_KEY: &str = "//Alice//cert";
/// A division outside Yuxi's jurisdiction (Kunming city).
pub const OUTSIDE_DIVISION: u32 = 530100;
/// How long one publicity window (10 working days of 4-second days, weekends included) may take
/// to pass on the dev chain.
pub const PUBLICITY_TIMEOUT: Duration = Duration::from_secs(180);
/// How long a verifier may wait for a GRANDPA-justified block that includes the latest
/// transaction (justifications are kept every few blocks).
pub const JUSTIFIED_TIMEOUT: Duration = Duration::from_secs(60);

/// A USCC (统一社会信用代码) for a company seated in `division`, valid under GB 32100, distinct per
/// `n`.
pub fn uscc(division: u32, n: u32) -> Result<Uscc> {
	for k in 0..100u32 {
		let first17 = format!("91{division:06}MA{:07}", n * 100 + k);
		if let Some(c) = Uscc::check_character(first17.as_bytes()) {
			let mut s = first17.into_bytes();
			s.push(c);
			if let Ok(u) = Uscc::from_bytes(&s) {
				return Ok(u);
			}
		}
	}
	bail!("no valid USCC for division {division}, n {n}")
}

/// A digest standing for an off-chain document.
pub fn doc(what: &str) -> [u8; 32] {
	blake2_256(what.as_bytes())
}

/// Basic information of an application.
pub fn basic_info(data_name: &str) -> BasicInfo {
	BasicInfo {
		data_name: data_name.into(),
		summary: format!("{data_name}: monthly aggregates, de-identified"),
		content_digest: doc(&format!("form of {data_name}")),
		materials: vec![doc(&format!("materials of {data_name}"))],
	}
}

/// A JSON event field as u64 (numbers may arrive wrapped in one-field composites).
pub fn json_u64(v: &serde_json::Value) -> Option<u64> {
	match v {
		serde_json::Value::Number(n) => n.as_u64(),
		serde_json::Value::Array(a) if a.len() == 1 => json_u64(&a[0]),
		serde_json::Value::Object(o) if o.len() == 1 => o.values().next().and_then(json_u64),
		serde_json::Value::Object(o) => o.get("values").and_then(json_u64),
		serde_json::Value::String(s) => s.parse().ok(),
		_ => None,
	}
}

/// A certificate code from an event field (`{division, year, serial}`; `Some(code)` unwrapped).
pub fn json_code(v: &serde_json::Value) -> Option<CertificateCode> {
	let o = v.as_object()?;
	if let (Some(d), Some(y), Some(s)) = (o.get("division"), o.get("year"), o.get("serial")) {
		let division = DivisionCode::new(u32::try_from(json_u64(d)?).ok()?).ok()?;
		return CertificateCode::new(
			division,
			u16::try_from(json_u64(y)?).ok()?,
			u32::try_from(json_u64(s)?).ok()?,
		)
		.ok();
	}
	// `Option::Some(x)` as a variant, or a one-field wrapper.
	if let Some(inner) = o.get("Some").or_else(|| o.get("values")) {
		return json_code(inner)
			.or_else(|| inner.as_array().and_then(|a| a.first()).and_then(json_code));
	}
	o.values().find_map(json_code)
}

/// A field of the first event `pallet::name` in `s`.
pub fn event_field<'a>(
	s: &'a Submitted,
	pallet: &str,
	name: &str,
	field: &str,
) -> Result<&'a serde_json::Value> {
	let ev: &ChainEvent = s
		.event(pallet, name)
		.ok_or_else(|| anyhow!("{} emitted no {pallet}.{name}; events: {:?}", s.call, s.events))?;
	ev.field(field).ok_or_else(|| anyhow!("{pallet}.{name} has no field {field}: {}", ev.fields))
}

/// A u64 field of an event.
pub fn event_u64(s: &Submitted, pallet: &str, name: &str, field: &str) -> Result<u64> {
	let v = event_field(s, pallet, name, field)?;
	json_u64(v).ok_or_else(|| anyhow!("{pallet}.{name}.{field} is not a number: {v}"))
}

/// The parties of a registration on the dev chain.
pub struct Parties {
	/// Operator of the institution.
	pub operator: Signer,
	/// The institution's certificate-signing key.
	pub cert_key: CertificateKey,
	/// The institution.
	pub institution: DivisionCode,
	/// The subject's account.
	pub subject: Signer,
	/// The subject's USCC.
	pub uscc: Uscc,
	/// A real-name person who may object.
	pub objector: Signer,
}

/// Submission-to-finality latency of every transaction sent through a [`Dev`].
#[derive(Default, Debug, Clone)]
pub struct Latencies(pub Vec<(String, Duration)>);

impl Latencies {
	/// Median latency.
	pub fn median(&self) -> Duration {
		crate::median(&self.0.iter().map(|(_, d)| *d).collect::<Vec<_>>())
	}
}

/// A dev node with an SDK client.
pub struct Dev {
	/// The node.
	pub node: Node,
	/// The SDK client.
	pub client: Client,
	/// Latencies of everything submitted through [`Dev::submit`].
	pub latencies: std::sync::Mutex<Latencies>,
	/// Highest block that finalized a transaction sent through this [`Dev`].
	pub last_block: std::sync::atomic::AtomicU64,
}

impl Dev {
	/// Starts `dengji-node --dev` and connects the SDK.
	pub async fn start(name: &str) -> Result<Self> {
		let mut cfg = NodeConfig::dev();
		cfg.name = name.into();
		let node = Node::start(cfg).await?;
		// Blocks must be produced before transactions can be finalized.
		node.wait_finalized(1, crate::finality_timeout(1)).await?;
		let client = tokio::time::timeout(RPC_UP_TIMEOUT, Client::connect(&node.ws_url()))
			.await
			.map_err(|_| anyhow!("SDK connect timed out"))??;
		Ok(Dev { node, client, latencies: Default::default(), last_block: Default::default() })
	}

	/// Submits `call` signed by `signer`, waits for finality, records the latency.
	pub async fn submit(&self, call: &Call, signer: &Signer) -> Result<Submitted> {
		let t = Instant::now();
		let r = self.client.submit(call, signer).await;
		let d = t.elapsed();
		if let Ok(s) = &r {
			self.saw_block(s);
			if let Ok(mut l) = self.latencies.lock() {
				l.0.push((s.call.clone(), d));
			}
		}
		r.map_err(|e| {
			self.node.mark_failed();
			anyhow::Error::new(e).context(format!("{} as {}", call.label(), signer.ss58()))
		})
	}

	fn saw_block(&self, s: &Submitted) {
		self.last_block.fetch_max(u64::from(s.block.number), std::sync::atomic::Ordering::SeqCst);
	}

	/// Verifies `code` online (proof bundle from the node, checked against `trust` by
	/// `dengji-verify` at `now`, default the local clock), from a finalized and justified state
	/// that includes every transaction sent through this [`Dev`]: a bundle proving an older block
	/// is rebuilt, polling every [`crate::POLL_INTERVAL`] for at most [`JUSTIFIED_TIMEOUT`].
	pub async fn verify(
		&self,
		code: &CertificateCode,
		trust: &TrustRoot,
		policy: &Policy,
		now: Option<u64>,
	) -> Result<Verification> {
		let needed = self.last_block.load(std::sync::atomic::Ordering::SeqCst);
		self.node
			.poll(
				&format!("a justified block ≥ #{needed} proving {code}"),
				JUSTIFIED_TIMEOUT,
				|| async {
					let now = now.map(UnixTimeMs::from_millis);
					let v =
						self.client.reader().verify_online(code, Some(trust), policy, now).await?;
					let v = v.verification;
					Ok((u64::from(v.block_number) >= needed).then_some(v))
				},
			)
			.await
	}

	/// Submits `call` and returns the SDK error it must fail with (an `Ok` is an error here).
	pub async fn submit_err(&self, call: &Call, signer: &Signer) -> Result<dengji_client::Error> {
		match self.client.submit(call, signer).await {
			Ok(s) => bail!(
				"{} as {} unexpectedly succeeded in #{}",
				s.call,
				signer.ss58(),
				s.block.number
			),
			Err(e) => Ok(e),
		}
	}

	/// Submits `call` as the data authority (`Sudo::sudo`, signed by `//Alice`).
	pub async fn as_authority(&self, call: &Call) -> Result<Submitted> {
		let data = self.client.call_data(call).await?;
		let sudo = Signer::from_suri(DEV_OPERATOR)?;
		let s = self.submit(&roles::authority::sudo(data), &sudo).await?;
		if let Some(ev) = s.event("Sudo", "Sudid") {
			let text = ev.fields.to_string();
			if text.contains("Err") {
				bail!("sudo({}) failed: {text}", call.label());
			}
		}
		Ok(s)
	}

	/// The chain's day clock (`Calendar::Clock`).
	pub async fn chain_clock(&self) -> Result<ChainClock> {
		self.client
			.reader()
			.storage::<ChainClock>("Calendar::Clock", &keys::calendar_clock_key(), None)
			.await?
			.ok_or_else(|| anyhow!("no Calendar::Clock"))
	}

	/// Waits until finalized chain time is past the end of `day`.
	pub async fn wait_day_over(&self, day: DayIndex, timeout: Duration) -> Result<()> {
		let end = self.chain_clock().await?.day_end_ms(day);
		self.client.reader().wait_until_time(end.saturating_add(1), timeout).await?;
		Ok(())
	}

	/// Sets up the institution's operator and key, admits a subject (seated in the institution's
	/// division) and records a real-name objector. `n` keeps subjects of one chain apart.
	pub async fn parties(&self, n: u32) -> Result<Parties> {
		let operator = Signer::from_suri(DEV_OPERATOR)?;
		let cert_key = CertificateKey::from_suri(DEV_CERT_KEY)?;
		let institution = DivisionCode::new(DEV_INSTITUTION).map_err(|e| anyhow!("{e:?}"))?;
		let subject = Signer::from_suri(&format!("//Subject{n}"))?;
		let objector = Signer::from_suri(&format!("//Objector{n}"))?;
		let uscc = uscc(DEV_INSTITUTION, n)?;
		self.submit(
			&roles::institution::admit_subject(
				uscc,
				&format!("Yuxi Data Co. {n}"),
				institution,
				&[subject.account_id()],
			),
			&operator,
		)
		.await?;
		self.submit(
			&roles::institution::record_real_name(
				objector.account_id(),
				doc(&format!("id card of objector {n}")),
				false,
			),
			&operator,
		)
		.await?;
		Ok(Parties { operator, cert_key, institution, subject, uscc, objector })
	}

	/// Approves `application`, issues its drafted certificate (the institution signs the draft)
	/// and returns the certificate code.
	pub async fn approve_and_issue(
		&self,
		p: &Parties,
		application: u64,
	) -> Result<CertificateCode> {
		let approved = self
			.submit(
				&roles::institution::approve(application, doc("approval decision")),
				&p.operator,
			)
			.await?;
		let code = event_field(&approved, "Certificate", "CertificateDrafted", "code")
			.ok()
			.and_then(json_code)
			.or_else(|| {
				event_field(&approved, "Registration", "ApplicationApproved", "certificate")
					.ok()
					.and_then(json_code)
			})
			.ok_or_else(|| anyhow!("approval drafted no certificate: {:?}", approved.events))?;
		let t = Instant::now();
		let issued = self.client.issue_certificate(&code, &p.cert_key, &p.operator).await?;
		if let Ok(mut l) = self.latencies.lock() {
			l.0.push((issued.call.clone(), t.elapsed()));
		}
		issued
			.event("Certificate", "CertificateIssued")
			.ok_or_else(|| anyhow!("no CertificateIssued for {code}"))?;
		Ok(code)
	}

	/// Waits for `application`'s publicity window to pass and closes it.
	pub async fn close_publicity_when_over(
		&self,
		p: &Parties,
		application: u64,
		closes_on: u64,
	) -> Result<()> {
		let day = DayIndex::try_from(closes_on).context("closes_on")?;
		self.wait_day_over(day, PUBLICITY_TIMEOUT).await?;
		// The `on_idle` sweep may have recorded the end already; either way publicity is over.
		match self.client.submit(&roles::anyone::close_publicity(application), &p.subject).await {
			Ok(_) => Ok(()),
			Err(e) if e.dispatch_error() == Some(("Registration", "PublicityAlreadyClosed")) => {
				Ok(())
			}
			Err(e) => {
				self.node.mark_failed();
				Err(anyhow::Error::new(e).context(format!("close_publicity({application})")))
			}
		}
	}

	/// Submits, accepts and publishes a first-time application; returns (application, closes_on).
	pub async fn apply_and_publish(
		&self,
		p: &Parties,
		object: ObjectKind,
		agreement: Option<u64>,
		data_name: &str,
	) -> Result<(u64, u64)> {
		let submitted = self
			.submit(
				&roles::subject::apply(
					p.institution,
					p.uscc,
					object,
					agreement,
					&basic_info(data_name),
				),
				&p.subject,
			)
			.await?;
		let application =
			event_u64(&submitted, "Registration", "ApplicationSubmitted", "application")?;
		self.submit(&roles::institution::accept(application), &p.operator).await?;
		let published = self.submit(&roles::institution::publish(application), &p.operator).await?;
		let closes_on = event_u64(&published, "Registration", "PublicityOpened", "closes_on")?;
		Ok((application, closes_on))
	}

	/// A first-time registration without objections, up to an issued certificate.
	/// Returns (registration number, certificate code).
	pub async fn register_simple(
		&self,
		p: &Parties,
		data_name: &str,
	) -> Result<(u64, CertificateCode)> {
		let (application, closes_on) =
			self.apply_and_publish(p, ObjectKind::DataResource, None, data_name).await?;
		self.close_publicity_when_over(p, application, closes_on).await?;
		let code = self.approve_and_issue(p, application).await?;
		let rec = self
			.client
			.reader()
			.fetch_certificate(&code)
			.await?
			.ok_or_else(|| anyhow!("issued certificate {code} not in state"))?;
		Ok((rec.body.registration, code))
	}

	/// `Registration::record_agreement` (authorised-operation agreement) through the authority,
	/// with `operator` as the operating institution; returns the agreement id.
	pub async fn record_agreement(
		&self,
		operator: Uscc,
		term_start: u64,
		term_end: u64,
	) -> Result<u64> {
		let call = Call::new(
			roles::pallets::REGISTRATION,
			"record_agreement",
			vec![
				Arg::scale(&b"Yuxi Data Administration".to_vec()),
				Arg::scale(&operator),
				Arg::scale(&term_start),
				Arg::scale(&term_end),
				Arg::scale(&doc("agreement")),
			],
		);
		let s = self.as_authority(&call).await?;
		event_u64(&s, "Registration", "AgreementRecorded", "agreement")
	}
}
