// Browser test of the monthly reports and reconciliation acts (#/reports and the provider's
// portal #/provider, R37, R38): the branch manager opens the month's report, whose figures match
// the API's, downloads its CSV and draws up the reconciliation act; the provider's officer
// acknowledges the report, enters a discrepancy and signs; the manager signs and the act is
// signed by both; a discrepancy after the signatures is refused with the error shown; the central
// office generates the missing reports, draws a central act and downloads the quality export;
// axe-core finds nothing in kk and ru.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test   (through scripts/with-server.sh)
//
// A report needs an ended month with data, and the test clock of the shared server starts on
// 2026-11-24 and never goes back: moving it past 1 December would change the dates later test
// files check (track: the issue date). So this file starts a server of its own — the binary
// scripts/with-server.sh runs (or $TEREZE_BIN), a fresh demo database, the same test clock —
// accepts an application and has a refusal recorded on 24 November, then moves its own clock a
// week on, to Tuesday 1 December, when the monthly job stores and delivers November's reports.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASE, PASSWORD, en, kk, ru, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn,
} from './support/browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVICE = '00803008'; // provider MP; no payments; consent required
const IIN = '870412300129'; // valid check digit
const MONTH = '2026-11';
const FIGURES = ['accepted', 'refused', 'sent', 'results_on_time', 'results_late', 'provider_refused', 'issued', 'returned_unclaimed', 'in_storage', 'ratings'];

/** The server binary: scripts/with-server.sh exports the one it runs as $TEREZE_BIN. */
function serverBinary() {
  return process.env.TEREZE_BIN ?? null;
}

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

