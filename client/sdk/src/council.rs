//! Governance by the province data authority council (数据主管部门, `Council`, pallet-collective
//! instance 1; docs/spec/DESIGN.md §3, Governance; issue 11 §1, §3).
//!
//! A data-authority call is carried by a council motion: [`propose`] (the threshold is the
//! runtime's, never chosen by the proposer), [`vote`], [`close`]; [`motions`] lists the open ones
//! with their calls decoded. Runtime upgrades: [`upgrade`] proposes
//! `Governance::authorize_upgrade(blake2_256(wasm))` and, once the motion has passed,
//! [`apply_upgrade`] submits the code with `System::apply_authorized_upgrade` (frame_system checks
//! the hash, the spec name and that `spec_version` increases).
//!
//! Where the thresholds come from: the runtime publishes them as the metadata constants
//! `Governance::AuthorityThreshold` (2/3: every other data-authority call) and
//! `Governance::UpgradeThreshold` (3/4: `Governance::authorize_upgrade`), `(numerator,
//! denominator)` pairs equal to the origins in runtime/src/configs/mod.rs (a runtime test checks
//! it). The motion's `threshold` argument is `ceil(members × n / d)` ayes ([`votes_needed`]).
//!
//! Bounds of `close`: the length bound is the exact length of the stored proposal
//! (`Council::ProposalOf`), the weight bound is the runtime's `Council::MaxProposalWeight`
//! constant. That is sound without a fee pallet or dry run: `propose` already refused any call
//! heavier than `MaxProposalWeight`, so the bound always covers the call's weight, and the
//! collective refunds the unused part after execution.

use crate::{
	call::{Arg, Call},
	client::{ChainEvent, Client, Submitted},
	error::{Error, Missing, Result},
	keys,
	roles::authority,
	signer::{account_to_ss58, AccountId, Signer},
};
use codec::Decode;
use subxt::ext::scale_value;

/// `Council` pallet name.
pub const COUNCIL: &str = "Council";
/// `Governance` pallet name (runtime upgrades by the council).
pub const GOVERNANCE: &str = "Governance";

/// The runtime's fixed council thresholds, `(numerator, denominator)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Thresholds {
	/// Every data-authority call except runtime upgrades (2/3 in the Dengji runtime).
	pub authority: (u32, u32),
	/// `Governance::authorize_upgrade` (3/4).
	pub upgrade: (u32, u32),
}

impl Thresholds {
	/// The proportion a motion carrying `call` (`pallet`, call `name`) must reach.
	pub fn for_call(&self, pallet: &str, name: &str) -> (u32, u32) {
		if pallet == GOVERNANCE && name == "authorize_upgrade" {
			self.upgrade
		} else {
			self.authority
		}
	}
}

/// Ayes needed out of `members` for `(n, d)`: `ceil(members × n / d)`, at least 1.
pub fn votes_needed((n, d): (u32, u32), members: u32) -> u32 {
	let d = d.max(1);
	(u64::from(members) * u64::from(n)).div_ceil(u64::from(d)).clamp(1, u64::from(u32::MAX)) as u32
}

/// The motion's hash: BLAKE2-256 of the SCALE-encoded call (the runtime's `T::Hashing`).
pub fn proposal_hash(call_data: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(call_data)
}

/// The hash under which runtime code is authorised: BLAKE2-256 of the blob exactly as it will be
/// submitted (compressed or not).
pub fn code_hash(wasm: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(wasm)
}

/// `Governance::authorize_upgrade(code_hash)`: the call a council motion carries to authorise
/// new runtime code (3/4 of the council).
pub fn authorize_upgrade(code_hash: [u8; 32]) -> Call {
	Call::new(GOVERNANCE, "authorize_upgrade", vec![Arg::scale(&code_hash)])
}

/// `System::apply_authorized_upgrade(code)`: anyone supplies authorised code.
pub fn apply_authorized_upgrade(wasm: Vec<u8>) -> Call {
	Call::new("System", "apply_authorized_upgrade", vec![Arg::scale(&wasm)])
}

