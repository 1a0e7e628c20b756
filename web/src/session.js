// Sign-in: the officer's browser proves it holds the key by signing a
// single-use challenge from the server (docs/API.md, "Sign-in sessions");
// the server answers with an HttpOnly, SameSite=Strict session cookie that
// the browser sends with every read. Writes are still register entries,
// each signed here with the key.
import { get, send } from './api.js';
import { forgetKey, keepKey, keptKey, readKeyFile, signBytes } from './keys.js';
import { bytesToBase64, utf8 } from './bytes.js';

export async function signIn(keyFileText) {
  const key = await readKeyFile(keyFileText);
  const { challenge } = await send('POST', '/v1/session/challenge', {});
  const sig = await signBytes(key, utf8(`truce-session/v1\n${challenge}\n`));
  const who = await send('POST', '/v1/session', { key: key.name, challenge, sig: bytesToBase64(sig) });
  await keepKey(key);
  return { who, key };
}

// Who the session cookie belongs to, or null; and the key kept in this
// browser when it is the same officer's.
export async function resume() {
  try {
    const who = await get('/v1/session');
    const key = await keptKey();
    return { who, key: key && key.name === who.key ? key : null };
  } catch (e) {
    if (e.status === 401 || e.status === 404) return null;
    throw e;
  }
}

export async function signOut() {
  await forgetKey();
  try {
    await send('DELETE', '/v1/session');
  } catch {
    // The cookie lapses on its own; the key is already forgotten here.
  }
}

export const hasRole = (who, role) => !!who && Array.isArray(who.roles) && who.roles.includes(role);
