// The dashboard's shell: who is signed in, the mission, the live feed, and
// which page the URL names (view.js).
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './style.css';
import { get } from './api.js';
import { follow } from './live.js';
import { resume } from './session.js';
import { readView, viewUrl } from './view.js';
import { TopBar, SignIn } from './pages/chrome.js';
import { MapPage } from './pages/map_page.js';
import { ReviewPage } from './pages/review.js';
import { IntakePage } from './pages/intake.js';
import { RegisterPage } from './pages/register_page.js';
import { DailyPage } from './pages/daily.js';

function App() {
  const [view, setView] = useState(readView());
  const [officer, setOfficer] = useState(undefined); // undefined: not yet known; null: signed out
  const [mission, setMission] = useState(null);
  const [zones, setZones] = useState(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const [live, setLive] = useState('connecting');
  const [events, setEvents] = useState({ seq: 0, last: null });
  const [error, setError] = useState('');

  useEffect(() => {
    const onPop = () => setView(readView());
    window.addEventListener('popstate', onPop);
    resume().then((o) => setOfficer(o || null), () => setOfficer(null));
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // The mission and its layers: public on some packs, an officer's read on others.
  useEffect(() => {
    if (officer === undefined) return;
    Promise.all([get('/v1/mission'), get('/v1/zones')])
      .then(([m, z]) => {
        setMission(m);
        setZones(z);
        setNeedsSignIn(false);
        document.title = `truce — ${m.name}`;
      })
      .catch((e) => (e.status === 401 ? setNeedsSignIn(true) : setError(e.message)));
  }, [officer]);

  useEffect(() => {
    if (!mission) return undefined;
    let was = 'connecting';
    return follow({
      // Refused: when the center no longer knows this browser's session
      // (a restart signs everyone out, docs/API.md), the officer is shown
      // signed out and asked to sign in again, rather than left watching
      // a feed that never comes back.
      onRefused: () => resume().then((o) => !o && setOfficer(null)),
      // Back after a drop: the pages read again what they show, besides the
      // events the server sends for the time the link was down.
      onState: (state) => {
        if (was === 'reconnecting' && state === 'live') setEvents((e) => ({ seq: e.seq + 1, last: { name: 'reconnected', data: null } }));
        was = state;
        setLive(state);
      },
      onEvent: (name, data) => setEvents((e) => ({ seq: e.seq + 1, last: { name, data } })),
    });
  }, [mission]);

  // The map's handlers keep the navigate of their first render: it reads
  // the view of now, not of then.
  const current = useRef(view);
  current.current = view;
  const navigate = (next, replace = false) => {
    const v = { ...current.current, ...next };
    current.current = v;
    const url = viewUrl(v);
    if (url !== window.location.pathname + window.location.search) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    setView(v);
  };

  const ctx = { view, navigate, officer, setOfficer, mission, zones, live, events };
  let page = null;
  if (needsSignIn && !officer) page = html`<${SignIn} ctx=${ctx} reason="The center's records are for its officers: sign in with your key file to see them." />`;
  else if (!mission) page = html`<p class="boot">${error || 'Loading the mission…'}</p>`;
  else if (view.page === 'review') page = html`<${ReviewPage} ctx=${ctx} />`;
  else if (view.page === 'intake') page = html`<${IntakePage} ctx=${ctx} />`;
  else if (view.page === 'register') page = html`<${RegisterPage} ctx=${ctx} />`;
  else if (view.page === 'daily') page = html`<${DailyPage} ctx=${ctx} />`;
  else page = html`<${MapPage} ctx=${ctx} />`;
  return html`<${TopBar} ctx=${ctx} /><main class=${`page page-${view.page}`}>${page}</main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
