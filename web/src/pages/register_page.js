// The register: the newest checkpoint, its size, which parties' witnesses
// have cosigned it, and a warning when one has fallen behind.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { logKey, checkpoint } from '../register.js';
import { parseVerifierKey, verifyNote } from '../proof.js';
import { localTime } from '../format.js';

export function RegisterPage({ ctx }) {
  const [state, setState] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    (async () => {
      try {
        const vkey = await logKey();
        const cp = await checkpoint();
        const signed = await verifyNote(cp.note, await parseVerifierKey(vkey));
        const cos = await get('/v1/register/cosigners');
        setState({ vkey, cp, signed, cos });
        setError('');
      } catch (e) {
        setError(e.message);
      }
    })();
  }, [ctx.events.seq]);
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  if (!state) return html`<p class="boot">Reading the register…</p>`;
  const { cp, signed, cos, vkey } = state;
  // A witness's cosignature (C2SP tlog-cosignature) holds the time it was
  // made: 4 bytes of key id, then 8 of seconds, then the signature.
  const cosignedAt = {};
  for (const s of cp.note.signatures) {
    if (s.sig.length === 76) {
      const secs = new DataView(s.sig.buffer, s.sig.byteOffset + 4, 8).getBigUint64(0);
      cosignedAt[s.name] = new Date(Number(secs) * 1000);
    }
  }
  const times = Object.values(cosignedAt);
  const newest = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
  return html`<section class="register">
    <h2>The register</h2>
    <p>${cp.note.origin}: <b data-size=${cp.note.size}>${cp.note.size}</b> entries.
      <span class=${signed ? 'verify good' : 'verify bad'}>${signed ? '✓ checkpoint signed by the log key (checked in your browser)' : '✗ the checkpoint is not signed by the log key'}</span></p>
    <p>${newest ? `Newest checkpoint cosigned at ${localTime(newest.toISOString(), ctx.mission.timezone)}.` : 'The newest checkpoint is not cosigned by a witness yet.'}</p>
    <p class="muted">Log key: <code>${vkey}</code></p>
    <h3>Witnesses</h3>
    <table class="witnesses"><thead><tr><th>Party</th><th>Witness</th><th>Cosigned up to</th><th></th></tr></thead>
      <tbody>${(cos.cosigners || []).map((c) => html`<tr data-party=${c.party} class=${c.cosigned_latest ? 'good' : 'behind'}>
        <td>${c.party}</td><td>${c.witness}</td><td>${c.cosigned_size} of ${c.size}${cosignedAt[c.witness] ? `, at ${localTime(cosignedAt[c.witness].toISOString(), ctx.mission.timezone)}` : ''}</td>
        <td>${c.cosigned_latest ? '✓ up to date' : html`<span class="warning">⚠ behind by ${c.size - c.cosigned_size} entries</span>`}</td></tr>`)}</tbody></table>
    <h3>Checkpoint</h3>
    <pre class="note">${cp.text}</pre>
  </section>`;
}
