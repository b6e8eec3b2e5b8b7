//! `dengji chain …`: the finalized head, a block's events, the chain clock (`Calendar::Clock`,
//! which maps chain time to the days legal periods are counted in, YX-R §22), and waiting until
//! a chain day begins or ends.

use super::{connect, read, Ctx};
use crate::{
	args::Node,
	error::Result,
	output::{fmt_time, EventsReport, Outcome, Output},
	parse,
};
use clap::Subcommand;
use dengji_client::{rpc::to_hex, timeouts, BlockRef, Error as SdkError};
use dengji_primitives::{ChainClock, Date, DayIndex, Moment};
use serde::Serialize;
use std::{
	fmt,
	time::{Duration, Instant},
};

/// `dengji chain …`.
#[derive(Subcommand, Debug)]
pub enum ChainCmd {
	/// The finalized head, genesis hash and chain time.
	Info {
		/// Node.
		#[command(flatten)]
		node: Node,
	},
	/// The events of a block.
	Events {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// Block hash (default: the finalized head).
		#[arg(value_parser = parse::hash)]
		block: Option<[u8; 32]>,
	},
	/// The chain clock: how chain time maps to days (real chains: Asia/Shanghai days; dev
	/// chains: short days), the finalized chain time and today's day.
	Clock {
		/// Node.
		#[command(flatten)]
		node: Node,
	},
	/// Wait until the finalized chain time reaches a chain day (or, with `--end`, passes it).
	WaitUntil {
		/// Node.
		#[command(flatten)]
		node: Node,
		/// The day: a day index (as events give it, e.g. `PublicityOpened.closes_on`) or a date
		/// `YYYY-MM-DD` of the chain's calendar.
		#[arg(value_parser = parse::day)]
		day: DayIndex,
		/// Wait until the day has ended rather than begun.
		#[arg(long)]
		end: bool,
		/// Give up after this many seconds (exit 3).
		#[arg(long, default_value_t = 300)]
		timeout: u64,
	},
}

impl ChainCmd {
	/// Runs the command.
	pub async fn run(self, ctx: Ctx) -> Result<Output> {
		match self {
			ChainCmd::Info { node } => {
				let client = read(&node.url, ctx).await?;
				let finalized = client.finalized_head().await?;
				// No time before the first finalized block.
				let time = client.now().await.ok();
				Output::of(&ChainInfo { genesis_hash: client.genesis_hash(), finalized, time })
			}
			ChainCmd::Events { node, block } => {
				let client = connect(&node.url, ctx).await?;
				let block = match block {
					Some(b) => b,
					None => client.reader().finalized_head().await?.hash,
				};
				let events = client.events_of(block).await?;
				Output::of(&EventsReport { block, events })
			}
			ChainCmd::Clock { node } => {
				let client = read(&node.url, ctx).await?;
				let clock = client.chain_clock().await?;
				let now = client.now().await.ok();
				Output::of(&ClockReport::new(clock, now))
			}
			ChainCmd::WaitUntil { node, day, end, timeout } => {
				let client = read(&node.url, ctx).await?;
				let clock = client.chain_clock().await?;
				let until = if end {
					clock.day_end_ms(day).saturating_add(1)
				} else {
					clock.day_start_ms(day)
				};
				let limit = Duration::from_secs(timeout);
				let deadline = Instant::now() + limit;
				let start = client.now().await?;
				let pb = ctx.bar(
					until.saturating_sub(start),
					format!("waiting for chain time {}", fmt_time(until)),
				);
				let now = loop {
					let now = client.now().await?;
					pb.set_position(now.saturating_sub(start));
					if now >= until {
						break now;
					}
					if Instant::now() >= deadline {
						pb.abandon();
						return Err(SdkError::Timeout { what: "chain time", after: limit }.into());
					}
					tokio::time::sleep(timeouts::POLL_INTERVAL).await;
				};
				pb.finish_and_clear();
				Output::of(&Waited { day, end, until, clock: ClockReport::new(clock, Some(now)) })
			}
		}
	}
}

