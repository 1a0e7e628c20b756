// Joint patrols beside the map: the patrols of the period with the
// corridor's coverage, and one patrol with its plan, agreements, progress,
// alerts and outcome (docs/API.md, "Patrols").
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { localTime, words } from '../format.js';

const STATE_WORDS = { planned: 'awaiting agreement', agreed: 'agreed', under_way: 'under way', ended: 'ended' };
const km = (v) => `${Number(v || 0).toFixed(1)} km`;
// A stretch of road, "6–59.1 km".
export const stretch = (from, to) => `${+Number(from).toFixed(1)}–${+Number(to).toFixed(1)} km`;

function PatrolState({ p }) {
  const outcome = p.outcome && p.outcome.outcome;
  return html`<span class=${`badge patrol-${p.state}`}>${STATE_WORDS[p.state] || p.state}</span>${outcome &&
    html`<span class=${`badge outcome-${outcome}`}>${outcome}</span>`}${(p.alerts || []).length > 0 &&
    html`<span class="badge alerts">${p.alerts.length} alert${p.alerts.length === 1 ? '' : 's'}</span>`}`;
}

function routeWords(plan) {
  const r = (plan && plan.route) || {};
  if (r.from || r.to) return `${r.from || 'start'} → ${r.to || 'end'}${r.along ? ` along ${r.along}` : ''}`;
  return r.waypoints ? `${r.waypoints.length} waypoints` : 'route as planned';
}

// How far it got of its route: the outcome's reach once it has ended,
// else the furthest point the fixes reached.
function reached(p) {
  return p.outcome && p.outcome.reached_km !== undefined ? p.outcome.reached_km : (p.progress && p.progress.furthest_km) || 0;
}

function Progress({ p }) {
  const total = p.route_km || 0;
  const done = Math.min(total, reached(p));
  const share = total > 0 ? done / total : 0;
  return html`<div class="progress" title=${`${km(done)} of ${km(total)}`} data-reached=${done.toFixed(1)}>
    <span style=${`width:${(share * 100).toFixed(1)}%`}></span></div>
    <small>${km(done)} of ${km(total)} (${Math.round(share * 100)}%)</small>`;
}

// The coverage of the corridor over the view's period, and the patrols in it.
export function PatrolList({ ctx, coverage: cov, airspace }) {
  const { view, navigate, mission, events } = ctx;
  const [list, setList] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let gone = false;
    get(`/v1/patrols${query({ from: view.from, to: view.to })}`)
      .then((l) => {
        if (gone) return;
        setList(l.patrols || []);
        setError('');
      })
      .catch((e) => !gone && setError(e.message));
    return () => { gone = true; };
  }, [view.from, view.to, events.seq]);
  const tz = mission.timezone;
  return html`<aside class="incident patrols" aria-label="Patrols">
    <header><h2>Joint patrols</h2></header>
    <p class="muted">${view.from || view.to ? `From ${view.from || 'the start'} to ${view.to || 'now'}` : 'The whole period; drag across the timeline to pick one.'}</p>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${cov && html`<section class="coverage" data-share=${cov.share}>
      <h3>Corridor coverage</h3>
      <p>${cov.patrols} patrol${cov.patrols === 1 ? '' : 's'} drove <b>${km(cov.driven_km)}</b> of ${km(cov.planned_km)} planned
        (<b>${Math.round(cov.share * 100)}%</b>) along ${cov.road_zone}, ${km(cov.road_km)} of road.</p>
      ${cov.never_reached && cov.never_reached.length > 0
        ? html`<p>Never reached: ${cov.never_reached.map((s) => stretch(s.from_km, s.to_km)).join(', ')}.</p>`
        : html`<p>Every kilometre was reached.</p>`}
      <p class="muted">On the map: green where patrols drove (darker, more often), red dashes where none did.</p>
    </section>`}
    ${list && list.length === 0 && html`<p>No patrol was planned in this period.</p>`}
    <ol class="patrol-list">${(list || []).map((p) => html`<li data-patrol=${p.patrol}>
      <button class="item" onClick=${() => navigate({ page: 'patrol', patrol: p.patrol })}>
        <b>${p.patrol}</b> <span><${PatrolState} p=${p} /></span>
        <span>${routeWords(p.plan)}</span>
        <small>${localTime(p.plan && p.plan.window && p.plan.window.start, tz)}</small>
        <${Progress} p=${p} />
      </button></li>`)}</ol>
    ${airspace && html`<${Airspace} airspace=${airspace} tz=${tz} />`}
  </aside>`;
}

