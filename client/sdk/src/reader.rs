//! [`Reader`]: read-only, RPC-only access to a node — what a verifier needs. It downloads no
//! metadata and builds no subxt client, so it starts with a single request.

use crate::{
	client::{within, ConnectOptions},
	error::{Error, Result},
	keys,
	rpc::{self, BlockRef, Hash},
	timeouts,
};
use codec::Decode;
use dengji_primitives::{
	CertificateBody, CertificateCode, CertificateRecord, DivisionCode, InstitutionRecord, Moment,
};
use dengji_verify::AuthoritySetChange;
use std::{
	collections::BTreeMap,
	sync::{Arc, Mutex},
	time::Duration,
};
use subxt::rpcs::{client::reconnecting_rpc_client as reconnecting, RpcClient};

/// Read-only access to a node over standard JSON-RPC. Cheap to clone; reconnects by itself.
#[derive(Clone)]
pub struct Reader {
	rpc: RpcClient,
	url: String,
	genesis: Hash,
	/// The end of each ended authority set (header with the `ScheduledChange` and its
	/// justification), by set id, as discovered by [`Reader::build_bundle`].
	pub(crate) set_ends: Arc<Mutex<BTreeMap<u64, AuthoritySetChange>>>,
}

impl std::fmt::Debug for Reader {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "Reader({}, genesis {})", self.url, rpc::to_hex(&self.genesis))
	}
}

/// Opens a reconnecting JSON-RPC connection to `url`.
pub(crate) async fn open_rpc(url: &str, options: &ConnectOptions) -> Result<RpcClient> {
	let fail = |reason: String| Error::Connect { url: url.to_string(), reason };
	if !options.wait_for_node {
		// One plain attempt first, so an unreachable node fails fast instead of going through
		// the reconnection backoff.
		let probe = tokio::time::timeout(timeouts::CONNECT, RpcClient::from_insecure_url(url))
			.await
			.map_err(|_| fail(format!("no answer within {:?}", timeouts::CONNECT)))?;
		drop(probe.map_err(|e| fail(e.to_string()))?);
	}
	let policy = reconnecting::ExponentialBackoff::from_millis(
		u64::try_from(timeouts::RECONNECT_BASE_DELAY.as_millis()).unwrap_or(250),
	)
	.max_delay(timeouts::RECONNECT_MAX_DELAY)
	.take(options.reconnect_attempts);
	let inner = reconnecting::RpcClient::builder()
		.connection_timeout(timeouts::CONNECT)
		.request_timeout(timeouts::REQUEST)
		.retry_policy(policy)
		.build(url)
		.await
		.map_err(|e| fail(e.to_string()))?;
	Ok(RpcClient::new(inner))
}

impl Reader {
	/// Connects to `url` with the default [`ConnectOptions`].
	pub async fn connect(url: &str) -> Result<Self> {
		Self::connect_with(url, ConnectOptions::default()).await
	}

	/// Connects with explicit options.
	pub async fn connect_with(url: &str, options: ConnectOptions) -> Result<Self> {
		within("connection", options.connect_timeout, async {
			let rpc = open_rpc(url, &options).await?;
			Self::from_rpc(rpc, url).await
		})
		.await
	}

	/// Over an existing RPC client (any [`subxt::rpcs::client::RpcClientT`]: a custom transport,
	/// a mock in tests). Reads the genesis hash (`chain_getBlockHash(0)`).
	pub async fn from_rpc(rpc: RpcClient, url: &str) -> Result<Self> {
		let genesis = rpc::block_hash(&rpc, 0)
			.await?
			.ok_or_else(|| Error::Node("no genesis block hash".into()))?;
		Ok(Self::with_genesis(rpc, url, genesis))
	}

	pub(crate) fn with_genesis(rpc: RpcClient, url: &str, genesis: Hash) -> Self {
		Self { rpc, url: url.to_string(), genesis, set_ends: Default::default() }
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// Genesis hash of the connected chain.
	pub fn genesis_hash(&self) -> Hash {
		self.genesis
	}

	/// The underlying JSON-RPC client.
	pub fn rpc(&self) -> &RpcClient {
		&self.rpc
	}

	/// The latest finalized block.
	pub async fn finalized_head(&self) -> Result<BlockRef> {
		rpc::finalized_head(&self.rpc).await
	}

	/// Waits until `n` more blocks are finalized (counted from the finalized head at the call),
	/// failing with [`Error::Timeout`] after `timeout`. Returns the new finalized head.
	pub async fn wait_finalized_blocks(&self, n: u32, timeout: Duration) -> Result<BlockRef> {
		within("finalized blocks", timeout, async {
			let start = self.finalized_head().await?.number;
			let target = start.saturating_add(n);
			loop {
				let head = self.finalized_head().await?;
				if head.number >= target {
					return Ok(head);
				}
				tokio::time::sleep(timeouts::POLL_INTERVAL).await;
			}
		})
		.await
	}

	/// Waits until the finalized chain time (`Timestamp::Now`) reaches `at` (ms since the epoch).
	pub async fn wait_until_time(&self, at: Moment, timeout: Duration) -> Result<Moment> {
		within("chain time", timeout, async {
			loop {
				let now = self.now().await?;
				if now >= at {
					return Ok(now);
				}
				tokio::time::sleep(timeouts::POLL_INTERVAL).await;
			}
		})
		.await
	}

	/// Chain time (`Timestamp::Now`, ms) at the finalized head.
	pub async fn now(&self) -> Result<Moment> {
		let head = self.finalized_head().await?;
		let v = rpc::storage(&self.rpc, &keys::timestamp_now(), Some(head.hash)).await?;
		let v = v.ok_or_else(|| Error::NotFound("Timestamp::Now".into()))?;
		Moment::decode(&mut &v[..]).map_err(Error::decode("Timestamp::Now"))
	}

	/// Reads and decodes a storage value at `at` (default: the finalized head).
	pub async fn storage<T: Decode>(
		&self,
		what: &'static str,
		key: &[u8],
		at: Option<Hash>,
	) -> Result<Option<T>> {
		let at = match at {
			Some(h) => h,
			None => self.finalized_head().await?.hash,
		};
		rpc::storage(&self.rpc, key, Some(at))
			.await?
			.map(|v| T::decode(&mut &v[..]).map_err(Error::decode(what)))
			.transpose()
	}

	/// The certificate record with this code at the finalized head, unverified (for display;
	/// use [`Reader::verify_online`] to trust it).
	pub async fn fetch_certificate(
		&self,
		code: &CertificateCode,
	) -> Result<Option<CertificateRecord>> {
		self.storage("certificate record", &keys::certificate(code), None).await
	}

	/// An institution's record at the finalized head, unverified.
	pub async fn fetch_institution(
		&self,
		division: &DivisionCode,
	) -> Result<Option<InstitutionRecord<[u8; 32]>>> {
		self.storage("institution record", &keys::institution(division), None).await
	}

	/// A drafted certificate body awaiting its issuer's signature (`Certificate::Drafts`).
	pub async fn fetch_draft(&self, code: &CertificateCode) -> Result<Option<CertificateBody>> {
		let key = keys::blake2_128_concat_key(crate::roles::pallets::CERTIFICATE, "Drafts", code);
		self.storage("certificate draft", &key, None).await
	}
}
