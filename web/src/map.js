// The map: Leaflet on its canvas renderer (no WebGL: it draws the same in
// headless Chromium without a GPU and on an old laptop), an offline base map
// from Natural Earth (world-atlas), the mission's own layers, and the
// incidents the server clusters for the visible extent.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature, mesh } from 'topojson-client';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export const STATE_COLOURS = {
  proposed: '#d08c00',
  final: '#2e7d32',
  disputed: '#c62828',
  unverifiable: '#6a5acd',
  superseded: '#9e9e9e',
  none: '#607d8b',
};

// Mission layers, by the zone's kind (docs/MISSION-PACKS.md), with a style each.
const ZONE_LAYERS = [
  { name: 'De-escalation area', kinds: ['deescalation_area'], style: { color: '#37474f', weight: 2, fill: false, dashArray: '6 4' } },
  { name: 'Security corridor', kinds: ['security_corridor'], corridor: true, style: { color: '#f9a825', weight: 1, fillColor: '#fdd835' } },
  { name: 'Patrol route', kinds: ['patrol_route'], style: { color: '#1565c0', weight: 4 } },
  { name: 'Line of contact', kinds: ['contact_line'], style: { color: '#b71c1c', weight: 3, dashArray: '8 5' } },
  { name: 'Withdrawal lines', kinds: ['withdrawal_line'], style: { color: '#6d4c41', weight: 2, dashArray: '2 5' } },
  { name: 'Control areas', kinds: ['control_area'], style: { weight: 1, fillOpacity: 0.12 } },
  { name: 'Protected sites', kinds: ['buffer'], style: { color: '#00838f', weight: 1, fillOpacity: 0.15 } },
];
const PARTY_COLOURS = ['#c62828', '#1565c0', '#6a1b9a', '#ef6c00', '#2e7d32', '#00838f'];

// A line's buffer at `half` metres, drawn as one polygon per segment and a
// circle at each vertex in a pane of its own whose opacity is set once, so
// overlaps do not darken. Metres to degrees locally: at mission scale the
// error is far below a line's width on screen.
function corridorShapes(coords, half, style, pane) {
  const shapes = [];
  for (let i = 0; i + 1 < coords.length; i++) {
    const [lon1, lat1] = coords[i];
    const [lon2, lat2] = coords[i + 1];
    const k = Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
    const dx = (lon2 - lon1) * k;
    const dy = lat2 - lat1;
    const len = Math.hypot(dx, dy) || 1;
    const off = half / 111320;
    const nx = (-dy / len) * off;
    const ny = (dx / len) * off;
    shapes.push(
      L.polygon(
        [
          [lat1 + ny, lon1 + nx / k],
          [lat2 + ny, lon2 + nx / k],
          [lat2 - ny, lon2 - nx / k],
          [lat1 - ny, lon1 - nx / k],
        ],
        { ...style, stroke: false, fillOpacity: 1, pane },
      ),
    );
  }
  for (const [lon, lat] of coords) shapes.push(L.circle([lat, lon], { radius: half, ...style, stroke: false, fillOpacity: 1, pane }));
  return shapes;
}