fn decode_constant<T: Decode>(
	metadata: &subxt::Metadata,
	pallet: &str,
	name: &'static str,
) -> Result<T> {
	let bytes = metadata
		.pallet_by_name(pallet)
		.and_then(|p| p.constant_by_name(name))
		.ok_or(Error::NotFound(Missing::Storage(name)))?
		.value()
		.to_vec();
	T::decode(&mut &bytes[..]).map_err(Error::decode(name))
}

/// The runtime's council thresholds, from the metadata constants of `Governance`.
pub async fn thresholds(client: &Client) -> Result<Thresholds> {
	let at = client.api().at_current_block().await?;
	let m = at.metadata();
	Ok(Thresholds {
		authority: decode_constant(&m, GOVERNANCE, "AuthorityThreshold")?,
		upgrade: decode_constant(&m, GOVERNANCE, "UpgradeThreshold")?,
	})
}

/// `Council::MaxProposalWeight` as `(ref_time, proof_size)`.
pub async fn max_proposal_weight(client: &Client) -> Result<(u64, u64)> {
	#[derive(Decode)]
	struct Weight {
		#[codec(compact)]
		ref_time: u64,
		#[codec(compact)]
		proof_size: u64,
	}
	let at = client.api().at_current_block().await?;
	let w: Weight = decode_constant(&at.metadata(), COUNCIL, "MaxProposalWeight")?;
	Ok((w.ref_time, w.proof_size))
}

/// The council's members at the finalized head.
pub async fn members(client: &Client) -> Result<Vec<AccountId>> {
	Ok(client
		.reader()
		.storage("Council::Members", &keys::item_prefix(COUNCIL, "Members"), None)
		.await?
		.unwrap_or_default())
}

fn identity_key(item: &str, hash: &[u8; 32]) -> Vec<u8> {
	let mut key = keys::item_prefix(COUNCIL, item).to_vec();
	key.extend_from_slice(hash);
	key
}

/// What a motion became when it was proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Proposal {
	/// Open for votes as motion `index` (`Council::Proposed`).
	Open {
		/// Motion index (for `vote` and `close`).
		index: u32,
	},
	/// A threshold of 1 (a one-member council, as on `dev`): executed at once, successfully
	/// (`Council::Executed { result: Ok }`).
	Executed,
}

/// A submitted motion.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Proposed {
	/// `Pallet.call` carried.
	pub call: String,
	/// BLAKE2-256 of the encoded call.
	#[serde(with = "crate::rpc::hex_bytes32")]
	pub hash: [u8; 32],
	/// Encoded call length (the motion's length bound).
	pub length: u32,
	/// Ayes needed (the runtime's proportion of `members`).
	pub threshold: u32,
	/// Council size when proposed.
	pub members: u32,
	/// Open (with its index) or already executed.
	pub outcome: Proposal,
	/// The block from which the motion may be closed without every member's vote
	/// (`Council::Voting.end`: the proposal's block plus the runtime's `MotionDuration`);
	/// `None` when it executed at once.
	pub end: Option<u32>,
	/// The `Council::propose` transaction.
	pub submitted: Submitted,
}

/// `Council::propose` of `call` with the runtime's threshold for it.
pub async fn propose(client: &Client, signer: &Signer, call: &Call) -> Result<Proposed> {
	let data = client.call_data(call).await?;
	propose_call_data(client, signer, data).await
}

