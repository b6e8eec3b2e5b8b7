//! The full node: Aura block authoring, GRANDPA finality, offchain workers (node allow-list),
//! RPC and Prometheus metrics.

use std::{sync::Arc, time::Duration};

use dengji_runtime::{opaque::Block, RuntimeApi};
use futures::FutureExt;
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;

/// Host functions of the executor; a `runtime-benchmarks` build's runtime also imports the
/// benchmarking ones, so such a node can still run its chain.
#[cfg(not(feature = "runtime-benchmarks"))]
pub(crate) type HostFunctions = sp_io::SubstrateHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
pub(crate) type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The full client, executing the runtime in wasm.
pub(crate) type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLinkHalf = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// GRANDPA justifications are generated and stored for at least every this many blocks (and for
/// every authority-set change). docs/spec/DESIGN.md §3 and §8: a proof bundle carries a finalized header
/// with its justification, so a justified block must never be far behind the finalized head.
/// With 3-second blocks, 2 means a justified block at most 6 s old; the cost is one stored
/// justification (~ 100 bytes per validator) every other block.
pub const GRANDPA_JUSTIFICATION_PERIOD: u32 = 2;

/// Default GRANDPA gossip duration (ms), `--grandpa-gossip-ms`. A voter prevotes at the latest
/// 2× and precommits at the latest 4× this after a round starts (earlier once it has seen the
/// votes it needs), so the round timers, not the network, set most of the finality lag: 333 ms
/// (the template's value) took 1.3–1.6 s from best block to finalized on release nodes, 100 ms
/// takes about 0.4 s (issue 15 §5, docs/performance.md "Finality latency"). Safe: it changes
/// when votes are cast, never how many are needed (2/3 of the validators' precommits); on links
/// slower than the timers a round only ends when the votes arrive, as before. The periodic
/// re-broadcast of votes is separate and unchanged.
pub const GRANDPA_GOSSIP_MS: u64 = 100;

/// Light-client slots of an edge node and of a development chain's node (issue 11 §7) when the
/// command line leaves none (`--in-peers-light 0`); otherwise `--in-peers-light` (default 500).
pub const EDGE_LIGHT_PEERS: u32 = 100;

/// The edge-node role (issue 11 §7; docs/operations.md "Light clients and edge nodes";
/// docs/spec/DESIGN.md §3 permissioning layer 1). The validators keep their reserved-only peer
/// set, the PeerId allow-list that `pallet-node-authorization`'s offchain worker pushes to the
/// network; an edge node is a full node whose PeerId the institutions put on that allow-list
/// (each for its own validator with `NodeAuthorization::add_connections`, or all of them as a
/// well-known node) and that
/// - keeps its validators (its `--bootnodes` and `--reserved-nodes`) as reserved peers, outside
///   every slot;
/// - accepts light clients (smoldot) in `--in-peers-light` slots: the block-announce handshake
///   names the role, and a full node that is not reserved finds no slot (no inbound or outbound
///   full slots), so a stranger's full node still gets no blocks from it;
/// - runs no offchain worker, so the allow-list never turns it reserved-only (which would refuse
///   the light clients); the validators enforce the allow-list on their side;
/// - serves only the safe RPC methods (`--rpc-methods unsafe` is lowered to `safe`).
///
/// A development chain's node (`--dev`) takes the same peer set (and no offchain worker) while it
/// authors, and keeps its RPC methods: light clients follow it without any flag.
fn edge_network(config: &mut Configuration, development: bool) -> Result<(), ServiceError> {
	if config.role.is_authority() && !development {
		return Err(ServiceError::Other(
			"--edge: an edge node serves light clients and public RPC, it is not a validator \
			 (drop --validator and the session-key flags)"
				.into(),
		));
	}
	let net = &mut config.network;
	let set = &mut net.default_peers_set;
	// sc-cli: in_peers = --in-peers + --in-peers-light; num_full = --in-peers + --out-peers.
	let light = (set.in_peers + set.out_peers).saturating_sub(net.default_peers_set_num_full);
	set.in_peers = if light == 0 { EDGE_LIGHT_PEERS } else { light };
	set.out_peers = 0;
	net.default_peers_set_num_full = 0;
	set.non_reserved_mode = sc_network::config::NonReservedPeerMode::Accept;
	for boot in &net.boot_nodes {
		if !set.reserved_nodes.iter().any(|r| r.peer_id == boot.peer_id) {
			set.reserved_nodes.push(boot.clone());
		}
	}
	config.offchain_worker.enabled = false;
	// Public RPC: never the unsafe methods (node control, keys, peers), on any endpoint. A
	// development node keeps what it was given (tests drive it through unsafe RPC).
	use sc_service::config::RpcMethods;
	let endpoints = config.rpc.addr.iter_mut().flatten().map(|e| &mut e.rpc_methods);
	for methods in std::iter::once(&mut config.rpc.methods).chain(endpoints) {
		if !development && matches!(methods, RpcMethods::Unsafe) {
			log::warn!("edge node: --rpc-methods unsafe lowered to safe (public RPC)");
			*methods = RpcMethods::Safe;
		}
	}
	log::info!(
		"edge node: {} light-client slots, reserved peers {:?}; no full peers outside them; \
		 allow-list enforced by the validators (issue 11 §7)",
		config.network.default_peers_set.in_peers,
		config
			.network
			.default_peers_set
			.reserved_nodes
			.iter()
			.map(|r| r.peer_id.to_string())
			.collect::<Vec<_>>()
	);
	Ok(())
}

