// Browser test of the electronic queue (R8, R15, R16, R19) against a running server: a ticket
// is taken at the kiosk in Kazakh (language, queue A, no priority, no SMS) and shown as A###;
// in Russian a wrong phone number is refused in plain words. The board, open in a second page,
// connects by its WebSocket and shows (and says) the call within seconds after the operator presses "Call
// next" at the counter — without a reload; the ticket's own page says "window 1". The counter
// calls again, starts and finishes; a second ticket is put aside and taken back, then finished
// as referred; "Call next" with nobody waiting shows queue_empty. The branch manager's live view
// shows window 1 and its operator. The kiosk, the board and the counter are axe-clean in kk and ru.
// Last (it moves the server's clock 16 minutes on, for every later test of the run): a C ticket
// left waiting makes the live view's alert banner, without a reload; once called it goes, and the
// consultation recorded on it is counted in the day's consultations by service (R14, R15, R20).
//
//   TEREZE_URL=http://127.0.0.1:8080 node --test tests/queue.test.mjs
//
// The server must have the demo loaded (scripts/with-server.sh does that) with its test clock on
// a working morning: the operator seated at intake window 1. Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, escapeRe, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;
const CATALOG = { kk, ru, en };

if (!BASE) {
  missingServerTest();
} else {
  describe(`electronic queue at ${BASE}`, () => {
    let browser;
    let kioskCtx, kiosk; // the kiosk in the hall, later the applicant's phone
    let board; // the TV, a second page of the same browser
    let staffCtx, staff; // the employee's computer
    const step = stepper();

    const waitFor = async (page, method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };
    const bigButton = (page, text) => page.getByRole('button', { name: text, exact: true });

    before(async () => {
      browser = await launchBrowser();
      ({ context: kioskCtx, page: kiosk } = await openPage(browser));
      board = await kioskCtx.newPage();
      ({ context: staffCtx, page: staff } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    let taken; // the 201 body of POST /api/v1/branches/1/tickets

    // ---- kiosk ----

    step('kiosk in kk: language, queue A, no priority, no SMS: the ticket A### with its wait and a QR code', async () => {
      await kiosk.goto(`${BASE}/#/kiosk/1`);
      // The first screen speaks both languages.
      await assertH1(kiosk, new RegExp(`${escapeRe(kk['kiosk.lang.heading'])}.*${escapeRe(ru['kiosk.lang.heading'])}`));
      assert.equal(await kiosk.getByRole('navigation').count(), 0, 'the kiosk has no menu');
      await assertNoAxeViolations(kiosk, 'kiosk language screen');

      await bigButton(kiosk, 'Қазақша').click();
      await assertH1(kiosk, kk['kiosk.queue.heading']);
      assert.equal(await kiosk.evaluate(() => document.documentElement.lang), 'kk');
      const queueA = kiosk.locator('button[data-queue="A"]');
      await queueA.waitFor();
      assert.match(await queueA.innerText(), /Құжаттарды қабылдау/);
      await assertNoAxeViolations(kiosk, 'kiosk queue screen in kk');
      await queueA.click();

      await assertH1(kiosk, kk['kiosk.priority.heading']);
      for (const p of ['none', 'disability', 'elderly', 'pregnant']) await bigButton(kiosk, kk[`kiosk.priority.${p}`]).waitFor();
      await assertNoAxeViolations(kiosk, 'kiosk priority screen in kk');
      await bigButton(kiosk, kk['kiosk.priority.none']).click();

      await assertH1(kiosk, kk['kiosk.phone.heading']);
      await kiosk.getByLabel(kk['kiosk.phone.field'], { exact: true }).waitFor();
      // When the SMS comes: three ahead, and the call.
      await kiosk.locator('[data-note="sms"]').filter({ hasText: kk['kiosk.phone.sms_when'] }).waitFor();
      await assertNoAxeViolations(kiosk, 'kiosk phone screen in kk');
      const response = await waitFor(kiosk, 'POST', '/api/v1/branches/1/tickets', () => bigButton(kiosk, kk['kiosk.phone.skip']).click());
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { queue: 'A', lang: 'kk', priority: 'none' });
      taken = await response.json();

      await assertH1(kiosk, kk['kiosk.ticket.heading']);
      const number = (await kiosk.locator('[data-field="number"]').innerText()).trim();
      assert.match(number, /^A\d{3}$/, 'the number is the series letter and three digits');
      assert.equal(number, taken.number);
      assert.match(await kiosk.locator('[data-field="queue"]').innerText(), /Құжаттарды қабылдау/);
      assert.match(await kiosk.locator('[data-field="time"]').innerText(), /^\d{2}:\d{2}$/);
      assert.ok((await kiosk.locator('[data-field="ahead"]').innerText()).trim(), 'people ahead are shown');
      assert.ok((await kiosk.locator('[data-field="wait"]').innerText()).trim(), 'the estimated wait is shown');
      const follow = await kiosk.locator('a[data-link="follow"]').getAttribute('href');
      assert.ok(follow.endsWith(`#/ticket/${taken.id}?token=${taken.token}`), follow);
      assert.equal(await kiosk.locator('.kiosk-qr svg path').count(), 1, 'a QR code is drawn');
      assert.equal(await kiosk.locator('.kiosk-qr').getAttribute('aria-label'), kk['kiosk.ticket.qr']);
      await kiosk.locator('[data-field="countdown"]').waitFor();
      await assertNoAxeViolations(kiosk, 'kiosk ticket screen in kk');
    });

    step('kiosk in ru: a wrong phone number is refused in plain words; "Done" goes back to the start', async () => {
      await bigButton(kiosk, kk['kiosk.ticket.done']).click();
      await assertH1(kiosk, new RegExp(escapeRe(ru['kiosk.lang.heading'])));
      await bigButton(kiosk, 'Русский').click();
      await assertH1(kiosk, ru['kiosk.queue.heading']);
      await assertNoAxeViolations(kiosk, 'kiosk queue screen in ru');
      await kiosk.locator('button[data-queue="A"]').click();
      await bigButton(kiosk, ru['kiosk.priority.none']).click();
      await assertH1(kiosk, ru['kiosk.phone.heading']);
      // Typed on the screen's keypad: 1, 2, 3.
      for (const d of ['1', '2', '3']) await kiosk.locator(`.kiosk-keypad button[data-key="${d}"]`).click();
      assert.equal(await kiosk.getByLabel(ru['kiosk.phone.field'], { exact: true }).inputValue(), '123');
      let posted = false;
      const onRequest = (r) => {
        if (r.method() === 'POST' && r.url().includes('/tickets')) posted = true;
      };
      kiosk.on('request', onRequest);
      await bigButton(kiosk, ru['kiosk.phone.take']).click();
      const alert = kiosk.locator('[data-field="kiosk-error"]');
      await alert.filter({ hasText: ru['kiosk.phone.invalid'] }).waitFor();
      assert.equal(await kiosk.getByLabel(ru['kiosk.phone.field'], { exact: true }).getAttribute('aria-invalid'), 'true');
      kiosk.off('request', onRequest);
      assert.equal(posted, false, 'no ticket is asked for with a wrong phone');
      await assertNoAxeViolations(kiosk, 'kiosk phone screen in ru, with its error');
      await bigButton(kiosk, ru['kiosk.start_over']).click();
      await assertH1(kiosk, new RegExp(escapeRe(kk['kiosk.lang.heading'])));
    });

    // ---- board ----

    step('the board (a second page) connects live; axe-clean in kk and ru', async () => {
      for (const lang of ['kk', 'ru']) {
        await board.goto(`${BASE}/#/board/1`);
        await board.evaluate((l) => localStorage.setItem('tereze.lang', l), lang);
        await board.reload();
        await assertH1(board, new RegExp(`${escapeRe(kk['board.heading'])}.*${escapeRe(ru['board.heading'])}`));
        await board.locator('[data-field="connection"][data-state="connected"]').waitFor();
        assert.match(await board.locator('[data-field="connection"]').innerText(), new RegExp(escapeRe(kk['board.connected'])));
        await board.locator('[data-list="calls"] > *').first().waitFor();
        await assertNoAxeViolations(board, `board in ${lang}`);
      }
      // A mark that a reload would wipe out.
      await board.evaluate(() => {
        window.__noReload = true;
      });
    });

    // ---- counter ----

    let called; // the ticket called at window 1

    step('the operator presses "Call next" at window 1: the board shows it within seconds, without a reload, and says it', async () => {
      await staff.goto(`${BASE}/#/counter`);
      await staff.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signInAs(staff, 'operator');
      await assertH1(staff, fill(en['counter.heading_window'], { number: 1 }));
      const nav = staff.getByRole('navigation', { name: en['layout.nav'] });
      assert.equal(await nav.getByRole('link', { name: en['nav.counter'], exact: true }).getAttribute('aria-current'), 'page');
      await staff.locator('[data-note="no-current"]').waitFor();
      // The kiosk's ticket waits in the list, with its place.
      const row = staff.locator(`[data-list="waiting"] tr[data-number="${taken.number}"]`);
      await row.waitFor();
      assert.equal((await row.locator('[data-field="position"]').innerText()).trim(), '1');

      const response = await waitFor(staff, 'POST', '/api/v1/windows/1/call-next', () =>
        staff.getByRole('button', { name: en['counter.action.call-next'], exact: true }).click(),
      );
      assert.equal(response.status(), 200, await response.text());
      const body = await response.json();
      called = body.ticket ?? body;
      assert.equal(called.number, taken.number, 'the kiosk ticket is the one called');
      await staff.locator(`[data-field="current"] [data-field="number"]`).filter({ hasText: taken.number }).waitFor();
      // The consultation panel is there at an intake window too, folded.
      const consult = staff.locator('[data-section="consultation"]');
      await consult.getByRole('heading', { level: 2, name: fill(en['consult.heading_ticket'], { number: taken.number }) }).waitFor();
      assert.equal(await consult.locator('details').getAttribute('open'), null, 'folded at an intake window');
      await staff.locator('[data-field="counter-notice"]').filter({ hasText: fill(en['counter.done.called'], { number: taken.number, window: 1 }) }).waitFor();

      // The board got it through its WebSocket.
      const newest = board.locator(`tr.board-row--new[data-number="${taken.number}"][data-window="1"]`);
      await newest.waitFor({ timeout: 5_000 });
      assert.equal(await board.evaluate(() => window.__noReload), true, 'the board was not reloaded');
      // The call's words in kk and ru: the server's own (as spoken), or the page's.
      const res = await board.request.get(`${BASE}/api/v1/branches/1/board`);
      const last = (await res.json()).calls[0];
      assert.equal(last.number, taken.number);
      const text = await newest.locator('.board-text').innerText();
      for (const lang of ['kk', 'ru']) {
        const expected = last.text?.[lang] ?? fill({ kk, ru }[lang]['board.call_text'], { number: taken.number, window: 1 });
        assert.ok(text.includes(expected), `the board says "${expected}": ${text}`);
      }
      // The call is said aloud from the server's recordings, Kazakh first (or the board offers
      // a button when the browser blocks sound).
      if (last.audio?.kk) {
        await board.waitForFunction(
          (url) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(url)) || !document.querySelector('[data-action="sound"]')?.hidden,
          last.audio.kk,
          { timeout: 5_000 },
        );
      }
      const said = await board.locator('[data-field="announce"]').innerText();
      assert.ok(said.includes(last.text?.ru ?? fill(ru['board.call_text'], { number: taken.number, window: 1 })), `announced: ${said}`);
    });

    step('the ticket page on the applicant\'s phone says "go to window 1"', async () => {
      await kiosk.goto(`${BASE}/#/ticket/${taken.id}?token=${taken.token}`);
      const lang = await kiosk.evaluate(() => document.documentElement.lang);
      const cat = CATALOG[lang];
      await assertH1(kiosk, fill(cat['ticket.heading_number'], { number: taken.number }));
      const callout = kiosk.locator('[data-field="callout"] .ticket-call[data-window="1"]');
      await callout.waitFor();
      assert.equal(await callout.innerText(), fill(cat['ticket.go_to_window'], { window: 1 }));
      assert.equal(await kiosk.locator('[data-field="state"] [data-state]').getAttribute('data-state'), 'called');
      await assertNoAxeViolations(kiosk, `ticket page in ${lang}`);
      // A wrong token is refused in plain words.
      await kiosk.goto(`${BASE}/#/ticket/${taken.id}?token=0000`);
      await kiosk.locator('[data-field="ticket-error"]').filter({ hasText: cat['queue.error.ticket_not_found'] }).waitFor();
    });

    step('the counter calls again, starts and finishes (served)', async () => {
      const current = staff.locator('[data-field="current"]');
      await waitFor(staff, 'POST', `/api/v1/tickets/${called.id}/recall`, () => staff.getByRole('button', { name: en['counter.action.recall'], exact: true }).click());
      await current.locator('[data-field="recalls"]').filter({ hasText: '1' }).waitFor();
      await staff.locator('[data-field="counter-notice"]').filter({ hasText: fill(en['counter.done.recall'], { number: called.number, recalls: 1 }) }).waitFor();

      await waitFor(staff, 'POST', `/api/v1/tickets/${called.id}/start`, () => staff.getByRole('button', { name: en['counter.action.start'], exact: true }).click());
      await current.locator('[data-state="serving"]').waitFor();
      assert.equal(await staff.getByRole('radio', { name: en['counter.outcome.served'], exact: true }).isChecked(), true);

      // The shortcut Alt+Shift+F is the "Finish" button.
      assert.equal(await staff.getByRole('button', { name: en['counter.action.finish'], exact: true }).getAttribute('aria-keyshortcuts'), 'Alt+Shift+F');
      const response = await waitFor(staff, 'POST', `/api/v1/tickets/${called.id}/finish`, () => staff.keyboard.press('Alt+Shift+KeyF'));
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { outcome: 'served' });
      await staff.locator('[data-note="no-current"]').waitFor();
    });

    step('a second ticket is put aside and taken back, then finished as referred; axe-clean in kk and ru', async () => {
      const res = await kioskCtx.request.post(`${BASE}/api/v1/branches/1/tickets`, { data: { queue: 'A', lang: 'ru', priority: 'none' } });
      assert.equal(res.status(), 201, await res.text());
      const second = await res.json();
      await staff.locator(`[data-list="waiting"] tr[data-number="${second.number}"]`).waitFor();
      await waitFor(staff, 'POST', '/api/v1/windows/1/call-next', () => staff.getByRole('button', { name: en['counter.action.call-next'], exact: true }).click());
      const current = staff.locator('[data-field="current"]');
      await current.locator('[data-field="number"]').filter({ hasText: second.number }).waitFor();
      assert.equal((await current.locator('[data-field="lang"]').innerText()).trim(), en['counter.lang.ru']);
      await staff.getByRole('button', { name: en['counter.action.start'], exact: true }).click();
      await current.locator('[data-state="serving"]').waitFor();

      // axe on the busiest state of the panel, in kk and ru.
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await staff.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(staff, fill(cat['counter.heading_window'], { number: 1 }));
        await staff.getByRole('button', { name: cat['counter.action.finish'], exact: true }).waitFor();
        await assertNoAxeViolations(staff, `counter in ${lang}`);
      }
      await staff.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(staff, fill(en['counter.heading_window'], { number: 1 }));

      await waitFor(staff, 'POST', `/api/v1/tickets/${second.id}/park`, () => staff.getByRole('button', { name: en['counter.action.park'], exact: true }).click());
      await staff.locator('[data-note="no-current"]').waitFor();
      const resume = staff.getByRole('button', { name: fill(en['counter.action.resume'], { number: second.number }), exact: true });
      await resume.waitFor();
      const r = await waitFor(staff, 'POST', `/api/v1/tickets/${second.id}/resume`, () => resume.click());
      assert.equal(r.status(), 200, await r.text());
      assert.deepEqual(r.request().postDataJSON(), { window_id: 1 });
      await current.locator('[data-field="number"]').filter({ hasText: second.number }).waitFor();
      await staff.locator('[data-note="no-parked"]').waitFor();

      await staff.getByRole('radio', { name: en['counter.outcome.referred'], exact: true }).check();
      const f = await waitFor(staff, 'POST', `/api/v1/tickets/${second.id}/finish`, () => staff.getByRole('button', { name: en['counter.action.finish'], exact: true }).click());
      assert.deepEqual(f.request().postDataJSON(), { outcome: 'referred' });
      await staff.locator('[data-note="no-current"]').waitFor();
    });

    step('"Call next" with nobody waiting shows queue_empty', async () => {
      await staff.locator('[data-note="no-waiting"]').waitFor();
      const response = await waitFor(staff, 'POST', '/api/v1/windows/1/call-next', () =>
        staff.getByRole('button', { name: en['counter.action.call-next'], exact: true }).click(),
      );
      assert.equal(response.status(), 404, await response.text());
      const alert = staff.locator('[data-field="counter-error"]');
      await alert.filter({ hasText: en['queue.error.queue_empty'] }).waitFor();
      assert.equal(await alert.getAttribute('data-code'), 'queue_empty');
      await assertNoAxeViolations(staff, 'counter with queue_empty');
    });

    step('the branch manager\'s live view shows window 1 with its operator', async () => {
      await signOutOf(staff);
      await signInAs(staff, 'manager');
      await staff.goto(`${BASE}/#/queue-live`);
      await assertH1(staff, en['live.heading']);
      const w1 = staff.locator('[data-section="windows"] tr[data-window="1"] [data-field="employee"]');
      await w1.filter({ hasText: 'Сәрсенбаева' }).waitFor();
      await staff.locator('[data-section="queues"] tr[data-queue="A"] [data-field="waiting"]').filter({ hasText: '0' }).waitFor();
      await assertNoAxeViolations(staff, 'queue live view');
    });

    step('a C ticket waiting over 15 minutes: the live view\'s alert banner, live; called, it goes; its consultation is counted', async () => {
      const banner = staff.locator('[data-field="alerts"]');
      await banner.waitFor({ state: 'attached' });
      assert.equal(await banner.textContent(), '', 'no alert yet');
      const take = async () => {
        const r = await kioskCtx.request.post(`${BASE}/api/v1/branches/1/tickets`, { data: { queue: 'C', lang: 'kk', priority: 'none' } });
        assert.equal(r.status(), 201, await r.text());
        return r.json();
      };
      const late = await take();
      await staff.locator(`[data-section="waiting"] tr[data-number="${late.number}"]`).waitFor();
      assert.equal(await banner.getAttribute('data-count'), '0');

      // 16 minutes on (for the rest of this server's run).
      const clock = await kioskCtx.request.post(`${BASE}/api/v1/test/clock`, { data: { advance_seconds: 960 } });
      assert.equal(clock.status(), 200, await clock.text());
      await staff.evaluate(() => {
        window.__noReload = true;
      });
      // Another ticket is an event of the board: the view reloads by itself and shows the alert.
      const fresh = await take();
      await banner.filter({ hasText: fill(en['live.alerts'], { n: 1, numbers: late.number }) }).waitFor();
      assert.equal(await banner.getAttribute('data-count'), '1');
      assert.equal(await banner.getAttribute('role'), 'alert');
      await staff.locator(`[data-section="waiting"] tr[data-number="${fresh.number}"]`).waitFor();
      assert.equal(await staff.evaluate(() => window.__noReload), true, 'not reloaded');
      const queue = await (await staff.request.get(`${BASE}/api/v1/branches/1/queue`)).json();
      assert.deepEqual(queue.alerts.map((t) => t.number), [late.number]);
      await assertNoAxeViolations(staff, 'queue live view with its alert banner');

      // The consultant calls it (and records a consultation): the banner goes.
      const consultant = await browser.newContext();
      try {
        const login = await consultant.request.post(`${BASE}/api/v1/auth/login`, { data: { login: 'consultant', password: 'tereze-demo' } });
        assert.equal(login.status(), 200, await login.text());
        const csrf = (await consultant.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value ?? '';
        const post = async (path, data = {}) => {
          const r = await consultant.request.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
          assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`);
          const body = await r.json();
          return body.ticket ?? body;
        };
        const first = await post('/api/v1/windows/10/call-next');
        assert.equal(first.id, late.id, 'the one waiting longest is called first');
        await staff.locator('[data-field="alerts"][data-count="0"]').waitFor({ state: 'attached' });
        assert.equal(await banner.textContent(), '', 'the alert is gone');
        await post(`/api/v1/tickets/${late.id}/consultations`, { service_code: '00101001', outcome: 'referred_to_intake' });
        await post(`/api/v1/tickets/${late.id}/start`);
        await post(`/api/v1/tickets/${late.id}/finish`, { outcome: 'served' });
        // The day's consultations by service follow (the finish is an event of the board).
        const row = staff.locator('[data-section="consultations"] tr[data-service="00101001"]');
        await row.waitFor();
        assert.ok(Number(await row.locator('[data-field="count"]').innerText()) >= 1);
        assert.match(await row.locator('[data-field="outcomes"]').innerText(), new RegExp(en['consult.outcome.referred_to_intake']));
        // The other one is served too: queue C is empty for the tests after this one.
        const second = await post('/api/v1/windows/10/call-next');
        assert.equal(second.id, fresh.id);
        await post(`/api/v1/tickets/${fresh.id}/start`);
        await post(`/api/v1/tickets/${fresh.id}/finish`, { outcome: 'served' });
      } finally {
        await consultant.close();
      }
      await staff.locator('[data-section="queues"] tr[data-queue="C"] [data-field="waiting"]').filter({ hasText: '0' }).waitFor();
      await assertNoAxeViolations(staff, 'queue live view with the day\'s consultations');
    });
  });
}
