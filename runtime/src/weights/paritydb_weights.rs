//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-06 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
//!
//! DATABASE: `ParityDb`, RUNTIME: `Dengji Development`
//! BLOCK-NUM: `Number(1301)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `2`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `/tmp/tmp.or4u9tmfdl/run3`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/dengji-target/release/dengji-node
//   benchmark
//   storage
//   --chain
//   /work/notes/s5/weights-db/dev-raw.json
//   --base-path
//   /work/notes/s5/weights-db
//   --database
//   paritydb
//   --state-version
//   1
//   --batch-size
//   1000
//   --warmups
//   2
//   --random-seed
//   7
//   --weight-path
//   /tmp/tmp.or4u9tmfdl/run3

/// Storage DB weights for the `Dengji Development` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use frame_support::weights::RuntimeDbWeight;
	use sp_core::parameter_types;

	parameter_types! {
		/// The database of `dengji-node` (ParityDB): `frame_system::Config::DbWeight` of the runtime.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			/// Time to read one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 770, 40_081_844
			///   Average:  18_242
			///   Median:   4_290
			///   Std-Dev:  425479.77
			///
			/// Percentiles nanoseconds:
			///   99th: 12_153
			///   95th: 6_191
			///   75th: 4_887
			read: 18_242 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 29_508, 76_074
			///   Average:  47_128
			///   Median:   45_807
			///   Std-Dev:  10995.43
			///
			/// Percentiles nanoseconds:
			///   99th: 76_074
			///   95th: 66_471
			///   75th: 53_525
			write: 47_128 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use frame_support::weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
