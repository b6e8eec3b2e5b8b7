//! [`verify`]: from a trust root, a proof bundle and the current time to a [`Verdict`].

use crate::{
	document::verify_certificate_signature,
	keys,
	trie::ReadProof,
	trust::{AuthoritySet, TrustRoot},
	BlockNumber, GrandpaJustification, Hash, Header, ProofBundle, UnixTimeMs, VerifyError,
};
use codec::{Decode, DecodeLimit};
use dengji_primitives::{
	CancelReason, CertificateCode, CertificateRecord, CertificateStatus, InstitutionRecord, Moment,
	RevocationGround,
};

/// An institution record as stored by the runtime (`AccountId32` validator accounts).
pub type Institution = InstitutionRecord<[u8; 32]>;

/// The verifier's policy.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Policy {
	/// Largest accepted age, in milliseconds, of the finalized state (`Timestamp::Now` of the
	/// proved block) relative to the verifier's `now`. Older proofs of a positive status give
	/// [`Verdict::Stale`].
	pub max_age_ms: u64,
	/// Require the issuer's SM2 co-signature (SM2 with SM3, GB/T 32918; for verifiers whose
	/// security assessment under GB/T 39786 asks for national algorithms). A certificate without
	/// one then fails with [`VerifyError::Sm2SignatureMissing`]. A co-signature that is present
	/// is always checked, required or not: a bad one always fails.
	#[cfg_attr(feature = "serde", serde(default))]
	pub require_sm2: bool,
}

impl Default for Policy {
	/// Ten minutes: GRANDPA finalizes within seconds, so an honest server's bundle is far younger.
	/// SM2 is checked when present, not required.
	fn default() -> Self {
		Self { max_age_ms: 10 * 60 * 1000, require_sm2: false }
	}
}

impl Policy {
	/// This policy, requiring the SM2 co-signature.
	pub fn requiring_sm2(self) -> Self {
		Self { require_sm2: true, ..self }
	}
}

/// Which signature algorithms [`verify_detailed`] checked on the certificate.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Algorithms {
	/// The issuer's ed25519 signature (`verify_strict`) over the signing payload.
	pub ed25519: bool,
	/// The issuer's SM2 co-signature (SM2 with SM3, default distinguishing ID) over the same
	/// payload, and the record's SM3 digest of it.
	pub sm2_sm3: bool,
}

impl Algorithms {
	/// Names as printed in the verification document: `["ed25519", "sm2-sm3"]`.
	pub fn names(&self) -> impl Iterator<Item = &'static str> {
		[(self.ed25519, "ed25519"), (self.sm2_sm3, "sm2-sm3")]
			.into_iter()
			.filter_map(|(on, name)| on.then_some(name))
	}
}

/// What a verified bundle shows about a certificate at the verifier's `now`
/// (docs/spec/requirements.md §5.11 (1); docs/spec/DESIGN.md §8).
///
/// Terminal outcomes (`Superseded`, `Cancelled`, `Revoked`, and `Expired` which follows from
/// `valid_until` alone) are reported however old the proof is: records are never deleted and
/// these states never revert. A positive answer (`Valid`) and `NotFound` could have changed
/// since, so they need a proof younger than [`Policy::max_age_ms`]; otherwise the verdict is
/// `Stale`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Verdict {
	/// Issued, signed by its issuer, not superseded, cancelled or revoked, and `now` is within
	/// its validity.
	Valid,
	/// Status `Valid` but `now` is after `valid_until` (awaiting cancellation, YX-R §23 ¶2).
	Expired {
		/// Last valid instant (ms).
		valid_until: Moment,
	},
	/// Replaced by a newer certificate of the same registration.
	Superseded {
		/// The successor's code.
		by: CertificateCode,
		/// When (ms).
		at: Moment,
	},
	/// Cancelled (注销, YX-R §21 or expiry §23 ¶2).
	Cancelled {
		/// Why.
		reason: CancelReason,
		/// When (ms).
		at: Moment,
	},
	/// Revoked (撤销, YX-R §27).
	Revoked {
		/// Ground.
		ground: RevocationGround,
		/// When (ms).
		at: Moment,
	},
	/// The finalized state proves no certificate has this code.
	NotFound,
	/// The proof is valid but its finalized time is older than the policy allows.
	Stale {
		/// `Timestamp::Now` of the proved block (ms).
		finalized_at: Moment,
	},
}

