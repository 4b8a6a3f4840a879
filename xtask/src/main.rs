mod bench_validate;
mod gen_data;

const USAGE: &str = "usage: cargo xtask <run|test|dist|gen-data|bench-validate>";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen-data") => gen_data::run(&args[1..]),
        Some("bench-validate") => bench_validate::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("{message}");
        std::process::exit(2);
    }
}
