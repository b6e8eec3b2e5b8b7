//! The basic information of a registration beyond its name and summary (YX-R §12 items (三)–(七)
//! and (九)) and its classification (分类分级: YX-AO §31, YN-D §13, §15, DZ §13, KM 第十条): the
//! typed catalogue fields the data authority builds its public data resource catalogue from
//! (YX-R §7(一), Q40). The code lists of classification are not published yet (Q22): the
//! classification is stored as the code the applicant's list gives, checked for form only; the
//! industry is a GB/T 4754-2017 code, checked against the sections' division ranges.

use crate::{digest::Digest, division::DivisionCode};
use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Longest industry code: a section letter and a 4-digit class (`I6450`).
pub const MAX_INDUSTRY_CODE_LEN: u32 = 5;
/// Longest classification code (Q22: the code lists are pending; any printable ASCII code).
pub const MAX_CLASSIFICATION_LEN: u32 = 32;
/// Longest catalogue reference (目录编码 of the catalogue entry).
pub const MAX_CATALOGUE_REF_LEN: u32 = 64;

/// The GB/T 4754-2017 sections (门类 A–T) and the range of their two-digit divisions (大类).
const SECTIONS: [(u8, u8, u8); 20] = [
	(b'A', 1, 5),
	(b'B', 6, 12),
	(b'C', 13, 43),
	(b'D', 44, 46),
	(b'E', 47, 50),
	(b'F', 51, 52),
	(b'G', 53, 60),
	(b'H', 61, 62),
	(b'I', 63, 65),
	(b'J', 66, 69),
	(b'K', 70, 70),
	(b'L', 71, 72),
	(b'M', 73, 75),
	(b'N', 76, 79),
	(b'O', 80, 82),
	(b'P', 83, 83),
	(b'Q', 84, 85),
	(b'R', 86, 90),
	(b'S', 91, 96),
	(b'T', 97, 97),
];

/// Why an industry code was rejected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IndustryError {
	/// Not a section letter followed by 0, 2, 3 or 4 digits.
	Malformed,
	/// The section letter is not one of A–T.
	UnknownSection,
	/// The two-digit division does not belong to the section (e.g. `A64`).
	DivisionOutsideSection,
}

/// An industry of the national economic classification (国民经济行业分类, GB/T 4754-2017; YX-R
/// §12(三)): a section letter, optionally followed by the division (2 digits), group (3) or
/// class (4), e.g. `I`, `I64`, `I645`, `I6450`. Stored as its ASCII bytes.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct IndustryCode(pub BoundedVec<u8, ConstU32<MAX_INDUSTRY_CODE_LEN>>);

impl IndustryCode {
	/// Parses and validates a code (upper-case section letter).
	pub fn parse(s: &str) -> Result<Self, IndustryError> {
		Self::check(s.as_bytes())?;
		BoundedVec::try_from(s.as_bytes().to_vec()).map(Self).map_err(|_| IndustryError::Malformed)
	}

	/// Validates raw bytes as a code.
	pub fn check(b: &[u8]) -> Result<(), IndustryError> {
		let (&section, digits) = b.split_first().ok_or(IndustryError::Malformed)?;
		if !matches!(digits.len(), 0 | 2 | 3 | 4) || !digits.iter().all(u8::is_ascii_digit) {
			return Err(IndustryError::Malformed);
		}
		let (_, low, high) =
			SECTIONS.iter().find(|(s, _, _)| *s == section).ok_or(IndustryError::UnknownSection)?;
		if let [d1, d2, ..] = digits {
			let division = (d1 - b'0') * 10 + (d2 - b'0');
			if division < *low || division > *high {
				return Err(IndustryError::DivisionOutsideSection);
			}
		}
		Ok(())
	}

	/// Re-validates a value decoded from SCALE (decoding does not check the form).
	pub fn is_valid(&self) -> bool {
		Self::check(&self.0).is_ok()
	}

