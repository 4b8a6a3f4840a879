//! The flags of `cargo xtask bench`.

pub const USAGE: &str = "usage: cargo xtask bench [--rows N[,N…]] [--runs N] [--query WORD] [--no-build] [--check]

  --rows N,…    file sizes in rows (default 1000,10000,100000)
  --runs N      runs per tool and size, each in a fresh browser context; figures are medians (default 5)
  --query WORD  the full-text search typed in both tools (default transport)
  --no-build    reuse dist/ as it is instead of running the `cargo xtask dist` build
  --check       smoke test: verify both pages produce every figure (no timing is asserted)";

pub const DEFAULT_ROWS: &[usize] = &[1_000, 10_000, 100_000];

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub rows: Vec<usize>,
    pub runs: usize,
    pub query: String,
    pub build: bool,
    pub check: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rows: DEFAULT_ROWS.to_vec(),
            runs: 5,
            query: "transport".into(),
            build: true,
            check: false,
        }
    }
}

fn positive(flag: &str, text: &str) -> Result<usize, String> {
    match text.trim().replace('_', "").parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{flag}: expected a positive number, got `{text}`\n{USAGE}"
        )),
    }
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut opts = Options::default();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
            match flag.as_str() {
                "--rows" => {
                    opts.rows = value()?
                        .split(',')
                        .map(|n| positive("--rows", n))
                        .collect::<Result<_, _>>()?;
                }
                "--runs" => opts.runs = positive("--runs", value()?)?,
                "--query" => {
                    opts.query = value()?.trim().to_string();
                    if opts.query.is_empty() {
                        return Err(format!("--query must not be empty\n{USAGE}"));
                    }
                }
                "--no-build" => opts.build = false,
                "--check" => opts.check = true,
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown argument {other}\n{USAGE}")),
            }
        }
        Ok(opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn defaults_cover_the_three_sizes() {
        let opts = parse(&[]).unwrap();
        assert_eq!(opts.rows, [1_000, 10_000, 100_000]);
        assert_eq!(opts.runs, 5);
        assert!(opts.build && !opts.check);
    }

    #[test]
    fn flags_are_read() {
        let opts = parse(&[
            "--rows",
            "1000,100_000",
            "--runs",
            "3",
            "--check",
            "--no-build",
            "--query",
            "eau",
        ])
        .unwrap();
        assert_eq!(opts.rows, [1_000, 100_000]);
        assert_eq!(opts.runs, 3);
        assert_eq!(opts.query, "eau");
        assert!(opts.check && !opts.build);
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(parse(&["--rows", "0"]).is_err());
        assert!(parse(&["--rows", "ten"]).is_err());
        assert!(parse(&["--runs"]).is_err());
        assert!(parse(&["--query", " "]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }
}
