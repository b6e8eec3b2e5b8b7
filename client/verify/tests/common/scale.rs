//! Bulk loader for the scale benchmark (issue 5 "Scale"): a chain state holding `n` certificates
//! exactly as `pallet-certificate` stores them (docs/spec/DESIGN.md §7, §8), built in one sorted pass with
//! `trie-db`'s `trie_visit` into the runtime's trie layout (`LayoutV1`: the runtime's
//! `system_version` is 1, i.e. state version 1, so values over 32 bytes are hashed into their own
//! node).
//!
//! What the state holds, per certificate, with the pallet's hashers (pallets/certificate/src/lib.rs):
//! - `Certificate::Certificates[code]` (`Blake2_128Concat`): the signed `CertificateRecord`;
//! - `Certificate::CurrentOf[registration]` (`Twox64Concat`): the registration's `Valid` one;
//! - `Certificate::ExpiryQueue[day]` (`Twox64Concat`): every code whose first expired day is not
//!   yet drained, at most 512 per day (`MaxExpiriesPerDay`);
//! - `Certificate::NextSerial[division][year]` (`Blake2_128Concat`, `Twox64Concat`);
//!
//! plus one `Institutions::Institutions` record per issuing institution and `Timestamp::Now`. The
//! registration pallet's own records (applications, registrations) are not included.
//!
//! Codes are allocated as the runtime allocates them: per (institution, Shanghai year of issue),
//! serials from 1 in issuance order. Issuance is spread evenly over `max(365, n / 400)` days
//! ending the day before [`NOW`] (400 a day stays under the 512-per-day expiry-queue bound, so
//! 10^6 certificates take 6.8 years and most early ones have expired), institutions are the 16
//! prefectures and 129 counties of Yunnan, every record is signed by its institution's key,
//! names are realistic UTF-8 Chinese. One certificate in 20 is a change superseding the one
//! before it; 1 in 50 is revoked and 1 in 50 cancelled on application; certificates past
//! `valid_until` are cancelled by expiry, as the `on_idle` sweep leaves them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{
	authorities, blake2, genesis, header, justify, signing_key, Blake2Hasher, Layout, DAY, NOW,
};
use codec::Encode;
use dengji_primitives::{
	calendar::{ChainClock, Date, DayIndex},
	certificate::CancellationGround,
	certificate::IssuingAct,
	BoundedName, CancelReason, CertificateBody, CertificateCode, CertificateRecord,
	CertificateStatus, DivisionCode, InstitutionRecord, InstitutionStatus, Moment, ObjectKind,
	RevocationGround, Uscc,
};
use dengji_verify::{keys, ProofBundle, TrustRoot, TrustRootId, Verdict};
use ed25519_dalek::{Signer, SigningKey};
use hash_db::{HashDB, Prefix};
use sp_crypto_hashing::{blake2_128, twox_128, twox_64};
use trie_db::{ChildReference, Trie, TrieMut as _};

type MemoryDb = memory_db::MemoryDB<Blake2Hasher, memory_db::HashKey<Blake2Hasher>, Vec<u8>>;

/// `Timestamp::Now` of the proved block: 6 s before the verifier's [`NOW`].
pub const FINALIZED_AT: Moment = NOW - 6_000;
/// `MaxExpiriesPerDay` of the runtime (runtime/src/configs/dengji.rs).
pub const MAX_EXPIRIES_PER_DAY: usize = 512;
/// Certificates issued per day at most (below [`MAX_EXPIRIES_PER_DAY`], with room for changes
/// that keep their predecessor's expiry).
const ISSUED_PER_DAY: usize = 400;
/// YX-R §23 ¶1: three years.
const VALIDITY_YEARS: u16 = 3;
const CLOCK: ChainClock = ChainClock::SHANGHAI;

