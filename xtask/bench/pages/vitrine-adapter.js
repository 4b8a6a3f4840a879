/*
 * The Vitrine side of the bench: one <vitrine-table> on the generated file
 * (`?data=/data/ia-1000.csv`) with the IA schema, and the adapter that
 * probe.js reads (see probe.js for the contract).
 */
(function () {
  "use strict";

  var params = new URLSearchParams(location.search);
  var table = document.createElement("vitrine-table");
  table.setAttribute("src", params.get("data"));
  table.setAttribute("schema", "/schema/bibliotheque-ia.schema.json");
  table.setAttribute("lang", "fr");
  document.getElementById("main").appendChild(table);

  function root() {
    return table.shadowRoot;
  }

  function header(column) {
    var headers = root().querySelectorAll("thead th");
    for (var i = 0; i < headers.length; i++) {
      var text = headers[i].querySelector(".vt-header-text");
      if (text && text.textContent.trim() === column.title) {
        return headers[i];
      }
    }
    return null;
  }

  /** "1 234 résultats sur 100 000" → 1234 (digits before "sur"; the whole text without it). */
  function resultCount() {
    var count = root().querySelector(".vt-count");
    if (!count) {
      return NaN;
    }
    var text = count.textContent.split(" sur ")[0];
    return Number(text.replace(/\D/g, ""));
  }

  window.benchAdapter = {
    /** The reader (with its result count) replaces the preview of the first rows. */
    ready: function () {
      return root().querySelector(".vt-count") !== null;
    },
    rowCount: function () {
      return root().querySelectorAll("tbody tr").length;
    },
    resultCount: resultCount,
    columnTexts: function (column) {
      var th = header(column);
      if (!th) {
        return [];
      }
      var index = th.getAttribute("aria-colindex");
      var cells = root().querySelectorAll('tbody td[aria-colindex="' + index + '"]');
      return Array.prototype.map.call(cells, function (td) {
        return td.textContent.trim();
      });
    },
    sortState: function (column) {
      var th = header(column);
      return th ? th.getAttribute("aria-sort") : "none";
    },
    headers: function () {
      return Array.prototype.map.call(root().querySelectorAll("thead th .vt-header-text"), function (t) {
        return t.textContent.trim();
      });
    },
    scroller: function () {
      return root().querySelector(".vt-grid-scroll");
    },
    /** The widget renders in its shadow root, which observers of the page do not see. */
    observed: function () {
      return [root()];
    },
    /**
     * The wasm-bindgen glue returns the module's exports when called again
     * once initialised; the import resolves to the loader's module instance
     * (same URL), so this reads the widget's own memory. The export names
     * are minified (`cargo xtask dist`), so the memory is found by its type.
     */
    wasmBytes: function () {
      return import("/dist/vitrine_widget.js").then(function (mod) {
        return mod.default();
      }).then(function (exports) {
        var memory = Object.values(exports).find(function (value) {
          return value instanceof WebAssembly.Memory;
        });
        return memory.buffer.byteLength;
      });
    },
  };
})();
