//! Test harness: a server on a random loopback port, with the fixture dataset
//! copied into a temporary folder and a real SQLite file there.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::oneshot;
use vitrine_server::auth::hash_token;
use vitrine_server::config::{Config, Overrides};
use vitrine_server::state::AppState;

pub const MODERATOR_TOKEN: &str = "vt_test_moderator_token_0123456789abcdef";
pub const READER_TOKEN: &str = "vt_test_reader_token_0123456789abcdef";
pub const DATASET: &str = "projets";
/// Values of restricted fields in the fixture: none may reach an anonymous reader.
pub const SECRETS: &[&str] = &[
    "987654321",
    "123456789",
    "555000111",
    "secret-contact@ville.example",
    "hidden-person@agglo.example",
    "private-mail@commune.example",
    "projet_contact",
    "budget",
];

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The tokens' argon2 hashes, computed once per test binary.
fn hashes() -> &'static [String; 3] {
    static HASHES: std::sync::OnceLock<[String; 3]> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        [
            hash_token(MODERATOR_TOKEN),
            hash_token(&bob_token()),
            hash_token(READER_TOKEN),
        ]
    })
}

/// A folder with the dataset, the static bundle and a config file.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(extra_config: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("data/logos")).unwrap();
        std::fs::create_dir_all(root.join("schema")).unwrap();
        std::fs::create_dir_all(root.join("dist")).unwrap();
        let f = fixtures();
        std::fs::copy(f.join("projets.csv"), root.join("data/projets.csv")).unwrap();
        std::fs::copy(
            f.join("projets.schema.json"),
            root.join("schema/projets.schema.json"),
        )
        .unwrap();
        std::fs::copy(f.join("logos/a.svg"), root.join("data/logos/a.svg")).unwrap();
        std::fs::write(root.join("data/logos/notes.txt"), "not a logo").unwrap();
        std::fs::copy(f.join("index.html"), root.join("dist/index.html")).unwrap();
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(std::iter::repeat_n(0u8, 4096));
        std::fs::write(root.join("dist/vitrine_widget_bg.wasm"), wasm).unwrap();
        std::fs::write(
            root.join("dist/vitrine.js"),
            "console.log('vitrine');\n".repeat(100),
        )
        .unwrap();
        let config = format!(
            r#"
[server]
static_dir = "dist"
database = "db/vitrine.sqlite"
cors_origins = ["https://partner.example"]

[[datasets]]
id = "{DATASET}"
data = "data/projets.csv"
schema = "schema/projets.schema.json"

[[tokens]]
name = "alice"
hash = "{}"

[[tokens]]
name = "bob"
hash = "{}"

[[tokens]]
name = "rita"
role = "reader"
hash = "{}"
{extra_config}
"#,
            hashes()[0],
            hashes()[1],
            hashes()[2],
        );
        std::fs::write(root.join("vitrine.toml"), config).unwrap();
        Site { dir }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn config_path(&self) -> PathBuf {
        self.path("vitrine.toml")
    }

    pub fn config(&self) -> Config {
        Config::load(
            &self.config_path(),
            true,
            &Overrides {
                addr: Some("127.0.0.1:0".into()),
                ..Overrides::default()
            },
        )
        .unwrap()
    }
}

pub const BOB_TOKEN_SUFFIX: &str = "_bob";

pub fn bob_token() -> String {
    format!("{MODERATOR_TOKEN}{BOB_TOKEN_SUFFIX}")
}

/// A server running in this process.
pub struct Server {
    pub site: Site,
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    pub async fn start() -> Server {
        Self::start_with("").await
    }

    pub async fn start_with(extra_config: &str) -> Server {
        let site = Site::new(extra_config);
        Self::start_site(site).await
    }

    pub async fn start_site(site: Site) -> Server {
        let config = site.config();
        let state = Arc::new(AppState::new(config).unwrap());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(vitrine_server::serve::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        Server {
            site,
            base: format!("http://{addr}"),
            client: reqwest::Client::builder().no_proxy().build().unwrap(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_as(
        &self,
        path: &str,
        token: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Sends a suggestion to the test dataset; asserts it is created (201,
    /// with its location) and returns its id.
    pub async fn suggest(&self, body: &serde_json::Value) -> i64 {
        let r = self
            .post_json(&format!("/api/datasets/{DATASET}/suggestions"), body)
            .await;
        assert_eq!(r.status(), 201);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/api/suggestions/")
        );
        r.json::<serde_json::Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap()
    }

    /// The moderator accepts suggestion `id`.
    pub async fn accept(&self, id: i64) -> reqwest::Response {
        self.post_as(
            &format!("/api/suggestions/{id}/accept"),
            MODERATOR_TOKEN,
            &serde_json::json!({}),
        )
        .await
    }

    /// Stops the server (graceful shutdown) and returns its folder.
    pub async fn stop(mut self) -> Site {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
        let Server { site, .. } = self;
        site
    }
}

/// The error body every failure must have; returns its `code`.
pub async fn error_code(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status, "unexpected status");
    let ct = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        ct.starts_with("application/json"),
        "error content type {ct}"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    let error = &body["error"];
    assert_eq!(error["status"], status, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(
        error["messageFr"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    error["code"].as_str().unwrap().to_string()
}

/// A minimal valid changeset editing one public cell.
pub fn changeset(
    version: &str,
    row: u64,
    field: &str,
    before: &str,
    after: &str,
) -> serde_json::Value {
    serde_json::json!({
        "datasetVersion": version,
        "message": "test",
        "changes": [{"rowId": row, "field": field, "before": before, "after": after}]
    })
}

pub async fn current_version(server: &Server) -> String {
    let r = server.get(&format!("/api/datasets/{DATASET}")).await;
    r.headers()["x-vitrine-version"]
        .to_str()
        .unwrap()
        .to_string()
}
