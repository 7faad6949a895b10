// Live ingest progress on the publisher's page. Without JavaScript the page shows the
// state at load time and a link to refresh it.
(function () {
  "use strict";
  var heading = document.querySelector("[data-progress-url]");
  if (!heading || !document.querySelector("progress")) { return; }
  var url = heading.getAttribute("data-progress-url");

  function update(file) {
    var box = document.querySelector('[data-ingest-file="' + file.id + '"]');
    if (!box) { return; }
    var bar = box.querySelector("progress");
    if (bar && file.percent !== null) { bar.value = file.percent; bar.textContent = file.percent + "%"; }
    var stage = box.querySelector("[data-ingest-stage]");
    if (stage) { stage.textContent = file.stage; }
    var rows = box.querySelector("[data-ingest-rows]");
    if (rows) { rows.textContent = file.rows_read.toLocaleString(document.documentElement.lang); }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.files.forEach(update);
        var running = data.files.some(function (f) { return !f.finished; });
        if (running) { window.setTimeout(poll, 2000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();
