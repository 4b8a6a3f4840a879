//! Running external commands with a visible trace and clear failures.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Prints a step heading.
pub fn step(title: &str) {
    eprintln!("\n==> {title}");
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Prints the command line and runs it from the repository root unless
/// told otherwise; returns the printed line for error messages.
fn announce(cmd: &mut Command) -> String {
    let text = describe(cmd);
    eprintln!("$ {text}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    text
}

/// Runs a command in the repository root, inheriting stdio; fails on non-zero exit.
pub fn run(cmd: &mut Command) -> Result {
    let text = announce(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{text}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{text}` failed ({status})"))
    }
}

/// Runs a command like [`run`] and returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> Result<String> {
    let text = announce(cmd);
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start `{text}`: {e}"))?;
    if !out.status.success() {
        return Err(format!("`{text}` failed ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`{text}` printed text that is not UTF-8"))
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// True when `program` can be found on PATH (or is an existing path).
pub fn have(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).exists();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// True when the current user is root (installs with apt are allowed).
pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}
