//! `dengji cert …`: show certificates, verify them online (a proof bundle built from the node)
//! or offline (a bundle file and a trust root), build bundles, export and check documents.

use super::{check_chain, connect, query::write_details, read, read_file, write_file, Ctx};
use crate::{
	args::{Node, VerifyOpts, DEFAULT_URL},
	error::{CliError, Result},
	exit::ExitCode,
	output::{serialize_via, CertificateView, Outcome, Output, VerificationReport},
	parse::{self, CodeArg},
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{
	query::RegistrationView, rpc::to_hex, CertificateRecord, ProofBundle, TrustRoot,
};
use dengji_primitives::CertificateCode;
use dengji_verify::{report, CertificateDocument, VerifyError};
use serde_json::{json, Value};
use std::{
	fmt,
	path::{Path, PathBuf},
};

/// `dengji cert …`.
#[derive(Subcommand, Debug)]
pub enum CertCmd {
	/// Show a certificate as the node stores it (unverified).
	Show {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
	},
	/// Verify a certificate: online through a proof bundle (`--url`), or offline
	/// (`--bundle FILE --trust FILE`).
	Verify {
		/// Certificate code, QR payload or the certificate page's URL (optional offline: then the
		/// bundle's code is verified).
		#[arg(value_parser = parse::code_or_qr)]
		code: Option<CodeArg>,
		/// Node URL (online; ignored with `--bundle`).
		#[arg(long, env = "DENGJI_URL")]
		url: Option<String>,
		/// Bundle file (offline; binary or JSON).
		#[arg(long, requires = "trust")]
		bundle: Option<PathBuf>,
		/// Trust root file (JSON). Online without it, the node's own is used (trust on first use).
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Save the bundle checked online to this file.
		#[arg(long, short = 'o', conflicts_with = "bundle")]
		output: Option<PathBuf>,
		/// Verification options.
		#[command(flatten)]
		opts: VerifyOpts,
		/// A holder's presentation (`dengji holder present`): also check that the presenter is
		/// the holder (YX-R §30). Offline, the bundle must carry the holder proof.
		#[arg(long, requires = "challenge")]
		presentation: Option<PathBuf>,
		/// The challenge you issued (`dengji holder challenge`) that the presentation answers.
		#[arg(long, requires = "presentation")]
		challenge: Option<PathBuf>,
	},
	/// Export a certificate document (signed body, for printing and offline signature checks)
	/// with its QR payload `dengji:1:<genesis>:<code>`.
	Document {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// Output file (default: stdout, JSON).
		#[arg(long, short = 'o')]
		output: Option<PathBuf>,
		/// File format.
		#[arg(long, value_enum, default_value_t = DocFormat::Json)]
		format: DocFormat,
	},
	/// Check a certificate document's issuer signature offline (not its current status: use
	/// `cert verify` for that).
	CheckDocument {
		/// Document file (JSON or binary).
		file: PathBuf,
		/// The chain's genesis hash (0x…), or take it from `--trust`.
		#[arg(long, required_unless_present = "trust", value_parser = parse::hash)]
		genesis: Option<[u8; 32]>,
		/// Trust root file giving the genesis hash.
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Accept only these issuer keys (0x…, or a secret URI to derive one; repeatable).
		#[arg(long = "issuer-key", value_parser = parse::ed25519_public)]
		issuer_keys: Vec<[u8; 32]>,
	},
	/// 导出待签名内容 Export exactly the bytes the institution's certificate key signs for a
	/// drafted certificate (domain-separated body bound to the chain; the SM2 co-signature
	/// covers the same bytes), for signing on an air-gapped machine with `dengji sign`
	/// (issue 11 §5).
	Payload {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code of the draft (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// Output file (binary).
		#[arg(long, short = 'o')]
		output: PathBuf,
	},
	/// 提交离线签名 Issue a drafted certificate with signatures made offline (`dengji sign`):
	/// they are checked against the draft and the issuer's keys before anything is sent.
	Issue {
		/// Node and signer (an operator of the issuing institution).
		#[command(flatten)]
		tx: crate::args::Tx,
		/// Certificate code of the draft (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// The ed25519 signature: `0x` + 128 hex digits, or `@FILE`.
		#[arg(long, value_parser = super::offline_sign::signature, value_name = "HEX|@FILE")]
		signature: [u8; 64],
		/// The SM2 co-signature (issues with `issue_cosigned`): `0x` + 128 hex digits, or `@FILE`.
		#[arg(long, value_parser = super::offline_sign::signature, value_name = "HEX|@FILE")]
		sm2_signature: Option<[u8; 64]>,
		/// Sign the transaction with `CheckMetadataHash` enabled, after checking that the
		/// runtime's metadata hash is this one (`dengji cert payload` shows it): `0x` + 64 hex digits.
		#[arg(long, value_parser = super::offline_sign::metadata_hash, value_name = "HEX")]
		metadata_hash: Option<[u8; 32]>,
	},
	/// Build a proof bundle for a certificate code and save it.
	Bundle {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Certificate code (or QR payload).
		#[arg(value_parser = parse::code_or_qr)]
		code: CodeArg,
		/// Trust root file to anchor the bundle (default: the node's current trust root).
		#[arg(long)]
		trust: Option<PathBuf>,
		/// Output file.
		#[arg(long, short = 'o')]
		output: PathBuf,
		/// File format.
		#[arg(long, value_enum, default_value_t = BundleFormat::Binary)]
		format: BundleFormat,
		/// Also prove the certificate subject's accounts (version-2 bundle), for a holder's
		/// presentation (YX-R §30, `dengji holder present`).
		#[arg(long)]
		holder: bool,
	},
}

/// Certificate document file format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
	/// JSON (readable fields).
	Json,
	/// Versioned binary (`DJCD`).
	Binary,
}

/// Bundle file format.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundleFormat {
	/// Versioned binary (`DJPB`).
	Binary,
	/// JSON.
	Json,
}

