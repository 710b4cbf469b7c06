// Browser test of the dashboard (#/dashboard, issue 7) against a running server: the branch
// manager sees today's numbers, which follow a ticket taken and an application accepted over the
// WebSocket without a reload (the ticket is then called and left as a no-show); the period's charts (drawn as SVG, with their numbers in tables)
// agree with the API; a filter with nothing in it shows the charts empty, a period ending before
// it starts is refused on the page and nothing is sent; the breaches have their counts by kind
// and their list; axe-core finds nothing in en, kk and ru; the central office sees the network
// and picks the branch; an operator has no dashboard.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded (scripts/with-server.sh does that). The clock is not
// moved (other tests share the server): counts are compared before and after, not absolute.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, PASSWORD, en, kk, ru, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const SERVICE = '00803008'; // provider MP; no payments; consent required
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const APPLICANT = { surname: 'Жұмабек', name: 'Әсел', doc: '045123457', docValid: '2030-12-31' };
const KINDS = ['few_dispatches', 'provider_late', 'issue_late', 'storage_overdue', 'report_late', 'act_late', 'uncollected', 'long_wait'];

/** An IIN check digit (Government decree No. 565), as the server checks it. */
function validIin(first11) {
  const d = [...first11].map(Number);
  const sum = (w) => w.reduce((acc, x, i) => acc + d[i] * x, 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return first11 + String(c);
}
const IIN = validIin('88051230015');
const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

if (!BASE) {
  missingServerTest();
} else {
  describe(`dashboard at ${BASE}`, () => {
    let browser, context, page;
    const step = stepper();
    const signIn = async (login) => {
      await signInAs(page, login);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    };
    const signOut = () => signOutOf(page);
    const nav = () => page.getByRole('navigation', { name: en['layout.nav'] });
    const live = (field) => page.locator(`[data-live="${field}"] dd`);
    const liveNumber = async (field) => Number(await live(field).textContent());
    const chart = (name) => page.locator(`figure[data-chart="${name}"]`);
    const apiJson = async (path) => {
      const res = await page.request.get(`${BASE}${path}`);
      assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
      return res.json();
    };
    /** Runs `act` and fails if a request matching `match` was sent meanwhile. */
    const nothingSent = async (match, act) => {
      let sent = false;
      const watch = (r) => {
        if (match(r)) sent = true;
      };
      page.on('request', watch);
      try {
        await act();
      } finally {
        page.off('request', watch);
      }
      assert.equal(sent, false, 'nothing was sent');
    };

    let manager; // GET /auth/me of the manager
    let today; // the server's local today

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    step('the manager opens the dashboard: today live, connected', async () => {
      await page.goto(`${BASE}/#/dashboard`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn('manager');
      manager = (await apiJson('/api/v1/auth/me')).employee;
      await assertH1(page, en['dash.heading']);
      assert.equal(await nav().getByRole('link', { name: en['nav.dashboard'], exact: true }).getAttribute('aria-current'), 'page');
      await live('accepted').waitFor();
      await page.locator('[data-field="live-state"][data-connected="true"]').waitFor();
      const numbers = await apiJson(`/api/v1/dashboard/live`);
      today = numbers.today;
      assert.equal(numbers.branch_id, manager.branch_id);
      assert.equal(await liveNumber('accepted'), numbers.accepted);
      assert.equal(await liveNumber('waiting'), numbers.waiting);
      // The period starts as this month up to the server's today.
      assert.equal(await page.getByLabel(en['dash.from'], { exact: true }).inputValue(), `${today.slice(0, 8)}01`);
      assert.equal(await page.getByLabel(en['dash.to'], { exact: true }).inputValue(), today);
    });

    step('a ticket taken and an application accepted show up live, without a reload', async () => {
      const tickets = await liveNumber('tickets');
      const waiting = await liveNumber('waiting');
      const accepted = await liveNumber('accepted');
      let taken;
      await nothingSent(
        (r) => pathIs(r, 'GET', '/api/v1/dashboard/live'),
        async () => {
          const ticket = await page.request.post(`${BASE}/api/v1/branches/${manager.branch_id}/tickets`, { data: { queue: 'A', lang: 'kk', priority: 'none' } });
          assert.equal(ticket.status(), 201, await ticket.text());
          taken = await ticket.json();
          await page.waitForFunction(([n]) => Number(document.querySelector('[data-live="tickets"] dd')?.textContent) === n, [tickets + 1]);
          await page.waitForFunction(([n]) => Number(document.querySelector('[data-live="waiting"] dd')?.textContent) === n, [waiting + 1]);

          const staff = await browser.newContext();
          try {
            const api = staff.request;
            const login = await api.post(`${BASE}/api/v1/auth/login`, { data: { login: 'operator', password: PASSWORD } });
            assert.equal(login.status(), 200, await login.text());
            const csrf = (await staff.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value;
            const post = (path, data) => api.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
            const reference = `DASH-${RUN}`;
            const consent = await post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE });
            assert.equal(consent.status(), 201, await consent.text());
            const res = await post('/api/v1/applications', {
              service_code: SERVICE,
              lang: 'ru',
              applicant: {
                iin: IIN,
                surname: APPLICANT.surname,
                name: APPLICANT.name,
                phone: '+77011234568',
                id_document: { type: 'id_card', number: APPLICANT.doc, valid_until: APPLICANT.docValid },
              },
              documents: [{ code: 'application', kind: 'original', pages: 1 }],
              payments: [],
              form_complete: false,
              first_time: false,
              consents: [{ kind: 'written', reference }],
            });
            assert.equal(res.status(), 201, await res.text());
            // The ticket is called and marked a no-show, so that nobody is left waiting for
            // the other tests: the waiting number goes back down, live.
            const call = await post('/api/v1/windows/1/call', { ticket_id: taken.id });
            assert.equal(call.status(), 200, await call.text());
            const gone = await post(`/api/v1/tickets/${taken.id}/no-show`, {});
            assert.equal(gone.status(), 200, await gone.text());
          } finally {
            await staff.close();
          }
          await page.waitForFunction(([n]) => Number(document.querySelector('[data-live="accepted"] dd')?.textContent) === n, [accepted + 1]);
          await page.waitForFunction(([n]) => Number(document.querySelector('[data-live="waiting"] dd')?.textContent) === n, [waiting]);
        },
      );
    });

    step('the period: charts as SVG images with their numbers, agreeing with the API', async () => {
      // Keyboard: Enter in the period's field shows it again (the new application included).
      const [response] = await Promise.all([
        page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/dashboard')),
        page.getByLabel(en['dash.to'], { exact: true }).press('Enter'),
      ]);
      assert.equal(response.status(), 200);
      const d = await response.json();
      assert.equal(new URL(response.url()).searchParams.get('from'), `${today.slice(0, 8)}01`);
      assert.ok(d.volumes.accepted >= 1);
      for (const name of ['volumes-by-day', 'volumes-by-service', 'on-time', 'stages', 'waits-by-hour', 'ratings']) {
        await chart(name).waitFor();
      }
      const img = chart('volumes-by-day').locator('svg[role="img"]');
      assert.equal(await img.count(), 1);
      // Its accessible name: the caption and the summary.
      const name = await img.evaluate((el) =>
        el.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '),
      );
      assert.ok(name.startsWith(en['dash.volumes.caption']), name);
      assert.ok(name.includes(String(d.volumes.accepted)), name);
      // Today's column: its numbers in the table equal the API's.
      const day = d.volumes.by_day.find((v) => v.day === today);
      assert.ok(day, 'today is in the period');
      await chart('volumes-by-day').getByText(en['dash.chart.numbers'], { exact: true }).click();
      const row = chart('volumes-by-day').locator('tbody tr').filter({ has: page.locator('th', { hasText: today.slice(5) }) });
      assert.deepEqual(await row.locator('td').allTextContents(), [String(day.accepted), String(day.refused)]);
      // The bars are as many as the days with applications.
      assert.equal(await chart('volumes-by-day').locator('rect').count(), d.volumes.by_day.reduce((n, v) => n + (v.accepted > 0) + (v.refused > 0), 0));
      // The stage chart has the accepted stage with the API's count.
      const stages = chart('stages').locator('tbody tr').filter({ has: page.locator('th', { hasText: en['stage.accepted'] }) });
      assert.deepEqual(await stages.locator('td').allTextContents(), [String(d.stages.accepted)]);
    });

    step('filters: a provider with nothing empties the charts; a period ending before it starts is refused on the page', async () => {
      const provider = page.getByLabel(en['dash.provider'], { exact: true });
      await provider.fill('XX');
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/dashboard')), provider.press('Enter')]);
      assert.equal(new URL(response.url()).searchParams.get('provider_code'), 'XX');
      assert.equal((await response.json()).volumes.accepted, 0);
      await chart('volumes-by-day').locator('[data-note="empty"]').filter({ hasText: en['dash.chart.empty'] }).waitFor();
      await provider.fill('');

      const from = page.getByLabel(en['dash.from'], { exact: true });
      const to = page.getByLabel(en['dash.to'], { exact: true });
      await from.fill(today);
      await to.fill(`${today.slice(0, 8)}01`);
      await nothingSent(
        (r) => pathIs(r, 'GET', '/api/v1/dashboard'),
        async () => {
          await to.press('Enter');
          await page.getByRole('alert').filter({ hasText: en['dash.period_invalid'] }).waitFor();
        },
      );
      assert.equal(await to.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'to');
      await from.fill(`${today.slice(0, 8)}01`);
      await to.fill(today);
      await Promise.all([page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/dashboard')), to.press('Enter')]);
      await chart('volumes-by-day').locator('svg').waitFor();
    });

    step('breaches: counts by kind for the period and the list, filtered by kind', async () => {
      const counts = chart('breach-counts');
      await counts.waitFor();
      await counts.getByText(en['dash.chart.numbers'], { exact: true }).click();
      const api = await apiJson(`/api/v1/breaches/counts?from=${today.slice(0, 8)}01&to=${today}`);
      for (const k of KINDS) {
        const row = counts.locator('tbody tr').filter({ has: page.locator('th', { hasText: en[`breach.kind.${k}`] }) });
        assert.deepEqual(await row.locator('td').allTextContents(), [String(api.totals[k])], k);
      }
      const list = await apiJson(`/api/v1/breaches?from=${today.slice(0, 8)}01&to=${today}&limit=50`);
      const shown = page.locator('[data-list="breaches"]');
      if (list.items.length) {
        await shown.locator('tr[data-breach]').first().waitFor();
        assert.equal(await shown.locator('tr[data-breach]').count(), list.items.length);
      } else {
        await shown.locator('[data-note="no-breaches"]').waitFor();
      }
      const kind = page.getByLabel(en['dash.breaches.kind'], { exact: true });
      assert.equal(await kind.locator('option').count(), KINDS.length + 1);
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/breaches')), kind.selectOption('long_wait')]);
      assert.equal(new URL(response.url()).searchParams.get('kind'), 'long_wait');
      assert.equal(response.status(), 200);
    });

    step('no axe-core violations in en, kk and ru', async () => {
      await assertNoAxeViolations(page, 'dashboard in en');
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(page, cat['dash.heading']);
        await page.locator(`figure[data-chart="volumes-by-day"] figcaption`).filter({ hasText: cat['dash.volumes.caption'] }).waitFor();
        await page.locator('[data-live="waiting"] dt').filter({ hasText: cat['dash.live.waiting'] }).waitFor();
        await assertNoAxeViolations(page, `dashboard in ${lang}`);
      }
      await page.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(page, en['dash.heading']);
      await signOut();
    });

    step('the central office sees the network, then picks the branch', async () => {
      await signIn('central');
      await page.goto(`${BASE}/#/dashboard`);
      await assertH1(page, en['dash.heading']);
      await page.locator('[data-field="live-state"][data-connected="true"]').waitFor();
      const network = await apiJson('/api/v1/dashboard/live');
      assert.equal(network.branch_id, null);
      await page.waitForFunction(([n]) => Number(document.querySelector('[data-live="accepted"] dd')?.textContent) === n, [network.accepted]);
      const branch = page.getByLabel(en['dash.branch'], { exact: true });
      await branch.locator(`option[value="${manager.branch_id}"]`).waitFor({ state: 'attached' });
      assert.equal(await branch.inputValue(), '');
      await branch.selectOption(String(manager.branch_id));
      const [response] = await Promise.all([
        page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/dashboard')),
        page.getByRole('button', { name: en['dash.show'], exact: true }).click(),
      ]);
      assert.equal(new URL(response.url()).searchParams.get('branch_id'), String(manager.branch_id));
      assert.equal((await response.json()).branch_id, manager.branch_id);
      await page.locator('[data-field="live-state"][data-connected="true"]').waitFor();
      await assertNoAxeViolations(page, 'dashboard of the central office');
      await signOut();
    });

    step('an operator has no dashboard', async () => {
      await signIn('operator');
      await nav().getByRole('link', { name: en['nav.services'], exact: true }).waitFor();
      assert.equal(await nav().locator('a[href="#/dashboard"]').count(), 0);
      await page.goto(`${BASE}/#/dashboard`);
      await assertH1(page, en['denied.heading']);
      const ws = await page.request.get(`${BASE}/api/v1/dashboard/live`);
      assert.equal(ws.status(), 403);
      await signOut();
    });
  });
}
