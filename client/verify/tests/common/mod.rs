//! Realistic fixtures, built the way the chain builds them: ed25519 GRANDPA voters signing
//! precommits (`sp_consensus_grandpa::localized_payload`), headers with Aura and `FRNK` digests,
//! and a state trie built by `sp-trie`/`trie-db` (`LayoutV1`, BLAKE2-256) whose read proof is
//! recorded by `trie-db`'s recorder exactly as `state_getReadProof` records it.
//!
//! Shared by the integration tests, `examples/gen_vectors.rs` and `benches/verify.rs`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use codec::Encode;
use dengji_primitives::{
	certificate::IssuingAct, BoundedName, CertificateBody, CertificateCode, CertificateRecord,
	CertificateStatus, DivisionCode, InstitutionRecord, InstitutionStatus, Moment, ObjectKind,
	Uscc,
};
use dengji_verify::{
	header::GRANDPA_ENGINE_ID, justification::precommit_payload, keys, Authority,
	AuthoritySetChange, Commit, Digest, DigestItem, GrandpaJustification, Hash, Header, Precommit,
	ProofBundle, ScheduledChange, SignedPrecommit, TrustRoot, TrustRootId,
};
use ed25519_dalek::{Signer, SigningKey};
use trie_db::{Trie, TrieMut};

/// BLAKE2-256 as `hash_db::Hasher` (`sp_core::Blake2Hasher`/`BlakeTwo256`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Blake2Hasher;

impl hash_db::Hasher for Blake2Hasher {
	type Out = [u8; 32];
	type StdHasher = hash256_std_hasher::Hash256StdHasher;
	const LENGTH: usize = 32;
	fn hash(x: &[u8]) -> Self::Out {
		sp_crypto_hashing::blake2_256(x)
	}
}

/// The runtime's trie layout (state version 1).
pub type Layout = sp_trie::LayoutV1<Blake2Hasher>;
type MemoryDb = memory_db::MemoryDB<Blake2Hasher, memory_db::HashKey<Blake2Hasher>, Vec<u8>>;

/// 2026-05-28T… UTC, in ms.
pub const NOW: Moment = 1_780_000_000_000;
/// A day in ms.
pub const DAY: Moment = 86_400_000;

pub fn blake2(data: &[u8]) -> Hash {
	sp_crypto_hashing::blake2_256(data)
}

pub fn genesis(tag: &str) -> Hash {
	blake2(format!("dengji genesis {tag}").as_bytes())
}

pub fn signing_key(tag: &str, i: usize) -> SigningKey {
	SigningKey::from_bytes(&blake2(format!("{tag}/{i}").as_bytes()))
}

pub fn public(k: &SigningKey) -> [u8; 32] {
	k.verifying_key().to_bytes()
}

/// GRANDPA voters of set `set_id` of the `local` chain.
pub fn voters(n: usize, set_id: u64) -> Vec<SigningKey> {
	chain_voters("local", n, set_id)
}

/// GRANDPA voters of set `set_id` of `chain`.
pub fn chain_voters(chain: &str, n: usize, set_id: u64) -> Vec<SigningKey> {
	(0..n).map(|i| signing_key(&format!("{chain}/grandpa/set{set_id}"), i)).collect()
}

pub fn authorities(keys: &[SigningKey]) -> Vec<Authority> {
	keys.iter().map(|k| Authority { id: public(k), weight: 1 }).collect()
}

pub fn division() -> DivisionCode {
	DivisionCode::new(530400).unwrap()
}

pub fn code(serial: u32) -> CertificateCode {
	CertificateCode::new(division(), 2026, serial).unwrap()
}

pub fn uscc() -> Uscc {
	let first17 = b"91530400MA6K12345";
	let check = Uscc::check_character(first17).unwrap();
	let mut all = first17.to_vec();
	all.push(check);
	Uscc::from_bytes(&all).unwrap()
}

pub fn name(s: &str) -> BoundedName {
	BoundedName::try_from(s.as_bytes().to_vec()).unwrap()
}

/// The institution's current certificate-signing key.
pub fn issuer_key() -> SigningKey {
	signing_key("issuer/530400", 1)
}

