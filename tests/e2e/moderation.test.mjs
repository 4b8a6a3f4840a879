// The moderation page (/moderation) against a real `vitrine serve` whose
// dataset is a throw-away copy (accepting a suggestion rewrites the CSV).
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, ROOT, launchBrowser, startServer, watchErrors } from "./harness.mjs";

const TOKEN = "vt_demo_moderator_not_secret";
const DATASET = "bibliotheque-ia";
const XSS = "<img src=x onerror=alert(1)>";

/** A config serving copies of the sample data and schema, with the demo token. */
function tempConfig() {
  const dir = mkdtempSync(path.join(tmpdir(), "vitrine-moderation-"));
  copyFileSync(path.join(ROOT, "data/projets.csv"), path.join(dir, "projets.csv"));
  copyFileSync(
    path.join(ROOT, "schema/bibliotheque-ia.schema.json"),
    path.join(dir, "bibliotheque-ia.schema.json")
  );
  const demo = readFileSync(path.join(ROOT, "vitrine.toml"), "utf8");
  const tokens = demo.slice(demo.indexOf("[[tokens]]"));
  writeFileSync(
    path.join(dir, "vitrine.toml"),
    `[server]
static_dir = "dist"
database = "vitrine.sqlite"
cors_origins = []

[[datasets]]
id = "${DATASET}"
title = "Bibliothèque d'IA territoriales"
data = "projets.csv"
schema = "bibliotheque-ia.schema.json"

${tokens}`
  );
  return dir;
}

let dir;
let server;
let browser;
let rows;

async function suggest(base, version, message, changes, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${base}/api/datasets/${DATASET}/suggestions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ datasetVersion: version, message, changes }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.id;
}

/** The server compresses the bundle on first demand; do it before timing the page. */
async function warmUp(base) {
  for (const file of ["vitrine_widget_bg.wasm", "vitrine_widget.js"]) {
    await (await fetch(`${base}/${file}`, { headers: { "Accept-Encoding": "br" } })).arrayBuffer();
  }
}