/// Yunnan's prefectures (GB/T 2260 prefix, name) with their number of counties.
const PREFECTURES: [(u32, &str, u32); 16] = [
	(5301, "昆明市", 14),
	(5303, "曲靖市", 9),
	(5304, "玉溪市", 9),
	(5305, "保山市", 5),
	(5306, "昭通市", 11),
	(5307, "丽江市", 5),
	(5308, "普洱市", 10),
	(5309, "临沧市", 8),
	(5323, "楚雄彝族自治州", 10),
	(5325, "红河哈尼族彝族自治州", 13),
	(5326, "文山壮族苗族自治州", 8),
	(5328, "西双版纳傣族自治州", 3),
	(5329, "大理白族自治州", 12),
	(5331, "德宏傣族景颇族自治州", 5),
	(5333, "怒江傈僳族自治州", 4),
	(5334, "迪庆藏族自治州", 3),
];
const TRADE: [&str; 12] = [
	"云岭", "滇池", "彩云", "红土", "高原", "澜沧", "金沙", "抚仙", "苍山", "洱海", "普洱", "哀牢",
];
const INDUSTRY: [&str; 6] = [
	"数据科技有限公司",
	"信息技术有限公司",
	"大数据运营有限公司",
	"智慧交通科技有限公司",
	"数字经济发展集团有限公司",
	"城市数据服务有限责任公司",
];
const DOMAINS: [&str; 12] = [
	"公共交通客流",
	"医疗卫生服务",
	"不动产登记",
	"气象观测",
	"企业信用",
	"水务管网运行",
	"电力负荷",
	"旅游客源分析",
	"农产品产销",
	"生态环境监测",
	"教育资源",
	"社会保障",
];
const PRODUCTS: [&str; 3] = ["数据产品", "数据服务", "分析报告数据产品"];

/// An issuing institution.
pub struct Issuer {
	pub division: DivisionCode,
	pub name: String,
	pub key: SigningKey,
}

/// The 145 institutions of Yunnan: each prefecture (`DDDD00`) and its counties (`DDDD02`…).
pub fn issuers() -> Vec<Issuer> {
	let mut out = Vec::new();
	for (prefix, name, counties) in PREFECTURES {
		for j in std::iter::once(0).chain(2..counties + 2) {
			let division = DivisionCode::new(prefix * 100 + j).unwrap();
			let name = if j == 0 {
				format!("{name}公共数据资源登记中心")
			} else {
				format!("{name}第{j}县区公共数据资源登记分中心")
			};
			let key = signing_key(&format!("issuer/{}", division.get()), 1);
			out.push(Issuer { division, name, key });
		}
	}
	out
}

fn bounded(s: &str) -> BoundedName {
	BoundedName::try_from(s.as_bytes().to_vec()).unwrap()
}

/// A small deterministic mixer (splitmix64).
fn mix(x: u64) -> u64 {
	let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
	z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
	z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
	z ^ (z >> 31)
}

fn subject_uscc(subject: u64, division: DivisionCode) -> Uscc {
	let first17 = format!("91{:06}{:09}", division.get(), subject % 1_000_000_000);
	let check = Uscc::check_character(first17.as_bytes()).unwrap();
	let mut all = first17.into_bytes();
	all.push(check);
	Uscc::from_bytes(&all).unwrap()
}

fn subject_name(subject: u64, city: &str) -> String {
	let h = mix(subject);
	format!(
		"{city}{}{}{}",
		TRADE[(h % 12) as usize],
		TRADE[((h >> 8) % 12) as usize],
		INDUSTRY[((h >> 16) % 6) as usize]
	)
}

fn data_name(i: u64, city: &str, object: ObjectKind, year: u16) -> String {
	let h = mix(i ^ 0x5eed);
	let domain = DOMAINS[(h % 12) as usize];
	match object {
		ObjectKind::DataResource => format!("{city}{domain}公共数据资源"),
		ObjectKind::DataProductOrService => {
			format!("{city}{domain}{}（{year}年度）", PRODUCTS[((h >> 8) % 3) as usize])
		}
	}
}

/// Last valid instant of a certificate issued on `day` (`pallet_certificate::validity::
/// fresh_valid_until`).
pub fn fresh_valid_until(day: DayIndex) -> Moment {
	let anniversary = Date::from_day_index(day).add_years(VALIDITY_YEARS).to_day_index();
	CLOCK.day_start_ms(anniversary) - 1
}

/// `pallet_certificate::validity::first_expired_day`.
pub fn first_expired_day(valid_until: Moment) -> DayIndex {
	CLOCK.day_at(valid_until) + 1
}

fn map_prefix(item: &str) -> Vec<u8> {
	[twox_128(b"Certificate"), twox_128(item.as_bytes())].concat()
}

fn blake2_128_concat(encoded: &[u8]) -> Vec<u8> {
	[&blake2_128(encoded)[..], encoded].concat()
}

