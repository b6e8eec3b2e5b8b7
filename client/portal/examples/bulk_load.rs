//! Bulk loader for the portal benchmark (issue 12 "Speed"): drives N first-time registrations
//! through the pallets of a dev node, as signed transactions from many accounts, up to issued
//! certificates: apply (subjects) → accept → publish (YX-R §22 ¶1: 10 working days of
//! publicity, 4-second days on dev chains) → approve → issue (operators; the institution's
//! ed25519 signature over each draft). Nothing is written to storage directly.
//!
//! ```sh
//! cargo run -p dengji-portal --example bulk_load -- --node ws://127.0.0.1:9944 --registrations 10000
//! ```
//!
//! Subjects and extra operators of the dev institution (530400) are set up first: the runtime
//! admits at most 32 transactions per signer and block, so the load is spread over
//! `--subjects` subject accounts and `--operators` operator accounts.

use anyhow::{anyhow, bail, Context, Result};
use dengji_client::{
	primitives::{CertificateCode, DivisionCode, ObjectKind},
	roles, CertificateKey, Client, ConnectOptions, Signer, Submitted,
};
use dengji_tests::flow::{
	basic_info, doc, event_field, event_u64, json_code, uscc, DEV_CERT_KEY, DEV_INSTITUTION,
	DEV_OPERATOR,
};
use futures::StreamExt;
use std::{
	sync::atomic::{AtomicUsize, Ordering},
	time::{Duration, Instant},
};

struct Args {
	node: String,
	registrations: usize,
	subjects: usize,
	operators: usize,
	concurrency: usize,
	resume: bool,
	issue_limit: usize,
}

fn args() -> Result<Args> {
	let mut a = Args {
		node: "ws://127.0.0.1:9944".into(),
		registrations: 10_000,
		subjects: 32,
		// `MaxOperators` of an institution (16 on the dev runtime).
		operators: 16,
		// Below the node's 1 024 subscriptions per connection (one per transaction in flight).
		concurrency: 960,
		resume: false,
		issue_limit: usize::MAX,
	};
	let mut it = std::env::args().skip(1);
	while let Some(k) = it.next() {
		if k == "--resume" {
			// Drive the applications already on chain onward instead of filing new ones.
			a.resume = true;
			continue;
		}
		let v = it.next().ok_or_else(|| anyhow!("{k} needs a value"))?;
		match k.as_str() {
			"--node" => a.node = v,
			"--registrations" => a.registrations = v.parse()?,
			"--subjects" => a.subjects = v.parse()?,
			"--operators" => a.operators = v.parse()?,
			"--concurrency" => a.concurrency = v.parse()?,
			"--issue-limit" => a.issue_limit = v.parse()?,
			other => bail!("unknown option {other}"),
		}
	}
	Ok(a)
}

const PLACES: [&str; 8] =
	["玉溪市", "红塔区", "江川区", "澄江市", "通海县", "华宁县", "易门县", "峨山县"];
const TOPICS: [&str; 8] = [
	"交通流量",
	"公共交通客流",
	"气象观测",
	"水质监测",
	"医疗机构",
	"企业登记",
	"不动产",
	"教育资源",
];

/// Runs `f` over `items` with `concurrency` in flight; returns the results in input order and
/// prints the phase's rate.
async fn phase<T, R, F, Fut>(name: &str, items: Vec<T>, concurrency: usize, f: F) -> Vec<Result<R>>
where
	F: Fn(usize, T) -> Fut,
	Fut: std::future::Future<Output = Result<R>>,
{
	let n = items.len();
	let started = Instant::now();
	let done = AtomicUsize::new(0);
	let done = &done;
	let f = &f;
	let mut out: Vec<(usize, Result<R>)> = futures::stream::iter(items.into_iter().enumerate())
		.map(|(i, t)| async move {
			let r = f(i, t).await;
			let k = done.fetch_add(1, Ordering::Relaxed) + 1;
			if k.is_multiple_of(1000) {
				eprintln!("  {name}: {k}/{n} ({:.0} s)", started.elapsed().as_secs_f64());
			}
			(i, r)
		})
		.buffer_unordered(concurrency)
		.collect()
		.await;
	out.sort_by_key(|(i, _)| *i);
	let failed = out.iter().filter(|(_, r)| r.is_err()).count();
	let secs = started.elapsed().as_secs_f64();
	eprintln!(
		"{name}: {} ok, {failed} failed in {secs:.1} s ({:.1} tx/s finalized)",
		n - failed,
		(n - failed) as f64 / secs
	);
	if let Some((_, Err(e))) = out.iter().find(|(_, r)| r.is_err()) {
		eprintln!("  first failure: {e:#}");
	}
	out.into_iter().map(|(_, r)| r).collect()
}