if (!BASE) {
  missingServerTest();
} else {
  describe('monthly reports and reconciliation acts (a server of its own)', () => {
    let browser, context, page;
    let srv, dir, URL_;
    const step = stepper();
    let report; // GET /reports/{id} as the manager, before the act
    let reportId;

    const apiJson = async (path) => {
      const res = await page.request.get(`${URL_}${path}`);
      assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
      return res.json();
    };
    const setLang = async (cat) => {
      const name = cat === kk ? en['lang.kk'] : cat === ru ? en['lang.ru'] : en['lang.en'];
      await page.getByRole('button', { name, exact: true }).first().click();
      await page.waitForFunction((l) => document.querySelector(`.lang-switch [data-lang="${l}"]`)?.getAttribute('aria-pressed') === 'true', cat === kk ? 'kk' : cat === ru ? 'ru' : 'en');
    };
    const signOut = async (cat) => {
      await page.getByRole('button', { name: cat['layout.signout'], exact: true }).click();
      await page.getByLabel(cat['login.login'], { exact: true }).waitFor();
    };
    const actSection = () => page.locator('section[data-section="act"]');

    before(async () => {
      const bin = serverBinary();
      assert.ok(bin && existsSync(bin), 'the server binary: run through scripts/with-server.sh or set TEREZE_BIN');
      dir = mkdtempSync(join(tmpdir(), 'tereze-reports-'));
      execFileSync(bin, ['demo', '--db', `sqlite:${dir}/t.db`, '--catalog', join(ROOT, 'data/catalog/services.json')], { stdio: 'ignore' });
      const port = await freePort();
      srv = spawn(bin, ['serve', '--db', `sqlite:${dir}/t.db`, '--listen', `127.0.0.1:${port}`, '--web', join(ROOT, 'web/dist'), '--test-clock', '2026-11-24T10:00:00+05:00'], { stdio: 'ignore' });
      URL_ = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        try {
          if ((await fetch(`${URL_}/healthz`)).ok) break;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
      if (srv && srv.exitCode === null) {
        const done = new Promise((r) => srv.once('exit', r));
        srv.kill();
        await done;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    step('November has an application and a refusal; on 1 December the monthly job stores the report (API)', async () => {
      const staff = await browser.newContext();
      try {
        const api = staff.request;
        const login = async (who) => {
          const r = await api.post(`${URL_}/api/v1/auth/login`, { data: { login: who, password: PASSWORD } });
          assert.equal(r.status(), 200, await r.text());
          return (await staff.cookies(URL_)).find((c) => c.name === 'tereze_csrf')?.value;
        };
        let csrf = await login('operator');
        const post = (path, data) => api.post(`${URL_}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
        const application = async (reference, documents) => {
          const consent = await post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE });
          assert.equal(consent.status(), 201, await consent.text());
          return post('/api/v1/applications', {
            service_code: SERVICE,
            lang: 'ru',
            applicant: { iin: IIN, surname: 'Сейтқали', name: 'Айгүл', patronymic: '', phone: '', id_document: { type: 'id_card', number: '045123456', valid_until: '2030-12-31' } },
            documents,
            payments: [],
            form_complete: false,
            first_time: false,
            consents: [{ kind: 'written', reference }],
          });
        };
        const ok = await application('REP-1', [{ code: 'application', kind: 'original', pages: 1 }]);
        assert.equal(ok.status(), 201, await ok.text());
        const refused = await application('REP-2', []);
        assert.equal(refused.status(), 422, await refused.text());
        // November is not over: generating it is refused.
        csrf = await login('central');
        const early = await post('/api/v1/reports/generate', { month: MONTH });
        assert.equal(early.status(), 422, await early.text());
        assert.equal((await early.json()).error.code, 'month_not_over');
        const clock = await post('/api/v1/test/clock', { advance_seconds: 7 * 86400 });
        assert.equal(clock.status(), 200, await clock.text());
        assert.match((await clock.json()).now, /^2026-12-01T05:00/);
        // The sessions ended with the week; the job runs on the server's tick.
        csrf = await login('central');
        let items = [];
        for (let i = 0; i < 100 && !items.length; i++) {
          items = (await (await api.get(`${URL_}/api/v1/reports?month=${MONTH}`)).json()).items;
          if (!items.length) await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(items.length, 1, 'one report: AST-01 on MP');
        reportId = items[0].id;
        assert.ok(items[0].delivered_at, 'delivered at once');
      } finally {
        await staff.close();
      }
    });

    step('the manager (kk) sees the month\'s report in the list and opens it: the figures are the API\'s', async () => {
      await page.goto(`${URL_}/#/reports`);
      await setLang(kk);
      await signIn(page, 'manager', kk);
      await assertH1(page, kk['reports.heading']);
      const nav = page.getByRole('navigation', { name: kk['layout.nav'] });
      assert.equal(await nav.getByRole('link', { name: kk['nav.reports'], exact: true }).getAttribute('aria-current'), 'page');
      // The month defaults to the previous one by the server's clock (1 December).
      assert.equal(await page.getByLabel(kk['reports.month'], { exact: true }).inputValue(), MONTH);
      const row = page.locator(`[data-list="reports"] tr[data-report="${reportId}"]`);
      await row.waitFor();
      assert.equal((await row.locator('[data-field="report"]').textContent()).trim(), 'AST-01 / MP / 2026-11');
      await assertNoAxeViolations(page, 'reports list in kk');
      await row.locator('[data-link="open-report"]').click();
      await page.locator('h1[data-report-id]').waitFor();
      assert.equal(await page.locator('h1').count(), 1);
      report = await apiJson(`/api/v1/reports/${reportId}`);
      assert.equal(report.act, null);
      const line = report.lines.find((l) => l.service_code === SERVICE);
      assert.ok(line, 'the report has a line of the service');
      assert.equal(line.figures.accepted, 1);
      assert.equal(line.figures.refused, 1);
      const tr = page.locator(`table[data-table="lines"] tbody tr[data-service="${SERVICE}"]`);
      for (const f of FIGURES) {
        assert.equal((await tr.locator(`[data-field="${f}"]`).textContent()).trim(), String(line.figures[f]), f);
        assert.equal((await page.locator(`tr[data-row="totals"] [data-field="${f}"]`).textContent()).trim(), String(report.totals[f]), `total ${f}`);
      }
      assert.equal((await page.locator('[data-list="queue"] [data-field="tickets"]').textContent()).trim(), String(report.queue.tickets));
      const missing = line.top_missing_documents.map((d) => d.code);
      assert.deepEqual(missing, ['application']);
      await page.locator(`[data-list="missing"] li[data-service="${SERVICE}"]`).filter({ hasText: '(1)' }).waitFor();
      await assertNoAxeViolations(page, 'report in kk');
    });

    step('the CSV and the PDFs download with the figures', async () => {
      const csvHref = await page.locator('[data-link="report-csv"]').getAttribute('href');
      assert.match(csvHref, new RegExp(`^/api/v1/reports/${reportId}/document\\?format=csv&lang=kk$`));
      const csv = await page.request.get(`${URL_}${csvHref}`);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      const [head, ...rows] = (await csv.text()).trim().split(/\r?\n/);
      const cols = head.split(',');
      const row = rows.find((r) => r.includes(`,${SERVICE},`));
      assert.ok(row, 'a row of the service');
      // The service's name may hold commas (quoted): count the figures from the end.
      const cells = row.split(',');
      const fromEnd = (name) => cells[cells.length - (cols.length - cols.indexOf(name))];
      for (const f of FIGURES) assert.equal(fromEnd(f), String(report.lines[0].figures[f]), `csv ${f}`);
      for (const [link, type] of [['report-pdf-kk', 'application/pdf'], ['report-pdf-ru', 'application/pdf'], ['report-xlsx', 'spreadsheetml']]) {
        const href = await page.locator(`[data-link="${link}"]`).getAttribute('href');
        const res = await page.request.get(`${URL_}${href}`);
        assert.equal(res.status(), 200, link);
        assert.ok(res.headers()['content-type'].includes(type), `${link}: ${res.headers()['content-type']}`);
      }
    });

    step('the manager draws up the act: drafted, nobody signed yet', async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/reports/${reportId}/act`)),
        page.getByRole('button', { name: kk['act.draw'], exact: true }).click(),
      ]);
      assert.equal(res.status(), 201);
      await actSection().locator('[data-field="act-status"][data-status="drafted"]').waitFor();
      assert.equal((await actSection().locator('[data-field="center_signed_at"]').textContent()).trim(), kk['act.not_signed']);
      assert.equal((await apiJson(`/api/v1/reports/${reportId}`)).act.status, 'drafted');
      await assertNoAxeViolations(page, 'drafted act in kk');
      await signOut(kk);
    });

    step('the provider (ru) acknowledges the report, enters a discrepancy and signs', async () => {
      await setLang(ru);
      await signIn(page, 'provider', ru);
      await page.goto(`${URL_}/#/provider`);
      await page.getByRole('heading', { level: 2, name: ru['provider.reports.heading'], exact: true }).waitFor();
      const sec = page.locator('section[data-section="reports"]');
      const row = sec.locator(`tr[data-report="${reportId}"]`);
      await row.waitFor();
      await row.locator('[data-action="open-report"]').click();
      await sec.locator(`section[data-report="${reportId}"] h3[data-report-id]`).waitFor();
      await actSection().locator('[data-field="act-status"][data-status="drafted"]').waitFor();
      await page.getByRole('button', { name: ru['reports.acknowledge'], exact: true }).click();
      await sec.locator('[data-field="report-notice"]').filter({ hasText: ru['reports.acknowledged'] }).waitFor();
      await sec.locator(`tr[data-report="${reportId}"] [data-flag="acknowledged"]`).waitFor();
      assert.ok((await apiJson(`/api/v1/reports/${reportId}`)).acknowledged_at);

      await page.getByLabel(ru['act.discrepancy.service'], { exact: true }).selectOption(SERVICE);
      await page.getByLabel(ru['act.discrepancy.figure'], { exact: true }).selectOption('accepted');
      await page.getByLabel(ru['act.discrepancy.value'], { exact: true }).fill('2');
      await page.getByLabel(ru['act.discrepancy.comment'], { exact: true }).fill('Поступило два заявления');
      await page.getByRole('button', { name: ru['act.discrepancy.add'], exact: true }).click();
      const d = actSection().locator('tr[data-discrepancy]');
      await d.waitFor();
      assert.equal((await d.locator('[data-field="center_value"]').textContent()).trim(), '1');
      assert.equal((await d.locator('[data-field="provider_value"]').textContent()).trim(), '2');
      assert.equal((await d.locator('[data-field="side"]').textContent()).trim(), ru['act.side.provider']);
      await assertNoAxeViolations(page, 'provider reports in ru');

      await page.getByRole('button', { name: ru['act.sign.provider'], exact: true }).click();
      await actSection().locator('[data-field="act-status"][data-status="signed_by_provider"]').waitFor();
      await actSection().locator('[data-field="provider_signed_at"] time').waitFor();
      assert.equal(await page.getByRole('button', { name: ru['act.sign.provider'], exact: true }).count(), 0);
      await signOut(ru);
    });

    step('the manager (ru) signs from the report: the act is signed by both', async () => {
      await signIn(page, 'manager', ru);
      await page.goto(`${URL_}/#/reports/${reportId}`);
      await actSection().locator('[data-field="act-status"][data-status="signed_by_provider"]').waitFor();
      await actSection().locator('tr[data-discrepancy]').waitFor();
      await page.getByRole('button', { name: ru['act.sign.center'], exact: true }).click();
      await actSection().locator('[data-field="act-status"][data-status="signed"]').waitFor();
      assert.equal((await actSection().locator('[data-field="act-status"]').textContent()).trim(), ru['act.status.signed']);
      await actSection().locator('[data-field="center_signed_at"] time').waitFor();
      await actSection().locator('[data-field="provider_signed_at"] time').waitFor();
      const act = await apiJson(`/api/v1/reconciliation-acts/${(await apiJson(`/api/v1/reports/${reportId}`)).act.id}`);
      assert.equal(act.status, 'signed');
      assert.ok(act.center_signed_at && act.provider_signed_at);
      await assertNoAxeViolations(page, 'signed act in ru');
    });

    step('a discrepancy after the signatures is refused and the error is shown', async () => {
      await page.getByLabel(ru['act.discrepancy.value'], { exact: true }).fill('3');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && /\/discrepancies$/.test(r.url())),
        page.getByRole('button', { name: ru['act.discrepancy.add'], exact: true }).click(),
      ]);
      assert.equal(res.status(), 409);
      await actSection().getByRole('alert').filter({ hasText: ru['error.act_signing_started'] }).waitFor();
      assert.equal(await actSection().locator('tr[data-discrepancy]').count(), 1);
      await assertNoAxeViolations(page, 'act error in ru');
      await signOut(ru);
    });

    step('the central office (kk) generates, draws the central act and downloads the quality export', async () => {
      await setLang(kk);
      await signIn(page, 'central', kk);
      await page.goto(`${URL_}/#/reports`);
      await assertH1(page, kk['reports.heading']);
      await page.locator(`[data-list="reports"] tr[data-report="${reportId}"] [data-field="act"] [data-status="signed"]`).waitFor();
      await page.locator(`[data-list="reports"] tr[data-report="${reportId}"] [data-flag="acknowledged"]`).waitFor();

      await page.getByLabel(kk['reports.generate.month'], { exact: true }).fill(MONTH);
      await page.getByRole('button', { name: kk['reports.generate.submit'], exact: true }).click();
      await page.locator('[data-field="generate-notice"]').filter({ hasText: MONTH }).waitFor();

      await page.getByLabel(kk['central.month'], { exact: true }).fill(MONTH);
      await page.getByLabel(kk['central.provider'], { exact: true }).fill('MP');
      await page.getByRole('button', { name: kk['central.draw'], exact: true }).click();
      await page.locator('[data-field="central-notice"]').filter({ hasText: 'MP' }).waitFor();
      const central = page.locator('[data-list="central-acts"] tr[data-central-act]');
      await central.waitFor();
      assert.equal((await central.locator('[data-field="reports"]').textContent()).trim(), '1');
      const pdf = await page.request.get(`${URL_}${await central.locator('[data-link="central-pdf-ru"]').getAttribute('href')}`);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      // A second act on the same provider and month is refused.
      await page.getByRole('button', { name: kk['central.draw'], exact: true }).click();
      await page.locator('[data-section="central-acts"] [role="alert"]').filter({ hasText: kk['error.central_act_exists'] }).waitFor();

      const json = await page.request.get(`${URL_}${await page.locator('[data-link="export-json"]').getAttribute('href')}`);
      const body = await json.json();
      assert.equal(body.schema, 'tereze.quality_export.v1');
      assert.equal(body.month, MONTH);
      assert.equal(body.rows.find((r) => r.service_code === SERVICE)?.accepted, 1);
      const csv = await page.request.get(`${URL_}${await page.locator('[data-link="export-csv"]').getAttribute('href')}`);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      assert.match(await csv.text(), /^branch_id,branch_code,region,provider_code,service_code,accepted/);
      await assertNoAxeViolations(page, 'central reports in kk');
      await setLang(ru);
      await assertH1(page, ru['reports.heading']);
      await assertNoAxeViolations(page, 'central reports in ru');
    });

    step('an operator has no reports in the menu and is refused the page', async () => {
      await signOut(ru);
      await signIn(page, 'operator', ru);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.getByRole('link', { name: ru['nav.reports'], exact: true }).count(), 0);
      await page.goto(`${URL_}/#/reports`);
      await assertH1(page, ru['denied.heading']);
    });
  });
}
