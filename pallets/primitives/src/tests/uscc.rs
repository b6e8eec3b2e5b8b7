//! Unified social credit codes (GB 32100-2015): check character and mutation rejection.

use crate::uscc::{Uscc, UsccError, USCC_CHARSET};
use proptest::prelude::*;

/// The example of GB 32100-2015 (a Fuzhou enterprise, `9` = market regulation, `1` = company).
const GB_EXAMPLE: &str = "91350100M000100Y43";
/// A published Shenzhen enterprise code (business licence).
const SHENZHEN: &str = "91440300708461136T";

#[test]
fn check_character_of_published_examples_matches() {
	for code in [GB_EXAMPLE, SHENZHEN] {
		let b = code.as_bytes();
		assert_eq!(Uscc::check_character(&b[..17]), Some(b[17]), "{code}");
		let u = Uscc::parse(code).unwrap();
		assert_eq!(u.to_string(), code);
		assert_eq!(u.as_bytes(), b);
		assert!(u.is_valid());
	}
}

/// Hand computation for the GB 32100 example (GB 32100-2015 §5, check character = 31 − Σ mod 31):
/// values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 with weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
/// give 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
#[test]
fn check_character_hand_computed() {
	assert_eq!(Uscc::check_character(b"91350100M000100Y4"), Some(b'3'));
	// A remainder of 0 gives '0', not the 32nd character.
	let mut first = *b"00000000000000000";
	assert_eq!(Uscc::check_character(&first), Some(b'0'));
	// Value 1 at weight 1 → 31 − 1 = 30 → 'Y' (the last character of the set).
	first[0] = b'1';
	assert_eq!(Uscc::check_character(&first), Some(b'Y'));
}

#[test]
fn check_character_of_bad_input_is_none() {
	assert_eq!(Uscc::check_character(b"91350100M000100Y"), None);
	assert_eq!(Uscc::check_character(b"91350100M000100Y43"), None);
	assert_eq!(Uscc::check_character(b"91350100I000100Y4"), None);
}

#[test]
fn parse_lower_case_is_accepted_and_upper_cased() {
	let u = Uscc::parse("91350100m000100y43").unwrap();
	assert_eq!(u.to_string(), GB_EXAMPLE);
	assert_eq!(u, GB_EXAMPLE.parse::<Uscc>().unwrap());
}

#[test]
fn parse_malformed_is_rejected_with_reason() {
	assert_eq!(Uscc::parse("91350100M000100Y4"), Err(UsccError::WrongLength));
	assert_eq!(Uscc::parse("91350100M000100Y433"), Err(UsccError::WrongLength));
	assert_eq!(Uscc::parse(""), Err(UsccError::WrongLength));
	// I, O, S, V, Z are not in the GB 32100 character set.
	assert_eq!(Uscc::parse("91350100O000100Y43"), Err(UsccError::BadCharacter(8)));
	assert_eq!(Uscc::parse("9135010-M000100Y43"), Err(UsccError::BadCharacter(7)));
	assert_eq!(
		Uscc::parse("91350100M000100Y44"),
		Err(UsccError::BadCheckCharacter { expected: b'3', found: b'4' })
	);
	// 18 bytes but not 18 ASCII characters.
	assert_eq!(Uscc::parse("91350100M000100中"), Err(UsccError::BadCharacter(15)));
}

#[test]
fn charset_excludes_ambiguous_letters() {
	assert_eq!(USCC_CHARSET.len(), 31);
	for c in *b"IOSVZ" {
		assert!(!USCC_CHARSET.contains(&c));
	}
	let mut sorted = *USCC_CHARSET;
	sorted.sort_unstable();
	assert_eq!(&sorted, USCC_CHARSET, "charset sorted, no duplicates by construction");
}

/// GB 32100: every single substitution of one character by another is detected.
#[test]
fn every_substitution_of_gb_example_is_rejected() {
	for code in [GB_EXAMPLE, SHENZHEN] {
		let orig = code.as_bytes();
		for i in 0..18 {
			for c in (b'0'..=b'9').chain(b'A'..=b'Z').chain(b'a'..=b'z') {
				if c.to_ascii_uppercase() == orig[i] {
					continue;
				}
				let mut m = *<&[u8; 18]>::try_from(orig).unwrap();
				m[i] = c;
				assert!(Uscc::from_bytes(&m).is_err(), "{code}: {} at {i}", char::from(c));
			}
		}
	}
}

fn any_uscc() -> impl Strategy<Value = Uscc> {
	proptest::collection::vec(0usize..31, 17).prop_map(|v| {
		let mut raw = [0u8; 18];
		for (r, i) in raw.iter_mut().zip(v) {
			*r = USCC_CHARSET[i];
		}
		raw[17] = Uscc::check_character(&raw[..17]).unwrap();
		Uscc::from_bytes(&raw).unwrap()
	})
}

proptest! {
	#[test]
	fn parse_of_display_round_trips(u in any_uscc()) {
		prop_assert_eq!(Uscc::parse(&u.to_string()), Ok(u));
		prop_assert_eq!(Uscc::parse(&u.to_string().to_lowercase()), Ok(u));
	}

	/// Every single substitution is rejected (weights are non-zero mod 31, a prime).
	#[test]
	fn any_substitution_is_rejected(u in any_uscc(), pos in 0usize..18, to in 0usize..31) {
		let mut m = *u.as_bytes();
		prop_assume!(m[pos] != USCC_CHARSET[to]);
		m[pos] = USCC_CHARSET[to];
		prop_assert!(Uscc::from_bytes(&m).is_err());
	}

	/// Every adjacent transposition of two different characters is rejected.
	#[test]
	fn any_adjacent_transposition_is_rejected(u in any_uscc()) {
		for i in 0..17 {
			let mut m = *u.as_bytes();
			if m[i] == m[i + 1] {
				continue;
			}
			m.swap(i, i + 1);
			prop_assert!(Uscc::from_bytes(&m).is_err(), "swap at {}", i);
		}
	}
}
