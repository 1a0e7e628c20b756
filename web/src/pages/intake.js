// Intake in the browser: an observer files one report on a form, or checks
// a CSV or JSON Lines file line by line before anything is stored. Each
// report is a register entry signed here with the observer's key.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import L from 'leaflet';
import { createMap } from '../map.js';
import { postEntries, send } from '../api.js';
import { makeEntry } from '../keys.js';
import { CATEGORIES, words } from '../format.js';
import { hasRole } from '../session.js';
import { SignIn } from './chrome.js';

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];

// The mission's offset at a local time, as "+03:00".
function offsetAt(localIso, timeZone) {
  try {
    const d = new Date(`${localIso}:00Z`);
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
    const m = /GMT([+-]\d{2}:\d{2})/.exec(name ? name.value : '');
    return m ? m[1] : '+00:00';
  } catch {
    return '+00:00';
  }
}

export function IntakePage({ ctx }) {
  const officer = ctx.officer;
  const who = officer && officer.who;
  if (!hasRole(who, 'observer')) return html`<p class="boot">Filing reports is for a party's observers: sign in with an observer's key.</p>`;
  if (!officer.key) return html`<div class="intake"><p>Load your key again to sign reports.</p><${SignIn} ctx=${ctx} /></div>`;
  return html`<div class="intake">
    <${ReportForm} ctx=${ctx} />
    <${Upload} ctx=${ctx} />
  </div>`;
}

