//! Trust roots and proof bundles from standard RPCs, and online verification.
//!
//! A bundle is assembled from any node with `chain_getFinalizedHead`, `chain_getHeader`,
//! `chain_getBlock` (stored justifications), `grandpa_proveFinality` (justifications of the
//! blocks that end each authority set) and `state_getReadProof`; nothing in it is trusted:
//! [`dengji_verify::verify`] checks every hash and signature against the verifier's trust root.

use crate::{
	client::within,
	error::{Error, NodeFault, Result},
	reader::Reader,
	rpc::{self, BlockRef},
	timeouts,
};
use dengji_primitives::{CertificateCode, Moment};
use dengji_verify::{
	Authority, AuthoritySetChange, GrandpaJustification, Header, Policy, ProofBundle, TrustRoot,
	UnixTimeMs, Verification,
};

/// The result of [`Reader::verify_online`]: the verdict with its proved facts, and the bundle it
/// was derived from (keep it as evidence, or hand it to someone who verifies offline).
#[derive(Clone, Debug)]
pub struct OnlineVerification {
	/// Verdict and proved facts.
	pub verification: Verification,
	/// The bundle checked.
	pub bundle: ProofBundle,
}

/// Milliseconds since the Unix epoch by the local clock.
pub fn system_now_ms() -> Moment {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or(0)
}

impl Reader {
	/// The trust root as this node sees it now: genesis hash, the current GRANDPA authority set
	/// (`GrandpaApi_grandpa_authorities`) and its id (`Grandpa::CurrentSetId`), at the finalized
	/// head, named after the chain (`system_chain`, the chain spec's `name`). Prefer a trust root
	/// computed offline from the published chain spec (`dengji_verify::genesis::from_raw_spec`). Export it once from nodes you trust and distribute it out of band.
	pub async fn trust_root(&self) -> Result<TrustRoot> {
		within("trust root", timeouts::BUNDLE, async {
			let head = self.finalized_head().await?;
			let authorities = self.rpc().grandpa_authorities(head.hash).await?;
			let set_id = self.rpc().grandpa_set_id(head.hash).await?;
			let chain = tokio::time::timeout(timeouts::REQUEST, self.rpc().legacy().system_chain())
				.await
				.map_err(|_| Error::Timeout { what: "system_chain", after: timeouts::REQUEST })?
				.map_err(Error::rpc("system_chain"))?;
			let root = TrustRoot::new(
				self.genesis_hash(),
				set_id,
				authorities.into_iter().map(|(id, weight)| Authority { id, weight }).collect(),
			)
			.with_chain(chain);
			root.validate()?;
			Ok(root)
		})
		.await
	}

	/// Builds a proof bundle for `code` anchored at `trust`. The bundle is checked locally before
	/// it is returned (a set change racing the build is retried once).
	pub async fn build_bundle(
		&self,
		code: &CertificateCode,
		trust: &TrustRoot,
	) -> Result<ProofBundle> {
		if trust.genesis_hash != self.genesis_hash() {
			let (node, trust_root) = (self.genesis_hash(), trust.genesis_hash);
			return Err(NodeFault::WrongChain { node, trust_root }.into());
		}
		within("proof bundle", timeouts::BUNDLE, async {
			let mut last_err = None;
			for _attempt in 0..2 {
				let bundle = self.assemble_bundle(code, trust).await?;
				let lenient = Policy { max_age_ms: u64::MAX, require_sm2: false };
				match dengji_verify::verify_detailed(&bundle, trust, &lenient, UnixTimeMs::now()) {
					Ok(_) => return Ok(bundle),
					Err(e) => {
						log::warn!("bundle for {code} did not verify ({e}); rebuilding");
						last_err = Some(e);
					}
				}
			}
			Err(last_err.map_or(Error::Node(NodeFault::NoBundle), Error::Verify))
		})
		.await
	}

	/// [`Reader::build_bundle`] with the holder proof a presentation needs (YX-R §30): the
	/// certificate subject's record `Institutions::Subjects[subject]`, with its accounts, proved
	/// under the same finalized state root (a version-2 bundle, see
	/// [`dengji_verify::verify_presentation`]). A code without a certificate gives a version-1
	/// bundle proving its absence.
	pub async fn build_holder_bundle(
		&self,
		code: &CertificateCode,
		trust: &TrustRoot,
	) -> Result<ProofBundle> {
		let mut bundle = self.build_bundle(code, trust).await?;
		let at = bundle.header.hash();
		let raw = self.rpc().storage(&dengji_verify::keys::certificate_key(code), Some(at)).await?;
		let Some(raw) = raw else { return Ok(bundle) };
		let record = <dengji_primitives::CertificateRecord as codec::Decode>::decode(&mut &raw[..])
			.map_err(|e| Error::Decode { what: "certificate record", reason: e.to_string() })?;
		let key = dengji_verify::keys::subject_key(&record.body.subject);
		bundle.holder_proof = self.rpc().read_proof(&[key], at).await?;
		Ok(bundle)
	}

	/// Builds a bundle for `code` and verifies it with [`dengji_verify::verify_detailed`] at
	/// `now` (default: the local clock). `trust` should be a trust root obtained out of band;
	/// without one, the node's own [`Reader::trust_root`] is used (trust on first use: the proofs
	/// are still checked, but against authorities this node named).
	pub async fn verify_online(
		&self,
		code: &CertificateCode,
		trust: Option<&TrustRoot>,
		policy: &Policy,
		now: Option<UnixTimeMs>,
	) -> Result<OnlineVerification> {
		let fetched;
		let trust = match trust {
			Some(t) => t,
			None => {
				fetched = self.trust_root().await?;
				&fetched
			}
		};
		let bundle = self.build_bundle(code, trust).await?;
		let verification = dengji_verify::verify_detailed(
			&bundle,
			trust,
			policy,
			now.unwrap_or_else(UnixTimeMs::now),
		)?;
		Ok(OnlineVerification { verification, bundle })
	}

