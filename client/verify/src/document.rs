//! Certificate documents (电子凭证, docs/spec/DESIGN.md §7): the signed body and the issuer's signature,
//! checkable offline by signature alone, and the QR payload `dengji:1:<genesis-hash-hex>:<code>`
//! printed on the page. A document says nothing about the certificate's *current* status (and
//! offline nothing proves the signing key belongs to the issuer); a proof bundle does both.

use crate::{fmt::Hex, justification::ed25519_verify_strict, Hash, VerifyError};
#[cfg(feature = "serde")]
use alloc::string::String;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use dengji_primitives::{CertificateBody, CertificateCode, CertificateRecord, Ed25519Signature};

/// Magic bytes of a document's binary form.
pub const DOCUMENT_MAGIC: [u8; 4] = *b"DJCD";
/// Version of the document's binary and JSON forms.
pub const DOCUMENT_VERSION: u8 = 1;
/// Largest binary document accepted (a body is a few hundred bytes).
pub const MAX_DOCUMENT_SIZE: usize = 16 * 1024;

/// Checks the issuer's ed25519 signature (`verify_strict`) over
/// [`CertificateBody::signing_payload`] for the chain `genesis_hash`, with the key the body names.
pub fn verify_certificate_signature(
	body: &CertificateBody,
	signature: &Ed25519Signature,
	genesis_hash: &Hash,
) -> Result<(), VerifyError> {
	let payload = body.signing_payload(genesis_hash);
	if ed25519_verify_strict(&body.issuer_key, &payload, signature) {
		Ok(())
	} else {
		Err(VerifyError::BadCertificateSignature { code: body.code, key: body.issuer_key })
	}
}

/// A certificate document: chain, signed body, issuer signature.
///
/// Binary form: `b"DJCD" ++ [1] ++ SCALE((genesis_hash, body, signature))`. JSON form: the body's
/// fields in readable form (codes, USCC and names as strings, bytes as `0x` hex).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct CertificateDocument {
	/// The chain's genesis hash (part of the signed payload).
	pub genesis_hash: Hash,
	/// The signed body.
	pub body: CertificateBody,
	/// The issuer's signature over `body.signing_payload(genesis_hash)`.
	pub signature: Ed25519Signature,
}

impl CertificateDocument {
	/// The document for a stored record (its status is not part of the document).
	pub fn from_record(genesis_hash: Hash, record: &CertificateRecord) -> Self {
		Self { genesis_hash, body: record.body.clone(), signature: record.signature }
	}

	/// Offline check: the signature verifies with the key in the body. This proves the holder of
	/// that key signed this body for this chain; that the key is the issuer's, and the
	/// certificate's current status, need a proof bundle ([`crate::verify`]).
	pub fn verify_signature(&self) -> Result<(), VerifyError> {
		verify_certificate_signature(&self.body, &self.signature, &self.genesis_hash)
	}

	/// [`Self::verify_signature`], and the document is for the chain `genesis_hash`, and (if
	/// given) the body's key is one the verifier trusts for the issuer.
	pub fn verify_offline(
		&self,
		genesis_hash: &Hash,
		trusted_issuer_keys: Option<&[[u8; 32]]>,
	) -> Result<(), VerifyError> {
		if self.genesis_hash != *genesis_hash {
			return Err(VerifyError::GenesisMismatch {
				expected: *genesis_hash,
				found: self.genesis_hash,
			});
		}
		if let Some(keys) = trusted_issuer_keys {
			if !keys.contains(&self.body.issuer_key) {
				return Err(VerifyError::IssuerKeyNotRegistered {
					issuer: self.body.issuer,
					key: self.body.issuer_key,
				});
			}
		}
		self.verify_signature()
	}

	/// The QR payload printed on the document.
	pub fn qr_payload(&self) -> QrPayload {
		QrPayload { genesis_hash: self.genesis_hash, code: self.body.code }
	}

