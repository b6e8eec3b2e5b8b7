//! GB/T 2260 division codes: levels, parents and jurisdiction (docs/spec/DESIGN.md §5).

use crate::division::{DivisionCode, DivisionError, DivisionLevel};
use proptest::prelude::*;

fn dc(n: u32) -> DivisionCode {
	DivisionCode::new(n).unwrap()
}

const YUNNAN: u32 = 530000;
const KUNMING: u32 = 530100;
const YUXI: u32 = 530400;
const HONGTA: u32 = 530402;
const CHENGJIANG: u32 = 530481;

#[test]
fn level_of_yunnan_codes_is_province_city_county() {
	assert_eq!(dc(YUNNAN).level(), DivisionLevel::Province);
	assert_eq!(dc(KUNMING).level(), DivisionLevel::City);
	assert_eq!(dc(YUXI).level(), DivisionLevel::City);
	assert_eq!(dc(HONGTA).level(), DivisionLevel::County);
	assert_eq!(dc(CHENGJIANG).level(), DivisionLevel::County);
}

#[test]
fn parent_walks_county_city_province_none() {
	assert_eq!(dc(HONGTA).parent(), Some(dc(YUXI)));
	assert_eq!(dc(CHENGJIANG).parent(), Some(dc(YUXI)));
	assert_eq!(dc(YUXI).parent(), Some(dc(YUNNAN)));
	assert_eq!(dc(KUNMING).parent(), Some(dc(YUNNAN)));
	assert_eq!(dc(YUNNAN).parent(), None);
}

/// docs/spec/DESIGN.md §5 / Q16: a county lies within its city and province, not within a sibling.
#[test]
fn is_within_follows_the_hierarchy() {
	for code in [YUNNAN, KUNMING, YUXI, HONGTA, CHENGJIANG] {
		assert!(dc(code).is_within(&dc(code)), "{code} within itself");
		assert!(dc(code).is_within(&dc(YUNNAN)), "{code} within Yunnan");
	}
	assert!(dc(HONGTA).is_within(&dc(YUXI)));
	assert!(dc(CHENGJIANG).is_within(&dc(YUXI)));
	assert!(!dc(CHENGJIANG).is_within(&dc(HONGTA)));
	assert!(!dc(HONGTA).is_within(&dc(CHENGJIANG)));
	assert!(!dc(HONGTA).is_within(&dc(KUNMING)));
	assert!(!dc(YUXI).is_within(&dc(KUNMING)));
	assert!(!dc(YUXI).is_within(&dc(HONGTA)));
	assert!(!dc(YUNNAN).is_within(&dc(YUXI)));
	// Another province (Sichuan, Dazhou).
	assert!(!dc(511700).is_within(&dc(YUNNAN)));
	assert!(!dc(YUXI).is_within(&dc(510000)));
}

#[test]
fn new_with_malformed_code_is_rejected() {
	assert_eq!(DivisionCode::new(53040), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::new(5_304_000), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::new(0), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::new(100000), Err(DivisionError::UnknownProvince));
	assert_eq!(DivisionCode::new(990000), Err(DivisionError::UnknownProvince));
	assert_eq!(DivisionCode::new(830000), Err(DivisionError::UnknownProvince));
	assert_eq!(DivisionCode::new(530012), Err(DivisionError::MalformedLevel));
	assert!(DivisionCode::new(110000).is_ok());
	assert!(DivisionCode::new(820000).is_ok());
}

#[test]
fn parse_accepts_six_digits_only() {
	assert_eq!(DivisionCode::parse("530402"), Ok(dc(HONGTA)));
	assert_eq!("530481".parse::<DivisionCode>(), Ok(dc(CHENGJIANG)));
	assert_eq!(DivisionCode::parse("53040"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("5304020"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("53040a"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("+53040"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse(" 530402"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("053040"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("５３０４０２"), Err(DivisionError::NotSixDigits));
	assert_eq!(DivisionCode::parse("990000"), Err(DivisionError::UnknownProvince));
	assert_eq!(DivisionCode::parse("530012"), Err(DivisionError::MalformedLevel));
}

#[test]
fn display_is_six_digits_and_round_trips() {
	assert_eq!(dc(HONGTA).to_string(), "530402");
	assert_eq!(dc(YUNNAN).to_string(), "530000");
	assert_eq!(u32::from(dc(YUXI)), YUXI);
	assert_eq!(DivisionCode::try_from(YUXI), Ok(dc(YUXI)));
	assert!(dc(YUXI).is_valid());
}

/// SCALE decoding does not validate; `is_valid` catches a forged value.
#[test]
fn decoded_invalid_code_is_not_valid() {
	use codec::{Decode, Encode};
	let forged = DivisionCode::decode(&mut &530012u32.encode()[..]).unwrap();
	assert!(!forged.is_valid());
	assert_eq!(dc(YUXI).encode(), YUXI.encode());
}

fn any_code() -> impl Strategy<Value = DivisionCode> {
	(11u32..=82, 0u32..=99, 0u32..=99).prop_map(|(p, c, k)| {
		let k = if c == 0 { 0 } else { k };
		dc(p * 10_000 + c * 100 + k)
	})
}

proptest! {
	#[test]
	fn parse_of_display_round_trips(code in any_code()) {
		prop_assert_eq!(DivisionCode::parse(&code.to_string()), Ok(code));
	}

	#[test]
	fn every_ancestor_contains_the_code(code in any_code()) {
		let mut cur = Some(code);
		let mut steps = 0;
		while let Some(c) = cur {
			prop_assert!(code.is_within(&c));
			prop_assert!(c.is_valid());
			cur = c.parent();
			steps += 1;
		}
		prop_assert!(steps <= 3);
		// No code lies within one of its strict descendants.
		if let Some(p) = code.parent() {
			prop_assert!(!p.is_within(&code));
		}
	}
}
