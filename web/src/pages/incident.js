// One incident: the fused finding, its reports, the attribution and the
// clauses in words, each party's review position, and the register entries
// behind it with their inclusion proofs checked in this browser.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { checkpoint, logKey, proveEntry } from '../register.js';
import { localTime, percent, words } from '../format.js';
import { Presence } from './presence.js';
import { ReviewActions } from './review_actions.js';

export function IncidentPanel({ ctx, id, onGeometry, onClose, compact = false }) {
  const { mission, events } = ctx;
  const [inc, setInc] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let gone = false;
    get(`/v1/incidents/${encodeURIComponent(id)}`)
      .then((d) => {
        if (gone) return;
        setInc(d);
        setError('');
        if (onGeometry) onGeometry(d.geometry || null);
      })
      .catch((e) => !gone && setError(e.message));
    return () => { gone = true; };
  }, [id, events.seq]);

  const tz = mission.timezone;
  if (error) return html`<aside class="incident"><p class="error" role="alert">${error}</p><button onClick=${onClose}>Close</button></aside>`;
  if (!inc) return html`<aside class="incident"><p>Loading ${id}…</p></aside>`;
  const d = inc.determination;
  const loc = inc.location || {};
  const clauseText = (cid) => (mission.clauses || []).find((c) => c.id === cid);
  const zoneName = (zid) => {
    const z = ((ctx.zones && ctx.zones.features) || []).find((f) => f.id === zid);
    return z && z.properties.name ? z.properties.name : zid;
  };
  return html`<aside class="incident" data-incident=${inc.incident} data-state=${inc.state || 'none'}>
    <header>
      <h2>${inc.incident}: ${words(inc.category)}</h2>
      ${onClose && html`<button class="link" onClick=${onClose} aria-label="Close">×</button>`}
    </header>
    <p class="state-line"><span class=${`badge state-${inc.state || 'none'}`}>${inc.state || 'no determination'}</span>
      <span class="badge">${words(inc.corroboration)}</span>${inc.contested && html`<span class="badge contested">contested</span>`}</p>
    <${Presence} ctx=${ctx} item=${`incident/${inc.incident}`} />
    <dl class="facts">
      <dt>When</dt><dd>${localTime(inc.time && inc.time.start, tz)}${inc.time && inc.time.end !== inc.time.start ? html` – ${localTime(inc.time.end, tz)}` : ''}</dd>
      <dt>Where</dt><dd>${Number(loc.lat).toFixed(4)}, ${Number(loc.lon).toFixed(4)} (± ${Math.round(loc.uncertainty_m)} m)</dd>
      <dt>Zones</dt><dd class="zones">${(inc.zones || []).map(zoneName).join(', ') || 'outside every zone'}</dd>
      <dt>Weapon</dt><dd>${inc.weapon_class || 'not established'}</dd>
      <dt>Responsible</dt><dd>${inc.responsible || 'not established'} ${inc.probability !== undefined && inc.responsible ? `(${percent(inc.probability)})` : ''}</dd>
      <dt>Attribution</dt><dd>${attribution(inc.attribution)}</dd>
      ${inc.blamed && inc.blamed.length > 0 && html`<dt>Blamed by sources</dt><dd>${inc.blamed.join(', ')}</dd>`}
      <dt>Confidence</dt><dd>${inc.confidence}, ${inc.sources} independent source${inc.sources === 1 ? '' : 's'}</dd>
    </dl>
    <h3>Clauses</h3>
    <ul class="clauses">${(inc.clauses || []).map((c) => html`<li><b>${c}</b> ${clauseText(c) ? html`<span class="muted">${clauseText(c).kind}</span> ${clauseText(c).text}` : ''}</li>`)}
      ${(!inc.clauses || !inc.clauses.length) && html`<li class="muted">no clause applies</li>`}</ul>
    <h3>Why</h3>
    <ul class="reasons">${(inc.reasons || []).map((r) => html`<li>${r}</li>`)}</ul>
    ${d && html`<${Positions} d=${d} tz=${tz} />`}
    ${d && !compact && html`<${ReviewActions} ctx=${ctx} determination=${d} />`}
    <h3>Reports (${(inc.report_details || []).length})</h3>
    <ol class="reports">${(inc.report_details || []).map((r) => html`<${Report} r=${r} tz=${tz} />`)}</ol>
    <${Proofs} inc=${inc} />
  </aside>`;
}

