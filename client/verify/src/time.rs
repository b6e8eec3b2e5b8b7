//! The verifier's clock reading: [`UnixTimeMs`], milliseconds since the Unix epoch. The core reads
//! no clock; the caller passes its `now` (as `rustls-webpki` passes `UnixTime`).

/// An instant in milliseconds since the Unix epoch (UTC), the unit of the chain's
/// `Timestamp::Now` and of every time in a certificate record. The verifier's `now` argument, so
/// that seconds cannot be passed where milliseconds are meant.
///
/// ```
/// use dengji_verify::UnixTimeMs;
/// assert_eq!(UnixTimeMs::from_secs(1_780_000_000), UnixTimeMs::from_millis(1_780_000_000_000));
/// assert_eq!(UnixTimeMs::from_secs(u64::MAX).as_millis(), u64::MAX); // saturates
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct UnixTimeMs(u64);

impl UnixTimeMs {
	/// The epoch itself (`1970-01-01T00:00:00Z`).
	pub const EPOCH: Self = Self(0);

	/// `millis` milliseconds after the epoch.
	pub const fn from_millis(millis: u64) -> Self {
		Self(millis)
	}

	/// `secs` seconds after the epoch (saturating at `u64::MAX` milliseconds).
	pub const fn from_secs(secs: u64) -> Self {
		Self(secs.saturating_mul(1000))
	}

	/// Milliseconds since the epoch.
	pub const fn as_millis(self) -> u64 {
		self.0
	}

	/// The local system clock (a time before the epoch reads as the epoch). For callers with
	/// `std`; the verifier itself never reads a clock.
	#[cfg(feature = "std")]
	pub fn now() -> Self {
		std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(Self::EPOCH, |d| Self(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
	}
}