// One patrol; its route and track go to the map through onDetail.
export function PatrolPanel({ ctx, id, zoom, onDetail, onClose }) {
  const { mission, events } = ctx;
  const [p, setP] = useState(null);
  const [error, setError] = useState('');
  const fitted = useRef(null);
  useEffect(() => {
    let gone = false;
    get(`/v1/patrols/${encodeURIComponent(id)}${query({ zoom: Math.max(0, Math.min(22, Math.round(zoom || 10))) })}`)
      .then((d) => {
        if (gone) return;
        setP(d);
        setError('');
        onDetail(d, fitted.current !== id);
        fitted.current = id;
      })
      .catch((e) => !gone && setError(e.message));
    return () => { gone = true; };
  }, [id, zoom, events.seq]);
  useEffect(() => () => onDetail(null, false), []);

  const tz = mission.timezone;
  if (error) return html`<aside class="incident patrol"><p class="error" role="alert">${error}</p><button onClick=${onClose}>Close</button></aside>`;
  if (!p) return html`<aside class="incident patrol"><p>Loading ${id}…</p></aside>`;
  const plan = p.plan || {};
  const pr = p.progress || {};
  const o = p.outcome;
  return html`<aside class="incident patrol" data-patrol=${p.patrol} data-state=${p.state}>
    <header>
      <h2>Patrol ${p.patrol}</h2>
      <button class="link" onClick=${onClose} aria-label="Close">×</button>
    </header>
    <p class="state-line"><${PatrolState} p=${p} /></p>
    <${Progress} p=${p} />
    <dl class="facts">
      <dt>Route</dt><dd>${routeWords(plan)}, ${km(p.route_km)}</dd>
      <dt>Window</dt><dd>${localTime(plan.window && plan.window.start, tz)} – ${localTime(plan.window && plan.window.end, tz)}</dd>
      <dt>Parties</dt><dd>${(plan.parties || []).join(', ')}</dd>
      <dt>Vehicles</dt><dd>${(plan.vehicles || []).map((v) => `${v.id} (${v.party}${v.kind ? `, ${v.kind}` : ''})`).join('; ')}</dd>
      <dt>Speed</dt><dd>${plan.speed_kmh ? `${plan.speed_kmh} km/h` : 'not given'}</dd>
      <dt>Halts</dt><dd>${(plan.halts || []).map((h) => `${h.place || (h.at ? `${h.at[0]}, ${h.at[1]}` : 'a point')}, ${h.minutes} min`).join('; ') || 'none planned'}</dd>
    </dl>
    <h3>Agreement</h3>
    <ul class="positions">
      ${p.planned && html`<li>planned by <b>${p.planned.party}</b> (${p.planned.signer}), ${localTime(p.planned.at, tz)} · entry ${p.planned.entry}</li>`}
      ${(p.agreements || []).map((a) => html`<li class="position-cosigned">agreed by ${a.party} (${a.signer}), ${localTime(a.at, tz)} · entry ${a.entry}</li>`)}
      ${(p.waiting_for || []).map((w) => html`<li class="position-awaited">awaiting ${w}</li>`)}
      ${(p.revisions || []).length > 1 && html`<li class="muted">revised ${p.revisions.length - 1} time${p.revisions.length === 2 ? '' : 's'}</li>`}
    </ul>
    <h3>Progress</h3>
    ${pr.fixes > 0
      ? html`<dl class="facts">
          <dt>Fixes</dt><dd>${pr.fixes} taken${pr.skipped ? `, ${pr.skipped} skipped` : ''}</dd>
          <dt>Newest</dt><dd>${localTime(pr.last_fix, tz)}, ${km(pr.along_km)} along, ${Math.round(pr.off_route_m || 0)} m off the route</dd>
          <dt>Furthest</dt><dd>${km(pr.furthest_km)}${pr.behind_minutes !== null && pr.behind_minutes !== undefined ? `, ${behind(pr.behind_minutes)}` : ''}</dd>
          <dt>Now</dt><dd>${[pr.arrived && 'arrived', pr.turned_back && 'turned back', pr.off_route && 'off its route', pr.halted && 'halted'].filter(Boolean).join(', ') || (p.state === 'ended' ? 'ended' : 'on its route')}</dd>
        </dl>`
      : html`<p class="muted">No position from its vehicles yet.</p>`}
    <h3>Alerts</h3>
    ${(p.alerts || []).length === 0 && html`<p class="muted">None.</p>`}
    <ul class="alerts">${(p.alerts || []).map((a) => html`<li class=${`alert-${a.kind}`} data-alert=${a.kind}>
      <b>${words(a.kind)}</b> ${localTime(a.at, tz)}${a.along_km !== undefined ? `, ${km(a.along_km)}` : ''}${a.vehicle ? `, ${a.vehicle}` : ''}
      ${a.detail && html`<div class="muted">${a.detail}</div>`}</li>`)}</ul>
    <h3>Outcome</h3>
    ${o
      ? html`<p class="outcome"><b>${o.outcome}</b>, reached ${km(o.reached_km)} · by ${o.party} (${o.signer}), ${localTime(o.at, tz)} · entry ${o.entry}</p>
          ${o.reasons && html`<blockquote>${o.reasons}</blockquote>`}
          ${(o.report_entries || []).length > 0 && html`<p>Reported as register entr${o.report_entries.length === 1 ? 'y' : 'ies'} ${o.report_entries.join(', ')}: the reports go into fusion like any other.</p>`}`
      : html`<p class="muted">Not yet recorded.</p>`}
  </aside>`;
}