function ReportForm({ ctx }) {
  const { mission, officer } = ctx;
  const who = officer.who;
  const [f, setF] = useState({ source_kind: 'observer', source_name: '', category: 'shelling', when: '', place: '', lat: '', lon: '', uncertainty_m: '500',
    use_sighting: false, from_lat: '', from_lon: '', what: 'impact', direction: 'N', near_km: '1', far_km: '3', weapon_class: '', count: '', text: '', id: '' });
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setF({ ...f, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const offset = f.when ? offsetAt(f.when, mission.timezone) : '';

  const body = () => {
    const r = { source: { kind: f.source_kind }, category: f.category, observed: `${f.when}:00${offset}` };
    if (f.id.trim()) r.id = f.id.trim();
    if (f.source_kind === 'party') r.source.party = who.party;
    if (f.source_name.trim()) r.source.name = f.source_name.trim();
    if (f.use_sighting) {
      r.sighting = { from: { lat: Number(f.from_lat), lon: Number(f.from_lon) }, what: f.what, direction: f.direction, distance_km: [Number(f.near_km), Number(f.far_km)] };
    } else if (f.place && !f.lat) r.location = { place: f.place };
    else r.location = { lat: Number(f.lat), lon: Number(f.lon), uncertainty_m: Number(f.uncertainty_m) };
    if (f.weapon_class) r.weapon_class = f.weapon_class;
    if (f.count) r.count = Number(f.count);
    if (f.text.trim()) r.text = f.text.trim();
    return r;
  };

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      if (!f.when) throw new Error('observed: give the time it was seen');
      const line = await makeEntry(officer.key, { kind: 'report', party: who.party, body: body() });
      const a = await postEntries([line]);
      const rep = a.reports && a.reports[0];
      setResult({ ok: true, text: `Stored as report ${rep ? rep.id : '?'}${rep && rep.duplicate ? ' (already stored)' : ''}.`, zones: rep ? rep.zones : [], clauses: rep ? rep.clauses : [] });
    } catch (err) {
      const d = err.details && err.details[0];
      setResult({ ok: false, text: d ? `${d.field ? `${d.field}: ` : ''}${d.message}` : err.message });
    } finally {
      setBusy(false);
    }
  };

  // A click on the map puts the place (or, for a sighting, the post) there.
  const mapEl = useRef(null);
  const fRef = useRef(f);
  fRef.current = f;
  useEffect(() => {
    const m = createMap(mapEl.current, {
      onMove: () => {},
      onSelect: () => {},
      onMapClick: (ll) => {
        const lat = ll.lat.toFixed(5);
        const lon = ll.lng.toFixed(5);
        const cur = fRef.current;
        setF(cur.use_sighting ? { ...cur, from_lat: lat, from_lon: lon } : { ...cur, lat, lon, place: '' });
        marker.setLatLng(ll).addTo(m.map);
      },
    });
    const marker = L.circleMarker([0, 0], { radius: 7, color: '#c62828', weight: 3, fillOpacity: 0.3 });
    m.setMission(ctx.zones, mission.places || [], mission.parties || []);
    const area = ctx.zones.features.find((z) => z.properties.kind === 'deescalation_area');
    if (area) m.map.fitBounds(L.geoJSON(area).getBounds());
    return () => m.map.remove();
  }, []);

  return html`<form class="report-form" onSubmit=${submit}>
    <div class="pick-map" ref=${mapEl} data-testid="intake-map" title="Click to place the report"></div>
    <h2>File a report</h2>
    <fieldset><legend>Source</legend>
      <label>Kind <select name="source_kind" value=${f.source_kind} onChange=${set('source_kind')}>
        ${['observer', 'patrol', 'uav', 'acoustic', 'radar', 'party'].map((k) => html`<option value=${k}>${k}</option>`)}</select></label>
      <label>Name <input name="source_name" value=${f.source_name} placeholder="OP-3, CBR-1…" onInput=${set('source_name')} /></label>
      <label>Your reference <input name="id" value=${f.id} placeholder="optional: the message number" onInput=${set('id')} /></label>
    </fieldset>
    <fieldset><legend>What and when</legend>
      <label>Category <select name="category" value=${f.category} onChange=${set('category')}>${CATEGORIES.map((c) => html`<option value=${c}>${words(c)}</option>`)}</select></label>
      <label>Seen at (${mission.timezone}) <input type="datetime-local" name="when" value=${f.when} onInput=${set('when')} required /> <span class="muted">${offset}</span></label>
      <label>Weapon <select name="weapon_class" value=${f.weapon_class} onChange=${set('weapon_class')}><option value="">not known</option>
        ${(mission.weapon_classes || []).map((w) => html`<option value=${w.id}>${w.name}</option>`)}</select></label>
      <label>Count <input type="number" min="0" name="count" value=${f.count} onInput=${set('count')} /></label>
    </fieldset>
    <fieldset><legend>Where</legend>
      <label>Place <input name="place" list="gazetteer" value=${f.place} onInput=${set('place')} placeholder="a gazetteer name" /></label>
      <datalist id="gazetteer">${(mission.places || []).map((p) => html`<option value=${p.name} />`)}</datalist>
      <span class="muted">or</span>
      <label>Lat <input name="lat" value=${f.lat} onInput=${set('lat')} size="9" /></label>
      <label>Lon <input name="lon" value=${f.lon} onInput=${set('lon')} size="9" /></label>
      <label>± m <input name="uncertainty_m" value=${f.uncertainty_m} onInput=${set('uncertainty_m')} size="6" /></label>
      <label class="check"><input type="checkbox" name="use_sighting" checked=${f.use_sighting} onChange=${set('use_sighting')} /> a sighting from a post instead</label>
      ${f.use_sighting && html`<div class="sighting">
        <label>Post lat <input name="from_lat" value=${f.from_lat} onInput=${set('from_lat')} size="9" /></label>
        <label>Post lon <input name="from_lon" value=${f.from_lon} onInput=${set('from_lon')} size="9" /></label>
        <label>Saw <select name="what" value=${f.what} onChange=${set('what')}>${['impact', 'airburst', 'explosion_undetermined', 'projectile_in_flight', 'small_arms_burst', 'illumination_flare'].map((w) => html`<option value=${w}>${words(w)}</option>`)}</select></label>
        <label>Bearing <select name="direction" value=${f.direction} onChange=${set('direction')}>${COMPASS.map((c) => html`<option value=${c}>${c}</option>`)}</select></label>
        <label>From km <input name="near_km" value=${f.near_km} onInput=${set('near_km')} size="4" /></label>
        <label>to km <input name="far_km" value=${f.far_km} onInput=${set('far_km')} size="4" /></label>
      </div>`}
    </fieldset>
    <label class="wide">What was seen <textarea name="text" rows="3" maxlength="20000" value=${f.text} onInput=${set('text')}></textarea></label>
    <button type="submit" disabled=${busy}>Sign and file the report</button>
    ${result && html`<div class=${result.ok ? 'ok' : 'error'} role=${result.ok ? 'status' : 'alert'} data-result=${result.ok ? 'stored' : 'refused'}>
      <p>${result.text}</p>
      ${result.ok && html`<p>Zones: <span class="zones">${(result.zones || []).join(', ') || 'none'}</span>; clauses: ${(result.clauses || []).join(', ') || 'none'}</p>`}
    </div>`}
  </form>`;
}

