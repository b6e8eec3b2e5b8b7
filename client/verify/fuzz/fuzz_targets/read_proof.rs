//! The trie read-proof walker on arbitrary node sets: never panics, never loops.
#![no_main]

use dengji_verify::trie::ReadProof;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<Vec<u8>>, Vec<u8>, u8)| {
	let (nodes, key, root_index) = input;
	let Ok(mut proof) = ReadProof::new(&nodes) else { return };
	// Start from one of the given nodes (so the walk gets somewhere), or from nowhere.
	let root =
		nodes.get(usize::from(root_index)).map_or([0u8; 32], |n| sp_crypto_hashing::blake2_256(n));
	let _ = proof.read(&root, &key);
	let _ = proof.ensure_all_used();
});
