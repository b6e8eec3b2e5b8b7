//! [`Client`]: a connection to one Dengji node.

use crate::{
	call::Call,
	error::{Error, KeyError, Missing, Result},
	reader::{open_rpc, Reader},
	rpc::{self, BlockRef, Hash},
	signer::{CertificateKey, Signer},
	submit::{Job, Submitter},
	timeouts,
};
use dengji_primitives::CertificateCode;
use std::{future::Future, sync::Arc, time::Duration};
use subxt::{ext::scale_value, OnlineClient};

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
	/// Transactions this client submits and follows at the same time; more wait for a free
	/// slot (each is one subscription on the connection, and a node allows 1 024 per
	/// connection by default).
	pub max_in_flight: usize,
	/// Sign every transaction with `CheckMetadataHash` enabled and the runtime's metadata hash,
	/// computed from the node's metadata ([`Client::metadata_hash`]): what a hardware wallet
	/// does (RFC-0078; issue 11 §5). Off by default (mode `Disabled`, as subxt signs).
	pub metadata_hash: bool,
}

impl Default for ConnectOptions {
	fn default() -> Self {
		Self {
			connect_timeout: timeouts::CONNECT_TOTAL,
			finalization_timeout: timeouts::FINALIZATION,
			reconnect_attempts: timeouts::RECONNECT_ATTEMPTS,
			wait_for_node: false,
			max_in_flight: timeouts::MAX_IN_FLIGHT,
			metadata_hash: false,
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
	pub(crate) options: ConnectOptions,
	/// Per-signer nonces, the in-flight limit and the finalized blocks searched for inclusion
	/// (see [`crate::submit`]).
	pub(crate) submitter: Arc<Submitter>,
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
			let submitter = Arc::new(Submitter::new(options.max_in_flight));
			Ok(Self { api, reader, options: options.clone(), submitter })
		})
		.await
	}

	/// This client, signing its transactions with `CheckMetadataHash` enabled (`true`) or not
	/// ([`ConnectOptions::metadata_hash`]); the clones share nonces and the in-flight limit.
	pub fn with_metadata_hash(mut self, enabled: bool) -> Self {
		self.options.metadata_hash = enabled;
		self
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

	/// The subxt client at the finalized head, retried for up to [`timeouts::NODE_STALL`]: under
	/// load, and while it compiles an upgraded runtime, a node may name a block whose header it
	/// serves only later.
	pub(crate) async fn at_current_block(
		&self,
	) -> Result<
		subxt::client::ClientAtBlock<
			DengjiConfig,
			subxt::client::OnlineClientAtBlockImpl<DengjiConfig>,
		>,
	> {
		let started = std::time::Instant::now();
		let mut attempt = 0;
		loop {
			match self.api.at_current_block().await {
				Ok(at) => return Ok(at),
				Err(e) if started.elapsed() < timeouts::NODE_STALL => {
					log::debug!("at the current block (attempt {attempt}): {e}");
					attempt += 1;
					tokio::time::sleep(timeouts::POLL_INTERVAL).await;
				}
				Err(e) => return Err(e.into()),
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
	///
	/// Safe to call many times at once for one signer: the client keeps the account's nonces,
	/// submits again what the pool dropped and follows inclusion through the finalized chain
	/// ([`crate::submit`]); each call's transaction is included at most once.
	pub async fn submit(&self, call: &Call, signer: &Signer) -> Result<Submitted> {
		let label = call.label();
		log::info!("submitting {label} as {}", signer.ss58());
		let _slot = self
			.submitter
			.permits
			.acquire()
			.await
			.map_err(|_| Error::Rejected("the client is shutting down".into()))?;
		let who = signer.account_id();
		let rpc = self.reader.rpc().clone();
		let nonce = self
			.submitter
			.nonces
			.reserve(who, || async move { rpc.account_next_index(&who).await })
			.await?;
		let mut job = Job::new(nonce);
		let found = within(
			"transaction finalization",
			self.options.finalization_timeout,
			self.drive(call, signer, &mut job),
		)
		.await;
		if found.is_err() && !job.accepted {
			self.submitter.nonces.unused(who, job.nonce).await;
		} else {
			self.submitter.nonces.done(who).await;
		}
		let found = found.map_err(|e| e.signer_refused(who))?;
		self.outcome(&label, found).await
	}

	/// The events of a finalized extrinsic; its failed dispatch as [`Error::Dispatch`].
	async fn outcome(&self, label: &str, found: crate::submit::Found) -> Result<Submitted> {
		let block = found.block;
		let started = std::time::Instant::now();
		let mut attempt = 0;
		let (at, events) = loop {
			let got = async {
				let at = self
					.api
					.at_block_hash_and_number(
						subxt::utils::H256(block.hash),
						u64::from(block.number),
					)
					.await?;
				let events = at.events().fetch().await?;
				Ok::<_, Error>((at, events))
			}
			.await;
			match got {
				Ok(v) => break v,
				Err(e) if started.elapsed() < timeouts::NODE_STALL => {
					log::debug!("events of block #{} (attempt {attempt}): {e}", block.number);
					attempt += 1;
					tokio::time::sleep(timeouts::POLL_INTERVAL).await;
				}
				Err(e) => return Err(e),
			}
		};
		let mut out = Vec::new();
		for ev in events.iter() {
			let ev = ev?;
			if ev.phase() != subxt::events::Phase::ApplyExtrinsic(found.index) {
				continue;
			}
			if ev.pallet_name() == "System" && ev.event_name() == "ExtrinsicFailed" {
				return Err(dispatch_error(label, ev.field_bytes(), at.metadata(), block.hash));
			}
			// `Sudo::Sudid { sudo_result: Err(e) }`: the extrinsic succeeded but the wrapped
			// call failed; report the inner module error.
			if ev.pallet_name() == "Sudo" && ev.event_name() == "Sudid" {
				if let Some((1, err)) = ev.field_bytes().split_first() {
					let failure = dispatch_error(label, err, at.metadata(), block.hash);
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
			call: label.to_string(),
			block,
			extrinsic_hash: found.extrinsic_hash,
			extrinsic_index: found.index,
			events: out,
		})
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
