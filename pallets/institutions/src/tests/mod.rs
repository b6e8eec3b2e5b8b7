//! Tests, split per feature. Names follow `<action>_<condition>_<outcome>`; each cites its article.

mod complaints;
mod county;
mod extension;
mod filings;
mod genesis;
mod institutions;
mod invariants;
mod migrations;
mod participants;
mod sanctions;
mod services;
mod session;

use crate::{mock::*, Event};
use codec::{Decode, Encode};
use dengji_primitives::{BoundedName, DivisionCode, Uscc};

pub fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

pub fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub fn name(s: &str) -> BoundedName {
	BoundedName::try_from(s.as_bytes().to_vec()).unwrap()
}

pub fn has_event(e: Event<Test>) {
	System::assert_has_event(e.into());
}

/// A code that decodes from SCALE but breaks the GB/T 2260 invariant.
pub fn bad_division() -> DivisionCode {
	DivisionCode::decode(&mut &999_999u32.encode()[..]).unwrap()
}

/// A USCC that decodes from SCALE but fails the check character.
pub fn bad_uscc() -> Uscc {
	Uscc::decode(&mut &[b'1'; 18][..]).unwrap()
}

pub fn providers(who: u64) -> u32 {
	System::providers(&who)
}
