// The register as the dashboard reads it: the newest checkpoint, the log
// key (pinned in this browser on first use: a key that changes later is
// shown as a failure, since the server could otherwise vouch for itself),
// and inclusion proofs of entries checked in the browser.
import canonicalize from 'canonicalize';
import { get } from './api.js';
import { utf8 } from './bytes.js';
import { parseNote, verifyInclusion } from './proof.js';

const PIN = 'truce.logKey';

export async function logKey() {
  const vkey = (await get('/v1/register/vkey')).trim();
  const pinned = localStorage.getItem(PIN);
  if (!pinned) localStorage.setItem(PIN, vkey);
  else if (pinned !== vkey) {
    throw new Error(`the center's log key is ${vkey.split('+')[0]}+${vkey.split('+')[1]}, not the key this browser pinned (${pinned.split('+')[0]}+${pinned.split('+')[1]}): ask the center why it changed`);
  }
  return vkey;
}

export async function checkpoint() {
  const text = await get('/v1/register/checkpoint');
  return { text, note: parseNote(text) };
}

// Checks that register entry `index` is in the register under the newest
// signed checkpoint. Returns {ok, index, kind, message}.
export async function proveEntry(index, cp, vkeyText) {
  try {
    const page = await get(`/v1/register/entries?start=${index}&end=${index + 1}`);
    const item = page.entries && page.entries[0];
    if (!item || item.index !== index) throw new Error(`the server did not give entry ${index}`);
    const bytes = utf8(canonicalize(item.entry));
    const proof = await get(`/v1/register/proof/inclusion?index=${index}&size=${cp.note.size}`);
    const r = await verifyInclusion({ entryBytes: bytes, index, proof, checkpointText: cp.text, vkeyText });
    return { ok: true, index, kind: item.entry.kind, entry: item.entry, message: `in the register of ${r.size} entries signed by ${r.key}` };
  } catch (e) {
    return { ok: false, index, message: e.message };
  }
}
