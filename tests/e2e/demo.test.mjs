// The demo page served by `vitrine serve` shows the widget with data.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchBrowser, startServer, watchErrors } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the demo page renders the widget with the sample data", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/`);
  // Playwright's CSS locators pierce open shadow roots.
  const rows = page.locator("vitrine-table tbody tr");
  await rows.first().waitFor({ timeout: 30_000 });
  const count = await rows.count();
  // The grid is virtualized: it announces every project, renders those in view.
  const rowCount = Number(await page.locator("vitrine-table table").getAttribute("aria-rowcount"));
  assert.ok(rowCount - 1 >= 40, `expected at least 40 projects, got ${rowCount - 1}`);
  assert.ok(count > 0 && count <= rowCount - 1);
  const header = await page.locator("vitrine-table thead").innerText();
  assert.match(header, /Projet/);
  // Rendered inside the element's shadow root, not in the page's DOM (read
  // in one evaluation: the grid may add the rows of its measured viewport
  // between two reads).
  const where = await page.evaluate(() => ({
    shadow: document.querySelector("vitrine-table").shadowRoot.querySelectorAll("tbody tr").length,
    page: document.querySelectorAll("tbody tr").length,
  }));
  assert.ok(where.shadow > 0 && where.shadow <= rowCount - 1, `rows in the shadow root: ${where.shadow}`);
  assert.equal(where.page, 0);
  await page.screenshot({ path: path.join(ARTIFACTS, "demo.png"), fullPage: false });
  assert.deepEqual(errors, []);
});

test("restricted fields are not shown to anonymous readers", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.base}/`);
  await page.locator("vitrine-table tbody tr").first().waitFor({ timeout: 30_000 });
  const text = await page.locator("vitrine-table").innerText();
  for (const restricted of ["projet_contact", "Contact du service", "Hébergement", "Financement"]) {
    assert.ok(!text.includes(restricted), `restricted field shown: ${restricted}`);
  }
});
