//! Exit codes. Verdicts and errors never share a code, so scripts can tell "the certificate is
//! revoked" (a correct answer) from "the check could not be made".

use dengji_client::Error;
use dengji_verify::{Verdict, VerifyError};

/// The process exit code.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[repr(u8)]
pub enum ExitCode {
	/// Success; for verification: the certificate is valid.
	Ok = 0,
	/// An unexpected error (I/O, decoding, …).
	Failure = 1,
	/// Bad command line or input (clap also exits with 2).
	Usage = 2,
	/// The node could not be reached, did not answer in time, or answered inconsistently.
	Network = 3,
	/// Verification failed: a proof, signature or check character is wrong, or the bundle does
	/// not match the trust root. Never a verdict.
	VerificationFailed = 4,
	/// The chain refused a transaction (dispatch error or pool rejection).
	Refused = 5,
	/// Verdict: past `valid_until`.
	Expired = 10,
	/// Verdict: superseded by a newer certificate.
	Superseded = 11,
	/// Verdict: cancelled (注销).
	Cancelled = 12,
	/// Verdict: revoked (撤销).
	Revoked = 13,
	/// Verdict: proved absent.
	NotFound = 14,
	/// Verdict: the proof is older than the freshness policy.
	Stale = 15,
}

impl ExitCode {
	/// The numeric code.
	pub fn code(self) -> u8 {
		self as u8
	}

	/// The code for a verdict.
	pub fn of_verdict(v: &Verdict) -> Self {
		match v {
			Verdict::Valid => ExitCode::Ok,
			Verdict::Expired { .. } => ExitCode::Expired,
			Verdict::Superseded { .. } => ExitCode::Superseded,
			Verdict::Cancelled { .. } => ExitCode::Cancelled,
			Verdict::Revoked { .. } => ExitCode::Revoked,
			Verdict::NotFound => ExitCode::NotFound,
			Verdict::Stale { .. } => ExitCode::Stale,
		}
	}

	/// The code for an error, looking through `anyhow` context for SDK and core errors.
	pub fn of_error(e: &anyhow::Error) -> Self {
		for cause in e.chain() {
			if let Some(e) = cause.downcast_ref::<Error>() {
				return Self::of_sdk_error(e);
			}
			if cause.downcast_ref::<VerifyError>().is_some() {
				return ExitCode::VerificationFailed;
			}
			if cause.downcast_ref::<UsageError>().is_some() {
				return ExitCode::Usage;
			}
		}
		ExitCode::Failure
	}

	/// The code for an SDK error.
	pub fn of_sdk_error(e: &Error) -> Self {
		match e {
			Error::Verify(_) => ExitCode::VerificationFailed,
			Error::Dispatch { .. } | Error::Rejected(_) => ExitCode::Refused,
			Error::Code { .. } | Error::Key(_) => ExitCode::Usage,
			Error::Node(_) => ExitCode::Network,
			e if e.is_network() => ExitCode::Network,
			_ => ExitCode::Failure,
		}
	}
}

/// A bad argument found after parsing (e.g. a malformed digest or time).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for UsageError {}

#[cfg(test)]
mod tests {
	use super::*;
	use dengji_primitives::{CertificateCode, DivisionCode};

	#[test]
	fn every_verdict_has_its_own_code_and_only_valid_is_zero() {
		let code = CertificateCode::new(DivisionCode::new(530400).unwrap(), 2026, 1).unwrap();
		let verdicts = [
			Verdict::Valid,
			Verdict::Expired { valid_until: 1 },
			Verdict::Superseded { by: code, at: 1 },
			Verdict::Cancelled { reason: dengji_primitives::CancelReason::Expiry, at: 1 },
			Verdict::Revoked { ground: dengji_primitives::RevocationGround::FalseMaterials, at: 1 },
			Verdict::NotFound,
			Verdict::Stale { finalized_at: 1 },
		];
		let codes: Vec<u8> = verdicts.iter().map(|v| ExitCode::of_verdict(v).code()).collect();
		assert_eq!(codes, vec![0, 10, 11, 12, 13, 14, 15]);
	}

	#[test]
	fn errors_map_to_error_codes_not_verdict_codes() {
		let timeout = anyhow::Error::from(Error::Timeout {
			what: "x",
			after: std::time::Duration::from_secs(1),
		});
		assert_eq!(ExitCode::of_error(&timeout), ExitCode::Network);
		let bad = anyhow::Error::from(VerifyError::Code(dengji_primitives::CodeError::BadFormat));
		assert_eq!(ExitCode::of_error(&bad), ExitCode::VerificationFailed);
		let wrapped = anyhow::Error::from(Error::Verify(VerifyError::Code(
			dengji_primitives::CodeError::BadFormat,
		)))
		.context("verifying");
		assert_eq!(ExitCode::of_error(&wrapped), ExitCode::VerificationFailed);
		let refused = anyhow::Error::from(Error::Dispatch {
			call: "Registration.lodge_objection".into(),
			pallet: "Registration".into(),
			error: "PublicityOver".into(),
			docs: String::new(),
			block: "0x00".into(),
		});
		assert_eq!(ExitCode::of_error(&refused), ExitCode::Refused);
		let usage = anyhow::Error::from(UsageError("bad".into()));
		assert_eq!(ExitCode::of_error(&usage), ExitCode::Usage);
		assert_eq!(ExitCode::of_error(&anyhow::anyhow!("other")), ExitCode::Failure);
	}
}