fn twox_64_concat(encoded: &[u8]) -> Vec<u8> {
	[&twox_64(encoded)[..], encoded].concat()
}

/// `Certificate::CurrentOf[registration]`.
pub fn current_of_key(registration: u64) -> Vec<u8> {
	[map_prefix("CurrentOf"), twox_64_concat(&registration.encode())].concat()
}

/// `Certificate::ExpiryQueue[day]`.
pub fn expiry_queue_key(day: DayIndex) -> Vec<u8> {
	[map_prefix("ExpiryQueue"), twox_64_concat(&day.encode())].concat()
}

/// `Certificate::NextSerial[division][year]`.
pub fn next_serial_key(division: &DivisionCode, year: u16) -> Vec<u8> {
	[
		map_prefix("NextSerial"),
		blake2_128_concat(&division.encode()),
		twox_64_concat(&year.encode()),
	]
	.concat()
}

/// The expected verdict at [`NOW`] for a stored record (`dengji_verify::verify` with the default
/// policy and a proof of [`FINALIZED_AT`]).
pub fn expected_verdict(record: &CertificateRecord) -> Verdict {
	match record.status {
		CertificateStatus::Superseded { by, at } => Verdict::Superseded { by, at },
		CertificateStatus::Cancelled { reason, at } => Verdict::Cancelled { reason, at },
		CertificateStatus::Revoked { ground, at, .. } => Verdict::Revoked { ground, at },
		CertificateStatus::Valid if NOW > record.body.valid_until => {
			Verdict::Expired { valid_until: record.body.valid_until }
		}
		CertificateStatus::Valid => Verdict::Valid,
	}
}

/// The generated key-value pairs of a state with `n` certificates.
pub struct Generated {
	/// Every storage entry, sorted by key, keys distinct.
	pub entries: Vec<(Vec<u8>, Vec<u8>)>,
	/// Sampled stored certificates: spread over the issuance order (oldest first), then the
	/// first record of each status (valid, superseded, cancelled, revoked) not among them.
	pub samples: Vec<CertificateRecord>,
	/// A well-formed code that was never allocated (its proof shows absence).
	pub absent: CertificateCode,
	/// Genesis hash the certificates are signed for.
	pub genesis_hash: [u8; 32],
	/// Certificates generated.
	pub n: usize,
	/// Certificate records by status: valid, superseded, cancelled, revoked.
	pub by_status: [usize; 4],
	/// `CurrentOf`, `ExpiryQueue` and `NextSerial` entries.
	pub current_of: usize,
	pub expiry_days: usize,
	pub next_serials: usize,
	/// Sum of the encoded certificate records.
	pub record_bytes: u64,
}

