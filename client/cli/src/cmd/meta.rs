//! `dengji completions <shell>` and `dengji man`: generated from the clap definition, so they
//! never drift from the commands.

use crate::{
	args::Cli,
	error::{CliError, Result},
	output::Outcome,
};
use clap::CommandFactory;
use serde::Serialize;
use std::{fmt, path::Path};

/// A generated text (completion script or man page), or the files written.
#[derive(Serialize)]
pub struct Generated {
	/// What was generated.
	pub kind: &'static str,
	/// The text (when printed).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub text: Option<String>,
	/// The files written.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub files: Vec<String>,
}

impl fmt::Display for Generated {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match &self.text {
			Some(t) => f.write_str(t.trim_end()),
			None => write!(f, "{}", self.files.join("\n")),
		}
	}
}

impl Outcome for Generated {}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Generated {
	let mut buf = Vec::new();
	clap_complete::generate(shell, &mut Cli::command(), "dengji", &mut buf);
	Generated {
		kind: "completions",
		text: Some(String::from_utf8_lossy(&buf).into_owned()),
		files: vec![],
	}
}

/// The man page of `dengji` (roff), or with `dir` one page per command written there.
pub fn man(dir: Option<&Path>) -> Result<Generated> {
	let cmd = Cli::command();
	match dir {
		None => {
			let mut buf = Vec::new();
			clap_mangen::Man::new(cmd)
				.render(&mut buf)
				.map_err(|source| CliError::Write { path: "stdout".into(), source })?;
			Ok(Generated {
				kind: "man",
				text: Some(String::from_utf8_lossy(&buf).into_owned()),
				files: vec![],
			})
		}
		Some(dir) => {
			let failed = |source| CliError::Write { path: dir.into(), source };
			std::fs::create_dir_all(dir).map_err(failed)?;
			clap_mangen::generate_to(cmd, dir).map_err(failed)?;
			let mut files: Vec<String> = std::fs::read_dir(dir)
				.map_err(failed)?
				.filter_map(|e| e.ok().map(|e| e.path()))
				.filter(|p| p.extension().is_some_and(|x| x == "1"))
				.map(|p| p.display().to_string())
				.collect();
			files.sort();
			Ok(Generated { kind: "man", text: None, files })
		}
	}
}
