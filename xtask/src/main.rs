//! `cargo xtask`: Vitrine's build orchestration.
//!
//! - `cargo xtask run`  — install what is missing, build the bundle, serve the demo.
//! - `cargo xtask test` — formatting, lints, native, browser and end-to-end tests.
//! - `cargo xtask dist` — build the bundle into `dist/` and print its sizes.

mod cmd;
mod dist;
mod run;
mod sizes;
mod test;
mod tools;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  run [--addr HOST:PORT]   build the bundle and serve the demo (default 127.0.0.1:8810)
  test                     fmt, clippy, native tests, browser tests, size budget, end-to-end tests
  dist                     build the bundle into dist/ and print its size table";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::main(&args[1..]),
        Some("test") => test::main(),
        Some("dist") => dist::main(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("\nerror: {message}");
        std::process::exit(1);
    }
}
