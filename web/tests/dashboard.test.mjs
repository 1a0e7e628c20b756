// The dashboard in Debian's Chromium against a real `truce serve` fed by
// `truce sim --serve` (center.mjs). Screenshots of each step are kept in
// build/browser-screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, shot, signIn, startCenter, until } from './center.mjs';

let center;
let browser;

before(async () => {
  center = await startCenter();
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (center) center.stop();
});

async function openPage(path = '/', context = null) {
  const ctx = context || (await browser.newContext({ viewport: { width: 1366, height: 800 } }));
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/status of 40[14]/.test(m.text()) && problems.push(`console: ${m.text()}`));
  await page.goto(center.url + path);
  return { page, ctx, problems };
}

describe('the dashboard', () => {
  test('is served with a policy that forbids inline script and other origins', async () => {
    const res = await fetch(`${center.url}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script in index.html');
  });

  test('asks an officer to sign in, then shows the map with the pack\'s layers', async () => {
    const { page, ctx, problems } = await openPage('/');
    await page.waitForSelector('section.signin');
    await shot(page, '01-sign-in');
    await signIn(page, 'tr-lead');
    await page.waitForSelector('[data-testid=map][data-layers]');
    const layers = await page.getAttribute('[data-testid=map]', 'data-layers');
    for (const l of ['De-escalation area', 'Security corridor', 'Patrol route', 'Line of contact', 'Control areas', 'Protected sites', 'Places']) {
      assert.ok(layers.split('|').includes(l), `layer ${l} in ${layers}`);
    }
    await page.waitForSelector('[data-testid=map][data-basemap=loaded]');
    await page.waitForSelector('[data-testid=map][data-features]');
    await shot(page, '02-map');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('a filter narrows the incidents, and the URL holds it', async () => {
    const { page, ctx } = await openPage('/');
    await signIn(page, 'tr-lead');
    const total = async () => Number(await page.getAttribute('[data-total]', 'data-total'));
    await page.waitForSelector('[data-total]');
    const all = await total();
    assert.ok(all > 0, 'incidents on the map');
    await page.selectOption('select[name=category]', 'patrol_obstructed');
    await until(async () => (await total()) < all, 10000, 'the count to drop');
    assert.match(page.url(), /category=patrol_obstructed/);
    await shot(page, '03-filtered');
    // The same link in a new tab shows the same filter.
    const again = await ctx.newPage();
    await again.goto(page.url());
    await again.waitForSelector('[data-total]');
    assert.equal(await again.inputValue('select[name=category]'), 'patrol_obstructed');
    await ctx.close();
  });

  test('an incident page shows its register entries verified in the browser, and a tampered proof in red', async () => {
    const { page, ctx } = await openPage('/');
    await signIn(page, 'tr-lead');
    await page.goto(`${center.url}/incidents/I-16`);
    await page.waitForSelector('.verify[data-verified]', { timeout: 20000 });
    assert.equal(await page.getAttribute('.verify[data-verified]', 'data-verified'), 'true');
    assert.match(await page.textContent('.verify[data-verified]'), /Verified in your browser/);
    await shot(page, '04-incident-verified');

    await page.route('**/v1/register/proof/inclusion**', async (route) => {
      const res = await route.fetch();
      const proof = await res.json();
      const first = Buffer.from(proof.proof[0], 'base64');
      first[0] ^= 1;
      proof.proof[0] = first.toString('base64');
      await route.fulfill({ response: res, json: proof });
    });
    await page.reload();
    await page.waitForSelector('.verify[data-verified]', { timeout: 20000 });
    assert.equal(await page.getAttribute('.verify[data-verified]', 'data-verified'), 'false');
    assert.match(await page.textContent('.verify[data-verified]'), /does not lead to the root/);
    await shot(page, '05-incident-tampered');
    await ctx.close();
  });

  test('a report whose text is a script is shown as text, never run', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const a = await center.submit('tr-obs-1', 'TR', {
      id: 'XSS-1', source: { kind: 'observer', name: 'OP-X' }, category: 'shelling',
      observed: '2020-03-16T10:00:00+03:00', location: { place: 'Ariha' }, text: payload,
    });
    assert.equal(a.accepted, 1, JSON.stringify(a));
    const id = a.reports[0].id;
    const { page, ctx } = await openPage('/');
    await signIn(page, 'tr-lead');
    // The incident the report was fused into.
    const incident = await until(async () => {
      const list = await page.evaluate(() => fetch('/v1/incidents?limit=1000').then((r) => r.json()));
      const hit = list.incidents.find((i) => (i.report_ids || []).includes(id));
      return hit && hit.incident;
    }, 20000, 'the report to be fused');
    await page.goto(`${center.url}/incidents/${incident}`);
    await page.waitForSelector('.report .text');
    const texts = await page.$$eval('.report .text', (els) => els.map((e) => e.textContent));
    assert.ok(texts.includes(payload), 'the payload is shown as its text');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('.report img').count(), 0);
    await shot(page, '06-xss-escaped');
    await ctx.close();
  });
});
