//! Crash safety with the real binary: suggestions and accepted changes under
//! load, SIGKILL, restart. Every suggestion answered 201 must be there, and
//! the data file must be one whole version, never a mix.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const SUGGEST: &str = "/api/datasets/projets/suggestions";
const EXTRA_ROWS: usize = 5_000;

/// Starts `vitrine serve` on a free port; returns the child and its base URL.
fn start_binary(site: &Site) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitrine"))
        .args(["serve", "--addr", "127.0.0.1:0", "--config"])
        .arg(site.config_path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("Vitrine is serving on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .trim_end_matches('/')
        .to_string();
    (child, base)
}

/// The fixture with many more rows, so that rewriting the file takes a while.
fn big_site() -> (Site, Vec<u8>) {
    let site = Site::new("[limits]\nsuggestions_per_minute = 0\n");
    let path = site.path("data/projets.csv");
    let mut data = std::fs::read(&path).unwrap();
    for i in 0..EXTRA_ROWS {
        data.extend(
            format!("x{i},Projet numéro {i},,En cours,,{i},{i}000,contact{i}@example.org,\n")
                .bytes(),
        );
    }
    std::fs::write(&path, &data).unwrap();
    (site, data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_under_load_loses_no_acknowledged_suggestion_and_no_data() {
    let (site, original) = big_site();
    let (mut child, base) = start_binary(&site);
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let acknowledged: Arc<Mutex<HashMap<i64, String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let (client, base, acknowledged, stop) = (
            client.clone(),
            base.clone(),
            acknowledged.clone(),
            stop.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let after = format!("{worker}-{n}");
                let body = json!({"datasetVersion": "v", "message": after,
                    "changes": [{"rowId": 1, "field": "nom_projet", "before": "x", "after": after}]});
                let Ok(r) = client.post(format!("{base}{SUGGEST}")).json(&body).send().await else { break };
                if r.status() == 201 {
                    let Ok(v) = r.json::<Value>().await else { break };
                    acknowledged.lock().await.insert(v["id"].as_i64().unwrap(), after);
                }
            }
        }));
    }
    // A moderator changes row 0's nb_agents again and again (whole-file rewrites).
    let attempted: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(vec!["12".into()]));
    {
        let (client, base, attempted, stop) = (
            client.clone(),
            base.clone(),
            attempted.clone(),
            stop.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut current = "12".to_string();
            let mut n = 100;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let after = n.to_string();
                attempted.lock().await.push(after.clone());
                let body = json!({"datasetVersion": "v", "changes": [
                    {"rowId": 0, "field": "nb_agents", "before": current, "after": after}]});
                let Ok(r) = client
                    .post(format!("{base}{SUGGEST}"))
                    .bearer_auth(MODERATOR_TOKEN)
                    .json(&body)
                    .send()
                    .await
                else {
                    break;
                };
                let Ok(v) = r.json::<Value>().await else {
                    break;
                };
                let sid = v["id"].as_i64().unwrap();
                let Ok(r) = client
                    .post(format!("{base}/api/suggestions/{sid}/accept"))
                    .bearer_auth(MODERATOR_TOKEN)
                    .send()
                    .await
                else {
                    break;
                };
                if r.status() == 200 {
                    current = after;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let acknowledged = acknowledged.lock().await.clone();
    assert!(
        acknowledged.len() > 50,
        "too little load: {}",
        acknowledged.len()
    );
    eprintln!(
        "{} suggestions acknowledged before SIGKILL",
        acknowledged.len()
    );

    // The data file: the original with row 0's nb_agents set to one attempted value.
    let data = std::fs::read(site.path("data/projets.csv")).unwrap();
    let attempted = attempted.lock().await.clone();
    let found = attempted.iter().any(|value| {
        let expected = String::from_utf8(original.clone()).unwrap().replacen(
            "p1,Chatbot RH,21350045800012,En cours,,12,",
            &format!("p1,Chatbot RH,21350045800012,En cours,,{value},"),
            1,
        );
        expected.as_bytes() == data.as_slice()
    });
    eprintln!("{} accept attempts", attempted.len());
    assert!(
        found,
        "the data file is not a whole version ({} bytes, {} attempts)",
        data.len(),
        attempted.len()
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path("data"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(
        leftovers.len() <= 1,
        "at most the one temporary file being written"
    );

    // Restart: every acknowledged suggestion is there, intact.
    let (mut child, base) = start_binary(&site);
    let mut stored: HashMap<i64, String> = HashMap::new();
    let mut after = 0;
    loop {
        let page: Value = client
            .get(format!(
                "{base}/api/suggestions?status=all&limit=1000&after={after}"
            ))
            .bearer_auth(MODERATOR_TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let items = page["suggestions"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        for s in items {
            after = s["id"].as_i64().unwrap();
            stored.insert(after, s["message"].as_str().unwrap_or("").to_string());
        }
    }
    for (id, message) in &acknowledged {
        assert_eq!(
            stored.get(id),
            Some(message),
            "suggestion {id} acknowledged but lost"
        );
    }
    // Graceful stop this time: SIGTERM, exit code 0.
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}
