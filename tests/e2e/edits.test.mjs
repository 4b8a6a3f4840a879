// Suggested edits on the demo page against a real `vitrine serve`: typing
// an invalid SIRET shows core's message and fixing it removes it; three
// inline edits, a sort and two undos revert the right cells; pending edits
// survive a reload; a proposal reaches the server and is stored; with the
// server stopped nothing is lost and a retry sends it; edited values are
// text; axe-core finds no serious or critical issue in the edit views.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, startServer, useDemo } from "./harness.mjs";

const TOKEN = "vt_demo_moderator_not_secret";

const demo = useDemo({ warm: ["vitrine_widget_bg.wasm", "vitrine_widget_edit_bg.wasm"] });

/** A fresh page with no draft left by a previous test. */
const openClean = () => demo.open("", { clean: true, ready: "vitrine-table tbody tr" });

const cell = (page, rc) => page.locator(`vitrine-table td[data-cell='${rc}']`);
const reviewButton = (page) => page.locator("vitrine-table .vt-review");

/** Edits grid cell `rc` in place: Enter, replace the text, Enter. */
async function editInline(page, rc, text) {
  await cell(page, rc).focus();
  await page.keyboard.press("Enter");
  const input = page.locator("vitrine-table .vt-inline .vt-input");
  await input.waitFor();
  await input.fill(text);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "detached" });
}

test("an invalid SIRET shows what is expected, and the message goes when fixed", async () => {
  const { page, errors } = await openClean();
  await cell(page, "1-0").click();
  await page.keyboard.press(" ");
  await page.locator("vitrine-table .vt-propose").click();
  const siret = page.locator("vitrine-table #vt-edit-coll_siret");
  await siret.waitFor();
  const original = await siret.inputValue();
  await siret.fill("123");
  const message = page.locator("vitrine-table #vt-edit-coll_siret-msg");
  await message.waitFor();
  // The rule that failed (the schema's pattern) and what is expected.
  assert.match(await message.innerText(), /SIRET.*attendu : le motif/);
  assert.equal(await siret.getAttribute("aria-invalid"), "true");
  assert.match(await siret.getAttribute("aria-describedby"), /vt-edit-coll_siret-msg/);
  assert.equal(await siret.inputValue(), "123", "the invalid value stays");
  // Fourteen digits with a wrong check digit: the SIRET rule says so.
  await siret.fill("21380412300016");
  await page.waitForFunction(() => /clé de contrôle est fausse/.test(document.querySelector("vitrine-table").shadowRoot.querySelector("#vt-edit-coll_siret-msg")?.textContent));
  assert.equal(await siret.getAttribute("aria-invalid"), "true");
  // The help text is the schema's description; required fields are marked.
  assert.match(await page.locator("vitrine-table #vt-edit-coll_siret-help").innerText(), /SIRET|Système/);
  assert.ok((await page.locator("vitrine-table .vt-form .vt-required").count()) >= 10);
  assert.deepEqual(await axeViolations(page, "edits-form"), []);

  await siret.fill(original);
  await message.waitFor({ state: "detached" });
  assert.equal(await siret.getAttribute("aria-invalid"), null);

  // A cross-field rule: status "Abandonné" needs an explanation.
  await page.locator("vitrine-table #vt-edit-projet_status").selectOption("Abandonné");
  const explanation = page.locator("vitrine-table #vt-edit-status_abandon-msg");
  await explanation.waitFor();
  assert.match(await explanation.innerText(), /obligatoire/);
  await page.keyboard.press("Escape");
  assert.deepEqual(errors, []);
});

