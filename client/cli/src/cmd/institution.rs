//! Calls signed by an operator of a registration institution (登记机构): admitting subjects,
//! real-name records, acceptance, review, publicity and objections, approval, issuance and
//! revocation. Each waits for finality and returns the [`TxReport`].

use super::{submit, Ctx};
use crate::{
	args::{CertKeyArgs, Tx},
	error::{CliError, Result},
	output::TxReport,
	parse,
};
use clap::Subcommand;
use dengji_client::{
	grounds::{GroundParser, RefusalGround, RevocationGround},
	roles::institution as calls,
};
use dengji_primitives::{CertificateCode, Digest, DivisionCode, Uscc};

/// Institution commands. DIGEST arguments: `@FILE` digests the file's bytes, `0x` + 64 hex
/// digits is the digest itself, any other text is digested as text.
#[derive(Subcommand, Debug)]
pub enum InstitutionCmd {
	/// Institution: admit a registration subject (and the accounts it acts through).
	AdmitSubject {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Unified social credit code (USCC) of the subject.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// Subject name.
		#[arg(long)]
		name: String,
		/// Division code of the subject's seat.
		#[arg(long, value_parser = parse::division)]
		division: DivisionCode,
		/// Accounts the subject acts through (SS58, 0x hex, or a `//Dev` URI).
		#[arg(long = "account", required = true, value_parser = parse::account)]
		accounts: Vec<[u8; 32]>,
	},
	/// Institution: record a real-name verification of an account (may then object).
	RealName {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// The account (SS58, 0x hex, or a `//Dev` URI).
		#[arg(value_parser = parse::account)]
		account: [u8; 32],
		/// The identity document (DIGEST, e.g. `@id-card.pdf`).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		identity: Digest,
		/// An organisation rather than an individual.
		#[arg(long)]
		organisation: bool,
	},
	/// Institution: accept an application (受理).
	Accept {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Institution: refuse acceptance (不予受理).
	RefuseAcceptance {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Reasons (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		reasons: Digest,
	},
	/// Institution: one-time deficiency notice (一次性告知).
	RequestSupplement {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The notice (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		notice: Digest,
	},
	/// Institution: review outcome: `--pass` publishes the notice (公示), `--refuse` refuses
	/// (不予登记, YX-R §17).
	Review {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Review passed: publish.
		#[arg(long, conflicts_with = "refuse", required_unless_present = "refuse")]
		pass: bool,
		/// Review failed: refuse on these grounds (comma-separated).
		#[arg(
			long,
			value_delimiter = ',',
			value_parser = GroundParser::<RefusalGround>::new(),
			requires = "decision"
		)]
		refuse: Vec<RefusalGround>,
		/// The decision (DIGEST), for a refusal.
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Option<Digest>,
	},
	/// Institution: publish an application's notice (same as `review --pass`).
	Publish {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Institution: forward an objection to the subject (转送).
	Forward {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
	},
	/// Institution: decide an objection (YX-R §22).
	Decide {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// Uphold it (terminates the application); otherwise it is dismissed.
		#[arg(long)]
		upheld: bool,
		/// The decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
	/// Institution: flag a decided objection's outcome as under administrative reconsideration or
	/// litigation (行政复议或诉讼, Q10(f)) with the document's digest, or `--clear` the flag.
	ObjectionReview {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// The reconsideration or litigation document (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST", required_unless_present = "clear")]
		document: Option<Digest>,
		/// The review is over: clear the flag.
		#[arg(long, conflicts_with = "document")]
		clear: bool,
	},
	/// Institution: decide a rebutted (or lapsed) objection as showing a dispute (Q32): no
	/// agreement with an interested party (YX-R §17(四)) and/or an ownership dispute (§17(五));
	/// the dispute is raised on its application until `resolve-dispute`.
	DecideDispute {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// §17(四): no agreement yet with an interested party.
		#[arg(long, required_unless_present = "ownership")]
		interested_party: bool,
		/// §17(五): ownership is disputed.
		#[arg(long)]
		ownership: bool,
		/// The decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
	/// Institution: raise a dispute on an application or a registration from a complaint the
	/// data authority decided upheld against this institution (YX-R §25(二), Q32).
	ComplaintDispute {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// What it blocks.
		#[command(flatten)]
		target: DisputeTargetArgs,
		/// The complaint's number.
		#[arg(long)]
		complaint: u32,
		/// §17(四): no agreement yet with an interested party.
		#[arg(long, required_unless_present = "ownership")]
		interested_party: bool,
		/// §17(五): ownership is disputed.
		#[arg(long)]
		ownership: bool,
		/// The institution's record of the consequence (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
	/// Institution: record the resolution of a raised dispute and clear it (Q32).
	ResolveDispute {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// What it blocks.
		#[command(flatten)]
		target: DisputeTargetArgs,
		/// The objection that raised it.
		#[arg(long, required_unless_present = "complaint", conflicts_with = "complaint")]
		objection: Option<u64>,
		/// The complaint that raised it.
		#[arg(long)]
		complaint: Option<u32>,
		/// The resolution: the parties' agreement, a court's or arbitrator's decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		resolution: Digest,
	},
	/// Institution: approve an application (准予登记); drafts the certificate.
	Approve {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
	/// Institution: issue a drafted certificate, signing it with the institution's ed25519 key
	/// and, with `--sm2-key`, co-signing it with its SM2 key (GB/T 32918, issue 14).
	Issue {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code (from `CertificateDrafted` / `ApplicationApproved`).
		#[arg(value_parser = parse::code)]
		code: CertificateCode,
		/// The certificate key.
		#[command(flatten)]
		key: CertKeyArgs,
		/// 国密 SM2 co-signing key of the institution: `0x` + 64 hex digits (the secret) or a
		/// development URI `//Alice//sm2`. Issues with `issue_cosigned`; required where the data
		/// authority made SM2 mandatory.
		#[arg(long, env = "DENGJI_SM2_KEY", hide_env_values = true, value_name = "SECRET")]
		sm2_key: Option<String>,
	},
	/// Institution: revoke a certificate (撤销, YX-R §27).
	Revoke {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code.
		#[arg(value_parser = parse::code)]
		code: CertificateCode,
		/// Ground.
		#[arg(long, value_parser = GroundParser::<RevocationGround>::new(), default_value = "false-materials")]
		ground: RevocationGround,
		/// The decision (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		decision: Digest,
	},
}

/// The application or registration a dispute blocks (Q32).
#[derive(clap::Args, Debug)]
pub struct DisputeTargetArgs {
	/// An open application.
	#[arg(long, required_unless_present = "registration", conflicts_with = "registration")]
	pub application: Option<u64>,
	/// An active registration.
	#[arg(long)]
	pub registration: Option<u64>,
}

impl DisputeTargetArgs {
	/// The target as the SDK's value.
	pub fn target(&self) -> calls::DisputeTarget {
		match (self.application, self.registration) {
			(Some(a), _) => calls::DisputeTarget::Application(a),
			(None, r) => calls::DisputeTarget::Registration(r.unwrap_or_default()),
		}
	}
}

impl InstitutionCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<TxReport> {
		match self {
			InstitutionCmd::AdmitSubject { tx, uscc, name, division, accounts } => {
				submit(&tx, calls::admit_subject(uscc, &name, division, &accounts), ctx).await
			}
			InstitutionCmd::RealName { tx, account, identity, organisation } => {
				submit(&tx, calls::record_real_name(account, identity, organisation), ctx).await
			}
			InstitutionCmd::Accept { tx, application } => {
				submit(&tx, calls::accept(application), ctx).await
			}
			InstitutionCmd::RefuseAcceptance { tx, application, reasons } => {
				submit(&tx, calls::refuse_acceptance(application, reasons), ctx).await
			}
			InstitutionCmd::RequestSupplement { tx, application, notice } => {
				submit(&tx, calls::request_supplement(application, notice), ctx).await
			}
			InstitutionCmd::Review { tx, application, pass, refuse, decision } => {
				let call = match decision {
					Some(decision) if !pass => calls::refuse(application, &refuse, decision),
					_ => calls::publish(application),
				};
				submit(&tx, call, ctx).await
			}
			InstitutionCmd::Publish { tx, application } => {
				submit(&tx, calls::publish(application), ctx).await
			}
			InstitutionCmd::Forward { tx, objection } => {
				submit(&tx, calls::forward_objection(objection), ctx).await
			}
			InstitutionCmd::Decide { tx, objection, upheld, decision } => {
				submit(&tx, calls::decide_objection(objection, upheld, decision), ctx).await
			}
			InstitutionCmd::ObjectionReview { tx, objection, document, clear: _ } => {
				submit(&tx, calls::set_objection_review(objection, document), ctx).await
			}
			InstitutionCmd::DecideDispute {
				tx,
				objection,
				interested_party,
				ownership,
				decision,
			} => {
				let call = calls::decide_objection_as_dispute(
					objection,
					interested_party,
					ownership,
					decision,
				);
				submit(&tx, call, ctx).await
			}
			InstitutionCmd::ComplaintDispute {
				tx,
				target,
				complaint,
				interested_party,
				ownership,
				decision,
			} => {
				let call = calls::raise_complaint_dispute(
					target.target(),
					complaint,
					interested_party,
					ownership,
					decision,
				);
				submit(&tx, call, ctx).await
			}
			InstitutionCmd::ResolveDispute { tx, target, objection, complaint, resolution } => {
				let source = match (objection, complaint) {
					(Some(o), _) => calls::DisputeSource::Objection(o),
					(None, c) => calls::DisputeSource::Complaint(c.unwrap_or_default()),
				};
				submit(&tx, calls::resolve_dispute(target.target(), source, resolution), ctx).await
			}
			InstitutionCmd::Approve { tx, application, decision } => {
				submit(&tx, calls::approve(application, decision), ctx).await
			}
			InstitutionCmd::Issue { tx, code, key, sm2_key } => {
				let key = key.key()?;
				let sm2_key = sm2_key
					.map(|s| {
						dengji_client::Sm2Key::from_suri(&s).map_err(|e| {
							CliError::usage("SM2 密钥无效", format_args!("--sm2-key: {e}"))
						})
					})
					.transpose()?;
				let signer = tx.signer()?;
				let client = super::connect(&tx.node.url, ctx).await?;
				let pb = ctx.spinner(format!(
					"signing the draft of {code}, issuing it and waiting for finality…"
				));
				let s = match &sm2_key {
					Some(sm2) => client.issue_certificate_cosigned(&code, &key, sm2, &signer).await,
					None => client.issue_certificate(&code, &key, &signer).await,
				};
				pb.finish_and_clear();
				Ok(s?.into())
			}
			InstitutionCmd::Revoke { tx, code, ground, decision } => {
				submit(&tx, calls::revoke(code, ground, decision), ctx).await
			}
		}
	}
}

#[cfg(test)]
mod objection_review_tests {
	use super::*;
	use crate::args::{Cli, Command};
	use clap::Parser;

	/// Q10(f): a document flags the review, `--clear` ends it; one of the two.
	#[test]
	fn objection_review_takes_a_document_or_clear() {
		let parse = |args: &[&str]| {
			let argv = ["dengji", "objection-review", "5"];
			Cli::try_parse_from(argv.iter().chain(args).chain(&["--suri", "//Alice"]))
				.map(|c| c.command)
		};
		let Ok(Command::Institution(InstitutionCmd::ObjectionReview { document, .. })) = parse(&[
			"--document",
			"0x0707070707070707070707070707070707070707070707070707070707070707",
		]) else {
			panic!("--document")
		};
		assert_eq!(document, Some([7; 32]));
		let Ok(Command::Institution(InstitutionCmd::ObjectionReview { document, clear, .. })) =
			parse(&["--clear"])
		else {
			panic!("--clear")
		};
		assert_eq!((document, clear), (None, true));
		assert!(parse(&[]).is_err());
		assert!(parse(&["--clear", "--document", "d"]).is_err());
		assert_eq!(
			calls::set_objection_review(5, None).label(),
			"Registration.set_objection_review"
		);
	}
}

#[cfg(test)]
mod dispute_tests {
	use super::*;
	use crate::args::{Cli, Command};
	use clap::Parser;

	fn parse(args: &[&str]) -> Result<Command, clap::Error> {
		Cli::try_parse_from(["dengji"].iter().chain(args).chain(&["--suri", "//Alice"]))
			.map(|c| c.command)
	}

	const D: &str = "0x0707070707070707070707070707070707070707070707070707070707070707";

	/// Q32, YX-R §17(四)(五), §25(二): the dispute commands take their flags, one target and
	/// one source; a dispute names at least one §17 paragraph.
	#[test]
	fn dispute_commands_take_flags_target_and_source_q32() {
		let Ok(Command::Institution(InstitutionCmd::DecideDispute {
			objection,
			interested_party,
			ownership,
			..
		})) = parse(&["decide-dispute", "4", "--ownership", "--decision", D])
		else {
			panic!("decide-dispute")
		};
		assert_eq!((objection, interested_party, ownership), (4, false, true));
		assert!(parse(&["decide-dispute", "4", "--decision", D]).is_err());
		let Ok(Command::Institution(InstitutionCmd::ComplaintDispute {
			target, complaint, ..
		})) = parse(&[
			"complaint-dispute",
			"--registration",
			"3",
			"--complaint",
			"0",
			"--interested-party",
			"--decision",
			D,
		])
		else {
			panic!("complaint-dispute")
		};
		assert_eq!((target.target(), complaint), (calls::DisputeTarget::Registration(3), 0));
		assert!(parse(&[
			"complaint-dispute",
			"--application",
			"1",
			"--registration",
			"3",
			"--complaint",
			"0",
			"--ownership",
			"--decision",
			D
		])
		.is_err());
		let Ok(Command::Institution(InstitutionCmd::ResolveDispute {
			target,
			objection,
			complaint,
			resolution,
			..
		})) = parse(&["resolve-dispute", "--application", "1", "--objection", "2", "--resolution", D])
		else {
			panic!("resolve-dispute")
		};
		assert_eq!(target.target(), calls::DisputeTarget::Application(1));
		assert_eq!((objection, complaint, resolution), (Some(2), None, [7; 32]));
		assert!(parse(&["resolve-dispute", "--application", "1", "--resolution", D]).is_err());
		assert_eq!(
			calls::resolve_dispute(
				calls::DisputeTarget::Application(1),
				calls::DisputeSource::Objection(2),
				[7; 32]
			)
			.label(),
			"Registration.resolve_dispute"
		);
	}
}
