// Browser test of the consultations at the counter (R14, R15, R20) against a running server: a
// ticket of queue C (consultation) is taken through the API; the consultant, seated at window 10
// (a consultation window), calls it and finds the consultation panel open. Recording without a
// service is refused in the screen's alert; the service is found by its code, the outcome and
// a note chosen, and "Record" lists the consultation under the form (which is emptied) and the
// API lists it too. Once the ticket holds 20 consultations, the server's refusal is shown in
// plain words. The panel is axe-clean in en, kk and ru. The ticket is finished at the end, so
// that queue C is empty for the other tests.
//
//   TEREZE_URL=http://127.0.0.1:8080 node --test tests/consultation.test.mjs
//
// The server must have the demo loaded (scripts/with-server.sh does that) with its test clock on
// a working morning. Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, cookie, signIn,
} from './support/browser.mjs';

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;
const SERVICE = '00803008'; // duplicates of school certificates
const NOTE = 'Перечень документов: заявление, удостоверение личности.';

if (!BASE) {
  missingServerTest();
} else {
  describe(`consultations at the counter at ${BASE}`, () => {
    let browser, context, page;
    const step = stepper();
    let ticket; // the C ticket taken through the API
    let recorded; // the 201 body of the consultation recorded through the screen

    const waitFor = async (method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };
    const apiPost = async (path, data) => {
      const csrf = (await cookie(context, 'tereze_csrf'))?.value ?? '';
      return page.request.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    };
    const panel = () => page.locator('[data-section="consultation"]');
    const alertBox = () => page.locator('[data-field="counter-error"]');

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    step('the consultant calls a C ticket at window 10: the consultation panel is open', async () => {
      const res = await page.request.post(`${BASE}/api/v1/branches/1/tickets`, { data: { queue: 'C', lang: 'ru', priority: 'none' } });
      assert.equal(res.status(), 201, await res.text());
      ticket = await res.json();
      assert.match(ticket.number, /^C\d{3}$/);

      await page.goto(`${BASE}/#/counter`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn(page, 'consultant');
      await assertH1(page, fill(en['counter.heading_window'], { number: 10 }));
      await page.locator(`[data-list="waiting"] tr[data-number="${ticket.number}"]`).waitFor();
      assert.equal(await panel().isVisible(), false, 'no panel without a ticket at the window');

      const response = await waitFor('POST', '/api/v1/windows/10/call-next', () =>
        page.getByRole('button', { name: en['counter.action.call-next'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      const body = await response.json();
      assert.equal((body.ticket ?? body).id, ticket.id, 'the C ticket is called');
      await page.locator('[data-field="current"] [data-field="number"]').filter({ hasText: ticket.number }).waitFor();

      await panel().getByRole('heading', { level: 2, name: fill(en['consult.heading_ticket'], { number: ticket.number }) }).waitFor();
      assert.equal(await panel().locator('details').getAttribute('open'), '', 'open at a consultation window');
      await panel().locator('[data-note="no-consultations"]').waitFor();
      // The services of the catalog in force are offered.
      const service = panel().getByLabel(en['consult.service'], { exact: true });
      await service.locator(`option[value="${SERVICE}"]`).waitFor({ state: 'attached' });
      assert.ok((await service.locator('option').count()) > 20, 'the whole catalog');
      const outcomes = await panel().getByLabel(en['consult.outcome'], { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
      assert.deepEqual(outcomes, ['explained', 'checklist_printed', 'self_service_helped', 'referred_to_intake', 'other']);
      await assertNoAxeViolations(page, 'counter with the consultation panel');
    });

    step('"Record" without a service is refused in the alert box, nothing is sent', async () => {
      let posted = false;
      const onRequest = (r) => {
        if (r.method() === 'POST' && r.url().includes('/consultations')) posted = true;
      };
      page.on('request', onRequest);
      await panel().getByRole('button', { name: en['consult.record'], exact: true }).click();
      await alertBox().filter({ hasText: en['consult.error.missing_service'] }).waitFor();
      assert.equal(await alertBox().getAttribute('data-code'), 'missing_service');
      const service = panel().getByLabel(en['consult.service'], { exact: true });
      assert.equal(await service.getAttribute('aria-invalid'), 'true');
      assert.equal(await service.evaluate((el) => el === document.activeElement), true, 'the service gets the focus');
      page.off('request', onRequest);
      assert.equal(posted, false);
      await assertNoAxeViolations(page, 'consultation panel with its error');
    });

    step('the service found by its code, the outcome and a note: recorded, listed, the form emptied', async () => {
      await panel().getByLabel(en['consult.filter'], { exact: true }).fill(SERVICE);
      const service = panel().getByLabel(en['consult.service'], { exact: true });
      assert.equal(await service.inputValue(), SERVICE, 'the one match is chosen');
      await panel().getByLabel(en['consult.outcome'], { exact: true }).selectOption('checklist_printed');
      await panel().getByLabel(en['consult.note'], { exact: true }).fill(NOTE);
      const response = await waitFor('POST', `/api/v1/tickets/${ticket.id}/consultations`, () =>
        panel().getByRole('button', { name: en['consult.record'], exact: true }).click(),
      );
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { service_code: SERVICE, outcome: 'checklist_printed', note: NOTE });
      recorded = await response.json();
      assert.equal(recorded.ticket_id, ticket.id);
      assert.equal(recorded.window_id, 10);

      const row = panel().locator(`table[data-table="consultations"] tr[data-id="${recorded.id}"]`);
      await row.waitFor();
      assert.match(await row.locator('[data-field="service"]').innerText(), new RegExp(SERVICE));
      assert.equal((await row.locator('[data-field="outcome"]').innerText()).trim(), en['consult.outcome.checklist_printed']);
      assert.equal((await row.locator('[data-field="note"]').innerText()).trim(), NOTE);
      await page.locator('[data-field="counter-notice"]').filter({
        hasText: fill(en['consult.done'], { number: ticket.number, code: SERVICE, outcome: en['consult.outcome.checklist_printed'] }),
      }).waitFor();
      assert.equal(await alertBox().innerText(), '', 'the earlier error is gone');
      // The form is ready for the next one.
      assert.equal(await service.inputValue(), '');
      assert.equal(await service.getAttribute('aria-invalid'), null);
      assert.equal(await panel().getByLabel(en['consult.filter'], { exact: true }).inputValue(), '');
      assert.equal(await panel().getByLabel(en['consult.outcome'], { exact: true }).inputValue(), 'explained');
      assert.equal(await panel().getByLabel(en['consult.note'], { exact: true }).inputValue(), '');

      const list = await (await page.request.get(`${BASE}/api/v1/tickets/${ticket.id}/consultations`)).json();
      assert.equal(list.items.length, 1);
      assert.deepEqual(
        { id: list.items[0].id, service_code: list.items[0].service_code, outcome: list.items[0].outcome, note: list.items[0].note, employee_id: list.items[0].employee_id },
        { id: recorded.id, service_code: SERVICE, outcome: 'checklist_printed', note: NOTE, employee_id: recorded.employee_id },
      );
      await assertNoAxeViolations(page, 'consultation panel with its list');
    });

    step('the panel in kk and ru is axe-clean; the outcome is named in the language', async () => {
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await panel().getByRole('heading', { level: 2, name: fill(cat['consult.heading_ticket'], { number: ticket.number }) }).waitFor();
        await panel().locator(`tr[data-id="${recorded.id}"] [data-field="outcome"]`).filter({ hasText: cat['consult.outcome.checklist_printed'] }).waitFor();
        assert.equal(
          (await panel().getByLabel(cat['consult.outcome'], { exact: true }).locator('option[value="explained"]').innerText()).trim(),
          cat['consult.outcome.explained'],
        );
        await assertNoAxeViolations(page, `consultation panel in ${lang}`);
      }
      await page.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(page, fill(en['counter.heading_window'], { number: 10 }));
    });

    step('the 21st consultation on the ticket: the server refuses it, said in plain words', async () => {
      for (let i = 0; i < 19; i++) {
        const r = await apiPost(`/api/v1/tickets/${ticket.id}/consultations`, { service_code: SERVICE, outcome: 'explained' });
        assert.equal(r.status(), 201, await r.text());
      }
      await panel().getByLabel(en['consult.filter'], { exact: true }).fill(SERVICE);
      const response = await waitFor('POST', `/api/v1/tickets/${ticket.id}/consultations`, () =>
        panel().getByRole('button', { name: en['consult.record'], exact: true }).click(),
      );
      assert.equal(response.status(), 422, await response.text());
      await alertBox().filter({ hasText: en['consult.error.too_many_consultations'] }).waitFor();
      assert.equal(await alertBox().getAttribute('data-code'), 'too_many_consultations');
      assert.equal(await panel().getByLabel(en['consult.service'], { exact: true }).inputValue(), SERVICE, 'the form is kept after a refusal');
    });

    step('started and finished: the panel goes with the ticket, queue C is empty again', async () => {
      await waitFor('POST', `/api/v1/tickets/${ticket.id}/start`, () => page.getByRole('button', { name: en['counter.action.start'], exact: true }).click());
      await page.locator('[data-field="current"] [data-state="serving"]').waitFor();
      assert.equal(await panel().isVisible(), true, 'still there while serving');
      const finish = await waitFor('POST', `/api/v1/tickets/${ticket.id}/finish`, () => page.getByRole('button', { name: en['counter.action.finish'], exact: true }).click());
      assert.equal(finish.status(), 200, await finish.text());
      await page.locator('[data-note="no-current"]').waitFor();
      assert.equal(await panel().isVisible(), false, 'no panel without a ticket');
      const queue = await (await page.request.get(`${BASE}/api/v1/branches/1/queue`)).json();
      assert.equal(queue.waiting.filter((t) => t.queue === 'C').length, 0);
      const stats = await (await page.request.get(`${BASE}/api/v1/tickets/${ticket.id}/consultations`)).json();
      assert.equal(stats.items.length, 20);
    });
  });
}
