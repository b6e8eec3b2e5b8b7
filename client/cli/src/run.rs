//! Runs a parsed command.

use crate::{
	args::*,
	exit::{ExitCode, UsageError},
	output::{self, Report},
};
use anyhow::Context as _;
use dengji_client::{
	roles::{self, BasicInfo},
	rpc::to_hex,
	Call, CertificateKey, Client, Policy, ProofBundle, Reader, Signer, TrustRoot,
};
use dengji_primitives::{
	certificate::CancellationGround, CertificateCode, ObjectKind, RevocationGround,
};
use serde_json::json;
use std::path::Path;

/// Progress messages for people, on stderr.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
	quiet: bool,
}

impl Progress {
	/// Silent when `quiet`.
	pub fn new(quiet: bool) -> Self {
		Self { quiet }
	}

	/// Prints `msg` on stderr.
	pub fn say(&self, msg: impl AsRef<str>) {
		if !self.quiet {
			eprintln!("{}", msg.as_ref());
		}
	}
}

async fn read(url: &str, p: Progress) -> anyhow::Result<Reader> {
	p.say(format!("connecting to {url}…"));
	let r = Reader::connect(url).await?;
	p.say(format!("connected: chain {}", to_hex(&r.genesis_hash())));
	Ok(r)
}

async fn connect(url: &str, p: Progress) -> anyhow::Result<Client> {
	p.say(format!("connecting to {url}…"));
	let c = Client::connect(url).await?;
	p.say(format!("connected: chain {}", to_hex(&c.genesis_hash())));
	Ok(c)
}

/// Reads a trust root (JSON).
pub fn read_trust(path: &Path) -> anyhow::Result<TrustRoot> {
	let s = std::fs::read_to_string(path)
		.with_context(|| format!("reading trust root {}", path.display()))?;
	TrustRoot::from_json(&s).with_context(|| format!("trust root {}", path.display()))
}

