//! Keys: the sr25519 account that signs transactions ([`Signer`]) and the ed25519 certificate key
//! an institution signs certificate bodies with ([`CertificateKey`]). Both parse Substrate secret
//! URIs (`//Alice`, `<mnemonic>//hard/soft///password`, `0x<hex seed>`), so the keys match those
//! `subkey` and `sp-core` derive from the same URI.

use crate::error::{KeyError, Result};
use codec::Encode;
use dengji_primitives::{Ed25519Public, Ed25519Signature};
use ed25519_dalek::Signer as _;
use std::{str::FromStr, sync::Arc};
use subxt_signer::{ExposeSecret, SecretUri};

/// An account id (`AccountId32`).
pub type AccountId = [u8; 32];

/// Parses an SS58 address (any network prefix) into an account id.
pub fn account_from_ss58(s: &str) -> Result<AccountId> {
	s.parse::<subxt::utils::AccountId32>()
		.map(|a| a.0)
		.map_err(|e| KeyError::Ss58 { input: s.to_string(), reason: e.to_string() }.into())
}

/// SS58 address (generic Substrate prefix 42) of an account id.
pub fn account_to_ss58(account: &AccountId) -> String {
	subxt::utils::AccountId32(*account).to_string()
}

/// A transaction signature, in the variants of the runtime's `MultiSignature`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxSignature {
	/// sr25519 (Schnorrkel), the SDK's own keys.
	Sr25519([u8; 64]),
	/// ed25519.
	Ed25519([u8; 64]),
	/// ECDSA over secp256k1 (65 bytes with the recovery id).
	Ecdsa([u8; 65]),
}

impl From<TxSignature> for subxt::utils::MultiSignature {
	fn from(s: TxSignature) -> Self {
		match s {
			TxSignature::Sr25519(b) => Self::Sr25519(b),
			TxSignature::Ed25519(b) => Self::Ed25519(b),
			TxSignature::Ecdsa(b) => Self::Ecdsa(b),
		}
	}
}

/// Something that signs transactions for one account: the SDK's sr25519 key pair, or a hardware
/// security module or remote signing service an institution plugs in (issue 11 §5), so the
/// operator key need not be in the SDK's memory. `sign` receives the exact signer payload the
/// runtime checks (SCALE call ++ extensions ++ implicit data, or its BLAKE2-256 hash when longer
/// than 256 bytes, as Substrate requires) and returns the signature; a failure (HSM
/// unreachable, operator refused) is returned as any [`crate::Error`] and ends the submission
/// before anything is sent.
pub trait TransactionSigner: Send + Sync {
	/// The account the signatures verify under (for sr25519/ed25519: the public key).
	fn account_id(&self) -> AccountId;
	/// Signs `payload`.
	fn sign(&self, payload: &[u8]) -> Result<TxSignature>;
}

impl TransactionSigner for subxt_signer::sr25519::Keypair {
	fn account_id(&self) -> AccountId {
		self.public_key().0
	}

	fn sign(&self, payload: &[u8]) -> Result<TxSignature> {
		Ok(TxSignature::Sr25519(subxt_signer::sr25519::Keypair::sign(self, payload).0))
	}
}

/// A transaction signer: an sr25519 key pair ([`Signer::from_suri`], [`Signer::from_keypair`]) or
/// any [`TransactionSigner`] ([`Signer::custom`]). Cheap to clone.
#[derive(Clone)]
pub struct Signer {
	inner: Arc<dyn TransactionSigner>,
	account: AccountId,
}

impl std::fmt::Debug for Signer {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "Signer({})", self.ss58())
	}
}

impl Signer {
	/// From a secret URI: `//Alice`, a mnemonic with derivations, or `0x<32-byte hex seed>`.
	pub fn from_suri(suri: &str) -> Result<Self> {
		let uri = SecretUri::from_str(suri).map_err(|e| KeyError::Suri(e.to_string()))?;
		let pair = subxt_signer::sr25519::Keypair::from_uri(&uri)
			.map_err(|e| KeyError::Suri(e.to_string()))?;
		Ok(Self::from_keypair(pair))
	}

	/// Signs with an sr25519 key pair obtained otherwise (e.g. decrypted from a keystore file).
	pub fn from_keypair(pair: subxt_signer::sr25519::Keypair) -> Self {
		Self::custom(pair)
	}

	/// Signs through `signer` (an HSM, a remote signing service…).
	pub fn custom(signer: impl TransactionSigner + 'static) -> Self {
		let account = signer.account_id();
		Self { inner: Arc::new(signer), account }
	}

	/// The account id (for sr25519: the public key).
	pub fn account_id(&self) -> AccountId {
		self.account
	}

	/// SS58 address (generic Substrate prefix 42).
	pub fn ss58(&self) -> String {
		account_to_ss58(&self.account_id())
	}

	/// Signs a transaction's signer payload.
	pub fn sign(&self, payload: &[u8]) -> Result<TxSignature> {
		self.inner.sign(payload)
	}
}

impl From<subxt_signer::sr25519::Keypair> for Signer {
	fn from(pair: subxt_signer::sr25519::Keypair) -> Self {
		Self::from_keypair(pair)
	}
}

/// An institution's ed25519 certificate-signing key.
#[derive(Clone)]
pub struct CertificateKey {
	key: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for CertificateKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "CertificateKey(0x{})", hex::encode(self.public()))
	}
}

