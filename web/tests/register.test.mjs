// The browser's own register code (src/proof.js, src/keys.js) in Node's
// WebCrypto: RFC 6962 proof vectors, and bytes signed by `truce sign`
// checked with the same canonical form the dashboard signs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { leafHash, rootFromInclusionProof, parseVerifierKey, parseNote, verifyNote } from '../src/proof.js';
import { makeEntry, readKeyFile, signingTime } from '../src/keys.js';
import { hex } from '../src/bytes.js';
import { KEYS, MISSION, ROOT, TRUCE, startCenter } from './center.mjs';

const fromHex = (h) => Uint8Array.from(h.match(/../g) || [], (b) => parseInt(b, 16));

// The 8-leaf tree of RFC 6962 implementations (tests/data/rfc6962/vectors.json says where from).
test('inclusion proofs of the RFC 6962 test tree lead to its roots', async () => {
  const v = JSON.parse(readFileSync(join(ROOT, 'tests/data/rfc6962/vectors.json'), 'utf8'));
  for (const c of v.inclusion) {
    const leaf = await leafHash(fromHex(v.leaves[c.leaf - 1]));
    const root = await rootFromInclusionProof(c.leaf - 1, c.size, leaf, c.proof.map(fromHex));
    assert.equal(hex(root), v.roots[c.size - 1], `leaf ${c.leaf} of ${c.size}`);
  }
  const c = v.inclusion.find((x) => x.proof.length > 1);
  const leaf = await leafHash(fromHex(v.leaves[c.leaf - 1]));
  await assert.rejects(rootFromInclusionProof(c.leaf - 1, c.size, leaf, c.proof.slice(1)), /shorter/);
  await assert.rejects(rootFromInclusionProof(c.size, c.size, leaf, c.proof.map(fromHex)), /not in a register/);
});

test('an entry signed by truce sign verifies over the canonical form the dashboard makes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-sign-'));
  const file = join(dir, 'r.json');
  writeFileSync(file, JSON.stringify({ id: 'T-1', source: { kind: 'observer', name: 'OP-1' }, category: 'shelling',
    observed: '2020-03-16T10:00:00+03:00', location: { lat: 35.86, lon: 36.77, uncertainty_m: 250.5 }, text: 'Ünïcode “quotes” \u2028 <b>' }));
  const line = execFileSync(TRUCE, ['sign', '--mission', MISSION, '--key', join(KEYS, 'tr-obs-1.key'), '--party', 'TR', file]).toString().trim();
  const entry = JSON.parse(line);
  assert.equal(canonicalize(entry), line, 'the entry is canonical as the browser writes it');
  const { sig, ...unsigned } = entry;
  const pub = readFileSync(join(KEYS, 'tr-obs-1.key'), 'utf8').trim();
  const key = await readKeyFile(pub);
  // The same key signs the same bytes to the same signature (Ed25519 is deterministic).
  const again = await makeEntry(key, { kind: entry.kind, party: entry.party, body: entry.body, at: Date.parse(entry.signed_at) });
  assert.equal(again, line);
  assert.equal(JSON.parse(again).sig, sig);
  assert.equal(unsigned.signer, 'tr-obs-1');
});

test('signing times are written as truce writes them', () => {
  assert.equal(signingTime(Date.UTC(2020, 2, 10, 11, 20, 0)), '2020-03-10T11:20:00Z');
  assert.equal(signingTime(Date.UTC(2020, 2, 10, 11, 20, 0, 519)), '2020-03-10T11:20:00.519Z');
});

test('a key file that is not one is refused with a reason', async () => {
  await assert.rejects(readKeyFile('hello'), /not a truce private key file/);
  const good = readFileSync(join(KEYS, 'tr-lead.key'), 'utf8').trim();
  const parts = good.split('+');
  parts[3] = '00000000';
  await assert.rejects(readKeyFile(parts.join('+')), /does not match its key/);
});

test('a checkpoint signed by the log key verifies, and one changed does not', async () => {
  const center = await startCenter({ sim: false });
  try {
    const read = (path) => execFileSync(TRUCE, ['get', '--server', center.url, '--key', join(KEYS, 'tr-obs-1.key'), path]).toString();
    const cp = read('/v1/register/checkpoint');
    const verifier = await parseVerifierKey(read('/v1/register/vkey'));
    assert.equal(await verifyNote(parseNote(cp), verifier), true);
    const changed = cp.replace(/\n(\d+)\n/, (m, n) => `\n${Number(n) + 1}\n`);
    assert.equal(await verifyNote(parseNote(changed), verifier), false);
    assert.throws(() => parseNote('no blank line'), /not a signed note/);
  } finally {
    center.stop();
  }
});
