// The reader experience on the demo page: filters with counts, search, sort,
// detail pages by URL, back/forward, languages, keyboard, no restricted
// field anywhere, and axe-core on every view (no serious or critical issue).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ARTIFACTS, axeViolations, useDemo } from "./harness.mjs";

const RESTRICTED = ["projet_contact", "Contact du service", "Hébergement", "Financement", "Budget"];

const demo = useDemo();
const open = (query = "") => demo.open(query);

const countText = (page) => page.locator("vitrine-table .vt-count").innerText();
const numbers = (text) => text.match(/\d+/g).map(Number);

test("filtering by a theme shows its live count, as chips and in the URL", async () => {
  const { page, errors } = await open();
  const [, total] = numbers(await countText(page));
  assert.ok(total >= 40, `total ${total}`);
  const group = page.locator("vitrine-table fieldset", { hasText: "Thème principal" });
  const value = group.locator("li", { hasText: "Mobilités" });
  const expected = Number(await value.locator(".vt-facet-count").innerText());
  assert.ok(expected > 0 && expected < total);
  await value.locator("label").click();
  await page.waitForFunction(
    (n) => document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent.startsWith(`${n} `),
    expected
  );
  assert.equal(await countText(page), `${expected} résultat${expected > 1 ? "s" : ""} sur ${total}`);
  assert.equal(await page.locator("vitrine-table table").getAttribute("aria-rowcount"), String(expected + 1));
  await page.waitForURL(/vt-theme=Mobilit%C3%A9s/);
  await page.locator("vitrine-table .vt-filter-chip", { hasText: "Mobilités" }).waitFor();
  // Every other group's counts follow the filter: they add up to at most the result.
  const counts = await page.locator("vitrine-table fieldset", { hasText: "Maturité" }).locator(".vt-facet-count").allInnerTexts();
  assert.equal(counts.map(Number).reduce((a, b) => a + b, 0), expected);
  // Values the filter leaves with no row are marked, and muted by the stylesheet.
  const facets = page.locator("vitrine-table .vt-facets");
  const zero = facets.locator("li[data-zero]").first();
  const nonZero = facets.locator("li:not([data-zero])").first();
  assert.equal(await zero.locator(".vt-facet-count").innerText(), "0");
  const colour = (item) => item.locator("label").evaluate((l) => getComputedStyle(l).color);
  assert.notEqual(await colour(zero), await colour(nonZero));
  assert.deepEqual(await axeViolations(page, "reader-filters"), []);
  await page.locator("vitrine-table .vt-clear").click();
  await page.waitForFunction(
    (n) => document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent.endsWith(`sur ${n}`) &&
      document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent.startsWith(`${n} `),
    total
  );
  assert.deepEqual(errors, []);
});

test("search narrows the results and sorting orders them", async () => {
  const { page, errors } = await open();
  const [, total] = numbers(await countText(page));
  await page.locator("vitrine-table input[type=search]").first().fill("eau");
  await page.waitForFunction(
    (n) => !document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent.startsWith(`${n} `),
    total
  );
  const [matching] = numbers(await countText(page));
  assert.ok(matching > 0 && matching < total, `search matched ${matching} of ${total}`);
  await page.waitForURL(/vt-q=eau/);
  await page.locator("vitrine-table .vt-clear").click();

  const header = page.locator("vitrine-table th", { hasText: /^Projet/ });
  await header.click();
  assert.equal(await header.getAttribute("aria-sort"), "ascending");
  const column = await header.getAttribute("aria-colindex");
  const names = await page.locator(`vitrine-table tbody td[aria-colindex="${column}"]`).allInnerTexts();
  const sorted = [...names].sort((a, b) => a.localeCompare(b, "fr", { sensitivity: "base" }));
  assert.deepEqual(names.slice(0, 10), sorted.slice(0, 10));
  await header.click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  // Shift adds a second key with a visible order.
  await page.locator("vitrine-table th", { hasText: /^Porteur/ }).click({ modifiers: ["Shift"] });
  assert.equal(await page.locator("vitrine-table .vt-sort-order").count(), 2);
  await page.waitForURL(/vt-sort=-nom_projet%2Ccoll_nom/);
  // Virtualized: fewer rows in the DOM than results, with correct indexes.
  const rendered = await page.locator("vitrine-table tbody tr").count();
  assert.ok(rendered > 0 && rendered <= total);
  assert.equal(await page.locator("vitrine-table tbody tr").first().getAttribute("aria-rowindex"), "2");
  assert.deepEqual(await axeViolations(page, "reader-table"), []);
  assert.deepEqual(errors, []);
});