	async fn assemble_bundle(
		&self,
		code: &CertificateCode,
		trust: &TrustRoot,
	) -> Result<ProofBundle> {
		let rpc = self.rpc();
		let head = self.finalized_head().await?;
		let current_set = rpc.grandpa_set_id(head.hash).await?;
		if current_set < trust.set_id {
			let (node, trust_root) = (current_set, trust.set_id);
			return Err(NodeFault::StaleAuthoritySet { node, trust_root }.into());
		}
		// Walk the authority sets from genesis: `grandpa_proveFinality(n)` for a block `n` of an
		// ended set returns the justification of that set's last block, which carries the
		// `ScheduledChange` to the next set. Keep the changes after the trust root's set.
		let mut set_changes = Vec::new();
		let mut last_change: Option<u32> = None;
		let mut from = 1u32;
		for set in 0..current_set {
			// Set ends never change once finalized: reuse what earlier bundles discovered.
			let cached = self.set_ends.lock().ok().and_then(|c| c.get(&set).cloned());
			let change = match cached {
				Some(c) => c,
				None => {
					let proof =
						rpc.prove_finality(from).await?.ok_or(NodeFault::NoSetEndProof { set })?;
					let justification = rpc::decode_justification(&proof.justification)?;
					let header = rpc.header(proof.block).await?;
					let change = AuthoritySetChange { header, justification };
					if let Ok(mut c) = self.set_ends.lock() {
						c.insert(set, change.clone());
					}
					change
				}
			};
			let number = change.justification.commit.target_number;
			if set >= trust.set_id {
				set_changes.push(change);
			}
			last_change = Some(number);
			from = number.saturating_add(1);
		}
		// The finalized header, justified by the current set.
		let (header, justification) = self.latest_justified(head, last_change).await?;
		let keys = crate::keys::proof_keys(code);
		let read_proof = rpc.read_proof(&keys, header.hash()).await?;
		Ok(ProofBundle {
			trust_root: trust.id(),
			code: *code,
			set_changes,
			header,
			justification,
			read_proof,
			holder_proof: Vec::new(),
		})
	}

	/// A finalized block with a GRANDPA justification that is at least as new as `head` (the
	/// finalized head when the bundle was asked for, so the proof shows everything finalized
	/// by then) and after `after` (the last set change, so the current set signed it). The node
	/// stores a justification every few blocks: this usually takes one or two block times. If
	/// none comes within [`timeouts::FRESH_JUSTIFICATION_WAIT`], an older one is accepted
	/// (within [`timeouts::JUSTIFICATION_LOOKBACK`] blocks, or the node's latest via
	/// `grandpa_proveFinality`); the verifier's freshness policy then judges its age.
	async fn latest_justified(
		&self,
		mut head: BlockRef,
		after: Option<u32>,
	) -> Result<(Header, GrandpaJustification)> {
		let rpc = self.rpc();
		let first_allowed = after.map_or(0, |a| a.saturating_add(1));
		let fresh_floor = head.number.max(first_allowed);
		let started = std::time::Instant::now();
		let mut checked_up_to: Option<u32> = None;
		loop {
			let relaxed = started.elapsed() >= timeouts::FRESH_JUSTIFICATION_WAIT;
			let floor = if relaxed {
				head.number.saturating_sub(timeouts::JUSTIFICATION_LOOKBACK).max(first_allowed)
			} else {
				fresh_floor
			};
			let mut n = head.number;
			while n >= floor {
				// Blocks already looked at keep having no justification.
				if !relaxed && checked_up_to.is_some_and(|c| n <= c) {
					break;
				}
				let hash =
					if n == head.number { Some(head.hash) } else { rpc.block_hash(n).await? };
				if let Some(hash) = hash {
					if let Some(j) = rpc.block_justification(hash).await? {
						let justification = rpc::decode_justification(&j)?;
						if justification.commit.target_hash == hash {
							return Ok((rpc.header(hash).await?, justification));
						}
					}
				}
				if n == 0 {
					break;
				}
				n -= 1;
			}
			checked_up_to = Some(head.number);
			// The node's latest justification (answers only after the first set change).
			if let Ok(Some(p)) = rpc.prove_finality(head.number).await {
				let justification = rpc::decode_justification(&p.justification)?;
				if justification.commit.target_number >= floor {
					return Ok((rpc.header(p.block).await?, justification));
				}
			}
			log::info!("waiting for a GRANDPA justification of block #{} or later", fresh_floor);
			tokio::time::sleep(timeouts::POLL_INTERVAL).await;
			head = self.finalized_head().await?;
		}
	}
}

/// Reads a bundle from its binary (`DJPB…`) or JSON form.
pub fn bundle_from_bytes(bytes: &[u8]) -> Result<ProofBundle> {
	if bytes.starts_with(&dengji_verify::BUNDLE_MAGIC) {
		Ok(ProofBundle::from_bytes(bytes)?)
	} else {
		let s = std::str::from_utf8(bytes)
			.map_err(|e| Error::Decode { what: "proof bundle", reason: e.to_string() })?;
		Ok(ProofBundle::from_json(s)?)
	}
}
