//! [`Client`]: a connection to one Dengji node.

use crate::{
	call::Call,
	error::{Error, KeyError, Missing, Result},
	reader::{open_rpc, Reader},
	rpc::{self, BlockRef, Hash},
	signer::{AccountId, CertificateKey, Signer},
	timeouts,
};
use dengji_primitives::CertificateCode;
use std::{collections::HashMap, future::Future, sync::Arc, time::Duration};
use subxt::{
	error::{ExtrinsicError, TransactionProgressError, TransactionStatusError},
	ext::scale_value,
	OnlineClient,
};

/// The chain configuration: `AccountId32`, `MultiAddress<AccountId32, ()>`, `MultiSignature`,
/// BLAKE2-256, `u32` block numbers. Transaction extensions are taken from the metadata; the
/// zero-sized ones (`CheckNonZeroSender`, `CheckWeight`, `CheckParticipant`) need no data.
pub type DengjiConfig = subxt::PolkadotConfig;

/// A decoded runtime event.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ChainEvent {
	/// Index in the block's event list.
	pub index: u32,
	/// Extrinsic index when emitted while applying an extrinsic.
	pub extrinsic: Option<u32>,
	/// Pallet name, e.g. `Registration`.
	pub pallet: String,
	/// Event name, e.g. `ObjectionFiled`.
	pub name: String,
	/// The fields, decoded through the metadata.
	pub fields: serde_json::Value,
}

impl ChainEvent {
	/// Whether this is `pallet::name`.
	pub fn is(&self, pallet: &str, name: &str) -> bool {
		self.pallet == pallet && self.name == name
	}

	/// A named field of the event (`None` for unnamed fields or when absent).
	pub fn field(&self, name: &str) -> Option<&serde_json::Value> {
		self.fields.get(name)
	}
}

/// The outcome of a finalized, successful transaction.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Submitted {
	/// `Pallet.call`.
	pub call: String,
	/// Finalized block that includes it.
	pub block: BlockRef,
	/// Extrinsic hash.
	#[serde(with = "rpc::hex_bytes32")]
	pub extrinsic_hash: Hash,
	/// Index of the extrinsic in the block.
	pub extrinsic_index: u32,
	/// Events the extrinsic emitted.
	pub events: Vec<ChainEvent>,
}

impl Submitted {
	/// The first event `pallet::name`, if emitted.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&ChainEvent> {
		self.events.iter().find(|e| e.is(pallet, name))
	}
}

/// Connection settings.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
	/// Limit for connecting and reading the chain's metadata.
	pub connect_timeout: Duration,
	/// Limit for a transaction to be finalized.
	pub finalization_timeout: Duration,
	/// Reconnection attempts after the connection drops.
	pub reconnect_attempts: usize,
	/// Keep retrying the first connection (with backoff, within `connect_timeout`) instead of
	/// failing at once when nothing answers: for callers that start a node and connect while it
	/// boots.
	pub wait_for_node: bool,
}

impl Default for ConnectOptions {
	fn default() -> Self {
		Self {
			connect_timeout: timeouts::CONNECT_TOTAL,
			finalization_timeout: timeouts::FINALIZATION,
			reconnect_attempts: timeouts::RECONNECT_ATTEMPTS,
			wait_for_node: false,
		}
	}
}

/// A connection to a Dengji node that can also sign and submit transactions. Cheap to clone;
/// reconnects by itself (with backoff) when the connection drops, and every operation has a time
/// limit. Everything read-only (certificates, trust roots, bundles, online verification) is on
/// its [`Reader`]: [`Client::reader`].
#[derive(Clone)]
pub struct Client {
	api: OnlineClient<DengjiConfig>,
	reader: Reader,
	options: ConnectOptions,
	/// Per signer: the last nonce this client used and how many of its submissions are in
	/// flight, so concurrent submissions by one account get consecutive nonces before the first
	/// reaches the pool. Forgotten once none is in flight (the node's count is then right).
	nonces: Arc<tokio::sync::Mutex<HashMap<AccountId, (u64, u32)>>>,
}

impl std::fmt::Debug for Client {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		let r = &self.reader;
		write!(f, "Client({}, genesis {})", r.url(), rpc::to_hex(&r.genesis_hash()))
	}
}

/// Runs `fut` with a time limit.
pub(crate) async fn within<T>(
	what: &'static str,
	after: Duration,
	fut: impl Future<Output = Result<T>>,
) -> Result<T> {
	tokio::time::timeout(after, fut).await.map_err(|_| Error::Timeout { what, after })?
}

impl Client {
	/// Connects to `url` (`ws://127.0.0.1:9944`) with the default [`ConnectOptions`].
	pub async fn connect(url: &str) -> Result<Self> {
		Self::connect_with(url, ConnectOptions::default()).await
	}