test("a detail opens from its URL, by primary key, and back/forward work", async () => {
  const { page, errors } = await open("?vt-row=valbrune-assistant-etat-civil");
  const dialog = page.locator("vitrine-table [role=dialog]");
  await dialog.waitFor();
  assert.match(await dialog.locator("h2").innerText(), /état civil/);
  const text = await dialog.innerText();
  assert.match(text, /Informations générales/);
  for (const restricted of RESTRICTED) assert.ok(!text.includes(restricted), `restricted field shown: ${restricted}`);
  assert.deepEqual(await axeViolations(page, "reader-detail"), []);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  // The URL is written once the change is painted.
  await page.waitForURL((url) => !url.search.includes("vt-row"));
  await page.goBack();
  await dialog.waitFor();
  await page.goForward();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
});

test("the grid is operable with the keyboard and the focus comes back", async () => {
  const { page } = await open();
  await page.locator("vitrine-table tbody tr").first().waitFor();
  await page.locator("vitrine-table th").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  const focused = () => page.evaluate(() => document.querySelector("vitrine-table").shadowRoot.activeElement?.dataset.cell);
  assert.equal(await focused(), "1-1");
  // Space opens the row (Enter edits the cell: "Proposer une modification" is on).
  await page.keyboard.press(" ");
  const dialog = page.locator("vitrine-table [role=dialog]");
  await dialog.waitFor();
  await page.waitForURL(/vt-row=/);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await focused(), "1-1");
});

test("cards, languages and no restricted field", async () => {
  const { page, errors } = await open("?vt-view=cards");
  const cards = page.locator("vitrine-table .vt-card");
  await cards.first().waitFor();
  assert.ok((await cards.count()) >= 40);
  assert.ok((await page.locator("vitrine-table .vt-card img[loading=lazy]").count()) > 0);
  assert.deepEqual(await axeViolations(page, "reader-cards"), []);
  const text = await page.locator("vitrine-table").innerText();
  for (const restricted of RESTRICTED) assert.ok(!text.includes(restricted), `restricted field shown: ${restricted}`);

  await page.evaluate(() => document.querySelector("vitrine-table").setAttribute("lang", "en"));
  await page.waitForFunction(() => / results?$/.test(document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-count").textContent));
  assert.match(await page.locator("vitrine-table .vt-facets").innerText(), /Main theme/);
  await page.locator("vitrine-table .vt-view-switch button", { hasText: "Table" }).click();
  assert.match(await page.locator("vitrine-table thead").innerText(), /Project/);
  await page.waitForURL(/vt-view=table/);
  await page.screenshot({ path: path.join(ARTIFACTS, "reader-table-en.png") });
  assert.deepEqual(errors, []);
});

test("dark theme passes axe too", async () => {
  const { page } = await open();
  await page.evaluate(() => document.querySelector("vitrine-table").setAttribute("theme", "dark"));
  assert.deepEqual(await axeViolations(page, "reader-table-dark"), []);
});

test("the colour scheme follows the system unless the theme attribute is set", async () => {
  const { page } = await open();
  const background = () =>
    page.evaluate(() => getComputedStyle(document.querySelector("vitrine-table")).backgroundColor);
  const setTheme = (value) =>
    page.evaluate((v) => {
      const el = document.querySelector("vitrine-table");
      if (v === null) el.removeAttribute("theme");
      else el.setAttribute("theme", v);
    }, value);
  const WHITE = "rgb(255, 255, 255)";
  const DARK = "rgb(13, 17, 23)";
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await background(), WHITE);
  await setTheme("dark");
  assert.equal(await background(), DARK);
  await setTheme(null);
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(), DARK);
  await setTheme("light");
  assert.equal(await background(), WHITE);
  await page.emulateMedia({ colorScheme: "light" });
});

test("\"copy link\" copies the page URL with the current search and sort", async () => {
  const { page, errors } = await open();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.locator("vitrine-table #vt-search-input").fill("Ville");
  await page.locator("vitrine-table th").first().click();
  // The URL is written once the change is painted.
  await page.waitForFunction(() => /vt-q=Ville/.test(location.search) && /vt-sort=/.test(location.search));
  await page.locator("vitrine-table .vt-actions button", { hasText: "Copier le lien" }).click();
  await page.locator("vitrine-table .vt-copied", { hasText: /copié/ }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /vt-q=Ville/);
  assert.deepEqual(errors, []);
});