	/// The code as text.
	pub fn as_str(&self) -> &str {
		core::str::from_utf8(&self.0).unwrap_or("")
	}
}

/// Data classification code (数据分类, Q22): printable ASCII, 1..=32 bytes.
pub type ClassificationCode = BoundedVec<u8, ConstU32<MAX_CLASSIFICATION_LEN>>;
/// Reference of the catalogue entry (目录编码, YN-D §15, DZ §13): printable ASCII, 1..=64 bytes.
pub type CatalogueRef = BoundedVec<u8, ConstU32<MAX_CATALOGUE_REF_LEN>>;

/// Whether `b` is a non-empty printable ASCII code (no spaces).
pub fn is_code(b: &[u8]) -> bool {
	!b.is_empty() && b.iter().all(|c| c.is_ascii_graphic())
}

/// Data grade (数据分级): general, important or core data (数据安全法 §21; YN-D §13; DZ §44).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DataGrade {
	/// 一般数据.
	General,
	/// 重要数据.
	Important,
	/// 核心数据: national core data is not registered (YX-R §17(一)).
	Core,
}

/// Sharing attribute (共享属性, YN23 §26, YN-D §30, DZ §19).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ShareAttribute {
	/// 无条件共享.
	Unconditional,
	/// 有条件共享.
	Conditional,
	/// 不予共享.
	NotShared,
}

/// Opening attribute (开放属性, KM §19, YN23 §32, YN-D §38, DZ §25).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum OpenAttribute {
	/// 无条件开放.
	Unconditional,
	/// 有条件开放.
	Conditional,
	/// 不予开放.
	NotOpen,
}

/// Structure type of the data (数据结构类型, YX-R §12(六)).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DataStructure {
	/// 结构化 (tables).
	Structured,
	/// 半结构化 (JSON, XML, logs).
	SemiStructured,
	/// 非结构化 (documents, images, audio, video).
	Unstructured,
	/// Several of the above.
	Mixed,
}

/// Update frequency (更新频次, YX-R §12(九)).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum UpdateFrequency {
	/// 实时.
	RealTime,
	/// 每日.
	Daily,
	/// 每周.
	Weekly,
	/// 每月.
	Monthly,
	/// 每季度.
	Quarterly,
	/// 每半年.
	HalfYearly,
	/// 每年.
	Yearly,
	/// 不定期.
	Irregular,
	/// 不更新 (a fixed data set).
	NotUpdated,
}

/// The typed basic information of YX-R §12 beyond the name (一), the subject (二) and the
/// co-subjects (八), which the registration holds itself, and the classification of the catalogue
/// (YN-D §15, DZ §13: 数据分类分级, 敏感级别; YX-AO §31).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct BasicDetails {
	/// 所属行业 (YX-R §12(三)), GB/T 4754-2017.
	pub industry: IndustryCode,
	/// BLAKE2-256 of the application scenario (应用场景, YX-R §12(四)).
	pub scenario: Digest,
	/// BLAKE2-256 of the data source and the proof of its lawful acquisition (数据来源,
	/// YX-R §12(五)).
	pub source: Digest,
	/// 数据结构类型 (YX-R §12(六)).
	pub structure: DataStructure,
	/// 规模: number of records (记录条数, YX-R §12(六)).
	pub records: u64,
	/// BLAKE2-256 of the field names and formats (YX-R §12(六)).
	pub schema: Digest,
	/// 资源覆盖地区 (YX-R §12(七)), GB/T 2260.
	pub coverage: DivisionCode,
	/// 更新频次 (YX-R §12(九)).
	pub update: UpdateFrequency,
	/// 数据分类 (Q22 code list).
	pub classification: ClassificationCode,
	/// 数据分级.
	pub grade: DataGrade,
	/// 共享属性.
	pub share: ShareAttribute,
	/// 开放属性.
	pub open: OpenAttribute,
	/// The catalogue entry, once catalogued (目录编码).
	pub catalogue: Option<CatalogueRef>,
}