impl CertCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<Output> {
		match self {
			CertCmd::Show { node, code } => Output::of(&show(&node, &code, ctx).await?),
			CertCmd::Verify {
				code,
				url,
				bundle,
				trust,
				output,
				opts,
				presentation: Some(presentation),
				challenge: Some(challenge),
			} => {
				let presented = super::holder::verify_presented(
					code.as_ref(),
					url,
					bundle.as_deref(),
					trust.as_deref(),
					output.as_deref(),
					&opts,
					&presentation,
					&challenge,
					ctx,
				)
				.await?;
				check_content(&presented.report, &opts, ctx)?;
				Output::of(&presented)
			}
			CertCmd::Verify { code, url, bundle, trust, output, opts, .. } => {
				let report = match (bundle, trust) {
					(Some(bundle), Some(trust)) => {
						ctx.say("verifying offline…");
						verify_offline(code.as_ref(), &bundle, &trust, &opts)?
					}
					(Some(_), None) => {
						return Err(CliError::usage(
							"--bundle 需要 --trust",
							"--bundle needs --trust",
						))
					}
					(None, trust) => {
						let code = code.ok_or_else(|| {
							CliError::usage(
								"请给出证书编码或 --bundle",
								"give a certificate code, or --bundle",
							)
						})?;
						let url = url.unwrap_or_else(|| DEFAULT_URL.to_string());
						verify_online(&url, &code, trust.as_deref(), output.as_deref(), &opts, ctx)
							.await?
					}
				};
				check_content(&report, &opts, ctx)?;
				Output::of(&report)
			}
			CertCmd::Bundle { node, code, trust, output, format, holder } => {
				let written = bundle(&node, &code, trust.as_deref(), &output, format, holder, ctx);
				Output::of(&written.await?)
			}
			CertCmd::Document { node, code, output, format } => {
				Output::of(&document(&node, &code, output, format, ctx).await?)
			}
			CertCmd::Payload { node, code, output } => {
				Output::of(&super::offline_sign::payload(&node, &code, &output, ctx).await?)
			}
			CertCmd::Issue { tx, code, signature, sm2_signature, metadata_hash } => {
				let issued = super::offline_sign::issue(
					&tx,
					&code,
					(signature, sm2_signature),
					metadata_hash,
					ctx,
				);
				Output::of(&issued.await?)
			}
			CertCmd::CheckDocument { file, genesis, trust, issuer_keys } => {
				Output::of(&check_document(&file, genesis, trust.as_deref(), &issuer_keys)?)
			}
		}
	}
}

