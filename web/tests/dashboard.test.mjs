// The dashboard in Debian's Chromium against a real `truce serve` fed by
// `truce sim --serve` (center.mjs). Screenshots of each step are kept in
// build/browser-screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, shot, signIn, startCenter, startRelay, until } from './center.mjs';

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
    // A pan keeps the filter, and the URL gains the map's place.
    const box = await page.locator('[data-testid=map]').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    await until(() => /at=/.test(page.url()), 10000, 'the map place in the URL');
    assert.match(page.url(), /category=patrol_obstructed/);
    await shot(page, '03-filtered');
    // The same link in a new tab shows the same filter.
    const again = await ctx.newPage();
    await again.goto(page.url());
    await again.waitForSelector('[data-total]');
    assert.equal(await again.inputValue('select[name=category]'), 'patrol_obstructed');
    // The zone filter: only what happened in the M4 corridor.
    const totalOf = async (p) => Number(await p.getAttribute('[data-total]', 'data-total'));
    const narrow = await totalOf(again);
    await again.selectOption('select[name=category]', '');
    await until(async () => (await totalOf(again)) > narrow, 10000, 'the count to widen');
    const wide = await totalOf(again);
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const inZone = (await (await fetch(`${center.url}/v1/incidents?limit=1&zone=m4-security-corridor`, { headers: { cookie } })).json()).total;
    assert.ok(inZone > 0, 'incidents in the corridor');
    await again.selectOption('select[name=zone]', 'm4-security-corridor');
    await until(async () => /zone=m4-security-corridor/.test(again.url()) && (await totalOf(again)) < wide, 10000,
      'the map to show only the corridor\'s');
    await shot(again, '03b-zone-filter');
    await ctx.close();
  });

  test('an incident page shows its register entries verified in the browser, and a tampered proof in red', async () => {
    const { page, ctx } = await openPage('/');
    await signIn(page, 'tr-lead');
    await page.goto(`${center.url}/incidents/I-16`);
    await page.waitForSelector('.verify[data-verified]', { timeout: 20000 });
    assert.equal(await page.getAttribute('.verify[data-verified]', 'data-verified'), 'true');
    assert.match(await page.textContent('.verify[data-verified]'), /Verified in your browser/);
    await page.locator('.proofs').scrollIntoViewIfNeeded();
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
    await page.locator('.proofs').scrollIntoViewIfNeeded();
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

  test('a lead works the review queue: cosign, a dispute without reasons refused, unverifiable; the other lead sees it change', async () => {
    const tr = await openPage('/review');
    await signIn(tr.page, 'tr-lead');
    const ru = await openPage('/review');
    await signIn(ru.page, 'ru-lead');
    await tr.page.waitForSelector('.queue li[data-determination]', { timeout: 30000 });
    await shot(tr.page, '07-review-queue');
    const first = await tr.page.getAttribute('.queue li[data-determination]', 'data-determination');

    // Presence: both leads open the same item and each sees the other.
    await tr.page.click(`.queue li[data-determination="${first}"] button.item`);
    await ru.page.waitForSelector(`.queue li[data-determination="${first}"]`, { timeout: 30000 });
    await ru.page.click(`.queue li[data-determination="${first}"] button.item`);
    await tr.page.waitForSelector('.presence[data-viewers~="ru-lead"]', { timeout: 15000 });
    await ru.page.waitForSelector('.presence[data-viewers~="tr-lead"]', { timeout: 15000 });
    await shot(tr.page, '08-presence');

    // A dispute without reasons: the server's message is shown.
    await tr.page.click('.review-actions button.dispute');
    await tr.page.waitForSelector('.review-actions .error');
    assert.match(await tr.page.textContent('.review-actions .error'), /reason/i);
    await shot(tr.page, '09-dispute-refused');

    // Cosign: the RU lead's page shows TR's position change without a reload.
    await tr.page.click('.review-actions button.cosign');
    await tr.page.waitForSelector('.review-actions .ok');
    await ru.page.waitForSelector('.positions li[data-party="TR"][data-position="cosigned"]', { timeout: 15000 });
    await shot(ru.page, '10-ru-sees-cosign');

    // Unverifiable, with reasons, on the next item.
    await tr.page.waitForFunction((d) => !document.querySelector(`.queue li[data-determination="${d}"]`), first, { timeout: 15000 });
    await tr.page.click('.queue li[data-determination] button.item');
    await tr.page.fill('.review-actions textarea', 'No observer saw it; the two claims contradict each other.');
    await tr.page.click('.review-actions button.unverifiable');
    await tr.page.waitForSelector('.review-actions .ok, .review-actions .error');
    assert.match(await tr.page.textContent('.review-actions [role]'), /Marked unverifiable/);
    await shot(tr.page, '11-unverifiable');
    await tr.ctx.close();
    await ru.ctx.close();
  });

  test('a new incident appears live, and the link state shows', async () => {
    const { page, ctx } = await openPage('/');
    await signIn(page, 'tr-lead');
    await page.waitForSelector('[data-live=live]', { timeout: 15000 });
    await page.waitForSelector('[data-total]');
    const before = Number(await page.getAttribute('[data-total]', 'data-total'));
    const a = await center.submit('tr-obs-1', 'TR', {
      id: `LIVE-${Date.now()}`, source: { kind: 'observer', name: 'OP-L' }, category: 'airstrike',
      observed: '2020-03-17T09:00:00+03:00', location: { lat: 35.80, lon: 36.60, uncertainty_m: 300 }, text: 'A live one',
    });
    assert.equal(a.accepted, 1, JSON.stringify(a));
    await until(async () => Number(await page.getAttribute('[data-total]', 'data-total')) > before, 20000, 'the new incident on the map');
    await shot(page, '12-live-incident');

    await ctx.close();
  });

  test("an observer's form report is stored with the right zones", async () => {
    const { page, ctx } = await openPage('/intake');
    await signIn(page, 'tr-obs-1');
    await page.goto(`${center.url}/intake`);
    await page.waitForSelector('form.report-form');
    await page.fill('input[name=source_name]', 'OP-7');
    await page.selectOption('select[name=category]', 'small_arms_fire');
    await page.fill('input[name=when]', '2020-03-18T07:30');
    await page.fill('input[name=place]', 'al-Nayrab');
    await page.fill('textarea[name=text]', 'Bursts of fire near the M4 at al-Nayrab.');
    await page.click('form.report-form button[type=submit]');
    await page.waitForSelector('form.report-form [data-result]');
    assert.equal(await page.getAttribute('form.report-form [data-result]', 'data-result'), 'stored', await page.textContent('form.report-form [data-result]'));
    const zones = await page.textContent('form.report-form .zones');
    assert.match(zones, /m4-security-corridor/);
    assert.match(zones, /idlib-deescalation-area/);
    await shot(page, '13-form-report');

    // A place by a click on the map: the coordinates go into the form.
    await page.waitForSelector('[data-testid=intake-map][data-layers]');
    const box = await page.locator('[data-testid=intake-map]').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await until(async () => (await page.inputValue('input[name=lat]')) !== '', 5000, 'the clicked place in the form');
    assert.equal(await page.inputValue('input[name=place]'), '');
    const first = await page.textContent('form.report-form [data-result]');
    await page.fill('input[name=id]', `CLICK-${Date.now()}`);
    await page.click('form.report-form button[type=submit]');
    await page.waitForFunction((before) => {
      const t = document.querySelector('form.report-form [data-result]')?.textContent || '';
      return t !== before && /Stored as report/.test(t);
    }, first);

    // A file with a bad line: every bad line named, nothing stored.
    const csv = 'id,source_kind,source_name,category,start,place\nF-1,observer,OP-7,shelling,2020-03-18T08:00:00+03:00,Ariha\nF-2,observer,OP-7,shelling,2020-03-18T08:00:00,Ariha\n';
    await page.setInputFiles('input[name=reports-file]', { name: 'day.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('.upload .check, .upload .error');
    await shot(page, '14-upload-errors');
    assert.equal(await page.getAttribute('.upload .check', 'data-errors'), '1', await page.textContent('.upload'));
    assert.match(await page.textContent('.line-errors'), /time zone/);
    await ctx.close();
  });

  test('the joint patrol of 15 March 2020: its route, its track stopped short near al-Nayrab, its outcome, and the coverage layer', async () => {
    center.patrolDemo();
    const { page, ctx, problems } = await openPage('/patrols');
    await signIn(page, 'tr-lead');
    await page.goto(`${center.url}/patrols`);
    await page.waitForSelector('li[data-patrol="JP-2020-03-15"]');
    // The corridor's coverage: a tenth of the planned road was driven, the rest never reached, on the map too.
    const share = Number(await page.getAttribute('section.coverage', 'data-share'));
    assert.ok(share > 0.05 && share < 0.15, `share ${share}`);
    assert.match(await page.textContent('section.coverage'), /Never reached: 6–59\.1 km/);
    await page.waitForSelector('[data-testid=map][data-coverage]');
    assert.ok(Number(await page.getAttribute('[data-testid=map]', 'data-coverage')) >= 2, 'driven and never-reached stretches drawn');
    // That day's airspace: the Turkish UAV's notice, and a flight no party notified.
    await page.waitForSelector('section.airspace li[data-notice="FN-2020-03-15-TR-1"]');
    assert.equal(await page.getAttribute('section.airspace', 'data-unmatched'), '1');
    assert.match(await page.textContent('section.airspace li[data-flight="AIR-2020-03-15-02"]'), /outside the area of notice FN-2020-03-15-TR-1/);
    await page.waitForSelector('[data-testid=map] [data-flight="AIR-2020-03-15-02"]');
    await shot(page, '22-patrols-coverage');

    await page.click('li[data-patrol="JP-2020-03-15"] button');
    await page.waitForSelector('aside.patrol[data-state=ended]');
    assert.match(page.url(), /\/patrols\/JP-2020-03-15/);
    const panel = await page.textContent('aside.patrol');
    assert.match(panel, /Trumba → Ain al-Hawr/);
    assert.match(panel, /agreed by TR/);
    assert.match(panel, /obstructed/);
    assert.match(panel, /reached 5\.6 km/);
    assert.match(panel, /sit-in on the M4 near al-Nayrab/);
    // On the map: the planned route and the vehicle's track.
    await page.waitForSelector('[data-testid=map][data-patrol="JP-2020-03-15"]');
    assert.ok(Number(await page.getAttribute('[data-testid=map]', 'data-track')) > 1, 'the track is drawn');
    await shot(page, '23-patrol');
    // A link to the patrol shows it to a colleague.
    const again = await ctx.newPage();
    await again.goto(`${center.url}/patrols/JP-2020-03-15`);
    await again.waitForSelector('aside.patrol[data-patrol="JP-2020-03-15"]');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('the daily report: the newest day shown in the dashboard with every section, printable, and a day without reports refused with the reason', async () => {
    const { page, ctx, problems } = await openPage('/daily');
    await signIn(page, 'tr-lead');
    await page.goto(`${center.url}/daily`);
    await page.waitForSelector('section.daily[data-shown=yes]', { timeout: 60000 });
    assert.match(page.url(), /\/daily\?date=\d{4}-\d{2}-\d{2}/);
    const report = page.frameLocator('iframe.daily-report');
    for (const h of ['Summary', 'Ceasefire violations', 'Notable incidents', 'Patrols', 'Map of the period\'s incidents', 'The register at the cut-off']) {
      await report.locator('h2', { hasText: h }).first().waitFor();
    }
    assert.match(await report.locator('h1').textContent(), /^Daily report of the Idlib de-escalation area: \d+ [A-Z][a-z]+ 2020$/);
    assert.ok(await report.locator('svg').count() >= 2, 'the map and the trend are drawn');
    await page.waitForSelector('button.print');
    assert.match(await page.getAttribute('a[href*="format=pdf"]', 'href'), /^\/v1\/daily\/\d{4}-\d{2}-\d{2}\?format=pdf$/);
    await shot(page, '24-daily-report');
    // The report's data, downloaded at the register size the report rests on.
    const acled = await page.getAttribute('.daily-exports a[href*="format=acled"]', 'href');
    assert.match(acled, /^\/v1\/export\/incidents\?format=acled&from=.+&to=.+&size=\d+$/);
    const sheet = await page.evaluate((u) => fetch(u).then((r) => r.text()), acled);
    assert.match(sheet, /^event_id_cnty,event_date,year,time_precision,disorder_type,event_type,/);
    assert.ok(sheet.trim().split('\r\n').length > 1, 'the day has incidents in ACLED\'s columns');
    assert.ok(await page.locator('.daily-exports a[href*="format=gpkg"]').count() === 1);
    await page.fill('input[name=date]', '2019-01-01');
    await page.click('.daily-form button[type=submit]');
    await page.waitForSelector('.daily p.error');
    assert.match(await page.textContent('.daily p.error'), /no report observed in 1 January 2019/);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('over a slow link (256 kbit/s, 300 ms) the first view stays under 500 KB and the map becomes usable', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    await signInFast(page);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 32 * 1024, uploadThroughput: 32 * 1024 });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await page.goto(center.url + '/');
    await page.waitForSelector('[data-testid=map][data-layers][data-features]', { timeout: 120000 });
    await page.waitForSelector('[data-testid=map][data-basemap=loaded]', { timeout: 120000 });
    await shot(page, '15-slow-link');
    console.log(`first view over the slow link: ${bytes} bytes transferred`);
    assert.ok(bytes < 500 * 1024, `first view transferred ${bytes} bytes`);
    await ctx.close();
  });
});

// Sign in once, before the network is slowed: the cookie is what counts.
async function signInFast(page) {
  await page.goto(center.url + '/');
  await signIn(page, 'tr-lead');
}

// The live link on a center of its own, so that the other tests' server
// stays up: dropped between the browser and a running server (a relay cut
// and mended), then by stopping the center and starting it again at the
// same address.
describe('the live link', () => {
  let own;
  before(async () => {
    own = await startCenter({ sim: false });
  });
  after(() => own && own.stop());

  // The page as an officer sees it, live, and a mark on its document: still
  // there at the end means it was never reloaded.
  async function openLive(url) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url + '/');
    await signIn(page, 'tr-lead');
    await page.waitForSelector('[data-live=live]', { timeout: 15000 });
    await page.waitForSelector('[data-testid=map][data-features]');
    await page.evaluate(() => (window.__sameDocument = true));
    const badge = page.locator('[data-live]');
    assert.equal(await badge.textContent(), 'live');
    const total = async () => Number(await page.getAttribute('[data-total]', 'data-total'));
    return { ctx, page, badge, total, before: await total() };
  }

  test('shows reconnecting when the link drops, and catches up without a reload when it is back', async () => {
    const relay = await startRelay(own.url);
    const { ctx, page, badge, total, before } = await openLive(relay.url);
    try {
      await shot(page, '16-link-live');
      await relay.cut();
      await page.waitForSelector('[data-live=reconnecting]', { state: 'visible', timeout: 15000 });
      assert.equal(await badge.textContent(), 'reconnecting…');
      await shot(page, '17-link-reconnecting');

      // While the page cannot hear of it, a report that makes a new incident.
      const a = await own.submit('tr-obs-1', 'TR', {
        id: `CUT-${Date.now()}`, source: { kind: 'observer', name: 'OP-C' }, category: 'airstrike',
        observed: '2020-03-19T05:30:00+03:00', location: { lat: 35.86, lon: 36.80, uncertainty_m: 300 }, text: 'Filed while the dashboard was cut off',
      });
      assert.equal(a.accepted, 1, JSON.stringify(a));
      assert.equal(await badge.textContent(), 'reconnecting…');

      await relay.mend();
      await page.waitForSelector('[data-live=live]', { timeout: 20000 });
      await until(async () => (await total()) > before, 20000, 'the incident made while the link was down on the map');
      await shot(page, '18-link-back');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    } finally {
      await ctx.close();
      await relay.cut();
    }
  });

  test('a restart of the center: reconnecting while it is down; back, the officer signs in again and sees what came in meanwhile', async () => {
    const { ctx, page, badge, total, before } = await openLive(own.url);
    try {
      await own.halt();
      await page.waitForSelector('[data-live=reconnecting]', { state: 'visible', timeout: 15000 });
      assert.equal(await badge.textContent(), 'reconnecting…');
      await shot(page, '19-center-down');

      // While the server is down: a report stored into its database, as
      // `truce ingest` stores it, that makes a new incident.
      own.ingest('tr-obs-1', [{
        id: `DOWN-${Date.now()}`, source: { kind: 'observer', name: 'OP-D' }, category: 'shelling',
        observed: '2020-03-20T06:10:00+03:00', location: { lat: 35.64, lon: 36.62, uncertainty_m: 300 }, text: 'Filed while the center was down',
      }]);

      // Back at the same address. Sessions are in the server's memory: the
      // restart signed the officer out, and the page says so rather than
      // retrying a refused feed for ever.
      await own.restart();
      await page.waitForSelector('section.signin', { timeout: 20000 });
      await shot(page, '20-center-back-sign-in');
      await signIn(page, 'tr-lead');
      await page.waitForSelector('[data-live=live]', { timeout: 20000 });
      await until(async () => (await total()) > before, 20000, 'the incident made while the center was down on the map');
      await shot(page, '21-center-back-live');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    } finally {
      await ctx.close();
    }
  });
});
