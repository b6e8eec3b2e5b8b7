//! Benchmarks (`frame_benchmarking::v2`) of `pallet_governance`. Worst case of
//! `authorize_upgrade`: an earlier authorisation is pending (read, compared, overwritten).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use sp_runtime::traits::Hash;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let origin =
			T::UpgradeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		frame_system::Pallet::<T>::do_authorize_upgrade(T::Hashing::hash(b"earlier code"), true);
		let code_hash = T::Hashing::hash(b"new runtime code");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		assert_eq!(Pallet::<T>::pending_upgrade(), Some(code_hash));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
