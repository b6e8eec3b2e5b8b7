//! Certificate codes `DDDDDD-YYYY-NNNNNNN-C` (一证一码, YX-R §23; docs/spec/DESIGN.md §7) with the
//! ISO 7064 MOD 11-2 check character.

use crate::{
	code::{mod11_2_check, CertificateCode, CodeError, MAX_SERIAL},
	division::{DivisionCode, DivisionError},
};
use codec::{Decode, Encode, MaxEncodedLen};
use proptest::prelude::*;

fn code(div: u32, year: u16, serial: u32) -> CertificateCode {
	CertificateCode::new(DivisionCode::new(div).unwrap(), year, serial).unwrap()
}

/// The 17 digits `s` with their check character appended, hyphenated like a certificate code.
fn with_check(digits: &str) -> String {
	let c = mod11_2_check(digits.as_bytes());
	format!("{}-{}-{}-{}", &digits[..6], &digits[6..10], &digits[10..17], c)
}

/// ISO 7064 MOD 11-2 is the check of the resident identity number (GB 11643-1999), whose
/// published example 11010519491231002X gives an independent vector.
#[test]
fn mod11_2_matches_gb11643_example() {
	assert_eq!(mod11_2_check(b"11010519491231002"), 'X');
}

/// Hand computation: p ← ((p + d) × 2) mod 11 over 5,3,0,4,0,0,2,0,2,6,0,0,0,0,1,2,3 gives
/// p = 6, and the check value is (12 − 6) mod 11 = 6.
#[test]
fn mod11_2_hand_computed() {
	assert_eq!(mod11_2_check(b"53040020260000123"), '6');
	assert_eq!(mod11_2_check(b"53040220250000001"), 'X');
	// All zeros: p = 0, check (12 − 0) mod 11 = 1.
	assert_eq!(mod11_2_check(b"00000000000000000"), '1');
}

#[test]
fn display_is_hyphenated_with_check_character() {
	assert_eq!(code(530400, 2026, 123).to_string(), "530400-2026-0000123-6");
	assert_eq!(code(530402, 2025, 1).to_string(), "530402-2025-0000001-X");
	assert_eq!(
		code(530000, 2026, MAX_SERIAL).check_character(),
		mod11_2_check(b"53000020269999999")
	);
}

/// docs/spec/DESIGN.md §7: the hyphen-less 18-character form and a lower-case `x` are accepted.
#[test]
fn parse_accepts_compact_and_lower_case_forms() {
	let c = code(530402, 2025, 1);
	assert_eq!(CertificateCode::parse("530402-2025-0000001-X"), Ok(c));
	assert_eq!(CertificateCode::parse("530402-2025-0000001-x"), Ok(c));
	assert_eq!(CertificateCode::parse("53040220250000001X"), Ok(c));
	assert_eq!(CertificateCode::parse("53040220250000001x"), Ok(c));
	assert_eq!(CertificateCode::parse("  530402-2025-0000001-X\n"), Ok(c));
	assert_eq!("530400-2026-0000123-6".parse::<CertificateCode>(), Ok(code(530400, 2026, 123)));
}

#[test]
fn parse_malformed_is_rejected_with_reason() {
	use CodeError::*;
	for bad in [
		"",
		"530402-2025-000001-X",
		"530402-2025-00000001-X",
		"530402_2025_0000001_X",
		"5304022025-0000001-X-",
		"530402-2025-0000001X",
		"530402-2025-0000001-Y",
		"530402-2025-00000a1-X",
		"53040220250000001",
		"5304022025000000111X",
		"５30402-2025-0000001-X",
		"530402-2025-0000001-１",
	] {
		assert_eq!(CertificateCode::parse(bad), Err(BadFormat), "{bad:?}");
	}
	assert_eq!(
		CertificateCode::parse("530402-2025-0000001-0"),
		Err(BadCheckCharacter { expected: 'X', found: '0' })
	);
	assert_eq!(
		CertificateCode::parse("530400-2026-0000123-x"),
		Err(BadCheckCharacter { expected: '6', found: 'X' })
	);
	// Well-formed with a correct check character, but out of range.
	assert_eq!(CertificateCode::parse(&with_check("53040019990000001")), Err(BadYear));
	assert_eq!(CertificateCode::parse(&with_check("53040020260000000")), Err(BadSerial));
	assert_eq!(
		CertificateCode::parse(&with_check("99000020260000001")),
		Err(BadDivision(DivisionError::UnknownProvince))
	);
	assert_eq!(
		CertificateCode::parse(&with_check("53001220260000001")),
		Err(BadDivision(DivisionError::MalformedLevel))
	);
	assert_eq!(
		CertificateCode::parse(&with_check("05300020260000001")),
		Err(BadDivision(DivisionError::NotSixDigits))
	);
}

