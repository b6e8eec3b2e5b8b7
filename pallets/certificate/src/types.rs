//! The certificate status state machine (docs/spec/DESIGN.md §7; docs/spec/requirements.md §2.6).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dengji_primitives::certificate::CertificateStatus;

/// Transitions of the stored [`CertificateStatus`]:
///
/// ```text
/// Valid ──▶ Superseded{by, at}     change, correction, renewal issued (YX-R §19, §20, §23 ¶2)
/// Valid ──▶ Cancelled{reason, at}  on application (YX-R §21) or expiry (YX-R §23 ¶2)
/// Valid ──▶ Revoked{ground, ..}    misconduct verified (YX-R §27)
/// ```
/// Every other status is terminal: records are never reopened (Q11: reversal only by a new
/// registration) and never deleted.
pub trait StatusTransition {
	/// Whether the status may change from `self` to `to`.
	fn can_transition(&self, to: &CertificateStatus) -> bool;
}

impl StatusTransition for CertificateStatus {
	fn can_transition(&self, to: &CertificateStatus) -> bool {
		matches!(self, CertificateStatus::Valid) && !matches!(to, CertificateStatus::Valid)
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;
	use dengji_primitives::{
		certificate::{CancelReason, RevocationGround},
		code::CertificateCode,
		DivisionCode,
	};

	fn all() -> [CertificateStatus; 4] {
		let by = CertificateCode::new(DivisionCode::new(530400).unwrap(), 2026, 1).unwrap();
		[
			CertificateStatus::Valid,
			CertificateStatus::Superseded { by, at: 1 },
			CertificateStatus::Cancelled { reason: CancelReason::Expiry, at: 1 },
			CertificateStatus::Revoked {
				ground: RevocationGround::FalseMaterials,
				decision: [0; 32],
				at: 1,
			},
		]
	}

	/// docs/spec/requirements.md §2.6 C3–C7: only a `Valid` certificate changes status, and never back to
	/// `Valid`; superseded, cancelled and revoked are terminal.
	#[test]
	fn status_transitions_only_leave_valid() {
		for from in all() {
			for to in all() {
				let expected = from == CertificateStatus::Valid && to != CertificateStatus::Valid;
				assert_eq!(from.can_transition(&to), expected, "{from:?} -> {to:?}");
			}
		}
	}
}
