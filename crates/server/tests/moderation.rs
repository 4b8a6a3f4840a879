//! Accepting and rejecting suggestions: the data file, versions, conflicts,
//! concurrency, history and XSS payloads.

mod common;

use common::*;
use serde_json::{Value, json};

const SUGGEST: &str = "/api/datasets/projets/suggestions";

fn lines(bytes: &[u8]) -> Vec<String> {
    // Split on record boundaries of the fixture (the multi-line record is kept whole).
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    text.split("\np").map(String::from).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_rewrites_only_the_changed_rows_and_bumps_the_version() {
    let server = Server::start().await;
    let before_bytes = std::fs::read(server.site.path("data/projets.csv")).unwrap();
    let v1 = current_version(&server).await;
    let sid = server.suggest(&json!({"datasetVersion": format!("\"{v1}\""), "message": "corrections",
        "author": {"name": "Camille", "email": "camille@example.org"}, "consent": true,
        "changes": [
            {"rowId": "p2", "field": "nb_agents", "before": "3", "after": "4"},
            {"rowId": null, "field": "id", "before": null, "after": "p5"},
            {"rowId": null, "field": "nom_projet", "before": null, "after": "Nouveau; \"projet\""}
        ]}),
    )
    .await;

    let pending: Value = server
        .get_as("/api/suggestions?status=pending", MODERATOR_TOKEN)
        .await
        .json()
        .await
        .unwrap();
    let item = &pending["suggestions"][0];
    assert_eq!(item["id"], sid);
    assert_eq!(item["author"]["name"], "Camille");
    assert_eq!(item["review"]["changes"][0]["current"], "3");
    assert_eq!(item["review"]["changes"][0]["conflict"], false);
    assert_eq!(item["review"]["changes"][0]["valid"], true);

    let r = server.accept(sid).await;
    assert_eq!(r.status(), 200);
    let accepted: Value = r.json().await.unwrap();
    let v2 = accepted["version"].as_str().unwrap().to_string();
    assert_ne!(v1, v2);
    assert_eq!(current_version(&server).await, v2);

    let after_bytes = std::fs::read(server.site.path("data/projets.csv")).unwrap();
    let (old, new) = (lines(&before_bytes), lines(&after_bytes));
    assert_eq!(new.len(), old.len() + 1);
    for (i, (a, b)) in old.iter().zip(&new).enumerate() {
        if i == 2 {
            assert_eq!(
                b,
                "2,\"Tri, déchets \"\"intelligent\"\"\",,Terminé,,4,123456789,hidden-person@agglo.example,"
            );
        } else if i == old.len() - 1 {
            assert_eq!(a.trim_end_matches('\n'), b, "last old row kept");
        } else {
            assert_eq!(a, b, "untouched row {i} is byte-identical");
        }
    }
    assert!(
        after_bytes.ends_with(b"p5,\"Nouveau; \"\"projet\"\"\",,,,,,,\n"),
        "{}",
        String::from_utf8_lossy(&after_bytes)
    );

    let history: Value = server
        .get("/api/datasets/projets/history")
        .await
        .json()
        .await
        .unwrap();
    let entry = &history["history"][0];
    assert_eq!(entry["suggestionId"], sid);
    assert_eq!(entry["moderator"], "alice");
    assert_eq!(entry["versionBefore"], v1.as_str());
    assert_eq!(entry["versionAfter"], v2.as_str());
    assert!(entry["at"].as_str().unwrap().ends_with('Z'));
    assert!(
        !history.to_string().contains("camille"),
        "no personal data in public history"
    );

    let decided: Value = server
        .get_as(&format!("/api/suggestions/{sid}"), MODERATOR_TOKEN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(decided["status"], "accepted");
    assert_eq!(decided["decidedBy"], "alice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_before_value_is_a_409_and_nothing_changes() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let first = server
        .suggest(&changeset(&v, 0, "nb_agents", "12", "20"))
        .await;
    let second = server
        .suggest(&changeset(&v, 0, "nb_agents", "12", "30"))
        .await;
    let ok = server.accept(first).await;
    assert_eq!(ok.status(), 200);
    let file = std::fs::read(server.site.path("data/projets.csv")).unwrap();
    let version = current_version(&server).await;

    let r = server.accept(second).await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "conflict");
    let conflict = &body["error"]["details"]["conflicts"][0];
    assert_eq!(conflict["field"], "nb_agents");
    assert_eq!(conflict["before"], "12");
    assert_eq!(conflict["current"], "20");
    assert_eq!(
        std::fs::read(server.site.path("data/projets.csv")).unwrap(),
        file
    );
    assert_eq!(current_version(&server).await, version);
    let still: Value = server
        .get_as(&format!("/api/suggestions/{second}"), MODERATOR_TOKEN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still["status"], "pending");
    assert_eq!(still["review"]["changes"][0]["conflict"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_moderators_accepting_conflicting_suggestions_one_wins() {
    for _round in 0..5 {
        let server = Server::start().await;
        let v = current_version(&server).await;
        let a = server
            .suggest(&changeset(
                &v,
                1,
                "nom_projet",
                "Tri, déchets \"intelligent\"",
                "Version A",
            ))
            .await;
        let b = server
            .suggest(&changeset(
                &v,
                1,
                "nom_projet",
                "Tri, déchets \"intelligent\"",
                "Version B",
            ))
            .await;
        let bob = bob_token();
        let (path_a, path_b, empty) = (
            format!("/api/suggestions/{a}/accept"),
            format!("/api/suggestions/{b}/accept"),
            json!({}),
        );
        let (ra, rb) = tokio::join!(
            server.post_as(&path_a, MODERATOR_TOKEN, &empty),
            server.post_as(&path_b, &bob, &empty),
        );
        let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 409]);
        let winner = if ra.status() == 200 {
            "Version A"
        } else {
            "Version B"
        };
        let data = std::fs::read_to_string(server.site.path("data/projets.csv")).unwrap();
        assert!(data.contains(&format!("p2,{winner},")), "{data}");
        assert!(!data.contains(if winner == "Version A" {
            "Version B"
        } else {
            "Version A"
        }));
        let history: Value = server
            .get("/api/datasets/projets/history")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(history["history"].as_array().unwrap().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_changes_stay_out_of_public_history() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let body = json!({"datasetVersion": v, "message": "budget", "changes": [
        {"rowId": 0, "field": "budget", "before": "987654321", "after": "111222333"},
        {"rowId": 0, "field": "nb_agents", "before": "12", "after": "13"}]});
    let r = server.post_as(SUGGEST, MODERATOR_TOKEN, &body).await;
    assert_eq!(r.status(), 201);
    let sid = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    assert_eq!(
        server
            .post_as(
                &format!("/api/suggestions/{sid}/accept"),
                &bob_token(),
                &json!({})
            )
            .await
            .status(),
        200
    );
    let public = server
        .get("/api/datasets/projets/history")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !public.contains("111222333") && !public.contains("budget"),
        "{public}"
    );
    assert!(public.contains("nb_agents"));
    let full = server
        .get_as("/api/datasets/projets/history", READER_TOKEN)
        .await
        .text()
        .await
        .unwrap();
    assert!(full.contains("111222333"));
    let data = server
        .get("/api/datasets/projets")
        .await
        .text()
        .await
        .unwrap();
    assert!(!data.contains("111222333"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_payloads_are_stored_and_returned_as_data() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let payload = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";
    let mut body = changeset(&v, 0, "nom_projet", "Chatbot RH", payload);
    body["message"] = json!(payload);
    let sid = server.suggest(&body).await;
    let stored = server
        .get_as(&format!("/api/suggestions/{sid}"), MODERATOR_TOKEN)
        .await;
    assert!(
        stored.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let stored: Value = stored.json().await.unwrap();
    assert_eq!(stored["message"], payload);
    assert_eq!(stored["changes"][0]["after"], payload);
    assert_eq!(server.accept(sid).await.status(), 200);
    let csv = server.get("/api/datasets/projets").await;
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(csv.headers()["x-content-type-options"], "nosniff");
    let quoted = format!("\"{}\"", payload.replace('"', "\"\""));
    assert!(csv.text().await.unwrap().contains(&quoted));
    let rows: Value = server
        .get("/api/datasets/projets/data.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rows[0]["nom_projet"], payload);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_survive_a_restart() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let sid = server
        .suggest(&changeset(&v, 0, "nb_agents", "12", "13"))
        .await;
    let site = server.stop().await;
    let server = Server::start_site(site).await;
    let stored: Value = server
        .get_as(&format!("/api/suggestions/{sid}"), MODERATOR_TOKEN)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["status"], "pending");
    assert_eq!(stored["changes"][0]["after"], "13");
}