#[test]
fn new_out_of_range_is_rejected() {
	let d = DivisionCode::new(530400).unwrap();
	assert_eq!(CertificateCode::new(d, 1999, 1), Err(CodeError::BadYear));
	assert_eq!(CertificateCode::new(d, 10_000, 1), Err(CodeError::BadYear));
	assert_eq!(CertificateCode::new(d, 2026, 0), Err(CodeError::BadSerial));
	assert_eq!(CertificateCode::new(d, 2026, MAX_SERIAL + 1), Err(CodeError::BadSerial));
	assert!(CertificateCode::new(d, 2000, 1).is_ok());
	assert!(CertificateCode::new(d, 9999, MAX_SERIAL).is_ok());
}

/// docs/spec/DESIGN.md §7: SCALE encoding is `division (u32) ++ year (u16) ++ serial (u32)`, the check
/// character is not stored.
#[test]
fn scale_encoding_is_division_year_serial() {
	let c = code(530400, 2026, 123);
	let mut expected = 530_400u32.to_le_bytes().to_vec();
	expected.extend_from_slice(&2026u16.to_le_bytes());
	expected.extend_from_slice(&123u32.to_le_bytes());
	assert_eq!(c.encode(), expected);
	assert_eq!(CertificateCode::max_encoded_len(), 10);
	assert_eq!(CertificateCode::decode(&mut &expected[..]), Ok(c));
	assert!(c.is_valid());
	// Decoding does not validate; `is_valid` does.
	let mut forged = expected.clone();
	forged[6..10].copy_from_slice(&0u32.to_le_bytes());
	assert!(!CertificateCode::decode(&mut &forged[..]).unwrap().is_valid());
}

fn any_code() -> impl Strategy<Value = CertificateCode> {
	(11u32..=82, 0u32..=99, 0u32..=99, 2000u16..=9999, 1u32..=MAX_SERIAL).prop_map(
		|(p, c, k, year, serial)| {
			let k = if c == 0 { 0 } else { k };
			code(p * 10_000 + c * 100 + k, year, serial)
		},
	)
}

/// Characters tried as substitutes: every digit, the check letter in both cases, a hyphen and a few
/// look-alikes.
const SUBSTITUTES: &[u8] = b"0123456789Xx- O.";

fn is_same(a: u8, b: u8) -> bool {
	a.eq_ignore_ascii_case(&b)
}

proptest! {
	#[test]
	fn parse_of_display_round_trips(c in any_code()) {
		let s = c.to_string();
		prop_assert_eq!(s.len(), 21);
		prop_assert_eq!(CertificateCode::parse(&s), Ok(c));
		let compact: String = s.chars().filter(|&ch| ch != '-').collect();
		prop_assert_eq!(CertificateCode::parse(&compact), Ok(c));
		prop_assert_eq!(CertificateCode::parse(&s.to_lowercase()), Ok(c));
		prop_assert_eq!(c.encode().len(), 10);
		prop_assert_eq!(CertificateCode::decode(&mut &c.encode()[..]), Ok(c));
	}

	/// ISO 7064 MOD 11-2 detects every single-character substitution, in both written forms.
	#[test]
	fn every_substitution_is_rejected(c in any_code()) {
		let s = c.to_string();
		let compact: String = s.chars().filter(|&ch| ch != '-').collect();
		for form in [s, compact] {
			let orig = form.as_bytes();
			for i in 0..orig.len() {
				for &sub in SUBSTITUTES {
					if is_same(orig[i], sub) {
						continue;
					}
					let mut m = orig.to_vec();
					m[i] = sub;
					let m = String::from_utf8(m).unwrap();
					prop_assert!(CertificateCode::parse(&m).is_err(), "{} accepted", m);
				}
			}
		}
	}

	/// ISO 7064 MOD 11-2 detects every adjacent transposition of two different characters
	/// (including with the check character and across hyphens).
	#[test]
	fn every_adjacent_transposition_is_rejected(c in any_code()) {
		let s = c.to_string();
		let compact: String = s.chars().filter(|&ch| ch != '-').collect();
		for form in [s, compact] {
			let orig = form.as_bytes();
			for i in 0..orig.len() - 1 {
				if is_same(orig[i], orig[i + 1]) {
					continue;
				}
				let mut m = orig.to_vec();
				m.swap(i, i + 1);
				let m = String::from_utf8(m).unwrap();
				prop_assert!(CertificateCode::parse(&m).is_err(), "{} accepted", m);
			}
		}
	}
}
