//! Suggested values are judged by vitrine-core in their row; accepting
//! checks the whole table.

mod common;

use common::*;
use serde_json::{Value, json};

const SUGGEST: &str = "/api/datasets/projets/suggestions";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_are_judged_by_vitrine_core_in_their_row() {
    let server = Server::start_with("[limits]\nsuggestions_per_minute = 0\n").await;
    let v = current_version(&server).await;
    let problems = |body: Value| {
        body["error"]["details"]["problems"]
            .as_array()
            .unwrap()
            .clone()
    };

    let r = server
        .post_json(
            SUGGEST,
            &changeset(&v, 0, "coll_siret", "21350045800012", "21350045800013"),
        )
        .await;
    assert_eq!(r.status(), 422);
    let p = problems(r.json().await.unwrap());
    assert_eq!(p[0]["field"], "coll_siret");
    assert_eq!(p[0]["type"], "constraint-error");
    assert_eq!(p[0]["index"], 0);

    let r = server
        .post_json(
            SUGGEST,
            &changeset(&v, 0, "projet_status", "En cours", "Fini"),
        )
        .await;
    assert_eq!(
        problems(r.json().await.unwrap())[0]["field"],
        "projet_status"
    );

    // Cross-field: "Abandonné" requires an explanation in status_abandon.
    let abandon = changeset(&v, 0, "projet_status", "En cours", "Abandonné");
    let r = server.post_json(SUGGEST, &abandon).await;
    let p = problems(r.json().await.unwrap());
    assert_eq!(p[0]["field"], "status_abandon");
    assert_eq!(p[0]["index"], Value::Null);
    let mut explained = abandon.clone();
    explained["changes"].as_array_mut().unwrap().push(
        json!({"rowId": 0, "field": "status_abandon", "before": "", "after": "Projet arrêté"}),
    );
    assert_eq!(server.post_json(SUGGEST, &explained).await.status(), 201);

    // A new row must have its required fields.
    let new_row = json!({"datasetVersion": v, "changes": [
        {"rowId": null, "field": "id", "before": null, "after": "p9"}]});
    let r = server.post_json(SUGGEST, &new_row).await;
    let p = problems(r.json().await.unwrap());
    assert!(p.iter().any(|p| p["field"] == "nom_projet"), "{p:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_the_row_already_had_is_not_the_editors_fault() {
    let site = Site::new("");
    let path = site.path("data/projets.csv");
    let data = std::fs::read_to_string(&path).unwrap();
    let bad = data.replace(
        "intelligent\"\"\",,Terminé",
        "intelligent\"\"\",123,Terminé",
    );
    assert_ne!(bad, data);
    std::fs::write(&path, bad).unwrap();
    let server = Server::start_site(site).await;
    let v = current_version(&server).await;
    let sid = server
        .suggest(&changeset(&v, 1, "nb_agents", "3", "5"))
        .await;
    let r = server.accept(sid).await;
    assert_eq!(r.status(), 200);
    let r = server
        .post_json(SUGGEST, &changeset(&v, 1, "coll_siret", "123", "456"))
        .await;
    assert_eq!(r.status(), 422, "a new invalid value is still refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_a_duplicate_key_is_refused_by_table_validation() {
    let server = Server::start().await;
    let v = current_version(&server).await;
    let body = json!({"datasetVersion": v, "changes": [
        {"rowId": null, "field": "id", "before": null, "after": "p1"},
        {"rowId": null, "field": "nom_projet", "before": null, "after": "Doublon"}]});
    let sid = server.suggest(&body).await;
    let file = std::fs::read(server.site.path("data/projets.csv")).unwrap();
    let r = server.accept(sid).await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_values");
    assert_eq!(body["error"]["details"]["errors"][0]["field"], "id");
    assert_eq!(
        std::fs::read(server.site.path("data/projets.csv")).unwrap(),
        file
    );
}
