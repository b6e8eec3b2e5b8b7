//! `try_state` invariants.

use crate::{
	Certificates, Config, CurrentOf, Drafts, ExpiryQueue, NextSerial, Pallet, RenewalsPending,
};
use alloc::collections::BTreeSet;
use dengji_primitives::{certificate::CertificateStatus, code::CertificateCode, traits::Directory};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks:
	/// - every `Valid` certificate is queued for expiry or has a pending renewal (so expiry
	///   cancellation, YX-R §23 ¶2, is never forgotten);
	/// - `CurrentOf` points to `Valid` certificates of the same registration;
	/// - a pending renewal belongs to a `Valid` certificate;
	/// - every issued or drafted code's serial is below `NextSerial` of its (issuer, year), and
	///   no code is both drafted and issued;
	/// - an SM2 co-signature names a current or retired SM2 key of the issuer (issue 14 §2).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let queued: BTreeSet<CertificateCode> =
			ExpiryQueue::<T>::iter_values().flat_map(|q| q.into_inner()).collect();
		for (code, record) in Certificates::<T>::iter() {
			ensure!(record.body.code == code, "certificate stored under another code");
			ensure!(
				code.serial < NextSerial::<T>::get(code.division, code.year),
				"issued serial not below NextSerial"
			);
			if record.status == CertificateStatus::Valid {
				ensure!(
					queued.contains(&code) || RenewalsPending::<T>::contains_key(code),
					"Valid certificate neither queued for expiry nor renewal-pending"
				);
			}
			if let Some(cosig) = &record.sm2 {
				ensure!(
					T::Directory::institution(record.body.issuer)
						.is_some_and(|i| i.has_sm2_key(&cosig.key)),
					"SM2 co-signature by a key the issuer never had"
				);
			}
		}
		for (code, body) in Drafts::<T>::iter() {
			ensure!(body.code == code, "draft stored under another code");
			ensure!(!Certificates::<T>::contains_key(code), "code both drafted and issued");
			ensure!(
				code.serial < NextSerial::<T>::get(code.division, code.year),
				"drafted serial not below NextSerial"
			);
		}
		for (registration, code) in CurrentOf::<T>::iter() {
			let record =
				Certificates::<T>::get(code).ok_or("CurrentOf points to no certificate")?;
			ensure!(
				record.status == CertificateStatus::Valid,
				"CurrentOf points to a non-Valid certificate"
			);
			ensure!(record.body.registration == registration, "CurrentOf registration mismatch");
		}
		for code in RenewalsPending::<T>::iter_keys() {
			let record =
				Certificates::<T>::get(code).ok_or("renewal pending for an unknown certificate")?;
			ensure!(
				record.status == CertificateStatus::Valid,
				"renewal pending for a non-Valid certificate"
			);
		}
		Ok(())
	}
}