/// A retired signing key of the same institution.
pub fn retired_issuer_key() -> SigningKey {
	signing_key("issuer/530400", 0)
}

pub fn body(code: CertificateCode, key: &SigningKey) -> CertificateBody {
	CertificateBody {
		code,
		registration: 42,
		act: IssuingAct::FirstTime,
		object: ObjectKind::DataProductOrService,
		subject: uscc(),
		subject_name: name("玉溪市数据运营有限公司"),
		data_name: name("玉溪市公共交通客流数据产品"),
		content_digest: blake2(b"registered basic information"),
		issuer: code.division,
		issuer_key: public(key),
		issued_on: 20_600,
		issued_at: NOW - 30 * DAY,
		valid_until: NOW + 3 * 365 * DAY,
		previous: None,
	}
}

pub fn record(
	genesis_hash: &Hash,
	code: CertificateCode,
	key: &SigningKey,
	status: CertificateStatus,
) -> CertificateRecord {
	let body = body(code, key);
	let signature = key.sign(&body.signing_payload(genesis_hash)).to_bytes();
	CertificateRecord { body, signature, status }
}

pub fn institution(status: InstitutionStatus) -> InstitutionRecord<[u8; 32]> {
	InstitutionRecord {
		division: division(),
		name: name("玉溪市公共数据资源登记中心"),
		status,
		signing_key: public(&issuer_key()),
		retired_keys: vec![public(&retired_issuer_key())].try_into().unwrap(),
		filed_at: None,
		taken_over_by: None,
		validator: Some([7; 32]),
		peer_id: Some(vec![0u8; 38].try_into().unwrap()),
	}
}

/// A header with Aura pre-runtime and seal digests (and any extra logs).
pub fn header(number: u32, parent: Hash, state_root: Hash, extra: Vec<DigestItem>) -> Header {
	let mut logs = vec![DigestItem::PreRuntime(*b"aura", (u64::from(number) + 1000).encode())];
	logs.extend(extra);
	logs.push(DigestItem::Seal(*b"aura", blake2(&number.to_le_bytes()).repeat(2)));
	Header {
		parent_hash: parent,
		number,
		state_root,
		extrinsics_root: blake2(format!("extrinsics {number}").as_bytes()),
		digest: Digest { logs },
	}
}

/// Signs a precommit for `(hash, number)` in `round` of set `set_id`.
pub fn sign_precommit(
	key: &SigningKey,
	hash: Hash,
	number: u32,
	round: u64,
	set_id: u64,
) -> SignedPrecommit {
	let precommit = Precommit { target_hash: hash, target_number: number };
	let signature = key.sign(&precommit_payload(&precommit, round, set_id)).to_bytes();
	SignedPrecommit { precommit, signature, id: public(key) }
}

/// A justification for `target` by `signers`, all precommitting the target itself.
pub fn justify(
	signers: &[SigningKey],
	set_id: u64,
	round: u64,
	target: &Header,
) -> GrandpaJustification {
	let hash = target.hash();
	GrandpaJustification {
		round,
		commit: Commit {
			target_hash: hash,
			target_number: target.number,
			precommits: signers
				.iter()
				.map(|k| sign_precommit(k, hash, target.number, round, set_id))
				.collect(),
		},
		votes_ancestries: vec![],
	}
}

/// A justification for `target` where signer `i` precommits the descendant `descendants[i %
/// (len + 1) - 1]` (or the target), with the needed descendants as `votes_ancestries`.
pub fn justify_with_descendants(
	signers: &[SigningKey],
	set_id: u64,
	round: u64,
	target: &Header,
	descendants: &[Header],
) -> GrandpaJustification {
	let mut j = justify(&[], set_id, round, target);
	let mut used = 0usize;
	for (i, k) in signers.iter().enumerate() {
		let pick = i % (descendants.len() + 1);
		let (hash, number) = if pick == 0 {
			(target.hash(), target.number)
		} else {
			used = used.max(pick);
			(descendants[pick - 1].hash(), descendants[pick - 1].number)
		};
		j.commit.precommits.push(sign_precommit(k, hash, number, round, set_id));
	}
	j.votes_ancestries = descendants[..used].to_vec();
	j
}