/// `--content @FILE`: the presented registration details must hash to the proved certificate's
/// content digest (YX-R §12: the basic information registered; BLAKE2-256 of the form's bytes, as
/// `--form @FILE` digests it at application). A mismatch is a failed check (exit 4).
fn check_content(report: &VerificationReport, opts: &VerifyOpts, ctx: Ctx) -> Result<()> {
	let Some(path) = &opts.content else { return Ok(()) };
	let presented = read_file("presented details", path)?;
	report.verification.check_content(&presented).map_err(bad_file("presented details", path))?;
	ctx.say(format!(
		"presented details {} match the certificate's content digest / 所示材料与证书内容摘要一致",
		path.display()
	));
	Ok(())
}

fn bad_file(what: &'static str, path: &Path) -> impl FnOnce(VerifyError) -> CliError {
	let path = path.to_path_buf();
	move |source| CliError::BadFile { what, path, source: Box::new(source) }
}

/// Reads a trust root (JSON); one that does not parse is a verification failure.
pub fn read_trust(path: &Path) -> Result<TrustRoot> {
	let bytes = read_file("trust root", path)?;
	std::str::from_utf8(&bytes)
		.map_err(|e| VerifyError::Decode { what: "trust root", reason: e.to_string() })
		.and_then(report::read_trust_root)
		.map_err(bad_file("trust root", path))
}

/// Reads a bundle (binary or JSON) as `dengji_verify::report` does; one that does not decode is
/// a verification failure.
pub fn read_bundle(path: &Path) -> Result<ProofBundle> {
	let bytes = read_file("proof bundle", path)?;
	report::read_bundle(&bytes).map_err(bad_file("proof bundle", path))
}

/// Verifies a bundle file against a trust root file, offline.
pub fn verify_offline(
	code: Option<&CodeArg>,
	bundle: &Path,
	trust: &Path,
	opts: &VerifyOpts,
) -> Result<VerificationReport> {
	let trust = read_trust(trust)?;
	let bundle = read_bundle(bundle)?;
	if let Some(code) = code {
		let (code, chain) = code.resolve()?;
		check_chain(chain, trust.genesis_hash)?;
		if code != bundle.code {
			return Err(VerifyError::CodeMismatch { expected: code, found: bundle.code }.into());
		}
	}
	let (policy, now) = opts.policy_and_now();
	let verification = dengji_verify::verify_detailed(&bundle, &trust, &policy, now)?;
	Ok(VerificationReport { verification, online: false })
}

async fn verify_online(
	url: &str,
	code: &CodeArg,
	trust: Option<&Path>,
	output: Option<&Path>,
	opts: &VerifyOpts,
	ctx: Ctx,
) -> Result<VerificationReport> {
	let (code, chain) = code.resolve()?;
	let trust = trust.map(read_trust).transpose()?;
	if trust.is_none() {
		ctx.say(
			"warning: no --trust given: trusting the node's own authority set (trust on first use)",
		);
	}
	let (policy, now) = opts.policy_and_now();
	let client = read(url, ctx).await?;
	check_chain(chain, client.genesis_hash())?;
	if let Some(t) = &trust {
		// A trust root of another chain is refused before anything is fetched (WrongChain): its
		// genesis hash, and its chain name when it has one (`system_chain`; if the node does not
		// answer, the genesis hash alone decides).
		let name = match &t.chain {
			Some(own) => client.rpc().legacy().system_chain().await.unwrap_or_else(|_| own.clone()),
			None => String::new(),
		};
		t.expect_chain(&name, &client.genesis_hash())?;
	}
	let pb =
		ctx.spinner(format!("building a proof bundle for {code} (waits for a justified block)…"));
	let r = client.verify_online(&code, trust.as_ref(), &policy, Some(now)).await;
	pb.finish_and_clear();
	let r = r?;
	if let Some(out) = output {
		write_file(out, &r.bundle.to_bytes())?;
		ctx.say(format!("bundle saved to {}", out.display()));
	}
	Ok(VerificationReport { verification: r.verification, online: true })
}

