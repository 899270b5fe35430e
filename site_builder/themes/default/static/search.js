// Search with Pagefind. This script and the index are loaded only on /search/.
// A search never dead-ends: a postcode, or a search that finds no local area, puts
// "Other ways to find your local area" (GOV.UK's Find your local council, Which area am I in?, A to Z) first.
(function () {
  "use strict";
  var PAGE = 20;
  var script = document.currentScript;
  var bundle = script.getAttribute("data-bundle");
  var base = script.getAttribute("data-base");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var resultsBox = document.getElementById("search-results");
  var filtersBox = document.getElementById("search-filters");
  var wayOn = document.getElementById("search-way-on");
  var reason = document.getElementById("way-on-reason");
  var more = document.getElementById("search-more");
  var moreButton = more.querySelector("button");
  var selects = {
    outcome: document.getElementById("filter-outcome"),
    region: document.getElementById("filter-region"),
    type: document.getElementById("filter-type")
  };
  var AREA = "Local area"; // the type filter of an area page (partials/_area_search_meta.html)
  // A UK postcode, whole ("TQ1 1AA") or its first half ("TQ1").
  var POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?(\s*[0-9][A-Z]{2})?$/i;
  var pagefind = null;
  var timer = null;
  var latest = 0;
  var current = null; // {query, label, results, shown, list}

  form.hidden = false;

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
      var chosen = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (name) {
        var select = selects[name];
        Object.keys(available[name] || {}).sort().forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value; // every filter value is written in words by the templates
          if (value === chosen.get(name)) { option.selected = true; }
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

  function quoted(query) { return "\u201c" + query + "\u201d"; }

  // Put the other ways to find an area first, saying why, or take them away when an area was found.
  function showWayOn(why) {
    reason.textContent = why || "";
    reason.hidden = !why;
    wayOn.hidden = false;
  }

  function clear() {
    resultsBox.textContent = "";
    more.hidden = true;
    current = null;
  }

  function item(data) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    if (data.meta && data.meta.type) {
      var type = document.createElement("p");
      type.className = "muted";
      type.textContent = data.meta.type;
      li.appendChild(type);
    }
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes page text; only <mark> is added
    li.appendChild(excerpt);
    return li;
  }

  function isArea(data) {
    return ((data.filters && data.filters.type) || []).indexOf(AREA) !== -1;
  }

  // Whether a result matches a word of the query itself, not just its start: Pagefind answers "Torquay" with
  // every page that has "to" in it, and an area found that way is not the parent's area.
  function matchesQuery(data, query) {
    var wanted = query.toLowerCase().split(/[^a-z0-9']+/).filter(function (w) { return w.length > 2; });
    var found = ((data.meta && data.meta.title) || "").toLowerCase().split(/[^a-z0-9']+/);
    (data.excerpt.match(/<mark>[^<]*<\/mark>/g) || []).forEach(function (m) { found.push(m.slice(6, -7).toLowerCase()); });
    return wanted.some(function (w) {
      return found.some(function (f) { return f.indexOf(w) === 0 || (w.indexOf(f) === 0 && f.length >= w.length - 2); });
    });
  }

  function say() {
    var total = current.results.length;
    status.textContent = (current.partial ? "No page contains " + quoted(current.query) + ". " : "") +
      total + (total === 1 ? " result" : " results") + " " +
      (current.partial ? (total === 1 ? "matches" : "match") + " only part of it" : current.label) +
      (total > current.shown ? ", showing the first " + current.shown : "") + ".";
    more.hidden = total <= current.shown;
  }

  // Show the next PAGE results; `focus` moves focus to the first of them (after "Show more results").
  function showMore(ticket, focus) {
    var from = current.shown;
    var page = current.results.slice(from, from + PAGE);
    return Promise.all(page.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== latest) { return; }
      if (!current.list) {
        current.list = document.createElement("ol");
        current.list.className = "search-results";
        resultsBox.appendChild(current.list);
      }
      data.forEach(function (d) { current.list.appendChild(item(d)); });
      current.shown = from + data.length;
      if (from === 0 && current.query) {
        var matching = data.filter(function (d) { return matchesQuery(d, current.query); });
        current.partial = !matching.length;
        if (matching.some(isArea)) {
          wayOn.hidden = true;
        } else {
          showWayOn("No local area matches " + quoted(current.query) + ". If you are looking for your area, " +
            "find the council that covers you:");
        }
      }
      say();
      if (focus && data.length) { current.list.children[from].querySelector("a").focus(); }
    });
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
    clear();
    if (query && POSTCODE.test(query)) {
      status.textContent = quoted(query) + " looks like a postcode. This site cannot search by postcode.";
      showWayOn("Find your council from your postcode on GOV.UK, then come back and search for its name:");
      return;
    }
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      showWayOn("");
      return;
    }
    status.textContent = "Searching\u2026";
    load().then(function (pf) {
      return pf.search(query || null, { filters: filters });
    }).then(function (search) {
      if (ticket !== latest) { return; }
      var label = query ? "for " + quoted(query) : "for the filters you chose";
      current = { query: query, label: label, results: search.results, shown: 0, list: null };
      if (!search.results.length) {
        status.textContent = "No results " + label + ". Try other words, or one of the other ways to find your area.";
        showWayOn(query ? "Nothing on this site matches " + quoted(query) + ". If it is a town or a village, " +
          "find the council that covers it:" : "");
        return;
      }
      return showMore(ticket, false);
    }).catch(function () {
      status.textContent = "Search is not available right now. The links below find your local area without it.";
      showWayOn("");
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
  moreButton.addEventListener("click", function () {
    if (current) { showMore(latest, true); }
  });

  var initial = new URLSearchParams(location.search);
  load().then(fillFilters).then(function () {
    if (initial.get("q")) { input.value = initial.get("q"); }
    if (initial.get("q") || Object.keys(chosenFilters()).length) { run(); }
  }).catch(function () {
    status.textContent = "Search is not available right now. The links below find your local area without it.";
  });
})();
