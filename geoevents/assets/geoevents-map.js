/* geoevents map: draws events, places and the map's controls from one JSON record.
 *
 * Safety: every string that comes from input text reaches the page through
 * textContent (or esc() where Leaflet wants HTML, as in the layer control).
 * Nothing here builds HTML from input data, and links are made only for
 * http(s) sources.
 */
(function () {
  "use strict";

  var GE = (window.GeoeventsMap = window.GeoeventsMap || { maps: {} });

  var PRECISION = {
    1: "exact place",
    2: "near the place or part of a region",
    3: "larger area (region or country)",
  };

  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function isWebUrl(value) {
    return /^https?:\/\/[^\s]+$/i.test(String(value || ""));
  }

  function svgGlyph(type) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true">' + type.glyph + "</svg>";
  }

  function markerIcon(type, extra) {
    return L.divIcon({
      className: "ge-marker ge-" + type.key + (extra ? " " + extra : ""),
      html: '<div class="ge-pin" style="background:' + type.colour + '">' + svgGlyph(type) + "</div>",
      iconSize: [26, 26],
      iconAnchor: [13, 13],
      popupAnchor: [0, -12],
      tooltipAnchor: [12, 0],
    });
  }

  // One cluster group for every type, so events of different types at one
  // place spiderfy together; the icon shows each type's share as a ring.
  function clusterIcon(types) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var counts = {};
      cluster.getAllChildMarkers().forEach(function (m) {
        counts[m.options.geType] = (counts[m.options.geType] || 0) + 1;
      });
      var keys = Object.keys(counts);
      var fill;
      if (keys.length === 1) {
        fill = types[keys[0]].colour;
      } else {
        var at = 0, stops = [];
        keys.forEach(function (k) {
          var end = at + (counts[k] / n) * 100;
          stops.push(types[k].colour + " " + at.toFixed(2) + "% " + end.toFixed(2) + "%");
          at = end;
        });
        fill = "conic-gradient(" + stops.join(", ") + ")";
      }
      var size = n < 10 ? 30 : n < 100 ? 36 : 44;
      return L.divIcon({
        className: "ge-cluster" + (keys.length === 1 ? " ge-" + types[keys[0]].key : " ge-mixed"),
        html: '<div style="background:' + fill + '"><span>' + n + "</span></div>",
        iconSize: [size, size],
      });
    };
  }

  // A type's overlay in the layer control: its lines and areas, and (through
  // state.apply) its markers in the shared cluster group.
  var TypeLayer = L.Layer.extend({
    initialize: function (state) { this._state = state; this.shapes = L.featureGroup(); },
    // Leaflet still counts a layer as on the map inside onRemove: keep our own flag.
    onAdd: function (map) { this.switchedOn = true; map.addLayer(this.shapes); this._state.apply(); },
    onRemove: function (map) { this.switchedOn = false; map.removeLayer(this.shapes); this._state.apply(); },
  });

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") return;
    var tr = el("tr", null, null, table);
    el("th", null, label, tr);
    el("td", null, value, tr);
  }

  function joinText(parts, sep) {
    return parts.filter(function (p) { return p; }).join(sep);
  }

  function popupContent(ev, type, data) {
    var box = el("div", "ge-popup");
    var head = el("div", "ge-popup-head", null, box);
    head.style.borderColor = type.colour;
    var badge = el("span", "ge-badge", null, head);
    badge.style.background = type.colour;
    badge.innerHTML = svgGlyph(type); // constant glyph from the type table, not input
    var titles = el("div", "ge-titles", null, head);
    el("div", "ge-type", type.name, titles);
    if (ev.st) el("div", "ge-subtype", ev.st, titles);
    var table = el("table", "ge-fields", null, box);
    row(table, "Date", ev.d);
    row(table, "Place", joinText([ev.loc, ev.adm1, ev.cty], ", "));
    row(table, "Actors", joinText([ev.a1, ev.a2], " vs "));
    row(table, "Associated", ev.aa);
    if (ev.gp) row(table, "Geo-precision", ev.gp + " (" + (PRECISION[ev.gp] || "?") + ")");
    if (ev.fat) row(table, "Fatalities", String(ev.fat)); // 0 (none reported) is left out
    var kind = ev.kind === "line" ? "border or line" : ev.kind === "area" ? "region (shaded)" : ev.kind;
    row(table, "Place kind", kind + (ev.approx ? ", approximate" : ""));
    if (ev.sec === "comments") row(table, "Section", "reader comment");
    if (ev.conf !== undefined) row(table, "Confidence", ev.conf);
    if (ev.bg) row(table, "Status", "background (told for context)");
    if (ev.why) row(table, "Why", ev.why.join("; "));
    if (ev.seg) {
      var quote = el("blockquote", "ge-evidence", null, box);
      ev.seg.forEach(function (run) {
        if (run[1] === "trigger") el("mark", "ge-trigger", run[0], quote).title = "trigger";
        else if (run[1] === "place") el("mark", "ge-place", run[0], quote).title = "place";
        else quote.appendChild(document.createTextNode(run[0]));
      });
    }
    if (ev.src) {
      var src = el("div", "ge-source", "Source: ", box);
      if (isWebUrl(ev.src)) {
        var a = el("a", null, ev.src, src);
        a.href = ev.src;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      } else {
        el("span", null, ev.src, src);
      }
    }
    if (ev.id) el("div", "ge-id", "Event " + ev.id, box);
    return box;
  }

  function tooltipContent(ev, type) {
    return el("span", "ge-tooltip", joinText([type.name, ev.loc, ev.d], " \u00b7 "));
  }

  function placeContent(rec) {
    var box = el("div", "ge-popup");
    el("div", "ge-type", rec.p.name || rec.p.mention || "place", box);
    var table = el("table", "ge-fields", null, box);
    row(table, "Mention", rec.p.mention);
    row(table, "Kind", rec.p.kind);
    row(table, "Feature", rec.p.feature_code);
    row(table, "Country", rec.p.country_code);
    row(table, "Region", rec.p.admin1);
    row(table, "Confidence", rec.p.confidence);
    row(table, "Approximate", rec.p.approximate);
    return box;
  }

  // Shared by every popup: state.fit() sets them to the controls' sizes, so a
  // popup that opens pans clear of the controls (Leaflet keeps Point options by reference).
  var PAN_TOP_LEFT = L.point(20, 20), PAN_BOTTOM_RIGHT = L.point(20, 20);

  function bindInfo(layer, content, tooltip) {
    layer.bindPopup(content, { maxWidth: 380, minWidth: 240,
                               autoPanPaddingTopLeft: PAN_TOP_LEFT, autoPanPaddingBottomRight: PAN_BOTTOM_RIGHT });
    if (tooltip) layer.bindTooltip(tooltip, { direction: "right", sticky: false });
  }

  function baseLayers(map, data, forMinimap) {
    var layers = {};
    if (data.basemap) {
      layers["Countries (Natural Earth)"] = L.geoJSON(data.basemap, {
        pane: forMinimap ? "overlayPane" : "ge-basemap",
        interactive: false,
        attribution: forMinimap ? "" : "Countries: Natural Earth (public domain)",
        style: { color: "#8a8a8a", weight: forMinimap ? 0.5 : 0.8, fillColor: "#f3efe6", fillOpacity: 1 },
      });
    }
    (data.tiles || []).forEach(function (t) {
      layers[t.name] = L.tileLayer(t.url, {
        attribution: forMinimap ? "" : t.attribution,
        maxZoom: t.maxZoom || 19,
        subdomains: t.subdomains || "abc",
      });
    });
    return layers;
  }

  function countryLabels(map, basemap, bases) {
    var labels = [];
    basemap.features.forEach(function (f) {
      if (!f.properties.label || !f.properties.name) return;
      var m = L.marker(f.properties.label, {
        pane: "ge-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "ge-country-label", html: esc(f.properties.name), iconSize: null }),
      });
      labels.push({ marker: m, minZoom: 4 + f.properties.rank });
    });
    var group = L.layerGroup().addTo(map);
    function update() {
      var on = map.hasLayer(bases["Countries (Natural Earth)"]);
      var zoom = map.getZoom();
      labels.forEach(function (l) {
        var show = on && zoom >= l.minZoom;
        if (show && !group.hasLayer(l.marker)) group.addLayer(l.marker);
        else if (!show && group.hasLayer(l.marker)) group.removeLayer(l.marker);
      });
    }
    map.on("zoomend baselayerchange", update);
    map.whenReady(update);
  }

  function control(position, build) {
    var Ctl = L.Control.extend({
      options: { position: position },
      onAdd: function (map) {
        var div = build(map);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      },
    });
    return new Ctl();
  }

  function legend(data, state) {
    return control("bottomright", function (map) {
      var box = el("div", "leaflet-bar ge-legend");
      var title = el("div", "ge-legend-title", "Event types", box);
      title.title = "Show or hide the legend";
      L.DomEvent.on(title, "click", function () { box.classList.toggle("ge-collapsed"); });
      data.types.forEach(function (type, i) {
        var line = el("div", "ge-legend-row ge-legend-toggle", null, box);
        line.title = "Click to show or hide these events";
        var badge = el("span", "ge-badge", null, line);
        badge.style.background = type.colour;
        badge.innerHTML = svgGlyph(type); // constant glyph
        el("span", "ge-legend-name", type.name, line);
        el("span", "ge-count", type.count, line);
        var group = state.types[i].group;
        L.DomEvent.on(line, "click", function () {
          if (map.hasLayer(group)) map.removeLayer(group); else map.addLayer(group);
        });
        map.on("layeradd layerremove", function (e) {
          if (e.layer === group) line.classList.toggle("ge-off", !map.hasLayer(group) || e.type === "layerremove");
        });
      });
      if (!data.types.length) el("div", "ge-legend-row", "No events to show", box);
      var background = data.events.filter(function (ev) { return ev.bg; }).length;
      if (background) {
        var bgRow = el("label", "ge-legend-row ge-background-toggle", null, box);
        var box2 = el("input", null, null, bgRow);
        box2.type = "checkbox";
        box2.checked = state.filter.background;
        el("span", null, " Show background events (" + background + ")", bgRow);
        bgRow.title = "Past events the articles mention for context";
        L.DomEvent.on(box2, "change", function () {
          state.filter.background = box2.checked;
          state.apply();
        });
      }
      var keys = el("div", "ge-legend-keys", null, box);
      el("div", "ge-key-line", "\u2014 border or line event", keys);
      el("div", "ge-key-area", "\u25a7 region-level event (approximate area)", keys);
      if (data.places && data.places.length) el("div", "ge-key-place", "\u25cf resolved place", keys);
      if (data.skipped) el("div", "ge-key-skipped", data.skipped + " event(s) without coordinates not shown", keys);
      return box;
    });
  }

  function addTitle(map, title) {
    var box = el("div", "leaflet-bar ge-title", title, map.getContainer());
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  function fullscreenControl(map) {
    return control("topleft", function () {
      var bar = el("div", "leaflet-bar ge-fullscreen");
      var a = el("a", "ge-fullscreen-button", null, bar);
      a.innerHTML = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="#333" stroke-width="2.2"/></svg>';
      a.href = "#";
      a.title = "Full screen";
      a.setAttribute("role", "button");
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var box = map.getContainer();
        var done = document.fullscreenElement ? document.exitFullscreen() : box.requestFullscreen && box.requestFullscreen();
        if (done && done.catch) done.catch(function () { box.classList.toggle("ge-pseudo-fullscreen"); map.invalidateSize(); });
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return bar;
    });
  }

  function minimap(map, data) {
    var box;
    var ctl = control("bottomleft", function () {
      box = el("div", "leaflet-bar ge-minimap");
      return box;
    });
    ctl.addTo(map);
    var mini = L.map(box, {
      attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false,
    });
    var view = null;
    function sync() {
      mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 0), { animate: false });
      if (view) view.setBounds(map.getBounds());
    }
    sync(); // a view first: vector layers cannot be added to a map without one
    var layers = baseLayers(mini, data, true);
    var first = Object.keys(layers)[0];
    if (first) layers[first].addTo(mini);
    view = L.rectangle(map.getBounds(), { weight: 1.5, color: "#d32f2f", fillOpacity: 0.1, interactive: false }).addTo(mini);
    map.on("moveend zoomend resize", sync);
    mini.on("click", function (e) { map.panTo(e.latlng); });
    sync();
    return mini;
  }

  GE.init = function (map, data) {
    var state = { map: map, data: data, items: [], types: [], places: null, hidden: 0 };
    GE.maps[map.getContainer().id] = state;
    window.geoeventsMap = state;
    if (!isFinite(map.options.maxZoom)) map.options.maxZoom = 18; // clustering needs one
    map.createPane("ge-basemap").style.zIndex = 150;
    map.createPane("ge-areas").style.zIndex = 350;
    if (data.basemap) map.getContainer().classList.add("ge-offline");

    map.createPane("ge-labels").style.zIndex = 380;
    map.getPane("ge-labels").style.pointerEvents = "none";
    var bases = baseLayers(map, data, false);
    if (data.basemap) countryLabels(map, data.basemap, bases);
    var firstBase = Object.keys(bases)[0];
    if (firstBase) bases[firstBase].addTo(map);

    var overlays = {};
    state.cluster = L.markerClusterGroup({
      // few events: cluster only markers (nearly) on top of each other, so they
      // spiderfy on click; many: group neighbours to keep the map readable
      chunkedLoading: true, maxClusterRadius: data.events.length <= 200 ? 12 : 45, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon(data.types),
    });
    state.shownMarkers = 0;
    state.apply = function () {}; // replaced below, once every event is built
    data.types.forEach(function (type, i) {
      var group = new TypeLayer(state);
      group.addTo(map);
      state.types.push({
        type: type, group: group, shapes: group.shapes,
        icons: { point: markerIcon(type), area: markerIcon(type, "ge-area-marker"),
                 comment: markerIcon(type, "ge-comment-marker") },
      });
      var label = '<span class="ge-swatch" style="background:' + type.colour + '"></span>' +
        esc(type.name) + ' <span class="ge-count">(' + type.count + ")</span>";
      overlays[label] = group;
    });

    data.events.forEach(function (ev) {
      var t = state.types[ev.ty];
      var popup = function () { return popupContent(ev, t.type, data); };
      var tip = function () { return tooltipContent(ev, t.type); };
      var item = { ev: ev, t: t, marker: null, shapes: [] };
      if (ev.ll) {
        var icon = ev.sec === "comments" ? t.icons.comment : ev.kind === "area" ? t.icons.area : t.icons.point;
        item.marker = L.marker(ev.ll, { icon: icon, riseOnHover: true, geType: ev.ty });
        bindInfo(item.marker, popup, tip);
      }
      if (ev.geom) {
        var line = L.geoJSON(ev.geom, {
          style: { color: t.type.colour, weight: 5, opacity: 0.85, className: "ge-line ge-" + t.type.key },
          pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 6, color: t.type.colour }); },
        });
        bindInfo(line, popup, tip);
        item.shapes.push(line);
      }
      if (ev.area && data.areas[ev.area]) {
        var area = L.geoJSON(data.areas[ev.area], {
          pane: "ge-areas",
          style: { color: t.type.colour, weight: 1.5, dashArray: "4 4", fillColor: t.type.colour,
                   fillOpacity: 0.12, className: "ge-area ge-" + t.type.key },
        });
        bindInfo(area, popup, tip);
        item.shapes.push(area);
      }
      state.items.push(item);
    });

    if (data.places && data.places.length) {
      state.places = L.featureGroup();
      data.places.forEach(function (rec) {
        var layer = rec.ll
          ? L.circleMarker(rec.ll, { radius: 4, color: "#fff", weight: 1, fillColor: data.placeColour, fillOpacity: 0.9, className: "ge-place" })
          : L.geoJSON(rec.geom, { style: { color: data.placeColour, weight: 2, fill: false, dashArray: "2 4", className: "ge-place" } });
        bindInfo(layer, function () { return placeContent(rec); },
                 function () { return el("span", null, rec.p.name || rec.p.mention || "place"); });
        layer._geRecord = rec;
        state.places.addLayer(layer);
      });
      overlays['<span class="ge-swatch ge-swatch-place"></span>Resolved places <span class="ge-count">(' +
        data.places.length + ")</span>"] = state.places;
      if (!data.events.length) state.places.addTo(map);
    }

    state.filter = { date: null, upTo: false, background: false };
    // Show the events of the types switched on and of the chosen date(s).
    state.apply = function () {
      var f = state.filter;
      var markers = [];
      state.cluster.clearLayers();
      state.types.forEach(function (t) { t.shapes.clearLayers(); });
      var hidden = 0;
      state.items.forEach(function (item) {
        var d = item.ev.d;
        var show = (!item.ev.bg || f.background) && (!f.date || (d && (f.upTo ? d <= f.date : d === f.date)));
        item.shown = !!show;
        if (!show) { hidden++; return; }
        if (!item.t.group.switchedOn) return;
        if (item.marker) markers.push(item.marker);
        item.shapes.forEach(function (s) { item.t.shapes.addLayer(s); });
      });
      state.cluster.addLayers(markers);
      state.shownMarkers = markers.length;
      state.hidden = hidden;
    };
    state.cluster.addTo(map);
    state.apply();

    var layersControl = L.control.layers(Object.keys(bases).length > 1 ? bases : {}, overlays, { collapsed: true });
    layersControl.addTo(map);
    state.layersControl = layersControl;
    var titleBox = data.title ? addTitle(map, data.title) : null;
    fullscreenControl(map).addTo(map);
    searchControl(map, state).addTo(map);
    legend(data, state).addTo(map);
    if (data.dates.length > 1) timeControl(map, state).addTo(map);
    L.control.scale({ position: "bottomleft" }).addTo(map);
    state.minimap = minimap(map, data);
    state.fit = function () {
      if (!data.bounds) return map.setView([20, 0], 2);
      var side = function (corners) {
        var width = 0;
        corners.forEach(function (c) {
          var box = map._controlCorners[c]; // its controls float: measure each one
          if (box) Array.prototype.forEach.call(box.children, function (ctl) {
            width = Math.max(width, ctl.offsetWidth + 10);
          });
        });
        return width + 10;
      };
      var size = map.getSize();
      var left = side(["topleft", "bottomleft"]), right = side(["topright", "bottomright"]);
      if (left + right > size.x * 0.7) { left = right = 20; } // small screens: controls overlap
      var top = titleBox ? titleBox.offsetHeight + 20 : 20;
      PAN_TOP_LEFT.x = left; PAN_TOP_LEFT.y = top;
      PAN_BOTTOM_RIGHT.x = right; PAN_BOTTOM_RIGHT.y = 20;
      map.fitBounds(data.bounds, { paddingTopLeft: [left, top], paddingBottomRight: [right, 20],
                                   maxZoom: 10, animate: false });
    };
    state.fit();
    return state;
  };

  function visibleMatches(state, query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var exact = [], partial = [];
    state.items.forEach(function (item) {
      if (!item.shown || !item.t.group.switchedOn) return;
      var name = (item.ev.loc || "").toLowerCase();
      if (name === q) exact.push(item);
      else if (name && name.indexOf(q) !== -1) partial.push(item);
    });
    return exact.length ? exact : partial;
  }

  function openPlace(map, state, query) {
    var q = query.trim().toLowerCase();
    if (!q || !state.places) return false;
    var hit = null;
    state.places.eachLayer(function (layer) {
      var p = layer._geRecord.p;
      if (!hit && [p.name, p.mention].some(function (n) { return n && n.toLowerCase() === q; })) hit = layer;
    });
    if (!hit) return false;
    map.addLayer(state.places);
    if (hit.getLatLng) map.setView(hit.getLatLng(), Math.max(map.getZoom(), 9));
    else map.fitBounds(hit.getBounds(), { maxZoom: 12 });
    hit.openPopup();
    return true;
  }

  function searchControl(map, state) {
    return control("topleft", function () {
      var box = el("div", "leaflet-bar ge-search");
      var id = map.getContainer().id + "-places";
      var input = el("input", null, null, box);
      input.type = "search";
      input.placeholder = "Search place\u2026";
      input.setAttribute("aria-label", "Search events by place name");
      input.setAttribute("list", id);
      var list = el("datalist", null, null, box);
      list.id = id;
      var names = {};
      state.items.forEach(function (item) { if (item.ev.loc) names[item.ev.loc] = 1; });
      (state.data.places || []).forEach(function (rec) { if (rec.p.name) names[rec.p.name] = 1; });
      Object.keys(names).sort().forEach(function (name) { el("option", null, null, list).value = name; });
      var note = el("div", "ge-search-note", null, box);
      function go() {
        var found = visibleMatches(state, input.value);
        if (!found.length && openPlace(map, state, input.value)) {
          note.textContent = "a resolved place (no event)";
          return;
        }
        note.textContent = input.value.trim() ? (found.length ? found.length + " event(s)" : "no event here") : "";
        if (!found.length) return;
        var first = found[0];
        var bounds = L.latLngBounds([]);
        found.forEach(function (item) {
          if (item.marker) bounds.extend(item.marker.getLatLng());
          item.shapes.forEach(function (s) { bounds.extend(s.getBounds()); });
        });
        if (first.marker) {
          if (found.length > 1) map.fitBounds(bounds, { maxZoom: 12, padding: [40, 40] });
          state.cluster.zoomToShowLayer(first.marker, function () { first.marker.openPopup(); });
        } else if (first.shapes.length) {
          map.fitBounds(bounds, { maxZoom: 12 });
          first.shapes[0].openPopup();
        }
      }
      L.DomEvent.on(input, "change", go);
      L.DomEvent.on(input, "keydown", function (e) { if (e.key === "Enter") go(); });
      state.search = go;
      return box;
    });
  }

  function timeControl(map, state) {
    var dates = state.data.dates;
    return control("bottomleft", function () {
      var box = el("div", "leaflet-bar ge-time");
      var top = el("div", "ge-time-top", null, box);
      var play = el("button", "ge-play", "\u25b6", top);
      play.type = "button";
      play.title = "Play through the dates";
      var label = el("span", "ge-time-label", "All dates (" + dates[0] + " \u2013 " + dates[dates.length - 1] + ")", top);
      var slider = el("input", null, null, box);
      slider.type = "range";
      slider.min = 0;
      slider.max = dates.length;
      slider.value = 0;
      slider.setAttribute("aria-label", "Date");
      var opt = el("label", "ge-time-cumulative", null, box);
      var check = el("input", null, null, opt);
      check.type = "checkbox";
      opt.appendChild(document.createTextNode(" up to this date"));
      function update() {
        var i = Number(slider.value);
        state.filter.date = i ? dates[i - 1] : null;
        state.filter.upTo = check.checked;
        state.apply();
        label.textContent = i ? (check.checked ? "Up to " : "") + dates[i - 1] + " (" + (state.items.length - state.hidden) + " events)"
          : "All dates (" + dates[0] + " \u2013 " + dates[dates.length - 1] + ")";
      }
      var timer = null;
      L.DomEvent.on(slider, "input change", update);
      L.DomEvent.on(check, "change", update);
      L.DomEvent.on(play, "click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
        play.textContent = "\u275a\u275a";
        timer = setInterval(function () {
          slider.value = (Number(slider.value) % dates.length) + 1;
          update();
          if (Number(slider.value) === dates.length) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; }
        }, 1200);
      });
      state.setDate = function (i, upTo) { slider.value = i; check.checked = !!upTo; update(); };
      return box;
    });
  }
})();