/// `cert show`: the stored record with its registration's co-subjects and basic details (YX-R §12,
/// §15: read from the registration, not part of the signed body), or "not found" (exit 14).
pub struct CertShown {
	code: CertificateCode,
	record: Option<CertificateRecord>,
	registration: Option<RegistrationView>,
}

async fn show(node: &Node, code: &CodeArg, ctx: Ctx) -> Result<CertShown> {
	let (code, chain) = code.resolve()?;
	let client = connect(&node.url, ctx).await?;
	check_chain(chain, client.reader().genesis_hash())?;
	let record = client.reader().fetch_certificate(&code).await?;
	let registration = match &record {
		Some(r) => client.snapshot().await?.registration(r.body.registration).await?,
		None => None,
	};
	Ok(CertShown { code, record, registration })
}

impl CertShown {
	fn value(&self) -> Value {
		match &self.record {
			Some(r) => {
				let mut v = serde_json::to_value(CertificateView(r)).unwrap_or(Value::Null);
				if let Value::Object(m) = &mut v {
					let reg = self.registration.as_ref();
					m.insert("co_subjects".into(), json!(reg.map(|g| &g.co_subjects)));
					m.insert("details".into(), json!(reg.and_then(|g| g.details.as_ref())));
				}
				v
			}
			None => json!({ "code": self.code.to_string(), "found": false }),
		}
	}
}
serialize_via!(CertShown, value);

impl fmt::Display for CertShown {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let Some(r) = &self.record else {
			return write!(f, "{}: no such certificate on this node", self.code);
		};
		writeln!(f, "{}", CertificateView(r))?;
		if let Some(g) = &self.registration {
			if !g.co_subjects.is_empty() {
				writeln!(f, "共有主体 co-subjects  {}", g.co_subjects.join(", "))?;
			}
			write_details(f, g.details.as_ref())?;
		}
		write!(f, "(as served by the node, unverified: use `dengji cert verify`)")
	}
}

impl Outcome for CertShown {
	fn exit(&self) -> ExitCode {
		if self.record.is_some() {
			ExitCode::Ok
		} else {
			ExitCode::NotFound
		}
	}
}

/// `cert bundle`: the bundle written.
pub struct BundleWritten {
	code: CertificateCode,
	file: PathBuf,
	bytes: usize,
	bundle: ProofBundle,
	set_id: u64,
}

async fn bundle(
	node: &Node,
	code: &CodeArg,
	trust: Option<&Path>,
	output: &Path,
	format: BundleFormat,
	holder: bool,
	ctx: Ctx,
) -> Result<BundleWritten> {
	let (code, chain) = code.resolve()?;
	let client = read(&node.url, ctx).await?;
	check_chain(chain, client.genesis_hash())?;
	let trust = match trust {
		Some(t) => read_trust(t)?,
		None => client.trust_root().await?,
	};
	let pb = ctx.spinner(format!("building a proof bundle for {code}…"));
	let bundle = if holder {
		client.build_holder_bundle(&code, &trust).await
	} else {
		client.build_bundle(&code, &trust).await
	};
	pb.finish_and_clear();
	let bundle = bundle?;
	let bytes = match format {
		BundleFormat::Binary => bundle.to_bytes(),
		BundleFormat::Json => bundle.to_json()?.into_bytes(),
	};
	write_file(output, &bytes)?;
	Ok(BundleWritten {
		code,
		file: output.into(),
		bytes: bytes.len(),
		bundle,
		set_id: trust.set_id,
	})
}

impl BundleWritten {
	fn value(&self) -> Value {
		json!({
			"code": self.code.to_string(),
			"file": self.file.display().to_string(),
			"bytes": self.bytes,
			"block": { "number": self.bundle.header.number, "hash": to_hex(&self.bundle.header.hash()) },
			"set_changes": self.bundle.set_changes.len(),
			"set_id": self.set_id,
		})
	}
}
serialize_via!(BundleWritten, value);

