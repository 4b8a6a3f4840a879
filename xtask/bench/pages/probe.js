/*
 * In-page instrumentation shared by the two bench pages (`cargo xtask bench`).
 *
 * Loaded first, as a classic script, so it starts watching at document start.
 * Each page then sets `window.benchAdapter`, the only tool-specific part:
 *   rowCount()            data rows currently in the DOM
 *   ready()               every row is loaded: the filters, search and sort work
 *   resultCount()         the result count the page displays (number)
 *   columnTexts(col)      texts of the rendered cells of a column, top to bottom
 *   sortState(col)        "ascending" | "descending" | "none" (the header's aria-sort)
 *   headers()             the shown column titles, in order
 *   scroller()            the element that scrolls the rows
 *   observed()            the nodes whose subtrees hold the rows and the count
 *   wasmBytes()           promise of the WebAssembly memory size (0 without wasm)
 * `col` is { field, title }: the schema field name and its French title.
 *
 * "Painted" means: the expected state is in the DOM at the start of an
 * animation frame (checked once per frame), and the next frame has started,
 * so the frame holding the change was produced (a double requestAnimationFrame).
 *
 * `?frames=unpaced` (the page of the interaction measures, opened in a
 * Chromium without frame-rate limit, where frames follow one another as soon
 * as the previous one is drawn): the load is watched with timers instead of
 * animation frames, so no frame is requested until an interaction is timed.
 */
