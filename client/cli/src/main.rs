//! `dengji`: the Dengji command-line client. See the `dengji_cli` crate docs.

use clap::Parser;
use dengji_cli::{cmd, error, Cli, ExitCode};
use std::io::Write as _;

/// Prints to stdout, ignoring a closed pipe (`dengji … | head`).
fn out(s: &str) {
	let _ = writeln!(std::io::stdout(), "{s}");
}

fn json(v: &serde_json::Value) -> String {
	serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Logs of the SDK and the CLI on stderr: `RUST_LOG` if set, else by `-v` count.
fn init_logging(verbose: u8) {
	let level = match verbose {
		0 => "warn",
		1 => "info",
		2 => "debug",
		_ => "trace",
	};
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level))
		.format_target(verbose >= 2)
		.init();
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	let cli = match Cli::try_parse() {
		Ok(cli) => cli,
		Err(e) => {
			use clap::error::ErrorKind;
			// `--json` is global: honour it for errors found before parsing finished.
			let as_json = std::env::args_os().skip(1).any(|a| a == "--json");
			let code = u8::try_from(e.exit_code()).unwrap_or(ExitCode::Usage.code());
			match e.kind() {
				ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
					let _ = e.print();
				}
				_ if as_json => out(&json(&error::clap_error_json(&e))),
				ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
					let _ = e.print();
				}
				// A rejected value: the parser's one sentence says it all.
				ErrorKind::ValueValidation => eprintln!("error: {}", error::clap_message(&e)),
				_ => {
					// One line, then clap's usage line for orientation.
					eprintln!("error: {}", error::clap_message(&e));
					let rendered = e.to_string();
					if let Some(usage) = rendered.lines().find(|l| l.starts_with("Usage:")) {
						eprintln!("\n{usage}");
					}
				}
			}
			return std::process::ExitCode::from(code);
		}
	};
	init_logging(cli.verbose);
	let as_json = cli.json;
	match cmd::run(cli).await {
		Ok(output) => {
			out(&output.render(as_json));
			std::process::ExitCode::from(output.exit.code())
		}
		Err(e) => {
			log::debug!("{e:?}");
			if as_json {
				out(&json(&e.to_json()));
			} else {
				eprintln!("error: {}", e.message());
			}
			std::process::ExitCode::from(e.exit_code().code())
		}
	}
}
