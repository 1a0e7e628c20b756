// What every page shows: the mission, the pages, the live state, who is
// signed in; and the sign-in panel.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { signIn, signOut, hasRole } from '../session.js';

export function TopBar({ ctx }) {
  const { view, navigate, officer, mission, live } = ctx;
  const [signing, setSigning] = useState(false);
  const link = (page, label) =>
    html`<a href=${page === 'map' ? '/' : `/${page}`} class=${view.page === page || (page === 'map' && view.page === 'incident') || (page === 'patrols' && view.page === 'patrol') ? 'active' : ''}
      onClick=${(e) => { e.preventDefault(); navigate({ page, incident: null, patrol: null }); }}>${label}</a>`;
  const who = officer && officer.who;
  return html`<header class="topbar">
    <span class="brand">truce</span>
    <span class="mission">${mission ? mission.name : ''}</span>
    <nav>
      ${link('map', 'Map')}
      ${link('patrols', 'Patrols')}
      ${link('daily', 'Daily report')}
      ${hasRole(who, 'lead') && link('review', 'Review queue')}
      ${hasRole(who, 'observer') && link('intake', 'File a report')}
      ${link('register', 'Register')}
    </nav>
    <span class=${`live live-${live}`} data-live=${live} title="The live feed of new incidents and reviews">${live === 'live' ? 'live' : live === 'reconnecting' ? 'reconnecting…' : 'connecting…'}</span>
    ${who
      ? html`<span class="officer" data-officer=${who.key}>${who.key} · ${who.party} · ${(who.roles || []).join(', ')}
          <button class="link" onClick=${async () => { await signOut(); ctx.setOfficer(null); }}>Sign out</button></span>`
      : html`<button onClick=${() => setSigning(!signing)} class="signin-open">Sign in</button>`}
    ${signing && !who && html`<div class="popover"><${SignIn} ctx=${ctx} onDone=${() => setSigning(false)} /></div>`}
  </header>`;
}

export function SignIn({ ctx, reason, onDone }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const onFile = async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      if (file.size > 4096) throw new Error(`${file.name} is not a key file (it is ${file.size} bytes)`);
      const { who, key } = await signIn(await file.text());
      ctx.setOfficer({ who, key });
      if (onDone) onDone();
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
      e.target.value = '';
    }
  };
  return html`<section class="signin">
    <h2>Sign in</h2>
    ${reason && html`<p>${reason}</p>`}
    <p>Choose your key file (<code>NAME.key</code>). It stays in this browser: the key signs a one-time
      challenge from the center, and later the entries you make; it is never sent.</p>
    <label class="file">Key file <input type="file" name="keyfile" accept=".key,text/plain" onChange=${onFile} disabled=${busy} /></label>
    ${busy && html`<p>Signing in…</p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}