/// Generates the state of `n` certificates with `samples` sampled records.
pub fn generate(n: usize, samples: usize) -> Generated {
	assert!(n >= 2 && samples >= 1);
	let genesis_hash = genesis("local");
	let issuers = issuers();
	let span_ms: u64 = (n.div_ceil(ISSUED_PER_DAY).max(365) as u64) * DAY;
	let last_issue = NOW - DAY;
	let today = CLOCK.day_at(NOW);
	let subjects = (n as u64 / 4).max(1);

	let mut next_serial: BTreeMap<(u32, u16), u32> = BTreeMap::new();
	let mut records: Vec<CertificateRecord> = Vec::with_capacity(n);
	let mut issuer_of: Vec<u16> = Vec::with_capacity(n);
	let mut registration = 0u64;
	for i in 0..n {
		let issued_at = last_issue - ((n - 1 - i) as u128 * span_ms as u128 / n as u128) as u64;
		let issued_on = CLOCK.day_at(issued_at);
		let year = Date::from_day_index(issued_on).year;
		// A change (YX-R §19) of the previous certificate: same institution, registration,
		// subject and expiry (Q12), new code.
		let change = i % 20 == 19;
		let inst = if change {
			issuer_of[i - 1] as usize
		} else {
			(mix(i as u64) % issuers.len() as u64) as usize
		};
		let issuer = &issuers[inst];
		let city = PREFECTURES.iter().find(|p| p.0 == issuer.division.get() / 100).unwrap().1;
		let serial = next_serial.entry((issuer.division.get(), year)).or_insert(1);
		let code = CertificateCode::new(issuer.division, year, *serial).unwrap();
		*serial += 1;
		let body = if change {
			let prev = &records[i - 1].body;
			CertificateBody {
				code,
				act: IssuingAct::Change,
				issued_on,
				issued_at,
				previous: Some(prev.code),
				content_digest: blake2(&(i as u64).to_le_bytes()),
				..prev.clone()
			}
		} else {
			registration += 1;
			let subject = mix(i as u64 ^ 0xabcd) % subjects;
			let object = if i % 3 == 0 {
				ObjectKind::DataResource
			} else {
				ObjectKind::DataProductOrService
			};
			CertificateBody {
				code,
				registration,
				act: IssuingAct::FirstTime,
				object,
				subject: subject_uscc(subject, issuer.division),
				subject_name: bounded(&subject_name(subject, city)),
				data_name: bounded(&data_name(i as u64, city, object, year)),
				content_digest: blake2(&(i as u64).to_le_bytes()),
				issuer: issuer.division,
				issuer_key: issuer.key.verifying_key().to_bytes(),
				issued_on,
				issued_at,
				valid_until: fresh_valid_until(issued_on),
				previous: None,
			}
		};
		let signature = issuer.key.sign(&body.signing_payload(&genesis_hash)).to_bytes();
		if change {
			records[i - 1].status = CertificateStatus::Superseded { by: code, at: issued_at };
		}
		records.push(CertificateRecord { body, signature, status: CertificateStatus::Valid });
		issuer_of.push(inst as u16);
	}
	// Later decisions: revocation (YX-R §27), cancellation on application (YX-R §21), expiry
	// cancelled by the sweep (YX-R §23 ¶2). Only certificates still `Valid` at that time.
	for (i, r) in records.iter_mut().enumerate() {
		if r.status != CertificateStatus::Valid {
			continue;
		}
		let revoke_at = r.body.issued_at + 30 * DAY;
		let cancel_at = r.body.issued_at + 60 * DAY;
		let expired_at = CLOCK.day_start_ms(first_expired_day(r.body.valid_until));
		if i % 50 == 7 && revoke_at < FINALIZED_AT {
			r.status = CertificateStatus::Revoked {
				ground: [
					RevocationGround::FalseMaterials,
					RevocationGround::ForgedCertificate,
					RevocationGround::UnlawfulUse,
					RevocationGround::OtherViolation,
				][i % 4],
				decision: blake2(format!("revocation decision {i}").as_bytes()),
				at: revoke_at,
			};
		} else if i % 50 == 23 && cancel_at < FINALIZED_AT {
			r.status = CertificateStatus::Cancelled {
				reason: CancelReason::OnApplication(CancellationGround::RightsAbandonedOrExpired),
				at: cancel_at,
			};
		} else if expired_at <= FINALIZED_AT {
			r.status =
				CertificateStatus::Cancelled { reason: CancelReason::Expiry, at: expired_at };
		}
	}

	let mut entries: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(2 * n + 4096);
	let mut by_status = [0usize; 4];
	let mut current_of = 0;
	let mut record_bytes = 0u64;
	// Days before today are drained by `on_idle` (their queue entries are gone).
	let mut queue: BTreeMap<DayIndex, Vec<CertificateCode>> = BTreeMap::new();
	for r in &records {
		match r.status {
			CertificateStatus::Valid => {
				by_status[0] += 1;
				entries.push((current_of_key(r.body.registration), r.body.code.encode()));
				current_of += 1;
			}
			CertificateStatus::Superseded { .. } => by_status[1] += 1,
			CertificateStatus::Cancelled { .. } => by_status[2] += 1,
			CertificateStatus::Revoked { .. } => by_status[3] += 1,
		}
		let mut day = first_expired_day(r.body.valid_until);
		if day >= today {
			while queue.get(&day).is_some_and(|q| q.len() >= MAX_EXPIRIES_PER_DAY) {
				day += 1;
			}
			queue.entry(day).or_default().push(r.body.code);
		}
		let encoded = r.encode();
		record_bytes += encoded.len() as u64;
		entries.push((keys::certificate_key(&r.body.code), encoded));
	}
	let expiry_days = queue.len();
	for (day, codes) in &queue {
		entries.push((expiry_queue_key(*day), codes.encode()));
	}
	let next_serials = next_serial.len();
	for ((division, year), next) in &next_serial {
		let division = DivisionCode::new(*division).unwrap();
		entries.push((next_serial_key(&division, *year), next.encode()));
	}
	for issuer in &issuers {
		let record: InstitutionRecord<[u8; 32]> = InstitutionRecord {
			division: issuer.division,
			name: bounded(&issuer.name),
			status: InstitutionStatus::Active,
			signing_key: issuer.key.verifying_key().to_bytes(),
			retired_keys: Default::default(),
			filed_at: None,
			taken_over_by: None,
			validator: Some(blake2(issuer.name.as_bytes())),
			peer_id: Some(
				[&[0, 0x24, 8, 1, 0x12][..], &blake2(issuer.name.as_bytes())]
					.concat()
					.try_into()
					.unwrap(),
			),
		};
		entries.push((keys::institution_key(&issuer.division), record.encode()));
	}
	entries.push((keys::timestamp_now_key(), FINALIZED_AT.encode()));
	entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
	assert!(entries.windows(2).all(|w| w[0].0 != w[1].0), "duplicate storage key");

	// Spread over the issuance order, plus the first record of each status not yet sampled.
	let mut picks: Vec<usize> = (0..samples)
		.map(|k| if samples == 1 { n - 1 } else { k * (n - 1) / (samples - 1) })
		.collect();
	for status in 0..4 {
		let kind = |r: &CertificateRecord| match r.status {
			CertificateStatus::Valid => 0,
			CertificateStatus::Superseded { .. } => 1,
			CertificateStatus::Cancelled { .. } => 2,
			CertificateStatus::Revoked { .. } => 3,
		};
		if !picks.iter().any(|i| kind(&records[*i]) == status) {
			if let Some(i) = records.iter().position(|r| kind(r) == status) {
				picks.push(i);
			}
		}
	}
	let samples = picks.into_iter().map(|i| records[i].clone()).collect();
	let first = &issuers[0];
	let year = Date::from_day_index(CLOCK.day_at(NOW)).year;
	let unused = next_serial.get(&(first.division.get(), year)).copied().unwrap_or(1);
	let absent = CertificateCode::new(first.division, year, unused).unwrap();
	Generated {
		entries,
		samples,
		absent,
		genesis_hash,
		n,
		by_status,
		current_of,
		expiry_days,
		next_serials,
		record_bytes,
	}
}

