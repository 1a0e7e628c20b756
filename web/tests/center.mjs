// A real monitoring center for the browser tests: `truce init`, the pack's
// example reports, `truce serve` on a free loopback port with the built
// dashboard, and `truce sim --serve` feeding it. Nothing is mocked.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD = process.env.TRUCE_BUILD_DIR || join(ROOT, 'build');
export const TRUCE = join(BUILD, 'truce');
export const MISSION = join(ROOT, 'missions/idlib-2020');
export const KEYS = join(MISSION, 'keys/demo');
export const SHOTS = process.env.TRUCE_SCREENSHOTS || join(BUILD, 'browser-screenshots');

// Waits for `check` to hold, asking again when the server's output moves
// or every 50 ms (a condition, not a fixed sleep), up to `ms`.
export async function until(check, ms = 20000, what = 'the condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startCenter({ sim = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'truce-browser-'));
  const db = join(dir, 'center.db');
  const run = (...args) => execFileSync(TRUCE, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  run('init', '--mission', MISSION, '--db', db);
  run('ingest', '--quiet', '--db', db, '--key', join(KEYS, 'ru-obs-1.key'), join(MISSION, 'examples/reports-ru.jsonl'));
  run('ingest', '--quiet', '--db', db, '--key', join(KEYS, 'tr-obs-1.key'), join(MISSION, 'examples/reports-tr.jsonl'));
  // `truce serve` on `port` (0: a free one), until it says where it serves.
  let server = null;
  let out = '';
  const serve = async (port) => {
    server = spawn(TRUCE, ['serve', '--mission', MISSION, '--db', db, '--port', String(port), '--settle', '1', '--web', join(BUILD, 'web')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = server;
    const from = out.length;
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    return until(() => {
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(out.slice(from));
      if (proc.exitCode !== null) throw new Error(`truce serve stopped: ${out.slice(from)}`);
      return m && m[1];
    }, 30000, 'truce serve to start');
  };
  const url = await serve(0);
  let feeder = null;
  const startSim = (days = 1, rate = 20) => {
    feeder = spawn(TRUCE, ['sim', '--mission', MISSION, '--serve', url, '--seed', '7', '--days', String(days), '--rate', String(rate),
      '--key', join(KEYS, 'ru-obs-1.key'), '--key', join(KEYS, 'tr-obs-1.key')], { stdio: 'ignore' });
    return feeder;
  };
  if (sim) startSim();
  // A report signed as `truce sign` signs it, sent to the server.
  const submit = (keyName, party, report) => {
    const file = join(dir, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(report));
    const line = run('sign', '--mission', MISSION, '--key', join(KEYS, `${keyName}.key`), '--party', party, file);
    return fetch(`${url}/v1/reports`, { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body: line }).then((r) => r.json());
  };
  // Reports signed with a demo key, stored as `truce ingest` stores them:
  // also while the server is down.
  const ingest = (keyName, reports) => {
    const file = join(dir, `ingest-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(file, reports.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return run('ingest', '--quiet', '--db', db, '--key', join(KEYS, `${keyName}.key`), file);
  };
  // The demo's joint patrol of 15 March 2020, sent as scripts/demo.sh sends it.
  const patrolDemo = () => execFileSync('bash', [join(ROOT, 'scripts/demo-patrol.sh'), url, TRUCE], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  // The server stopped as an operator stops it (SIGTERM), once it has gone;
  // then started again on the same port with the same database, so a page
  // finds it at the same address.
  const halt = async () => {
    const proc = server;
    const gone = () => proc.exitCode !== null || proc.signalCode !== null;
    if (!gone()) proc.kill('SIGTERM');
    await until(gone, 20000, 'truce serve to stop');
  };
  const restart = async () => {
    await halt();
    const again = await serve(new URL(url).port);
    if (again !== url) throw new Error(`truce serve came back on ${again}, not ${url}`);
  };
  const stop = () => {
    if (feeder && feeder.exitCode === null) feeder.kill('SIGTERM');
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, dir, db, get server() { return server; }, startSim, submit, ingest, patrolDemo, halt, restart, stop, log: () => out };
}

// A TCP relay in front of a center at `target`, which a test cuts and mends:
// a dropped link while the server stays up (and keeps its sessions). Mended,
// it listens on the same port, so a page finds it at the same address.
export async function startRelay(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let listener = null;
  const listen = (at) => new Promise((resolve, reject) => {
    listener = createServer((client) => {
      const server = connect(Number(port), hostname);
      for (const [a, b] of [[client, server], [server, client]]) {
        sockets.add(a);
        a.pipe(b);
        a.on('error', () => a.destroy());
        a.on('close', () => {
          sockets.delete(a);
          b.destroy();
        });
      }
    });
    listener.once('error', reject);
    listener.listen(at, '127.0.0.1', () => resolve(listener.address().port));
  });
  const at = await listen(0);
  const cut = () => new Promise((resolve) => {
    listener.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  return { url: `http://127.0.0.1:${at}`, cut, mend: () => listen(at) };
}

export async function launchBrowser() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

export const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

// Signs in on the page with a demo key file, as an officer would.
export async function signIn(page, keyName) {
  if (await page.locator('section.signin input[type=file]').count() === 0) await page.click('button.signin-open');
  await page.setInputFiles('section.signin input[type=file]', join(KEYS, `${keyName}.key`));
  await page.waitForSelector(`[data-officer="${keyName}"]`);
}
