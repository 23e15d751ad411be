// Suggests titles while the visitor types in the search field: the browser's own list
// (<datalist>) shows them, so keyboard and screen readers work as with any input. Without
// JavaScript the search works the same, only without suggestions.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var latest = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var option = document.createElement("option");
      option.value = result.title;
      option.label = result.type;
      list.appendChild(option);
    });
  }

  function ask() {
    var text = input.value.trim();
    if (text.length < 3 || text === latest) {
      return;
    }
    latest = text;
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        if (text === latest) {
          show(data.results || []);
        }
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 200);
  });
})();
