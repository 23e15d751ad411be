// What the maps of the site share (places-map.js, location-picker.js): loading the vendored
// Leaflet on request and the tile layer. Nothing here runs until a reader asks for a map.
(function () {
  "use strict";

  var leaflet = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadStylesheet(url) {
    return new Promise(function (resolve, reject) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = url;
      link.onload = resolve;
      link.onerror = reject;
      document.head.appendChild(link);
    });
  }

  // Leaflet writes the attribution as HTML; ours is plain text from the settings.
  function escapeHtml(text) {
    return text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  window.LandvorteilMaps = {
    REGION_CENTRE: [53.65, 10.95],
    REGION_ZOOM: 8,

    // Leaflet's script and stylesheet (data-leaflet-js, data-leaflet-css), loaded once.
    loadLeaflet: function (data) {
      if (window.L) {
        return Promise.resolve();
      }
      leaflet =
        leaflet ||
        Promise.all([loadStylesheet(data.leafletCss), loadScript(data.leafletJs)]).catch(
          function (error) {
            leaflet = null;
            throw error;
          }
        );
      return leaflet;
    },

    // A map in `canvas` with our zoom buttons and the tile layer of data-tile-url.
    createMap: function (canvas, data) {
      var L = window.L;
      var map = L.map(canvas, { zoomControl: false, scrollWheelZoom: false });
      L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
      L.tileLayer(data.tileUrl, {
        attribution: escapeHtml(data.attribution || ""),
        maxZoom: 19,
        // The site sends no referrer elsewhere, but tile servers such as OpenStreetMap's refuse
        // requests without one: they get our origin, never the page's address.
        referrerPolicy: "strict-origin",
      }).addTo(map);
      return map;
    },

    markerIcon: function (data) {
      return window.L.icon({
        iconUrl: data.markerIcon,
        iconRetinaUrl: data.markerIcon2x,
        shadowUrl: data.markerShadow,
        iconSize: [25, 41],
        iconAnchor: [12, 41],
        popupAnchor: [1, -34],
        shadowSize: [41, 41],
      });
    },
  };
})();