	/// Binary form.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(self.encoded_size().saturating_add(5));
		out.extend_from_slice(&DOCUMENT_MAGIC);
		out.push(DOCUMENT_VERSION);
		self.encode_to(&mut out);
		out
	}

	/// Parses the binary form (magic, version, then SCALE with no trailing bytes).
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		let body = crate::bundle::strip_header(
			bytes,
			"certificate document",
			DOCUMENT_MAGIC,
			DOCUMENT_VERSION,
			MAX_DOCUMENT_SIZE,
		)?;
		codec::DecodeLimit::decode_all_with_depth_limit(crate::MAX_DECODE_DEPTH, &mut &*body)
			.map_err(|e| VerifyError::decode("certificate document", e))
	}

	/// JSON form.
	#[cfg(feature = "json")]
	pub fn to_json(&self) -> Result<String, VerifyError> {
		serde_json::to_string_pretty(self)
			.map_err(|e| VerifyError::decode("certificate document", e))
	}

	/// Parses the JSON form.
	#[cfg(feature = "json")]
	pub fn from_json(s: &str) -> Result<Self, VerifyError> {
		serde_json::from_str(s).map_err(|e| VerifyError::decode("certificate document JSON", e))
	}
}

/// The QR payload `dengji:1:<genesis-hash-hex>:<code>` (docs/spec/DESIGN.md §7).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct QrPayload {
	/// Which chain.
	pub genesis_hash: Hash,
	/// Which certificate.
	pub code: CertificateCode,
}

/// The QR payload's scheme and version prefix.
pub const QR_PREFIX: &str = "dengji:1:";

impl QrPayload {
	/// Parses a payload; the code's check character is verified here, before any lookup. The
	/// scheme and hex digits are accepted in either case (QR alphanumeric mode is upper case).
	pub fn parse(s: &str) -> Result<Self, VerifyError> {
		let s = s.trim();
		let prefix =
			s.get(..QR_PREFIX.len()).ok_or(VerifyError::QrFormat { reason: "too short" })?;
		if !prefix.eq_ignore_ascii_case(QR_PREFIX) {
			return Err(VerifyError::QrFormat { reason: "not `dengji:1:`" });
		}
		let rest = s.get(QR_PREFIX.len()..).unwrap_or_default();
		let (hash_hex, code) =
			rest.split_once(':').ok_or(VerifyError::QrFormat { reason: "missing code" })?;
		if hash_hex.len() != 64 {
			return Err(VerifyError::QrFormat { reason: "genesis hash is not 64 hex digits" });
		}
		let mut genesis_hash = [0u8; 32];
		for (i, pair) in hash_hex.as_bytes().chunks_exact(2).enumerate() {
			let hi = hex_digit(pair[0]);
			let lo = hex_digit(pair[1]);
			let (Some(hi), Some(lo), Some(slot)) = (hi, lo, genesis_hash.get_mut(i)) else {
				return Err(VerifyError::QrFormat { reason: "genesis hash is not hex" });
			};
			*slot = (hi << 4) | lo;
		}
		let code = CertificateCode::parse(code)?;
		Ok(Self { genesis_hash, code })
	}

	/// Parses the URL a certificate page's QR code carries (the portal's pages, issue 13):
	/// `http(s)://<host>[/prefix]/certificates/<code>#dengji:1:<genesis-hex>:<code>`. The payload
	/// is the fragment (never sent to a server); the code in the path must be the payload's code.
	pub fn parse_url(s: &str) -> Result<Self, VerifyError> {
		let s = s.trim();
		let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
		if !(lower.starts_with("https://") || lower.starts_with("http://")) {
			return Err(VerifyError::QrFormat { reason: "not an http(s) URL" });
		}
		let (url, fragment) = s
			.split_once('#')
			.ok_or(VerifyError::QrFormat { reason: "URL has no `#dengji:1:…` fragment" })?;
		let payload = Self::parse(fragment)?;
		let path_code = url
			.split('?')
			.next()
			.unwrap_or_default()
			.trim_end_matches('/')
			.rsplit_once("/certificates/")
			.map(|(_, c)| c)
			.ok_or(VerifyError::QrFormat { reason: "URL path is not …/certificates/<code>" })?;
		if CertificateCode::parse(path_code)? != payload.code {
			return Err(VerifyError::QrFormat {
				reason: "URL path names another code than its payload",
			});
		}
		Ok(payload)
	}

