//! Transaction submission that holds under load (issue 15 §7): an institution's operator account
//! sends hundreds of transactions at once.
//!
//! ## How one submission proceeds
//! 1. A permit (at most [`ConnectOptions::max_in_flight`](crate::ConnectOptions) watched
//!    submissions per client: every watch is one subscription on the connection, and the node
//!    allows 1 024), then a nonce from the client's per-signer nonce book (consecutive nonces, see `nonce.rs`).
//! 2. Signed (through [`Signer`], any [`crate::signer::TransactionSigner`]) and submitted with
//!    `author_submitAndWatchExtrinsic` to the client's node.
//! 3. Followed to a **finalized** block. The block the pool names is looked up on the same node
//!    by hash, with retries; when the pool's watch ends without one (`dropped`, `invalid`,
//!    `usurped`, `finalityTimeout`, a lost connection) the SDK looks at the chain instead: once
//!    the account's nonce at the finalized head is past the transaction's nonce, it searches the
//!    finalized blocks since the submission for the transaction's hash.
//! 4. A transaction the pool dropped while its nonce is still unused is submitted again — the
//!    same bytes, or signed anew with the **same nonce** when the pool has banned the old hash.
//! 5. Across a runtime upgrade: a transaction signed for the finalized head's runtime while the
//!    best block already runs the new one is refused as a bad proof (the spec version is signed);
//!    once the upgrade is finalized it is signed anew for the new runtime, with the same nonce.
//!
//! ## Exactly once
//! Every version of one submission carries the same nonce, so at most one of them is ever
//! included. A submission takes a different nonce only when its transaction never reached a pool
//! (refused at submission as outdated or outbid: another process used the account), or when its
//! nonce was consumed in a finalized block by a transaction that is none of its versions.

use crate::{
	call::Call,
	client::{Client, DengjiConfig},
	error::{Error, Result},
	nonce::Nonces,
	rpc::{self, Hash, H256},
	signer::{AccountId, Signer},
	timeouts,
};
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};
use subxt::rpcs::methods::legacy::TransactionStatus;

/// Shared by the clones of one [`Client`].
#[derive(Debug)]
pub(crate) struct Submitter {
	pub(crate) nonces: Nonces,
	pub(crate) permits: tokio::sync::Semaphore,
	/// Extrinsic hashes of finalized blocks by number (bounded), for the inclusion search.
	blocks: tokio::sync::Mutex<BTreeMap<u32, (Hash, Vec<Hash>)>>,
	/// The last metadata hash computed, with its runtime's `spec_version`.
	metadata_hash: tokio::sync::Mutex<Option<(u32, [u8; 32])>>,
}

/// Finalized blocks whose extrinsic hashes are kept for the inclusion search.
const BLOCK_CACHE: usize = 1024;
/// Signing anew after a ban or a lost nonce, at most this many times per submission.
const MAX_RESIGN: u32 = 16;

impl Submitter {
	pub(crate) fn new(max_in_flight: usize) -> Self {
		Self {
			nonces: Nonces::default(),
			permits: tokio::sync::Semaphore::new(max_in_flight.max(1)),
			blocks: Default::default(),
			metadata_hash: Default::default(),
		}
	}
}

/// A signed transaction: its SCALE bytes (what `author_submitExtrinsic` takes) and its hash.
#[derive(Clone, Debug)]
pub struct SignedTransaction {
	/// The encoded extrinsic.
	pub bytes: Vec<u8>,
	/// BLAKE2-256 of `bytes`: the transaction hash the pool and the blocks use.
	pub hash: Hash,
	/// The runtime's `spec_version` it was signed for (part of the signed payload).
	pub spec_version: u32,
}

type Signed = SignedTransaction;