impl Verdict {
	/// Whether the certificate may be relied on (only [`Verdict::Valid`]).
	pub fn is_valid(&self) -> bool {
		matches!(self, Verdict::Valid)
	}
}

/// A verdict with the facts it was derived from, all proved by the bundle.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Verification {
	/// The verdict.
	pub verdict: Verdict,
	/// The certificate code proved.
	pub code: CertificateCode,
	/// The finalized block whose state was read.
	pub block_hash: Hash,
	/// Its number.
	pub block_number: BlockNumber,
	/// Id of the authority set that finalized it.
	pub set_id: u64,
	/// Its `Timestamp::Now` (ms).
	pub finalized_at: Moment,
	/// The certificate record (with its signature checked), if present.
	pub certificate: Option<CertificateRecord>,
	/// The issuing institution's record, if present in the state.
	pub issuer: Option<Institution>,
	/// The signature algorithms checked on the certificate (none when it is absent).
	pub algorithms: Algorithms,
	/// SM3 digest of the certificate signing payload, as recorded and checked, when the
	/// certificate carries an SM2 co-signature.
	pub sm3_digest: Option<Hash>,
}

impl Verification {
	/// Checks presented registration details (the complete basic-information form, as filed)
	/// against the proved certificate's `content_digest`: see [`check_content`].
	pub fn check_content(&self, presented: &[u8]) -> Result<(), VerifyError> {
		match &self.certificate {
			Some(record) => check_content(record, presented),
			None => Err(VerifyError::NoCertificate { code: self.code }),
		}
	}
}

/// The content digest of registration details as the chain records it (YX-R §12): BLAKE2-256 of
/// the bytes of the complete basic-information form, the same digest the CLI's
/// `dengji application submit --form @FILE` and the SDK's `BasicInfo::content_digest` carry.
pub fn content_digest(presented: &[u8]) -> Hash {
	sp_crypto_hashing::blake2_256(presented)
}

/// Checks that `presented` (a data holder's registration details, the basic-information form)
/// hashes to the certificate's `content_digest` (YX-R §12, §23), so a bank can check the document
/// it was handed, not only the certificate's status.
pub fn check_content(record: &CertificateRecord, presented: &[u8]) -> Result<(), VerifyError> {
	let digest = content_digest(presented);
	if digest == record.body.content_digest {
		Ok(())
	} else {
		Err(VerifyError::ContentMismatch {
			code: record.body.code,
			certified: record.body.content_digest,
			presented: digest,
		})
	}
}

/// Verifies `bundle` against `trust_root` at time `now` (the caller's clock) and returns the
/// verdict. See [`verify_detailed`] for the checks.
///
/// The bundle names its certificate code; to make sure it is the one you asked about, use
/// [`verify_code`].
pub fn verify(
	bundle: &ProofBundle,
	trust_root: &TrustRoot,
	policy: &Policy,
	now: UnixTimeMs,
) -> Result<Verdict, VerifyError> {
	verify_detailed(bundle, trust_root, policy, now).map(|v| v.verdict)
}

/// [`verify`], after checking that the bundle is about `code`.
pub fn verify_code(
	code: &CertificateCode,
	bundle: &ProofBundle,
	trust_root: &TrustRoot,
	policy: &Policy,
	now: UnixTimeMs,
) -> Result<Verdict, VerifyError> {
	if bundle.code != *code {
		return Err(VerifyError::CodeMismatch { expected: *code, found: bundle.code });
	}
	verify(bundle, trust_root, policy, now)
}

