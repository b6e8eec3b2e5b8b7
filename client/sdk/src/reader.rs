//! [`Reader`]: read-only, RPC-only access to a node — what a verifier needs. It downloads no
//! metadata and builds no subxt client, so it starts with a single request.

use crate::{
	client::{within, ConnectOptions},
	error::{Error, Missing, Result},
	keys,
	rpc::{self, BlockRef, Hash, NodeRpc},
	timeouts,
};
use codec::Decode;
use dengji_primitives::{
	calendar::ChainClock, CertificateBody, CertificateCode, CertificateRecord, DivisionCode,
	InstitutionRecord, Moment,
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
	rpc: NodeRpc,
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
		let rpc = NodeRpc::new(rpc);
		let genesis = rpc.block_hash(0).await?.ok_or(Missing::GenesisHash)?;
		Ok(Self { rpc, url: url.to_string(), genesis, set_ends: Default::default() })
	}

	pub(crate) fn with_genesis(rpc: RpcClient, url: &str, genesis: Hash) -> Self {
		Self { rpc: NodeRpc::new(rpc), url: url.to_string(), genesis, set_ends: Default::default() }
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// Genesis hash of the connected chain.
	pub fn genesis_hash(&self) -> Hash {
		self.genesis
	}

	/// The node's JSON-RPC methods (typed, time-limited; [`NodeRpc::client`] for the raw client).
	pub fn rpc(&self) -> &NodeRpc {
		&self.rpc
	}

	/// The latest finalized block.
	pub async fn finalized_head(&self) -> Result<BlockRef> {
		self.rpc.finalized_head().await
	}

	/// The best block.
	pub async fn best_block(&self) -> Result<BlockRef> {
		self.rpc.best_block().await
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
		self.now_at(self.finalized_head().await?.hash).await
	}

	/// Chain time (`Timestamp::Now`, ms) in the state of block `at`.
	pub async fn now_at(&self, at: Hash) -> Result<Moment> {
		self.storage("Timestamp::Now", &keys::timestamp_now_key(), Some(at))
			.await?
			.ok_or(Error::NotFound(Missing::Storage("Timestamp::Now")))
	}

	/// The chain clock (`Calendar::Clock`) at the finalized head: how chain time maps to dates
	/// ([`ChainClock::SHANGHAI`] on real chains, the storage item's default).
	pub async fn chain_clock(&self) -> Result<ChainClock> {
		Ok(self
			.storage("Calendar::Clock", &keys::calendar_clock_key(), None)
			.await?
			.unwrap_or_default())
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
		self.rpc
			.storage(key, Some(at))
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
		self.storage("certificate record", &keys::certificate_key(code), None).await
	}

	/// An institution's record at the finalized head, unverified.
	pub async fn fetch_institution(
		&self,
		division: &DivisionCode,
	) -> Result<Option<InstitutionRecord<[u8; 32]>>> {
		self.storage("institution record", &keys::institution_key(division), None).await
	}

	/// A drafted certificate body awaiting its issuer's signature (`Certificate::Drafts`).
	pub async fn fetch_draft(&self, code: &CertificateCode) -> Result<Option<CertificateBody>> {
		self.storage("certificate draft", &keys::draft_key(code), None).await
	}
}
