// Loading the editing code on demand, on the demo page against a real
// `vitrine serve`: a reader downloads only the reader bundle; the first
// edit loads the editor bundle and re-mounts the widget keeping the sort,
// the search and the URL, then edits the cell asked for; when the editor
// bundle cannot load the reader says why and "Réessayer" opens it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useDemo } from "./harness.mjs";

const demo = useDemo({ warm: ["vitrine_widget_bg.wasm", "vitrine_widget_edit_bg.wasm"] });

/** A fresh page with no draft, recording the wasm files it requests. */
const openClean = (query = "", prepare = undefined) =>
  demo.open(query, { clean: true, prepare, ready: "vitrine-table tbody tr" });

const cell = (page, rc) => page.locator(`vitrine-table td[data-cell='${rc}']`);

test("readers load the reader bundle only; the first edit loads the editor and keeps the reader's state", async () => {
  const { page, errors, wasm } = await openClean();
  assert.ok(wasm.includes("/vitrine_widget_bg.wasm"));
  assert.ok(!wasm.some((p) => p.includes("edit")), `no editor bundle yet: ${wasm}`);

  // Search and sort descending by the first column: both go to the URL.
  await page.locator("vitrine-table #vt-search-input").fill("Ville");
  await page.waitForFunction(() => /[?&]vt-q=Ville/.test(location.search));
  const header = page.locator("vitrine-table th").first();
  await header.click();
  await header.click();
  await page.waitForFunction(() => document.querySelector("vitrine-table").shadowRoot.querySelector("th")?.getAttribute("aria-sort") === "descending");
  // The URL is written once the change is painted: wait for it too.
  await page.waitForFunction(() => /[?&]vt-sort=-/.test(location.search));
  const url = page.url();
  const count = await page.locator("vitrine-table .vt-count").innerText();
  const text = (await cell(page, "2-0").locator(".vt-cell-text").innerText()).trim();
  assert.ok(wasm.every((p) => !p.includes("edit")), "still the reader bundle");

  // Enter on a cell: the editor bundle loads and edits that cell in place.
  await cell(page, "2-0").focus();
  await page.keyboard.press("Enter");
  const input = page.locator("vitrine-table .vt-inline .vt-input");
  await input.waitFor({ timeout: 30_000 });
  assert.ok(wasm.includes("/vitrine_widget_edit_bg.wasm"), `${wasm}`);
  assert.equal((await input.inputValue()).trim(), text);
  assert.ok(await cell(page, "2-0").locator(".vt-inline").count(), "the same cell is edited");
  assert.equal(page.url(), url, "the URL state is kept");
  assert.equal(await page.locator("vitrine-table .vt-count").innerText(), count);
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  assert.equal(await page.locator("vitrine-table #vt-search-input").inputValue(), "Ville");
  await input.fill("Projet renommé");
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "detached" });
  assert.match(await page.locator("vitrine-table .vt-review").innerText(), /\(1\)/);
  // One widget on the page, mounted once.
  assert.equal(await page.evaluate(() => document.querySelector("vitrine-table").shadowRoot.querySelectorAll("div.vitrine").length), 1);
  assert.deepEqual(errors, []);
});

test("when the editor bundle cannot load, the reader says why and a retry opens the editor", async () => {
  const block = (route) => route.abort("connectionfailed");
  const { page } = await openClean("", (p) => p.route("**/vitrine_widget_edit_bg.wasm", block));
  await page.locator("vitrine-table .vt-new-project").click();
  const failure = page.locator("vitrine-table .vt-edit-switch-failed");
  await failure.waitFor({ timeout: 30_000 });
  assert.match(await failure.innerText(), /L'éditeur n'a pas pu se charger/);
  assert.equal(await failure.getAttribute("role"), "alert");
  // The reader still works.
  assert.ok((await page.locator("vitrine-table tbody tr").count()) > 0);

  await page.unroute("**/vitrine_widget_edit_bg.wasm", block);
  await page.locator("vitrine-table .vt-edit-switch-retry").click();
  await page.locator("vitrine-table .vt-form").waitFor({ timeout: 30_000 });
  assert.match(await page.locator("vitrine-table .vt-edit-dialog h2").innerText(), /Nouveau projet/);
});

test("a draft left by an earlier visit opens the editor at once, with its changes", async () => {
  const { page } = await openClean();
  await cell(page, "1-0").focus();
  await page.keyboard.press("Enter");
  const input = page.locator("vitrine-table .vt-inline .vt-input");
  await input.waitFor({ timeout: 30_000 });
  await input.fill("Projet gardé");
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "detached" });
  await page.reload();
  await page.waitForFunction(() => /\(1\)/.test(document.querySelector("vitrine-table")?.shadowRoot?.querySelector(".vt-review")?.textContent ?? ""), null, { timeout: 30_000 });
  assert.equal((await cell(page, "1-0").locator(".vt-cell-text").innerText()).trim(), "Projet gardé");
});
