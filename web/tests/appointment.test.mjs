// Browser test of appointments by IIN (R8, R16) against a running server: at #/book/1 in Russian
// the applicant picks queue A, today and the 10:15 slot (or the first free one); an IIN with a
// wrong check digit is refused by the server (invalid_iin) in plain words, a valid one books and
// the code and the slot are shown. The booking page is axe-clean in ru and kk. At the kiosk
// (#/kiosk/1, ru) "I have an appointment" with a wrong code says so in plain words; with the IIN
// and the code the ticket A### is shown as a normal ticket. Afterwards the operator of window 1
// serves that ticket, so that the branch's queue is empty again for the other tests.
//
//   TEREZE_URL=http://127.0.0.1:8080 node --test tests/appointment.test.mjs
//
// The server runs with its test clock at Tue 2026-11-24 10:00 Asia/Almaty (scripts/with-server.sh);
// the browser's clock is set to the same moment, so the page's "today" is the server's.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, kk, ru, missingServerTest, launchBrowser, openPage, stepper, assertNoAxeViolations, assertH1, signIn, cookie,
} from './support/browser.mjs';

const NOW = new Date('2026-11-24T10:00:00+05:00');
const TODAY = '2026-11-24';
const IIN = '850314301120'; // a valid IIN (data/gbd/people.json)
const BAD_IIN = '850314301121'; // the same with a wrong check digit

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

