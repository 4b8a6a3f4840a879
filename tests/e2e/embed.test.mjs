// The embedding contract partner sites rely on: one script tag (classic or
// module), independent elements, attribute updates, removal, shadow-root
// isolation, and readable errors instead of a blank box.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, launchBrowser, startServer, watchErrors } from "./harness.mjs";

let server;
let browser;

const SCHEMA = JSON.stringify({
  fields: [
    { name: "id", type: "integer" },
    { name: "nom", type: "string", title: "Nom" },
  ],
});
const csv = (names) => "id,nom\n" + names.map((n, i) => `${i + 1},${n}`).join("\n") + "\n";

/** Serves a test page and its fixtures from the server's origin. */
async function openPage(body, { module = false } = {}) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const fixtures = {
    "/fixtures/a.csv": ["text/csv", csv(["Alpha", "Bravo"])],
    "/fixtures/b.csv": ["text/csv", csv(["Charlie", "Delta", "Echo"])],
    "/fixtures/hostile.csv": ["text/csv", csv(['"<img src=x onerror=""window.pwned=1"">"'])],
    "/fixtures/schema.json": ["application/json", SCHEMA],
    "/fixtures/garbage.csv": ["text/csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe])],
  };
  await page.route(`${server.base}/fixtures/**`, (route) => {
    const url = new URL(route.request().url());
    const fixture = fixtures[url.pathname];
    if (!fixture) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ status: 200, contentType: fixture[0], body: fixture[1] });
  });
  const loader = module
    ? `<script type="module">import "/vitrine.js";</script>`
    : `<script src="/vitrine.js" defer></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>embed test</title><style>td { color: rgb(255, 0, 0) !important; }</style>${loader}</head>
    <body>${body}</body></html>`;
  await page.route(`${server.base}/embed-test.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: html })
  );
  await page.goto(`${server.base}/embed-test.html`);
  return { page, errors };
}

const rowsOf = (page, id) => page.locator(`#${id} tbody tr`);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("several elements on one page render independently", async () => {
  const { page, errors } = await openPage(`
    <vitrine-table id="one" src="/fixtures/a.csv" schema="/fixtures/schema.json"></vitrine-table>
    <vitrine-table id="two" src="/fixtures/b.csv" schema="/fixtures/schema.json"></vitrine-table>`);
  await rowsOf(page, "one").first().waitFor();
  await rowsOf(page, "two").first().waitFor();
  assert.equal(await rowsOf(page, "one").count(), 2);
  assert.equal(await rowsOf(page, "two").count(), 3);
  assert.match(await page.locator("#two tbody").innerText(), /Charlie/);
  // The host page's `td { color: red !important }` does not reach the widget.
  const color = await rowsOf(page, "one").first().locator("td").first().evaluate((td) => getComputedStyle(td).color);
  assert.notEqual(color, "rgb(255, 0, 0)");
  await page.screenshot({ path: path.join(ARTIFACTS, "embed-two-elements.png") });
  assert.deepEqual(errors, []);
});

test("changing an attribute updates the widget; removing the element destroys it", async () => {
  const { page, errors } = await openPage(
    `<vitrine-table id="one" src="/fixtures/a.csv" schema="/fixtures/schema.json"></vitrine-table>`
  );
  await rowsOf(page, "one").first().waitFor();
  await page.evaluate(() => document.getElementById("one").setAttribute("src", "/fixtures/b.csv"));
  await page.locator("#one tbody", { hasText: "Echo" }).waitFor();
  assert.equal(await rowsOf(page, "one").count(), 3);
  const left = await page.evaluate(() => {
    const el = document.getElementById("one");
    const root = el.shadowRoot;
    el.remove();
    return root.querySelectorAll("div.vitrine").length;
  });
  assert.equal(left, 0, "the app's container is removed with the element");
  assert.deepEqual(errors, []);
});

test("a type=module import of the loader works", async () => {
  const { page, errors } = await openPage(
    `<vitrine-table id="one" src="/fixtures/a.csv" schema="/fixtures/schema.json"></vitrine-table>`,
    { module: true }
  );
  await rowsOf(page, "one").first().waitFor();
  assert.equal(await rowsOf(page, "one").count(), 2);
  assert.deepEqual(errors, []);
});

test("a failed fetch shows the URL and the HTTP status inside the widget", async () => {
  const { page } = await openPage(
    `<vitrine-table id="one" src="/fixtures/missing.csv" schema="/fixtures/schema.json" lang="en"></vitrine-table>`
  );
  const alert = page.locator("#one [role=alert]");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /fixtures\/missing\.csv/);
  assert.match(text, /404/);
});

test("a file that is not CSV or JSON shows a clear error", async () => {
  const { page } = await openPage(
    `<vitrine-table id="one" src="/fixtures/garbage.csv" schema="/fixtures/schema.json" lang="fr"></vitrine-table>`
  );
  const alert = page.locator("#one [role=alert]");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /garbage\.csv/);
  assert.match(text, /UTF-8/);
});

test("hostile cell text is rendered as text, never as HTML", async () => {
  const { page, errors } = await openPage(
    `<vitrine-table id="one" src="/fixtures/hostile.csv" schema="/fixtures/schema.json"></vitrine-table>`
  );
  await rowsOf(page, "one").first().waitFor();
  assert.match(await page.locator("#one tbody").innerText(), /<img src=x onerror=/);
  assert.equal(await page.locator("#one tbody img").count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors, []);
});