function behind(minutes) {
  const m = Math.round(minutes);
  if (m === 0) return 'on schedule';
  return m > 0 ? `${m} min behind the plan` : `${-m} min ahead of the plan`;
}

// The flight notices of the period and the flights seen, those without a
// notice first: each is an alert, and a report for the airspace clause.
function Airspace({ airspace, tz }) {
  const unmatched = (airspace.flights || []).filter((f) => !f.matched);
  const matched = (airspace.flights || []).filter((f) => f.matched);
  return html`<section class="airspace" data-notices=${(airspace.notices || []).length} data-unmatched=${unmatched.length}>
    <h3>Airspace</h3>
    ${unmatched.length > 0 && html`<ul class="alerts">${unmatched.map((f) => html`<li class="alert-flight" data-flight=${f.track}>
      <b>Flight without notice</b> ${f.track}${f.party ? ` (${f.party})` : ''}${f.aircraft ? `, ${f.aircraft}` : ''}, ${localTime(f.start, tz)}
      <div class="muted">${f.reason}; ${f.uncovered} of ${f.inside} fixes in the airspace under no notice</div></li>`)}</ul>`}
    <p class="muted">${matched.length} flight${matched.length === 1 ? '' : 's'} under notice; ${unmatched.length} without.</p>
    <h4>Notices</h4>
    ${(airspace.notices || []).length === 0 && html`<p class="muted">No flight notice for this period.</p>`}
    <ul class="notices">${(airspace.notices || []).map((n) => html`<li data-notice=${n.notice}>
      <b>${n.notice}</b> <span class="badge">${n.party}</span> ${n.aircraft}, ${n.altitude_m.min}–${n.altitude_m.max} m
      <div class="muted">${localTime(n.window.start, tz)} – ${localTime(n.window.end, tz)} · ${n.purpose} · entry ${n.entry}</div></li>`)}</ul>
  </section>`;
}
