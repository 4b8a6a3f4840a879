// Shared helpers for the end-to-end tests: start `vitrine serve` on a free
// loopback port with a throw-away database, and open headless Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));

export const ARTIFACTS = path.join(ROOT, "target/e2e");
const AXE = path.join(ROOT, "tools/node_modules/axe-core/axe.min.js");
mkdirSync(ARTIFACTS, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`vitrine serve exited with ${child.exitCode}:\n${log()}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vitrine serve did not answer /healthz within 30 s:\n${log()}`);
}

/**
 * Starts the server from the repository root; returns { base, stop }.
 * `options.config`: another configuration file than the repository's
 * `vitrine.toml` (e.g. one pointing at copies of the data that a test may
 * modify); `options.staticDir`: another folder of static files than dist/;
 * `options.port`: a given port (to restart a stopped server where a page
 * expects it).
 */
export async function startServer(options = {}) {
  const bin = process.env.VITRINE_BIN || path.join(ROOT, "target/debug/vitrine");
  const dist = options.staticDir || process.env.VITRINE_DIST || path.join(ROOT, "dist");
  const port = options.port || (await freePort());
  const tmp = mkdtempSync(path.join(tmpdir(), "vitrine-e2e-"));
  const args = [
    "serve",
    "--config", options.config || path.join(ROOT, "vitrine.toml"),
    "--addr", `127.0.0.1:${port}`,
    "--static-dir", dist,
    "--database", path.join(tmp, "vitrine.sqlite"),
  ];
  const child = spawn(bin, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child, () => output);
  return {
    base,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless with a fresh profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), "vitrine-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context: browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * One server and one browser for a whole test file, started before its
 * first test and stopped after its last (node:test hooks). `warm`: static
 * files requested once, compressed, before any page is timed (the server
 * compresses each file on its first request).
 *
 * Returns `demo`: `demo.server` (replaceable, e.g. by a test that restarts
 * the server on the same port), `demo.open()` and `demo.axeViolations()`.
 */
export function useDemo({ warm = ["vitrine_widget_bg.wasm"] } = {}) {
  const demo = { server: null, browser: null, current: null };
  before(async () => {
    demo.server = await startServer();
    demo.browser = await launchBrowser();
    for (const file of warm) {
      await fetch(`${demo.server.base}/${file}`, { headers: { "accept-encoding": "br, gzip" } });
    }
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });

  /**
   * Opens the demo page at `query`, closing the previous page so this one
   * has the focus, and waits for `ready` (the result count by default).
   * `clean`: local storage is cleared and the page reloaded, so no draft
   * of an earlier test is restored. `prepare(page)` runs before the first
   * navigation (e.g. to route requests). Resolves to `{ page, errors, wasm }`:
   * the console errors seen, and the paths of the .wasm files requested.
   */
  demo.open = async (query = "", { viewport, clean = false, prepare, ready = "vitrine-table .vt-count" } = {}) => {
    await demo.current?.close();
    const page = await demo.browser.context.newPage();
    demo.current = page;
    if (viewport) await page.setViewportSize(viewport);
    const wasm = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) console.log(`HTTP ${r.status()} ${r.url()}`);
    });
    const errors = watchErrors(page);
    if (prepare) await prepare(page);
    await page.goto(`${demo.server.base}/${query}`);
    if (clean) {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
    }
    await page.bringToFront();
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    return { page, errors, wasm };
  };
  return demo;
}

/**
 * The serious and critical axe-core violations of the page (axe pierces
 * open shadow roots), one line each; with `screenshot`, the page is also
 * saved as target/e2e/<screenshot>.png for a person to look at.
 */
export async function axeViolations(page, screenshot) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ path: AXE });
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  });
  if (screenshot) await page.screenshot({ path: path.join(ARTIFACTS, `${screenshot}.png`) });
  return found;
}
