//! Calls signed by a registration subject (登记主体) or its agent — applications, supplements,
//! changes, renewals, cancellations, rebuttals — and by anyone: objections (异议, real-name
//! verified persons), closing a publicity window and expiring a certificate. Each waits for
//! finality and returns the [`TxReport`].

use super::{submit, Ctx};
use crate::{
	args::{InfoArgs, Tx},
	error::Result,
	output::TxReport,
	parse,
};
use clap::{Subcommand, ValueEnum};
use dengji_client::{
	grounds::{CancellationGround, GroundParser},
	roles::{anyone, objector, subject as calls, subject::MaterialKind},
};
use dengji_primitives::{CertificateCode, Digest, DivisionCode, ObjectKind, Uscc};

/// Subject and public commands. DIGEST arguments: `@FILE` digests the file's bytes, `0x` + 64
/// hex digits is the digest itself, any other text is digested as text.
#[derive(Subcommand, Debug)]
pub enum SubjectCmd {
	/// Subject: apply for first registration (首次登记).
	Apply {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Institution's division code.
		#[arg(long, value_parser = parse::division)]
		institution: DivisionCode,
		/// Subject's USCC.
		#[arg(long, value_parser = parse::uscc)]
		uscc: Uscc,
		/// What is registered.
		#[arg(long, value_enum, default_value_t = Object::Resource)]
		object: Object,
		/// Authorised-operation agreement id (products and services).
		#[arg(long)]
		agreement: Option<u64>,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: supplement (resubmit) after a deficiency notice.
	Supplement {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: withdraw an application before publicity.
	Withdraw {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Subject: apply for a change registration (变更).
	Change {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Basic information.
		#[command(flatten)]
		info: InfoArgs,
	},
	/// Subject: apply for renewal (续展) within 60 days before expiry.
	Renew {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Years (1..=3).
		#[arg(long, default_value_t = 3)]
		years: u8,
		/// Materials (DIGEST each; repeatable).
		#[arg(long = "material", value_parser = parse::digest, value_name = "DIGEST")]
		materials: Vec<Digest>,
	},
	/// Subject: apply for cancellation (注销, YX-R §21).
	CancelRegistration {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// Ground.
		#[arg(
			long,
			value_parser = GroundParser::<CancellationGround>::new(),
			default_value = "rights-abandoned-or-expired"
		)]
		ground: CancellationGround,
		/// Materials (DIGEST each; repeatable).
		#[arg(long = "material", value_parser = parse::digest, value_name = "DIGEST")]
		materials: Vec<Digest>,
	},
	/// 继受或清算注销 Apply for the cancellation of a registration whose subject ceased to exist
	/// (YX-R §21(三), Q8): as its legal successor (`--successor USCC`, signed by an account of the
	/// successor) or as its liquidator (`--liquidator`, signed by a real-name participant), with
	/// the succession or liquidation document.
	CancelOnSuccession {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Registration number.
		registration: u64,
		/// The successor subject (继受主体), its USCC.
		#[arg(long, value_parser = parse::uscc, required_unless_present = "liquidator")]
		successor: Option<Uscc>,
		/// Apply as the liquidator (清算人) instead.
		#[arg(long, conflicts_with = "successor")]
		liquidator: bool,
		/// The succession or liquidation document (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		document: Digest,
		/// Materials (DIGEST each; repeatable).
		#[arg(long = "material", value_parser = parse::digest, value_name = "DIGEST")]
		materials: Vec<Digest>,
	},
	/// Subject: record the business review (业务审核) completed before applying (YX-R §14, §15).
	BusinessReview {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The reviewing body's USCC.
		#[arg(long, value_parser = parse::uscc)]
		reviewer: Uscc,
		/// Its attestation (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		attestation: Digest,
		/// When the review was completed (not after the application).
		#[arg(long, value_parser = parse::time, value_name = "TIME")]
		reviewed_at: u64,
	},
	/// Applicant: declare the materials by kind (YX-R §18 ¶1, §19 ¶2, §20 ¶2, §21 ¶3); the chain
	/// refuses a list missing a required kind.
	DeclareMaterials {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// KIND=DIGEST (repeatable); KIND one of application-form, basic-information-form,
		/// source-compliance-and-evidence, product-scenario-and-risk-assessment,
		/// no-dispute-undertaking, identity-proof, power-of-attorney, original-certificate,
		/// correction-evidence, truthfulness-undertaking, other.
		#[arg(long = "material", value_parser = material, value_name = "KIND=DIGEST")]
		materials: Vec<(MaterialKind, Digest)>,
	},
	/// Subject: respond to an interested party's correction within the response period
	/// (Q31, YX-R §20).
	RespondToCorrection {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The response (DIGEST): written consent or reply.
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		response: Digest,
	},
	/// Subject: rebut an objection (异议申辩).
	Rebut {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Objection id.
		objection: u64,
		/// The rebuttal (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		rebuttal: Digest,
	},
	/// Anyone: lodge an objection during publicity (提出异议; needs real-name verification).
	Object {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
		/// The objection (DIGEST).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		content: Digest,
		/// Its evidence (DIGEST, e.g. `@evidence.pdf`).
		#[arg(long, value_parser = parse::digest, value_name = "DIGEST")]
		evidence: Digest,
	},
	/// Anyone: record the end of the publicity window.
	ClosePublicity {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Application id.
		application: u64,
	},
	/// Anyone: cancel and announce an expired, unrenewed certificate.
	ExpireCert {
		/// Node and signer.
		#[command(flatten)]
		tx: Tx,
		/// Certificate code.
		#[arg(value_parser = parse::code)]
		code: CertificateCode,
	},
}

/// `KIND=DIGEST`: a material kind (kebab-case variant name) and its digest.
fn material(s: &str) -> std::result::Result<(MaterialKind, Digest), String> {
	let (kind, digest) =
		s.split_once('=').ok_or_else(|| format!("expected KIND=DIGEST, got {s:?}"))?;
	let kind = MaterialKind::ALL
		.into_iter()
		.find(|k| kebab(k.variant_name()) == kind)
		.ok_or_else(|| format!("unknown material kind {kind:?}"))?;
	Ok((kind, parse::digest(digest)?))
}

/// `ApplicationForm` → `application-form`.
fn kebab(name: &str) -> String {
	let mut out = String::new();
	for (i, c) in name.chars().enumerate() {
		if c.is_ascii_uppercase() && i > 0 {
			out.push('-');
		}
		out.push(c.to_ascii_lowercase());
	}
	out
}

/// Object kind.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
	/// 公共数据资源.
	Resource,
	/// 公共数据产品和服务.
	Product,
}

