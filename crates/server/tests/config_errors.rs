//! A bad configuration is refused at start with a message naming the key;
//! `vitrine token` prints a hash that the server accepts.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Runs `vitrine serve` on `config`; a server that starts is stopped after
/// a few seconds and reported with code -1.
fn serve_with(site: &Site, config: &str) -> (i32, String) {
    std::fs::write(site.config_path(), config).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .args(["serve", "--config"])
        .arg(site.config_path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            break -1;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (code, stderr)
}

#[test]
fn bad_configs_name_their_key() {
    let site = Site::new("");
    let good = std::fs::read_to_string(site.config_path()).unwrap();
    let cases = [
        (good.replace("[server]", "[server]\nport = 80"), "port"),
        (
            good.replace("data = \"data/projets.csv\"", "data = \"data/absent.csv\""),
            "datasets[0].data",
        ),
        (
            good.replace("id = \"projets\"", "id = \"../x\""),
            "datasets[0].id",
        ),
        (
            good.replace(
                "cors_origins = [\"https://partner.example\"]",
                "cors_origins = [\"partner.example/\"]",
            ),
            "server.cors_origins[0]",
        ),
        (
            good.replacen("hash = \"$argon2", "hash = \"plain$argon2", 1),
            "tokens[0].hash",
        ),
        (
            good.replace("name = \"bob\"", "name = \"alice\""),
            "tokens[1].name",
        ),
        (
            format!("{good}\n[limits]\nmax_body_bytes = \"big\"\n"),
            "max_body_bytes",
        ),
        (
            good.replace("[server]", "[server]\naddr = \"nowhere\""),
            "server.addr",
        ),
    ];
    for (config, key) in cases {
        let (code, stderr) = serve_with(&site, &config);
        assert_eq!(code, 2, "{key}: {stderr}");
        assert!(
            stderr.contains(key),
            "message should name `{key}`: {stderr}"
        );
    }
    let missing = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .env_remove("VITRINE_ADDR")
        .args(["serve", "--config", "/nonexistent/vitrine.toml"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/vitrine.toml"));
}

#[test]
fn token_command_prints_a_config_block_with_a_working_hash() {
    let out = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .args(["token", "--name", "zoé"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let token = text
        .lines()
        .find_map(|l| l.trim_start_matches('#').trim().strip_prefix("vt_"))
        .map(|t| format!("vt_{t}"))
        .unwrap();
    let block: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: toml::Value = toml::from_str(&block).unwrap();
    let entry = &parsed["tokens"][0];
    assert_eq!(entry["name"].as_str(), Some("zoé"));
    let auth =
        vitrine_server::auth::Authenticator::new(vec![vitrine_server::config::TokenConfig {
            name: "zoé".into(),
            hash: entry["hash"].as_str().unwrap().into(),
            role: vitrine_server::config::Role::Moderator,
        }]);
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("authorization", format!("Bearer {token}").parse().unwrap());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    assert_eq!(runtime.block_on(auth.moderator(&headers)).unwrap(), "zoé");
}
