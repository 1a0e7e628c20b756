// The view as a URL: the page, the map's extent, the time range and the
// filters, so a link shows a colleague the same thing; and named views an
// officer saves in this browser.

export const FILTERS = ['zone', 'category', 'responsible', 'state', 'corroboration', 'contested', 'clause'];

export function readView(loc = window.location) {
  const q = new URLSearchParams(loc.search);
  const parts = loc.pathname.split('/').filter(Boolean);
  const view = { page: 'map', incident: null, patrol: null, at: null, from: q.get('from') || '', to: q.get('to') || '', filters: {} };
  if (parts[0] === 'incidents' && parts[1]) {
    view.page = 'incident';
    view.incident = decodeURIComponent(parts[1]);
  } else if (parts[0] === 'patrols' && parts[1]) {
    view.page = 'patrol';
    view.patrol = decodeURIComponent(parts[1]);
  } else if (['review', 'intake', 'register', 'patrols', 'daily'].includes(parts[0])) {
    view.page = parts[0];
  }
  const at = (q.get('at') || '').split(',').map(Number);
  if (at.length === 3 && at.every(Number.isFinite)) view.at = { lat: at[0], lon: at[1], zoom: at[2] };
  for (const f of FILTERS) if (q.get(f)) view.filters[f] = q.get(f);
  // The daily report's day and cut-off.
  view.date = /^\d{4}-\d{2}-\d{2}$/.test(q.get('date') || '') ? q.get('date') : '';
  view.cutoff = /^\d{2}:\d{2}$/.test(q.get('cutoff') || '') ? q.get('cutoff') : '';
  return view;
}

export function viewUrl(view) {
  const path =
    view.page === 'incident'
      ? `/incidents/${encodeURIComponent(view.incident)}`
      : view.page === 'patrol'
        ? `/patrols/${encodeURIComponent(view.patrol)}`
        : view.page === 'map'
          ? '/'
          : `/${view.page}`;
  const q = new URLSearchParams();
  if (view.at) q.set('at', `${view.at.lat.toFixed(4)},${view.at.lon.toFixed(4)},${view.at.zoom}`);
  if (view.from) q.set('from', view.from);
  if (view.to) q.set('to', view.to);
  for (const f of FILTERS) if (view.filters[f]) q.set(f, view.filters[f]);
  if (view.page === 'daily' && view.date) q.set('date', view.date);
  if (view.page === 'daily' && view.cutoff) q.set('cutoff', view.cutoff);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// The filters and range as the API's query parameters.
export function apiFilters(view) {
  const p = { ...view.filters };
  if (view.from) p.from = view.from;
  if (view.to) p.to = view.to;
  return p;
}

const SAVED = 'truce.savedViews';
export function savedViews() {
  try {
    const v = JSON.parse(localStorage.getItem(SAVED) || '[]');
    return Array.isArray(v) ? v.filter((x) => x && typeof x.name === 'string' && typeof x.url === 'string') : [];
  } catch {
    return [];
  }
}
export function saveView(name, url) {
  const views = savedViews().filter((v) => v.name !== name);
  views.push({ name, url });
  views.sort((a, b) => a.name.localeCompare(b.name));
  localStorage.setItem(SAVED, JSON.stringify(views));
  return views;
}
export function deleteView(name) {
  const views = savedViews().filter((v) => v.name !== name);
  localStorage.setItem(SAVED, JSON.stringify(views));
  return views;
}
