/*
 * The Tabulator 6.5 side of the bench, set up the way its documentation
 * shows: the CSV fetched and parsed with Papa Parse (header row, one object
 * per row, every field kept), a fixed-height table with the virtual DOM
 * renderer, click-to-sort headers, a theme select driving `setFilter`, and a
 * global search as a custom filter function over the searchable fields.
 *
 * Columns: the seven Vitrine shows by default for the IA schema (same order
 * and titles; the bench checks they match). Searched fields: the ones Vitrine
 * searches by default (public plain-text and list fields).
 */
(function () {
  "use strict";

  var COLUMNS = [
    { field: "nom_projet", title: "Projet" },
    { field: "coll_nom", title: "Porteur" },
    { field: "coll_type", title: "Type de collectivité" },
    { field: "projet_status", title: "Maturité" },
    { field: "theme", title: "Thème principal" },
    { field: "audience_service", title: "Audience du service" },
    { field: "coll_siret", title: "Identifiant SIRET de la collectivité" },
  ];
  var SEARCH_FIELDS = [
    "id", "coll_nom", "nom_projet", "coll_siret", "coll_type", "projet_status",
    "status_abandon", "partenaires", "usage_description", "mise_en_oeuvre", "theme",
    "sous_theme", "audience_service", "risque", "risque_categorie", "proportionalite",
    "decision", "erreur", "explicabilite", "reversibilite", "objection",
  ];

  var params = new URLSearchParams(location.search);
  var table = null;
  var total = 0;
  var count = document.getElementById("count");
  var search = document.getElementById("search");
  var theme = document.getElementById("theme");

  /** The usual Tabulator global search: a row matches when one field contains the text. */
  function matchesSearch(data, filterParams) {
    for (var i = 0; i < SEARCH_FIELDS.length; i++) {
      var value = data[SEARCH_FIELDS[i]];
      if (value && value.toLowerCase().indexOf(filterParams.query) !== -1) {
        return true;
      }
    }
    return false;
  }

  function applyFilters() {
    var filters = [];
    if (theme.value) {
      filters.push({ field: "theme", type: "=", value: theme.value });
    }
    var query = search.value.trim().toLowerCase();
    if (query) {
      filters.push({ field: matchesSearch, type: { query: query } });
    }
    if (filters.length) {
      table.setFilter(filters);
    } else {
      table.clearFilter();
    }
  }

  function showCount(shown) {
    count.textContent = shown + " résultat" + (shown > 1 ? "s" : "") + " sur " + total;
  }

  fetch(params.get("data"))
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status + " " + response.statusText);
      }
      return response.text();
    })
    .then(function (text) {
      var parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
      total = parsed.data.length;
      table = new Tabulator("#table", {
        data: parsed.data,
        columns: COLUMNS.map(function (c) {
          return { field: c.field, title: c.title, headerSort: true };
        }),
        height: "min(70vh, 40rem)",
        layout: "fitColumns",
        renderVertical: "virtual",
        index: "id",
      });
      table.on("tableBuilt", function () {
        showCount(total);
      });
      table.on("dataFiltered", function (filters, rows) {
        showCount(rows.length);
      });
      search.addEventListener("input", applyFilters);
      theme.addEventListener("change", applyFilters);
    })
    .catch(function (e) {
      window.bench.error = "Tabulator page: " + e;
    });

  function columnOf(column) {
    return '[tabulator-field="' + column.field + '"]';
  }

  window.benchAdapter = {
    /** Tabulator shows rows once the whole file is parsed. */
    ready: function () {
      return this.rowCount() > 0;
    },
    rowCount: function () {
      return document.querySelectorAll("#table .tabulator-row").length;
    },
    resultCount: function () {
      return Number(count.textContent.split(" sur ")[0].replace(/\D/g, ""));
    },
    columnTexts: function (column) {
      var cells = document.querySelectorAll("#table .tabulator-row .tabulator-cell" + columnOf(column));
      return Array.prototype.map.call(cells, function (cell) {
        return cell.textContent.trim();
      });
    },
    sortState: function (column) {
      var header = document.querySelector("#table .tabulator-col" + columnOf(column));
      return header ? header.getAttribute("aria-sort") : "none";
    },
    headers: function () {
      return Array.prototype.map.call(document.querySelectorAll("#table .tabulator-col-title"), function (t) {
        return t.textContent.trim();
      });
    },
    scroller: function () {
      return document.querySelector("#table .tabulator-tableholder");
    },
    observed: function () {
      return [document.body];
    },
    wasmBytes: function () {
      return Promise.resolve(0);
    },
  };
})();
