// Search with Pagefind. This script and the index are loaded only on /search/.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = script.getAttribute("data-bundle");
  var base = script.getAttribute("data-base");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var resultsBox = document.getElementById("search-results");
  var filtersBox = document.getElementById("search-filters");
  var selects = {
    outcome: document.getElementById("filter-outcome"),
    region: document.getElementById("filter-region"),
    type: document.getElementById("filter-type")
  };
  var pagefind = null;
  var timer = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: base }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function fillFilters(pf) {
    return pf.filters().then(function (available) {
      Object.keys(selects).forEach(function (name) {
        var select = selects[name];
        var values = Object.keys(available[name] || {}).sort();
        var chosen = new URLSearchParams(location.search).get(name) || "";
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          if (value === chosen) { option.selected = true; }
          select.appendChild(option);
        });
      });
      filtersBox.hidden = false;
    });
  }

  function chosenFilters() {
    var filters = {};
    Object.keys(selects).forEach(function (name) {
      if (selects[name].value) { filters[name] = selects[name].value; }
    });
    return filters;
  }

  function render(query, results, total) {
    resultsBox.textContent = "";
    if (!total) {
      status.textContent = "No results for \u201c" + query + "\u201d. Try another word, or browse all local areas from A to Z.";
      return;
    }
    status.textContent = total + (total === 1 ? " result" : " results") + " for \u201c" + query + "\u201d" +
      (total > results.length ? ", showing the first " + results.length : "") + ".";
    var list = document.createElement("ol");
    list.className = "search-results";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      if (data.meta && data.meta.type) {
        var type = document.createElement("p");
        type.className = "muted";
        type.textContent = data.meta.type;
        item.appendChild(type);
      }
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes page text; only <mark> is added
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    resultsBox.appendChild(list);
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    Object.keys(chosenFilters()).forEach(function (k) { params.set(k, chosenFilters()[k]); });
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
    if (!query) {
      resultsBox.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "Searching\u2026";
    load().then(function (pf) {
      return pf.search(query, { filters: chosenFilters() });
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (data) { return [data, search.results.length]; });
    }).then(function (pair) {
      if (ticket === latest) { render(query, pair[0], pair[1]); }
    }).catch(function () {
      status.textContent = "Search is not available right now. You can browse all local areas from A to Z instead.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  Object.keys(selects).forEach(function (name) { selects[name].addEventListener("change", run); });

  var initial = new URLSearchParams(location.search).get("q");
  load().then(fillFilters).then(function () {
    if (initial) {
      input.value = initial;
      run();
    }
  }).catch(function () {
    status.textContent = "Search is not available right now. You can browse all local areas from A to Z instead.";
  });
})();