before(async () => {
  dir = tempConfig();
  server = await startServer({ config: path.join(dir, "vitrine.toml") });
  browser = await launchBrowser();
  const res = await fetch(`${server.base}/api/datasets/${DATASET}`, {
    headers: { Accept: "application/json", Authorization: `Bearer ${TOKEN}` },
  });
  rows = await res.json();
  await warmUp(server.base);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const card = (page, id) => page.locator(`article.suggestion[data-suggestion-id="${id}"]`);

test("a moderator reviews, rejects and accepts suggestions; hostile text stays text", async () => {
  const { base } = server;
  const version = (await (await fetch(`${base}/api/datasets`)).json()).datasets[0].version;
  const [first, second, third] = rows;
  const xssId = await suggest(base, version, `<script>alert("message")</script>`, [
    { rowId: first.id, field: "nom_projet", before: first.nom_projet, after: XSS },
  ]);
  const goodId = await suggest(base, version, "Titre plus précis", [
    { rowId: second.id, field: "nom_projet", before: second.nom_projet, after: "Arrosage piloté par sondes" },
  ]);
  const rivalId = await suggest(base, version, "Autre titre", [
    { rowId: second.id, field: "nom_projet", before: second.nom_projet, after: "Un autre titre" },
  ]);

  // A restricted field (sent with the token): judged with the full schema.
  const restrictedId = await suggest(base, version, "Nouveau contact", [
    { rowId: third.id, field: "projet_contact", before: third.projet_contact, after: "ia@exemple.fr" },
  ], TOKEN);

  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`${base}/moderation`);

  // A wrong token: 403, said plainly, and no suggestion shown.
  await page.fill("#vitrine-token", "vt_wrong_token");
  await page.click(".token-form button[type=submit]");
  const refused = page.locator('.error[data-status="403"]');
  await refused.waitFor({ timeout: 30_000 });
  assert.match(await refused.innerText(), /403/);
  assert.equal(await page.locator("article.suggestion").count(), 0);

  // The demo token: the three pending suggestions.
  await page.fill("#vitrine-token", TOKEN);
  await page.click(".token-form button[type=submit]");
  await card(page, rivalId).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator("article.suggestion").count(), 4);
  assert.equal(await page.locator('.error[data-status="403"]').count(), 0);
  const restricted = card(page, restrictedId);
  assert.match(await restricted.innerText(), /champs restreints/);
  assert.equal(await restricted.locator('tr[data-field="projet_contact"] .badge.ok').count(), 1);
  assert.doesNotMatch(await restricted.innerText(), /champ inconnu/);

  // The token lives in sessionStorage only, never in the URL or localStorage.
  const storage = await page.evaluate(() => ({
    session: Object.values(sessionStorage),
    local: Object.values(localStorage),
    url: location.href,
  }));
  assert.ok(storage.session.includes(TOKEN));
  assert.ok(!storage.local.some((v) => v.includes(TOKEN)));
  assert.ok(!storage.url.includes(TOKEN));

  // The payload is shown as text: no element was created from it.
  const xss = card(page, xssId);
  const after = xss.locator("td.after");
  assert.equal((await after.innerText()).trim(), XSS);
  assert.match(await xss.locator("dd.message").innerText(), /<script>alert\("message"\)<\/script>/);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator("article script").count(), 0);
  // Re-validated in the browser with the full schema; the before value is shown.
  assert.equal(await xss.locator("td.state .badge.ok").count(), 1);
  assert.equal((await xss.locator("td.before").innerText()).trim(), first.nom_projet);

  // Reject without a reason: refused locally; with one: gone, in the history.
  await xss.locator("button.reject").click();
  await xss.locator("form.reject-form button[type=submit]").click();
  await xss.locator(".error").waitFor();
  await xss.locator("textarea").fill("Contenu <b>piégé</b>");
  await xss.locator("form.reject-form button[type=submit]").click();
  await xss.waitFor({ state: "detached", timeout: 15_000 });
  const rejected = page.locator(`.history-entry.rejected[data-suggestion-id="${xssId}"]`);
  await rejected.waitFor({ timeout: 15_000 });
  assert.match(await rejected.innerText(), /Contenu <b>piégé<\/b>/);
  assert.match(await rejected.innerText(), /demo-moderator/);

  // Accept: the history shows it and the CSV file has the new value.
  await card(page, goodId).locator("button.accept").click();
  const accepted = page.locator(`.history-entry.accepted[data-suggestion-id="${goodId}"]`);
  await accepted.waitFor({ timeout: 15_000 });
  assert.match(await accepted.innerText(), /Arrosage piloté par sondes/);
  assert.match(await page.locator(".notice").innerText(), new RegExp(`${goodId}`));
  const csv = readFileSync(path.join(dir, "projets.csv"), "utf8");
  assert.ok(csv.includes("Arrosage piloté par sondes"));
  assert.ok(!csv.includes(XSS));

  // The rival now conflicts: the page says so (after a refresh, the diff too).
  const rival = card(page, rivalId);
  await rival.locator("td.state.conflict").waitFor({ timeout: 15_000 });
  await rival.locator("button.accept").click();
  const conflict = rival.locator('.error[data-status="409"]');
  await conflict.waitFor({ timeout: 15_000 });
  assert.match(await conflict.innerText(), /nom_projet/);
  assert.match(await conflict.innerText(), /Arrosage piloté par sondes/);
  assert.equal(await page.locator("article.suggestion").count(), 2);

  await page.screenshot({ path: path.join(ARTIFACTS, "moderation.png"), fullPage: true });

  // The server goes away mid-review: the typed reason is kept, the error said.
  await rival.locator("button.reject").click();
  await rival.locator("textarea").fill("Doublon de la proposition acceptée");
  await server.stop();
  server = null;
  await rival.locator("form.reject-form button[type=submit]").click();
  const network = rival.locator('.error[data-status=""]');
  await network.waitFor({ timeout: 15_000 });
  assert.match(await network.innerText(), /réseau|network/i);
  assert.equal(await rival.locator("textarea").inputValue(), "Doublon de la proposition acceptée");

  assert.deepEqual(dialogs, []);
  // The failed fetch after the server stopped is logged by the browser.
  assert.deepEqual(errors.filter((e) => !/Failed to (load resource|fetch)|ERR_CONNECTION_REFUSED/.test(e)), []);
});

test("more than one page of pending suggestions is listed in full", async () => {
  const own = tempConfig();
  const srv = await startServer({ config: path.join(own, "vitrine.toml") });
  try {
    await warmUp(srv.base);
    const version = (await (await fetch(`${srv.base}/api/datasets`)).json()).datasets[0].version;
    const [first] = rows;
    const total = 205; // the API answers at most 200 per page by default
    for (let i = 0; i < total; i++) {
      await suggest(srv.base, version, `n° ${i}`, [
        { rowId: first.id, field: "nom_projet", before: first.nom_projet, after: `Titre ${i}` },
      ], TOKEN);
    }
    const page = await browser.context.newPage();
    await page.goto(`${srv.base}/moderation`);
    await page.fill("#vitrine-token", TOKEN);
    await page.click(".token-form button[type=submit]");
    const cards = page.locator("article.suggestion");
    await page.waitForFunction(
      (n) => document.querySelectorAll("article.suggestion").length === n,
      total,
      { timeout: 60_000 }
    );
    assert.equal(await cards.count(), total);
    assert.match(await cards.last().innerText(), new RegExp(`Titre ${total - 1}`));
    await page.close();
  } finally {
    await srv.stop();
    rmSync(own, { recursive: true, force: true });
  }
});