// A file of reports, checked by the server line by line (nothing stored),
// then signed here and filed whole, or not at all.
function Upload({ ctx }) {
  const { officer } = ctx;
  const [check, setCheck] = useState(null);
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    setCheck(null);
    setResult(null);
    setBusy(true);
    try {
      if (file.size > 16 << 20) throw new Error(`${file.name} is ${file.size} bytes; files of reports up to 16 MiB are checked here, larger ones with truce ingest`);
      const format = /\.csv$/i.test(file.name) ? 'csv' : 'jsonl';
      const a = await send('POST', `/v1/reports/check?format=${format}`, await file.text(), format === 'csv' ? 'text/csv' : 'application/x-ndjson');
      setCheck({ name: file.name, ...a });
    } catch (err) {
      setCheck({ name: file.name, error: err.message });
    } finally {
      setBusy(false);
      e.target.value = '';
    }
  };
  const file = async () => {
    setBusy(true);
    try {
      const lines = [];
      for (const r of check.reports) lines.push(await makeEntry(officer.key, { kind: 'report', party: officer.who.party, body: r.report }));
      const a = await postEntries(lines);
      setResult({ ok: true, text: `${a.accepted} reports stored, ${a.duplicates} already stored.` });
      setCheck(null);
    } catch (err) {
      setResult({ ok: false, text: err.details && err.details.length ? err.details.map((d) => `line ${d.line}: ${d.message}`).join('; ') : err.message });
    } finally {
      setBusy(false);
    }
  };
  const bad = check && check.errors ? check.errors : [];
  return html`<section class="upload">
    <h2>Upload a file of reports</h2>
    <p class="muted">CSV or JSON Lines, as <code>truce ingest</code> takes them (docs/USER-GUIDE.md, "Reports"). Every line is checked first; nothing is stored until the whole file is good.</p>
    <label class="file">File <input type="file" name="reports-file" accept=".csv,.jsonl,.json,.ndjson,text/csv" onChange=${onFile} disabled=${busy} /></label>
    ${check && check.error && html`<p class="error" role="alert">${check.name}: ${check.error}</p>`}
    ${check && !check.error && html`<div class="check" data-errors=${bad.length}>
      <p>${check.name}: ${check.reports.length} good lines, ${bad.length} with errors.</p>
      ${bad.length > 0 && html`<table class="line-errors"><thead><tr><th>Line</th><th>Field</th><th>What is wrong</th></tr></thead>
        <tbody>${bad.map((b) => html`<tr><td>${b.line}</td><td>${b.field || ''}</td><td>${b.message}</td></tr>`)}</tbody></table>`}
      ${bad.length === 0 && check.reports.length > 0 && html`<button onClick=${file} disabled=${busy}>Sign and file ${check.reports.length} reports</button>`}
    </div>`}
    ${result && html`<p class=${result.ok ? 'ok' : 'error'} role=${result.ok ? 'status' : 'alert'}>${result.text}</p>`}
  </section>`;
}
