//! The runtime's migrations against state that an earlier runtime produced (issue 10, "Storage
//! migrations"): what `try-runtime on-runtime-upgrade` does against a live chain, on a snapshot kept
//! in the repository so it runs in the test command.
//!
//! `fixtures/state-spec104.json` is the storage of a chain made by the pallets of `spec_version`
//! 104 (pallet-registration storage v4): registrations, certificates (issued and drafted),
//! subjects, institutions and a council, written by that release's `dengji-node bench-spec`;
//! `fixtures/state-spec104-demo.json` is that release's 4-validator local network after
//! `scripts/demo.sh` (an objection forwarded, rebutted and dismissed, an SM2 co-signed
//! certificate), exported with `dengji-node export-state`. On each this runtime runs every migration in `Migrations` with its `pre_upgrade`/`post_upgrade`
//! checks, then decodes the entire state and runs every pallet's `try_state`
//! (`Executive::try_runtime_upgrade`, `UpgradeCheckSelect::All`).
//!
//! Run: `SKIP_WASM_BUILD=1 cargo test -p dengji-runtime --features try-runtime --test
//! try_runtime_upgrade`. Before a release changes a stored type, add a snapshot of the state of the
//! release before it (docs/DEVELOPING.md, "Storage migrations").
#![cfg(feature = "try-runtime")]

use dengji_runtime::{Certificate, Executive, Governance, Institutions, Registration, Runtime};
use frame_support::traits::{GetStorageVersion, StorageVersion};
use frame_try_runtime::UpgradeCheckSelect;
use sp_runtime::{StateVersion, Storage};

/// The snapshot's storage (top trie, without `:code`).
fn snapshot(name: &str) -> (u32, Storage) {
	// The crate's directory when the test runs (a shared target dir may hold a binary built from
	// another checkout), else where it was built.
	let dir = std::env::var_os("CARGO_MANIFEST_DIR")
		.map(std::path::PathBuf::from)
		.unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
	let path = dir.join("tests/fixtures").join(name);
	let text = std::fs::read_to_string(&path).expect("fixture");
	let json: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
	let spec_version = json["spec_version"].as_u64().expect("spec_version") as u32;
	let mut storage = Storage::default();
	for (key, value) in json["top"].as_object().expect("top") {
		let key = sp_core::bytes::from_hex(key).expect("hex key");
		let value = sp_core::bytes::from_hex(value.as_str().expect("hex value")).expect("hex");
		storage.top.insert(key, value);
	}
	(spec_version, storage)
}

/// On-chain storage versions of Dengji's versioned pallets, in a fixed order (calendar has not
/// changed a stored type yet and sets no version; governance v1 is the council members' account
/// references, runtime/src/configs/council_accounts.rs).
fn on_chain_versions() -> [StorageVersion; 4] {
	[
		Institutions::on_chain_storage_version(),
		Certificate::on_chain_storage_version(),
		Registration::on_chain_storage_version(),
		Governance::on_chain_storage_version(),
	]
}

fn in_code_versions() -> [StorageVersion; 4] {
	[
		Institutions::in_code_storage_version(),
		Certificate::in_code_storage_version(),
		Registration::in_code_storage_version(),
		Governance::in_code_storage_version(),
	]
}

/// Every council member's account exists (a provider reference each, council_accounts.rs).
fn council_accounts_exist() -> bool {
	pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get()
		.iter()
		.all(|m| frame_system::Pallet::<Runtime>::providers(m) >= 1)
}

#[test]
fn migrations_upgrade_state_made_by_spec_104_with_all_checks() {
	let (spec_version, storage) = snapshot("state-spec104.json");
	assert_eq!(spec_version, 104);
	assert!(
		<Runtime as frame_system::Config>::Version::get().spec_version > spec_version,
		"the snapshot must come from an earlier runtime"
	);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		// The snapshot is really older: pallet-registration was at storage v4 in spec 104.
		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(4));
		assert_ne!(on_chain_versions(), in_code_versions());
		let registrations = pallet_registration::Registrations::<Runtime>::iter().count();
		let certificates = pallet_certificate::Certificates::<Runtime>::iter_keys().count();
		assert!(registrations >= 44 && certificates >= 40, "{registrations} {certificates}");

		// Migrations with pre/post checks, then the whole state decoded and every try_state.
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("try-runtime upgrade");

		assert_eq!(on_chain_versions(), in_code_versions());
		assert!(council_accounts_exist());
		assert_eq!(pallet_registration::Registrations::<Runtime>::iter().count(), registrations);
		assert_eq!(pallet_certificate::Certificates::<Runtime>::iter_keys().count(), certificates);
	});
}

#[test]
fn migrations_upgrade_the_demo_network_of_spec_104_with_all_checks() {
	let (spec_version, storage) = snapshot("state-spec104-demo.json");
	assert_eq!(spec_version, 104);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		assert_eq!(Registration::on_chain_storage_version(), StorageVersion::new(4));
		let objections = pallet_registration::Objections::<Runtime>::iter_keys().count();
		let registrations = pallet_registration::Registrations::<Runtime>::iter().count();
		assert!(objections >= 1 && registrations >= 1, "{objections} {registrations}");

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("try-runtime upgrade");

		assert_eq!(on_chain_versions(), in_code_versions());
		assert!(council_accounts_exist());
		assert_eq!(pallet_registration::Objections::<Runtime>::iter_keys().count(), objections);
		assert_eq!(pallet_registration::Registrations::<Runtime>::iter().count(), registrations);
	});
}

#[test]
fn migrations_run_once_a_second_upgrade_changes_nothing() {
	let (_, storage) = snapshot("state-spec104.json");
	let mut ext = sp_io::TestExternalities::new(storage);
	let after_first = ext.execute_with(|| {
		Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost).expect("first upgrade");
		sp_io::storage::root(StateVersion::V1)
	});
	let after_second = ext.execute_with(|| {
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("second upgrade");
		sp_io::storage::root(StateVersion::V1)
	});
	assert_eq!(after_first, after_second, "a second run of the migrations changed the state");
}