/// Why basic details were rejected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DetailsError {
	/// The industry code is not a GB/T 4754-2017 code.
	Industry(IndustryError),
	/// The coverage area is not a valid GB/T 2260 division.
	Coverage,
	/// The classification code is empty or not printable ASCII.
	Classification,
	/// The catalogue reference is empty or not printable ASCII.
	CatalogueRef,
}

impl BasicDetails {
	/// Checks the form of every coded field (SCALE decoding does not).
	pub fn check(&self) -> Result<(), DetailsError> {
		IndustryCode::check(&self.industry.0).map_err(DetailsError::Industry)?;
		if !self.coverage.is_valid() {
			return Err(DetailsError::Coverage);
		}
		if !is_code(&self.classification) {
			return Err(DetailsError::Classification);
		}
		if let Some(c) = &self.catalogue {
			if !is_code(c) {
				return Err(DetailsError::CatalogueRef);
			}
		}
		Ok(())
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;

	/// YX-R §12(三), Q22: GB/T 4754-2017 codes: a section, optionally its division, group or
	/// class; the division must belong to the section.
	#[test]
	fn industry_codes_follow_gb_t_4754() {
		for ok in ["I", "I64", "I645", "I6450", "A01", "C43", "T97", "K70"] {
			assert!(IndustryCode::parse(ok).is_ok(), "{ok}");
		}
		assert_eq!(IndustryCode::parse(""), Err(IndustryError::Malformed));
		assert_eq!(IndustryCode::parse("I6"), Err(IndustryError::Malformed));
		assert_eq!(IndustryCode::parse("I64501"), Err(IndustryError::Malformed));
		assert_eq!(IndustryCode::parse("I6a"), Err(IndustryError::Malformed));
		assert_eq!(IndustryCode::parse("i64"), Err(IndustryError::UnknownSection));
		assert_eq!(IndustryCode::parse("U64"), Err(IndustryError::UnknownSection));
		assert_eq!(IndustryCode::parse("A64"), Err(IndustryError::DivisionOutsideSection));
		assert_eq!(IndustryCode::parse("I62"), Err(IndustryError::DivisionOutsideSection));
		let decoded = IndustryCode(BoundedVec::try_from(b"Z1".to_vec()).unwrap_or_default());
		assert!(!decoded.is_valid());
	}

	fn details() -> BasicDetails {
		BasicDetails {
			industry: IndustryCode::parse("I6450").unwrap(),
			scenario: [1; 32],
			source: [2; 32],
			structure: DataStructure::Structured,
			records: 1_000,
			schema: [3; 32],
			coverage: DivisionCode::new(530400).unwrap(),
			update: UpdateFrequency::Monthly,
			classification: ClassificationCode::try_from(b"GA-01".to_vec()).unwrap(),
			grade: DataGrade::General,
			share: ShareAttribute::Conditional,
			open: OpenAttribute::NotOpen,
			catalogue: None,
		}
	}

	/// YX-R §12, YN-D §15: every coded field is checked for form.
	#[test]
	fn basic_details_check_each_coded_field() {
		assert_eq!(details().check(), Ok(()));
		let mut d = details();
		d.industry = IndustryCode(BoundedVec::try_from(b"A64".to_vec()).unwrap_or_default());
		assert_eq!(d.check(), Err(DetailsError::Industry(IndustryError::DivisionOutsideSection)));
		let mut d = details();
		d.classification = ClassificationCode::default();
		assert_eq!(d.check(), Err(DetailsError::Classification));
		d.classification = ClassificationCode::try_from(b"a b".to_vec()).unwrap_or_default();
		assert_eq!(d.check(), Err(DetailsError::Classification));
		let mut d = details();
		d.catalogue = Some(CatalogueRef::default());
		assert_eq!(d.check(), Err(DetailsError::CatalogueRef));
		d.catalogue = Some(CatalogueRef::try_from(b"YX-2026-0001".to_vec()).unwrap_or_default());
		assert_eq!(d.check(), Ok(()));
	}
}