impl fmt::Display for BundleWritten {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"bundle for {} ({} bytes, block #{}, {} set change(s)) written to {}",
			self.code,
			self.bytes,
			self.bundle.header.number,
			self.bundle.set_changes.len(),
			self.file.display()
		)
	}
}

impl Outcome for BundleWritten {}

/// `cert document`: the document (JSON with its QR payload), or where it was written.
pub struct DocumentExported {
	code: CertificateCode,
	json: String,
	qr: String,
	file: Option<PathBuf>,
}

async fn document(
	node: &Node,
	code: &CodeArg,
	output: Option<PathBuf>,
	format: DocFormat,
	ctx: Ctx,
) -> Result<DocumentExported> {
	let (code, chain) = code.resolve()?;
	let client = read(&node.url, ctx).await?;
	check_chain(chain, client.genesis_hash())?;
	let record = client
		.fetch_certificate(&code)
		.await?
		.ok_or(dengji_client::Error::NotFound(dengji_client::error::Missing::Certificate(code)))?;
	let doc = CertificateDocument::from_record(client.genesis_hash(), &record);
	let json = doc.to_json()?;
	if let Some(out) = &output {
		let bytes = match format {
			DocFormat::Json => json.clone().into_bytes(),
			DocFormat::Binary => doc.to_bytes(),
		};
		write_file(out, &bytes)?;
		ctx.say(format!("document written to {}", out.display()));
	}
	Ok(DocumentExported { code, json, qr: doc.qr_payload().to_string(), file: output })
}

impl DocumentExported {
	fn value(&self) -> Value {
		let mut value: Value = serde_json::from_str(&self.json).unwrap_or(Value::Null);
		value["qr"] = json!(self.qr);
		value
	}
}
serialize_via!(DocumentExported, value);

impl fmt::Display for DocumentExported {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match &self.file {
			Some(out) => {
				write!(f, "document of {} written to {}\nQR: {}", self.code, out.display(), self.qr)
			}
			None => write!(f, "{}\nQR: {}", self.json, self.qr),
		}
	}
}

impl Outcome for DocumentExported {}

/// `cert check-document`: the issuer signature is valid.
pub struct DocumentChecked(CertificateDocument);

fn check_document(
	file: &Path,
	genesis: Option<[u8; 32]>,
	trust: Option<&Path>,
	issuer_keys: &[[u8; 32]],
) -> Result<DocumentChecked> {
	let bytes = read_file("certificate document", file)?;
	let doc = if bytes.starts_with(b"DJCD") {
		CertificateDocument::from_bytes(&bytes)
	} else {
		std::str::from_utf8(&bytes)
			.map_err(|e| VerifyError::Decode {
				what: "certificate document",
				reason: e.to_string(),
			})
			.and_then(CertificateDocument::from_json)
	}
	.map_err(bad_file("certificate document", file))?;
	let genesis = match (genesis, trust) {
		(Some(g), _) => g,
		(None, Some(t)) => read_trust(t)?.genesis_hash,
		(None, None) => {
			return Err(CliError::usage("请给出 --genesis 或 --trust", "give --genesis or --trust"))
		}
	};
	doc.verify_offline(&genesis, (!issuer_keys.is_empty()).then_some(issuer_keys))?;
	Ok(DocumentChecked(doc))
}

impl DocumentChecked {
	fn value(&self) -> Value {
		let b = &self.0.body;
		json!({
			"code": b.code.to_string(),
			"signature_valid": true,
			"issuer": b.issuer.get(),
			"issuer_key": to_hex(&b.issuer_key),
			"qr": self.0.qr_payload().to_string(),
		})
	}
}
serialize_via!(DocumentChecked, value);

impl fmt::Display for DocumentChecked {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let b = &self.0.body;
		write!(
			f,
			"{}: issuer signature VALID (issuer {}, key {}); current status needs `dengji cert verify`",
			b.code,
			b.issuer,
			to_hex(&b.issuer_key)
		)
	}
}

impl Outcome for DocumentChecked {}
