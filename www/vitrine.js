/*
 * Vitrine embed loader.
 *
 * Partner pages add one tag:
 *   <script src="https://partner.example/vitrine/vitrine.js" defer></script>
 * (or `import ".../vitrine.js"` from a module) and then use
 *   <vitrine-table src="data.csv" schema="schema.json" lang="fr"></vitrine-table>
 *
 * The loader finds its own URL, loads the WebAssembly module that sits next to
 * it, and defines the <vitrine-table> custom element. Each element renders in
 * its own open shadow root with the widget's stylesheet, so the host page's CSS
 * cannot break it and its CSS cannot leak out.
 */
(function () {
  "use strict";

  if (window.customElements && window.customElements.get("vitrine-table")) {
    return; // loaded twice: the first definition stands
  }

  // Attributes forwarded to the app; a change to any of them updates it.
  var ATTRIBUTES = [
    "src", "schema", "lang", "view", "facets", "search-fields", "card-title",
    "card-image", "card-subtitle", "card-tags", "page-size", "columns", "config",
    "readonly", "suggest", "suggest-url", "suggest-restricted", "id",
  ];

  /** The URL of this script, whether loaded as a classic script or a module. */
  function ownUrl() {
    var current = document.currentScript;
    if (current && current.src) {
      return current.src;
    }
    // Modules have no currentScript: read this file's URL from a stack trace.
    try {
      throw new Error();
    } catch (e) {
      var match = /(https?:\/\/[^\s)]+?vitrine\.js)/.exec(String(e.stack || ""));
      if (match) {
        return match[1];
      }
    }
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/vitrine\.js(\?|#|$)/.test(scripts[i].src)) {
        return scripts[i].src;
      }
    }
    return new URL("vitrine.js", document.baseURI).href;
  }

  var base = new URL(".", ownUrl()).href;
  var modulePromise = null;

  /**
   * Loads and instantiates the wasm module once for the whole page. The
   * module's download starts at once, beside the glue's, and compiles while
   * it streams in (WebAssembly.instantiateStreaming, done by the glue when
   * handed a response).
   */
  function loadModule() {
    if (!modulePromise) {
      var wasm = fetch(base + "vitrine_widget_bg.wasm");
      wasm.catch(function () {}); // reported by the glue's instantiation
      modulePromise = import(base + "vitrine_widget.js").then(function (mod) {
        return mod.default({ module_or_path: wasm }).then(function () {
          return mod;
        });
      });
    }
    return modulePromise;
  }

  /** The absolute URL of an element's `src` or `schema`, as the widget resolves it. */
  function fileUrl(element, name) {
    var value = (element.getAttribute(name) || "").trim();
    if (!value) {
      return null;
    }
    try {
      return new URL(value, document.baseURI).href;
    } catch (e) {
      return null;
    }
  }

  /**
   * Starts the requests of the element's data and schema while the module
   * loads; the widget takes them over instead of fetching again. Not with a
   * `config` attribute, which may name other files.
   */
  function prefetch(element) {
    var started = [];
    if (element.hasAttribute("config")) {
      return started;
    }
    ["src", "schema"].forEach(function (name) {
      var url = fileUrl(element, name);
      if (url) {
        var response = fetch(url);
        response.catch(function () {}); // the widget reports failures
        started.push({ name: name, url: url, response: response });
      }
    });
    return started;
  }

  /**
   * Hands the started requests over to the module, those whose URL the
   * element still names; the others are cancelled.
   */
  function handOver(mod, element, started) {
    started.forEach(function (request) {
      if (element && !element.hasAttribute("config") && fileUrl(element, request.name) === request.url) {
        mod.prefetched(request.url, request.response);
      } else {
        request.response.then(function (r) {
          return r.body && r.body.cancel();
        }, function () {});
      }
    });
  }

  function attributesOf(element) {
    var attrs = {};
    for (var i = 0; i < ATTRIBUTES.length; i++) {
      var name = ATTRIBUTES[i];
      if (element.hasAttribute(name)) {
        attrs[name] = element.getAttribute(name);
      }
    }
    // Relative `src`/`schema` URLs resolve against the host page, as for <img>.
    attrs.base = document.baseURI;
    attrs["page-lang"] = document.documentElement.lang || "";
    attrs["browser-lang"] = navigator.language || "";
    return attrs;
  }

  /** A message shown when the module itself cannot load (no wasm, blocked file). */
  function showLoadFailure(root, error) {
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "vitrine-load-error";
    box.textContent =
      "Vitrine n'a pas pu se charger / Vitrine could not load (" +
      base + "vitrine_widget_bg.wasm): " + (error && error.message ? error.message : String(error));
    root.appendChild(box);
  }

  class VitrineTable extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    constructor() {
      super();
      this._app = null;
      this._generation = 0;
      var root = this.attachShadow({ mode: "open" });
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = base + "vitrine.css";
      root.appendChild(style);
    }

    connectedCallback() {
      var generation = ++this._generation;
      var self = this;
      var mount = document.createElement("div");
      mount.className = "vitrine";
      this.shadowRoot.appendChild(mount);
      var started = prefetch(this);
      loadModule().then(
        function (mod) {
          // Removed (or re-added) while the module was loading: do nothing.
          if (generation !== self._generation || !self.isConnected) {
            handOver(mod, null, started);
            mount.remove();
            return;
          }
          handOver(mod, self, started);
          self._app = mod.mount(mount, attributesOf(self));
        },
        function (error) {
          handOver(null, null, started);
          if (generation === self._generation) {
            showLoadFailure(mount, error);
          }
        }
      );
    }

    disconnectedCallback() {
      this._generation++;
      if (this._app) {
        this._app.destroy();
        this._app = null;
      }
      var mounts = this.shadowRoot.querySelectorAll("div.vitrine");
      for (var i = 0; i < mounts.length; i++) {
        mounts[i].remove();
      }
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (this._app && oldValue !== newValue) {
        this._app.update(attributesOf(this));
      }
    }
  }

  window.customElements.define("vitrine-table", VitrineTable);
})();