/// `Council::propose` of an already encoded call (`--call-data`); the threshold is chosen from
/// the decoded call's pallet and name.
pub async fn propose_call_data(
	client: &Client,
	signer: &Signer,
	call_data: Vec<u8>,
) -> Result<Proposed> {
	let at = client.api().at_current_block().await?;
	let metadata = at.metadata();
	let decoded = decode_call(&metadata, &call_data)?;
	let proportion = thresholds(client).await?.for_call(&decoded.pallet, &decoded.name);
	let members = u32::try_from(members(client).await?.len()).unwrap_or(u32::MAX);
	let threshold = votes_needed(proportion, members);
	let hash = proposal_hash(&call_data);
	let length = u32::try_from(call_data.len()).unwrap_or(u32::MAX);
	let submitted = client.submit(&authority::propose(threshold, call_data), signer).await?;
	let outcome = if let Some(e) = submitted.event(COUNCIL, "Proposed") {
		let index = e
			.field("proposal_index")
			.and_then(|v| v.as_u64())
			.and_then(|v| u32::try_from(v).ok())
			.ok_or(Error::Decode {
				what: "Council::Proposed",
				reason: "no proposal_index".into(),
			})?;
		Proposal::Open { index }
	} else if let Some(e) = submitted.event(COUNCIL, "Executed") {
		executed_result(e, &metadata, &submitted)?;
		Proposal::Executed
	} else {
		return Err(Error::Decode {
			what: "Council::propose events",
			reason: "neither Proposed nor Executed".into(),
		});
	};
	// The voting end as stored in the block that opened the motion (finalized, so readable).
	let end = match outcome {
		Proposal::Open { .. } => client
			.reader()
			.storage::<Votes>(
				"Council::Voting",
				&identity_key("Voting", &hash),
				Some(submitted.block.hash),
			)
			.await?
			.map(|v| v.end),
		Proposal::Executed => None,
	};
	Ok(Proposed {
		call: format!("{}.{}", decoded.pallet, decoded.name),
		hash,
		length,
		threshold,
		members,
		outcome,
		end,
		submitted,
	})
}

/// `Council::Executed { result }`: `Ok` or the inner call's error as [`Error::Dispatch`] with
/// `inner = true` (e.g. `BadOrigin` when the motion's ayes are below the call's origin).
fn executed_result(
	e: &ChainEvent,
	metadata: &subxt::Metadata,
	submitted: &Submitted,
) -> Result<()> {
	let Some(result) = e.field("result") else {
		return Err(Error::Decode { what: "Council::Executed", reason: "no result".into() });
	};
	if result.get("name").and_then(|n| n.as_str()) == Some("Ok") {
		return Ok(());
	}
	let inner = result.get("values").and_then(|v| v.get(0)).unwrap_or(result);
	let (pallet, error) = dispatch_error_name(inner, metadata);
	Err(Error::Dispatch {
		call: submitted.call.clone(),
		inner: true,
		pallet,
		error,
		docs: "the motion executed, the carried call failed".into(),
		block: submitted.block.hash,
	})
}

/// `(pallet, error)` of a `DispatchError` rendered as scale-value JSON.
fn dispatch_error_name(v: &serde_json::Value, metadata: &subxt::Metadata) -> (String, String) {
	let kind = v.get("name").and_then(|n| n.as_str()).unwrap_or("Other").to_string();
	if kind != "Module" {
		return ("System".into(), kind);
	}
	let module = v.get("values").and_then(|v| v.get(0));
	let index = module.and_then(|m| m.get("index")).and_then(|i| i.as_u64());
	let error = module.and_then(|m| m.get("error")).and_then(|e| e.get(0)).and_then(|e| e.as_u64());
	match (index, error) {
		(Some(i), Some(e)) => {
			let pallet = metadata.pallet_by_error_index(i as u8);
			let name = pallet
				.as_ref()
				.and_then(|p| p.error_variant_by_index(e as u8))
				.map(|v| v.name.clone())
				.unwrap_or_else(|| format!("error#{e}"));
			(pallet.map(|p| p.name().to_string()).unwrap_or_else(|| format!("pallet#{i}")), name)
		}
		_ => ("System".into(), "Module".into()),
	}
}

/// `Council::vote` on motion `index` with hash `hash`.
pub async fn vote(
	client: &Client,
	signer: &Signer,
	hash: [u8; 32],
	index: u32,
	approve: bool,
) -> Result<Submitted> {
	client.submit(&authority::vote(hash, index, approve), signer).await
}

/// What `close` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Closed {
	/// Approved and executed successfully.
	Executed,
	/// Not approved: removed without executing (`Council::Disapproved`).
	Disapproved,
}

/// The outcome of [`close`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct Closing {
	/// Executed or disapproved.
	pub outcome: Closed,
	/// Weight bound passed `(ref_time, proof_size)`: `Council::MaxProposalWeight`.
	pub weight_bound: (u64, u64),
	/// Length bound passed: the stored proposal's length.
	pub length_bound: u32,
	/// The `Council::close` transaction.
	pub submitted: Submitted,
}