export function createMap(element, { onMove, onSelect, onMapClick }) {
  const map = L.map(element, { preferCanvas: true, zoomControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 17 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Base map: Natural Earth (world-atlas)');
  const basePane = map.createPane('base');
  basePane.style.zIndex = 150;
  const corridorPane = map.createPane('corridor');
  corridorPane.style.zIndex = 350;
  corridorPane.style.opacity = 0.28;
  // One canvas per pane: the base map below, the mission's layers above.
  const baseCanvas = L.canvas({ padding: 0.3, pane: 'base' });
  const canvas = L.canvas({ padding: 0.3 });
  const overlays = {};
  const control = L.control.layers({}, {}, { collapsed: false, position: 'topright' }).addTo(map);
  const incidents = L.layerGroup().addTo(map);
  const selection = L.layerGroup().addTo(map);

  const base = fetch(countriesUrl)
    .then((r) => r.json())
    .then((world) => {
      L.geoJSON(feature(world, world.objects.land), {
        pane: 'base',
        renderer: baseCanvas,
        style: { color: '#b0a890', weight: 0.6, fillColor: '#f3efe3', fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
      L.geoJSON(mesh(world, world.objects.countries, (a, b) => a !== b), {
        pane: 'base',
        renderer: baseCanvas,
        style: { color: '#8d8677', weight: 1, dashArray: '4 3' },
        interactive: false,
      }).addTo(map);
      element.dataset.basemap = 'loaded';
    })
    .catch(() => {
      element.dataset.basemap = 'failed';
    });

  let partyColour = {};
  function setMission(zones, places, parties) {
    partyColour = {};
    parties.forEach((p, i) => (partyColour[p.id] = PARTY_COLOURS[i % PARTY_COLOURS.length]));
    for (const spec of ZONE_LAYERS) {
      const group = L.layerGroup();
      for (const f of zones.features.filter((z) => spec.kinds.includes(z.properties.kind))) {
        const p = f.properties;
        const style = { ...spec.style };
        if (spec.kinds[0] === 'control_area' && p.party) style.color = style.fillColor = partyColour[p.party] || '#555';
        const label = p.name || p.id;
        if (spec.corridor && f.geometry.type === 'LineString' && p.half_width_m) {
          for (const s of corridorShapes(f.geometry.coordinates, p.half_width_m, style, 'corridor')) group.addLayer(s);
          group.addLayer(L.geoJSON(f, { style: { color: '#9e7700', weight: 2 }, renderer: canvas }).bindTooltip(label));
        } else if (f.geometry.type === 'Point') {
          const [lon, lat] = f.geometry.coordinates;
          group.addLayer(L.circle([lat, lon], { radius: p.half_width_m || 300, ...style, renderer: canvas }).bindTooltip(label));
        } else {
          group.addLayer(L.geoJSON(f, { style, renderer: canvas }).bindTooltip(label));
        }
      }
      if (group.getLayers().length) {
        group.addTo(map);
        overlays[spec.name] = group;
        control.addOverlay(group, spec.name);
      }
    }
    const placeGroup = L.layerGroup();
    for (const p of places) {
      placeGroup.addLayer(
        L.circleMarker([p.lat, p.lon], { radius: p.kind === 'city' ? 4 : 2.5, color: '#333', weight: 1, fillColor: '#fff', fillOpacity: 1, renderer: canvas })
          .bindTooltip(p.name, { permanent: p.kind === 'city', direction: 'right', className: 'place-label' }),
      );
    }
    placeGroup.addTo(map);
    overlays.Places = placeGroup;
    control.addOverlay(placeGroup, 'Places');
    element.dataset.layers = Object.keys(overlays).join('|');
  }

  // The server's answer for the extent: clusters and single incidents.
  function setIncidents(collection) {
    incidents.clearLayers();
    const zoom = map.getZoom();
    for (const f of collection.features || []) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      if (p.cluster) {
        const top = Object.entries(p.states || {}).sort((a, b) => b[1] - a[1])[0];
        const colour = STATE_COLOURS[top ? top[0] : 'none'] || STATE_COLOURS.none;
        const size = Math.min(46, 18 + Math.log2(p.count) * 4);
        const icon = L.divIcon({
          className: 'cluster',
          html: `<span class="cluster-count">${Number(p.count)}</span>`,
          iconSize: [size, size],
        });
        const m = L.marker([lat, lon], { icon, keyboard: false, title: `${p.count} incidents` });
        m.on('click', () => {
          const b = p.bbox;
          if (b) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [30, 30], maxZoom: zoom + 3 });
          else map.setView([lat, lon], zoom + 2);
        });
        m.once('add', () => m.getElement().style.setProperty('--c', colour));
        incidents.addLayer(m);
      } else {
        const colour = STATE_COLOURS[p.state] || STATE_COLOURS.none;
        if (zoom >= 12 && p.uncertainty_m) {
          incidents.addLayer(L.circle([lat, lon], { radius: p.uncertainty_m, color: colour, weight: 1, fillOpacity: 0.08, interactive: false, renderer: canvas }));
        }
        const shape = { jointly_verified: 'circle', confirmed_technical: 'diamond', corroborated: 'square' }[p.corroboration] || 'triangle';
        const icon = L.divIcon({ className: `incident ${shape}`, iconSize: [16, 16] });
        const m = L.marker([lat, lon], { icon, title: `${p.id}: ${p.category} (${p.state})` });
        m.once('add', () => {
          const el = m.getElement();
          el.style.setProperty('--c', colour);
          el.dataset.incident = p.id;
          el.dataset.state = p.state || 'none';
        });
        m.on('click', () => onSelect(p.id));
        incidents.addLayer(m);
      }
    }
    element.dataset.features = String((collection.features || []).length);
  }

  // The selected incident's geometry: what the server worked out (role on
  // each feature: report_place, observer, bearing_ray, distance_band,
  // attribution_sector, firing_point, fused_place).
  function setSelection(geometry) {
    selection.clearLayers();
    if (!geometry || !geometry.features) return;
    const styles = {
      fused_place: { color: '#000', weight: 2, fillOpacity: 0.05 },
      report_place: { color: '#455a64', weight: 1, fillOpacity: 0.1 },
      observer: { color: '#1565c0', weight: 2, fillColor: '#1565c0', fillOpacity: 1 },
      bearing_ray: { color: '#1565c0', weight: 2, dashArray: '6 4' },
      distance_band: { color: '#1565c0', weight: 1, fillOpacity: 0.12 },
      attribution_sector: { color: '#c62828', weight: 1, fillOpacity: 0.15 },
      firing_point: { color: '#c62828', weight: 2, fillColor: '#c62828', fillOpacity: 0.8 },
    };
    L.geoJSON(geometry, {
      renderer: canvas,
      style: (f) => styles[f.properties.role] || { color: '#333' },
      pointToLayer: (f, latlng) => {
        const st = styles[f.properties.role] || {};
        const r = f.properties.uncertainty_m;
        return r && f.properties.role !== 'observer' ? L.circle(latlng, { radius: r, ...st }) : L.circleMarker(latlng, { radius: 5, ...st });
      },
      onEachFeature: (f, layer) => layer.bindTooltip(f.properties.label || f.properties.role),
    }).addTo(selection);
    // Brought into view: the reports' places, the posts and rays, the sector.
    const bounds = selection.getLayers()[0].getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 13 });
    element.dataset.selection = String(geometry.features.length);
  }

  // The corridor's coverage over the period: the road cut where the count
  // of patrols changes, never-reached stretches in red. Switchable, and off
  // until a patrols page turns it on.
  const coverage = L.layerGroup();
  control.addOverlay(coverage, 'Corridor coverage');
  overlays['Corridor coverage'] = coverage;
  function setCoverage(c, show) {
    coverage.clearLayers();
    for (const f of (c && c.layer && c.layer.features) || []) {
      const n = f.properties.patrols;
      const style = n === 0 ? { color: '#c62828', weight: 3, dashArray: '3 5', opacity: 0.9 } : { color: n === 1 ? '#66bb6a' : '#1b5e20', weight: Math.min(12, 4 + 2 * n), opacity: 0.8 };
      const km = `${+Number(f.properties.from_km).toFixed(1)}–${+Number(f.properties.to_km).toFixed(1)} km`;
      coverage.addLayer(L.geoJSON(f, { style, renderer: canvas }).bindTooltip(n === 0 ? `${km}: never reached` : `${km}: ${n} patrol${n === 1 ? '' : 's'}`));
    }
    if (show && !map.hasLayer(coverage)) coverage.addTo(map);
    if (!show && map.hasLayer(coverage)) map.removeLayer(coverage);
    element.dataset.coverage = String(coverage.getLayers().length);
  }

  // Airspace over the period: each notice's area (a route drawn at its
  // notified width), and the flights seen, red where no notice covered them.
  const airspace = L.layerGroup();
  control.addOverlay(airspace, 'Airspace');
  overlays.Airspace = airspace;
  function setAirspace(a, show) {
    airspace.clearLayers();
    for (const n of (a && a.notices) || []) {
      const style = { color: '#00838f', weight: 1, fillColor: '#4dd0e1', fillOpacity: 0.12, dashArray: '4 4' };
      const label = `Notice ${n.notice} (${n.party}): ${n.aircraft}, ${n.altitude_m.min}–${n.altitude_m.max} m`;
      if (n.geometry.type === 'LineString') {
        const c = n.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
        airspace.addLayer(L.polyline(c, { color: '#00838f', weight: 1, dashArray: '4 4', renderer: canvas }).bindTooltip(label));
        for (const s of corridorShapes(n.geometry.coordinates, n.geometry.half_width_m, { ...style, fillOpacity: 1 }, 'corridor')) airspace.addLayer(s);
      } else {
        airspace.addLayer(L.geoJSON(n.geometry, { style, renderer: canvas }).bindTooltip(label));
      }
    }
    for (const f of (a && a.flights) || []) {
      const colour = f.matched ? '#00695c' : '#d50000';
      airspace.addLayer(L.geoJSON(f.line, { style: { color: colour, weight: f.matched ? 2 : 3, opacity: 0.9, dashArray: f.matched ? '2 4' : null }, renderer: canvas })
        .bindTooltip(f.matched ? `Flight ${f.track}: under notice ${f.notices.join(', ') || '(outside the airspace)'}` : `Flight ${f.track} without notice: ${f.reason}`));
      if (!f.matched && f.first_uncovered) {
        const icon = L.divIcon({ className: 'patrol-alert flight-alert', html: '✈', iconSize: [18, 18] });
        const m = L.marker([f.first_uncovered.lat, f.first_uncovered.lon], { icon, title: `Flight ${f.track} without notice: ${f.reason}` });
        m.once('add', () => (m.getElement().dataset.flight = f.track));
        airspace.addLayer(m);
      }
    }
    if (show && !map.hasLayer(airspace)) airspace.addTo(map);
    if (!show && map.hasLayer(airspace)) map.removeLayer(airspace);
    element.dataset.airspace = `${((a && a.notices) || []).length}|${((a && a.flights) || []).filter((f) => !f.matched).length}`;
  }

  // One patrol: its planned route, each vehicle's track, where the newest
  // fix puts it, and its alerts where they were raised.
  const patrol = L.layerGroup().addTo(map);
  function setPatrol(p, { fit = false } = {}) {
    patrol.clearLayers();
    if (!p) {
      delete element.dataset.patrol;
      return;
    }
    if (p.route) {
      patrol.addLayer(L.geoJSON(p.route, { style: { color: '#0d47a1', weight: 3, dashArray: '10 6', opacity: 0.9 }, renderer: canvas })
        .bindTooltip(`Planned route of ${p.patrol}: ${p.route_km} km`));
    }
    const vehicles = {};
    for (const v of (p.plan && p.plan.vehicles) || []) vehicles[v.id] = v;
    for (const f of (p.track && p.track.features) || []) {
      const v = vehicles[f.properties.vehicle] || {};
      const colour = partyColour[v.party] || '#263238';
      patrol.addLayer(L.geoJSON(f, { style: { color: colour, weight: 4, opacity: 0.95 }, renderer: canvas })
        .bindTooltip(`${f.properties.vehicle}: ${f.properties.fixes} fixes`));
      const c = f.geometry.coordinates;
      if (c.length) {
        const [lon, lat] = c[c.length - 1];
        patrol.addLayer(L.circleMarker([lat, lon], { radius: 7, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 1, renderer: canvas })
          .bindTooltip(`${f.properties.vehicle}: newest fix`));
      }
    }
    for (const a of p.alerts || []) {
      if (!a.position) continue;
      const icon = L.divIcon({ className: `patrol-alert alert-${a.kind}`, html: '!', iconSize: [18, 18] });
      const m = L.marker([a.position.lat, a.position.lon], { icon, title: `${a.kind.replace(/_/g, ' ')}: ${a.detail || ''}` });
      m.once('add', () => (m.getElement().dataset.alert = a.kind));
      patrol.addLayer(m);
    }
    element.dataset.patrol = p.patrol;
    element.dataset.track = String(((p.track && p.track.features) || []).reduce((n, f) => n + f.geometry.coordinates.length, 0));
    if (fit && p.route) {
      const b = L.geoJSON(p.route).getBounds();
      if (b.isValid()) map.fitBounds(b, { padding: [30, 30] });
    }
  }

  map.on('moveend', () => onMove(map));
  map.on('click', (e) => onMapClick && onMapClick(e.latlng));
  return { map, base, setMission, setIncidents, setSelection, setCoverage, setAirspace, setPatrol, overlays };
}