/// `trie_db::TrieBuilder`, counting what it stores.
struct CountingBuilder<'a> {
	db: &'a mut MemoryDb,
	root: Option<[u8; 32]>,
	nodes: u64,
	node_bytes: u64,
	value_nodes: u64,
	value_bytes: u64,
}

impl trie_db::ProcessEncodedNode<[u8; 32]> for CountingBuilder<'_> {
	fn process(
		&mut self,
		prefix: Prefix,
		encoded_node: Vec<u8>,
		is_root: bool,
	) -> ChildReference<[u8; 32]> {
		let len = encoded_node.len();
		if !is_root && len < 32 {
			let mut h = [0u8; 32];
			h[..len].copy_from_slice(&encoded_node);
			return ChildReference::Inline(h, len);
		}
		self.nodes += 1;
		self.node_bytes += len as u64;
		let hash = self.db.insert(prefix, &encoded_node);
		if is_root {
			self.root = Some(hash);
		}
		ChildReference::Hash(hash)
	}

	fn process_inner_hashed_value(&mut self, prefix: Prefix, value: &[u8]) -> [u8; 32] {
		self.value_nodes += 1;
		self.value_bytes += value.len() as u64;
		self.db.insert(prefix, value)
	}
}

/// A built state trie.
pub struct StateTrie {
	db: MemoryDb,
	pub root: [u8; 32],
	/// Trie nodes stored (branches, leaves) and their encoded bytes.
	pub nodes: u64,
	pub node_bytes: u64,
	/// Hashed value nodes (state version 1: values over 32 bytes) and their bytes.
	pub value_nodes: u64,
	pub value_bytes: u64,
}

impl StateTrie {
	/// Builds the trie of `entries` (sorted, distinct keys) in one pass.
	pub fn build(entries: &[(Vec<u8>, Vec<u8>)]) -> Self {
		let mut db = MemoryDb::default();
		let mut b = CountingBuilder {
			db: &mut db,
			root: None,
			nodes: 0,
			node_bytes: 0,
			value_nodes: 0,
			value_bytes: 0,
		};
		trie_db::trie_visit::<Layout, _, _, _, _>(entries.iter().map(|(k, v)| (k, v)), &mut b);
		let (root, nodes, node_bytes, value_nodes, value_bytes) =
			(b.root.unwrap(), b.nodes, b.node_bytes, b.value_nodes, b.value_bytes);
		Self { db, root, nodes, node_bytes, value_nodes, value_bytes }
	}

