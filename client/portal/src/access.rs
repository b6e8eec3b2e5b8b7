//! Who may see what (issue 10; requirements §6 Q24, Q26, Q40).
//!
//! - **Public** (Q24 "public status-by-code (minimal fields)", YX-R §22 publicity, §23 query): every
//!   other endpoint, as before.
//! - **Details with the holder's consent** (Q24): `GET /api/certificates/{code}/details` answers
//!   only a verifier holding a consent token the certificate's subject signed
//!   ([`dengji_verify::ConsentToken`], `dengji consent issue`), naming that verifier's ed25519 key,
//!   the code, the chain and an expiry, and only when the verifier signs the request with that key.
//!   Headers:
//!   - `X-Dengji-Consent`: `0x` hex of the token's binary form;
//!   - `X-Dengji-Timestamp`: the request time, ms since the epoch (within
//!     [`REQUEST_WINDOW_MS`] of the portal's clock);
//!   - `X-Dengji-Signature`: `0x` hex of the verifier's ed25519 signature of
//!     [`details_request_payload`]`(code, timestamp, token digest)`.
//!
//!   The token's signer must be one of the subject's accounts (`subjects.accounts`, indexed from
//!   `Institutions::Subjects`). Each answered query is logged (`consented_queries`: time, code,
//!   verifier key, token digest, signer, subject; Q24 "query logging", Q26 "record any consented
//!   disclosure"); a replayed request (same signature) is refused.
//! - **The data authority only** (Q40 "an export API for the data authority only", Q26 "internal
//!   analytics only for the data authority"): `GET /api/catalogue` needs
//!   `Authorization: Bearer <token>`, the token the operator configured with
//!   `--authority-token-file PATH`; without one configured the endpoint answers 403 saying how to
//!   enable it.

use crate::{
	api::{ApiError, AppState},
	db::{ConsentedQuery, Val},
	schema,
};
use axum::http::HeaderMap;
use dengji_primitives::CertificateCode;
use dengji_verify::{ConsentToken, HolderSignature, UnixTimeMs, VerifyError};
use std::sync::Arc;

/// How far (ms) a request's timestamp may be from the portal's clock.
pub const REQUEST_WINDOW_MS: u64 = 5 * 60 * 1000;
/// Domain separator of the bytes a verifier signs for a details request.
pub const DETAILS_REQUEST_DOMAIN: &[u8] = b"dengji/details-request/v1";
/// Header carrying the consent token.
pub const CONSENT_HEADER: &str = "x-dengji-consent";
/// Header carrying the request time.
pub const TIMESTAMP_HEADER: &str = "x-dengji-timestamp";
/// Header carrying the verifier's request signature.
pub const SIGNATURE_HEADER: &str = "x-dengji-signature";

/// The access configuration of the API.
#[derive(Clone, Default)]
pub struct Access {
	/// BLAKE2-256 of the data authority's bearer token (`--authority-token-file`); `None`: the
	/// catalogue is not served.
	authority_token: Option<Arc<[u8; 32]>>,
}

impl Access {
	/// With the data authority's bearer token (surrounding whitespace ignored; empty refused).
	pub fn with_authority_token(token: &str) -> Result<Self, &'static str> {
		let token = token.trim();
		if token.len() < 16 {
			return Err("the authority token must have at least 16 characters");
		}
		Ok(Self {
			authority_token: Some(Arc::new(sp_crypto_hashing::blake2_256(token.as_bytes()))),
		})
	}

	/// Checks `Authorization: Bearer <token>` against the configured authority token (Q40):
	/// 403 when none is configured, 401 when the header is missing or the token wrong.
	pub fn check_authority(&self, headers: &HeaderMap) -> Result<(), ApiError> {
		let Some(expected) = &self.authority_token else {
			return Err(ApiError::Forbidden {
				kind: "authority_only",
				message: "the catalogue is for the data authority only (requirements Q40); the \
				          operator enables it with --authority-token-file PATH and the data \
				          authority sends Authorization: Bearer <token>"
					.into(),
			});
		};
		let presented = headers
			.get(axum::http::header::AUTHORIZATION)
			.and_then(|v| v.to_str().ok())
			.and_then(|v| v.strip_prefix("Bearer "))
			.ok_or_else(|| ApiError::Unauthorized {
				kind: "authority_token_required",
				message: "the catalogue is for the data authority only: send Authorization: \
				          Bearer <token>"
					.into(),
				parameter: Some("authorization".into()),
			})?;
		// Compare digests: equal-length values, no early exit on the secret's bytes.
		let digest = sp_crypto_hashing::blake2_256(presented.trim().as_bytes());
		let diff = digest.iter().zip(expected.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
		if diff != 0 {
			return Err(ApiError::Unauthorized {
				kind: "authority_token_invalid",
				message: "the authority token is not the one configured".into(),
				parameter: Some("authorization".into()),
			});
		}
		Ok(())
	}
}

