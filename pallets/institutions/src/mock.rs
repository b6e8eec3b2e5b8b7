//! Mock-runtime pieces shared by the Dengji pallets' tests (feature `mock`; always in this
//! crate's own tests). With `pallet_calendar::mock_runtime!` and
//! `pallet_calendar::mock::TestDefaultConfig`, a test runtime on the real directory is:
//!
//! ```ignore
//! pallet_calendar::mock_runtime!(Test {
//!     2: Calendar = pallet_calendar,
//!     3: Institutions = pallet_institutions,
//! });
//!
//! #[derive_impl(pallet_calendar::mock::TestDefaultConfig)]
//! impl pallet_calendar::Config for Test {
//!     type Time = Timestamp;
//! }
//!
//! #[derive_impl(pallet_institutions::mock::TestDefaultConfig)]
//! impl pallet_institutions::Config for Test {
//!     type Clock = Calendar;
//! }
//! ```

use crate::DefaultConfig;
use dengji_primitives::Uscc;
use frame_support::{
	derive_impl,
	pallet_prelude::inject_runtime_type,
	traits::{ConstU32, Nothing},
};

#[cfg(test)]
#[allow(missing_docs)]
mod runtime;
#[cfg(test)]
pub use runtime::*;

/// Test defaults of [`Config`](crate::Config): root is the data authority (accounts are `u64`),
/// no node allow-list and no extra participants, at most 16 institutions, 3 operators per
/// institution, 2 accounts and 2 agents per subject, 100 transactions per account and block, no
/// weights. `Clock` has no default.
pub struct TestDefaultConfig;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
impl frame_system::DefaultConfig for TestDefaultConfig {}

#[frame_support::register_default_impl(TestDefaultConfig)]
impl DefaultConfig for TestDefaultConfig {
	type AuthorityOrigin = frame_system::EnsureRoot<u64>;
	type NodeAllowList = ();
	type ExtraParticipants = Nothing;
	type MaxInstitutions = ConstU32<16>;
	type MaxOperators = ConstU32<3>;
	type MaxSubjectAccounts = ConstU32<2>;
	type MaxAgentsPerSubject = ConstU32<2>;
	type MaxTransactionsPerBlock = ConstU32<100>;
	type WeightInfo = ();
}

/// A valid USCC whose first 17 characters are `first17` (check character computed).
pub fn uscc_of(first17: &[u8; 17]) -> Uscc {
	let check = Uscc::check_character(first17).expect("USCC charset");
	let mut raw = [0u8; 18];
	raw[..17].copy_from_slice(first17);
	raw[17] = check;
	Uscc::from_bytes(&raw).expect("valid test USCC")
}
