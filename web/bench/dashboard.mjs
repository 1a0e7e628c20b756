// The dashboard's speed in headless Chromium against a running center
// (bench/dashboard.sh starts one): first meaningful paint (the page loaded,
// signed in, and the incidents of the view drawn), the server's answer to
// each pan or zoom (/v1/incidents/map, from the browser's resource timing),
// and the page's JavaScript heap after the first view and after 40 moves.
// Prints one JSON line.
import { chromium } from 'playwright-core';

const [url, keyFile, runs = '5'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
const page = await ctx.newPage();
await page.goto(url);
await page.setInputFiles('section.signin input[type=file]', keyFile);
await page.waitForSelector('[data-officer]');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const paints = [];
for (let i = 0; i < Number(runs); i++) {
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid=map][data-features][data-layers]', { timeout: 60000 });
  paints.push(Date.now() - t0);
}
const cdp = await ctx.newCDPSession(page);
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
};
await cdp.send('Performance.enable');
const heapFirst = await heap();
// Each map request the page makes while it is moved: answered (its time
// from sending the request to the last byte, from Playwright's timing) or
// given up (the page aborts a request a newer move has made stale; those
// are counted, not timed, as the browser's own resource timing would give
// them the time until the abort).
const answers = [];
const serverApp = []; // the server's own time for each (its Server-Timing "app"), to tell it from waiting
let given_up = 0;
page.on('requestfinished', (r) => {
  if (!r.url().includes('/v1/incidents/map')) return;
  const t = r.timing();
  answers.push(t.responseEnd - t.requestStart);
  r.response().then((res) => {
    const app = /app;dur=([\d.]+)/.exec(res?.headers()['server-timing'] || '');
    if (app) serverApp.push(Number(app[1]));
  });
  wake();
});
page.on('requestfailed', (r) => {
  if (!r.url().includes('/v1/incidents/map')) return;
  given_up++;
  wake();
});
let wake = () => {};
const settled = () => answers.length + given_up;
const nextSettled = (timeoutMs) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    wake = () => { clearTimeout(timer); resolve(); };
  });
for (let i = 0; i < 40; i++) {
  const before = settled();
  // Pans by dragging, and zooms in and out by the buttons, in turn.
  if (i % 2 === 0) {
    await page.mouse.move(700, 350);
    await page.mouse.down();
    await page.mouse.move(700 + ((i % 3) - 1) * 150, 350 + (((i + 1) % 3) - 1) * 100, { steps: 4 });
    await page.mouse.up();
  } else {
    await page.click(i % 4 === 1 ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out');
  }
  const deadline = Date.now() + 30000;
  while (settled() <= before && Date.now() < deadline) await nextSettled(deadline - Date.now());
}
const heapAfter = await heap();
console.log(JSON.stringify({
  first_paint_ms: { median: median(paints), all: paints },
  map_answer_ms: { median: +median(answers).toFixed(1), max: +Math.max(...answers).toFixed(1), n: answers.length, given_up, over_100: answers.filter((a) => a > 100).map((a) => Math.round(a)) },
  server_app_ms: { median: serverApp.length ? median(serverApp) : null, max: serverApp.length ? Math.max(...serverApp) : null },
  heap_mb: { first_view: +(heapFirst / 1048576).toFixed(1), after_40_moves: +(heapAfter / 1048576).toFixed(1) },
}));
await browser.close();
