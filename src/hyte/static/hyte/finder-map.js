/* The activity finder's map: the results of the page, drawn with Leaflet over the deployment's tile server.
 *
 * The list of results stays the page's content. The map is an extra for those who see it: it is hidden from
 * assistive technology (aria-hidden, set in the page) and holds nothing to focus: markers and zoom buttons are out
 * of the tab order, and the keyboard does not move the map. A marker goes to its activity's page, as the list's
 * link does. The points come from the list itself (data-lat, data-lon), so the map can only show what is listed.
 * Without JavaScript, or if anything here fails, the map stays hidden and the list is all there is.
 */
(function () {
  "use strict";
  var box = document.getElementById("finder-map");
  var items = document.querySelectorAll(".finder-results li[data-lat]");
  if (!box || !window.L || !items.length) {
    return;
  }
  var canvas = box.querySelector(".finder-map-canvas");
  box.hidden = false;
  var map = window.L.map(canvas, {
    keyboard: false,
    scrollWheelZoom: false,
    attributionControl: false, // the attribution is under the map, in the page
    zoomSnap: 0.5
  });
  window.L.tileLayer(canvas.dataset.tiles, {
    maxZoom: 18,
    referrerPolicy: "strict-origin" // the site's origin only: never what the resident searched for
  }).addTo(map);
  var icon = window.L.icon({
    iconUrl: canvas.dataset.icon,
    iconRetinaUrl: canvas.dataset.iconRetina,
    shadowUrl: canvas.dataset.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    shadowSize: [41, 41]
  });
  var points = [];
  items.forEach(function (item) {
    var link = item.querySelector("a");
    var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    if (!link || isNaN(point[0]) || isNaN(point[1])) {
      return;
    }
    var marker = window.L.marker(point, { icon: icon, keyboard: false, title: link.textContent, alt: "" });
    marker.on("click", function () {
      window.location.href = link.href;
    });
    marker.addTo(map);
    points.push(point);
  });
  map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
  canvas.querySelectorAll("a, [tabindex]").forEach(function (element) {
    element.setAttribute("tabindex", "-1");
  });
  canvas.removeAttribute("tabindex");
})();
