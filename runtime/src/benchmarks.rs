//! The pallets `dengji-node benchmark pallet` measures (`scripts/gen-weights.sh`).

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
);
