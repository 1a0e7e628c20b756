// A lead's position on a determination: cosign, dispute with reasons, or
// mark unverifiable with what could not be established. Each is a register
// entry signed in this browser with the lead's key (docs/REGISTER.md,
// "Review entries"), the same bytes `truce review` makes.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { postEntries } from '../api.js';
import { makeEntry } from '../keys.js';
import { hasRole } from '../session.js';
import { SignIn } from './chrome.js';

export function ReviewActions({ ctx, determination: d, onDone }) {
  const officer = ctx.officer;
  const who = officer && officer.who;
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  if (!hasRole(who, 'lead') || !(d.positions || []).some((p) => p.party === who.party)) return null;
  if (d.state === 'superseded') return html`<p class="muted">This determination was superseded by a newer one.</p>`;
  const mine = (d.positions || []).find((p) => p.party === who.party);
  if (!officer.key) {
    return html`<div class="review-actions"><p>To cosign or dispute, load your key again (it is kept only while you stay signed in on this browser).</p>
      <${SignIn} ctx=${ctx} /></div>`;
  }
  const act = async (kind) => {
    setBusy(true);
    setMessage(null);
    try {
      const body = { determination: d.entry, incident: d.incident, previous: Number.isInteger(mine.entry) ? mine.entry : null };
      if (kind !== 'cosign') body.reasons = reasons;
      const line = await makeEntry(officer.key, { kind, party: who.party, body });
      const answer = await postEntries([line]);
      const index = answer.entries && answer.entries[0] ? answer.entries[0].index : '?';
      setMessage({ ok: true, text: `${kind === 'cosign' ? 'Cosigned' : kind === 'dispute' ? 'Disputed' : 'Marked unverifiable'}: register entry ${index}` });
      setReasons('');
      if (onDone) onDone();
    } catch (e) {
      const detail = e.details && e.details.length ? e.details.map((x) => x.message).join('; ') : e.message;
      setMessage({ ok: false, text: detail });
    } finally {
      setBusy(false);
    }
  };
  return html`<div class="review-actions" data-determination=${d.entry}>
    <p>Your party's position: <b>${mine.position}</b></p>
    <textarea name="reasons" rows="3" maxlength="4000" placeholder="Reasons (needed to dispute or to mark unverifiable)" value=${reasons}
      onInput=${(e) => setReasons(e.target.value)}></textarea>
    ${mine.position !== 'awaited' && html`<p class="muted">You may change it: the new position is a new entry, and the old one stays in the register.</p>`}
    <div class="buttons">
      ${mine.position !== 'cosigned' && html`<button class="cosign" disabled=${busy} onClick=${() => act('cosign')}>Cosign</button>`}
      ${mine.position !== 'disputed' && html`<button class="dispute" disabled=${busy} onClick=${() => act('dispute')}>Dispute</button>`}
      ${mine.position !== 'unverifiable' && html`<button class="unverifiable" disabled=${busy} onClick=${() => act('unverifiable')}>Unverifiable</button>`}
    </div>
    ${message && html`<p class=${message.ok ? 'ok' : 'error'} role=${message.ok ? 'status' : 'alert'}>${message.text}</p>`}
  </div>`;
}