function Positions({ d, tz }) {
  return html`<h3>Review</h3>
    <p class="muted">Determination ${d.entry}, proposed by ${d.proposed_by && d.proposed_by.signer} ${localTime(d.proposed_by && d.proposed_by.at, tz)}</p>
    <ul class="positions">${(d.positions || []).map((p) => html`<li data-party=${p.party} data-position=${p.position}>
      <b>${p.party}</b>: <span class=${`position position-${p.position}`}>${p.position}</span>
      ${p.signer && html` by ${p.signer}`}${p.at && html`, ${localTime(p.at, tz)}`}
      ${p.reasons && html`<blockquote>${p.reasons}</blockquote>`}</li>`)}</ul>`;
}

function Report({ r, tz }) {
  const s = r.source || {};
  const sighting = r.sighting;
  return html`<li class="report">
    <div><b>${s.kind}</b> ${s.party || ''} ${s.name || ''} · <span class="muted">${r.source_report_id || r.id}</span></div>
    <div class="muted">${localTime(r.observed && r.observed.start, tz)} · ${words(r.category)}${r.weapon_class ? ` · ${r.weapon_class}` : ''}${r.count ? ` · ${r.count}×` : ''}</div>
    ${sighting && html`<div class="muted">seen from ${sighting.from && `${sighting.from.lat}, ${sighting.from.lon}`}: ${words(sighting.what)} ${sighting.direction || `${sighting.azimuth_deg}°`} at ${Array.isArray(sighting.distance_km) ? sighting.distance_km.join('–') : sighting.distance_km} km</div>`}
    ${r.blames && html`<div>blames <b>${r.blames}</b></div>`}
    ${r.text && html`<p class="text">${r.text}</p>`}
  </li>`;
}

// The register entries behind the incident, each proved against the newest
// checkpoint in this browser.
function Proofs({ inc }) {
  const [results, setResults] = useState(null);
  const [failure, setFailure] = useState('');
  const d = inc.determination;
  const indexes = [];
  if (d) {
    indexes.push(d.entry);
    for (const p of d.positions || []) if (Number.isInteger(p.entry)) indexes.push(p.entry);
    for (const e of d.report_entries || []) indexes.push(e);
  }
  useEffect(() => {
    let gone = false;
    setResults(null);
    setFailure('');
    (async () => {
      try {
        const vkey = await logKey();
        const cp = await checkpoint();
        const out = [];
        for (const i of indexes) out.push(await proveEntry(i, cp, vkey));
        if (!gone) setResults({ size: cp.note.size, out });
      } catch (e) {
        if (!gone) setFailure(e.message);
      }
    })();
    return () => { gone = true; };
  }, [indexes.join(',')]);
  if (!indexes.length) return null;
  const allOk = results && results.out.every((r) => r.ok);
  return html`<section class="proofs">
    <h3>Register</h3>
    ${failure && html`<p class="verify bad" data-verified="false" role="alert">✗ Not verified: ${failure}</p>`}
    ${!failure && !results && html`<p class="verify pending">Checking the register's proofs in your browser…</p>`}
    ${results && html`<p class=${`verify ${allOk ? 'good' : 'bad'}`} data-verified=${String(allOk)}>
      ${allOk ? `✓ Verified in your browser: ${results.out.length} entries are in the signed register of ${results.size} entries`
              : `✗ Not verified: ${results.out.filter((r) => !r.ok).map((r) => `entry ${r.index}: ${r.message}`).join('; ')}`}</p>
      <ul class="entries">${results.out.map((r) => html`<li class=${r.ok ? 'good' : 'bad'}>entry ${r.index} ${r.kind ? `(${r.kind})` : ''}: ${r.ok ? '✓' : '✗'} ${r.message}</li>`)}</ul>`}
  </section>`;
}

// "radar: SY-GOV 100%"; with no evidence to go on, just that.
function attribution(a) {
  const shares = Object.entries((a && a.parties) || {}).map(([p, v]) => `${p} ${percent(v)}`).join(', ');
  if (!a || a.method === 'none' || !shares) return 'none: nothing locates the firing side';
  return `${words(a.method)}: ${shares}`;
}
