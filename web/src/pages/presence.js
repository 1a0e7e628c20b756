// Who else is looking at this item right now (held in the server's memory
// only): a heartbeat while the item is open, and the server's presence
// events for changes in between.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../api.js';

export function Presence({ ctx, item }) {
  const me = ctx.officer && ctx.officer.who;
  const [viewers, setViewers] = useState([]);
  useEffect(() => {
    if (!me) return undefined;
    let gone = false;
    const beat = () => send('POST', '/v1/presence', { item }).then((a) => !gone && setViewers(a.viewers || []), () => {});
    beat();
    const timer = setInterval(beat, 10000);
    return () => {
      gone = true;
      clearInterval(timer);
      send('DELETE', `/v1/presence?item=${encodeURIComponent(item)}`).catch(() => {});
    };
  }, [item, me && me.key]);
  useEffect(() => {
    const last = ctx.events.last;
    if (last && last.name === 'presence' && last.data.item === item) setViewers(last.data.viewers || []);
  }, [ctx.events.seq]);
  if (!me) return null;
  const others = viewers.filter((v) => v.key !== me.key);
  return html`<p class="presence" data-viewers=${others.map((v) => v.key).join(' ')}>
    ${others.length ? html`Also looking now: ${others.map((v) => html`<span class="viewer">${v.key} (${v.party})</span> `)}` : html`<span class="muted">No one else is looking at this now.</span>`}
  </p>`;
}
