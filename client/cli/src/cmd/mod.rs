//! The commands, one module per group. Each command returns one [`Outcome`](crate::output::Outcome) (see
//! [`crate::output`]); [`run`] dispatches and renders it.

pub mod authority;
pub mod catalogue;
pub mod cert;
pub mod chain;
pub mod code;
pub mod consent;
pub mod council;
pub mod details;
pub mod holder;
pub mod institution;
pub mod key;
pub mod meta;
pub mod offline_sign;
pub mod query;
pub mod review_due;
pub mod subject;
pub mod supervision;
pub mod trust;
pub mod validator;

use crate::{
	args::{Cli, Command, Tx},
	error::{CliError, Result},
	output::{Output, TxReport},
};
use dengji_client::{roles, rpc::to_hex, Call, Client, Reader};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::{io::IsTerminal as _, path::Path, time::Duration};

/// How a command talks to people on stderr: progress messages (`--quiet` silences them) and
/// progress bars (only on a terminal, never with `--json`).
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
	quiet: bool,
	bars: bool,
}

impl Ctx {
	/// For the global flags.
	pub fn new(json: bool, quiet: bool) -> Self {
		let quiet = quiet || json;
		Self { quiet, bars: !quiet && std::io::stderr().is_terminal() }
	}

	/// Prints `msg` on stderr.
	pub fn say(&self, msg: impl AsRef<str>) {
		if !self.quiet {
			eprintln!("{}", msg.as_ref());
		}
	}

	/// A spinner with elapsed time while something is awaited (hidden off a terminal; then
	/// `msg` is said once).
	pub fn spinner(&self, msg: impl Into<String>) -> ProgressBar {
		let msg = msg.into();
		if !self.bars {
			self.say(&msg);
			return ProgressBar::hidden();
		}
		let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
		pb.set_style(
			ProgressStyle::with_template("{spinner} {msg} {elapsed}")
				.unwrap_or_else(|_| ProgressStyle::default_spinner()),
		);
		pb.set_message(msg);
		pb.enable_steady_tick(Duration::from_millis(120));
		pb
	}

	/// A bar of `len` steps (hidden off a terminal; then `msg` is said once).
	pub fn bar(&self, len: u64, msg: impl Into<String>) -> ProgressBar {
		let msg = msg.into();
		if !self.bars {
			self.say(&msg);
			return ProgressBar::hidden();
		}
		let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
		pb.set_style(
			ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {elapsed}/~{eta}")
				.unwrap_or_else(|_| ProgressStyle::default_bar()),
		);
		pb.set_message(msg);
		pb
	}
}

/// Runs `cli`, returning what to print.
pub async fn run(cli: Cli) -> Result<Output> {
	let ctx = Ctx::new(cli.json, cli.quiet);
	match cli.command {
		Command::Code(c) => c.run(),
		Command::Cert(c) => c.run(ctx).await,
		Command::Holder(c) => c.run(ctx).await,
		Command::Consent(c) => c.run(ctx).await,
		Command::Trust(c) => c.run(ctx).await,
		Command::Chain(c) => c.run(ctx).await,
		Command::Key(c) => c.run(),
		Command::Sign(a) => Output::of(&offline_sign::sign(&a)?),
		Command::Institution(c) => Output::of(&c.run(ctx).await?),
		Command::Subject(c) => Output::of(&c.run(ctx).await?),
		Command::Authority(c) => Output::of(&c.run(ctx).await?),
		Command::Council(c) => Output::of(&c.run(ctx).await?),
		Command::Complaint(c) => Output::of(&c.run(ctx).await?),
		Command::ServiceInstitution(c) => Output::of(&c.run(ctx).await?),
		Command::Validator(c) => Output::of(&c.run(ctx).await?),
		Command::App(c) => c.run(ctx, cli.json).await,
		Command::Registration(c) => c.run(ctx, cli.json).await,
		Command::Publicity(c) => c.run(ctx, cli.json).await,
		Command::Queue(c) => c.run(ctx, cli.json).await,
		Command::Catalogue(c) => c.run(ctx, cli.json).await,
		Command::ReviewDue(c) => c.run(ctx, cli.json).await,
		Command::DeclareDetails(c) => Output::of(&c.run(ctx).await?),
		Command::Completions { shell } => Output::of(&meta::completions(shell)),
		Command::Man { dir } => Output::of(&meta::man(dir.as_deref())?),
	}
}

/// Connects read-only.
pub async fn read(url: &str, ctx: Ctx) -> Result<Reader> {
	ctx.say(format!("connecting to {url}…"));
	let r = Reader::connect(url).await?;
	ctx.say(format!("connected: chain {}", to_hex(&r.genesis_hash())));
	Ok(r)
}

/// Connects with metadata, to submit.
pub async fn connect(url: &str, ctx: Ctx) -> Result<Client> {
	ctx.say(format!("connecting to {url}…"));
	let c = Client::connect(url).await?;
	ctx.say(format!("connected: chain {}", to_hex(&c.reader().genesis_hash())));
	Ok(c)
}

/// Signs `call`, submits it and waits for finality.
pub async fn submit(tx: &Tx, call: Call, ctx: Ctx) -> Result<TxReport> {
	let signer = tx.signer()?;
	let client = connect(&tx.node.url, ctx).await?;
	let pb = ctx.spinner(format!(
		"submitting {} as {} and waiting for finality…",
		call.label(),
		signer.ss58()
	));
	let s = client.submit(&call, &signer).await;
	pb.finish_and_clear();
	Ok(s?.into())
}

/// Wraps `inner` in `Sudo::sudo`, signs, submits and waits for finality.
pub async fn sudo(tx: &Tx, inner: Call, ctx: Ctx) -> Result<TxReport> {
	let signer = tx.signer()?;
	let client = connect(&tx.node.url, ctx).await?;
	let data = client.call_data(&inner).await?;
	let call = roles::authority::sudo(data);
	let pb = ctx.spinner(format!(
		"submitting Sudo.sudo({}) as {} and waiting for finality…",
		inner.label(),
		signer.ss58()
	));
	let s = client.submit(&call, &signer).await;
	pb.finish_and_clear();
	Ok(s?.into())
}

/// Checks that a QR payload's chain is the one being asked.
pub fn check_chain(qr_chain: Option<[u8; 32]>, chain: [u8; 32]) -> Result<()> {
	match qr_chain {
		Some(g) if g != chain => {
			Err(dengji_verify::VerifyError::GenesisMismatch { expected: chain, found: g }.into())
		}
		_ => Ok(()),
	}
}

/// Writes a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
	std::fs::write(path, bytes).map_err(|source| CliError::Write { path: path.into(), source })
}

/// Reads a file.
pub fn read_file(what: &'static str, path: &Path) -> Result<Vec<u8>> {
	std::fs::read(path).map_err(|source| CliError::Read { what, path: path.into(), source })
}