/// Signs transactions without a round trip each, against the runtime (metadata, spec and
/// transaction version, genesis hash) of the finalized head when it was made ([`Client::offline_signer`]):
/// for pre-signing many transactions before a measuring window, or signing on a host apart
/// from the submitter. Transactions are immortal; the nonce is the caller's. Make a new one
/// after a runtime upgrade.
///
/// With [`OfflineSigner::with_metadata_hash`] (or
/// [`ConnectOptions::metadata_hash`](crate::ConnectOptions::metadata_hash)) the transactions enable
/// `CheckMetadataHash` (RFC-0078): the signed payload then commits to the hash of the runtime's
/// metadata, as a hardware wallet that shows the decoded call computes it, and the runtime
/// refuses the transaction as a bad proof unless the hash is its own (issue 11 §5).
#[derive(Clone)]
pub struct OfflineSigner {
	at: subxt::client::ClientAtBlock<
		DengjiConfig,
		subxt::client::OnlineClientAtBlockImpl<DengjiConfig>,
	>,
	metadata_hash: Option<[u8; 32]>,
}

impl std::fmt::Debug for OfflineSigner {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "OfflineSigner")
	}
}

impl OfflineSigner {
	/// Signs with `CheckMetadataHash` enabled and `hash` as the metadata hash (see
	/// [`metadata_hash`] and [`Client::metadata_hash`]). A hash that is not the runtime's own
	/// makes every transaction a bad proof.
	pub fn with_metadata_hash(mut self, hash: [u8; 32]) -> Self {
		self.metadata_hash = Some(hash);
		self
	}

	/// The metadata hash the transactions commit to, if `CheckMetadataHash` is enabled.
	pub fn metadata_hash(&self) -> Option<[u8; 32]> {
		self.metadata_hash
	}

	/// The runtime's `spec_version` the transactions are signed for.
	pub fn spec_version(&self) -> u32 {
		self.at.spec_version()
	}

	/// Signs `call` by `signer` with `nonce`.
	pub fn sign(&self, call: &Call, signer: &Signer, nonce: u64) -> Result<SignedTransaction> {
		let payload = call.payload();
		let params = subxt::config::DefaultExtrinsicParamsBuilder::<DengjiConfig>::new()
			.nonce(nonce)
			.build();
		if let Some(hash) = self.metadata_hash {
			return self.sign_with_metadata_hash(&payload, params, signer, hash);
		}
		let mut signable = self.at.transactions().create_signable_offline(&payload, params)?;
		let signature = signer.sign(&signable.signer_payload()?)?;
		let tx = signable.sign_with_account_and_signature(
			&subxt::utils::AccountId32(signer.account_id()),
			&signature.into(),
		)?;
		Ok(SignedTransaction {
			bytes: tx.encoded().to_vec(),
			hash: tx.hash().0,
			spec_version: self.at.spec_version(),
		})
	}

	/// A v4 signed transaction whose `CheckMetadataHash` is `Enabled` with `hash`: subxt's own
	/// extension always says `Disabled`, so the extensions subxt builds are wrapped and only that
	/// one is encoded here — mode `1` in the transaction, `Some(hash)` in the signed payload.
	fn sign_with_metadata_hash<P: subxt::transactions::Payload>(
		&self,
		payload: &P,
		params: subxt::config::DefaultExtrinsicParams<DengjiConfig>,
		signer: &Signer,
		hash: [u8; 32],
	) -> Result<SignedTransaction> {
		use subxt::{config::TransactionExtensions as _, ext::frame_decode::extrinsics as fd};
		let txs = self.at.transactions();
		if !matches!(
			txs.default_transaction_version()?,
			subxt::transactions::SupportedTransactionVersion::V4
		) {
			return Err(Error::Decode {
				what: "runtime metadata",
				reason: "no v4 signed transactions: cannot enable CheckMetadataHash".into(),
			});
		}
		txs.validate(payload)?;
		let state = subxt::config::ClientState::<DengjiConfig> {
			genesis_hash: self
				.at
				.genesis_hash()
				.ok_or(subxt::error::ExtrinsicError::GenesisHashNotProvided)?,
			spec_version: self.at.spec_version(),
			transaction_version: self.at.transaction_version(),
			metadata: self.at.metadata(),
		};
		let inner = <<DengjiConfig as subxt::Config>::TransactionExtensions>::new(&state, params)
			.map_err(subxt::error::ExtrinsicError::from)?;
		let exts = WithMetadataHash { inner, hash };
		let metadata = self.at.metadata_ref();
		let (pallet, name, data) =
			(payload.pallet_name(), payload.call_name(), payload.call_data());
		let signed_payload =
			fd::encode_v4_signer_payload(pallet, name, data, &exts, metadata, metadata.types())
				.map_err(subxt::error::ExtrinsicError::from)?;
		let signature: subxt::utils::MultiSignature = signer.sign(&signed_payload)?.into();
		let address: subxt::utils::MultiAddress<subxt::utils::AccountId32, ()> =
			subxt::utils::AccountId32(signer.account_id()).into();
		let bytes = fd::encode_v4_signed(
			pallet,
			name,
			data,
			&exts,
			&address,
			&signature,
			metadata,
			metadata.types(),
		)
		.map_err(subxt::error::ExtrinsicError::from)?;
		let hash = sp_crypto_hashing::blake2_256(&bytes);
		Ok(SignedTransaction { bytes, hash, spec_version: self.at.spec_version() })
	}
}

