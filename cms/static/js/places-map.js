// The places map loads Leaflet (served by us) and then the tiles only after the reader clicks "Show
// map": until then the page sends nothing to the tile server. The list stays the main content.
(function () {
  "use strict";

  var maps = window.LandvorteilMaps;
  var box = document.querySelector("[data-places-map]");
  if (!box || !maps || !window.fetch || !window.Promise) {
    return;
  }
  var button = box.querySelector("[data-places-map-show]");
  var canvas = box.querySelector("[data-places-map-canvas]");
  var status = box.querySelector("[data-places-map-status]");
  var help = box.querySelector("[data-places-map-help]");
  var legend = box.querySelector("[data-places-map-legend]");
  var data = box.dataset;
  if (!button || !canvas || !status || !data.geojsonUrl || !data.tileUrl) {
    return;
  }
  box.hidden = false;

  function loadPlaces(url) {
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error("GeoJSON request failed: " + response.status);
      }
      return response.json();
    });
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

  // The marker of a kind: the legend's symbol of it (our own inline SVG, cms/maps.py), so that
  // markers differ by shape and colour exactly as the legend says.
  function symbolIcon(kind) {
    var symbol = legend && kind && legend.querySelector('[data-marker-symbol="' + kind + '"]');
    if (!symbol) {
      return null;
    }
    return window.L.divIcon({
      html: symbol.outerHTML,
      className: "map-marker",
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -12],
    });
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
    if (legend) {
      legend.hidden = false;
    }
    var map = maps.createMap(canvas, data);
    var icons = {};
    var markers = L.geoJSON(places, {
      pointToLayer: function (feature, latlng) {
        var properties = feature.properties;
        var kind = properties.marker || "";
        if (!icons[kind]) {
          icons[kind] = symbolIcon(kind) || maps.markerIcon(data);
        }
        // The title names the kind too, as the marker's shape does for those who see it.
        var title = [properties.title, properties.kind].filter(Boolean).join(" – ");
        return L.marker(latlng, { icon: icons[kind], title: title, alt: title, keyboard: true });
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
      map.setView(maps.REGION_CENTRE, maps.REGION_ZOOM);
    }
    button.hidden = true;
    status.textContent = "";
    canvas.focus();
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = data.textLoading;
    Promise.all([maps.loadLeaflet(data), loadPlaces(data.geojsonUrl)])
      .then(function (results) {
        showMap(results[1]);
      })
      .catch(function () {
        status.textContent = data.textFailed;
        button.disabled = false;
      });
  });
})();