	/// Connects with explicit options: the RPC connection, then the subxt client (metadata).
	pub async fn connect_with(url: &str, options: ConnectOptions) -> Result<Self> {
		within("connection", options.connect_timeout, async {
			let rpc = open_rpc(url, &options).await?;
			let api = OnlineClient::<DengjiConfig>::from_rpc_client(rpc.clone())
				.await
				.map_err(|e| Error::Connect { url: url.to_string(), reason: e.to_string() })?;
			let reader = Reader::with_genesis(rpc, url, api.genesis_hash().0);
			Ok(Self { api, reader, options: options.clone(), nonces: Default::default() })
		})
		.await
	}

	/// The read-only part of the client: certificates, chain time, trust roots, bundles.
	pub fn reader(&self) -> &Reader {
		&self.reader
	}

	/// The underlying subxt client, for anything the SDK does not wrap.
	pub fn api(&self) -> &OnlineClient<DengjiConfig> {
		&self.api
	}

	/// All events of block `hash`.
	pub async fn events_of(&self, hash: Hash) -> Result<Vec<ChainEvent>> {
		within("events", timeouts::REQUEST, async {
			let at = self.api.at_block(subxt::utils::H256(hash)).await?;
			let events = at.events().fetch().await?;
			let mut out = Vec::new();
			for ev in events.iter() {
				out.push(convert_event(&ev?)?);
			}
			Ok(out)
		})
		.await
	}

	/// Issues a drafted certificate: reads the draft, checks that `key` is the draft's issuer
	/// key, signs `signing_payload(genesis_hash)` and submits `Certificate::issue`.
	pub async fn issue_certificate(
		&self,
		code: &CertificateCode,
		key: &CertificateKey,
		signer: &Signer,
	) -> Result<Submitted> {
		let draft = self.reader.fetch_draft(code).await?.ok_or(Missing::Draft(*code))?;
		if draft.issuer_key != key.public() {
			let (draft, given) = (draft.issuer_key, key.public());
			return Err(KeyError::IssuerKeyMismatch { code: *code, draft, given }.into());
		}
		let signature = key.sign(&draft.signing_payload(&self.reader.genesis_hash()));
		self.submit(&crate::roles::institution::issue(*code, signature), signer).await
	}

	/// The SCALE-encoded `RuntimeCall` of `call` (for wrapping in `Sudo::sudo` or a motion).
	pub async fn call_data(&self, call: &Call) -> Result<Vec<u8>> {
		let at = self.api.at_current_block().await?;
		Ok(at.transactions().call_data(&call.payload())?)
	}

	/// Reserves the nonce of `signer`'s next transaction: the node's `system_accountNextIndex`
	/// (which counts transactions in the pool), or one more than this client's last one while
	/// another submission of the same account is in flight.
	async fn reserve_nonce(&self, signer: &Signer) -> Result<u64> {
		let mut nonces = self.nonces.lock().await;
		let chain = self.reader.rpc().account_next_index(&signer.account_id()).await?;
		let entry = nonces.entry(signer.account_id()).or_insert((0, 0));
		let next = if entry.1 > 0 { chain.max(entry.0.saturating_add(1)) } else { chain };
		*entry = (next, entry.1.saturating_add(1));
		Ok(next)
	}

	/// Ends a submission; a rejected one resets the account's nonces to the node's count.
	async fn release_nonce(&self, who: &AccountId, rejected: bool) {
		let mut nonces = self.nonces.lock().await;
		if let Some(entry) = nonces.get_mut(who) {
			entry.1 = entry.1.saturating_sub(1);
			if entry.1 == 0 || rejected {
				nonces.remove(who);
			}
		}
	}

	/// Alias of [`Client::submit`].
	pub async fn submit_and_watch(&self, call: &Call, signer: &Signer) -> Result<Submitted> {
		self.submit(call, signer).await
	}

	/// Signs `call` with `signer`, submits it and waits until it is in a finalized block.
	/// A failed dispatch is [`Error::Dispatch`] with the module error's name; a transaction the
	/// pool refuses is [`Error::Rejected`], or [`Error::NotParticipant`] when the signer may not
	/// transact.
	pub async fn submit(&self, call: &Call, signer: &Signer) -> Result<Submitted> {
		let label = call.label();
		log::info!("submitting {label} as {}", signer.ss58());
		let nonce = self.reserve_nonce(signer).await?;
		let result = self
			.submit_with_nonce(call, signer, nonce)
			.await
			.map_err(|e| e.signer_refused(signer.account_id()));
		let rejected = matches!(
			result,
			Err(Error::Rejected(_) | Error::NotParticipant { .. } | Error::Timeout { .. })
		);
		self.release_nonce(&signer.account_id(), rejected).await;
		result
	}

