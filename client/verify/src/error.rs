//! [`VerifyError`]: one variant per failed check, each carrying the values that failed it
//! (rustls-webpki style), so a bank's log line says *what* was wrong, not just *that* it was.

use crate::{fmt::Hex, BlockNumber, Hash};
use alloc::string::String;
use dengji_primitives::{sm2::Sm2Public, CertificateCode, CodeError, DivisionCode, Ed25519Public};

/// Why a certificate code, document, trust root or proof bundle was rejected.
///
/// Every variant is a hard failure: nothing about the certificate may be concluded. A verified
/// bundle that shows a certificate is *not* valid is not an error but a [`crate::Verdict`].
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
	// ---- input parsing -------------------------------------------------------------------
	/// The certificate code is malformed or its check character is wrong (found before any lookup).
	#[error("{0}")]
	Code(CodeError),
	/// A QR payload is not `dengji:1:<genesis-hash-hex>:<code>`.
	#[error("QR payload rejected ({reason}): expected `dengji:1:<64 hex digits>:<code>`")]
	QrFormat {
		/// Which part is wrong.
		reason: &'static str,
	},
	/// The binary form does not start with the expected magic bytes.
	#[error("not a Dengji {what}: magic {} (expected {})", Hex(.found), Hex(.expected))]
	BadMagic {
		/// Which object was being decoded.
		what: &'static str,
		/// The first bytes found (up to the magic's length).
		found: alloc::vec::Vec<u8>,
		/// The magic bytes expected.
		expected: [u8; 4],
	},
	/// The binary or JSON form carries a format version this library does not know.
	#[error("unsupported {what} version {found} (this library reads version {supported})")]
	UnsupportedVersion {
		/// Which object was being decoded.
		what: &'static str,
		/// Version found.
		found: u8,
		/// Version supported.
		supported: u8,
	},
	/// The input is larger than the decoder accepts.
	#[error("{what} of {size} bytes exceeds the limit of {limit} bytes")]
	TooLarge {
		/// Which object was being decoded.
		what: &'static str,
		/// Its size.
		size: usize,
		/// The limit.
		limit: usize,
	},
	/// SCALE or JSON decoding failed (including trailing bytes).
	#[error("could not decode {what}: {reason}")]
	Decode {
		/// Which object was being decoded.
		what: &'static str,
		/// The decoder's message.
		reason: String,
	},

	// ---- trust root and authority sets ---------------------------------------------------
	/// The trust root (or an authority-set change) has no authority with non-zero weight.
	#[error("authority set {set_id} is empty")]
	EmptyAuthoritySet {
		/// The set id.
		set_id: u64,
	},
	/// A trust-root authority has weight 0.
	#[error("trust-root authority {} has weight 0", Hex(.authority))]
	ZeroWeight {
		/// The authority.
		authority: [u8; 32],
	},
	/// A trust-root authority is listed twice.
	#[error("trust-root authority {} is listed twice", Hex(.authority))]
	DuplicateAuthority {
		/// The authority.
		authority: [u8; 32],
	},
	/// The total weight of an authority set overflows `u64`.
	#[error("total weight of authority set {set_id} overflows u64")]
	WeightOverflow {
		/// The set id.
		set_id: u64,
	},
	/// The bundle was built for another chain or another trust root.
	#[error(
		"bundle is for genesis {} set {found_set_id}, trust root is genesis {} set {expected_set_id}",
		Hex(.found_genesis), Hex(.expected_genesis)
	)]
	TrustRootMismatch {
		/// Trust root's genesis hash.
		expected_genesis: Hash,
		/// Trust root's set id.
		expected_set_id: u64,
		/// Bundle's genesis hash.
		found_genesis: Hash,
		/// Bundle's set id.
		found_set_id: u64,
	},
	/// A certificate document or QR payload names another chain than the trust root.
	#[error("document is for genesis {}, expected {}", Hex(.found), Hex(.expected))]
	GenesisMismatch {
		/// Expected genesis hash.
		expected: Hash,
		/// Genesis hash found.
		found: Hash,
	},

	// ---- authority-set changes -----------------------------------------------------------
	/// Authority-set change headers (and then the finalized header) must have strictly
	/// increasing block numbers.
	#[error("header #{number} does not follow the previous set change at #{previous}")]
	NotAscending {
		/// This header's number.
		number: BlockNumber,
		/// The previous change's number.
		previous: BlockNumber,
	},
	/// A set-change proof's header carries no GRANDPA `ScheduledChange` digest (engine `FRNK`).
	#[error("header #{number} ({}) carries no GRANDPA scheduled change", Hex(.hash))]
	MissingScheduledChange {
		/// Header number.
		number: BlockNumber,
		/// Header hash.
		hash: Hash,
	},
	/// The set id would overflow (never on a real chain).
	#[error("authority set id overflows u64")]
	SetIdOverflow,

	// ---- GRANDPA justifications ----------------------------------------------------------
	/// The justification's commit target is not the header it should finalize.
	#[error(
		"justification targets #{found_number} {}, expected #{expected_number} {}",
		Hex(.found_hash), Hex(.expected_hash)
	)]
	JustificationTargetMismatch {
		/// Hash of the header the justification must finalize.
		expected_hash: Hash,
		/// Its number.
		expected_number: BlockNumber,
		/// The commit's target hash.
		found_hash: Hash,
		/// The commit's target number.
		found_number: BlockNumber,
	},
	/// A justification has no precommits.
	#[error("justification for #{number} has no precommits")]
	NoPrecommits {
		/// Target number.
		number: BlockNumber,
	},
	/// A justification holds more precommits than two per voter.
	#[error("justification holds {count} precommits, at most {limit} allowed")]
	TooManyPrecommits {
		/// Precommits found.
		count: usize,
		/// Two per voter.
		limit: usize,
	},
	/// A precommit is signed by a key outside the authority set.
	#[error("precommit by {} who is not in authority set {set_id}", Hex(.authority))]
	UnknownAuthority {
		/// The signer.
		authority: [u8; 32],
		/// The set id.
		set_id: u64,
	},
	/// A precommit signature does not verify (ed25519 `verify_strict`).
	#[error("bad precommit signature by {} (round {round}, set {set_id})", Hex(.authority))]
	BadPrecommitSignature {
		/// The signer.
		authority: [u8; 32],
		/// GRANDPA round.
		round: u64,
		/// Set id.
		set_id: u64,
	},
	/// A precommit's target is not the commit target or a descendant proved by `votes_ancestries`.
	#[error("precommit target {} by {} is not proved to descend from the commit target", Hex(.target), Hex(.authority))]
	PrecommitNotDescendant {
		/// The signer.
		authority: [u8; 32],
		/// The precommit target.
		target: Hash,
	},
	/// A precommit (or ancestry header) claims a block number its header does not have.
	#[error("block {} claimed as #{claimed} is #{actual}", Hex(.hash))]
	BlockNumberMismatch {
		/// The block.
		hash: Hash,
		/// The number claimed.
		claimed: BlockNumber,
		/// The number in the header (or the commit target).
		actual: BlockNumber,
	},
	/// `votes_ancestries` holds the same header twice.
	#[error("ancestry header {} appears twice", Hex(.hash))]
	DuplicateAncestry {
		/// The header hash.
		hash: Hash,
	},
	/// `votes_ancestries` holds a header no precommit needs (as sc-consensus-grandpa refuses).
	#[error("ancestry header {} is not used by any precommit", Hex(.hash))]
	UnusedAncestry {
		/// The header hash.
		hash: Hash,
	},
	/// The distinct signers' weight is below the supermajority threshold (> 2/3).
	#[error("precommits carry weight {signed} of {total}, threshold {threshold} (set {set_id})")]
	InsufficientWeight {
		/// Weight of distinct valid signers.
		signed: u64,
		/// Weight required.
		threshold: u64,
		/// Total weight of the set.
		total: u64,
		/// Set id.
		set_id: u64,
	},

	// ---- storage read proof --------------------------------------------------------------
	/// The proof lacks a trie node (or value) needed to read a key.
	#[error("read proof lacks node {}", Hex(.hash))]
	ProofMissingNode {
		/// The node's hash.
		hash: Hash,
	},
	/// A trie node in the proof is malformed.
	#[error("read proof node {} is malformed: {reason}", Hex(.hash))]
	ProofBadNode {
		/// The node's hash (of the enclosing hashed node for inline nodes).
		hash: Hash,
		/// What is wrong.
		reason: &'static str,
	},
	/// The proof holds the same node twice.
	#[error("read proof holds node {} twice", Hex(.hash))]
	ProofDuplicateNode {
		/// The node's hash.
		hash: Hash,
	},
	/// The proof holds a node that none of the proved keys needs.
	#[error("read proof holds node {} that no proved key uses", Hex(.hash))]
	ProofUnusedNode {
		/// The node's hash.
		hash: Hash,
	},
	/// `Timestamp::Now` is absent from the proved state.
	#[error("finalized state has no Timestamp::Now")]
	TimestampMissing,

	// ---- certificate ----------------------------------------------------------------------
	/// The bundle was built for another code than the one asked about.
	#[error("bundle proves {found}, expected {expected}")]
	CodeMismatch {
		/// Code asked about.
		expected: CertificateCode,
		/// Code in the bundle.
		found: CertificateCode,
	},
	/// The stored record's body names another code than its storage key.
	#[error("record stored under {key} carries code {found}")]
	RecordCodeMismatch {
		/// Code in the storage key.
		key: CertificateCode,
		/// Code in the record.
		found: CertificateCode,
	},
	/// The certificate's issuer is not the institution named by its code.
	#[error("certificate {code} names issuer {issuer}")]
	IssuerNotCodeDivision {
		/// The code.
		code: CertificateCode,
		/// The issuer in the body.
		issuer: DivisionCode,
	},
	/// The issuing institution is absent from the proved state.
	#[error("issuer {issuer} is not a registered institution")]
	UnknownIssuer {
		/// The issuer.
		issuer: DivisionCode,
	},
	/// The institution record stored under the issuer's key names another division.
	#[error("institution record stored under {key} names {found}")]
	IssuerRecordMismatch {
		/// Division in the storage key.
		key: DivisionCode,
		/// Division in the record.
		found: DivisionCode,
	},
	/// The body's key is neither the issuer's current nor a retired signing key.
	#[error("key {} is not a signing key of issuer {issuer}", Hex(.key))]
	IssuerKeyNotRegistered {
		/// The issuer.
		issuer: DivisionCode,
		/// The key in the certificate body.
		key: Ed25519Public,
	},
	/// The issuer's signature over the certificate body does not verify (`verify_strict`).
	#[error("bad issuer signature on certificate {code} (key {})", Hex(.key))]
	BadCertificateSignature {
		/// The certificate.
		code: CertificateCode,
		/// The key it claims.
		key: Ed25519Public,
	},

	// ---- national algorithms (SM2/SM3) and presented content ----------------------------
	/// An SM2 public key is not an uncompressed SEC1 point (`04 ‖ x ‖ y`) on the SM2 curve.
	#[error("malformed SM2 public key {}: not an uncompressed point on the SM2 curve", Hex(.key))]
	Sm2KeyMalformed {
		/// The key.
		key: Sm2Public,
	},
	/// An SM2 signature is not `r ‖ s` with both scalars in `[1, n-1]`.
	#[error("malformed SM2 signature on certificate {code}: r or s out of range")]
	Sm2SignatureMalformed {
		/// The certificate.
		code: CertificateCode,
	},
	/// The SM2 co-signature does not verify (SM2 with SM3, distinguishing ID `1234567812345678`,
	/// over the certificate signing payload): signed by another key, with another distinguishing
	/// ID, or over another certificate.
	#[error("SM2 co-signature on certificate {code} does not verify (SM2-with-SM3, default distinguishing ID, key {})", Hex(.key))]
	BadSm2Signature {
		/// The certificate.
		code: CertificateCode,
		/// The key it claims.
		key: Sm2Public,
	},
	/// The policy requires an SM2 co-signature and the certificate has none.
	#[error("certificate {code} has no SM2 co-signature, and the policy requires one")]
	Sm2SignatureMissing {
		/// The certificate.
		code: CertificateCode,
	},
	/// The co-signing SM2 key is not an SM2 key the data authority registered for the issuer
	/// (current or retired) in the proved state.
	#[error("SM2 key {} is not a registered SM2 key of issuer {issuer}", Hex(.key))]
	Sm2KeyNotRegistered {
		/// The issuer.
		issuer: DivisionCode,
		/// The SM2 key the certificate names.
		key: Sm2Public,
	},
	/// The SM3 digest in the record is not SM3 of the certificate signing payload.
	#[error("SM3 digest {} in the record, computed {}", Hex(.found), Hex(.expected))]
	Sm3DigestMismatch {
		/// SM3 of the signing payload.
		expected: Hash,
		/// Digest in the record.
		found: Hash,
	},
	/// Presented registration details do not hash to the certificate's `content_digest`.
	#[error("presented details hash to {} but certificate {code} certifies {}", Hex(.presented), Hex(.certified))]
	ContentMismatch {
		/// The certificate.
		code: CertificateCode,
		/// Its `content_digest`.
		certified: Hash,
		/// BLAKE2-256 of the presented details.
		presented: Hash,
	},
	/// Presented details were to be matched, but the bundle proves no certificate with the code.
	#[error(
		"the bundle proves that no certificate {code} exists: nothing to match the details against"
	)]
	NoCertificate {
		/// The code.
		code: CertificateCode,
	},
	// ---- holder presentations and consent tokens (YX-R §30; requirements Q24) ----------------
	/// A presentation or consent token answers another challenge than the one the verifier issued
	/// (another nonce, code, verifier name, expiry or chain).
	#[error("the signed statement does not match: its {field} differs from the one expected (another challenge, certificate, verifier or chain)")]
	ChallengeMismatch {
		/// The first field that differs (`nonce`, `code`, `verifier`, `expires_at`, `genesis_hash`).
		field: &'static str,
	},
	/// The challenge is about another certificate than the bundle.
	#[error("the challenge is for certificate {challenge}, the bundle proves {bundle}")]
	ChallengeCodeMismatch {
		/// The challenge's code.
		challenge: CertificateCode,
		/// The bundle's code.
		bundle: CertificateCode,
	},
	/// The challenge or consent token expired before the verifier's `now`.
	#[error("the {what} expired at {expires_at} ms, now is {now} ms")]
	Expired {
		/// `challenge` or `consent token`.
		what: &'static str,
		/// Its last valid instant (ms).
		expires_at: u64,
		/// The verifier's time (ms).
		now: u64,
	},
	/// The holder's signature does not verify under the account it names (another key signed, or
	/// the signed statement was altered).
	#[error("the {what} signature does not verify under account {}: wrong signer or altered statement", Hex(.signer))]
	HolderSignatureInvalid {
		/// `presentation` or `consent token`.
		what: &'static str,
		/// The account named as signer.
		signer: [u8; 32],
	},
	/// The bundle carries no proof of the holder subject's record (a version-1 bundle, or one
	/// built without `--holder`).
	#[error("the bundle carries no proof of the holder subject's accounts: build it with `dengji cert bundle --holder` (or `dengji holder present --bundle-out`)")]
	HolderProofMissing,
	/// The proved state has no subject with the certificate's USCC.
	#[error("the proved state has no registration subject {}", alloc::string::String::from_utf8_lossy(.subject))]
	HolderSubjectNotFound {
		/// The certificate's subject (USCC).
		subject: [u8; 18],
	},
	/// The signing account is not one of the holder subject's accounts in the proved state.
	#[error("account {} is not an account of the holder {}: not a holder key", Hex(.signer), alloc::string::String::from_utf8_lossy(.subject))]
	NotHolderKey {
		/// The account that signed.
		signer: [u8; 32],
		/// The certificate's subject (USCC).
		subject: [u8; 18],
	},
	/// A trust-root file names another chain than expected.
	#[error("trust root is for chain {found:?}, expected {expected:?}")]
	WrongChain {
		/// The chain expected.
		expected: String,
		/// The chain the trust root names.
		found: String,
	},
}

impl From<CodeError> for VerifyError {
	fn from(e: CodeError) -> Self {
		Self::Code(e)
	}
}

impl VerifyError {
	pub(crate) fn decode(what: &'static str, e: impl core::fmt::Display) -> Self {
		Self::Decode { what, reason: alloc::format!("{e}") }
	}
}
