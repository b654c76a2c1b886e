// Charts: <div class="chart" data-chart-url="..."> (JSON option) or data-chart-json="<id of json_script>".
(function () {
  function render(el, option) {
    if (!window.echarts) return;
    var chart = echarts.init(el, null, { locale: "ZH", renderer: "canvas" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function init(root) {
    (root || document).querySelectorAll("[data-chart-url]").forEach(function (el) {
      if (el.dataset.done) return; el.dataset.done = "1";
      fetch(el.dataset.chartUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
        .then(function (option) { render(el, option); });
    });
    (root || document).querySelectorAll("[data-chart-json]").forEach(function (el) {
      if (el.dataset.done) return; el.dataset.done = "1";
      render(el, JSON.parse(document.getElementById(el.dataset.chartJson).textContent));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
  // Confirm buttons without inline scripts: <button data-confirm="确定？">
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.dataset.confirm)) { e.preventDefault(); e.stopPropagation(); }
  }, true);
})();
// Tree toggles: the first click loads the children (htmx), later clicks fold and unfold them.
(function () {
  document.addEventListener("htmx:afterRequest", function (e) {
    var btn = e.detail.elt;
    if (btn.classList && btn.classList.contains("toggle")) { btn.dataset.loaded = "1"; btn.textContent = "−"; btn.setAttribute("aria-expanded", "true"); }
  });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".tree .toggle");
    if (!btn || !btn.dataset.loaded) return;
    var box = document.querySelector(btn.getAttribute("hx-target"));
    var open = !box.hidden;
    box.hidden = open;
    btn.textContent = open ? "+" : "−";
    btn.setAttribute("aria-expanded", open ? "false" : "true");
  });
})();