impl CertificateKey {
	/// From a secret URI, derived exactly as `sp_core::ed25519::Pair::from_string` does (hard
	/// junctions only).
	pub fn from_suri(suri: &str) -> Result<Self> {
		let uri = SecretUri::from_str(suri).map_err(|e| KeyError::Suri(e.to_string()))?;
		let phrase = uri.phrase.expose_secret();
		let password = uri.password.as_ref().map(|p| p.expose_secret()).unwrap_or("");
		let mut seed: [u8; 32] = if let Some(hex_seed) = phrase.strip_prefix("0x") {
			let bytes =
				hex::decode(hex_seed).map_err(|e| KeyError::Seed(format!("hex seed: {e}")))?;
			bytes.try_into().map_err(|_| KeyError::Seed("hex seed must be 32 bytes".into()))?
		} else {
			let mnemonic = subxt_signer::bip39::Mnemonic::parse(phrase)
				.map_err(|e| KeyError::Seed(format!("mnemonic: {e}")))?;
			mini_secret_from_entropy(&mnemonic.to_entropy(), password)?
		};
		for j in &uri.junctions {
			if !j.is_hard() {
				return Err(KeyError::SoftDerivation.into());
			}
			seed = ("Ed25519HDKD", seed, *j.inner()).using_encoded(sp_crypto_hashing::blake2_256);
		}
		Ok(Self::from_seed(seed))
	}

	/// From a raw 32-byte seed.
	pub fn from_seed(seed: [u8; 32]) -> Self {
		Self { key: ed25519_dalek::SigningKey::from_bytes(&seed) }
	}

	/// The public key, as registered by the data authority.
	pub fn public(&self) -> Ed25519Public {
		self.key.verifying_key().to_bytes()
	}

	/// Signs `payload` (for certificates: `CertificateBody::signing_payload(genesis_hash)`).
	pub fn sign(&self, payload: &[u8]) -> Ed25519Signature {
		self.key.sign(payload).to_bytes()
	}
}

/// Substrate's BIP39 seed: PBKDF2-HMAC-SHA512 over the entropy (not the phrase), 2048 rounds,
/// salt `"mnemonic" ++ password`; the first 32 bytes are the mini secret.
fn mini_secret_from_entropy(entropy: &[u8], password: &str) -> Result<[u8; 32]> {
	if entropy.len() < 16 || entropy.len() > 32 || !entropy.len().is_multiple_of(4) {
		return Err(KeyError::Seed("invalid mnemonic entropy length".into()).into());
	}
	let salt = format!("mnemonic{password}");
	let mut seed = [0u8; 64];
	pbkdf2::pbkdf2_hmac::<sha2::Sha512>(entropy, salt.as_bytes(), 2048, &mut seed);
	let mut out = [0u8; 32];
	out.copy_from_slice(&seed[..32]);
	Ok(out)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::Error;

	#[test]
	fn alice_sr25519_matches_well_known_account() {
		let s = Signer::from_suri("//Alice").unwrap();
		assert_eq!(
			hex::encode(s.account_id()),
			"d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
		);
		assert_eq!(s.ss58(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	}

	#[test]
	fn alice_ed25519_matches_well_known_grandpa_key() {
		let k = CertificateKey::from_suri("//Alice").unwrap();
		assert_eq!(
			hex::encode(k.public()),
			"88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"
		);
	}

	#[test]
	fn ed25519_soft_derivation_is_refused() {
		assert!(matches!(
			CertificateKey::from_suri("//Alice/soft"),
			Err(Error::Key(KeyError::SoftDerivation))
		));
	}

	#[test]
	fn ed25519_signature_verifies_under_public_key() {
		let k = CertificateKey::from_seed([7u8; 32]);
		let sig = k.sign(b"payload");
		let vk = ed25519_dalek::VerifyingKey::from_bytes(&k.public()).unwrap();
		vk.verify_strict(b"payload", &ed25519_dalek::Signature::from_bytes(&sig)).unwrap();
	}

	#[test]
	fn ss58_round_trips() {
		let s = Signer::from_suri("//Bob").unwrap();
		assert_eq!(account_from_ss58(&s.ss58()).unwrap(), s.account_id());
		assert!(account_from_ss58("not-an-address").is_err());
	}

	/// A signer that is not a key pair in memory (issue 11 §5: an HSM or remote signer).
	struct Remote(subxt_signer::sr25519::Keypair);

	impl TransactionSigner for Remote {
		fn account_id(&self) -> AccountId {
			self.0.public_key().0
		}
		fn sign(&self, payload: &[u8]) -> Result<TxSignature> {
			TransactionSigner::sign(&self.0, payload)
		}
	}

	#[test]
	fn custom_signer_signs_for_its_account() {
		let pair = subxt_signer::sr25519::dev::bob();
		let s = Signer::custom(Remote(pair.clone()));
		assert_eq!(s.account_id(), Signer::from_keypair(pair.clone()).account_id());
		let TxSignature::Sr25519(sig) = s.sign(b"payload").unwrap() else { panic!("not sr25519") };
		let sig = subxt_signer::sr25519::Signature(sig);
		assert!(subxt_signer::sr25519::verify(&sig, b"payload", &pair.public_key()));
	}

	#[test]
	fn bad_suri_is_a_key_error() {
		assert!(matches!(Signer::from_suri("not a mnemonic at all"), Err(Error::Key(_))));
	}
}