/// `Council::close` of motion `index`, with the length of the stored proposal and the runtime's
/// `MaxProposalWeight` as bounds (module docs). A motion that executed but whose call failed
/// is [`Error::Dispatch`] with `inner = true`.
pub async fn close(
	client: &Client,
	signer: &Signer,
	hash: [u8; 32],
	index: u32,
) -> Result<Closing> {
	let call: Vec<u8> = client
		.reader()
		.rpc()
		.storage(&identity_key("ProposalOf", &hash), None)
		.await?
		.ok_or(Error::NotFound(Missing::Storage("Council::ProposalOf")))?;
	let length_bound = u32::try_from(call.len()).unwrap_or(u32::MAX);
	let weight_bound = max_proposal_weight(client).await?;
	let submitted =
		client.submit(&authority::close(hash, index, weight_bound, length_bound), signer).await?;
	let outcome = if let Some(e) = submitted.event(COUNCIL, "Executed") {
		let at = client.api().at_current_block().await?;
		executed_result(e, &at.metadata(), &submitted)?;
		Closed::Executed
	} else {
		Closed::Disapproved
	};
	Ok(Closing { outcome, weight_bound, length_bound, submitted })
}

/// A call decoded through the metadata.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DecodedCall {
	/// Pallet name.
	pub pallet: String,
	/// Call name.
	pub name: String,
	/// Arguments by name (scale-value JSON).
	pub args: serde_json::Value,
}

/// Decodes a SCALE-encoded `RuntimeCall`.
pub fn decode_call(metadata: &subxt::Metadata, call_data: &[u8]) -> Result<DecodedCall> {
	let ty = metadata.outer_enums().call_enum_ty();
	let mut bytes = call_data;
	let value = scale_value::scale::decode_as_type(&mut bytes, ty, metadata.types())
		.map_err(|e| Error::Decode { what: "runtime call", reason: e.to_string() })?
		.remove_context();
	let bad = || Error::Decode { what: "runtime call", reason: "not a pallet call".into() };
	let scale_value::ValueDef::Variant(pallet) = value.value else { return Err(bad()) };
	let inner = pallet.values.into_values().next().ok_or_else(bad)?;
	let scale_value::ValueDef::Variant(call) = inner.value else { return Err(bad()) };
	Ok(DecodedCall {
		pallet: pallet.name,
		name: call.name,
		args: serde_json::to_value(&call.values).unwrap_or(serde_json::Value::Null),
	})
}

/// An open council motion.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Motion {
	/// Motion hash.
	#[serde(with = "crate::rpc::hex_bytes32")]
	pub hash: [u8; 32],
	/// Motion index.
	pub index: u32,
	/// The call it carries (`None` if the proposal is gone).
	pub call: Option<DecodedCall>,
	/// Encoded call length.
	pub length: u32,
	/// Ayes (SS58).
	pub ayes: Vec<String>,
	/// Nays (SS58).
	pub nays: Vec<String>,
	/// Ayes needed.
	pub threshold: u32,
	/// Block after which the motion may be closed even without all votes.
	pub end: u32,
}

#[derive(Decode)]
struct Votes {
	index: u32,
	threshold: u32,
	ayes: Vec<AccountId>,
	nays: Vec<AccountId>,
	end: u32,
}

/// The open motions at the finalized head (`Council::Proposals`, `ProposalOf`, `Voting`).
pub async fn motions(client: &Client) -> Result<Vec<Motion>> {
	let reader = client.reader();
	let head = reader.finalized_head().await?.hash;
	let at = client.api().at_current_block().await?;
	let metadata = at.metadata();
	let hashes: Vec<[u8; 32]> = reader
		.storage("Council::Proposals", &keys::item_prefix(COUNCIL, "Proposals"), Some(head))
		.await?
		.unwrap_or_default();
	let mut out = Vec::with_capacity(hashes.len());
	for hash in hashes {
		let data = reader.rpc().storage(&identity_key("ProposalOf", &hash), Some(head)).await?;
		let votes: Option<Votes> =
			reader.storage("Council::Voting", &identity_key("Voting", &hash), Some(head)).await?;
		let Some(votes) = votes else { continue };
		out.push(Motion {
			hash,
			index: votes.index,
			call: data.as_deref().map(|d| decode_call(&metadata, d)).transpose()?,
			length: data.map_or(0, |d| u32::try_from(d.len()).unwrap_or(u32::MAX)),
			ayes: votes.ayes.iter().map(account_to_ss58).collect(),
			nays: votes.nays.iter().map(account_to_ss58).collect(),
			threshold: votes.threshold,
			end: votes.end,
		});
	}
	out.sort_by_key(|m| m.index);
	Ok(out)
}

