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
 *
 * Two bundles sit next to it: the reader (`vitrine_widget`, loaded first)
 * and the editor (`vitrine_widget_edit`, the same widget with the editing
 * code). When a reader uses an editing control, the reader bundle asks for
 * the editor (`switchToEditor` below) and the element is re-mounted with it.
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
  var READER = "vitrine_widget";
  var EDITOR = "vitrine_widget_edit";
  var modules = {};
  var attempts = {};

  /**
   * Compiles the wasm module at `url` while it downloads; compileStreaming
   * needs the `application/wasm` type, else the whole body is compiled.
   */
  function compileModule(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return WebAssembly.compileStreaming && /^application\/wasm\b/i.test(response.headers.get("content-type"))
        ? WebAssembly.compileStreaming(response)
        : response.arrayBuffer().then(WebAssembly.compile);
    });
  }

  /**
   * Loads and instantiates a wasm bundle once for the whole page; after a
   * failure, the next call tries again. The module's download starts at
   * once, beside the glue's, and compiles while it streams in, without
   * waiting for the glue: the glue instantiates the compiled module.
   */
  function loadModule(name) {
    if (!modules[name]) {
      var attempt = attempts[name] || 0;
      var glue = base + name + ".js" + (attempt ? "?retry=" + attempt : "");
      var wasm = compileModule(base + name + "_bg.wasm");
      wasm.catch(function () {}); // reported by the glue's instantiation
      modules[name] = import(glue).then(function (mod) {
        return mod.default({ module_or_path: wasm }).then(function () {
          return mod;
        });
      });
      modules[name].catch(function () {
        attempts[name] = attempt + 1;
        modules[name] = null;
      });
    }
    return modules[name];
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

  function errorText(error) {
    return error && error.message ? error.message : String(error);
  }

  /** A message shown when the module itself cannot load (no wasm, blocked file). */
  function showLoadFailure(root, name, error) {
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "vitrine-load-error";
    box.textContent =
      "Vitrine n'a pas pu se charger / Vitrine could not load (" +
      base + name + "_bg.wasm): " + errorText(error);
    root.appendChild(box);
  }

  /**
   * The reader bundle asks for the editor (event "vitrine-edit", sent when
   * a reader uses an editing control or a draft of the dataset waits): load
   * the editor bundle, then re-mount the element with it. The event's
   * detail holds attributes for the new mount (what to open first, the
   * reader's columns); the rest of the reader's state (filters, search,
   * sort, view, open row) is in the page URL, which the new mount reads.
   * The reader stays until the editor is ready; when the editor bundle
   * cannot load, the reader gets "vitrine-edit-failed" with the reason,
   * shows it and offers to retry.
   */
  function switchToEditor(element, event) {
    if (element._bundle !== READER) {
      return;
    }
    event.preventDefault(); // tells the reader that the request is handled
    var target = event.target;
    var handover = {};
    var detail = event.detail || {};
    Object.keys(detail).forEach(function (name) {
      if (typeof detail[name] === "string") {
        handover[name] = detail[name];
      }
    });
    var generation = element._generation;
    loadModule(EDITOR).then(
      function (mod) {
        if (generation !== element._generation || !element.isConnected) {
          return; // removed meanwhile
        }
        if (element._bundle !== READER) {
          return; // an earlier request switched it already
        }
        var attrs = attributesOf(element);
        Object.keys(handover).forEach(function (name) {
          attrs[name] = handover[name];
        });
        element._unmount();
        element._bundle = EDITOR;
        var mount = element._newMount();
        try {
          element._app = mod.mount(mount, attrs);
        } catch (error) {
          showLoadFailure(mount, EDITOR, error);
        }
      },
      function (error) {
        target.dispatchEvent(
          new CustomEvent("vitrine-edit-failed", { detail: errorText(error) })
        );
      }
    );
  }

  class VitrineTable extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    constructor() {
      super();
      this._app = null;
      this._generation = 0;
      this._bundle = READER;
      var root = this.attachShadow({ mode: "open" });
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = base + "vitrine.css";
      root.appendChild(style);
    }

    /** A new mount point for the app, listening for the editor request. */
    _newMount() {
      var self = this;
      var mount = document.createElement("div");
      mount.className = "vitrine";
      mount.addEventListener("vitrine-edit", function (event) {
        switchToEditor(self, event);
      });
      this.shadowRoot.appendChild(mount);
      return mount;
    }

    /** Destroys the app and removes its mount points. */
    _unmount() {
      if (this._app) {
        this._app.destroy();
        this._app = null;
      }
      var mounts = this.shadowRoot.querySelectorAll("div.vitrine");
      for (var i = 0; i < mounts.length; i++) {
        mounts[i].remove();
      }
    }

    connectedCallback() {
      var generation = ++this._generation;
      var self = this;
      var bundle = this._bundle;
      var mount = this._newMount();
      var started = prefetch(this);
      loadModule(bundle).then(
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
            showLoadFailure(mount, bundle, error);
          }
        }
      );
    }

    disconnectedCallback() {
      this._generation++;
      this._unmount();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (this._app && oldValue !== newValue) {
        this._app.update(attributesOf(this));
      }
    }
  }

  window.customElements.define("vitrine-table", VitrineTable);
})();
