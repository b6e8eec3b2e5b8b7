//! `dengji`: the Dengji command-line client. See the `dengji_cli` crate docs.

use clap::Parser;
use dengji_cli::{output, run::run, Cli, ExitCode};
use std::io::Write as _;

/// Prints to stdout, ignoring a closed pipe (`dengji … | head`).
fn out(s: &str) {
	let _ = writeln!(std::io::stdout(), "{s}");
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	let cli = Cli::parse();
	let as_json = cli.json;
	match run(cli).await {
		Ok(report) => {
			out(&report.render(as_json));
			std::process::ExitCode::from(report.exit.code())
		}
		Err(e) => {
			let exit = ExitCode::of_error(&e);
			if as_json {
				out(&serde_json::to_string_pretty(&output::error_json(&e, exit))
					.unwrap_or_default());
			} else {
				eprintln!("error: {e:#}");
			}
			std::process::ExitCode::from(exit.code())
		}
	}
}