/// Parts of the service shared by the node and the maintenance subcommands.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	FullPool,
	(GrandpaBlockImport, GrandpaLinkHalf, Option<Telemetry>),
>;

/// The genesis block, built from the chain spec only when the database holds none (the client
/// asks only then). A node restarted on its database does not rebuild the genesis state, and a
/// spec that carries only the genesis state root (`dengji-node bench-spec --database`) starts a
/// node on the database made with it.
struct LazyGenesis<'a> {
	spec: &'a dyn sc_chain_spec::ChainSpec,
	commit_state: bool,
	backend: Arc<FullBackend>,
	executor: sc_executor::WasmExecutor<HostFunctions>,
}

impl sc_chain_spec::BuildGenesisBlock<Block> for LazyGenesis<'_> {
	type BlockImportOperation = <FullBackend as Backend<Block>>::BlockImportOperation;

	fn build_genesis_block(self) -> sp_blockchain::Result<(Block, Self::BlockImportOperation)> {
		let storage = self.spec.as_storage_builder().build_storage().map_err(|e| {
			sp_blockchain::Error::Storage(format!(
				"the chain spec gives no genesis state ({e}); a spec with only a genesis state \
				 root starts a node only on the database made with it (dengji-node bench-spec \
				 --database)"
			))
		})?;
		sc_chain_spec::GenesisBlockBuilder::new_with_storage(
			storage,
			self.commit_state,
			self.backend,
			self.executor,
		)?
		.build_genesis_block()
	}
}

/// Builds the client, database (ParityDB), transaction pool and import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let backend = sc_service::new_db_backend(config.db_config())?;
	let genesis = LazyGenesis {
		spec: &*config.chain_spec,
		commit_state: !config.no_genesis(),
		backend: backend.clone(),
		executor: executor.clone(),
	};
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts_with_genesis_builder::<Block, RuntimeApi, _, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			backend,
			genesis,
			false,
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	let cidp_client = client.clone();
	let import_queue =
		sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
			block_import: grandpa_block_import.clone(),
			justification_import: Some(Box::new(grandpa_block_import.clone())),
			client: client.clone(),
			create_inherent_data_providers: move |parent_hash, _| {
				let cidp_client = cidp_client.clone();
				async move {
					let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
						&*cidp_client,
						parent_hash,
					)?;
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				}
			},
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			check_for_equivocation: Default::default(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			compatibility_mode: Default::default(),
		})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_block_import, grandpa_link, telemetry),
	})
}

/// Builds and starts a full node (an authority when `--validator`/`--alice`/`--dev`); `edge`
/// (`--edge`) makes it an edge node, and a development chain's node always takes the edge peer
/// set (see [`edge_network`]).
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	mut config: Configuration,
	grandpa_gossip: Duration,
	edge: bool,
) -> Result<TaskManager, ServiceError> {
	let development = config.chain_spec.chain_type() == sc_service::ChainType::Development;
	if edge || development {
		edge_network(&mut config, development)?;
	}
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, mut telemetry),
	} = new_partial(&config)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let peer_store_handle = net_config.peer_store_handle();
	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("genesis block is missing".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	// Offchain workers: `pallet-node-authorization` pushes the on-chain PeerId allow-list to the
	// network service from its offchain worker (permissioning layer 1, docs/spec/DESIGN.md §3). They run
	// on authorities by default; non-validating nodes need `--offchain-worker always`.
	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: false,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let backoff_authoring_blocks: Option<()> = None;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	let shared_voter_state = SharedVoterState::empty();
	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let backend = backend.clone();
		let shared_voter_state = shared_voter_state.clone();
		let shared_authority_set = grandpa_link.shared_authority_set().clone();
		let justification_stream = grandpa_link.justification_stream();
		let finality_provider = sc_consensus_grandpa::FinalityProofProvider::new_for_service(
			backend,
			Some(shared_authority_set.clone()),
		);

		Box::new(move |subscription_executor: sc_rpc::SubscriptionTaskExecutor| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				grandpa: crate::rpc::GrandpaDeps {
					shared_voter_state: shared_voter_state.clone(),
					shared_authority_set: shared_authority_set.clone(),
					justification_stream: justification_stream.clone(),
					subscription_executor,
					finality_provider: finality_provider.clone(),
				},
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		let slot_duration = sc_consensus_aura::slot_duration(&*client)?;

		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				},
				force_authoring,
				backoff_authoring_blocks,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;

		// Authoring is essential: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if enable_grandpa {
		// Only authorities vote; others follow justifications.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: grandpa_gossip,
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		let grandpa_params = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			// Validators vote for their best block, capped at three quarters of the unfinalized
			// chain. The SDK default also waits until two blocks are built on top
			// (`BeforeBestBlockBy(2)`), which alone costs 6 s of finality lag at 3 s slots (issue 5:
			// median submission → finality ≤ 2 block times + 1 s). Safety is GRANDPA's (2/3 of the
			// institutions), not the voting rule's.
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::new()
				.add(sc_consensus_grandpa::ThreeQuartersOfTheUnfinalizedChain)
				.build(),
			prometheus_registry,
			shared_voter_state,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		// The voter is essential: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
		);
	}

	Ok(task_manager)
}
