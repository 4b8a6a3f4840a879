//! `cargo xtask run`: build the bundle, then serve the demo on 127.0.0.1:8810.

use crate::cmd::{self, Result, root, run};
use crate::{dist, sizes};
use std::process::Command;

pub const ADDR: &str = "127.0.0.1:8810";

pub fn main(args: &[String]) -> Result {
    let addr = args
        .windows(2)
        .find(|w| w[0] == "--addr")
        .map(|w| w[1].clone())
        .unwrap_or_else(|| ADDR.to_string());
    let rows = dist::build()?;
    sizes::print_table(&rows);

    cmd::step("building the server (release)");
    run(cmd::cargo().args([
        "build",
        "--release",
        "--package",
        "vitrine-server",
        "--bin",
        "vitrine",
    ]))?;

    cmd::step(&format!(
        "serving the demo: http://{addr}/  (Ctrl+C to stop)"
    ));
    println!("Vitrine demo: http://{addr}/");
    run(Command::new(root().join("target/release/vitrine")).args([
        "serve",
        "--addr",
        &addr,
        "--config",
        "vitrine.toml",
    ]))
}
