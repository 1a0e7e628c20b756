// An officer's key in the browser. The key file (docs/REGISTER.md, "Keys":
// PRIVATE+KEY+<name>+<id>+<base64(0x01 ‖ seed)>) is read once; the private
// key is imported into WebCrypto as non-extractable, so no script, ours
// included, can read it back, and it is never sent. It is kept in this
// browser's IndexedDB (a CryptoKey stays non-extractable there) until sign-out.
import canonicalize from 'canonicalize';
import { base64ToBytes, bytesToBase64, concat, hex, sha256, utf8 } from './bytes.js';

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): the fixed prefix.
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

export async function readKeyFile(text) {
  const parts = text.trim().split('+');
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new Error('this is not a truce private key file (PRIVATE+KEY+name+id+key): choose the .key file of your key');
  }
  const [, , name, id] = parts;
  const data = parts.slice(4).join('+'); // base64 may hold '+'
  let raw;
  try {
    raw = base64ToBytes(data);
  } catch {
    throw new Error('the key file is damaged: its key is not base64');
  }
  if (raw.length !== 33 || raw[0] !== 1) throw new Error('the key file does not hold an Ed25519 key');
  const pkcs8 = concat(PKCS8_PREFIX, raw.slice(1));
  raw.fill(0);
  // Imported once extractable only to learn the public key, then again
  // without: only the second is kept.
  const temp = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', temp);
  const publicKey = base64ToBytes(jwk.x.replace(/-/g, '+').replace(/_/g, '/') + '=');
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  pkcs8.fill(0);
  const keyId = hex((await sha256(concat(utf8(`${name}\n`), Uint8Array.of(1), publicKey))).slice(0, 4));
  if (keyId !== id.toLowerCase()) throw new Error(`the key file is damaged: its id ${id} does not match its key (${keyId})`);
  return { name, id: keyId, privateKey };
}

export async function signBytes(key, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes));
}

// RFC 3339 as `truce` writes a signing time: UTC, milliseconds only when
// not zero ("2020-03-10T11:20:00Z", "…:00.519Z").
export function signingTime(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

// A register entry signed by `key`: the same bytes `truce sign` makes
// (docs/REGISTER.md, "Entries": the signature covers the RFC 8785 canonical
// form of the entry without "sig").
export async function makeEntry(key, { kind, party, body, at = Date.now() }) {
  const entry = { body, kind, party, signed_at: signingTime(at), signer: key.name, v: 1 };
  const signed = canonicalize(entry);
  const sig = await signBytes(key, utf8(signed));
  return canonicalize({ ...entry, sig: bytesToBase64(sig) });
}

const DB = 'truce-keys';
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('keys');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function tx(mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction('keys', mode);
    const req = fn(t.objectStore('keys'));
    t.oncomplete = () => resolve(req && req.result);
    t.onerror = () => reject(t.error);
  });
}
export const keepKey = (key) => tx('readwrite', (s) => s.put(key, 'officer')).catch(() => {});
export const keptKey = () => tx('readonly', (s) => s.get('officer')).catch(() => null);
export const forgetKey = () => tx('readwrite', (s) => s.delete('officer')).catch(() => {});
