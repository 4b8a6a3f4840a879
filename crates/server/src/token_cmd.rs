//! `vitrine token`: make a new token and print the lines to paste into the
//! configuration. The token itself is shown once and never stored.

use clap::Args;

use std::io::Read;

use crate::auth::{generate_token, hash_token};

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Who will hold the token (recorded in the audit log).
    #[arg(long, default_value = "moderator")]
    pub name: String,
    /// `moderator` (read restricted fields and moderate) or `reader` (read only).
    #[arg(long, default_value = "moderator", value_parser = ["moderator", "reader"])]
    pub role: String,
    /// Hash a token read from standard input instead of generating one.
    #[arg(long)]
    pub stdin: bool,
}

pub fn run(args: TokenArgs) -> i32 {
    if args.stdin {
        let mut token = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut token) {
            eprintln!("vitrine token: cannot read standard input: {e}");
            return 2;
        }
        let token = token.trim();
        if token.len() < 16 {
            eprintln!("vitrine token: a token must have at least 16 characters");
            return 2;
        }
        print_lines(&args, &hash_token(token));
        return 0;
    }
    let (token, hash) = generate_token();
    println!(
        "# Token for {} (give it to them; it is not stored anywhere):",
        args.name
    );
    println!("#   {token}");
    print_lines(&args, &hash);
    0
}

fn print_lines(args: &TokenArgs, hash: &str) {
    println!("# Add these lines to vitrine.toml:");
    println!("[[tokens]]");
    println!("name = {}", toml_string(&args.name));
    println!("role = \"{}\"", args.role);
    println!("hash = \"{hash}\"");
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
