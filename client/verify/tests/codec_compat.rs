//! The hand-written GRANDPA types encode exactly as `finality-grandpa`'s (which
//! `sp-consensus-grandpa` and sc-consensus-grandpa wrap). (The signed payload,
//! `SCALE((Message::Precommit(p), round, set_id))`, is checked against `finality-grandpa` by the
//! unit test in `src/justification.rs`; the fixtures sign that encoding independently.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use codec::{Decode, Encode};
use dengji_verify::GrandpaJustification;
use dengji_verify_fixtures::*;

type FgCommit = finality_grandpa::Commit<[u8; 32], u32, [u8; 64], [u8; 32]>;

#[test]
fn commit_encoding_matches_finality_grandpa() {
	let f = Scenario { descendants: 2, ..Default::default() }.build();
	let ours = &f.bundle.justification.commit;
	let theirs = FgCommit {
		target_hash: ours.target_hash,
		target_number: ours.target_number,
		precommits: ours
			.precommits
			.iter()
			.map(|p| finality_grandpa::SignedPrecommit {
				precommit: finality_grandpa::Precommit::new(
					p.precommit.target_hash,
					p.precommit.target_number,
				),
				signature: p.signature,
				id: p.id,
			})
			.collect(),
	};
	assert_eq!(ours.encode(), theirs.encode());
	let back = FgCommit::decode(&mut &ours.encode()[..]).unwrap();
	assert_eq!(back.precommits.len(), ours.precommits.len());
}

#[test]
fn justification_decodes_with_trailing_bytes_rejected() {
	let f = Scenario::default().build();
	let mut enc = f.bundle.justification.encode();
	assert_eq!(GrandpaJustification::decode_scale(&enc), Ok(f.bundle.justification.clone()));
	enc.push(0);
	assert!(GrandpaJustification::decode_scale(&enc).is_err());
}