test("three edits, a sort and two undos revert the right cells; values stay text", async () => {
  const { page, errors } = await openClean();
  const originals = [];
  for (const rc of ["1-0", "2-0", "3-0"]) originals.push(await cell(page, rc).innerText());
  await editInline(page, "1-0", "<b>Zeta A</b>");
  await editInline(page, "2-0", "Zeta B");
  await editInline(page, "3-0", "Zeta C");
  assert.match(await reviewButton(page).innerText(), /\(3\)/);
  const edited = page.locator("vitrine-table td[data-edited]");
  assert.equal(await edited.count(), 3);
  // The stylesheet highlights edited cells (by their data attribute).
  const background = (rc) => cell(page, rc).evaluate((td) => getComputedStyle(td).backgroundColor);
  assert.notEqual(await background("1-0"), await background("4-0"), "an edited cell is highlighted");
  assert.equal(await cell(page, "1-0").innerText(), "<b>Zeta A</b>");
  assert.equal(await page.locator("vitrine-table td b").count(), 0, "HTML is shown as text");
  assert.deepEqual(await axeViolations(page, "edits-table-edited"), []);

  // Sort descending by the edited column, then undo twice.
  const header = page.locator("vitrine-table th").first();
  await header.click();
  await header.click();
  await cell(page, "1-1").focus();
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => /\(1\)/.test(document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-review").textContent));
  await reviewButton(page).click();
  const review = page.locator("vitrine-table .vt-changes");
  await review.waitFor();
  const text = await review.innerText();
  assert.match(text, /<b>Zeta A<\/b>/);
  assert.match(text, new RegExp(originals[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.doesNotMatch(text, /Zeta B|Zeta C/);
  assert.deepEqual(await axeViolations(page, "edits-review"), []);

  // Redo brings "Zeta B" back, one undo button takes it away again.
  await page.locator("vitrine-table .vt-history-actions button", { hasText: "Rétablir" }).click();
  await page.waitForFunction(() => /Zeta B/.test(document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-changes").textContent));
  await page.locator("vitrine-table .vt-history-actions button", { hasText: "Annuler" }).click();
  await page.waitForFunction(() => !/Zeta B/.test(document.querySelector("vitrine-table").shadowRoot.querySelector(".vt-changes").textContent));

  // Escape closes the review and the focus returns to its button.
  await page.keyboard.press("Escape");
  await review.waitFor({ state: "detached" });
  const focused = await page.evaluate(() => document.querySelector("vitrine-table").shadowRoot.activeElement?.className);
  assert.match(focused, /vt-review/);

  // A reload finds the pending edit (the draft brings the editor bundle).
  await page.reload();
  await page.waitForFunction(() => /\(1\)/.test(document.querySelector("vitrine-table")?.shadowRoot?.querySelector(".vt-review")?.textContent ?? ""), null, { timeout: 30_000 });
  await reviewButton(page).click();
  assert.match(await page.locator("vitrine-table .vt-changes").innerText(), /<b>Zeta A<\/b>/);
  assert.deepEqual(errors, []);
});

async function pendingSuggestions(base) {
  const res = await fetch(`${base}/api/suggestions?status=pending`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()).suggestions;
}

test("a proposal is sent to the server and stored; the message and the reference show", async () => {
  const { page, errors } = await openClean();
  await editInline(page, "1-0", "Projet corrigé");
  await reviewButton(page).click();
  await page.locator("vitrine-table #vt-send-message").fill("Nom du projet corrigé");
  await page.locator("vitrine-table #vt-send-name").fill("Camille");
  const submit = page.locator("vitrine-table .vt-submit");
  assert.ok(await submit.isDisabled(), "consent is required with a name");
  await page.locator("vitrine-table #vt-send-consent").check();
  await submit.click();
  const sent = page.locator("vitrine-table .vt-sent");
  await sent.waitFor();
  const reference = (await sent.innerText()).match(/(\d+)/)[1];
  assert.match(await reviewButton(page).innerText(), /\(0\)/);

  const version = (await (await fetch(`${demo.server.base}/api/datasets`)).json()).datasets[0].version;
  const stored = (await pendingSuggestions(demo.server.base)).find((s) => String(s.id) === reference);
  assert.ok(stored, `suggestion ${reference} stored`);
  assert.equal(stored.datasetVersion, version);
  assert.equal(stored.message, "Nom du projet corrigé");
  assert.equal(stored.author.name, "Camille");
  assert.equal(stored.changes.length, 1);
  assert.equal(stored.changes[0].field, "nom_projet");
  assert.equal(stored.changes[0].after, "Projet corrigé");
  assert.ok(stored.changes[0].before.length > 0, "the value before is sent");
  assert.equal(typeof stored.changes[0].rowId, "string");
  assert.deepEqual(errors, []);
});

test("with the server stopped nothing is lost, and a retry sends the proposal", async () => {
  const { page } = await openClean();
  await editInline(page, "2-0", "Projet hors ligne");
  await reviewButton(page).click();
  const port = new URL(demo.server.base).port;
  await demo.server.stop();
  demo.server = null;
  await page.locator("vitrine-table .vt-submit").click();
  const failure = page.locator("vitrine-table .vt-send-error");
  await failure.waitFor();
  assert.match(await failure.innerText(), /ne répond pas/);
  assert.match(await failure.innerText(), /Rien n'est perdu/);
  assert.match(await page.locator("vitrine-table .vt-changes").innerText(), /Projet hors ligne/);
  const saved = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("vitrine:draft:")).map(([, v]) => v).join());
  assert.match(saved, /Projet hors ligne/);

  demo.server = await startServer({ port: Number(port) });
  await page.locator("vitrine-table .vt-retry").click();
  await page.locator("vitrine-table .vt-sent").waitFor();
  const stored = await pendingSuggestions(demo.server.base);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].changes[0].after, "Projet hors ligne");
});

test("a new project form marks every required field; the review lists the errors, each linked to its field", async () => {
  const { page, errors } = await openClean();
  await page.locator("vitrine-table .vt-new-project").click();
  const form = page.locator("vitrine-table .vt-form");
  await form.waitFor();
  await page.locator("vitrine-table #vt-edit-nom_projet").fill("Nouveau projet test");
  await page.locator("vitrine-table #vt-edit-nom_projet").press("Tab");
  assert.deepEqual(await axeViolations(page, "edits-new-project"), []);
  await page.locator("vitrine-table .vt-form .vt-primary").click();
  await reviewButton(page).click();
  const problems = page.locator("vitrine-table .vt-review-errors");
  await problems.waitFor();
  assert.ok((await problems.locator("li").count()) >= 5, "every missing required field is listed");
  assert.ok(await page.locator("vitrine-table .vt-submit").isDisabled());
  // The link focuses the field.
  await problems.locator(".vt-error-link").first().click();
  await page.waitForFunction(() => document.querySelector("vitrine-table").shadowRoot.activeElement?.id?.startsWith("vt-edit-"));
  assert.deepEqual(errors, []);
});