fn log_retry(call: &str, e: &dengji_client::Error) {
	eprintln!("  retrying {call}: {e}");
}

async fn submit(client: &Client, call: &dengji_client::Call, who: &Signer) -> Result<Submitted> {
	// A transaction the pool refused for a full block is sent again; one refused because every
	// day its timer could be queued on is full (`MaxDuePerDay` timers a day: 4-second days on
	// dev chains fill up at this load) is sent again a day later.
	let mut tries = 0;
	let mut full_days = 0;
	loop {
		let sent = tokio::time::timeout(Duration::from_secs(150), client.submit(call, who)).await;
		let Ok(sent) = sent else {
			tries += 1;
			if tries >= 5 {
				bail!("{}: not finalized after {tries} tries", call.label());
			}
			eprintln!("  retrying {}: no answer within 150 s", call.label());
			continue;
		};
		match sent {
			Ok(s) => return Ok(s),
			Err(e) if full_days < 60 && e.to_string().contains("DueQueueFull") => {
				full_days += 1;
				tokio::time::sleep(Duration::from_secs(5)).await;
			}
			Err(e) if tries < 5 && e.dispatch_error().is_none() => {
				tries += 1;
				log_retry(&call.label(), &e);
				tokio::time::sleep(Duration::from_secs(3)).await;
			}
			Err(e) => return Err(anyhow!(e).context(call.label())),
		}
	}
}

