//! Exit codes. Verdicts and errors never share a code, so scripts can tell "the certificate is
//! revoked" (a correct answer) from "the check could not be made". Errors map to codes in
//! [`crate::error::CliError::exit_code`].

use dengji_client::Error;
use dengji_verify::Verdict;

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
	/// Verification failed: a proof, signature or check character is wrong, the bundle does not
	/// decode, or it does not match the trust root. Never a verdict.
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

	/// The code for a verdict: `dengji_verify::report::verdict_exit_code`, the one table the
	/// CLI and the verifier bindings share.
	pub fn of_verdict(v: &Verdict) -> Self {
		Self::from_code(dengji_verify::report::verdict_exit_code(v))
	}

	/// The exit code with this number (`Failure` for a number no code has).
	pub fn from_code(code: u8) -> Self {
		[
			ExitCode::Ok,
			ExitCode::Usage,
			ExitCode::Network,
			ExitCode::VerificationFailed,
			ExitCode::Refused,
			ExitCode::Expired,
			ExitCode::Superseded,
			ExitCode::Cancelled,
			ExitCode::Revoked,
			ExitCode::NotFound,
			ExitCode::Stale,
		]
		.into_iter()
		.find(|c| c.code() == code)
		.unwrap_or(ExitCode::Failure)
	}

	/// The code for an SDK error.
	pub fn of_sdk_error(e: &Error) -> Self {
		match e {
			Error::Verify(_) => ExitCode::VerificationFailed,
			Error::Dispatch { .. } | Error::Rejected(_) | Error::NotParticipant { .. } => {
				ExitCode::Refused
			}
			Error::Code { .. } | Error::Key(_) => ExitCode::Usage,
			Error::Node(_) => ExitCode::Network,
			e if e.is_network() => ExitCode::Network,
			_ => ExitCode::Failure,
		}
	}
}

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
		let named: Vec<ExitCode> = verdicts.iter().map(ExitCode::of_verdict).collect();
		use ExitCode::*;
		assert_eq!(named, vec![Ok, Expired, Superseded, Cancelled, Revoked, NotFound, Stale]);
		assert_eq!(dengji_verify::report::EXIT_VERIFICATION_FAILED, VerificationFailed.code());
	}
}
