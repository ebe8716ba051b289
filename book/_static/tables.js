/* Filter and sort the book's tables in the browser (tables made with
   dltrends.display.tables.show(..., filterable=True)), and download the data of a
   chart as CSV (links made by dltrends.render). Offline, no library. */
(function () {
  "use strict";
  function cellValue(cell) {
    if (cell.dataset.value !== undefined) return parseFloat(cell.dataset.value);
    return cell.textContent.trim().toLowerCase();
  }
  function setUp(table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var controls = document.createElement("div");
    controls.className = "dltrends-table-controls";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Filter rows";
    search.setAttribute("aria-label", "Filter the rows of the table");
    controls.appendChild(search);
    var selects = [];
    (table.dataset.filters || "").split(",").filter(Boolean).forEach(function (name) {
      var index = heads.findIndex(function (th) { return th.dataset.column === name; });
      if (index < 0) return;
      var values = Array.from(new Set(rows.map(function (r) { return r.cells[index].textContent; }))).sort();
      var select = document.createElement("select");
      select.setAttribute("aria-label", heads[index].textContent);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "every " + heads[index].textContent;
      select.appendChild(all);
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      select.dataset.index = index;
      controls.appendChild(select);
      selects.push(select);
    });
    var count = document.createElement("span");
    count.className = "dltrends-table-count";
    controls.appendChild(count);
    function apply() {
      var needle = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
        selects.forEach(function (s) {
          if (s.value && row.cells[+s.dataset.index].textContent !== s.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    search.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    heads.forEach(function (th, index) {
      th.classList.add("sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[index]), y = cellValue(b.cells[index]);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    var box = table.closest(".dltrends-table-box") || table;
    box.parentNode.insertBefore(controls, box);
    apply();
  }
  function init() {
    document.querySelectorAll("table.dltrends-table[data-filterable]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  /* A chart's data as CSV, made on click from the spec the chart was drawn from, so a
     page carries its data once. Columns in order of first appearance. */
  function csvField(value) {
    if (value === null || value === undefined) return "";
    var text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function toCsv(rows) {
    var columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) columns.push(key); });
    });
    var lines = [columns.map(csvField).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (c) { return csvField(row[c]); }).join(","));
    });
    return lines.join("\n") + "\n";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.dltrends-chart-csv");
    if (!link) return;
    var chart = document.getElementById(link.dataset.chart);
    var spec = chart && chart.dltrendsSpec;
    if (!spec) return;
    var rows = link.dataset.dataset ? spec.datasets[link.dataset.dataset] : (spec.data || {}).values;
    if (link.href && link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([toCsv(rows || [])], {type: "text/csv"}));
  });
})();
