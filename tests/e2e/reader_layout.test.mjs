// The reader at a phone's width (320 px) and on a large screen (1920 px),
// light and dark: no horizontal overflow of the page, every control
// reachable, axe-core without serious or critical issue; the detail keeps
// the focus inside while open; numbers and dates follow the language; the
// `config` attribute, its errors, and the progress bar while data loads.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ARTIFACTS, axeViolations, useDemo } from "./harness.mjs";

const DATA = "/api/datasets/bibliotheque-ia/data.csv";
const SCHEMA = "/api/datasets/bibliotheque-ia/schema";

const demo = useDemo();
const open = (query = "", viewport = undefined) => demo.open(query, { viewport });

/** How far the page scrolls sideways (0: it does not). */
const horizontalOverflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the element lies within the viewport's width. */
async function withinWidth(locator, width) {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= width + 0.5;
}

for (const theme of ["light", "dark"]) {
  test(`320 px wide, ${theme}: filters fold behind a button, nothing overflows`, async () => {
    const { page, errors } = await open("", { width: 320, height: 640 });
    await page.evaluate((t) => document.querySelector("vitrine-table").setAttribute("theme", t), theme);
    await page.locator("vitrine-table tbody tr").first().waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    const toggle = page.locator("vitrine-table .vt-facets-toggle");
    const facets = page.locator("vitrine-table .vt-facets");
    assert.ok(await toggle.isVisible());
    assert.ok(!(await facets.isVisible()), "the filters are folded");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    for (const control of [
      toggle,
      page.locator("vitrine-table .vt-search input"),
      page.locator("vitrine-table .vt-view-switch button").last(),
    ]) {
      assert.ok(await withinWidth(control, 320), "control within the screen");
    }
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-320-${theme}-table.png`), fullPage: true });

    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await facets.waitFor();
    await page.locator("vitrine-table .vt-facet input[type=checkbox]").first().check();
    assert.match(await toggle.innerText(), /\(1\)/);
    assert.equal(await horizontalOverflow(page), 0);
    await page.locator("vitrine-table .vt-view-switch button").last().click();
    await page.locator("vitrine-table .vt-card").first().waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    assert.ok(await withinWidth(page.locator("vitrine-table .vt-card").first(), 320));
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-320-${theme}-cards.png`), fullPage: true });

    await page.locator("vitrine-table .vt-card-open").first().click();
    const dialog = page.locator("vitrine-table [role=dialog]");
    await dialog.waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    assert.ok(await withinWidth(page.locator("vitrine-table .vt-close"), 320));
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-320-${theme}-detail.png`) });
    assert.deepEqual(errors, []);
  });

  test(`1920 px wide, ${theme}: filters beside the results`, async () => {
    const { page, errors } = await open("", { width: 1920, height: 1080 });
    await page.evaluate((t) => document.querySelector("vitrine-table").setAttribute("theme", t), theme);
    await page.locator("vitrine-table tbody tr").first().waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    assert.ok(!(await page.locator("vitrine-table .vt-facets-toggle").isVisible()));
    const facets = await page.locator("vitrine-table .vt-facets").boundingBox();
    const results = await page.locator("vitrine-table .vt-results").boundingBox();
    assert.ok(facets.x + facets.width <= results.x, "filters left of the results");
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-1920-${theme}-table.png`) });
    await page.locator("vitrine-table .vt-view-switch button").last().click();
    await page.locator("vitrine-table .vt-card").first().waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-1920-${theme}-cards.png`) });
    assert.deepEqual(errors, []);
  });
}

test("the detail keeps the focus inside and gives it back to its card", async () => {
  const { page } = await open("?vt-view=cards");
  const opener = page.locator("vitrine-table .vt-card-open").nth(2);
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.locator("vitrine-table [role=dialog]");
  await dialog.waitFor();
  const focusInDialog = () =>
    page.evaluate(() => {
      const active = document.querySelector("vitrine-table").shadowRoot.activeElement;
      return active !== null && active.closest("[role=dialog]") !== null;
    });
  const focusedText = () =>
    page.evaluate(() => document.querySelector("vitrine-table").shadowRoot.activeElement?.textContent);
  assert.ok(await focusInDialog());
  const first = await focusedText();
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    assert.ok(await focusInDialog(), `Tab ${i + 1} left the dialog`);
    seen.add(await focusedText());
  }
  assert.ok(seen.has(first), "Tab cycles back to the first control");
  await page.keyboard.press("Shift+Tab");
  assert.ok(await focusInDialog());
  // Next, then Escape: the focus returns to the card that opened the detail.
  const title = await opener.innerText();
  await dialog.locator("button", { hasText: "Suivant" }).click();
  assert.notEqual(await dialog.locator("h2").innerText(), title);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await focusedText(), title);
});

test("numbers and dates are written for the language", async () => {
  const { page } = await open("?vt-view=cards");
  await page.locator("vitrine-table .vt-card-open").first().click();
  const dialog = page.locator("vitrine-table [role=dialog]");
  await dialog.waitFor();
  const fr = await dialog.innerText();
  assert.match(fr, /\b(1er|\d{1,2})? ?(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\b/);
  assert.doesNotMatch(fr, /\b\d{2}\/\d{2}\/\d{4}\b/, "no raw dd/mm/yyyy date left");
  await page.evaluate(() => document.querySelector("vitrine-table").setAttribute("lang", "en"));
  await page.waitForFunction(() => /result/.test(document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent));
  const en = await dialog.innerText();
  assert.match(en, /\b(January|February|March|April|May|June|July|August|September|October|November|December)( \d{1,2},)? \d{4}\b/);
});

/** Adds a second widget to the demo page with these attributes. */
async function addWidget(page, attributes) {
  await page.evaluate((attrs) => {
    const el = document.createElement("vitrine-table");
    el.id = "other";
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector("main").append(el);
  }, attributes);
  return page.locator("#other");
}

test("config: inline JSON or a URL, overridden by attributes, precise errors", async () => {
  const { page, errors } = await open();
  const config = JSON.stringify({ src: DATA, schema: SCHEMA, view: "cards", "page-size": 5, facets: ["theme"] });
  let widget = await addWidget(page, { config });
  await widget.locator(".vt-card").first().waitFor();
  assert.equal(await widget.locator(".vt-card").count(), 5);
  assert.equal(await widget.locator(".vt-facet").count(), 1);

  await page.evaluate(() => document.querySelector("#other").setAttribute("view", "table"));
  await widget.locator("tbody tr").first().waitFor();

  await page.evaluate(() => document.querySelector("#other").remove());
  widget = await addWidget(page, { config: '{"src": "x.csv", "facet": ["theme"]}' });
  await widget.locator(".vt-error").waitFor();
  assert.match(await widget.locator(".vt-error").innerText(), /clé inconnue « facet »/);

  await page.evaluate(() => document.querySelector("#other").remove());
  widget = await addWidget(page, { config: '{"page-size": "cinq"}', lang: "en" });
  await widget.locator(".vt-error").waitFor();
  assert.match(await widget.locator(".vt-error").innerText(), /"page-size" must be a whole number/);

  await page.evaluate(() => document.querySelector("#other").remove());
  widget = await addWidget(page, { config: "/no-such-config.json" });
  await widget.locator(".vt-error").waitFor();
  const text = await widget.locator(".vt-error").innerText();
  assert.match(text, /no-such-config\.json/);
  assert.match(text, /404/);
  assert.ok(errors.every((e) => /404/.test(e)), errors.join("\n"));
});

test("a progress bar shows while the data downloads", async () => {
  const { page } = await open();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/slow.csv", async (route) => {
    await held;
    await route.fulfill({ status: 200, contentType: "text/csv", body: "nom,ville\nA,Lyon\nB,Metz\n" });
  });
  const widget = await addWidget(page, { src: "/slow.csv" });
  const bar = widget.locator("[role=progressbar]");
  await bar.waitFor();
  assert.equal(await bar.getAttribute("aria-valuemin"), "0");
  assert.equal(await bar.getAttribute("aria-valuemax"), "100");
  assert.match(await widget.locator(".vt-progress-label").innerText(), /Téléchargement/);
  release();
  await widget.locator(".vt-count").waitFor();
  assert.equal(await bar.count(), 0);
});

test("columns the schema does not describe are listed, never shown", async () => {
  const { page } = await open();
  await page.route("**/extra.csv", (route) =>
    route.fulfill({ status: 200, contentType: "text/csv", body: "nom_projet,secret_interne\nBus,CONFIDENTIEL\n" }));
  const widget = await addWidget(page, { src: "/extra.csv", schema: SCHEMA });
  await widget.locator(".vt-notice").waitFor();
  assert.match(await widget.locator(".vt-notice").innerText(), /absentes du schéma.*secret_interne/);
  await widget.locator("tbody tr").first().waitFor();
  assert.ok(!(await widget.locator(".vt-results").innerText()).includes("CONFIDENTIEL"));
});
