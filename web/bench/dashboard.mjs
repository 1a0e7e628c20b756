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
const moves = [];
for (let i = 0; i < 40; i++) {
  const before = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/incidents/map')).length);
  // Pans by dragging, and zooms in and out by the buttons, in turn.
  if (i % 2 === 0) {
    await page.mouse.move(700, 350);
    await page.mouse.down();
    await page.mouse.move(700 + ((i % 3) - 1) * 150, 350 + (((i + 1) % 3) - 1) * 100, { steps: 4 });
    await page.mouse.up();
  } else {
    await page.click(i % 4 === 1 ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out');
  }
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/incidents/map') && e.responseEnd > 0).length > n, before, { timeout: 30000 });
}
const answers = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/incidents/map')).map((e) => e.responseEnd - e.requestStart));
const heapAfter = await heap();
console.log(JSON.stringify({
  first_paint_ms: { median: median(paints), all: paints },
  map_answer_ms: { median: median(answers), max: Math.max(...answers), n: answers.length },
  heap_mb: { first_view: +(heapFirst / 1048576).toFixed(1), after_40_moves: +(heapAfter / 1048576).toFixed(1) },
}));
await browser.close();