impl From<Object> for ObjectKind {
	fn from(o: Object) -> Self {
		match o {
			Object::Resource => ObjectKind::DataResource,
			Object::Product => ObjectKind::DataProductOrService,
		}
	}
}

impl SubjectCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<TxReport> {
		let (tx, call) = match self {
			SubjectCmd::Apply { tx, institution, uscc, object, agreement, info } => {
				let call =
					calls::apply(institution, uscc, object.into(), agreement, &info.basic_info());
				(tx, call)
			}
			SubjectCmd::Supplement { tx, application, info } => {
				(tx, calls::supplement(application, &info.basic_info()))
			}
			SubjectCmd::Withdraw { tx, application } => (tx, calls::withdraw(application)),
			SubjectCmd::Change { tx, registration, info } => {
				(tx, calls::change(registration, &info.basic_info()))
			}
			SubjectCmd::Renew { tx, registration, years, materials } => {
				(tx, calls::renew(registration, years, &materials))
			}
			SubjectCmd::CancelRegistration { tx, registration, ground, materials } => {
				(tx, calls::cancel(registration, ground, &materials))
			}
			SubjectCmd::CancelOnSuccession {
				tx,
				registration,
				successor,
				liquidator: _,
				document,
				materials,
			} => (tx, calls::cancel_on_succession(registration, successor, document, &materials)),
			SubjectCmd::BusinessReview { tx, application, reviewer, attestation, reviewed_at } => {
				(tx, calls::record_business_review(application, reviewer, attestation, reviewed_at))
			}
			SubjectCmd::DeclareMaterials { tx, application, materials } => {
				(tx, calls::declare_materials(application, &materials))
			}
			SubjectCmd::RespondToCorrection { tx, application, response } => {
				(tx, calls::respond_to_correction(application, response))
			}
			SubjectCmd::Rebut { tx, objection, rebuttal } => {
				(tx, calls::rebut(objection, rebuttal))
			}
			SubjectCmd::Object { tx, application, content, evidence } => {
				(tx, objector::object(application, content, evidence))
			}
			SubjectCmd::ClosePublicity { tx, application } => {
				(tx, anyone::close_publicity(application))
			}
			SubjectCmd::ExpireCert { tx, code } => (tx, anyone::expire_certificate(code)),
		};
		submit(&tx, call, ctx).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// YX-R §18 ¶1, §19 ¶2: `--material KIND=DIGEST` names every pallet kind in kebab case.
	#[test]
	fn material_arguments_name_every_kind() {
		for kind in MaterialKind::ALL {
			let arg = format!("{}=0x{}", kebab(kind.variant_name()), "ab".repeat(32));
			assert_eq!(material(&arg), Ok((kind, [0xab; 32])), "{arg}");
		}
		assert_eq!(kebab("NoDisputeUndertaking"), "no-dispute-undertaking");
		assert!(material("undertaking=text").is_err());
		assert!(material("other").is_err());
	}

	/// YX-R §21(三), Q8: a successor (by USCC) or a liquidator applies, never both or neither.
	#[test]
	fn cancel_on_succession_takes_a_successor_or_a_liquidator() {
		use crate::args::{Cli, Command};
		use clap::Parser;
		let parse = |args: &[&str]| {
			let argv = ["dengji", "cancel-on-succession", "7", "--document", "d"];
			Cli::try_parse_from(argv.iter().chain(args).chain(&["--suri", "//Alice"]))
				.map(|c| c.command)
		};
		let check = dengji_primitives::Uscc::check_character(b"91530402MA6K00001").unwrap();
		let uscc = format!("91530402MA6K00001{}", char::from(check));
		let Ok(Command::Subject(SubjectCmd::CancelOnSuccession { successor, .. })) =
			parse(&["--successor", uscc.as_str()])
		else {
			panic!("--successor")
		};
		assert_eq!(successor.map(|u| u.to_string()), Some(uscc.clone()));
		let Ok(Command::Subject(SubjectCmd::CancelOnSuccession { successor, liquidator, .. })) =
			parse(&["--liquidator"])
		else {
			panic!("--liquidator")
		};
		assert_eq!((successor, liquidator), (None, true));
		let call = calls::cancel_on_succession(7, None, [1; 32], &[]);
		assert_eq!(call.label(), "Registration.submit_cancellation_on_succession");
		assert!(parse(&[]).is_err(), "a successor or --liquidator");
		assert!(parse(&["--successor", uscc.as_str(), "--liquidator"]).is_err());
	}
}
