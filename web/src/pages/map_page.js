// The map page: filters and saved views, the map with the server's
// clusters for the visible extent, the timeline, and the selected incident.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import L from 'leaflet';
import { get, query } from '../api.js';
import { createMap } from '../map.js';
import { createTimeline } from '../timeline.js';
import { apiFilters, deleteView, saveView, savedViews, viewUrl } from '../view.js';
import { CATEGORIES, CORROBORATION, STATES, words } from '../format.js';
import { IncidentPanel } from './incident.js';
import { PatrolList, PatrolPanel } from './patrols.js';

export function MapPage({ ctx }) {
  const { view, navigate, mission, zones, events } = ctx;
  const mapEl = useRef(null);
  const timelineEl = useRef(null);
  const mapRef = useRef(null);
  const timelineRef = useRef(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [total, setTotal] = useState(null);
  const [mapError, setMapError] = useState('');
  const abort = useRef(null);

  const loadIncidents = () => {
    const m = mapRef.current && mapRef.current.map;
    if (!m) return;
    const b = m.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(5)).join(',');
    if (abort.current) abort.current.abort();
    abort.current = new AbortController();
    get(`/v1/incidents/map${query({ bbox, zoom: m.getZoom(), ...apiFilters(viewRef.current) })}`, { signal: abort.current.signal })
      .then((fc) => {
        mapRef.current.setIncidents(fc);
        setTotal(fc.total);
        setMapError('');
      })
      .catch((e) => e.name !== 'AbortError' && setMapError(e.message));
  };

  const loadTimeline = () => {
    const { from, to, ...rest } = apiFilters(viewRef.current);
    get(`/v1/incidents/timeline${query({ ...rest, bins: 120 })}`)
      .then((t) => timelineRef.current && timelineRef.current.render(t))
      .catch((e) => setMapError(e.message));
  };

  useEffect(() => {
    const created = createMap(mapEl.current, {
      onMove: (m) => {
        const c = m.getCenter();
        navigate({ at: { lat: c.lat, lon: c.lng, zoom: m.getZoom() } }, true);
        loadIncidents();
      },
      onSelect: (id) => navigate({ page: 'incident', incident: id }),
    });
    mapRef.current = created;
    created.setMission(zones, mission.places || [], mission.parties || []);
    if (view.at) created.map.setView([view.at.lat, view.at.lon], view.at.zoom);
    else {
      const area = zones.features.find((f) => f.properties.kind === 'deescalation_area') || zones.features[0];
      const bounds = area ? L.geoJSON(area).getBounds() : null;
      if (bounds) created.map.fitBounds(bounds, { padding: [10, 10] });
      else created.map.setView([0, 0], 3);
    }
    timelineRef.current = createTimeline(timelineEl.current, { onRange: (from, to) => navigate({ from, to }, false) });
    return () => {
      timelineRef.current.destroy();
      created.map.remove();
    };
  }, []);

  const filterKey = JSON.stringify([view.filters, view.from, view.to]);
  useEffect(() => {
    loadIncidents();
    loadTimeline();
  }, [filterKey]);

  // Live: a new or changed incident or review redraws what is on screen.
  useEffect(() => {
    if (!events.last || events.last.name === 'presence') return undefined;
    const t = setTimeout(() => {
      loadIncidents();
      loadTimeline();
    }, 300);
    return () => clearTimeout(t);
  }, [events.seq]);

  useEffect(() => {
    if (mapRef.current) mapRef.current.map.invalidateSize();
  }, [view.page]);

  // The corridor's coverage over the period, drawn while patrols are shown.
  const onPatrols = view.page === 'patrols' || view.page === 'patrol';
  // And the airspace: the notices and the flights seen.
  const [coverage, setCoverage] = useState(null);
  const [airspace, setAirspace] = useState(null);
  useEffect(() => {
    if (!onPatrols) {
      if (mapRef.current) {
        mapRef.current.setCoverage(coverage, false);
        mapRef.current.setAirspace(airspace, false);
      }
      return undefined;
    }
    let gone = false;
    const range = query({ from: view.from, to: view.to });
    Promise.all([get(`/v1/patrols/coverage${range}`), get(`/v1/airspace/notices${range}`)])
      .then(([c, a]) => {
        if (gone) return;
        setCoverage(c);
        setAirspace(a);
        mapRef.current.setCoverage(c, true);
        mapRef.current.setAirspace(a, true);
      })
      .catch((e) => !gone && setMapError(e.message));
    return () => { gone = true; };
  }, [onPatrols, view.from, view.to, events.seq]);

  const setFilter = (name, value) => navigate({ filters: { ...view.filters, [name]: value } });
  const select = (name, label, options) => html`<label>${label}
    <select name=${name} value=${view.filters[name] || ''} onChange=${(e) => setFilter(name, e.target.value)}>
      <option value="">any</option>
      ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
    </select></label>`;

  return html`<div class="map-layout">
    <aside class="filters" aria-label="Filters">
      <h2>Incidents ${total !== null && html`<span class="count" data-total=${total}>${total}</span>`}</h2>
      ${select('category', 'Category', CATEGORIES.map((c) => [c, words(c)]))}
      ${select('responsible', 'Responsible', (mission.parties || []).map((p) => [p.id, `${p.id} — ${p.name}`]))}
      ${select('state', 'Review state', STATES.map((s) => [s, s]))}
      ${select('corroboration', 'Corroboration', CORROBORATION.map((c) => [c, words(c)]))}
      ${select('zone', 'Zone', zones.features.map((f) => [f.id, f.properties.name || f.id]))}
      ${select('clause', 'Clause', (mission.clauses || []).map((c) => [c.id, `${c.id} (${c.kind})`]))}
      <label class="check"><input type="checkbox" name="contested" checked=${view.filters.contested === 'true'}
        onChange=${(e) => setFilter('contested', e.target.checked ? 'true' : '')} /> contested only</label>
      <div class="range">
        ${view.from || view.to ? html`<span>From ${view.from || 'the start'} to ${view.to || 'now'}</span>
          <button class="link" onClick=${() => navigate({ from: '', to: '' })}>whole period</button>` : html`<span>Drag across the timeline to pick a period.</span>`}
      </div>
      <button class="link" onClick=${() => navigate({ filters: {}, from: '', to: '' })}>Clear filters</button>
      <${SavedViews} view=${view} />
      <${Legend} />
      ${mapError && html`<p class="error" role="alert">${mapError}</p>`}
    </aside>
    <section class="map-area">
      <div class="map" ref=${mapEl} data-testid="map"></div>
      <div class="timeline" ref=${timelineEl} aria-label="Timeline"></div>
    </section>
    ${view.page === 'patrols' && html`<${PatrolList} ctx=${ctx} coverage=${coverage} airspace=${airspace} />`}
    ${view.page === 'patrol' && html`<${PatrolPanel} ctx=${ctx} id=${view.patrol} zoom=${view.at && view.at.zoom}
      onDetail=${(d, fit) => mapRef.current && mapRef.current.setPatrol(d, { fit })}
      onClose=${() => navigate({ page: 'patrols', patrol: null })} />`}
    ${view.page === 'incident' && html`<${IncidentPanel} ctx=${ctx} id=${view.incident} onGeometry=${(g) => mapRef.current && mapRef.current.setSelection(g)}
      onClose=${() => { mapRef.current && mapRef.current.setSelection(null); navigate({ page: 'map', incident: null }); }} />`}
  </div>`;
}