/// Verifies `bundle` and returns the verdict with the proved facts. In order:
/// 1. the bundle names `trust_root` (genesis hash and set id);
/// 2. each authority-set change header is justified by the current set (see
///    [`crate::GrandpaJustification`]) and carries a `ScheduledChange`; the set id then
///    increases by one (block numbers strictly increase);
/// 3. the finalized header is justified by the resulting set;
/// 4. the read proof, against the header's `state_root`, yields `Certificate::Certificates[code]`,
///    `Institutions::Institutions[code.division]` and `Timestamp::Now`, and uses every node;
/// 5. if the certificate exists: its body carries `code`, its issuer is the code's division and
///    is a proved institution, its key is the issuer's current or a retired signing key (the
///    issuer need not be active, Q17), and the issuer's signature verifies (`verify_strict`)
///    over the signing payload with the trust root's genesis hash;
/// 6. status and time give the [`Verdict`].
pub fn verify_detailed(
	bundle: &ProofBundle,
	trust_root: &TrustRoot,
	policy: &Policy,
	now: UnixTimeMs,
) -> Result<Verification, VerifyError> {
	// 1. Trust root.
	if bundle.trust_root != trust_root.id() {
		return Err(VerifyError::TrustRootMismatch {
			expected_genesis: trust_root.genesis_hash,
			expected_set_id: trust_root.set_id,
			found_genesis: bundle.trust_root.genesis_hash,
			found_set_id: bundle.trust_root.set_id,
		});
	}
	let set = trust_root.authority_set()?;

	// 2.–3. Authority-set changes, then the finalized header.
	let (set, block_hash) = follow_set_changes(bundle, set)?;
	let header = &bundle.header;

	// 4. The read proof.
	let code = bundle.code;
	let [cert_key, inst_key, now_key] = keys::proof_keys(&code);
	let mut proof = ReadProof::new(&bundle.read_proof)?;
	let cert_raw = proof.read(&header.state_root, &cert_key)?;
	let inst_raw = proof.read(&header.state_root, &inst_key)?;
	let now_raw = proof.read(&header.state_root, &now_key)?;
	proof.ensure_all_used()?;
	let finalized_at: Moment =
		decode_value(now_raw.ok_or(VerifyError::TimestampMissing)?, "Timestamp::Now")?;
	let certificate: Option<CertificateRecord> =
		cert_raw.map(|raw| decode_value(raw, "certificate record")).transpose()?;
	let issuer: Option<Institution> =
		inst_raw.map(|raw| decode_value(raw, "institution record")).transpose()?;

	let now_ms = now.as_millis();
	let fresh = now_ms.saturating_sub(finalized_at) <= policy.max_age_ms;
	let mut algorithms = Algorithms::default();
	let mut sm3_digest = None;
	let verdict = match &certificate {
		None => {
			if fresh {
				Verdict::NotFound
			} else {
				Verdict::Stale { finalized_at }
			}
		}
		Some(record) => {
			// 5. The certificate and its issuer.
			let institution =
				check_certificate(&code, record, issuer.as_ref(), &trust_root.genesis_hash)?;
			algorithms.ed25519 = true;
			// 5a. The SM2 co-signature and SM3 digest, checked when present, required by policy.
			sm3_digest = check_sm2(&code, record, institution, &trust_root.genesis_hash, policy)?;
			algorithms.sm2_sm3 = sm3_digest.is_some();
			// 6. Status and time.
			status_verdict(record, now_ms, fresh, finalized_at)
		}
	};
	Ok(Verification {
		verdict,
		code,
		block_hash,
		block_number: header.number,
		set_id: set.set_id(),
		finalized_at,
		certificate,
		issuer,
		algorithms,
		sm3_digest,
	})
}

/// Steps 2–3 of [`verify_detailed`]: from the trust root's authority set `set`, follows each
/// authority-set change of `bundle` (justified by the current set, carrying a `ScheduledChange`;
/// the set id then increases by one), then checks the finalized header's justification by the
/// resulting set. Returns that set and the finalized block's hash.
fn follow_set_changes(
	bundle: &ProofBundle,
	mut set: AuthoritySet,
) -> Result<(AuthoritySet, Hash), VerifyError> {
	let mut previous: Option<BlockNumber> = None;
	for change in &bundle.set_changes {
		let number = change.header.number;
		let hash = check_justified(&change.header, &change.justification, &set, previous)?;
		let scheduled = change
			.header
			.scheduled_change()
			.ok_or(VerifyError::MissingScheduledChange { number, hash })?;
		let next_id = set.set_id().checked_add(1).ok_or(VerifyError::SetIdOverflow)?;
		set = AuthoritySet::new(scheduled.next_authorities, next_id)?;
		previous = Some(number);
	}
	let block_hash = check_justified(&bundle.header, &bundle.justification, &set, previous)?;
	Ok((set, block_hash))
}

