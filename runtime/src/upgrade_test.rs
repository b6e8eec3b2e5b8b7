//! The bumped runtime's own migration (feature `spec-version-bump`, built by
//! `scripts/build-upgrade-wasm.sh` for the forkless-upgrade tests; issue 11 §3).
//!
//! The bumped runtime is the regular one with `spec_version + 1`; every pallet migration in
//! `Migrations` has already run on a chain started from the regular runtime (its storage versions
//! are current), so without this one the upgrade would migrate nothing and "the migration runs
//! once" could not be observed. [`CountRuns`] records, under [`RUNS_KEY`], how many times it ran
//! and for which `spec_version`: after an upgrade the value is `(1, new spec_version)`, and it stays
//! so however many blocks follow (frame_executive runs `on_runtime_upgrade` once per code change).
//! It never runs in a production runtime: `Migrations` carries it only with the feature.

use frame_support::{
	storage::unhashed,
	traits::{Get, OnRuntimeUpgrade},
	weights::Weight,
};

/// Storage key of `(runs: u32, spec_version: u32)` (SCALE), outside every pallet's prefix.
pub const RUNS_KEY: &[u8] = b"dengji:upgrade-test:runs";

/// Counts its own runs (see the module docs).
pub struct CountRuns<T>(core::marker::PhantomData<T>);

impl<T: frame_system::Config> OnRuntimeUpgrade for CountRuns<T> {
	fn on_runtime_upgrade() -> Weight {
		let (runs, _) = unhashed::get::<(u32, u32)>(RUNS_KEY).unwrap_or_default();
		let spec_version = T::Version::get().spec_version;
		unhashed::put(RUNS_KEY, &(runs.saturating_add(1), spec_version));
		log::info!(target: "runtime::upgrade-test", "upgrade-test migration run {} for spec_version {spec_version}", runs + 1);
		T::DbWeight::get().reads_writes(1, 1)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn counts_each_run_with_the_spec_version() {
		sp_io::TestExternalities::default().execute_with(|| {
			assert_eq!(unhashed::get::<(u32, u32)>(RUNS_KEY), None);
			CountRuns::<crate::Runtime>::on_runtime_upgrade();
			assert_eq!(
				unhashed::get::<(u32, u32)>(RUNS_KEY),
				Some((1, crate::VERSION.spec_version))
			);
			CountRuns::<crate::Runtime>::on_runtime_upgrade();
			assert_eq!(unhashed::get::<(u32, u32)>(RUNS_KEY).map(|v| v.0), Some(2));
		});
	}
}