	async fn submit_with_nonce(
		&self,
		call: &Call,
		signer: &Signer,
		nonce: u64,
	) -> Result<Submitted> {
		let label = call.label();
		within("transaction finalization", self.options.finalization_timeout, async {
			let at = self.api.at_current_block().await?;
			let mut tx = at.transactions();
			let payload = call.payload();
			let params = subxt::config::DefaultExtrinsicParamsBuilder::<DengjiConfig>::new()
				.nonce(nonce)
				.build();
			let progress =
				match tx.sign_and_submit_then_watch(&payload, signer.keypair(), params).await {
					Ok(p) => p,
					Err(e) => return Err(rejected_or(e)),
				};
			let in_block = progress.wait_for_finalized().await.map_err(|e| match e {
				TransactionProgressError::TransactionStatusError(s) => Error::Rejected(match s {
					TransactionStatusError::Error(m) => m,
					TransactionStatusError::Invalid(m) => format!("invalid: {m}"),
					TransactionStatusError::Dropped(m) => format!("dropped: {m}"),
					other => other.to_string(),
				}),
				other => other.into(),
			});
			let in_block = in_block?;
			let block_hash = in_block.block_hash().0;
			let events = in_block.fetch_events().await?;
			let block = BlockRef {
				hash: block_hash,
				number: self.reader.rpc().header(block_hash).await?.number,
			};
			let mut out = Vec::new();
			for ev in events.iter() {
				let ev = ev?;
				if ev.pallet_name() == "System" && ev.event_name() == "ExtrinsicFailed" {
					let failure =
						dispatch_error(&label, ev.field_bytes(), at.metadata(), block_hash);
					return Err(failure);
				}
				// `Sudo::Sudid { sudo_result: Err(e) }`: the extrinsic succeeded but the
				// wrapped call failed; report the inner module error.
				if ev.pallet_name() == "Sudo" && ev.event_name() == "Sudid" {
					if let Some((1, err)) = ev.field_bytes().split_first() {
						let failure = dispatch_error(&label, err, at.metadata(), block_hash);
						return Err(match failure {
							Error::Dispatch { call, pallet, error, docs, block, .. } => {
								Error::Dispatch { call, inner: true, pallet, error, docs, block }
							}
							other => other,
						});
					}
				}
				out.push(convert_event(&ev)?);
			}
			log::info!("{label} finalized in block #{}", block.number);
			Ok(Submitted {
				call: label.clone(),
				block,
				extrinsic_hash: events.extrinsic_hash().0,
				extrinsic_index: u32::try_from(events.extrinsic_index()).unwrap_or(u32::MAX),
				events: out,
			})
		})
		.await
	}
}

fn rejected_or(e: ExtrinsicError) -> Error {
	match e {
		ExtrinsicError::ErrorSubmittingTransaction(b) => Error::Rejected(b.to_string()),
		other => other.into(),
	}
}

fn convert_event(ev: &subxt::events::Event<'_, DengjiConfig>) -> Result<ChainEvent> {
	let fields = ev
		.decode_fields_unchecked_as::<scale_value::Composite<()>>()
		.map(|c| serde_json::to_value(&c).unwrap_or(serde_json::Value::Null))
		.unwrap_or(serde_json::Value::Null);
	Ok(ChainEvent {
		index: ev.index(),
		extrinsic: match ev.phase() {
			subxt::events::Phase::ApplyExtrinsic(i) => Some(i),
			_ => None,
		},
		pallet: ev.pallet_name().to_string(),
		name: ev.event_name().to_string(),
		fields,
	})
}

/// `bytes` start with a SCALE `DispatchError` (`ExtrinsicFailed { dispatch_error, .. }` has it
/// first; `Sudid`'s `Err` after the result tag).
fn dispatch_error(call: &str, bytes: &[u8], metadata: subxt::ArcMetadata, block: Hash) -> Error {
	use subxt::error::DispatchError;
	let failed = |pallet: String, error: String, docs: String| Error::Dispatch {
		call: call.into(),
		inner: false,
		pallet,
		error,
		docs: docs.into(),
		block,
	};
	match DispatchError::decode_from(bytes, metadata) {
		Ok(DispatchError::Module(m)) => match m.details() {
			Ok(d) => failed(
				d.pallet.name().to_string(),
				d.variant.name.clone(),
				d.variant.docs.join(" ").trim().to_string(),
			),
			Err(_) => failed(
				format!("pallet#{}", m.pallet_index()),
				format!("error#{}", m.error_index()),
				String::new(),
			),
		},
		Ok(other) => failed("System".into(), format!("{other:?}"), other.to_string()),
		Err(e) => Error::Decode { what: "dispatch error", reason: e.to_string() },
	}
}
