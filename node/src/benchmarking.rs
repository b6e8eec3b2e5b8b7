//! Builders for `dengji-node benchmark overhead`: signed `System::remark` transactions and the
//! inherent data of a benchmark block (after the polkadot-sdk solochain template's
//! `benchmarking.rs`). Benchmarking only.
//!
//! Dengji has no fee token: only participants may sign, and each account may have at most
//! `MaxTransactionsPerBlock` transactions in a block (`pallet_institutions::CheckParticipant`).
//! A single signer would end the benchmark block after that many remarks, so [`RemarkBuilder`]
//! rotates over every development account that the chain accepts as a signer.

use crate::service::FullClient;

use codec::Encode;
use dengji_runtime::{self as runtime, AccountId, Nonce, SystemCall};
use sc_cli::Result;
use sc_client_api::{BlockBackend, UsageProvider};
use sp_api::ProvideRuntimeApi;
use sp_core::{sr25519, Pair};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era, transaction_validity::TransactionSource, OpaqueExtrinsic, SaturatedConversion,
};
use sp_transaction_pool::runtime_api::TaggedTransactionQueue;
use std::{sync::Arc, time::Duration};
use substrate_frame_rpc_system::AccountNonceApi;

/// Development accounts tried as signers; those the chain refuses are left out.
const CANDIDATES: [Sr25519Keyring; 8] = [
	Sr25519Keyring::Alice,
	Sr25519Keyring::Bob,
	Sr25519Keyring::Charlie,
	Sr25519Keyring::Dave,
	Sr25519Keyring::Eve,
	Sr25519Keyring::Ferdie,
	Sr25519Keyring::One,
	Sr25519Keyring::Two,
];

/// Builds `System::remark` transactions for `benchmark overhead`, signed in turn by the
/// participants among [`CANDIDATES`] at the best block.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
	/// Participants' keys and their account nonce at the best block.
	signers: Vec<(sr25519::Pair, Nonce)>,
}

impl RemarkBuilder {
	/// The builder for the chain of `client`; fails when no development account may transact.
	pub fn new(client: Arc<FullClient>) -> Result<Self> {
		let best = client.usage_info().chain.best_hash;
		let api = client.runtime_api();
		let mut signers = Vec::new();
		for who in CANDIDATES {
			let account: AccountId = who.to_account_id();
			let nonce = api
				.account_nonce(best, account)
				.map_err(|e| format!("account nonce of {who:?}: {e}"))?;
			let probe: OpaqueExtrinsic = remark(&client, &who.pair(), nonce).into();
			let validity = api
				.validate_transaction(best, TransactionSource::External, probe, best)
				.map_err(|e| format!("validating a remark of {who:?}: {e}"))?;
			if validity.is_ok() {
				signers.push((who.pair(), nonce));
			}
		}
		if signers.is_empty() {
			return Err("no development account is a participant of this chain".into());
		}
		log::info!("benchmark remarks signed by {} participant accounts", signers.len());
		Ok(Self { client, signers })
	}
}

impl frame_benchmarking_cli::ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	/// The `nonce`-th remark of the block: signers take turns, so each signer's own nonce is
	/// `nonce / signers` above its nonce at the best block.
	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let count = self.signers.len() as u32;
		let (pair, base) = &self.signers[(nonce % count) as usize];
		Ok(remark(&self.client, pair, base + nonce / count).into())
	}
}

/// An empty `System::remark` signed by `sender` with the account nonce `nonce`, valid on the
/// client's best block.
fn remark(
	client: &FullClient,
	sender: &sr25519::Pair,
	nonce: Nonce,
) -> runtime::UncheckedExtrinsic {
	create_benchmark_extrinsic(client, sender, SystemCall::remark { remark: vec![] }.into(), nonce)
}

/// A transaction of `call` signed by `sender`, with every extension of [`runtime::TxExtension`].
pub fn create_benchmark_extrinsic(
	client: &FullClient,
	sender: &sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: Nonce,
) -> runtime::UncheckedExtrinsic {
	let genesis_hash = client.block_hash(0).ok().flatten().expect("genesis block exists; qed");
	let chain = client.usage_info().chain;
	// Mortal over half of the `BlockHashCount` (2400) window, rounded to a power of two.
	let period = 2400u64.next_power_of_two() / 2;
	let tx_ext: runtime::TxExtension = (
		frame_system::AuthorizeCall::<runtime::Runtime>::new(),
		frame_system::CheckNonZeroSender::<runtime::Runtime>::new(),
		frame_system::CheckSpecVersion::<runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<runtime::Runtime>::new(),
		frame_system::CheckGenesis::<runtime::Runtime>::new(),
		frame_system::CheckEra::<runtime::Runtime>::from(Era::mortal(
			period,
			chain.best_number.saturated_into(),
		)),
		frame_system::CheckNonce::<runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<runtime::Runtime>::new(),
		pallet_institutions::CheckParticipant::<runtime::Runtime>::new(),
		frame_metadata_hash_extension::CheckMetadataHash::<runtime::Runtime>::new(false),
		frame_system::WeightReclaim::<runtime::Runtime>::new(),
	);
	let raw_payload = runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		(
			(),
			(),
			runtime::VERSION.spec_version,
			runtime::VERSION.transaction_version,
			genesis_hash,
			chain.best_hash,
			(),
			(),
			(),
			None,
			(),
		),
	);
	let signature = raw_payload.using_encoded(|payload| sender.sign(payload));
	runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}

/// Inherent data of a benchmark block: the timestamp 0 (slot 0 of a fresh chain).
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(Duration::from_millis(0).into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
