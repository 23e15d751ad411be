/* Supporting without a page reload. Without this script the support form posts and the page
   comes back with a message; with it, the same form is sent with fetch, asking for JSON, and the
   count, the button and a status line (a live region) are updated in place. */
(function () {
  "use strict";

  function update(box, data) {
    var count = box.querySelector("[data-support-count]");
    var status = box.querySelector("[data-support-status]");
    var action = box.querySelector("[data-support-action]");
    var button = box.querySelector("[data-support-button]");
    var label = box.querySelector("[data-support-label]");
    if (count && typeof data.count_label === "string") count.textContent = data.count_label;
    if (action && data.action) action.value = data.action;
    if (label && data.button_label) label.textContent = data.button_label;
    if (button) button.classList.toggle("button--secondary", !!data.supported);
    if (status) {
      // Emptied first so that the same message twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = data.message || ""; }, 50);
    }
  }

  function send(event) {
    var form = event.target.closest("[data-support-form]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    var box = form.closest("[data-support]");
    var button = form.querySelector("[data-support-button]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (button) button.setAttribute("aria-busy", "true");
    // Not form.action: the form's input named "action" shadows that property.
    window.fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: new FormData(form)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.status === 401 && data.login_url) {
          window.location.assign(data.login_url);
          return;
        }
        update(box, data);
      });
    }).catch(function () {
      // Network trouble or no JSON: fall back to the ordinary form post.
      form.submit();
    }).then(function () {
      if (button) button.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("submit", send);
})();