/// The identifier of the runtime's `frame_metadata_hash_extension::CheckMetadataHash`.
const CHECK_METADATA_HASH: &str = "CheckMetadataHash";

/// subxt's transaction extensions with `CheckMetadataHash` enabled.
struct WithMetadataHash<E> {
	inner: E,
	hash: [u8; 32],
}

impl<R, E> subxt::ext::frame_decode::extrinsics::TransactionExtensions<R> for WithMetadataHash<E>
where
	R: subxt::ext::scale_type_resolver::TypeResolver,
	E: subxt::ext::frame_decode::extrinsics::TransactionExtensions<R>,
{
	fn contains_extension(&self, name: &str) -> bool {
		self.inner.contains_extension(name)
	}

	fn is_authorization_extension(&self, name: &str) -> bool {
		self.inner.is_authorization_extension(name)
	}

	fn encode_extension_value_to(
		&self,
		name: &str,
		type_id: R::TypeId,
		types: &R,
		out: &mut Vec<u8>,
	) -> std::result::Result<(), subxt::ext::frame_decode::extrinsics::TransactionExtensionsError>
	{
		if name == CHECK_METADATA_HASH {
			// `Mode::Enabled` (frame-metadata-hash-extension: `enum Mode { Disabled, Enabled }`).
			out.push(1);
			return Ok(());
		}
		self.inner.encode_extension_value_to(name, type_id, types, out)
	}

	fn encode_extension_implicit_to(
		&self,
		name: &str,
		type_id: R::TypeId,
		types: &R,
		out: &mut Vec<u8>,
	) -> std::result::Result<(), subxt::ext::frame_decode::extrinsics::TransactionExtensionsError>
	{
		if name == CHECK_METADATA_HASH {
			codec::Encode::encode_to(&Some(self.hash), out);
			return Ok(());
		}
		self.inner.encode_extension_implicit_to(name, type_id, types, out)
	}
}

/// The token symbol and decimals the runtime's wasm builder puts in the metadata hash
/// (runtime/build.rs `enable_metadata_hash("DJ", 0)`): Dengji has no token, a wallet shows them
/// for the nonexistent balance.
pub const METADATA_HASH_TOKEN: (&str, u8) = ("DJ", 0);