/// Deterministic pseudo-random bytes.
pub fn bytes(seed: &str, i: usize, len: usize) -> Vec<u8> {
	let mut out = Vec::with_capacity(len);
	let mut ctr = 0u32;
	while out.len() < len {
		out.extend_from_slice(&blake2(format!("{seed}/{i}/{ctr}").as_bytes()));
		ctr += 1;
	}
	out.truncate(len);
	out
}

/// A state trie: `entries` plus realistic filler (accounts, other certificates and institutions,
/// runtime code chunks). Returns the root and a database to prove from.
pub struct State {
	db: MemoryDb,
	pub root: Hash,
}

impl State {
	pub fn build(entries: &[(Vec<u8>, Vec<u8>)], filler: usize) -> Self {
		let mut db = MemoryDb::default();
		let mut root = Hash::default();
		{
			let mut t = trie_db::TrieDBMutBuilder::<Layout>::new(&mut db, &mut root).build();
			// Filler: System::Account-like entries, other certificates and institutions.
			let account_prefix =
				[sp_crypto_hashing::twox_128(b"System"), sp_crypto_hashing::twox_128(b"Account")]
					.concat();
			for i in 0..filler {
				let mut k = account_prefix.clone();
				k.extend(bytes("account", i, 48));
				t.insert(&k, &bytes("account-value", i, 80)).unwrap();
			}
			for serial in 1..=(filler as u32 / 4) {
				let c = code(1000 + serial);
				t.insert(&keys::certificate_key(&c), &bytes("cert", serial as usize, 420)).unwrap();
			}
			for d in [530100u32, 530300, 530402, 530421, 530500, 532300] {
				let div = DivisionCode::new(d).unwrap();
				t.insert(&keys::institution_key(&div), &bytes("inst", d as usize, 260)).unwrap();
			}
			for (k, v) in entries {
				t.insert(k, v).unwrap();
			}
		}
		Self { db, root }
	}

	/// The nodes `state_getReadProof(keys)` returns: recorded while reading, deduplicated.
	pub fn read_proof(&self, keys: &[Vec<u8>]) -> Vec<Vec<u8>> {
		let mut recorder = trie_db::recorder::Recorder::<Layout>::new();
		{
			let trie = trie_db::TrieDBBuilder::<Layout>::new(&self.db, &self.root)
				.with_recorder(&mut recorder)
				.build();
			for k in keys {
				trie.get(k).unwrap();
			}
		}
		let set: BTreeSet<Vec<u8>> = recorder.drain().into_iter().map(|r| r.data).collect();
		set.into_iter().collect()
	}

	/// `trie.get` through sp-trie/trie-db, for comparison.
	pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
		let trie = trie_db::TrieDBBuilder::<Layout>::new(&self.db, &self.root).build();
		trie.get(key).unwrap()
	}
}

/// Knobs for a bundle fixture.
#[derive(Clone)]
pub struct Scenario {
	pub chain: &'static str,
	pub validators: usize,
	pub set_changes: usize,
	pub serial: u32,
	pub status: CertificateStatus,
	pub certificate_present: bool,
	pub issuer_present: bool,
	pub issuer_status: InstitutionStatus,
	pub use_retired_key: bool,
	pub finalized_at: Moment,
	pub descendants: usize,
	pub filler: usize,
}

impl Default for Scenario {
	fn default() -> Self {
		Self {
			chain: "local",
			validators: 4,
			set_changes: 1,
			serial: 123,
			status: CertificateStatus::Valid,
			certificate_present: true,
			issuer_present: true,
			issuer_status: InstitutionStatus::Active,
			use_retired_key: false,
			finalized_at: NOW - 6_000,
			descendants: 0,
			filler: 400,
		}
	}
}

/// A built fixture.
pub struct Fixture {
	pub trust_root: TrustRoot,
	pub bundle: ProofBundle,
	pub record: Option<CertificateRecord>,
	pub state: State,
	/// Voters of every set, set 0 first.
	pub sets: Vec<Vec<SigningKey>>,
}