	/// [`QrPayload::parse_url`] for `http(s)://` input, [`QrPayload::parse`] otherwise.
	pub fn parse_any(s: &str) -> Result<Self, VerifyError> {
		let t = s.trim();
		let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
		if lower.starts_with("https://") || lower.starts_with("http://") {
			Self::parse_url(t)
		} else {
			Self::parse(t)
		}
	}
}

fn hex_digit(c: u8) -> Option<u8> {
	match c {
		b'0'..=b'9' => c.checked_sub(b'0'),
		b'a'..=b'f' => c.checked_sub(b'a' - 10),
		b'A'..=b'F' => c.checked_sub(b'A' - 10),
		_ => None,
	}
}

impl core::fmt::Display for QrPayload {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		let hash = alloc::format!("{}", Hex(&self.genesis_hash));
		write!(f, "{QR_PREFIX}{}:{}", hash.trim_start_matches("0x"), self.code)
	}
}

impl core::str::FromStr for QrPayload {
	type Err = VerifyError;
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Self::parse(s)
	}
}

#[cfg(feature = "serde")]
mod json {
	use super::*;
	use crate::fmt::hex_serde;
	use dengji_primitives::{certificate::IssuingAct, BoundedName, DivisionCode, ObjectKind, Uscc};
	use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

	#[derive(Serialize, Deserialize)]
	#[serde(deny_unknown_fields)]
	struct DocumentJson {
		version: u8,
		#[serde(with = "hex_serde::array")]
		genesis_hash: Hash,
		code: CertificateCode,
		registration: u64,
		act: IssuingAct,
		object: ObjectKind,
		subject: Uscc,
		subject_name: String,
		data_name: String,
		#[serde(with = "hex_serde::array")]
		content_digest: [u8; 32],
		issuer: String,
		#[serde(with = "hex_serde::array")]
		issuer_key: [u8; 32],
		issued_on: u32,
		issued_at: u64,
		valid_until: u64,
		previous: Option<CertificateCode>,
		#[serde(with = "hex_serde::array")]
		signature: [u8; 64],
	}

	fn name_to_string<E: serde::ser::Error>(n: &BoundedName) -> Result<String, E> {
		String::from_utf8(n.to_vec()).map_err(|_| E::custom("name is not UTF-8"))
	}

	fn name_from_string<E: serde::de::Error>(s: String) -> Result<BoundedName, E> {
		BoundedName::try_from(s.into_bytes()).map_err(|_| E::custom("name too long"))
	}

