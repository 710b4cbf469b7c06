// Browser test of the Tereze web shell against a running server.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must serve web/dist at / and the auth API under /api/v1/auth/,
// with the demo account operator / tereze-demo. Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, escapeRe, fill, PASSWORD, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations as checkAxe, meStatus as meStatusOf, cookie as cookieOf, submitLogin,
} from './support/browser.mjs';

const LOGIN = 'operator';
// Every check here injects axe-core again, as this file always did.
const assertNoAxeViolations = (page, what) => checkAxe(page, what, { reinject: true });

if (!BASE) {
  missingServerTest();
} else {
  describe(`Tereze web shell at ${BASE}`, () => {
    let browser, context, page;
    let employee; // from the login response

    // Steps depend on each other: once one fails, skip the rest instead of piling up noise.
    const step = stepper();

    const meStatus = () => meStatusOf(page);
    const cookie = (name) => cookieOf(context, name);

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
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
      const response = await submitLogin(page, LOGIN, `wrong-${Date.now()}`);
      assert.equal(response.status(), 401, 'a wrong password must be answered with 401');
      assert.equal((await response.json())?.error?.code, 'invalid_credentials');
      await page.getByRole('alert').filter({ hasText: en['error.invalid_credentials'] }).waitFor();
      assert.equal(await meStatus(), 401, 'no session after a failed login');
    });

    step('logs in as operator and shows the layout', async () => {
      const response = await submitLogin(page, LOGIN, PASSWORD);
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
