//! Writes the JSON test vectors (`tests/vectors/*.json`). Run through `scripts/gen-vectors.sh`;
//! `cargo test -p dengji-verify --test vectors` checks the files against this generator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() -> anyhow::Result<()> {
	let dir = std::env::args()
		.nth(1)
		.map(std::path::PathBuf::from)
		.unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors"));
	std::fs::create_dir_all(&dir)?;
	for (name, json) in dengji_verify_fixtures::vectors::all() {
		let path = dir.join(name);
		std::fs::write(&path, json)?;
		println!("wrote {}", path.display());
	}
	Ok(())
}
