fn main() {
    eprintln!("usage: cargo xtask <run|test|dist>");
    std::process::exit(2);
}
