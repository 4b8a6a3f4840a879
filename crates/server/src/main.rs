//! `vitrine`: the server and command-line tool.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use vitrine_server::{serve, token_cmd};

mod validate_cmd;

#[derive(Parser)]
#[command(
    name = "vitrine",
    version,
    about = "Vitrine: serve, validate and moderate Table Schema datasets"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the widget, the demo page and the datasets API.
    Serve(serve::ServeArgs),
    /// Generate a moderator (or reader) token and print its hash for vitrine.toml.
    Token(token_cmd::TokenArgs),
    /// Validate a CSV/JSON file or a datapackage.json against a Table Schema.
    Validate(validate_cmd::ValidateArgs),
}

fn main() {
    let matches = Cli::command().get_matches();
    let config_explicit = matches
        .subcommand_matches("serve")
        .and_then(|m| m.value_source("config"))
        .is_some_and(|s| s != clap::parser::ValueSource::DefaultValue);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let code = match cli.command {
        Command::Serve(args) => serve::run(args, config_explicit),
        Command::Token(args) => token_cmd::run(args),
        Command::Validate(args) => validate_cmd::run(&args),
    };
    std::process::exit(code);
}