/// The RFC-0078 metadata hash that `CheckMetadataHash` checks, computed as the wasm builder
/// computes it: the `merkleized-metadata` digest of the runtime's V15 metadata
/// (`Metadata_metadata_at_version(15)`, the `RuntimeMetadataPrefixed` bytes), its `spec_name`
/// and `spec_version`, the SS58 prefix of its `System` constants and [`METADATA_HASH_TOKEN`].
pub fn metadata_hash(metadata_v15: &[u8], spec_name: &str, spec_version: u32) -> Result<[u8; 32]> {
	use codec::Decode;
	use subxt::ext::frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
	let bad = |reason: String| Error::Decode { what: "runtime metadata (V15)", reason };
	let prefixed =
		RuntimeMetadataPrefixed::decode(&mut &metadata_v15[..]).map_err(|e| bad(e.to_string()))?;
	let RuntimeMetadata::V15(v15) = &prefixed.1 else {
		return Err(bad("not metadata V15".into()));
	};
	let base58_prefix = v15
		.pallets
		.iter()
		.find(|p| p.name == "System")
		.and_then(|p| p.constants.iter().find(|c| c.name == "SS58Prefix"))
		.and_then(|c| u16::decode(&mut &c.value[..]).ok())
		.ok_or_else(|| bad("no System::SS58Prefix constant".into()))?;
	let extra = merkleized_metadata::ExtraInfo {
		spec_version,
		spec_name: spec_name.into(),
		base58_prefix,
		decimals: METADATA_HASH_TOKEN.1,
		token_symbol: METADATA_HASH_TOKEN.0.into(),
	};
	Ok(merkleized_metadata::generate_metadata_digest(&prefixed.1, extra).map_err(bad)?.hash())
}

/// Where a submission stands.
pub(crate) struct Job {
	pub(crate) nonce: u64,
	/// Some pool accepted a version: the nonce may be (or become) used by it.
	pub(crate) accepted: bool,
	/// Hashes of every version signed so far.
	hashes: Vec<Hash>,
	/// Finalized block number before the first submission: the transaction is in a later block.
	from: u32,
}

impl Job {
	pub(crate) fn new(nonce: u64) -> Self {
		Self { nonce, accepted: false, hashes: Vec::new(), from: 0 }
	}
}

/// A finalized block that includes one version of the submission.
pub(crate) struct Found {
	pub(crate) block: rpc::BlockRef,
	pub(crate) index: u32,
	pub(crate) extrinsic_hash: Hash,
}

/// How the pool's watch of one version ended.
enum Watch {
	Finalized(Hash),
	/// The pool refused it at submission.
	Refused(Refusal),
	/// The watch ended without a finalized block (the pool's words).
	Lost(String),
}

/// The pool's reason for refusing a submission (JSON-RPC error codes of `sc-rpc-api`'s author
/// errors: 1010 invalid, 1012 temporarily banned, 1013 already imported, 1014 priority too low,
/// 1016 immediately dropped).
enum Refusal {
	/// Its nonce is used by a transaction in a block ("outdated") or outbid in the pool.
	NonceTaken(String),
	/// Its hash is banned for a while (it was dropped or invalid before).
	Banned,
	/// It is in the pool already.
	AlreadyImported,
	/// The pool is full or the connection failed: try again shortly.
	Busy(String),
	/// The signature does not verify: a wrong key, or signed for the runtime before an upgrade
	/// that the best block already runs.
	BadProof(String),
	/// Anything else (not a participant, bad proof, …).
	Other(String),
}

fn refusal(e: &subxt::rpcs::Error) -> Refusal {
	let subxt::rpcs::Error::User(u) = e else {
		return Refusal::Busy(e.to_string());
	};
	let data = u
		.data
		.as_ref()
		.map(|d| serde_json::from_str::<String>(d.get()).unwrap_or_else(|_| d.get().to_string()));
	let text = match &data {
		Some(d) => format!("{} ({}): {d}", u.message, u.code),
		None => format!("{} ({})", u.message, u.code),
	};
	match u.code {
		1014 => Refusal::NonceTaken(text),
		1010 if text.contains("outdated") => Refusal::NonceTaken(text),
		1012 => Refusal::Banned,
		1013 => Refusal::AlreadyImported,
		1016 => Refusal::Busy(text),
		1010 if text.contains("exhaust") => Refusal::Busy(text),
		1010 if text.contains("bad signature") => Refusal::BadProof(text),
		_ => Refusal::Other(text),
	}
}

