// Browser test of the administration screens against a running server: branches
// (list, new branch, edit, retire), one branch (windows, seating, the branch's own
// days, the appointments-only switch that the kiosk follows, R8), the trainings on the
// staff list (R16) and an employee's position in Kazakh.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded (scripts/with-server.sh does that): branch 1
// with windows 1–10, the operator (employee 1), the consultant (employee 2).
// Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, catalog, en, ru, kk as kkCatalog, fill, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, cookie, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const BRANCH_NAME_EN = 'Public Service Center No. 1, Astana';
const CONSULTANT = 'Нұрланов Ерлан Бекұлы'; // employee 2
// Unique per run, so that the test also passes against a database it already ran on.
const SUFFIX = Date.now().toString(36).slice(-5).toUpperCase();
const CODE = `T-${SUFFIX}`;
const BAD_CODE = `B-${SUFFIX}`;
const DAY = '2026-06-17'; // a Wednesday, a working day

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

if (!BASE) {
  missingServerTest();
} else {
  describe(`branch administration at ${BASE}`, () => {
    let browser, context, page;
    // Steps depend on each other: once one fails, skip the rest.
    const step = stepper();

    const csrf = async () => (await cookie(context, 'tereze_csrf'))?.value;
    const apiGet = async (path) => {
      const res = await page.request.get(`${BASE}${path}`);
      assert.equal(res.status(), 200, `GET ${path} answered ${res.status()}`);
      return res.json();
    };
    /** Clicks and returns the response of the first request matching method + path. */
    const submitAndWait = async (method, path, click) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), click()]);
      return response;
    };
    const signIn = async (login) => {
      await signInAs(page, login);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    };
    const signOut = () => signOutOf(page);
    const focused = () =>
      page.evaluate(() => ({
        action: document.activeElement?.getAttribute('data-action'),
        text: document.activeElement?.textContent?.trim(),
        tag: document.activeElement?.tagName,
      }));

    const apiSend = async (method, path, data) => {
      const res = await page.request.fetch(`${BASE}${path}`, { method, data, headers: { 'X-CSRF-Token': (await csrf()) ?? '' } });
      assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    };

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      // Tests share one server: the branch must not stay "by appointment only" whatever happened.
      if (switchedOn) {
        const admin = await browser.newContext();
        const login = await admin.request.post(`${BASE}/api/v1/auth/login`, { data: { login: 'admin', password: 'tereze-demo' } });
        const token = (await admin.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value ?? '';
        if (login.ok()) await admin.request.put(`${BASE}/api/v1/branches/1/appointment-only`, { data: { appointment_only: false }, headers: { 'X-CSRF-Token': token } });
      }
      await browser?.close();
    });
    let switchedOn = false;

    // ---- the list and the new-branch form ----

    step('admin sees Branches in the menu and the list of branches', async () => {
      await page.goto(`${BASE}/#/admin/branches`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn('admin');
      await assertH1(page, en['branches.heading']);
      const link = page.getByRole('navigation').getByRole('link', { name: en['nav.branches'], exact: true });
      assert.equal(await link.getAttribute('aria-current'), 'page');
      const table = page.locator('table[data-table="branches"]');
      const row = table.locator('tr[data-code="AST-01"]');
      await row.waitFor();
      assert.deepEqual(
        await table.locator('thead th').allTextContents(),
        ['name', 'code', 'region', 'time_zone', 'schedule', 'video', 'status', 'actions'].map((c) => en[`branches.col.${c}`]),
      );
      await row.getByRole('rowheader').getByRole('link', { name: BRANCH_NAME_EN }).waitFor();
      await row.getByText('09:00–20:00', { exact: true }).waitFor();
      await row.getByText(`${en['weekday.1']} – ${en['weekday.6']}`, { exact: true }).waitFor();
      await row.getByText(en['tz.Asia/Almaty'], { exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: en['branch.new_heading'] }).waitFor();
      await assertNoAxeViolations(page, 'branches list');
    });

    step('admin creates a branch and sees it in the table', async () => {
      const form = page.locator('form[data-form="new-branch"]');
      await form.getByLabel(en['branch.field.code'], { exact: true }).fill(CODE.toLowerCase());
      await form.getByLabel(en['branch.field.name_kk'], { exact: true }).fill(`Алматы қаласы бойынша ХҚКО ${SUFFIX}`);
      await form.getByLabel(en['branch.field.name_ru'], { exact: true }).fill(`ЦОН города Алматы ${SUFFIX}`);
      await form.getByLabel(en['branch.field.name_en'], { exact: true }).fill(`Test Center ${SUFFIX}, Almaty`);
      await form.getByLabel(en['branch.field.region'], { exact: true }).fill('Almaty');
      await form.getByLabel(en['branch.field.address_kk'], { exact: true }).fill('Алматы қ., Абай даңғылы, 1');
      await form.getByLabel(en['branch.field.address_ru'], { exact: true }).fill('г. Алматы, проспект Абая, 1');
      await form.getByLabel(en['branch.field.time_zone'], { exact: true }).selectOption('Asia/Qostanay');
      await form.getByLabel(en['branch.field.opens_at'], { exact: true }).fill('08:30');
      await form.getByLabel(en['branch.field.closes_at'], { exact: true }).fill('17:30');
      await form.getByLabel(en['weekday.6'], { exact: true }).uncheck(); // Monday–Friday
      await form.getByLabel(en['branch.field.video'], { exact: true }).check();
      const token = await csrf();
      const response = await submitAndWait('POST', '/api/v1/branches', () =>
        form.getByRole('button', { name: en['branch.create'], exact: true }).click(),
      );
      assert.equal(response.status(), 201, `POST /branches answered ${response.status()}: ${await response.text()}`);
      assert.equal(response.request().headers()['x-csrf-token'], token, 'the write carries X-CSRF-Token');
      assert.deepEqual(response.request().postDataJSON(), {
        code: CODE,
        name_kk: `Алматы қаласы бойынша ХҚКО ${SUFFIX}`,
        name_ru: `ЦОН города Алматы ${SUFFIX}`,
        name_en: `Test Center ${SUFFIX}, Almaty`,
        region: 'Almaty',
        address_kk: 'Алматы қ., Абай даңғылы, 1',
        address_ru: 'г. Алматы, проспект Абая, 1',
        time_zone: 'Asia/Qostanay',
        opens_at: '08:30',
        closes_at: '17:30',
        open_weekdays: '1111100',
        video_surveillance: true,
      });
      const row = page.locator(`table[data-table="branches"] tr[data-code="${CODE}"]`);
      await row.waitFor();
      await row.getByRole('link', { name: `Test Center ${SUFFIX}, Almaty` }).waitFor();
      await row.getByText('08:30–17:30', { exact: true }).waitFor();
      await row.getByText(`${en['weekday.1']} – ${en['weekday.5']}`, { exact: true }).waitFor();
      assert.equal(await row.locator('[data-field="video"]').textContent(), en['common.yes']);
      assert.equal(await row.locator('[data-field="status"]').textContent(), en['branches.status.active']);
      await page.getByRole('status').filter({ hasText: fill(en['branch.created'], { code: CODE }) }).waitFor();
      // The form is empty again for the next branch.
      assert.equal(await form.getByLabel(en['branch.field.code'], { exact: true }).inputValue(), '');
      const listed = (await apiGet('/api/v1/branches?limit=500')).items.find((b) => b.code === CODE);
      assert.equal(listed?.time_zone, 'Asia/Qostanay', 'the server has the branch');
    });

    step('a branch that opens after it closes shows the translated error and the server message', async () => {
      const form = page.locator('form[data-form="new-branch"]');
      await form.getByLabel(en['branch.field.code'], { exact: true }).fill(BAD_CODE);
      for (const [key, value] of [['name_kk', 'Қате филиал'], ['name_ru', 'Ошибочный филиал'], ['name_en', 'Wrong branch'], ['region', 'Astana'], ['address_kk', 'Астана қ.'], ['address_ru', 'г. Астана']]) {
        await form.getByLabel(en[`branch.field.${key}`], { exact: true }).fill(value);
      }
      await form.getByLabel(en['branch.field.opens_at'], { exact: true }).fill('18:00');
      await form.getByLabel(en['branch.field.closes_at'], { exact: true }).fill('09:00');
      const response = await submitAndWait('POST', '/api/v1/branches', () =>
        form.getByRole('button', { name: en['branch.create'], exact: true }).click(),
      );
      assert.ok(response.status() >= 400 && response.status() < 500, `answered ${response.status()}`);
      const body = await response.json();
      assert.equal(body.error.code, 'invalid_field');
      const alert = form.getByRole('alert');
      await alert.filter({ hasText: en['error.invalid_field'] }).waitFor();
      assert.equal(await alert.locator('[data-field="server-message"]').textContent(), body.error.message);
      assert.equal(await alert.locator('[data-field="server-message"]').getAttribute('lang'), 'en');
      const opens = form.getByLabel(en['branch.field.opens_at'], { exact: true });
      assert.equal(await opens.getAttribute('aria-invalid'), 'true');
      assert.equal(await opens.evaluate((el) => el === document.activeElement), true, 'focus moves to the wrong field');
      assert.equal(await page.locator(`tr[data-code="${BAD_CODE}"]`).count(), 0, 'no row for the refused branch');
      await assertNoAxeViolations(page, 'new-branch form with an error');
    });

    step('a taken code is reported as such, in Russian too', async () => {
      const form = page.locator('form[data-form="new-branch"]');
      await form.getByLabel(en['branch.field.code'], { exact: true }).fill(CODE);
      await form.getByLabel(en['branch.field.opens_at'], { exact: true }).fill('09:00');
      await form.getByLabel(en['branch.field.closes_at'], { exact: true }).fill('18:00');
      const response = await submitAndWait('POST', '/api/v1/branches', () =>
        form.getByRole('button', { name: en['branch.create'], exact: true }).click(),
      );
      assert.equal((await response.json()).error.code, 'branch_exists');
      await form.getByRole('alert').filter({ hasText: en['error.branch_exists'] }).waitFor();
      await page.getByRole('button', { name: en['lang.ru'], exact: true }).click();
      await form.getByRole('alert').filter({ hasText: ru['error.branch_exists'] }).waitFor();
      await assertH1(page, ru['branches.heading']);
      await page.getByRole('button', { name: en['lang.en'], exact: true }).click();
      await assertH1(page, en['branches.heading']);
    });

    step('editing a branch sends only the changed field', async () => {
      const row = page.locator(`table[data-table="branches"] tr[data-code="${CODE}"]`);
      await row.getByRole('button', { name: fill(en['branches.edit_label'], { code: CODE }) }).click();
      const heading = page.getByRole('heading', { level: 2, name: fill(en['branch.edit_heading'], { code: CODE }) });
      await heading.waitFor();
      assert.equal(await heading.evaluate((el) => el === document.activeElement), true, 'focus moves to the edit form');
      const form = page.locator('form[data-form="edit-branch"]');
      const code = form.getByLabel(en['branch.field.code'], { exact: true });
      assert.equal(await code.inputValue(), CODE);
      assert.equal(await code.getAttribute('readonly'), '', 'the code does not change');
      assert.equal(await form.getByLabel(en['weekday.6'], { exact: true }).isChecked(), false);
      await form.getByLabel(en['branch.field.closes_at'], { exact: true }).fill('19:00');
      const response = await submitAndWait('PATCH', `/api/v1/branches/${(await row.getAttribute('data-id'))}`, () =>
        form.getByRole('button', { name: en['branch.save'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { closes_at: '19:00' });
      await row.getByText('08:30–19:00', { exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: fill(en['branch.saved'], { code: CODE }) }).waitFor();
      assert.equal((await focused()).action, 'edit', 'focus returns to the row');
      await page.locator('form[data-form="new-branch"]').waitFor();
    });

    step('retiring a branch asks first; Escape cancels, confirming retires it', async () => {
      const row = page.locator(`table[data-table="branches"] tr[data-code="${CODE}"]`);
      const id = await row.getAttribute('data-id');
      await row.getByRole('button', { name: fill(en['branches.edit_label'], { code: CODE }) }).click();
      const retire = page.getByRole('button', { name: en['branch.retire'], exact: true });
      await retire.click();
      const question = page.getByRole('group', { name: fill(en['branch.retire_confirm'], { code: CODE }) });
      await question.waitFor();
      assert.equal((await focused()).action, 'cancel', 'focus moves to Cancel');
      await page.keyboard.press('Escape');
      await retire.waitFor();
      assert.equal(await question.count(), 0);
      assert.equal((await focused()).text, en['branch.retire']);
      await page.keyboard.press('Enter'); // the focused Retire button
      await question.waitFor();
      const response = await submitAndWait('PATCH', `/api/v1/branches/${id}`, () =>
        question.getByRole('button', { name: en['branch.retire_yes'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { retired: true });
      await row.locator('[data-field="status"]').filter({ hasText: en['branches.status.retired'] }).waitFor();
      assert.equal(await row.getAttribute('data-retired'), 'true');
      assert.equal((await apiGet(`/api/v1/branches/${id}`)).retired, true);
    });

    // ---- one branch: windows and days ----

    step('branch 1 shows its details and its ten windows', async () => {
      await page.locator('table[data-table="branches"] tr[data-code="AST-01"]').getByRole('link', { name: BRANCH_NAME_EN }).click();
      await page.waitForURL(/#\/admin\/branches\/1$/);
      await assertH1(page, BRANCH_NAME_EN);
      assert.equal(
        await page.getByRole('navigation').getByRole('link', { name: en['nav.branches'], exact: true }).getAttribute('aria-current'),
        'page',
      );
      assert.equal(await page.locator('[data-field="code"]').textContent(), 'AST-01');
      const table = page.locator('table[data-table="windows"]');
      await table.waitFor();
      assert.equal(await table.locator('tbody tr').count(), 10);
      // Window 10 is the consultant's, window 9 the issuance specialist's (names from the employee list).
      await table.locator('tr[data-window="10"] [data-field="employee"]').filter({ hasText: CONSULTANT }).waitFor();
      await table.locator('tr[data-window="9"] [data-field="employee"]').filter({ hasText: 'Жақсылықов Ілияс Серікұлы' }).waitFor();
      assert.equal(await table.locator('tr[data-window="2"] [data-field="employee"]').textContent(), en['windows.nobody']);
      await page.locator('table[data-table="days"], [data-empty="days"]').first().waitFor();
    });

    step('adding window 11 (self-service) lists it as free', async () => {
      const form = page.locator('form[data-form="add-window"]');
      await form.getByLabel(en['windows.field.number'], { exact: true }).fill('11');
      await form.getByLabel(en['windows.field.kind'], { exact: true }).selectOption('self_service');
      const token = await csrf();
      const response = await submitAndWait('POST', '/api/v1/branches/1/windows', () =>
        form.getByRole('button', { name: en['windows.add'], exact: true }).click(),
      );
      assert.equal(response.status(), 201, await response.text());
      assert.equal(response.request().headers()['x-csrf-token'], token);
      assert.deepEqual(response.request().postDataJSON(), { number: 11, kind: 'self_service' });
      const row = page.locator('table[data-table="windows"] tr[data-window="11"]');
      await row.waitFor();
      assert.equal(await row.locator('[data-field="kind"]').textContent(), en['windows.kind.self_service']);
      assert.equal(await row.locator('[data-field="employee"]').textContent(), en['windows.nobody']);
      await page.getByRole('status').filter({ hasText: fill(en['windows.added'], { n: 11 }) }).waitFor();

      // The same number again is refused with the server's reason.
      await form.getByLabel(en['windows.field.number'], { exact: true }).fill('11');
      const again = await submitAndWait('POST', '/api/v1/branches/1/windows', () =>
        form.getByRole('button', { name: en['windows.add'], exact: true }).click(),
      );
      assert.equal((await again.json()).error.code, 'window_exists');
      await form.getByRole('alert').filter({ hasText: en['error.window_exists'] }).waitFor();
      assert.equal(await page.locator('table[data-table="windows"] tr[data-window="11"]').count(), 1);
    });

    step('seating the consultant at window 11 shows their name; freeing it empties the seat', async () => {
      const row = () => page.locator('table[data-table="windows"] tr[data-window="11"]');
      const windowId = Number(await row().getAttribute('data-id'));
      await row().getByLabel(fill(en['windows.seat_label'], { n: 11 }), { exact: true }).selectOption({ label: CONSULTANT });
      const response = await submitAndWait('PATCH', `/api/v1/windows/${windowId}`, () =>
        row().getByRole('button', { name: fill(en['windows.seat_aria'], { n: 11 }), exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { employee_id: 2 });
      await row().locator('[data-field="employee"]').filter({ hasText: CONSULTANT }).waitFor();
      await page.getByRole('status').filter({ hasText: fill(en['windows.seated'], { n: 11, name: CONSULTANT }) }).waitFor();
      assert.equal((await focused()).action, 'seat', 'focus stays on the row');
      let w = (await apiGet('/api/v1/branches/1/windows')).items.find((x) => x.number === 11);
      assert.equal(w.employee_id, 2, 'the server seated employee 2');

      await row().getByRole('button', { name: fill(en['windows.unseat_aria'], { n: 11 }), exact: true }).click();
      await row().locator('[data-field="employee"]').filter({ hasText: en['windows.nobody'] }).waitFor();
      await page.getByRole('status').filter({ hasText: fill(en['windows.unseated'], { n: 11 }) }).waitFor();
      w = (await apiGet('/api/v1/branches/1/windows')).items.find((x) => x.number === 11);
      assert.equal(w.employee_id, null, 'the server freed the window');

      // Seat the consultant again for good.
      await row().getByLabel(fill(en['windows.seat_label'], { n: 11 }), { exact: true }).selectOption({ label: CONSULTANT });
      await row().getByRole('button', { name: fill(en['windows.seat_aria'], { n: 11 }), exact: true }).click();
      await row().locator('[data-field="employee"]').filter({ hasText: CONSULTANT }).waitFor();
    });

    step('retiring a window asks first, then leaves it without controls', async () => {
      const form = page.locator('form[data-form="add-window"]');
      await form.getByLabel(en['windows.field.number'], { exact: true }).fill('12');
      await form.getByLabel(en['windows.field.kind'], { exact: true }).selectOption('intake');
      await submitAndWait('POST', '/api/v1/branches/1/windows', () =>
        form.getByRole('button', { name: en['windows.add'], exact: true }).click(),
      );
      const row = page.locator('table[data-table="windows"] tr[data-window="12"]');
      assert.equal(await row.locator('[data-field="kind"]').textContent(), en['windows.kind.intake']);
      const windowId = await row.getAttribute('data-id');
      await row.getByRole('button', { name: fill(en['windows.retire_aria'], { n: 12 }), exact: true }).click();
      const question = row.getByRole('group', { name: fill(en['windows.retire_confirm'], { n: 12 }) });
      await question.waitFor();
      await assertNoAxeViolations(page, 'branch detail with a confirmation');
      const response = await submitAndWait('PATCH', `/api/v1/windows/${windowId}`, () =>
        question.getByRole('button', { name: en['windows.retire_yes'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { retired: true });
      await row.locator('[data-field="status"]').filter({ hasText: en['windows.retired'] }).waitFor();
      assert.equal(await row.locator('button, select').count(), 0, 'a retired window has no controls');
      await page.getByRole('status').filter({ hasText: fill(en['windows.retired_done'], { n: 12 }) }).waitFor();
      assert.equal((await apiGet('/api/v1/branches/1/windows')).items.find((x) => x.number === 12).retired, true);
    });

    step('a closed day is added and listed', async () => {
      const form = page.locator('form[data-form="add-day"]');
      await form.getByLabel(en['days.field.date'], { exact: true }).fill(DAY);
      await form.getByLabel(en['days.field.kind'], { exact: true }).selectOption('closed');
      await form.getByLabel(en['days.field.reason'], { exact: true }).fill('Санитарный день');
      const token = await csrf();
      const response = await submitAndWait('PUT', `/api/v1/branches/1/days/${DAY}`, () =>
        form.getByRole('button', { name: en['days.add'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      assert.equal(response.request().headers()['x-csrf-token'], token);
      assert.deepEqual(response.request().postDataJSON(), { open: false, reason: 'Санитарный день' });
      const row = page.locator(`table[data-table="days"] tr[data-date="${DAY}"]`);
      await row.waitFor();
      assert.equal(await row.locator('time').getAttribute('datetime'), DAY);
      assert.equal(await row.locator('time').textContent(), 'Wednesday, 17 June 2026');
      assert.equal(await row.locator('[data-field="kind"]').textContent(), en['days.closed']);
      assert.equal(await row.locator('[data-field="reason"]').textContent(), 'Санитарный день');
      const days = (await apiGet('/api/v1/branches/1/days')).items;
      assert.deepEqual(days.find((d) => d.date === DAY), { date: DAY, open: false, reason: 'Санитарный день' });
    });

    step('the branch page has no axe-core violations, in English and in Kazakh', async () => {
      await assertNoAxeViolations(page, 'branch detail (en)');
      await page.getByRole('button', { name: en['lang.kk'], exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'kk');
      const kk = catalog('kk');
      await page.getByRole('heading', { level: 2, name: kk['windows.heading'] }).waitFor();
      await page.locator('table[data-table="windows"] tr[data-window="11"] [data-field="kind"]').filter({ hasText: kk['windows.kind.self_service'] }).waitFor();
      await assertNoAxeViolations(page, 'branch detail (kk)');
      await page.getByRole('button', { name: en['lang.en'], exact: true }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    });

    step('the day is removed again', async () => {
      const row = page.locator(`table[data-table="days"] tr[data-date="${DAY}"]`);
      const response = await submitAndWait('DELETE', `/api/v1/branches/1/days/${DAY}`, () =>
        row.getByRole('button', { name: fill(en['days.remove_aria'], { date: DAY }), exact: true }).click(),
      );
      assert.equal(response.status(), 204);
      await page.getByRole('status').filter({ hasText: fill(en['days.removed'], { date: DAY }) }).waitFor();
      assert.equal(await row.count(), 0, 'the row is gone');
      assert.equal((await focused()).text, en['days.heading'], 'focus moves to the section heading');
      const days = (await apiGet('/api/v1/branches/1/days')).items;
      assert.equal(days.find((d) => d.date === DAY), undefined, 'the server removed the day');
    });

    // ---- appointments only (R8) ----

    step('the appointments-only switch: on, the API and the kiosk follow; off again', async () => {
      const section = page.locator('[data-section="appointment-only"]');
      await section.getByRole('heading', { level: 2, name: en['apptonly.heading'] }).waitFor();
      const toggle = section.getByRole('switch', { name: en['apptonly.switch'], exact: true });
      await section.locator('[data-field="appointment-only-state"][data-state="off"]').waitFor();
      assert.equal(await toggle.isChecked(), false);
      assert.equal(await toggle.isEnabled(), true, 'the admin may switch it');
      assert.deepEqual(await apiGet('/api/v1/branches/1/appointment-only'), { branch_id: 1, appointment_only: false });

      const on = await submitAndWait('PUT', '/api/v1/branches/1/appointment-only', () => toggle.click());
      switchedOn = true;
      assert.equal(on.status(), 200, await on.text());
      assert.deepEqual(on.request().postDataJSON(), { appointment_only: true });
      await section.getByRole('status').filter({ hasText: en['apptonly.saved_on'] }).waitFor();
      await section.locator('[data-field="appointment-only-state"][data-state="on"]').filter({ hasText: en['apptonly.state.on'] }).waitFor();
      assert.equal(await toggle.isChecked(), true);
      assert.deepEqual(await apiGet('/api/v1/branches/1/appointment-only'), { branch_id: 1, appointment_only: true });
      await assertNoAxeViolations(page, 'branch detail with appointments only on');

      // The kiosk offers walk-in tickets for consultation only and points to the check-in.
      const { context: kioskCtx, page: kiosk } = await openPage(browser);
      try {
        const walkIn = await kiosk.request.post(`${BASE}/api/v1/branches/1/tickets`, { data: { queue: 'A', lang: 'kk', priority: 'none' } });
        assert.equal(walkIn.status(), 422, await walkIn.text());
        assert.equal((await walkIn.json()).error.code, 'appointment_only');
        await kiosk.goto(`${BASE}/#/kiosk/1`);
        for (const [lang, cat, label] of [['kk', kkCatalog, 'Қазақша'], ['ru', ru, 'Русский']]) {
          await kiosk.getByRole('button', { name: label, exact: true }).click();
          await assertH1(kiosk, cat['kiosk.queue.heading']);
          await kiosk.locator('[data-note="appointment-only"]').filter({ hasText: cat['kiosk.apptonly.note'] }).waitFor();
          await kiosk.locator('button[data-queue="C"]').waitFor();
          assert.deepEqual(await kiosk.locator('button[data-queue]').evaluateAll((bs) => bs.map((b) => b.dataset.queue)), ['C'], 'only the consultation queue');
          await kiosk.getByRole('button', { name: cat['kiosk.appt.entry'], exact: true }).waitFor();
          await assertNoAxeViolations(kiosk, `kiosk queue screen by appointment only in ${lang}`);
          await kiosk.getByRole('button', { name: cat['kiosk.start_over'], exact: true }).click();
        }
      } finally {
        await kioskCtx.close();
      }

      const off = await submitAndWait('PUT', '/api/v1/branches/1/appointment-only', () => toggle.click());
      assert.equal(off.status(), 200, await off.text());
      assert.deepEqual(off.request().postDataJSON(), { appointment_only: false });
      switchedOn = false;
      await section.getByRole('status').filter({ hasText: en['apptonly.saved_off'] }).waitFor();
      assert.equal(await toggle.isChecked(), false);
      assert.deepEqual(await apiGet('/api/v1/branches/1/appointment-only'), { branch_id: 1, appointment_only: false });
    });

    // ---- trainings on the staff list ----

    step('the staff list flags the operator without the R16 training', async () => {
      await page.getByRole('navigation').getByRole('link', { name: en['nav.staff'], exact: true }).click();
      await assertH1(page, en['staff.heading']);
      const row = page.locator('table[data-table="staff"] tr[data-login="operator"]');
      await row.locator('[data-badge="r16-missing"]').filter({ hasText: en['training.badge_missing'] }).waitFor();
      assert.deepEqual((await apiGet('/api/v1/employees/1/trainings')).items.filter((x) => x.topic === 'disability_communication'), []);
      await page.locator('[data-field="r16-summary"]').filter({ hasText: /\d/ }).waitFor();
    });

    step('the trainings open from the keyboard and the staff list has no axe-core violations', async () => {
      const row = page.locator('table[data-table="staff"] tr[data-login="operator"]');
      const toggle = row.locator('[data-action="trainings"]');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      const detail = page.locator('tr[data-detail-for="operator"]');
      assert.equal(await detail.isVisible(), false);
      await toggle.focus();
      await page.keyboard.press('Enter');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await detail.getByText(en['training.none'], { exact: true }).waitFor();
      await detail.getByRole('heading', { level: 3, name: en['training.add_heading'] }).waitFor();
      assert.equal(await toggle.getAttribute('aria-controls'), await detail.getAttribute('id'));
      await assertNoAxeViolations(page, 'staff list with the trainings of the operator open');
    });

    step('adding the R16 training for the operator removes the badge', async () => {
      const row = page.locator('table[data-table="staff"] tr[data-login="operator"]');
      const detail = page.locator('tr[data-detail-for="operator"]');
      const form = detail.locator('form[data-form="add-training"]');
      assert.equal(await form.getByLabel(en['training.field.topic'], { exact: true }).inputValue(), 'disability_communication');
      await form.getByLabel(en['training.field.completed_on'], { exact: true }).fill('2026-01-15');
      const token = await csrf();
      const response = await submitAndWait('POST', '/api/v1/employees/1/trainings', () =>
        form.getByRole('button', { name: en['training.add'], exact: true }).click(),
      );
      assert.equal(response.status(), 201, await response.text());
      assert.equal(response.request().headers()['x-csrf-token'], token);
      assert.deepEqual(response.request().postDataJSON(), { topic: 'disability_communication', completed_on: '2026-01-15' });
      await row.locator('[data-badge="r16-ok"]').waitFor();
      assert.equal(await row.locator('[data-badge="r16-missing"]').count(), 0, 'the "no R16 training" badge is gone');
      const item = detail.locator('[data-list="trainings"] li[data-topic="disability_communication"]');
      await item.filter({ hasText: en['training.topic.disability_communication'] }).waitFor();
      assert.equal(await item.locator('time').first().getAttribute('datetime'), '2026-01-15');
      await item.getByText(en['training.no_expiry']).waitFor();
      await form.getByRole('status').filter({ hasText: en['training.added'].split('{')[0].trim() }).waitFor();
      assert.equal(await row.locator('[data-action="trainings"]').textContent(), fill(en['training.toggle'], { n: 1 }));
      const saved = (await apiGet('/api/v1/employees/1/trainings')).items;
      assert.ok(saved.some((x) => x.topic === 'disability_communication' && x.completed_on === '2026-01-15'));
      await assertNoAxeViolations(page, 'staff list with a training added');
    });

    step('a training that ends before it was completed is refused with the reason', async () => {
      const form = page.locator('tr[data-detail-for="operator"] form[data-form="add-training"]');
      await form.getByLabel(en['training.field.topic'], { exact: true }).selectOption({ label: en['training.topic.other'] });
      await form.getByLabel(en['training.field.other'], { exact: true }).fill('Fire safety');
      await form.getByLabel(en['training.field.completed_on'], { exact: true }).fill('2026-03-01');
      await form.getByLabel(en['training.field.valid_until'], { exact: true }).fill('2026-02-01');
      const response = await submitAndWait('POST', '/api/v1/employees/1/trainings', () =>
        form.getByRole('button', { name: en['training.add'], exact: true }).click(),
      );
      assert.equal((await response.json()).error.code, 'invalid_date');
      await form.getByRole('alert').filter({ hasText: en['error.invalid_date'] }).waitFor();
      assert.equal(await form.getByLabel(en['training.field.valid_until'], { exact: true }).getAttribute('aria-invalid'), 'true');
    });

    step('the admin sets the consultant\'s position in Kazakh: shown in the staff table, kept by the server', async () => {
      const table = page.locator('table[data-table="staff"]');
      const headers = await table.locator('thead th').allTextContents();
      assert.ok(headers.includes(en['staff.col.position_kk']), `a column for the position in Kazakh: ${headers}`);
      const row = table.locator('tr[data-login="consultant"]');
      assert.equal((await row.locator('[data-field="position"]').innerText()).trim(), 'Консультант');
      assert.equal((await row.locator('[data-field="position_kk"]').innerText()).trim(), 'Кеңесші');
      const edit = row.getByRole('button', { name: fill(en['staff.edit_aria'], { name: CONSULTANT }), exact: true });
      await edit.click();
      assert.equal(await edit.getAttribute('aria-expanded'), 'true');
      const form = page.locator('tr[data-edit-for="consultant"] form[data-form="edit-employee"]');
      const posKk = form.getByLabel(en['staff.field.position_kk'], { exact: true });
      assert.equal(await posKk.inputValue(), 'Кеңесші');
      assert.equal(await form.getByLabel(en['staff.field.position'], { exact: true }).inputValue(), 'Консультант');
      await assertNoAxeViolations(page, 'staff list with the employee form open');

      // The position in Russian is required.
      const pos = form.getByLabel(en['staff.field.position'], { exact: true });
      await pos.fill('');
      await form.getByRole('button', { name: en['staff.save'], exact: true }).click();
      await form.getByRole('alert').filter({ hasText: en['staff.required'] }).waitFor();
      assert.equal(await pos.getAttribute('aria-invalid'), 'true');
      await pos.fill('Консультант');

      await posKk.fill('Бас кеңесші');
      const response = await submitAndWait('PATCH', '/api/v1/employees/2', () => form.getByRole('button', { name: en['staff.save'], exact: true }).click());
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { position_kk: 'Бас кеңесші' }, 'only the changed field');
      await row.locator('[data-field="position_kk"]').filter({ hasText: 'Бас кеңесші' }).waitFor();
      await form.getByRole('status').filter({ hasText: fill(en['staff.saved'], { name: CONSULTANT }) }).waitFor();
      const saved = await apiGet('/api/v1/employees/2');
      assert.equal(saved.position_kk, 'Бас кеңесші');
      assert.equal(saved.position, 'Консультант');
      // Back as the demo has it, for the other tests.
      await apiSend('PATCH', '/api/v1/employees/2', { position_kk: 'Кеңесші' });
      await form.getByRole('button', { name: en['common.cancel'], exact: true }).click();
      assert.equal(await edit.getAttribute('aria-expanded'), 'false');
    });

    // ---- other roles ----

    step('the branch manager sees only their branch, read-only, but manages its windows', async () => {
      await signOut();
      await signIn('manager');
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: en['nav.branches'], exact: true }).click();
      await assertH1(page, en['branches.heading']);
      const table = page.locator('table[data-table="branches"]');
      await table.locator('tr[data-code="AST-01"]').waitFor();
      assert.equal(await table.locator('tbody tr').count(), 1, 'only the own branch');
      assert.equal(await table.getByRole('button').count(), 0, 'no edit buttons');
      assert.equal(await page.locator('form[data-form="new-branch"]').count(), 0, 'no new-branch form');
      await assertNoAxeViolations(page, 'branches list (branch manager)');
      await table.getByRole('link', { name: BRANCH_NAME_EN }).click();
      await assertH1(page, BRANCH_NAME_EN);
      await page.locator('table[data-table="windows"] tr[data-window="11"] [data-field="employee"]').filter({ hasText: CONSULTANT }).waitFor();
      await page.locator('form[data-form="add-window"]').waitFor();
      await page.locator('form[data-form="add-day"]').waitFor();
      const toggle = page.getByRole('switch', { name: en['apptonly.switch'], exact: true });
      await page.locator('[data-field="appointment-only-state"][data-state="off"]').waitFor();
      assert.equal(await toggle.isEnabled(), true, 'the manager switches their own branch');
    });

    step('the operator has no Branches entry and only reads a branch', async () => {
      await signOut();
      await signIn('operator');
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: en['nav.services'], exact: true }).waitFor();
      assert.equal(await nav.getByRole('link', { name: en['nav.branches'], exact: true }).count(), 0, 'no Branches link');
      assert.equal(await nav.locator('a[href^="#/admin/branches"]').count(), 0);
      await page.goto(`${BASE}/#/admin/branches`);
      await assertH1(page, en['denied.heading']);
      assert.equal(await page.locator('table[data-table="branches"]').count(), 0);

      await page.goto(`${BASE}/#/admin/branches/1`);
      await assertH1(page, BRANCH_NAME_EN);
      const row = page.locator('table[data-table="windows"] tr[data-window="11"]');
      await row.waitFor();
      // The operator may not list employees: the seat shows the employee's number.
      assert.equal(await row.locator('[data-field="employee"]').textContent(), fill(en['windows.employee_id'], { id: 2 }));
      assert.equal(await page.locator('table[data-table="windows"] button, table[data-table="windows"] select').count(), 0, 'no window controls');
      assert.equal(await page.locator('form[data-form="add-window"], form[data-form="add-day"]').count(), 0, 'no forms');
      await page.locator('[data-note="read-only"]').filter({ hasText: en['branch.read_only'] }).waitFor();
      await page.locator('[data-field="appointment-only-state"][data-state="off"]').waitFor();
      assert.equal(await page.getByRole('switch', { name: en['apptonly.switch'], exact: true }).isDisabled(), true, 'the operator only reads it');
      await assertNoAxeViolations(page, 'branch detail (operator, read-only)');
    });
  });
}
