// The review queue of a signed-in lead: determinations awaiting the lead's
// party, oldest first, with the incident beside the one chosen.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { localTime, words } from '../format.js';
import { hasRole } from '../session.js';
import { IncidentPanel } from './incident.js';

const QUEUE_PAGE = 200;

export function ReviewPage({ ctx }) {
  const who = ctx.officer && ctx.officer.who;
  const [queue, setQueue] = useState(null);
  const [chosen, setChosen] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!hasRole(who, 'lead')) return;
    get(`/v1/determinations${query({ awaiting: who.party, limit: QUEUE_PAGE })}`)
      .then((list) => {
        const items = Array.isArray(list) ? list : list.determinations || [];
        setQueue(items);
        setError('');
        // The item worked on stays open when it leaves the queue, with what
        // was done to it, until the lead picks the next.
      })
      .catch((e) => setError(e.message));
  }, [who && who.key, ctx.events.seq]);
  if (!hasRole(who, 'lead')) return html`<p class="boot">The review queue is for a party's lead: sign in with a lead's key.</p>`;
  return html`<div class="review-layout">
    <section class="queue">
      <h2>Awaiting ${who.party} <span class="count">${queue ? queue.length : '…'}</span></h2>
      ${error && html`<p class="error" role="alert">${error}</p>`}
      ${queue && !queue.length && html`<p class="muted">Nothing awaits your party's review.</p>`}
      ${queue && queue.length >= QUEUE_PAGE && html`<p class="muted">The oldest ${QUEUE_PAGE} are shown; the rest follow as these are done.</p>`}
      <ol>${(queue || []).map((d) => html`<li class=${chosen && chosen.entry === d.entry ? 'chosen' : ''} data-determination=${d.entry}>
        <button class="item" onClick=${() => setChosen(d)}>
          <b>${d.incident}</b> ${words(d.finding && d.finding.category)} · ${d.finding && d.finding.responsible ? `${d.finding.responsible} responsible` : 'no one located'}
          <span class="muted">proposed ${localTime(d.proposed_by && d.proposed_by.at, ctx.mission.timezone)} · ${d.finding && d.finding.confidence} confidence</span>
          <span class="positions">${(d.positions || []).map((p) => html`<span class=${`position position-${p.position}`}>${p.party}: ${p.position}</span> `)}</span>
        </button></li>`)}</ol>
    </section>
    ${chosen ? html`<${IncidentPanel} ctx=${ctx} id=${chosen.incident} key=${chosen.incident} />` : html`<p class="muted pick">Choose an item of the queue.</p>`}
  </div>`;
}
