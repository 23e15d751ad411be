// The places map loads Leaflet (served by us) and then the tiles only after the reader clicks "Show
// map": until then the page sends nothing to the tile server. The list stays the main content.
(function () {
  "use strict";

  var REGION_CENTRE = [53.65, 10.95];
  var REGION_ZOOM = 8;

  var box = document.querySelector("[data-places-map]");
  if (!box || !window.fetch || !window.Promise) {
    return;
  }
  var button = box.querySelector("[data-places-map-show]");
  var canvas = box.querySelector("[data-places-map-canvas]");
  var status = box.querySelector("[data-places-map-status]");
  var help = box.querySelector("[data-places-map-help]");
  var data = box.dataset;
  if (!button || !canvas || !status || !data.geojsonUrl || !data.tileUrl) {
    return;
  }
  box.hidden = false;

  function loadScript(url) {
    if (window.L) {
      return Promise.resolve();
    }
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

  function loadPlaces(url) {
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error("GeoJSON request failed: " + response.status);
      }
      return response.json();
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

  function popupContent(properties) {
    var content = document.createElement("div");
    var title = document.createElement("p");
    var link = document.createElement("a");
    var meta = document.createElement("p");
    title.className = "places-map__popup-title";
    link.href = properties.url;
    link.textContent = properties.title;
    title.appendChild(link);
    meta.className = "places-map__popup-meta";
    meta.textContent = [properties.kind, properties.municipality].filter(Boolean).join(" · ");
    content.appendChild(title);
    content.appendChild(meta);
    return content;
  }

  function showMap(places) {
    var L = window.L;
    if (canvas.classList.contains("leaflet-container")) {
      return;
    }
    canvas.hidden = false;
    if (help) {
      help.hidden = false;
    }
    var map = L.map(canvas, { zoomControl: false, scrollWheelZoom: false });
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
    L.tileLayer(data.tileUrl, {
      attribution: escapeHtml(data.attribution || ""),
      maxZoom: 19,
      // The site sends no referrer elsewhere, but tile servers such as OpenStreetMap's refuse
      // requests without one: they get our origin, never the page's address.
      referrerPolicy: "strict-origin",
    }).addTo(map);

    var icon = L.icon({
      iconUrl: data.markerIcon,
      iconRetinaUrl: data.markerIcon2x,
      shadowUrl: data.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var markers = L.geoJSON(places, {
      pointToLayer: function (feature, latlng) {
        var title = feature.properties.title;
        return L.marker(latlng, { icon: icon, title: title, alt: title, keyboard: true });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popupContent(feature.properties));
        marker.on("popupopen", function (event) {
          var element = event.popup.getElement();
          var close = element.querySelector(".leaflet-popup-close-button");
          if (close) {
            close.setAttribute("aria-label", data.textClose);
          }
          var link = element.querySelector("a[href]:not(.leaflet-popup-close-button)");
          if (link) {
            link.focus({ preventScroll: true });
          }
        });
        marker.on("popupclose", function (event) {
          var element = event.popup.getElement();
          if (element && element.contains(document.activeElement)) {
            marker.getElement().focus({ preventScroll: true });
          }
        });
      },
    }).addTo(map);

    canvas.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        map.closePopup();
      }
    });

    if (markers.getLayers().length) {
      map.fitBounds(markers.getBounds(), { padding: [32, 32], maxZoom: 13 });
    } else {
      map.setView(REGION_CENTRE, REGION_ZOOM);
    }
    button.hidden = true;
    status.textContent = "";
    canvas.focus();
  }

  var leaflet = null;

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = data.textLoading;
    leaflet = leaflet || Promise.all([loadStylesheet(data.leafletCss), loadScript(data.leafletJs)]);
    Promise.all([leaflet, loadPlaces(data.geojsonUrl)])
      .then(function (results) {
        showMap(results[1]);
      })
      .catch(function () {
        leaflet = null;
        status.textContent = data.textFailed;
        button.disabled = false;
      });
  });
})();
