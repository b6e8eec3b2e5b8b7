//! RPC extensions on top of the standard set that `sc-service` installs (`chain_*`, `state_*`
//! including `state_getReadProof`, `author_*`, `system_*`, `offchain_*`, `chainHead_v1_*`, …):
//! - `system_accountNextIndex` (substrate-frame-rpc-system),
//! - `grandpa_roundState`, `grandpa_subscribeJustifications`, `grandpa_proveFinality`
//!   (sc-consensus-grandpa-rpc), which the proof-bundle builder of `client/sdk` uses.

use std::sync::Arc;

use dengji_runtime::{opaque::Block, AccountId, Nonce};
use jsonrpsee::RpcModule;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_runtime::traits::Block as BlockT;

/// What the GRANDPA RPC needs.
pub struct GrandpaDeps<B> {
	/// Voter state, for `grandpa_roundState`.
	pub shared_voter_state: SharedVoterState,
	/// Authority set, for `grandpa_roundState`.
	pub shared_authority_set:
		SharedAuthoritySet<<Block as BlockT>::Hash, dengji_runtime::BlockNumber>,
	/// Justifications as they are produced.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Executor for subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Finality proofs, for `grandpa_proveFinality`.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Dependencies of the full node's RPC extensions.
pub struct FullDeps<C, P, B> {
	/// The client.
	pub client: Arc<C>,
	/// Transaction pool.
	pub pool: Arc<P>,
	/// GRANDPA.
	pub grandpa: GrandpaDeps<B>,
}

/// Builds the RPC extensions of a full node.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;
	let GrandpaDeps {
		shared_voter_state,
		shared_authority_set,
		justification_stream,
		subscription_executor,
		finality_provider,
	} = grandpa;

	module.merge(System::new(client, pool).into_rpc())?;
	module.merge(
		Grandpa::new(
			subscription_executor,
			shared_authority_set,
			shared_voter_state,
			justification_stream,
			finality_provider,
		)
		.into_rpc(),
	)?;

	Ok(module)
}
