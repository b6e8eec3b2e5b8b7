//! 一证一码: `DDDDDD-YYYY-NNNNNNN-C` codes (YX-R §23; docs/spec/DESIGN.md §7).

use super::*;
use crate::NextSerial;
use dengji_primitives::{
	code::{mod11_2_check, MAX_SERIAL},
	traits::{CertificateLedger, LedgerError},
};

/// YX-R §23 一证一码: serials count per institution per year, starting at 1.
#[test]
fn code_serials_count_per_institution_per_year() {
	ExtBuilder::default().build_and_execute(|| {
		let a = draft(request(1, city())).code;
		let b = draft(request(2, city())).code;
		let c = draft(request(3, county())).code;
		assert_eq!((a.division, a.year, a.serial), (city(), 2026, 1));
		assert_eq!((b.division, b.year, b.serial), (city(), 2026, 2));
		assert_eq!((c.division, c.year, c.serial), (county(), 2026, 1));
		assert_eq!(NextSerial::<Test>::get(city(), 2026), 3);
	});
}

/// YX-R §23 一证一码: the serial restarts in a new Asia/Shanghai year, which begins at
/// 16:00 UTC on 31 December.
#[test]
fn code_serials_restart_in_new_shanghai_year() {
	ExtBuilder::default().start(2026, 12, 31).build_and_execute(|| {
		draft(request(1, city()));
		let last_2026 = draft(request(2, city())).code;
		assert_eq!((last_2026.year, last_2026.serial), (2026, 2));
		// 2026-12-31T16:00:00Z is 2027-01-01 00:00 in Shanghai.
		set_now(dengji_primitives::ChainClock::SHANGHAI.day_start_ms(day(2027, 1, 1)));
		let first_2027 = draft(request(3, city())).code;
		assert_eq!((first_2027.year, first_2027.serial), (2027, 1));
		set_now(dengji_primitives::ChainClock::SHANGHAI.day_start_ms(day(2027, 1, 1)) - 1);
		assert_eq!(draft(request(4, city())).code.year, 2026);
	});
}

/// docs/spec/DESIGN.md §7: every allocated code prints with a valid ISO 7064 MOD 11-2 check character and
/// parses back to itself.
#[test]
fn code_check_characters_are_valid() {
	ExtBuilder::default().build_and_execute(|| {
		for registration in 1..=25 {
			let code = draft(request(registration, city())).code;
			let printed = code.to_string();
			assert_eq!(printed.len(), 21);
			let digits: Vec<u8> = printed.bytes().filter(u8::is_ascii_digit).take(17).collect();
			assert_eq!(printed.chars().last(), Some(mod11_2_check(&digits)));
			assert_eq!(CertificateCode::parse(&printed), Ok(code));
			assert!(printed.starts_with("530400-2026-"));
		}
	});
}

/// A year's 9 999 999 serials exhausted: the ledger refuses instead of wrapping.
#[test]
fn draft_with_exhausted_serials_fails() {
	ExtBuilder::default().build_and_execute(|| {
		NextSerial::<Test>::insert(city(), 2026, MAX_SERIAL);
		assert_eq!(draft(request(1, city())).code.serial, MAX_SERIAL);
		assert_eq!(Certificate::draft(request(2, city())), Err(LedgerError::SerialsExhausted));
		// Other institutions are unaffected.
		assert_eq!(draft(request(3, county())).code.serial, 1);
	});
}
