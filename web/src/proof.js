// The register's proofs, checked in the browser (docs/REGISTER.md): RFC 9162
// Merkle hashing and inclusion proofs, and C2SP signed notes — the
// checkpoint signed with the center's Ed25519 log key. Nothing here trusts
// the server: the bytes are hashed and the signature checked with WebCrypto.
import { base64ToBytes, concat, equal, sha256, utf8 } from './bytes.js';

export const leafHash = (bytes) => sha256(concat(Uint8Array.of(0), bytes));
const nodeHash = (l, r) => sha256(concat(Uint8Array.of(1), l, r));

// RFC 9162 section 2.1.3.2: the root that `proof` leads to from the leaf at
// `index` of a tree of `size` leaves, or an Error saying why it cannot.
export async function rootFromInclusionProof(index, size, leaf, proof) {
  if (!(index < size)) throw new Error(`leaf ${index} is not in a register of ${size} entries`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('the proof is longer than the tree allows');
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('the proof is shorter than the tree needs');
  return r;
}

// A verifier key as `truce` writes it: name+hexid+base64(0x01 ‖ key).
export async function parseVerifierKey(vkey) {
  // Base64 may hold '+': the key is everything after the second.
  const parts = vkey.trim().split('+');
  if (parts.length < 3) throw new Error('the log key is not name+id+key');
  const [name, id] = parts;
  const data = parts.slice(2).join('+');
  const raw = base64ToBytes(data);
  if (raw.length !== 33 || raw[0] !== 1) throw new Error('the log key is not an Ed25519 key');
  const hash = (await sha256(concat(utf8(`${name}\n`), raw))).slice(0, 4);
  if (Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('') !== id.toLowerCase()) {
    throw new Error("the log key's id does not match its name and key");
  }
  const key = await crypto.subtle.importKey('raw', raw.slice(1), { name: 'Ed25519' }, false, ['verify']);
  return { name, id: hash, key, text: vkey.trim() };
}

// Splits a signed note into its text (what is signed) and its signatures.
export function parseNote(note) {
  const cut = note.indexOf('\n\n');
  if (cut < 0) throw new Error('the checkpoint is not a signed note (no blank line)');
  const text = note.slice(0, cut + 1);
  const signatures = [];
  for (const line of note.slice(cut + 2).split('\n')) {
    if (!line) continue;
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error(`the checkpoint has a malformed signature line: ${line.slice(0, 80)}`);
    signatures.push({ name: m[1], sig: base64ToBytes(m[2]) });
  }
  const lines = text.split('\n');
  if (lines.length < 4) throw new Error('the checkpoint needs an origin, a size and a root');
  const size = Number(lines[1]);
  if (!/^\d+$/.test(lines[1]) || !Number.isSafeInteger(size)) throw new Error('the checkpoint size is not a number');
  return { text, origin: lines[0], size, root: base64ToBytes(lines[2]), signatures };
}

// Whether the note carries a valid signature by `verifier` (parseVerifierKey).
export async function verifyNote(note, verifier) {
  const sigs = note.signatures.filter((s) => s.name === verifier.name && s.sig.length === 68 && equal(s.sig.slice(0, 4), verifier.id));
  for (const s of sigs) {
    if (await crypto.subtle.verify({ name: 'Ed25519' }, verifier.key, s.sig.slice(4), utf8(note.text))) return true;
  }
  return false;
}

// Proves that `entryBytes` is leaf `index` of the register whose newest
// checkpoint is `checkpointText`, signed by the log key `vkeyText`; the
// proof is the server's answer to /v1/register/proof/inclusion. Returns
// {size, origin} or throws an Error whose message says what failed.
export async function verifyInclusion({ entryBytes, index, proof, checkpointText, vkeyText }) {
  const verifier = await parseVerifierKey(vkeyText);
  const note = parseNote(checkpointText);
  if (!(await verifyNote(note, verifier))) {
    throw new Error(`the checkpoint is not signed by the log key ${verifier.name}`);
  }
  if (proof.size !== note.size) {
    throw new Error(`the proof is for a register of ${proof.size} entries, the checkpoint has ${note.size}`);
  }
  const leaf = await leafHash(entryBytes);
  if (proof.leaf_hash && !equal(base64ToBytes(proof.leaf_hash), leaf)) {
    throw new Error('the entry shown is not the entry the proof is for: its hash differs');
  }
  const root = await rootFromInclusionProof(index, note.size, leaf, proof.proof.map(base64ToBytes));
  if (!equal(root, note.root)) {
    throw new Error(`the proof does not lead to the root of the signed checkpoint (${note.size} entries)`);
  }
  return { size: note.size, origin: note.origin, key: verifier.name };
}