/// Backoff before submitting again after a busy pool or a lost watch.
const RESUBMIT_BACKOFF: Duration = Duration::from_millis(1000);
/// How long the chain is watched for a version's nonce to be used before submitting again.
const RESUBMIT_AFTER: Duration = Duration::from_secs(6);
/// Attempts to read a block the pool named (it may not be readable on the node for a moment).
const BLOCK_LOOKUP_ATTEMPTS: u32 = 20;

impl Client {
	fn submitter(&self) -> &Submitter {
		&self.submitter
	}

	/// An [`OfflineSigner`] at the finalized head; with
	/// [`ConnectOptions::metadata_hash`](crate::ConnectOptions::metadata_hash) it enables
	/// `CheckMetadataHash` with the runtime's metadata hash.
	pub async fn offline_signer(&self) -> Result<OfflineSigner> {
		let at = self.at_current_block().await?;
		let metadata_hash = match self.options.metadata_hash {
			true => Some(self.metadata_hash_at(at.block_hash().0).await?),
			false => None,
		};
		Ok(OfflineSigner { at, metadata_hash })
	}

	/// The metadata hash of the runtime at the finalized head ([`metadata_hash`]), computed here
	/// from the node's metadata: what an offline signer compares with its own.
	pub async fn metadata_hash(&self) -> Result<[u8; 32]> {
		let head = self.reader().rpc().finalized_head().await?;
		self.metadata_hash_at(head.hash).await
	}

	/// [`Client::metadata_hash`] of the runtime at block `at`, kept per `spec_version`.
	pub async fn metadata_hash_at(&self, at: Hash) -> Result<[u8; 32]> {
		use codec::{Decode, Encode};
		let rpc = self.reader().rpc();
		let version = rpc.state_call("Core_version", &[], at).await?;
		// `RuntimeVersion` starts with spec_name, impl_name, authoring_version, spec_version.
		let (spec_name, _, _, spec_version) =
			<(String, String, u32, u32)>::decode(&mut &version[..])
				.map_err(|e| Error::Decode { what: "runtime version", reason: e.to_string() })?;
		if let Some((v, hash)) = *self.submitter().metadata_hash.lock().await {
			if v == spec_version {
				return Ok(hash);
			}
		}
		let answer = rpc.state_call("Metadata_metadata_at_version", &15u32.encode(), at).await?;
		let metadata = <Option<Vec<u8>>>::decode(&mut &answer[..])
			.map_err(|e| Error::Decode { what: "metadata", reason: e.to_string() })?
			.ok_or(Error::Decode { what: "metadata", reason: "the runtime has no V15".into() })?;
		let hash = metadata_hash(&metadata, &spec_name, spec_version)?;
		*self.submitter().metadata_hash.lock().await = Some((spec_version, hash));
		Ok(hash)
	}

	/// Signs `call` with `nonce`.
	async fn sign(&self, call: &Call, signer: &Signer, nonce: u64) -> Result<Signed> {
		self.offline_signer().await?.sign(call, signer, nonce)
	}