	/// Bytes of everything stored: encoded trie nodes plus hashed values.
	pub fn total_bytes(&self) -> u64 {
		self.node_bytes + self.value_bytes
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

	/// `trie.get` through trie-db.
	pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
		let trie = trie_db::TrieDBBuilder::<Layout>::new(&self.db, &self.root).build();
		trie.get(key).unwrap()
	}

	/// Inserts `entries` into the existing trie through `TrieDBMut` (what block import does to
	/// the state) and returns the new root.
	pub fn insert(&mut self, entries: &[(Vec<u8>, Vec<u8>)]) -> [u8; 32] {
		let mut root = self.root;
		{
			let mut t =
				trie_db::TrieDBMutBuilder::<Layout>::from_existing(&mut self.db, &mut root).build();
			for (k, v) in entries {
				t.insert(k, v).unwrap();
			}
			t.commit();
		}
		self.root = root;
		root
	}
}

/// The root `TrieDBMut` computes for `entries` inserted one by one (cross-check of
/// [`StateTrie::build`]).
pub fn incremental_root(entries: &[(Vec<u8>, Vec<u8>)]) -> [u8; 32] {
	let mut db = MemoryDb::default();
	let mut root = Default::default();
	{
		let mut t = trie_db::TrieDBMutBuilder::<Layout>::new(&mut db, &mut root).build();
		for (k, v) in entries {
			t.insert(k, v).unwrap();
		}
	}
	root
}

/// The trust root of the `local` chain with `validators` GRANDPA voters of set 0.
pub fn trust_root(genesis_hash: [u8; 32], voters: &[SigningKey]) -> TrustRoot {
	TrustRoot { genesis_hash, set_id: 0, authorities: authorities(voters) }
}

/// The bundle the SDK assembles (client/sdk/src/bundle.rs, no set change since the trust root):
/// a finalized header committing to `trie.root`, its justification by every voter, and the
/// read proof of `keys::proof_keys(code)`.
pub fn bundle(
	trie: &StateTrie,
	genesis_hash: [u8; 32],
	voters: &[SigningKey],
	code: &CertificateCode,
) -> ProofBundle {
	let h = header(1_000_015, genesis_hash, trie.root, vec![]);
	let justification = justify(voters, 0, 31, &h);
	ProofBundle {
		trust_root: TrustRootId { genesis_hash, set_id: 0 },
		code: *code,
		set_changes: vec![],
		header: h,
		justification,
		read_proof: trie.read_proof(&keys::proof_keys(code)),
	}
}

/// Encoded size of a bundle's read proof (`Vec<Vec<u8>>` in SCALE) and its node count.
pub fn proof_size(b: &ProofBundle) -> (usize, usize) {
	(b.read_proof.encoded_size(), b.read_proof.len())
}

/// Sanity figures of a generated state (the pallet's `try_state` invariants that concern the
/// loaded maps): every stored code's serial is below its `NextSerial`, every `Valid` record is
/// its registration's `CurrentOf`, no expiry day holds more than the bound.
pub fn check_invariants(g: &Generated, trie: &StateTrie) -> Result<(), String> {
	for r in &g.samples {
		let next: u32 = codec::Decode::decode(
			&mut &trie
				.get(&next_serial_key(&r.body.code.division, r.body.code.year))
				.ok_or("NextSerial missing")?[..],
		)
		.map_err(|e| e.to_string())?;
		if r.body.code.serial >= next {
			return Err(format!("{} not below NextSerial {next}", r.body.code));
		}
		let current = trie.get(&current_of_key(r.body.registration));
		if r.status == CertificateStatus::Valid && current != Some(r.body.code.encode()) {
			return Err(format!("{} is not CurrentOf its registration", r.body.code));
		}
	}
	for (k, v) in &g.entries {
		if k.starts_with(&map_prefix("ExpiryQueue")) {
			let codes: Vec<CertificateCode> =
				codec::Decode::decode(&mut &v[..]).map_err(|e| e.to_string())?;
			if codes.len() > MAX_EXPIRIES_PER_DAY {
				return Err(format!("expiry day with {} codes", codes.len()));
			}
		}
	}
	Ok(())
}