/// The bytes a verifier signs for `GET /api/certificates/{code}/details`:
/// [`DETAILS_REQUEST_DOMAIN`] `++ SCALE(code, timestamp_ms, token_digest)`.
pub fn details_request_payload(
	code: &CertificateCode,
	timestamp_ms: u64,
	token_digest: &[u8; 32],
) -> Vec<u8> {
	use codec::Encode;
	let mut out = DETAILS_REQUEST_DOMAIN.to_vec();
	(code, timestamp_ms, token_digest).encode_to(&mut out);
	out
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, ApiError> {
	headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).ok_or_else(|| {
		ApiError::Unauthorized {
			kind: "consent_required",
			message: format!(
				"the details need the holder's consent (requirements Q24): send {CONSENT_HEADER} \
				 (a token from `dengji consent issue`), {TIMESTAMP_HEADER} and {SIGNATURE_HEADER} \
				 (your signature of the request); missing {name}"
			),
			parameter: Some(name.into()),
		}
	})
}

fn hex_param(name: &str, s: &str) -> Result<Vec<u8>, ApiError> {
	hex::decode(s.strip_prefix("0x").unwrap_or(s)).map_err(|e| ApiError::BadParameter {
		parameter: name.into(),
		message: format!("not hex: {e}"),
	})
}

/// A consented query, checked and logged by [`check_consent`].
pub struct Consented {
	/// The token.
	pub token: ConsentToken,
	/// The certificate's subject (USCC).
	pub subject: String,
	/// The verifier's request signature (`0x` hex).
	pub request_signature: String,
}