	/// Submits and follows `call` until a version of it is in a finalized block (see the module
	/// docs); `job` records the nonce and whether a pool accepted it.
	pub(crate) async fn drive(&self, call: &Call, signer: &Signer, job: &mut Job) -> Result<Found> {
		let who = signer.account_id();
		job.from = self.reader().rpc().finalized_head().await?.number;
		let mut signed = self.sign(call, signer, job.nonce).await?;
		job.hashes.push(signed.hash);
		let mut resigned = 0u32;
		let mut resign = |job: &mut Job, why: &str| -> Result<()> {
			resigned += 1;
			log::debug!("{}: signing anew (nonce {}): {why}", call.label(), job.nonce);
			if resigned > MAX_RESIGN {
				return Err(Error::Rejected(format!("{why} (signed {MAX_RESIGN} times)")));
			}
			Ok(())
		};
		loop {
			match self.watch(&signed, job).await {
				Watch::Finalized(block) => match self.locate(block, &job.hashes).await? {
					Some(found) => return Ok(found),
					// The pool's block is not readable: find it through the chain.
					None => match self.settle(who, job, None).await? {
						Some(found) => return Ok(found),
						None => continue,
					},
				},
				Watch::Refused(Refusal::Other(text)) => return Err(Error::Rejected(text)),
				Watch::Refused(Refusal::BadProof(text)) => {
					// Signed for the runtime of the finalized head while the best block already
					// runs an upgrade: once the upgrade is final, the same nonce is signed anew
					// for the new runtime. Any other bad proof is the caller's.
					if !self.await_upgrade(signed.spec_version).await? {
						return Err(Error::Rejected(text));
					}
					resign(job, "runtime upgraded")?;
					signed = self.sign(call, signer, job.nonce).await?;
					job.hashes.push(signed.hash);
				}
				Watch::Refused(Refusal::Busy(text)) => {
					log::debug!("{}: pool busy, again shortly: {text}", call.label());
					tokio::time::sleep(RESUBMIT_BACKOFF).await;
				}
				Watch::Refused(Refusal::Banned) => {
					// Dropped earlier and now banned by hash: the same nonce, a new signature.
					if let Some(found) = self.settle(who, job, Some(Duration::ZERO)).await? {
						return Ok(found);
					}
					resign(job, "banned")?;
					signed = self.sign(call, signer, job.nonce).await?;
					job.hashes.push(signed.hash);
				}
				Watch::Refused(Refusal::NonceTaken(text)) if !job.accepted => {
					// No pool ever had it: another process used this nonce. Take the next one.
					resign(job, &text)?;
					let node = self.reader().rpc().account_next_index(&who).await?;
					job.nonce = self.submitter().nonces.replace(who, node).await;
					signed = self.sign(call, signer, job.nonce).await?;
					job.hashes = vec![signed.hash];
				}
				Watch::Refused(Refusal::NonceTaken(text)) | Watch::Lost(text) => {
					log::debug!("{}: watch ended ({text}), checking the chain", call.label());
					match self.settle(who, job, Some(RESUBMIT_AFTER)).await? {
						Some(found) => return Ok(found),
						None if self.nonce_used(who, job.nonce).await? => {
							// Used by a transaction that is none of ours: a new nonce.
							resign(job, "nonce used by another transaction")?;
							let node = self.reader().rpc().account_next_index(&who).await?;
							job.nonce = self.submitter().nonces.replace(who, node).await;
							job.accepted = false;
							signed = self.sign(call, signer, job.nonce).await?;
							job.hashes = vec![signed.hash];
						}
						None => tokio::time::sleep(RESUBMIT_BACKOFF).await,
					}
				}
				Watch::Refused(Refusal::AlreadyImported) => {
					job.accepted = true;
					if let Some(found) = self.settle(who, job, Some(RESUBMIT_AFTER)).await? {
						return Ok(found);
					}
				}
			}
		}
	}

	/// Submits `signed` and follows the pool's watch.
	async fn watch(&self, signed: &Signed, job: &mut Job) -> Watch {
		let legacy = self.reader().rpc().legacy();
		let sub = tokio::time::timeout(
			timeouts::REQUEST,
			legacy.author_submit_and_watch_extrinsic(&signed.bytes),
		)
		.await;
		let mut sub = match sub {
			Err(_) => return Watch::Refused(Refusal::Busy("submission timed out".into())),
			Ok(Err(e)) => return Watch::Refused(refusal(&e)),
			Ok(Ok(sub)) => sub,
		};
		job.accepted = true;
		while let Some(status) = sub.next().await {
			match status {
				Ok(TransactionStatus::Finalized(block)) => return Watch::Finalized(block.0),
				Ok(TransactionStatus::FinalityTimeout(_)) => {
					return Watch::Lost("finality timeout".into())
				}
				Ok(TransactionStatus::Usurped(_)) => return Watch::Lost("usurped".into()),
				Ok(TransactionStatus::Dropped) => return Watch::Lost("dropped".into()),
				Ok(TransactionStatus::Invalid) => return Watch::Lost("invalid".into()),
				Ok(_) => {}
				Err(e) => return Watch::Lost(e.to_string()),
			}
		}
		Watch::Lost("the watch ended".into())
	}

