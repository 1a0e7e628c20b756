// The daily report (docs/USER-GUIDE.md, "The daily report"): pick a day and
// a cut-off, read the report the center makes (GET /v1/daily/{date}) in a
// frame, print it, or take it as PDF, Markdown or JSON, and download the
// period's data as the exports give it (docs/EXPORTS.md) at the register
// size the report rests on, so the files hold what the report counted.
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
  const [basis, setBasis] = useState(null); // the report's period and register point, for the exports
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
      const report = await get(query('json'));
      setBasis({ period: report.period, register: report.register });
      setShown(query(''));
    } catch (e) {
      setShown(null);
      setBasis(null);
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (date && !shown && !error) show();
  }, [date]);

  // The exports of the report's own period ([from, to): `to` is inclusive
  // in an export, so a millisecond before) at its register size.
  const exportLink = (table, format, ext) => {
    const q = new URLSearchParams({
      format,
      from: basis.period.from,
      to: new Date(Date.parse(basis.period.to) - 1).toISOString(),
      size: String(basis.register.size),
    });
    return html`<a href=${`/v1/export/${table}?${q}`} download=${`${table}-${date}${format === 'acled' ? '-acled' : ''}.${ext}`}>${
      { acled: 'ACLED CSV', csv: 'CSV', geojson: 'GeoJSON', gpkg: 'GeoPackage' }[format]}</a>`;
  };

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
    ${shown && basis && html`<p class="daily-exports">Data of this report (register size ${basis.register.size}):
      incidents ${exportLink('incidents', 'acled', 'csv')} · ${exportLink('incidents', 'csv', 'csv')} · ${exportLink('incidents', 'gpkg', 'gpkg')};
      reports ${exportLink('reports', 'csv', 'csv')} · ${exportLink('reports', 'geojson', 'geojson')};
      determinations ${exportLink('determinations', 'csv', 'csv')}</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${shown && html`<iframe ref=${frame} class="daily-report" title="The daily report" src=${shown}></iframe>`}
  </section>`;
}
