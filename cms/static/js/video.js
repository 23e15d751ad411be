// Videos load from their host only after the reader clicks: until then the page sends nothing there.
(function () {
  "use strict";
  document.querySelectorAll("[data-video]").forEach(function (figure) {
    var button = figure.querySelector("[data-video-load]");
    var consent = figure.querySelector(".video__consent");
    if (!button || !consent || !figure.dataset.embedUrl) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.dataset.embedUrl;
      frame.title = figure.dataset.title;
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.className = "video__frame";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      consent.replaceWith(frame);
      frame.focus();
    });
  });
})();