/// `header` comes after block `previous` (block numbers strictly increase) and `justification`
/// finalizes it under `set`. Returns the header's hash.
fn check_justified(
	header: &Header,
	justification: &GrandpaJustification,
	set: &AuthoritySet,
	previous: Option<BlockNumber>,
) -> Result<Hash, VerifyError> {
	if let Some(previous) = previous.filter(|p| header.number <= *p) {
		return Err(VerifyError::NotAscending { number: header.number, previous });
	}
	let hash = header.hash();
	justification.verify(set, &hash, header.number)?;
	Ok(hash)
}

fn decode_value<T: Decode>(raw: &[u8], what: &'static str) -> Result<T, VerifyError> {
	T::decode_all_with_depth_limit(crate::MAX_DECODE_DEPTH, &mut &*raw)
		.map_err(|e| VerifyError::decode(what, e))
}

fn check_certificate<'a>(
	code: &CertificateCode,
	record: &CertificateRecord,
	issuer: Option<&'a Institution>,
	genesis_hash: &Hash,
) -> Result<&'a Institution, VerifyError> {
	let body = &record.body;
	if body.code != *code {
		return Err(VerifyError::RecordCodeMismatch { key: *code, found: body.code });
	}
	if body.issuer != code.division {
		return Err(VerifyError::IssuerNotCodeDivision { code: *code, issuer: body.issuer });
	}
	let institution = issuer.ok_or(VerifyError::UnknownIssuer { issuer: body.issuer })?;
	if institution.division != body.issuer {
		return Err(VerifyError::IssuerRecordMismatch {
			key: body.issuer,
			found: institution.division,
		});
	}
	// Q17: a disqualified or suspended issuer's certificates stay valid, so status is not checked.
	if !institution.has_signing_key(&body.issuer_key) {
		return Err(VerifyError::IssuerKeyNotRegistered {
			issuer: body.issuer,
			key: body.issuer_key,
		});
	}
	verify_certificate_signature(body, &record.signature, genesis_hash)?;
	Ok(institution)
}

/// Step 5a: the SM2 co-signature. Absent: fails only when `policy.require_sm2`. Present: the key
/// must be an SM2 key the data authority registered for the issuer (current or retired) in the
/// proved state, the record's SM3 digest must be SM3 of the signing payload, and the signature
/// (SM2 with SM3, GB/T 32918.2, default distinguishing ID of GB/T 35276) must verify over the same
/// payload as the ed25519 signature — whatever the policy. Returns the checked SM3 digest.
fn check_sm2(
	code: &CertificateCode,
	record: &CertificateRecord,
	institution: &Institution,
	genesis_hash: &Hash,
	policy: &Policy,
) -> Result<Option<Hash>, VerifyError> {
	let Some(co) = record.sm2.as_ref() else {
		return if policy.require_sm2 {
			Err(VerifyError::Sm2SignatureMissing { code: *code })
		} else {
			Ok(None)
		};
	};
	if !institution.has_sm2_key(&co.key) {
		return Err(VerifyError::Sm2KeyNotRegistered { issuer: record.body.issuer, key: co.key });
	}
	let payload = record.body.signing_payload(genesis_hash);
	let digest = crate::national::verify_co_signature(code, co, &payload)?;
	Ok(Some(digest))
}

fn status_verdict(
	record: &CertificateRecord,
	now_ms: Moment,
	fresh: bool,
	finalized_at: Moment,
) -> Verdict {
	match record.status {
		CertificateStatus::Superseded { by, at } => Verdict::Superseded { by, at },
		CertificateStatus::Cancelled { reason, at } => Verdict::Cancelled { reason, at },
		CertificateStatus::Revoked { ground, at, .. } => Verdict::Revoked { ground, at },
		CertificateStatus::Valid => {
			// `valid_until` is the last valid instant, inclusive (YX-R §23; Q13).
			if now_ms > record.body.valid_until {
				Verdict::Expired { valid_until: record.body.valid_until }
			} else if !fresh {
				Verdict::Stale { finalized_at }
			} else {
				Verdict::Valid
			}
		}
	}
}