impl Scenario {
	pub fn build(&self) -> Fixture {
		let genesis_hash = genesis(self.chain);
		let sets: Vec<Vec<SigningKey>> = (0..=self.set_changes as u64)
			.map(|s| chain_voters(self.chain, self.validators, s))
			.collect();
		let trust_root = TrustRoot { genesis_hash, set_id: 0, authorities: authorities(&sets[0]) };
		let code = code(self.serial);
		let key = if self.use_retired_key { retired_issuer_key() } else { issuer_key() };
		let record =
			self.certificate_present.then(|| record(&genesis_hash, code, &key, self.status));
		let [cert_key, inst_key, now_key] = keys::proof_keys(&code);
		let mut entries = vec![(now_key, self.finalized_at.encode())];
		if let Some(r) = &record {
			entries.push((cert_key.clone(), r.encode()));
		}
		if self.issuer_present {
			entries.push((inst_key.clone(), institution(self.issuer_status).encode()));
		}
		let state = State::build(&entries, self.filler);

		let mut parent = genesis_hash;
		let mut set_changes = Vec::new();
		for (s, signers) in sets.iter().enumerate().take(self.set_changes) {
			let change = ScheduledChange {
				next_authorities: authorities(&sets[s + 1])
					.iter()
					.map(|a| (a.id, a.weight))
					.collect(),
				delay: 0,
			};
			let h = header(
				10 * (s as u32 + 1),
				parent,
				blake2(&[s as u8]),
				vec![change.to_digest_item()],
			);
			parent = h.hash();
			let justification = justify(signers, s as u64, 7 + s as u64, &h);
			set_changes.push(AuthoritySetChange { header: h, justification });
		}
		let number = 10 * (self.set_changes as u32 + 1) + 5;
		let final_header = header(number, parent, state.root, vec![]);
		let current = &sets[self.set_changes];
		let set_id = self.set_changes as u64;
		let justification = if self.descendants == 0 {
			justify(current, set_id, 31, &final_header)
		} else {
			let mut chain = Vec::new();
			let mut p = final_header.hash();
			for d in 1..=self.descendants as u32 {
				let h = header(number + d, p, blake2(&d.to_le_bytes()), vec![]);
				p = h.hash();
				chain.push(h);
			}
			justify_with_descendants(current, set_id, 31, &final_header, &chain)
		};
		let read_proof = state.read_proof(&[cert_key, inst_key, keys::timestamp_now_key()]);
		let bundle = ProofBundle {
			trust_root: TrustRootId { genesis_hash, set_id: 0 },
			code,
			set_changes,
			header: final_header,
			justification,
			read_proof,
		};
		Fixture { trust_root, bundle, record, state, sets }
	}
}

pub mod vectors;

/// Marker so the unused `GRANDPA_ENGINE_ID` import documents where the digest comes from.
pub const FRNK: [u8; 4] = GRANDPA_ENGINE_ID;

/// A bundle (no set changes, 4 voters of set 0) proving `keys` of a state made of `entries`.
pub fn custom(
	entries: &[(Vec<u8>, Vec<u8>)],
	code: CertificateCode,
	prove: &[Vec<u8>],
) -> (TrustRoot, ProofBundle) {
	let genesis_hash = genesis("local");
	let set = voters(4, 0);
	let trust_root = TrustRoot { genesis_hash, set_id: 0, authorities: authorities(&set) };
	let state = State::build(entries, 100);
	let h = header(15, genesis_hash, state.root, vec![]);
	let justification = justify(&set, 0, 31, &h);
	let bundle = ProofBundle {
		trust_root: trust_root.id(),
		code,
		set_changes: vec![],
		header: h,
		justification,
		read_proof: state.read_proof(prove),
	};
	(trust_root, bundle)
}

/// The usual entries for `code` with `record` (encoded as given) and the usual institution.
pub fn entries_with(code: &CertificateCode, record: Vec<u8>) -> Vec<(Vec<u8>, Vec<u8>)> {
	let [cert_key, inst_key, now_key] = keys::proof_keys(code);
	vec![
		(cert_key, record),
		(inst_key, institution(InstitutionStatus::Active).encode()),
		(now_key, (NOW - 6_000).encode()),
	]
}
