/* Voting without a page reload. Without this script the poll form posts and the page comes back
   with a message; with it, the same form is sent with fetch, asking for JSON, and the poll is
   replaced by its new state (results included); the status line (role="status") announces the
   outcome and the focus moves to it. Loaded once per poll on a page: it registers only once. */
(function () {
  "use strict";
  if (window.landvorteilPolls) return;
  window.landvorteilPolls = true;

  function send(event) {
    var form = event.target.closest("[data-poll-form]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    var poll = form.closest("[data-poll]");
    var button = form.querySelector("button[type=submit]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (button) {
      // One vote at a time: a double click sends it once.
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
    }
    window.fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: new FormData(form)
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      if (!data.html) throw new Error("no poll");
      var wrapper = document.createElement("div");
      wrapper.innerHTML = data.html;
      var fresh = wrapper.querySelector("[data-poll]");
      poll.replaceWith(fresh);
      var status = fresh.querySelector("[data-poll-status]");
      if (status) {
        status.setAttribute("tabindex", "-1");
        status.focus();
      }
    }).catch(function () {
      // Network trouble or no JSON: fall back to the ordinary form post.
      if (button) button.disabled = false;
      form.submit();
    });
  }

  document.addEventListener("submit", send);
})();