function SavedViews({ view }) {
  const [views, setViews] = useState(savedViews());
  const [name, setName] = useState('');
  return html`<details class="saved-views">
    <summary>Saved views (${views.length})</summary>
    <ul>${views.map((v) => html`<li><a href=${v.url}>${v.name}</a>
      <button class="link" title="Forget this view" onClick=${() => setViews(deleteView(v.name))}>×</button></li>`)}</ul>
    <form onSubmit=${(e) => { e.preventDefault(); if (name.trim()) { setViews(saveView(name.trim(), viewUrl({ ...view, page: 'map', incident: null }))); setName(''); } }}>
      <input name="view-name" placeholder="Name this view" value=${name} maxlength="80" onInput=${(e) => setName(e.target.value)} />
      <button type="submit">Save</button>
    </form>
  </details>`;
}

function Legend() {
  return html`<details class="legend" open>
    <summary>Legend</summary>
    <ul>
      ${STATES.map((s) => html`<li><span class=${`swatch state-${s}`}></span>${s}</li>`)}
      <li><span class="shape circle"></span>jointly verified</li>
      <li><span class="shape diamond"></span>technical means</li>
      <li><span class="shape square"></span>corroborated</li>
      <li><span class="shape triangle"></span>single source</li>
      <li><span class="cluster-sample">12</span>a cluster: click to zoom in</li>
    </ul>
  </details>`;
}