/// The state of a runtime upgrade driven by [`upgrade`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct Upgrade {
	/// BLAKE2-256 of the code.
	#[serde(with = "crate::rpc::hex_bytes32")]
	pub code_hash: [u8; 32],
	/// The motion carrying `Governance::authorize_upgrade`.
	pub motion: Proposed,
	/// `System::apply_authorized_upgrade`, when the motion executed at once (a one-member
	/// council); otherwise the members vote, someone closes, then [`apply_upgrade`].
	pub applied: Option<Submitted>,
}

/// Proposes the upgrade to `wasm` by council motion and, when the motion executes at once,
/// applies it. Otherwise returns the open motion: after the votes and [`close`], call
/// [`apply_upgrade`].
pub async fn upgrade(client: &Client, signer: &Signer, wasm: &[u8]) -> Result<Upgrade> {
	let code_hash = code_hash(wasm);
	let motion = propose(client, signer, &authorize_upgrade(code_hash)).await?;
	let applied = match motion.outcome {
		Proposal::Executed => Some(apply_upgrade(client, signer, wasm).await?),
		Proposal::Open { .. } => None,
	};
	Ok(Upgrade { code_hash, motion, applied })
}

/// `System::apply_authorized_upgrade(wasm)`: succeeds with `System::CodeUpdated` in the
/// events; refused code is an error: [`Error::Dispatch`] `System::Unauthorized` (not the
/// authorised hash) or, from `System::RejectedInvalidAuthorizedUpgrade`, the version check that
/// failed (`SpecVersionNeedsToIncrease`, `InvalidSpecName`, `FailedToExtractRuntimeVersion`; the
/// authorisation is then spent).
pub async fn apply_upgrade(client: &Client, signer: &Signer, wasm: &[u8]) -> Result<Submitted> {
	let submitted = client.submit(&apply_authorized_upgrade(wasm.to_vec()), signer).await?;
	if let Some(e) = submitted.event("System", "RejectedInvalidAuthorizedUpgrade") {
		let at = client.api().at_current_block().await?;
		let (pallet, error) = e
			.field("error")
			.map(|v| dispatch_error_name(v, &at.metadata()))
			.unwrap_or_else(|| ("System".into(), "RejectedInvalidAuthorizedUpgrade".into()));
		return Err(Error::Dispatch {
			call: submitted.call.clone(),
			inner: false,
			pallet,
			error,
			docs: "the runtime refused the authorised code; the authorisation is spent".into(),
			block: submitted.block.hash,
		});
	}
	if submitted.event("System", "CodeUpdated").is_none() {
		return Err(Error::Decode {
			what: "System::apply_authorized_upgrade events",
			reason: "no CodeUpdated".into(),
		});
	}
	Ok(submitted)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn votes_needed_rounds_up() {
		assert_eq!(votes_needed((2, 3), 1), 1);
		assert_eq!(votes_needed((2, 3), 3), 2);
		assert_eq!(votes_needed((2, 3), 4), 3);
		assert_eq!(votes_needed((3, 4), 4), 3);
		assert_eq!(votes_needed((3, 4), 5), 4);
		assert_eq!(votes_needed((3, 4), 0), 1);
	}

	#[test]
	fn upgrades_take_the_upgrade_threshold() {
		let t = Thresholds { authority: (2, 3), upgrade: (3, 4) };
		assert_eq!(t.for_call(GOVERNANCE, "authorize_upgrade"), (3, 4));
		assert_eq!(t.for_call("Institutions", "suspend_institution"), (2, 3));
		assert_eq!(authorize_upgrade([0; 32]).label(), "Governance.authorize_upgrade");
		assert_eq!(apply_authorized_upgrade(vec![]).label(), "System.apply_authorized_upgrade");
	}
}