/// `chain info`.
pub struct ChainInfo {
	/// Genesis hash.
	genesis_hash: [u8; 32],
	/// Finalized head.
	finalized: BlockRef,
	/// `Timestamp::Now` at the finalized head (none before the first block).
	time: Option<Moment>,
}

impl Serialize for TimeText {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		self.0.map(fmt_time).serialize(s)
	}
}

/// A time printed in Asia/Shanghai, `null` when absent.
struct TimeText(Option<Moment>);

impl ChainInfo {
	fn value(&self) -> serde_json::Value {
		serde_json::json!({
			"genesis_hash": to_hex(&self.genesis_hash),
			"finalized": self.finalized,
			"time": self.time,
			"time_text": TimeText(self.time),
		})
	}
}

impl fmt::Display for ChainInfo {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"genesis   {}\nfinalized #{} {}\ntime      {}",
			to_hex(&self.genesis_hash),
			self.finalized.number,
			to_hex(&self.finalized.hash),
			self.time.map(fmt_time).unwrap_or_else(|| "(none yet)".into())
		)
	}
}

impl Outcome for ChainInfo {}

/// `chain clock`: the clock, and where the finalized chain time is on it.
#[derive(Serialize)]
pub struct ClockReport {
	/// The instant day `origin_day` starts (ms).
	origin_ms: Moment,
	/// The day starting at `origin_ms`.
	origin_day: DayIndex,
	/// Length of a day (ms).
	day_length_ms: u64,
	/// Real Asia/Shanghai days (else an accelerated dev clock).
	real_time: bool,
	/// Finalized chain time (ms).
	now: Option<Moment>,
	/// Finalized chain time, Asia/Shanghai.
	now_text: TimeText,
	/// The chain day of `now`.
	today: Option<DayIndex>,
	/// That day as a date of the chain's calendar.
	today_date: Option<String>,
	/// The last millisecond of that day.
	today_ends_ms: Option<Moment>,
}

impl ClockReport {
	fn new(clock: ChainClock, now: Option<Moment>) -> Self {
		let today = now.map(|n| clock.day_at(n));
		Self {
			origin_ms: clock.origin_ms,
			origin_day: clock.origin_day,
			day_length_ms: clock.day_length_ms,
			real_time: clock.is_real_time(),
			now,
			now_text: TimeText(now),
			today,
			today_date: today.map(|d| Date::from_day_index(d).to_string()),
			today_ends_ms: today.map(|d| clock.day_end_ms(d)),
		}
	}
}

impl fmt::Display for ClockReport {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"clock  day {} ({}) starts {}; days of {} ms{}",
			self.origin_day,
			Date::from_day_index(self.origin_day),
			fmt_time(self.origin_ms),
			self.day_length_ms,
			if self.real_time { " (Asia/Shanghai)" } else { " (accelerated)" }
		)?;
		match (self.now, self.today, &self.today_date) {
			(Some(now), Some(day), Some(date)) => {
				write!(f, "\nnow    {} = day {day} ({date})", fmt_time(now))
			}
			_ => write!(f, "\nnow    (no finalized block yet)"),
		}
	}
}

impl Outcome for ClockReport {}

/// `chain wait-until`: the day reached.
#[derive(Serialize)]
pub struct Waited {
	/// The day waited for.
	day: DayIndex,
	/// Whether its end was awaited.
	end: bool,
	/// The chain time waited for (ms).
	until: Moment,
	/// The clock and the time reached.
	clock: ClockReport,
}

impl fmt::Display for Waited {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"day {} ({}) has {}: chain time {}",
			self.day,
			Date::from_day_index(self.day),
			if self.end { "ended" } else { "begun" },
			self.clock.now.map(fmt_time).unwrap_or_default()
		)
	}
}

impl Outcome for Waited {}

crate::output::serialize_via!(ChainInfo, value);
