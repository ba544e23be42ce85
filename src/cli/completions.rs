//! `patctl completions`: shell completion scripts, generated from the one clap definition.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap_complete::{Generator, Shell};

use crate::cli::GlobalArgs;
use crate::error::{Error, Exit, Result};
use crate::new_file::Existing;
use crate::output::output_error;

const EXAMPLES: &str = "\
The script runs patctl at each TAB for the candidates: subcommands, flags, and from the database
(read-only) usernames, token ids, project and group paths and the scopes the owner may hold.

Examples:
  # Load into the running bash, or install for every new one:
  eval \"$(patctl completions bash)\"
  patctl completions bash > ~/.local/share/bash-completion/completions/patctl

  # zsh: a file named _patctl in a directory on $fpath
  patctl completions zsh > ~/.zfunc/_patctl

  # fish
  patctl completions fish > ~/.config/fish/completions/patctl.fish

  # Every shell's file at once, as committed in the repository's completions/:
  patctl completions --dir completions";

/// Print a shell completion script (bash, zsh, fish, elvish, powershell)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum, required_unless_present = "dir")]
    pub shell: Option<Shell>,

    /// Write the scripts into DIR instead of printing: every shell's unless SHELL is given
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Every shell patctl ships a completion script for, in the order of `completions/`.
pub const SHELLS: [Shell; 5] = [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell];

/// The completion script for `shell` and the file name it is installed under.
pub fn script(shell: Shell) -> (String, Vec<u8>) {
    (shell.file_name("patctl"), crate::cli::complete::registration(shell))
}

pub fn run(global: &GlobalArgs, args: Args) -> Result<Exit> {
    match (args.dir, args.shell) {
        (Some(dir), shell) => {
            let shells: Vec<Shell> = shell.map(|s| vec![s]).unwrap_or_else(|| SHELLS.to_vec());
            for shell in shells {
                let (file, text) = script(shell);
                write_file(&dir, &file, &text, global.quiet)?;
            }
        }
        (None, Some(shell)) => {
            let (_, text) = script(shell);
            let mut out = std::io::stdout().lock();
            out.write_all(&text).and_then(|()| out.flush()).map_err(output_error)?;
        }
        (None, None) => unreachable!("clap requires SHELL without --dir"),
    }
    Ok(Exit::Success)
}

/// Writes one generated file (0644, replacing an earlier one), creating the directory; used by
/// `completions` and `man`.
pub fn write_file(dir: &Path, file: &str, text: &[u8], quiet: bool) -> Result<()> {
    let cannot_write =
        |e: std::io::Error, path: &Path| Error::from(e).context(format!("cannot write {}", path.display())).creating();
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(e, dir))?;
    let path = dir.join(file);
    crate::new_file::write_new(&path, text, crate::new_file::PUBLIC, Existing::Replace, "file")?;
    if !quiet {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