if (!BASE) {
  missingServerTest();
} else {
  describe(`appointments at ${BASE}`, () => {
    let browser, context, page;
    const step = stepper();
    const waitFor = async (method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
      await context.clock.setFixedTime(NOW);
    });
    after(async () => {
      await browser?.close();
    });

    let booked; // the 201 body of the booking
    let ticket; // the 201 body of the check-in

    step('booking page in ru: queue A, today, a free slot; an invalid IIN is refused (invalid_iin)', async () => {
      await page.goto(`${BASE}/#/book/1`);
      await page.evaluate(() => localStorage.setItem('tereze.lang', 'ru'));
      await page.reload();
      await assertH1(page, ru['book.heading']);
      await page.locator('input[data-queue="A"]').waitFor();
      await assertNoAxeViolations(page, 'booking page in ru');

      // The date list starts today and covers 14 days ahead.
      const days = await page.getByLabel(ru['book.date'], { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
      assert.equal(days.length, 15);
      assert.equal(days[0], TODAY);

      // Nothing chosen: said in plain words, nothing sent.
      await page.getByRole('button', { name: ru['book.submit'], exact: true }).click();
      await page.locator('[data-field="book-error"][data-code="need_queue"]').filter({ hasText: ru['book.need.queue'] }).waitFor();

      const slotsResponse = page.waitForResponse((r) => pathIs(r, 'GET', '/api/v1/branches/1/slots'));
      await page.locator('input[data-queue="A"]').check();
      const slots = await (await slotsResponse).json();
      assert.equal(slots.date, TODAY);
      assert.ok(slots.items.length > 0, 'free slots today');
      const wanted = slots.items.find((s) => s.start === `${TODAY}T10:15` && s.free > 0) ?? slots.items.find((s) => s.free > 0);
      const slotButton = page.locator(`button[data-slot="${wanted.start}"]`);
      await slotButton.waitFor();
      assert.match(await slotButton.innerText(), new RegExp(wanted.start.slice(11, 16)));
      assert.match(await slotButton.innerText(), new RegExp(ru['book.slot.free'].replace('{n}', String(wanted.free))));
      await slotButton.click();
      assert.equal(await slotButton.getAttribute('aria-pressed'), 'true');
      await assertNoAxeViolations(page, 'booking page in ru with its slots');

      const iin = page.locator('form.book-form').getByLabel(ru['book.iin'], { exact: true });
      // Too short: refused by the page, without a request.
      await iin.fill('8503');
      await page.getByRole('button', { name: ru['book.submit'], exact: true }).click();
      await page.locator('[data-field="book-error"][data-code="iin_format"]').filter({ hasText: ru['book.need.iin'] }).waitFor();
      assert.equal(await iin.getAttribute('aria-invalid'), 'true');

      // 12 digits with a wrong check digit: the server refuses it.
      await iin.fill(BAD_IIN);
      const bad = await waitFor('POST', '/api/v1/branches/1/appointments', () => page.getByRole('button', { name: ru['book.submit'], exact: true }).click());
      assert.equal(bad.status(), 422);
      assert.equal((await bad.json()).error.code, 'invalid_iin');
      await page.locator('[data-field="book-error"][data-code="invalid_iin"]').filter({ hasText: ru['appt.error.invalid_iin'] }).waitFor();
      assert.equal(await iin.getAttribute('aria-invalid'), 'true');
      await assertNoAxeViolations(page, 'booking page in ru with invalid_iin');

      await iin.fill(IIN);
      const response = await waitFor('POST', '/api/v1/branches/1/appointments', () => page.getByRole('button', { name: ru['book.submit'], exact: true }).click());
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { iin: IIN, queue: 'A', slot_start: wanted.start, lang: 'ru' });
      booked = await response.json();
      assert.match(booked.code, /^[A-Z0-9]{6}$/);
    });

    step('the code and the slot are shown, with how to check in and the cancel form; axe-clean in ru and kk', async () => {
      const result = page.locator('[data-field="booking"]');
      await result.getByRole('heading', { level: 2, name: ru['book.done.heading'] }).waitFor();
      assert.equal((await result.locator('[data-field="code"]').innerText()).trim(), booked.code);
      assert.match(await result.locator('[data-field="slot"]').innerText(), new RegExp(booked.slot.slice(11, 16)));
      assert.equal((await result.locator('[data-field="appointment-id"]').innerText()).trim(), String(booked.id));
      await result.getByText(ru['book.done.howto']).waitFor();
      // The cancel form is filled in for this booking.
      assert.equal(await page.locator('form.book-cancel').getByLabel(ru['book.cancel.id'], { exact: true }).inputValue(), String(booked.id));
      assert.equal(await page.locator('form.book-cancel').getByLabel(ru['book.code'], { exact: true }).inputValue(), booked.code);
      assert.equal(await page.locator('form.book-cancel').getByLabel(ru['book.iin'], { exact: true }).inputValue(), IIN);
      await assertNoAxeViolations(page, 'booking done in ru');

      await page.locator('.lang-switch button[data-lang="kk"]').click();
      await assertH1(page, kk['book.heading']);
      await result.getByRole('heading', { level: 2, name: kk['book.done.heading'] }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk');
      await assertNoAxeViolations(page, 'booking done in kk');
    });

    step('kiosk in ru, "I have an appointment": a wrong code in plain words, then IIN + code → the ticket A###', async () => {
      await page.goto(`${BASE}/#/kiosk/1`);
      await page.getByRole('button', { name: 'Русский', exact: true }).click();
      await assertH1(page, ru['kiosk.queue.heading']);
      await page.getByRole('button', { name: ru['kiosk.appt.entry'], exact: true }).click();
      await assertH1(page, ru['kiosk.appt.heading']);
      await assertNoAxeViolations(page, 'kiosk check-in screen in ru');

      await page.getByLabel(ru['kiosk.appt.iin'], { exact: true }).fill(IIN);
      const code = page.getByLabel(ru['kiosk.appt.code'], { exact: true });
      await code.fill(booked.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ');
      const wrong = await waitFor('POST', '/api/v1/branches/1/check-in', () => page.getByRole('button', { name: ru['kiosk.appt.submit'], exact: true }).click());
      assert.equal(wrong.status(), 404);
      const alert = page.locator('[data-field="kiosk-error"]');
      await alert.filter({ hasText: ru['kiosk.appt.error.appointment_not_found'] }).waitFor();
      assert.equal(await alert.getAttribute('data-code'), 'appointment_not_found');
      await assertNoAxeViolations(page, 'kiosk check-in screen in ru with its error');

      await code.fill(booked.code.toLowerCase());
      const response = await waitFor('POST', '/api/v1/branches/1/check-in', () => page.getByRole('button', { name: ru['kiosk.appt.submit'], exact: true }).click());
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { iin: IIN, code: booked.code });
      ticket = await response.json();
      await assertH1(page, ru['kiosk.ticket.heading']);
      const number = (await page.locator('[data-field="number"]').innerText()).trim();
      assert.match(number, /^A\d{3}$/);
      assert.equal(number, ticket.number);
      const follow = await page.locator('a[data-link="follow"]').getAttribute('href');
      assert.ok(follow.endsWith(`#/ticket/${ticket.id}?token=${ticket.token}`), follow);
      await assertNoAxeViolations(page, 'kiosk ticket of an appointment in ru');
    });

    step('the operator of window 1 serves the ticket (the queue is empty again for the other tests)', async () => {
      const { context: staffCtx, page: staff } = await openPage(browser);
      await staff.goto(`${BASE}/#/`);
      await signIn(staff, 'operator');
      const csrf = (await cookie(staffCtx, 'tereze_csrf'))?.value ?? '';
      const post = async (path, data) => {
        const r = await staff.request.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
        assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`);
        const body = await r.json();
        return body.ticket ?? body;
      };
      const called = await post('/api/v1/windows/1/call-next', {});
      assert.equal(called.id, ticket.id, 'the appointment is called first');
      await post(`/api/v1/tickets/${ticket.id}/start`, {});
      await post(`/api/v1/tickets/${ticket.id}/finish`, { outcome: 'served' });
      await staffCtx.close();
    });
  });
}
