//! Every documented error: its status and its JSON error body.

mod common;

use common::*;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SUGGEST: &str = "/api/datasets/projets/suggestions";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_errors() {
    let server = Server::start().await;
    assert_eq!(
        error_code(server.get("/api/datasets/nope").await, 404).await,
        "dataset_not_found"
    );
    assert_eq!(
        error_code(server.get("/api/datasets/nope/schema").await, 404).await,
        "dataset_not_found"
    );
    assert_eq!(
        error_code(server.get("/api/whatever").await, 404).await,
        "not_found"
    );
    let delete = server
        .client
        .delete(server.url("/api/datasets/projets"))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(delete, 405).await, "method_not_allowed");
    let basic = server
        .client
        .get(server.url("/api/datasets/projets"))
        .header("authorization", "Basic YWxpY2U6eA==")
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(basic, 401).await, "bad_authorization");
    let wrong = server
        .get_as("/api/datasets/projets", "vt_not_a_token")
        .await;
    assert_eq!(error_code(wrong, 403).await, "invalid_token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_misshapen_bodies_are_400_with_position() {
    let server = Server::start().await;
    let r = server
        .client
        .post(server.url(SUGGEST))
        .header("content-type", "application/json")
        .body("{\"datasetVersion\": \"v\",\n \"changes\": [}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_json");
    assert_eq!(body["error"]["details"]["line"], 2);
    assert!(body["error"]["details"]["column"].as_u64().unwrap() > 0);

    let missing = server
        .post_json(SUGGEST, &json!({"datasetVersion": "v"}))
        .await;
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_body");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("changes"),
        "{body}"
    );

    let extra = server
        .post_json(
            SUGGEST,
            &json!({"datasetVersion": "v", "changes": [], "admin": true}),
        )
        .await;
    let body: Value = extra.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_body");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("admin"),
        "{body}"
    );
    let empty = server
        .post_json(SUGGEST, &json!({"datasetVersion": "v", "changes": []}))
        .await;
    assert_eq!(error_code(empty, 422).await, "empty_changeset");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_the_limit_are_413_declared_or_chunked() {
    let server =
        Server::start_with("[limits]\nmax_body_bytes = 2048\nsuggestions_per_minute = 0\n").await;
    let big = json!({"datasetVersion": "v", "message": "x".repeat(5000),
        "changes": [{"rowId": 0, "field": "nb_agents", "before": "12", "after": "13"}]});
    let r = server.post_json(SUGGEST, &big).await;
    assert_eq!(error_code(r, 413).await, "body_too_large");

    // Chunked, no Content-Length: the limit still holds.
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let payload = serde_json::to_vec(&big).unwrap();
    let mut request = format!(
        "POST {SUGGEST} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for chunk in payload.chunks(1000) {
        request.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        request.extend(chunk);
        request.extend(b"\r\n");
    }
    request.extend(b"0\r\n\r\n");
    stream.write_all(&request).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("\"body_too_large\""), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_are_checked_against_the_schema() {
    let server =
        Server::start_with("[limits]\nsuggestions_per_minute = 0\nmax_changes = 3\n").await;
    let v = current_version(&server).await;
    let problems = |body: Value| body["error"]["details"]["problems"].clone();

    let r = server
        .post_json(SUGGEST, &changeset(&v, 0, "no_such_field", "", "x"))
        .await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_changes");
    assert_eq!(problems(body.clone())[0]["code"], "unknown_field", "{body}");

    let r = server
        .post_json(SUGGEST, &changeset(&v, 99, "nom_projet", "", "x"))
        .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(problems(body)[0]["code"], "unknown_row");

    let r = server
        .post_json(SUGGEST, &changeset(&v, 0, "nb_agents", "12", "douze"))
        .await;
    let body: Value = r.json().await.unwrap();
    let p = &problems(body)[0];
    assert_eq!(p["code"], "invalid_value");
    assert_eq!(p["field"], "nb_agents");
    assert_eq!(p["index"], 0);
    assert!(!p["messageFr"].as_str().unwrap().is_empty());

    let r = server
        .post_json(SUGGEST, &changeset(&v, 0, "budget", "987654321", "1"))
        .await;
    assert_eq!(error_code(r, 403).await, "restricted_field");
    let r = server
        .post_as(
            SUGGEST,
            MODERATOR_TOKEN,
            &changeset(&v, 0, "budget", "987654321", "beaucoup"),
        )
        .await;
    assert_eq!(
        r.status(),
        422,
        "a token may touch restricted fields, but values are still checked"
    );

    let twice = json!({"datasetVersion": v, "changes": [
        {"rowId": 0, "field": "nb_agents", "before": "12", "after": "13"},
        {"rowId": "p1", "field": "nb_agents", "before": "12", "after": "14"}]});
    let body: Value = server
        .post_json(SUGGEST, &twice)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(problems(body)[0]["code"], "duplicate_change");

    let many: Vec<Value> = (0..4)
        .map(|i| json!({"rowId": i, "field": "nom_projet", "before": "", "after": "x"}))
        .collect();
    let r = server
        .post_json(SUGGEST, &json!({"datasetVersion": v, "changes": many}))
        .await;
    assert_eq!(error_code(r, 422).await, "too_many_changes");

    let mut personal = changeset(&v, 0, "nb_agents", "12", "13");
    personal["author"] = json!({"name": "Camille"});
    let r = server.post_json(SUGGEST, &personal).await;
    assert_eq!(error_code(r, 422).await, "consent_required");
    personal["author"] = json!({"email": "pas-une-adresse"});
    personal["consent"] = json!(true);
    let r = server.post_json(SUGGEST, &personal).await;
    assert_eq!(error_code(r, 422).await, "invalid_email");

    let r = server
        .post_json(
            "/api/datasets/nope/suggestions",
            &changeset(&v, 0, "nb_agents", "12", "13"),
        )
        .await;
    assert_eq!(error_code(r, 404).await, "dataset_not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_get_429_per_address() {
    let server =
        Server::start_with("[limits]\nsuggestions_per_minute = 1\nsuggestions_burst = 2\n").await;
    let v = current_version(&server).await;
    let body = changeset(&v, 0, "nb_agents", "12", "13");
    for _ in 0..2 {
        assert_eq!(server.post_json(SUGGEST, &body).await.status(), 201);
    }
    let r = server.post_json(SUGGEST, &body).await;
    assert!(
        r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(error_code(r, 429).await, "too_many_suggestions");
    // Moderators are not limited.
    assert_eq!(
        server
            .post_as(SUGGEST, MODERATOR_TOKEN, &body)
            .await
            .status(),
        201
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_needs_a_moderator_token() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let created: Value = server
        .post_json(SUGGEST, &changeset(&v, 0, "nb_agents", "12", "13"))
        .await
        .json()
        .await
        .unwrap();
    let sid = created["id"].as_i64().unwrap();
    let paths = [
        "/api/suggestions".to_string(),
        format!("/api/suggestions/{sid}"),
    ];
    for path in &paths {
        assert_eq!(
            error_code(server.get(path).await, 401).await,
            "token_required"
        );
        assert_eq!(
            error_code(server.get_as(path, "vt_wrong").await, 403).await,
            "invalid_token"
        );
        assert_eq!(
            error_code(server.get_as(path, READER_TOKEN).await, 403).await,
            "not_a_moderator"
        );
    }
    let accept = format!("/api/suggestions/{sid}/accept");
    let r = server
        .client
        .post(server.url(&accept))
        .send()
        .await
        .unwrap();
    assert_eq!(error_code(r, 401).await, "token_required");
    let r = server.post_as(&accept, "vt_wrong", &json!({})).await;
    assert_eq!(error_code(r, 403).await, "invalid_token");
    let reject = format!("/api/suggestions/{sid}/reject");
    let r = server.post_json(&reject, &json!({"reason": "no"})).await;
    assert_eq!(error_code(r, 401).await, "token_required");

    let r = server
        .get_as("/api/suggestions/999999", MODERATOR_TOKEN)
        .await;
    assert_eq!(error_code(r, 404).await, "not_found");
    let r = server.get_as("/api/suggestions/abc", MODERATOR_TOKEN).await;
    assert_eq!(error_code(r, 404).await, "not_found");
    let r = server
        .get_as("/api/suggestions?status=bogus", MODERATOR_TOKEN)
        .await;
    assert_eq!(error_code(r, 400).await, "bad_status");
    let r = server
        .get_as("/api/suggestions?limit=many", MODERATOR_TOKEN)
        .await;
    assert_eq!(error_code(r, 400).await, "bad_limit");
    let r = server
        .post_as(&reject, MODERATOR_TOKEN, &json!({"reason": "  "}))
        .await;
    assert_eq!(error_code(r, 422).await, "reason_required");
    let r = server
        .post_as(&reject, MODERATOR_TOKEN, &json!({"motif": "x"}))
        .await;
    assert_eq!(error_code(r, 400).await, "invalid_body");

    assert_eq!(
        server
            .post_as(&reject, MODERATOR_TOKEN, &json!({"reason": "doublon"}))
            .await
            .status(),
        200
    );
    let r = server.post_as(&accept, MODERATOR_TOKEN, &json!({})).await;
    assert_eq!(error_code(r, 409).await, "already_decided");
    let r = server
        .post_as(&reject, MODERATOR_TOKEN, &json!({"reason": "encore"}))
        .await;
    assert_eq!(error_code(r, 409).await, "already_decided");
}
