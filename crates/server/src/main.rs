//! `vitrine`: the server and command-line tool.

use clap::{Parser, Subcommand};

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
    Serve {
        /// Address to bind.
        #[arg(long, default_value = "127.0.0.1:8810")]
        addr: String,
    },
    /// Validate a CSV/JSON file or a datapackage.json against a Table Schema.
    Validate(validate_cmd::ValidateArgs),
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { addr } => {
            eprintln!("vitrine serve is not available yet (would bind {addr})");
            std::process::exit(2);
        }
        Command::Validate(args) => std::process::exit(validate_cmd::run(&args)),
    }
}