#[tokio::main]
async fn main() -> Result<()> {
	let a = args()?;
	let options = ConnectOptions {
		max_in_flight: a.concurrency.max(512),
		wait_for_node: true,
		connect_timeout: Duration::from_secs(600),
		..ConnectOptions::default()
	};
	let client = Client::connect_with(&a.node, options).await.context("connecting")?;
	let client = &client;
	let institution = DivisionCode::new(DEV_INSTITUTION).map_err(|e| anyhow!("{e:?}"))?;
	let alice = Signer::from_suri(DEV_OPERATOR)?;
	let cert_key = CertificateKey::from_suri(DEV_CERT_KEY)?;
	let started = Instant::now();

	// Operators of the dev institution, added by the data authority (Sudo on dev chains).
	let operators: Vec<Signer> = (0..a.operators)
		.map(|k| {
			if k == 0 {
				Ok(alice.clone())
			} else {
				Ok(Signer::from_suri(&format!("//BulkOperator{k}"))?)
			}
		})
		.collect::<Result<_>>()?;
	let alice = &alice;
	let adds = phase("add operators", operators[1..].to_vec(), 64, |_, op| async move {
		let data =
			client.call_data(&roles::authority::add_operator(institution, op.account_id())).await?;
		submit(client, &roles::authority::sudo(data), alice).await
	})
	.await;
	// On a chain loaded before, the operators are there already (`AlreadyOperator`).
	drop(adds);
	// Subjects admitted by the institution (YX-R §12).
	let subjects: Vec<(Signer, dengji_client::primitives::Uscc)> = (0..a.subjects)
		.map(|k| {
			let n = u32::try_from(5000 + k)?;
			Ok((Signer::from_suri(&format!("//BulkSubject{k}"))?, uscc(DEV_INSTITUTION, n)?))
		})
		.collect::<Result<_>>()?;
	let admits = phase("admit subjects", subjects.clone(), 64, |k, (s, u)| {
		let op = &operators[k % operators.len()];
		async move {
			submit(
				client,
				&roles::institution::admit_subject(
					u,
					&format!("玉溪批量数据有限公司{k}"),
					institution,
					&[s.account_id()],
				),
				op,
			)
			.await
		}
	})
	.await;
	// Likewise the subjects; a subject missing for another reason fails its applications below.
	drop(admits);

	// Applications.
	// With --resume: the applications already on chain, by state.
	let on_chain =
		if a.resume { client.snapshot().await?.applications().await? } else { Vec::new() };
	let in_state = |st: &str| -> Vec<u64> {
		on_chain.iter().filter(|x| x.state == st).map(|x| x.id).collect()
	};
	let count = if a.resume { 0 } else { a.registrations };
	let applied = phase("apply", (0..count).collect(), a.concurrency, |_, i| {
		let (s, u) = &subjects[i % subjects.len()];
		let name = format!("{}{}数据第{i}号", PLACES[i % 8], TOPICS[(i / 8) % 8]);
		async move {
			let call = roles::subject::apply(
				institution,
				*u,
				ObjectKind::DataResource,
				None,
				&basic_info(&name),
			);
			let s = submit(client, &call, s).await?;
			event_u64(&s, "Registration", "ApplicationSubmitted", "application")
		}
	})
	.await;
	let mut apps: Vec<u64> = applied.into_iter().filter_map(Result::ok).collect();
	apps.extend(in_state("Submitted"));
	let op = |i: usize| &operators[i % operators.len()];
	let accepted = phase("accept", apps.clone(), a.concurrency, |i, app| async move {
		submit(client, &roles::institution::accept(app), op(i)).await.map(|_| app)
	})
	.await;
	let mut apps: Vec<u64> = accepted.into_iter().filter_map(Result::ok).collect();
	apps.extend(in_state("UnderReview"));
	let published = phase("publish", apps, a.concurrency, |i, app| async move {
		let s = submit(client, &roles::institution::publish(app), op(i)).await?;
		Ok((app, event_u64(&s, "Registration", "PublicityOpened", "closes_on")?))
	})
	.await;
	let mut published: Vec<(u64, u64)> = published.into_iter().filter_map(Result::ok).collect();
	published.extend(
		on_chain
			.iter()
			.filter(|x| x.state == "InPublicity")
			.filter_map(|x| x.publicity.as_ref().map(|p| (x.id, u64::from(p.closes_on)))),
	);
	// YX-R §22 ¶1: approval only after the 10 working days of publicity.
	let last = published.iter().map(|p| p.1).max().ok_or_else(|| anyhow!("nothing published"))?;
	let clock = client.reader().chain_clock().await?;
	let end = clock.day_end_ms(u32::try_from(last)?);
	eprintln!("waiting for publicity to end (day {last})");
	client.reader().wait_until_time(end.saturating_add(1), Duration::from_secs(3600)).await?;
	let approved = phase("approve", published, a.concurrency, |i, (app, _)| async move {
		let call = roles::institution::approve(app, doc("approval decision"));
		let s = match submit(client, &call, op(i)).await {
			Ok(s) => s,
			Err(_) => {
				// The end of publicity not recorded yet: record it, then approve.
				let _ = client.submit(&roles::anyone::close_publicity(app), op(i)).await;
				submit(client, &call, op(i)).await?
			}
		};
		event_field(&s, "Certificate", "CertificateDrafted", "code")
			.ok()
			.and_then(json_code)
			.ok_or_else(|| anyhow!("approval of {app} drafted no certificate"))
	})
	.await;
	let mut codes: Vec<CertificateCode> = approved.into_iter().filter_map(Result::ok).collect();
	for x in on_chain.iter().filter(|x| x.state == "Approved") {
		if let Some(code) = x.certificate.as_deref().and_then(|c| CertificateCode::parse(c).ok()) {
			if client.reader().fetch_certificate(&code).await?.is_none() {
				codes.push(code);
			}
		}
	}
	codes.truncate(a.issue_limit);
	let cert_key = &cert_key;
	let issued = phase("issue", codes, a.concurrency, |i, code| async move {
		client.issue_certificate(&code, cert_key, op(i)).await.map_err(|e| anyhow!(e))
	})
	.await;
	let n = issued.iter().filter(|r| r.is_ok()).count();
	println!(
		"{{\"registrations\": {n}, \"requested\": {}, \"seconds\": {:.1}}}",
		a.registrations,
		started.elapsed().as_secs_f64()
	);
	Ok(())
}
