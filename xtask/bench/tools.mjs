// How the bench drives each tool's page like a reader does: the page to
// open, and the clicks and typing of each interaction (the clock itself is
// in pages/probe.js). `total` is the row count shown after load.
/** Flags of every bench browser: headless, no sandbox (root), no background work or throttling. */
export const BROWSER_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
];
// The interactions' browser has no frame-rate limit, so that "to repaint" is
// the next paint after the work and not the next 60 Hz frame. In headless
// Chromium, --disable-frame-rate-limit alone still gives 60 Hz; with
// --run-all-compositor-stages-before-draw a frame starts as soon as the
// previous one is drawn (and each frame is drawn before the next starts).
export const UNPACED_ARGS = ["--disable-frame-rate-limit", "--disable-gpu-vsync", "--run-all-compositor-stages-before-draw"];

export const THEME = { column: { field: "theme", title: "Thème principal" }, value: "Mobilités" };
export const SORT = { column: { field: "nom_projet", title: "Projet" } };

/**
 * A click on an inert area of the page, the same for both pages: the top
 * left corner of the viewport, outside the body (both pages centre a body
 * of at most 78rem in a 1280 px viewport). The mouse is moved there first,
 * before the clock is armed, so no hover state changes during the timed
 * click: nothing visible changes.
 */
export const INERT = { x: 4, y: 4 };
const inertClick = {
  trigger: "click",
  prepare: (page) => page.mouse.move(INERT.x, INERT.y),
  act: (page) => page.mouse.click(INERT.x, INERT.y),
};

const countIs = (n) => `window.benchAdapter.resultCount() === ${n} && window.benchAdapter.rowCount() > 0`;

export const TOOLS = {
  vitrine: {
    label: "Vitrine",
    page: "/bench/vitrine.html",
    filter: {
      trigger: "click",
      act: (page) =>
        page
          .locator("vitrine-table fieldset", { hasText: THEME.column.title })
          .locator("li", { hasText: THEME.value })
          .first()
          .locator("label")
          .click(),
    },
    search: {
      trigger: "input",
      act: (page, query) => page.locator("vitrine-table input[type=search]").first().fill(query),
    },
    sort: {
      trigger: "click",
      act: (page) => page.locator("vitrine-table th", { hasText: new RegExp(`^${SORT.column.title}`) }).click(),
    },
    noop: inertClick,
    /** Back to every row: the "clear" button resets filters and search. */
    async reset(page, total) {
      await page.locator("vitrine-table .vt-clear").click();
      await page.waitForFunction(countIs(total));
    },
  },
  tabulator: {
    label: "Tabulator 6.5",
    page: "/bench/tabulator.html",
    filter: {
      trigger: "change",
      act: (page) => page.selectOption("#theme", THEME.value),
    },
    search: {
      trigger: "input",
      act: (page, query) => page.fill("#search", query),
    },
    sort: {
      trigger: "click",
      act: (page) => page.locator(`#table .tabulator-col[tabulator-field="${SORT.column.field}"] .tabulator-col-title`).click(),
    },
    noop: inertClick,
    async reset(page, total) {
      await page.selectOption("#theme", "");
      await page.fill("#search", "");
      await page.waitForFunction(countIs(total));
    },
  },
};
