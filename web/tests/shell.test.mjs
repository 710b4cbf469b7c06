// Browser test of the Tereze web shell against a running server.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must serve web/dist at / and the auth API under /api/v1/auth/,
// with the demo account operator / tereze-demo. Uses the system Chromium.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.TEREZE_URL?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_PATH = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const catalog = (lang) => JSON.parse(readFileSync(new URL(`../src/i18n/${lang}.json`, import.meta.url), 'utf8'));
const en = catalog('en');
const kk = catalog('kk');

const LOGIN = 'operator';
const PASSWORD = 'tereze-demo';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (_, k) => params[k]);

async function assertNoAxeViolations(page, what) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  assert.equal(
    violations.length,
    0,
    `axe-core found ${violations.length} violation(s) on the ${what}:\n${JSON.stringify(violations, null, 2)}`,
  );
}

if (!BASE) {
  it('TEREZE_URL is set', () => {
    assert.fail('TEREZE_URL is not set: start the Tereze server and run e.g. TEREZE_URL=http://127.0.0.1:8080 npm test');
  });
} else {
  describe(`Tereze web shell at ${BASE}`, () => {
    let browser, context, page;
    let employee; // from the login response
    let failed = false;

    // Steps depend on each other: once one fails, skip the rest instead of piling up noise.
    const step = (name, fn) =>
      it(name, async (t) => {
        if (failed) return t.skip('an earlier step failed');
        try {
          await fn();
        } catch (e) {
          failed = true;
          throw e;
        }
      });

    const meStatus = async () => (await page.request.get(`${BASE}/api/v1/auth/me`)).status();
    const cookie = async (name) => (await context.cookies(BASE)).find((c) => c.name === name);

    before(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      context = await browser.newContext({ locale: 'en-US' });
      context.setDefaultTimeout(15_000);
      page = await context.newPage();
    });

    after(async () => {
      await browser?.close();
    });

    step('shows the login page', async () => {
      const res = await page.goto(`${BASE}/`);
      assert.ok(res?.ok(), `GET ${BASE}/ answered ${res?.status()}`);
      await page.getByRole('heading', { level: 1, name: en['app.name'] }).waitFor();
      await page.getByText(en['app.subtitle']).waitFor();
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await page.getByLabel(en['login.password'], { exact: true }).waitFor();
      await page.getByRole('button', { name: en['login.submit'], exact: true }).waitFor();
      for (const lang of ['kk', 'ru', 'en']) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).waitFor();
      }
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
    });

    step('login page has no axe-core violations', async () => {
      await assertNoAxeViolations(page, 'login page');
    });

    step('a wrong password shows the error alert', async () => {
      await page.getByLabel(en['login.login'], { exact: true }).fill(LOGIN);
      await page.getByLabel(en['login.password'], { exact: true }).fill(`wrong-${Date.now()}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: en['login.submit'], exact: true }).click(),
      ]);
      assert.equal(response.status(), 401, 'a wrong password must be answered with 401');
      assert.equal((await response.json())?.error?.code, 'invalid_credentials');
      await page.getByRole('alert').filter({ hasText: en['error.invalid_credentials'] }).waitFor();
      assert.equal(await meStatus(), 401, 'no session after a failed login');
    });

    step('logs in as operator and shows the layout', async () => {
      await page.getByLabel(en['login.login'], { exact: true }).fill(LOGIN);
      await page.getByLabel(en['login.password'], { exact: true }).fill(PASSWORD);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
        page.getByRole('button', { name: en['login.submit'], exact: true }).click(),
      ]);
      assert.equal(response.status(), 200, `login answered ${response.status()}: ${await response.text()}`);
      const body = await response.json();
      employee = body.employee;
      assert.equal(employee?.login, LOGIN);
      assert.ok(employee.roles.includes('operator'), `roles: ${JSON.stringify(employee.roles)}`);

      await page.getByRole('banner').waitFor();
      await page.getByRole('navigation').waitFor();
      const main = page.getByRole('main');
      const h1 = main.getByRole('heading', { level: 1 });
      await h1.filter({ hasText: new RegExp(escapeRe(employee.name)) }).waitFor();
      const fullName = [employee.surname, employee.name, employee.patronymic].filter(Boolean).join(' ');
      assert.equal(await h1.textContent(), fill(en['home.welcome'], { name: fullName }));
      await page.getByRole('banner').getByText(fullName, { exact: true }).waitFor();
      await main.locator('[data-role="operator"]').filter({ hasText: en['role.operator'] }).waitFor();
      assert.equal((await main.locator('[data-field="branch_id"]').textContent())?.trim(), String(employee.branch_id));

      // The session is the HttpOnly cookie; the app must not keep the token anywhere.
      const session = await cookie('tereze_session');
      assert.ok(session, 'server set the tereze_session cookie');
      assert.equal(session.httpOnly, true, 'tereze_session must be HttpOnly');
      const csrf = await cookie('tereze_csrf');
      assert.ok(csrf?.value, 'server set the tereze_csrf cookie');
      assert.equal(csrf.httpOnly, false, 'tereze_csrf must be readable by JS');
      if (body.token) {
        const stored = await page.evaluate(() => {
          const all = [document.cookie];
          for (const s of [localStorage, sessionStorage]) {
            for (let i = 0; i < s.length; i++) all.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
          }
          return all.join('\n');
        });
        assert.ok(!stored.includes(body.token), 'the token must not be stored in web storage or JS-readable cookies');
      }
      assert.equal(await meStatus(), 200);
    });

    step('logged-in layout has no axe-core violations', async () => {
      await assertNoAxeViolations(page, 'logged-in layout');
    });

    step('switching to Kazakh translates the page and sets html lang', async () => {
      await page.getByRole('button', { name: en['lang.kk'], exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'kk');
      await page.getByRole('button', { name: kk['layout.signout'], exact: true }).waitFor();
      await page.getByRole('main').getByRole('heading', { level: 1 }).filter({ hasText: kk['home.welcome'].split('{')[0].trim() }).waitFor();
      assert.equal(await page.getByRole('button', { name: en['lang.kk'], exact: true }).getAttribute('aria-pressed'), 'true');
    });

    step('after a reload the session and the language are kept', async () => {
      await page.reload();
      await page.getByRole('main').getByRole('heading', { level: 1 }).filter({ hasText: employee.name }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'kk');
      await page.getByRole('button', { name: kk['layout.signout'], exact: true }).waitFor();
      await assertNoAxeViolations(page, 'logged-in layout in Kazakh');
    });

    step('a state-changing request without X-CSRF-Token is rejected', async () => {
      const res = await page.request.post(`${BASE}/api/v1/auth/logout`);
      assert.ok(res.status() >= 400 && res.status() < 500, `logout without X-CSRF-Token answered ${res.status()}`);
      assert.equal(await meStatus(), 200, 'the session must survive a logout without CSRF token');
    });

    step('sign out returns to the login page and ends the session', async () => {
      const csrf = (await cookie('tereze_csrf'))?.value;
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/logout') && r.method() === 'POST'),
        page.getByRole('button', { name: kk['layout.signout'], exact: true }).click(),
      ]);
      assert.equal(request.headers()['x-csrf-token'], csrf, 'logout must send X-CSRF-Token from the tereze_csrf cookie');
      assert.equal((await request.response())?.status(), 204);

      await page.getByRole('heading', { level: 1, name: kk['app.name'] }).waitFor();
      await page.getByLabel(kk['login.login'], { exact: true }).waitFor();
      await page.getByRole('button', { name: kk['login.submit'], exact: true }).waitFor();

      assert.equal(await meStatus(), 401, 'GET /api/v1/auth/me after sign out (page.request)');
      const inPage = await page.evaluate(async () => (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).status);
      assert.equal(inPage, 401, 'GET /api/v1/auth/me after sign out (fetch in page)');
    });
  });
}
