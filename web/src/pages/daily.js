// The daily report (docs/USER-GUIDE.md, "The daily report"): pick a day and
// a cut-off, read the report the center makes (GET /v1/daily/{date}) in a
// frame, print it, or take it as PDF, Markdown or JSON.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';

// A day as the mission's clock has it, YYYY-MM-DD.
function localDay(iso, timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

export function DailyPage({ ctx }) {
  const { mission, view, navigate } = ctx;
  const [date, setDate] = useState(view.date || '');
  const [cutoff, setCutoff] = useState(view.cutoff || '');
  const [shown, setShown] = useState(null); // the report's URL once the center has made it
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const frame = useRef(null);

  // Without a day asked for: the day of the newest incident.
  useEffect(() => {
    if (date) return;
    get('/v1/incidents?limit=1')
      .then((p) => p.incidents && p.incidents[0] && setDate(localDay(p.incidents[0].time.start, mission.timezone)))
      .catch(() => {});
  }, []);

  const query = (format) => {
    const q = new URLSearchParams();
    if (cutoff) q.set('cutoff', cutoff);
    if (format) q.set('format', format);
    const s = q.toString();
    return `/v1/daily/${encodeURIComponent(date)}${s ? `?${s}` : ''}`;
  };
  const show = async () => {
    if (!date) return;
    setBusy(true);
    setError('');
    navigate({ date, cutoff }, true);
    try {
      // Read first, so that a refusal is shown with the center's reason
      // rather than inside the frame; the frame then gets the kept answer.
      await get(query(''));
      setShown(query(''));
    } catch (e) {
      setShown(null);
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (date && !shown && !error) show();
  }, [date]);

  return html`<section class="daily" data-shown=${shown ? 'yes' : 'no'}>
    <form class="daily-form" onSubmit=${(e) => { e.preventDefault(); show(); }}>
      <label>Day (${mission.timezone}) <input type="date" name="date" value=${date} onInput=${(e) => setDate(e.target.value)} required /></label>
      <label>Cut-off <input type="time" name="cutoff" value=${cutoff} onInput=${(e) => setCutoff(e.target.value)} title="Only what the register held at this time; the day runs from this time the day before" /></label>
      <button type="submit" disabled=${busy}>${busy ? 'Making the report…' : 'Show'}</button>
      ${shown && html`<button type="button" class="print" onClick=${() => frame.current && frame.current.contentWindow.print()}>Print</button>
        <a href=${query('pdf')} target="_blank" rel="noopener">PDF</a>
        <a href=${query('md')} download=${`daily-${date}.md`}>Markdown</a>
        <a href=${query('json')} target="_blank" rel="noopener">JSON</a>`}
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${shown && html`<iframe ref=${frame} class="daily-report" title="The daily report" src=${shown}></iframe>`}
  </section>`;
}