	/// After a bad-proof refusal of a transaction signed for `signed_for`: `false` if the best
	/// block runs that runtime too (the proof is bad for another reason); otherwise waits until
	/// the finalized head runs the best block's runtime, and `true`.
	async fn await_upgrade(&self, signed_for: u32) -> Result<bool> {
		let rpc = self.reader().rpc();
		let best = rpc.spec_version(None).await?;
		if best == signed_for {
			return Ok(false);
		}
		log::debug!("runtime upgrade {signed_for} → {best}: waiting for it to be finalized");
		let started = Instant::now();
		loop {
			let head = rpc.finalized_head().await?;
			if rpc.spec_version(Some(head.hash)).await? != signed_for {
				return Ok(true);
			}
			if started.elapsed() >= timeouts::FINALIZATION {
				return Err(Error::Timeout {
					what: "finality of a runtime upgrade",
					after: timeouts::FINALIZATION,
				});
			}
			tokio::time::sleep(timeouts::POLL_INTERVAL).await;
		}
	}

	/// Number, index and hash of the version of `hashes` in finalized block `block`, reading the
	/// block on the node with retries; `None` if it cannot be read or does not hold one.
	async fn locate(&self, block: Hash, hashes: &[Hash]) -> Result<Option<Found>> {
		let legacy = self.reader().rpc().legacy();
		for attempt in 0..BLOCK_LOOKUP_ATTEMPTS {
			let got =
				tokio::time::timeout(timeouts::REQUEST, legacy.chain_get_block(Some(H256(block))))
					.await;
			if let Ok(Ok(Some(details))) = got {
				let number = details.block.header.number;
				return Ok(find_in(&details.block.extrinsics, hashes).map(|(index, h)| Found {
					block: rpc::BlockRef { hash: block, number },
					index,
					extrinsic_hash: h,
				}));
			}
			log::debug!("block {} not readable yet (attempt {attempt})", rpc::to_hex(&block));
			tokio::time::sleep(timeouts::POLL_INTERVAL).await;
		}
		Ok(None)
	}

	/// The account's nonce at the finalized head (`System::Account`), and that head.
	async fn finalized_nonce(&self, who: AccountId) -> Result<(u64, rpc::BlockRef)> {
		let head = self.reader().rpc().finalized_head().await?;
		let key = crate::keys::blake2_128_concat_key("System", "Account", &who);
		let nonce = match self.reader().rpc().storage(&key, Some(head.hash)).await? {
			// `AccountInfo` starts with the nonce (`u32` in this runtime).
			Some(v) if v.len() >= 4 => u64::from(u32::from_le_bytes([v[0], v[1], v[2], v[3]])),
			_ => 0,
		};
		Ok((nonce, head))
	}

	async fn nonce_used(&self, who: AccountId, nonce: u64) -> Result<bool> {
		Ok(self.finalized_nonce(who).await?.0 > nonce)
	}

	/// Watches the chain until `job`'s nonce is used in a finalized block, then searches the
	/// finalized blocks since the submission for a version of it: `Some` if found, `None` if the
	/// nonce went to another transaction or (after `wait`; `None` = until found or used) is still
	/// unused.
	async fn settle(
		&self,
		who: AccountId,
		job: &Job,
		wait: Option<Duration>,
	) -> Result<Option<Found>> {
		let started = Instant::now();
		loop {
			let (nonce, head) = self.finalized_nonce(who).await?;
			if nonce > job.nonce {
				return self.search(job, head.number).await;
			}
			if wait.is_some_and(|w| started.elapsed() >= w) {
				return Ok(None);
			}
			tokio::time::sleep(timeouts::POLL_INTERVAL * 4).await;
		}
	}