/// Checks a details request for `code` at `now` (Q24): the headers, the verifier's signature, the
/// token (chain, code, verifier, expiry, signature) and its signer among the subject's accounts;
/// then logs the query. 400 for malformed headers, 401 for a missing or invalid signature or
/// token, 403 for a token not signed by the holder, 404 for an unknown certificate.
pub async fn check_consent(
	s: &AppState,
	headers: &HeaderMap,
	code: &CertificateCode,
	now: UnixTimeMs,
) -> Result<Consented, ApiError> {
	// The headers.
	let token_hex = header(headers, CONSENT_HEADER)?;
	let ts = header(headers, TIMESTAMP_HEADER)?;
	let sig_hex = header(headers, SIGNATURE_HEADER)?;
	let token = ConsentToken::from_bytes(&hex_param(CONSENT_HEADER, token_hex)?).map_err(|e| {
		ApiError::BadParameter { parameter: CONSENT_HEADER.into(), message: e.to_string() }
	})?;
	let timestamp: u64 = ts.parse().map_err(|_| ApiError::BadParameter {
		parameter: TIMESTAMP_HEADER.into(),
		message: "ms since the epoch, an integer".into(),
	})?;
	let signature: [u8; 64] =
		hex_param(SIGNATURE_HEADER, sig_hex)?.try_into().map_err(|_| ApiError::BadParameter {
			parameter: SIGNATURE_HEADER.into(),
			message: "64 bytes of hex (an ed25519 signature)".into(),
		})?;
	// The request: fresh and signed by the verifier the token names.
	let now_ms = now.as_millis();
	if now_ms.abs_diff(timestamp) > REQUEST_WINDOW_MS {
		return Err(ApiError::Unauthorized {
			kind: "stale_request",
			message: format!(
				"the request time {timestamp} is more than {} s from the portal's clock {now_ms}",
				REQUEST_WINDOW_MS / 1000
			),
			parameter: Some(TIMESTAMP_HEADER.into()),
		});
	}
	let digest = token.digest();
	let payload = details_request_payload(code, timestamp, &digest);
	if !HolderSignature::Ed25519(signature).verifies(&token.verifier, &payload) {
		return Err(ApiError::Unauthorized {
			kind: "bad_request_signature",
			message: format!(
				"the request is not signed by the verifier the consent names (0x{})",
				hex::encode(token.verifier)
			),
			parameter: Some(SIGNATURE_HEADER.into()),
		});
	}
	// The token: this chain, this code, this verifier, unexpired, its signature.
	let cursor = s.db.api_cursor().await?.ok_or_else(|| {
		ApiError::Unavailable("the index is empty: the chain is not known yet".into())
	})?;
	let genesis: [u8; 32] = hex::decode(cursor.genesis.trim_start_matches("0x"))
		.ok()
		.and_then(|g| g.try_into().ok())
		.ok_or_else(|| ApiError::Internal("the index records no valid genesis hash".into()))?;
	token.check(&genesis, code, &token.verifier, now).map_err(|e| consent_error(&e))?;
	// The signer: one of the accounts of the certificate's subject.
	let code_text = code.to_string();
	let cert =
		s.db.get(&schema::CERTIFICATES, &[code_text.clone().into()])
			.await?
			.ok_or_else(|| ApiError::NotFound(format!("no certificate {code_text}")))?;
	let subject = cert.get("subject").and_then(Val::text).unwrap_or_default().to_string();
	let record = s.db.get(&schema::SUBJECTS, &[subject.clone().into()]).await?;
	let accounts = record.as_ref().and_then(|r| r.get("accounts")).and_then(Val::text);
	let Some(accounts) = accounts else {
		return Err(ApiError::Unavailable(format!(
			"the accounts of subject {subject} are not indexed yet; try again once its record \
			 is re-indexed"
		)));
	};
	let signer = format!("0x{}", hex::encode(token.signer));
	if !accounts.split(',').any(|a| a == signer) {
		return Err(ApiError::Forbidden {
			kind: "not_holder_consent",
			message: format!(
				"the consent is signed by {signer}, which is not an account of the certificate's \
				 subject {subject}"
			),
		});
	}
	let request_signature = format!("0x{}", hex::encode(signature));
	// Q24 query logging, Q26 record of the consented disclosure.
	let logged =
		s.db.log_consented_query(&ConsentedQuery {
			request_signature: request_signature.clone(),
			queried_at: i64::try_from(now_ms).unwrap_or(i64::MAX),
			code: code_text,
			verifier: format!("0x{}", hex::encode(token.verifier)),
			token_digest: format!("0x{}", hex::encode(digest)),
			signer,
			subject: subject.clone(),
		})
		.await?;
	if !logged {
		return Err(ApiError::Unauthorized {
			kind: "replayed_request",
			message: "this signed request was already answered: sign a new one".into(),
			parameter: Some(SIGNATURE_HEADER.into()),
		});
	}
	Ok(Consented { token, subject, request_signature })
}

fn consent_error(e: &VerifyError) -> ApiError {
	let (kind, status_forbidden) = match e {
		VerifyError::Expired { .. } => ("consent_expired", false),
		VerifyError::ChallengeMismatch { .. } => ("consent_mismatch", true),
		VerifyError::HolderSignatureInvalid { .. } => ("bad_consent_signature", false),
		_ => ("consent_invalid", false),
	};
	if status_forbidden {
		ApiError::Forbidden { kind, message: e.to_string() }
	} else {
		ApiError::Unauthorized {
			kind,
			message: e.to_string(),
			parameter: Some(CONSENT_HEADER.into()),
		}
	}
}