	impl Serialize for CertificateDocument {
		fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
			let b = &self.body;
			DocumentJson {
				version: DOCUMENT_VERSION,
				genesis_hash: self.genesis_hash,
				code: b.code,
				registration: b.registration,
				act: b.act,
				object: b.object,
				subject: b.subject,
				subject_name: name_to_string(&b.subject_name)?,
				data_name: name_to_string(&b.data_name)?,
				content_digest: b.content_digest,
				issuer: alloc::format!("{}", b.issuer),
				issuer_key: b.issuer_key,
				issued_on: b.issued_on,
				issued_at: b.issued_at,
				valid_until: b.valid_until,
				previous: b.previous,
				signature: self.signature,
			}
			.serialize(s)
		}
	}

	impl<'de> Deserialize<'de> for CertificateDocument {
		fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
			let j = DocumentJson::deserialize(d)?;
			if j.version != DOCUMENT_VERSION {
				return Err(D::Error::custom(alloc::format!(
					"unsupported certificate document version {}",
					j.version
				)));
			}
			let issuer = DivisionCode::parse(&j.issuer)
				.map_err(|e| D::Error::custom(alloc::format!("issuer: {e:?}")))?;
			Ok(CertificateDocument {
				genesis_hash: j.genesis_hash,
				body: CertificateBody {
					code: j.code,
					registration: j.registration,
					act: j.act,
					object: j.object,
					subject: j.subject,
					subject_name: name_from_string(j.subject_name)?,
					data_name: name_from_string(j.data_name)?,
					content_digest: j.content_digest,
					issuer,
					issuer_key: j.issuer_key,
					issued_on: j.issued_on,
					issued_at: j.issued_at,
					valid_until: j.valid_until,
					previous: j.previous,
				},
				signature: j.signature,
			})
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const HASH: &str = "b0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe";

	fn code() -> CertificateCode {
		let division = dengji_primitives::DivisionCode::new(530400).expect("valid division");
		CertificateCode::new(division, 2026, 123).expect("valid code")
	}

	#[test]
	fn qr_payload_round_trips() {
		let s = alloc::format!("dengji:1:{HASH}:{}", code());
		let p = QrPayload::parse(&s).expect("valid payload");
		assert_eq!(p.code, code());
		assert_eq!(alloc::format!("{}", Hex(&p.genesis_hash)), alloc::format!("0x{HASH}"));
		assert_eq!(alloc::format!("{p}"), s);
		assert_eq!(QrPayload::parse(&s.to_uppercase()), Ok(p));
	}

	#[test]
	fn qr_payload_with_bad_check_character_is_rejected_before_lookup() {
		let good = alloc::format!("{}", code());
		let wrong = if good.ends_with('0') { '1' } else { '0' };
		let bad = alloc::format!("dengji:1:{HASH}:{}{wrong}", &good[..good.len() - 1]);
		assert!(matches!(
			QrPayload::parse(&bad),
			Err(VerifyError::Code(dengji_primitives::CodeError::BadCheckCharacter { .. }))
		));
	}

	#[test]
	fn malformed_qr_payloads_are_rejected() {
		for s in [
			"",
			"dengji:2:00:530400-2026-0000123-X",
			"dengji:1:abcd:530400-2026-0000123-X",
			&alloc::format!("dengji:1:{}:x", "zz".repeat(32)),
			&alloc::format!("dengji:1:{HASH}"),
			"dengji:1:",
		] {
			assert!(QrPayload::parse(s).is_err(), "{s}");
		}
	}

	#[test]
	fn certificate_page_urls_are_accepted_and_checked() {
		let c = code();
		for url in [
			alloc::format!("https://portal.example/certificates/{c}#dengji:1:{HASH}:{c}"),
			alloc::format!("http://127.0.0.1:8080/dengji/certificates/{c}/#dengji:1:{HASH}:{c}"),
			alloc::format!(
				"  HTTPS://portal.example/certificates/{c}?lang=zh#dengji:1:{HASH}:{c}\n"
			),
		] {
			let p = QrPayload::parse_any(&url).expect("valid URL");
			assert_eq!(p.code, c, "{url}");
			assert_eq!(alloc::format!("{}", Hex(&p.genesis_hash)), alloc::format!("0x{HASH}"));
		}
		let other = CertificateCode::new(c.division, 2026, 124).expect("valid code");
		for bad in [
			alloc::format!("https://portal.example/certificates/{other}#dengji:1:{HASH}:{c}"),
			alloc::format!("https://portal.example/certificates/{c}"),
			alloc::format!("https://portal.example/cert/{c}#dengji:1:{HASH}:{c}"),
			alloc::format!("ftp://portal.example/certificates/{c}#dengji:1:{HASH}:{c}"),
			alloc::format!(
				"https://portal.example/certificates/{c}#dengji:1:{}:{c}",
				"zz".repeat(32)
			),
		] {
			assert!(QrPayload::parse_any(&bad).is_err(), "{bad}");
		}
	}
}
