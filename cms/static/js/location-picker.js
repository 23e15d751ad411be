// The place picker of the proposal form: after the resident clicks "Choose the place on a map",
// Leaflet (served by us) and then the tiles load; a click or tap on the map sets the latitude and
// longitude fields, which stay the way to enter a place without a map (keyboard, screen reader).
(function () {
  "use strict";

  var maps = window.LandvorteilMaps;
  var box = document.querySelector("[data-location-picker]");
  if (!box || !maps || !window.Promise) {
    return;
  }
  var button = box.querySelector("[data-location-picker-show]");
  var canvas = box.querySelector("[data-location-picker-canvas]");
  var status = box.querySelector("[data-location-picker-status]");
  var help = box.querySelector("[data-location-picker-help]");
  var latitude = document.getElementById(box.dataset.latitudeField);
  var longitude = document.getElementById(box.dataset.longitudeField);
  var data = box.dataset;
  if (!button || !canvas || !status || !latitude || !longitude || !data.tileUrl) {
    return;
  }
  box.hidden = false;

  // The fields take a decimal point (53.89100), as their help text shows.
  function parse(value) {
    var number = parseFloat(String(value).trim());
    return isNaN(number) ? null : number;
  }

  function format(number) {
    return number.toFixed(5);
  }

  function current() {
    var lat = parse(latitude.value);
    var lng = parse(longitude.value);
    return lat === null || lng === null ? null : [lat, lng];
  }

  var map = null;
  var marker = null;

  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = window.L.marker(latlng, {
        icon: maps.markerIcon(data),
        alt: data.textMarker,
        keyboard: false,
      }).addTo(map);
    }
  }

  function showMap() {
    canvas.hidden = false;
    if (help) {
      help.hidden = false;
    }
    map = maps.createMap(canvas, data);
    var start = current();
    if (start) {
      map.setView(start, 14);
      place(start);
    } else {
      map.setView(maps.REGION_CENTRE, maps.REGION_ZOOM);
    }
    map.on("click", function (event) {
      var latlng = event.latlng.wrap();
      latitude.value = format(latlng.lat);
      longitude.value = format(latlng.lng);
      place(latlng);
      status.textContent = data.textSet + " " + latitude.value + "; " + longitude.value;
    });
    // Typed coordinates move the marker, so that the map and the fields always agree.
    [latitude, longitude].forEach(function (field) {
      field.addEventListener("change", function () {
        var typed = current();
        if (typed) {
          place(typed);
          map.panTo(typed);
        }
      });
    });
    button.hidden = true;
    status.textContent = "";
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = data.textLoading;
    maps
      .loadLeaflet(data)
      .then(showMap)
      .catch(function () {
        status.textContent = data.textFailed;
        button.disabled = false;
      });
  });
})();
