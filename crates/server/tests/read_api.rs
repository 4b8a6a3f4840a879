//! Reading over real HTTP: static files, datasets, schema, logos, ETags,
//! and restricted fields kept from anonymous readers.

mod common;

use common::*;
use serde_json::Value;

fn assert_no_secret(text: &str, context: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{context}: `{secret}` leaked in {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_have_types_compression_and_etags() {
    let server = Server::start().await;
    let index = server.get("/").await;
    assert_eq!(index.status(), 200);
    assert!(
        index.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let etag = index.headers()["etag"].clone();
    assert!(
        index.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-cache")
    );
    assert!(index.text().await.unwrap().contains("<vitrine-table"));

    let wasm = server.get("/vitrine_widget_bg.wasm").await;
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    // reqwest decompresses transparently; check what was sent with a raw request.
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let br = raw
        .get(server.url("/vitrine.js"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    let gz = raw
        .get(server.url("/vitrine.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");

    let again = server
        .client
        .get(server.url("/"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    assert_eq!(
        error_code(server.get("/missing.js").await, 404).await,
        "not_found"
    );
    assert_eq!(
        error_code(server.get("/moderation").await, 404).await,
        "not_found"
    );
    std::fs::write(
        server.site.path("dist/moderation.html"),
        "<!doctype html><p>moderation",
    )
    .unwrap();
    assert_eq!(server.get("/moderation").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traversal_and_data_files_are_never_served() {
    let server = Server::start().await;
    for path in [
        "/../data/projets.csv",
        "/%2e%2e/data/projets.csv",
        "/..%2fdata%2fprojets.csv",
        "/.hidden",
        "/api/datasets/projets/logos/..%2fprojets.csv",
        "/api/datasets/projets/logos/notes.txt",
        "/api/datasets/projets/logos/missing.svg",
    ] {
        let r = server.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        let text = r.text().await.unwrap();
        assert_no_secret(&text, path);
    }
    let logo = server.get("/api/datasets/projets/logos/a.svg").await;
    assert_eq!(logo.status(), 200);
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    assert!(
        logo.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_readers_never_see_restricted_fields() {
    let server = Server::start().await;
    for path in [
        "/api/datasets",
        "/api/datasets/projets",
        "/api/datasets/projets/data.csv",
        "/api/datasets/projets/data.json",
        "/api/datasets/projets/schema",
        "/api/datasets/projets/history",
    ] {
        let r = server.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_no_secret(&r.text().await.unwrap(), path);
        let json = server
            .client
            .get(server.url(path))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_no_secret(&json.text().await.unwrap(), path);
    }
    let csv = server
        .get("/api/datasets/projets")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with(
            "id,nom_projet,coll_siret,projet_status,status_abandon,nb_agents,image_url\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("\"Tri, déchets \"\"intelligent\"\"\""),
        "quoting kept: {csv}"
    );
    let rows: Value = server
        .get("/api/datasets/projets/data.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert_eq!(rows[2]["nom_projet"], "Analyse des\ndemandes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_unlock_restricted_fields_and_the_data_is_the_file() {
    let server = Server::start().await;
    let original = std::fs::read(server.site.path("data/projets.csv")).unwrap();
    for token in [MODERATOR_TOKEN, READER_TOKEN] {
        let r = server.get_as("/api/datasets/projets/data.csv", token).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["x-vitrine-view"], "full");
        assert!(
            r.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("private")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), original.as_slice());
        let schema: Value = server
            .get_as("/api/datasets/projets/schema", token)
            .await
            .json()
            .await
            .unwrap();
        assert!(
            schema["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["name"] == "budget")
        );
    }
    let public: Value = server
        .get("/api/datasets/projets/schema")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = public["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "nom_projet",
            "coll_siret",
            "projet_status",
            "status_abandon",
            "nb_agents",
            "image_url"
        ]
    );
    assert_eq!(
        public["vitrine:titles"]["en"], "Test projects",
        "extensions kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_readers_list_limits_who_sees_restricted_fields() {
    let site = Site::new("");
    let config = std::fs::read_to_string(site.config_path())
        .unwrap()
        .replace(
            "schema = \"schema/projets.schema.json\"",
            "schema = \"schema/projets.schema.json\"\nrestricted_readers = [\"rita\"]",
        );
    std::fs::write(site.config_path(), config).unwrap();
    let server = Server::start_site(site).await;
    let alice = server
        .get_as("/api/datasets/projets", MODERATOR_TOKEN)
        .await;
    assert_eq!(alice.headers()["x-vitrine-view"], "public");
    assert_no_secret(
        &alice.text().await.unwrap(),
        "alice not in restricted_readers",
    );
    let rita = server.get_as("/api/datasets/projets", READER_TOKEN).await;
    assert_eq!(rita.headers()["x-vitrine-view"], "full");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dataset_etag_is_the_version_and_if_none_match_gives_304() {
    let server = Server::start().await;
    let list: Value = server.get("/api/datasets").await.json().await.unwrap();
    let version = list["datasets"][0]["version"].as_str().unwrap().to_string();
    assert_eq!(list["datasets"][0]["title"], "Projets de test");
    assert_eq!(list["datasets"][0]["rows"], 4);
    let r = server.get("/api/datasets/projets").await;
    assert_eq!(
        r.headers()["etag"].to_str().unwrap(),
        format!("\"{version}\"")
    );
    for path in [
        "/api/datasets/projets",
        "/api/datasets/projets/data.json",
        "/api/datasets/projets/schema",
    ] {
        let etag = server.get(path).await.headers()["etag"].clone();
        let cached = server
            .client
            .get(server.url(path))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(cached.status(), 304, "{path}");
    }
    // Negotiation: JSON when asked for.
    let json = server
        .client
        .get(server.url("/api/datasets/projets"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(json.headers()["content-type"], "application/json");
    // CORS for a configured partner origin only.
    let cors = server
        .client
        .get(server.url("/api/datasets/projets"))
        .header("origin", "https://partner.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        cors.headers()["access-control-allow-origin"],
        "https://partner.example"
    );
    let other = server
        .client
        .get(server.url("/api/datasets/projets"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    let preflight = server
        .client
        .request(
            reqwest::Method::OPTIONS,
            server.url("/api/datasets/projets/suggestions"),
        )
        .header("origin", "https://partner.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://partner.example"
    );
    assert!(
        preflight.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let health: Value = server.get("/healthz").await.json().await.unwrap();
    assert_eq!(health["status"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_static_folder_containing_the_data_still_hides_it() {
    let site = Site::new("");
    let config = std::fs::read_to_string(site.config_path())
        .unwrap()
        .replace("static_dir = \"dist\"", "static_dir = \".\"");
    std::fs::write(site.config_path(), config).unwrap();
    std::fs::write(
        site.path("data/projets.json"),
        "[{\"budget\": \"987654321\"}]",
    )
    .unwrap();
    let server = Server::start_site(site).await;
    for path in [
        "/data/projets.csv",
        "/data/projets.json",
        "/data/logos/a.svg",
        "/schema/projets.schema.json",
        "/db/vitrine.sqlite",
        "/db/vitrine.sqlite-wal",
    ] {
        let r = server.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
    }
    assert_eq!(server.get("/dist/index.html").await.status(), 200);
}