	/// Searches finalized blocks `job.from + 1 ..= head` for a version of `job`.
	async fn search(&self, job: &Job, head: u32) -> Result<Option<Found>> {
		let rpc = self.reader().rpc();
		for number in job.from.saturating_add(1)..=head {
			let cached = self.submitter().blocks.lock().await.get(&number).cloned();
			let (hash, xts) = match cached {
				Some(c) => c,
				None => {
					let Some(hash) = rpc.block_hash(number).await? else { continue };
					let details = tokio::time::timeout(
						timeouts::REQUEST,
						rpc.legacy().chain_get_block(Some(H256(hash))),
					)
					.await
					.map_err(|_| Error::Timeout {
						what: "chain_getBlock",
						after: timeouts::REQUEST,
					})?
					.map_err(Error::rpc("chain_getBlock"))?;
					let Some(details) = details else { continue };
					let xts: Vec<Hash> = details
						.block
						.extrinsics
						.iter()
						.map(|x| sp_crypto_hashing::blake2_256(&x.0))
						.collect();
					let mut cache = self.submitter().blocks.lock().await;
					cache.insert(number, (hash, xts.clone()));
					while cache.len() > BLOCK_CACHE {
						cache.pop_first();
					}
					(hash, xts)
				}
			};
			if let Some((index, h)) =
				xts.iter().enumerate().find(|(_, x)| job.hashes.contains(x)).map(|(i, x)| (i, *x))
			{
				return Ok(Some(Found {
					block: rpc::BlockRef { hash, number },
					index: u32::try_from(index).unwrap_or(u32::MAX),
					extrinsic_hash: h,
				}));
			}
		}
		Ok(None)
	}
}

/// Index and hash of the first of `extrinsics` whose hash is in `hashes`.
fn find_in(
	extrinsics: &[subxt::rpcs::methods::legacy::Bytes],
	hashes: &[Hash],
) -> Option<(u32, Hash)> {
	extrinsics.iter().enumerate().find_map(|(i, x)| {
		let h = sp_crypto_hashing::blake2_256(&x.0);
		hashes.contains(&h).then(|| (u32::try_from(i).unwrap_or(u32::MAX), h))
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	fn user(code: i32, message: &str, data: Option<&str>) -> subxt::rpcs::Error {
		subxt::rpcs::Error::User(subxt::rpcs::UserError {
			code,
			message: message.into(),
			data: data.map(|d| serde_json::value::RawValue::from_string(d.into()).unwrap()),
		})
	}

	#[test]
	fn pool_refusals_are_classified_by_code_and_keep_the_pools_words() {
		let stale = user(1010, "Invalid Transaction", Some("\"Transaction is outdated\""));
		assert!(matches!(refusal(&stale), Refusal::NonceTaken(t) if t.contains("outdated")));
		let low = user(1014, "Priority is too low: (0 vs 0)", Some("\"The transaction has too low priority to replace another transaction already in the pool.\""));
		assert!(matches!(refusal(&low), Refusal::NonceTaken(_)));
		assert!(matches!(
			refusal(&user(1012, "Transaction is temporarily banned", None)),
			Refusal::Banned
		));
		assert!(matches!(
			refusal(&user(1013, "Transaction Already Imported", None)),
			Refusal::AlreadyImported
		));
		let payment = user(
			1010,
			"Invalid Transaction",
			Some("\"Inability to pay some fees (e.g. account balance too low)\""),
		);
		// The text `Error::signer_refused` looks for survives.
		assert!(
			matches!(refusal(&payment), Refusal::Other(t) if t.contains("Inability to pay some fees"))
		);
		// A bad proof is told apart: after a runtime upgrade the SDK signs it anew.
		let proof = user(1010, "Invalid Transaction", Some("\"Transaction has a bad signature\""));
		assert!(matches!(refusal(&proof), Refusal::BadProof(t) if t.contains("bad signature")));
		assert!(matches!(
			refusal(&subxt::rpcs::Error::DisconnectedWillReconnect("gone".into())),
			Refusal::Busy(_)
		));
	}
}