/// Reads a bundle (binary or JSON).
pub fn read_bundle(path: &Path) -> anyhow::Result<ProofBundle> {
	let bytes =
		std::fs::read(path).with_context(|| format!("reading bundle {}", path.display()))?;
	dengji_client::bundle_from_bytes(&bytes).with_context(|| format!("bundle {}", path.display()))
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
	std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// Checks that a QR payload's chain is the one being asked.
fn check_chain(qr_chain: Option<[u8; 32]>, chain: [u8; 32]) -> anyhow::Result<()> {
	match qr_chain {
		Some(g) if g != chain => {
			Err(dengji_verify::VerifyError::GenesisMismatch { expected: chain, found: g }.into())
		}
		_ => Ok(()),
	}
}

fn policy_and_now(opts: &VerifyOpts) -> anyhow::Result<(Policy, u64)> {
	let now = match &opts.at {
		Some(t) => parse_time(t)?,
		None => dengji_client::system_now_ms(),
	};
	Ok((Policy { max_age_ms: opts.max_age.saturating_mul(1000) }, now))
}

/// Verifies a bundle file against a trust root file, offline.
pub fn verify_offline(
	code: Option<&str>,
	bundle: &Path,
	trust: &Path,
	opts: &VerifyOpts,
) -> anyhow::Result<Report> {
	let trust = read_trust(trust)?;
	let bundle = read_bundle(bundle)?;
	if let Some(code) = code {
		let (code, chain) = parse_code_or_qr(code)?;
		check_chain(chain, trust.genesis_hash)?;
		if code != bundle.code {
			return Err(dengji_verify::VerifyError::CodeMismatch {
				expected: code,
				found: bundle.code,
			}
			.into());
		}
	}
	let (policy, now) = policy_and_now(opts)?;
	let v = dengji_verify::verify_detailed(&bundle, &trust, &policy, now)?;
	Ok(output::verification_report(&v, false))
}

fn info(a: &InfoArgs) -> anyhow::Result<BasicInfo> {
	Ok(BasicInfo {
		data_name: a.data_name.clone(),
		summary: a.summary.clone(),
		content_digest: parse_digest(&a.form)?,
		materials: a.materials.iter().map(|m| parse_digest(m)).collect::<anyhow::Result<_>>()?,
	})
}

async fn submit(tx: &Tx, call: Call, p: Progress) -> anyhow::Result<Report> {
	let signer = Signer::from_suri(&tx.suri)?;
	let client = connect(&tx.node.url, p).await?;
	p.say(format!("submitting {} as {} and waiting for finality…", call.label(), signer.ss58()));
	let s = client.submit(&call, &signer).await?;
	Ok(output::submitted_report(&s))
}

async fn sudo(tx: &Tx, inner: Call, p: Progress) -> anyhow::Result<Report> {
	let signer = Signer::from_suri(&tx.suri)?;
	let client = connect(&tx.node.url, p).await?;
	let data = client.call_data(&inner).await?;
	let call = roles::authority::sudo(data);
	p.say(format!("submitting Sudo.sudo({}) as {}…", inner.label(), signer.ss58()));
	let s = client.submit(&call, &signer).await?;
	Ok(output::submitted_report(&s))
}

/// Runs `cli`, returning the report to print or an error.
pub async fn run(cli: Cli) -> anyhow::Result<Report> {
	let p = Progress::new(cli.quiet || cli.json);
	match cli.command {
		Command::Code(CodeCmd::Check { code }) => match CertificateCode::parse(&code) {
			Ok(c) => Ok(Report::ok(
				json!({
					"code": c.to_string(),
					"valid": true,
					"division": c.division.get(),
					"year": c.year,
					"serial": c.serial,
					"check_character": c.check_character().to_string(),
				}),
				format!(
					"{c}: well-formed (institution {}, year {}, serial {}, check character {})",
					c.division,
					c.year,
					c.serial,
					c.check_character()
				),
			)),
			Err(e) => Ok(Report {
				exit: ExitCode::VerificationFailed,
				json: json!({ "code": code, "valid": false, "reason": format!("{e:?}") }),
				text: format!("{code}: INVALID ({e:?})"),
			}),
		},

		Command::Cert(CertCmd::Show { node, code }) => {
			let (code, chain) = parse_code_or_qr(&code)?;
			let client = read(&node.url, p).await?;
			check_chain(chain, client.genesis_hash())?;
			match client.fetch_certificate(&code).await? {
				Some(r) => Ok(Report::ok(
					output::certificate_json(&r),
					output::certificate_text(&r)
						+ "\n(as served by the node, unverified: use `dengji cert verify`)",
				)),
				None => Ok(Report {
					exit: ExitCode::NotFound,
					json: json!({ "code": code.to_string(), "found": false }),
					text: format!("{code}: no such certificate on this node"),
				}),
			}
		}

		Command::Cert(CertCmd::Verify { code, url, bundle, trust, output, opts }) => {
			if let Some(bundle) = bundle {
				let trust = trust.ok_or_else(|| UsageError("--bundle needs --trust".into()))?;
				p.say("verifying offline…");
				return verify_offline(code.as_deref(), &bundle, &trust, &opts);
			}
			let code =
				code.ok_or_else(|| UsageError("give a certificate code, or --bundle".into()))?;
			let (code, chain) = parse_code_or_qr(&code)?;
			let url = url.unwrap_or_else(|| DEFAULT_URL.to_string());
			let trust = trust.as_deref().map(read_trust).transpose()?;
			if trust.is_none() {
				p.say("warning: no --trust given: trusting the node's own authority set (trust on first use)");
			}
			let (policy, now) = policy_and_now(&opts)?;
			let client = read(&url, p).await?;
			check_chain(chain, client.genesis_hash())?;
			p.say(format!("building a proof bundle for {code}…"));
			let r = client.verify_online(&code, trust.as_ref(), &policy, Some(now)).await?;
			if let Some(out) = output {
				write_file(&out, &r.bundle.to_bytes())?;
				p.say(format!("bundle saved to {}", out.display()));
			}
			Ok(output::verification_report(&r.verification, true))
		}

		Command::Cert(CertCmd::Bundle { node, code, trust, output, format }) => {
			let (code, chain) = parse_code_or_qr(&code)?;
			let client = read(&node.url, p).await?;
			check_chain(chain, client.genesis_hash())?;
			let trust = match trust {
				Some(t) => read_trust(&t)?,
				None => client.trust_root().await?,
			};
			p.say(format!("building a proof bundle for {code}…"));
			let bundle = client.build_bundle(&code, &trust).await?;
			let bytes = match format {
				BundleFormat::Binary => bundle.to_bytes(),
				BundleFormat::Json => bundle.to_json()?.into_bytes(),
			};
			write_file(&output, &bytes)?;
			Ok(Report::ok(
				json!({
					"code": code.to_string(),
					"file": output.display().to_string(),
					"bytes": bytes.len(),
					"block": { "number": bundle.header.number, "hash": to_hex(&bundle.header.hash()) },
					"set_changes": bundle.set_changes.len(),
					"set_id": trust.set_id,
				}),
				format!(
					"bundle for {code} ({} bytes, block #{}, {} set change(s)) written to {}",
					bytes.len(),
					bundle.header.number,
					bundle.set_changes.len(),
					output.display()
				),
			))
		}

		Command::Cert(CertCmd::Document { node, code, output, format }) => {
			let (code, chain) = parse_code_or_qr(&code)?;
			let client = read(&node.url, p).await?;
			check_chain(chain, client.genesis_hash())?;
			let record = client
				.fetch_certificate(&code)
				.await?
				.ok_or_else(|| dengji_client::Error::NotFound(format!("certificate {code}")))?;
			let doc =
				dengji_verify::CertificateDocument::from_record(client.genesis_hash(), &record);
			let json_doc = doc.to_json()?;
			let qr = doc.qr_payload().to_string();
			if let Some(out) = &output {
				let bytes = match format {
					DocFormat::Json => json_doc.clone().into_bytes(),
					DocFormat::Binary => doc.to_bytes(),
				};
				write_file(out, &bytes)?;
				p.say(format!("document written to {}", out.display()));
			}
			let mut value: serde_json::Value = serde_json::from_str(&json_doc)?;
			value["qr"] = json!(qr);
			let text = match &output {
				Some(out) => format!("document of {code} written to {}\nQR: {qr}", out.display()),
				None => format!("{json_doc}\nQR: {qr}"),
			};
			Ok(Report::ok(value, text))
		}

		Command::Cert(CertCmd::CheckDocument { file, genesis, trust, issuer_keys }) => {
			let bytes =
				std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
			let doc = if bytes.starts_with(b"DJCD") {
				dengji_verify::CertificateDocument::from_bytes(&bytes)?
			} else {
				let s = String::from_utf8(bytes)
					.map_err(|e| UsageError(format!("{}: {e}", file.display())))?;
				dengji_verify::CertificateDocument::from_json(&s)?
			};
			let genesis = match (genesis, trust) {
				(Some(g), _) => dengji_client::rpc::hash_from_hex("genesis hash", &g)
					.map_err(|e| UsageError(e.to_string()))?,
				(None, Some(t)) => read_trust(&t)?.genesis_hash,
				(None, None) => return Err(UsageError("give --genesis or --trust".into()).into()),
			};
			let keys = issuer_keys
				.iter()
				.map(|k| parse_ed25519_public(k))
				.collect::<anyhow::Result<Vec<_>>>()?;
			doc.verify_offline(&genesis, (!keys.is_empty()).then_some(&keys[..]))?;
			let code = doc.body.code;
			Ok(Report::ok(
				json!({
					"code": code.to_string(),
					"signature_valid": true,
					"issuer": doc.body.issuer.get(),
					"issuer_key": to_hex(&doc.body.issuer_key),
					"qr": doc.qr_payload().to_string(),
				}),
				format!(
					"{code}: issuer signature VALID (issuer {}, key {}); current status needs `dengji cert verify`",
					doc.body.issuer,
					to_hex(&doc.body.issuer_key)
				),
			))
		}

		Command::Trust(TrustCmd::Export { node, output }) => {
			let client = read(&node.url, p).await?;
			let root = client.trust_root().await?;
			let s = root.to_json();
			if let Some(out) = &output {
				write_file(out, s.as_bytes())?;
				p.say(format!("trust root written to {}", out.display()));
			}
			let value: serde_json::Value = serde_json::from_str(&s)?;
			let text = if output.is_some() {
				format!(
					"trust root: genesis {}, authority set {} ({} authorities)",
					to_hex(&root.genesis_hash),
					root.set_id,
					root.authorities.len()
				)
			} else {
				s
			};
			Ok(Report::ok(value, text))
		}

		Command::Chain(ChainCmd::Info { node }) => {
			let client = read(&node.url, p).await?;
			let head = client.finalized_head().await?;
			// No time before the first finalized block.
			let now = client.now().await.ok();
			Ok(Report::ok(
				json!({
					"genesis_hash": to_hex(&client.genesis_hash()),
					"finalized": head,
					"time": now,
					"time_text": now.map(output::fmt_time),
				}),
				format!(
					"genesis   {}\nfinalized #{} {}\ntime      {}",
					to_hex(&client.genesis_hash()),
					head.number,
					to_hex(&head.hash),
					now.map(output::fmt_time).unwrap_or_else(|| "(none yet)".into())
				),
			))
		}

		Command::Chain(ChainCmd::Events { node, block }) => {
			let client = connect(&node.url, p).await?;
			let hash = match block {
				Some(b) => dengji_client::rpc::hash_from_hex("block hash", &b)?,
				None => client.finalized_head().await?.hash,
			};
			let events = client.events_of(hash).await?;
			Ok(output::events_report(&hash, &events))
		}

		Command::AdmitSubject { tx, uscc, name, division, accounts } => {
			let accounts =
				accounts.iter().map(|a| parse_account(a)).collect::<anyhow::Result<Vec<_>>>()?;
			let call = roles::institution::admit_subject(
				parse_uscc(&uscc)?,
				&name,
				parse_division(&division)?,
				&accounts,
			);
			submit(&tx, call, p).await
		}
		Command::RealName { tx, account, identity, organisation } => {
			let call = roles::institution::record_real_name(
				parse_account(&account)?,
				parse_digest(&identity)?,
				organisation,
			);
			submit(&tx, call, p).await
		}
		Command::Apply { tx, institution, uscc, object, agreement, info: i } => {
			let object = match object {
				Object::Resource => ObjectKind::DataResource,
				Object::Product => ObjectKind::DataProductOrService,
			};
			let call = roles::subject::apply(
				parse_division(&institution)?,
				parse_uscc(&uscc)?,
				object,
				agreement,
				&info(&i)?,
			);
			submit(&tx, call, p).await
		}
		Command::Supplement { tx, application, info: i } => {
			submit(&tx, roles::subject::supplement(application, &info(&i)?), p).await
		}
		Command::Withdraw { tx, application } => {
			submit(&tx, roles::subject::withdraw(application), p).await
		}
		Command::Change { tx, registration, info: i } => {
			submit(&tx, roles::subject::change(registration, &info(&i)?), p).await
		}
		Command::Renew { tx, registration, years } => {
			submit(&tx, roles::subject::renew(registration, years, &[]), p).await
		}
		Command::CancelRegistration { tx, registration, ground } => {
			let ground = match ground {
				CancelGround::ResourceLost => CancellationGround::ResourceLost,
				CancelGround::RightsAbandonedOrExpired => {
					CancellationGround::RightsAbandonedOrExpired
				}
				CancelGround::SubjectCeased => CancellationGround::SubjectCeased,
				CancelGround::OtherLawful => CancellationGround::OtherLawful,
			};
			submit(&tx, roles::subject::cancel(registration, ground, &[]), p).await
		}
		Command::Rebut { tx, objection, rebuttal } => {
			submit(&tx, roles::subject::rebut(objection, parse_digest(&rebuttal)?), p).await
		}
		Command::Accept { tx, application } => {
			submit(&tx, roles::institution::accept(application), p).await
		}
		Command::RefuseAcceptance { tx, application, reasons } => {
			let call = roles::institution::refuse_acceptance(application, parse_digest(&reasons)?);
			submit(&tx, call, p).await
		}
		Command::RequestSupplement { tx, application, notice } => {
			let call = roles::institution::request_supplement(application, parse_digest(&notice)?);
			submit(&tx, call, p).await
		}
		Command::Review { tx, application, pass, refuse, decision } => {
			let call = match (pass, refuse) {
				(true, _) => roles::institution::publish(application),
				(false, Some(grounds)) => {
					let grounds: Vec<&str> = grounds.iter().map(String::as_str).collect();
					roles::institution::refuse(application, &grounds, parse_digest(&decision)?)
				}
				(false, None) => return Err(UsageError("give --pass or --refuse".into()).into()),
			};
			submit(&tx, call, p).await
		}
		Command::Publish { tx, application } => {
			submit(&tx, roles::institution::publish(application), p).await
		}
		Command::Object { tx, application, content, evidence } => {
			let call = roles::objector::object(
				application,
				parse_digest(&content)?,
				parse_digest(&evidence)?,
			);
			submit(&tx, call, p).await
		}
		Command::Forward { tx, objection } => {
			submit(&tx, roles::institution::forward_objection(objection), p).await
		}
		Command::Decide { tx, objection, upheld, decision } => {
			let call =
				roles::institution::decide_objection(objection, upheld, parse_digest(&decision)?);
			submit(&tx, call, p).await
		}
		Command::ClosePublicity { tx, application } => {
			submit(&tx, roles::anyone::close_publicity(application), p).await
		}
		Command::Approve { tx, application, decision } => {
			let call = roles::institution::approve(application, parse_digest(&decision)?);
			submit(&tx, call, p).await
		}
		Command::Issue { tx, code, key } => {
			let code = parse_code(&code)?;
			let key = CertificateKey::from_suri(&key)?;
			let signer = Signer::from_suri(&tx.suri)?;
			let client = connect(&tx.node.url, p).await?;
			p.say(format!("signing the draft of {code} and issuing it…"));
			let s = client.issue_certificate(&code, &key, &signer).await?;
			Ok(output::submitted_report(&s))
		}
		Command::Revoke { tx, code, ground, decision } => {
			let ground = match ground {
				RevokeGround::FalseMaterials => RevocationGround::FalseMaterials,
				RevokeGround::ForgedCertificate => RevocationGround::ForgedCertificate,
				RevokeGround::UnlawfulUse => RevocationGround::UnlawfulUse,
				RevokeGround::OtherViolation => RevocationGround::OtherViolation,
			};
			let call =
				roles::institution::revoke(parse_code(&code)?, ground, parse_digest(&decision)?);
			submit(&tx, call, p).await
		}
		Command::ExpireCert { tx, code } => {
			submit(&tx, roles::anyone::expire_certificate(parse_code(&code)?), p).await
		}
		Command::Authority(cmd) => match cmd {
			AuthorityCmd::RegisterInstitution { tx, division, name, key } => {
				let call = roles::authority::register_institution(
					parse_division(&division)?,
					&name,
					parse_ed25519_public(&key)?,
				);
				sudo(&tx, call, p).await
			}
			AuthorityCmd::AddOperator { tx, division, account } => {
				let call = roles::authority::add_operator(
					parse_division(&division)?,
					parse_account(&account)?,
				);
				sudo(&tx, call, p).await
			}
			AuthorityCmd::Suspend { tx, division } => {
				sudo(&tx, roles::authority::suspend(parse_division(&division)?), p).await
			}
			AuthorityCmd::Reinstate { tx, division } => {
				sudo(&tx, roles::authority::reinstate(parse_division(&division)?), p).await
			}
		},
	}
}