(function () {
  "use strict";

  var TIMEOUT_MS = 300000;
  var bench = { firstPaint: null, ready: null, error: null, pending: {} };
  window.bench = bench;
  var unpaced = new URLSearchParams(location.search).get("frames") === "unpaced";

  function adapter() {
    return window.benchAdapter || null;
  }

  /**
   * Resolves with performance.now() once `predicate(adapter)` holds and a
   * frame went by. `byTimer`: check every 20 ms instead of every frame.
   */
  function whenPainted(predicate, label, byTimer) {
    var started = performance.now();
    return new Promise(function (resolve, reject) {
      function check() {
        var ok = false;
        var a = adapter();
        try {
          ok = a !== null && predicate(a);
        } catch (e) {
          ok = false;
        }
        if (ok) {
          requestAnimationFrame(function () {
            resolve(performance.now());
          });
        } else if (performance.now() - started > TIMEOUT_MS) {
          reject(new Error("timed out waiting for " + label));
        } else {
          next(check);
        }
      }
      function next(f) {
        if (byTimer) {
          setTimeout(f, 20);
        } else {
          requestAnimationFrame(f);
        }
      }
      next(check);
    });
  }

  // Time from the start of the navigation (performance.timeOrigin) to the
  // first data rows painted.
  whenPainted(function (a) {
    return a.rowCount() > 0;
  }, "the first rows", unpaced).then(
    function (t) {
      bench.firstPaint = t;
    },
    function (e) {
      bench.error = String(e);
    }
  );

  // Time from the start of the navigation to the whole file loaded (the
  // first rows may be shown before, while the rest loads).
  whenPainted(function (a) {
    return a.ready();
  }, "the whole file", unpaced).then(
    function (t) {
      bench.ready = t;
    },
    function (e) {
      bench.error = String(e);
    }
  );

  var EXPECTATIONS = {
    /** Every rendered cell of the column shows the value, and fewer results than before. */
    filter: function (spec, before) {
      return function (a) {
        var texts = a.columnTexts(spec.column);
        return a.rowCount() > 0 && a.resultCount() < before.count &&
          texts.length > 0 && texts.every(function (t) { return t === spec.value; });
      };
    },
    /** The result count changed and rows are shown. */
    search: function (spec, before) {
      return function (a) {
        return a.rowCount() > 0 && a.resultCount() !== before.count;
      };
    },
    /**
     * Nothing changes (a click on an inert area of the page): the floor of
     * every "→ next paint" figure, the frames the clock waits for without
     * any work of the page.
     */
    none: function () {
      return function () {
        return true;
      };
    },
    /** The header says ascending and the first row changed. */
    sort: function (spec, before) {
      return function (a) {
        var texts = a.columnTexts(spec.column);
        return a.sortState(spec.column) === "ascending" && texts.length > 0 && texts[0] !== before.first;
      };
    },
  };

  /**
   * Prepares one timed interaction: the clock starts at the next `trigger`
   * event (its timeStamp, seen first in the capture phase) and stops when the
   * expected state is in the DOM (`dom`) and when it is painted (`paint`).
   * `bench.result(name)` gives both durations in ms.
   */
  bench.arm = function (name, trigger, kind, spec) {
    var a = adapter();
    var before = {
      count: a.resultCount(),
      first: spec.column ? a.columnTexts(spec.column)[0] : undefined,
    };
    var predicate = EXPECTATIONS[kind](spec, before);
    var start = new Promise(function (resolve) {
      window.addEventListener(trigger, function (e) {
        resolve(e.timeStamp);
      }, { capture: true, once: true });
    });
    // Nothing to observe when nothing changes: no "DOM updated" figure.
    var updated = kind === "none" ? Promise.resolve(null) : whenUpdated(a.observed(), predicate, name);
    bench.pending[name] = start.then(function (t0) {
      return whenPainted(predicate, name).then(function (t1) {
        return updated.then(function (t) {
          return { paint: t1 - t0, dom: t === null ? null : t - t0 };
        });
      });
    });
    return before;
  };

  /**
   * Resolves with performance.now() at the first DOM mutation under `nodes`
   * after which `predicate(adapter)` holds. A MutationObserver's callback
   * runs at the end of the task that changed the DOM (a microtask), before
   * any style, layout or paint of the next frame: the time from the event
   * to it is the page's own work (scripts, and layouts they forced).
   */
  function whenUpdated(nodes, predicate, label) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        observer.disconnect();
        reject(new Error("timed out waiting for the DOM of " + label));
      }, TIMEOUT_MS);
      var observer = new MutationObserver(function () {
        var ok = false;
        try {
          ok = predicate(adapter());
        } catch (e) {
          ok = false;
        }
        if (ok) {
          var t = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve(t);
        }
      });
      nodes.forEach(function (node) {
        observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    });
  }

  /**
   * Resolves with performance.now() once the page is idle: for 300 ms, a
   * chain of short timers never waited more than 20 ms for the main thread,
   * so work the page does in the background after load (tasks in a row) is
   * over. (Not requestIdleCallback: without frame-rate limit Chromium gives
   * no idle period.) Gives up waiting after TIMEOUT_MS.
   */
  bench.idle = function () {
    var started = performance.now();
    return new Promise(function (resolve) {
      var last = performance.now();
      var quietSince = last;
      function tick() {
        var now = performance.now();
        if (now - last > 20) {
          quietSince = now;
        }
        last = now;
        if (now - quietSince >= 300 || now - started > TIMEOUT_MS) {
          resolve(now);
        } else {
          setTimeout(tick, 1);
        }
      }
      setTimeout(tick, 1);
    });
  };

  bench.result = function (name) {
    return bench.pending[name];
  };

  /**
   * Scrolls the rows by `distance` px, `step` px per animation frame, from the
   * top; resolves with the durations between consecutive frames (ms) and the
   * distance actually scrolled.
   */
  bench.scroll = function (distance, step) {
    var el = adapter().scroller();
    el.scrollTop = 0;
    return new Promise(function (resolve) {
      var deltas = [];
      var last = null;
      var target = 0;
      function frame(ts) {
        if (last !== null) {
          deltas.push(ts - last);
        }
        last = ts;
        if (target >= distance || el.scrollTop < target - step) {
          resolve({ deltas: deltas, scrolled: el.scrollTop });
          return;
        }
        target += step;
        el.scrollTop = target;
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(function () {
        requestAnimationFrame(frame);
      });
    });
  };
})();
