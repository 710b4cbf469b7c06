// Browser test of the public tracking page (#/track, #/track/{barcode}; R32) against a running
// server: the demo operator accepts an application and has an incomplete package refused
// (through the API), then an anonymous visitor, with no cookies, opens the receipt's QR link
// and sees the stage, the service and the issue date; types (or scans) a misread number, an
// unknown one and the refusal's; all of it axe-clean in kk and ru, also at a phone's 375 px.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded with the operator seated at an intake window, and run
// with a test clock at Tuesday 2026-11-24 10:00 Asia/Almaty (scripts/with-server.sh), so that
// the issue date is 2026-12-15. The API allows 60 tracking requests a minute per address:
// this file sends three (a fourth is answered in the browser). Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, PASSWORD, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, meStatus,
} from './support/browser.mjs';

const SERVICE = '00803008'; // no payments, consent required (data/catalog/services.json)
const IIN = '870412300129'; // valid check digit
// Consent numbers are unique: new ones per run, so that the test also passes on a database it ran on.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const ISSUE_DOTTED = '15.12.2026';
const ACCEPTED_DOTTED = '24.11.2026';

/** ISO 7064 MOD 11,10, as the server computes the barcode's check digit. */
function checkDigit(digits) {
  let p = 10;
  for (const c of digits) {
    let s = (p + Number(c)) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return (11 - p) % 10;
}
const isTrackCall = (r) => new URL(r.url()).pathname.startsWith('/api/v1/track/');

if (!BASE) {
  missingServerTest();
} else {
  describe(`public tracking page at ${BASE}`, () => {
    let browser, context, page;
    const step = stepper();
    /** GET /api/v1/track/… calls the visitor's page made (the API limits them). */
    const trackCalls = [];

    const result = () => page.locator('section.track-result');
    const field = (cat = en) => page.getByLabel(cat['track.field'], { exact: true });
    const focusedIs = (locator) => locator.evaluate((el) => el === document.activeElement);

    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    // ---- the operator's side, through the API ----

    let accepted; // the 201 body
    let refusalBarcode;
    step('the demo operator accepts an application and has an incomplete package refused (API)', async () => {
      const staff = await browser.newContext();
      try {
        const api = staff.request;
        const login = await api.post(`${BASE}/api/v1/auth/login`, { data: { login: 'operator', password: PASSWORD } });
        assert.equal(login.status(), 200, await login.text());
        const csrf = (await staff.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value;
        assert.ok(csrf, 'the login set the CSRF cookie');
        const post = (path, data) => api.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
        const application = async (reference, documents) => {
          const consent = await post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE });
          assert.equal(consent.status(), 201, await consent.text());
          return post('/api/v1/applications', {
            service_code: SERVICE,
            lang: 'ru',
            applicant: {
              iin: IIN,
              surname: 'Сейтқали',
              name: 'Айгүл',
              patronymic: '',
              phone: '',
              id_document: { type: 'id_card', number: '045123456', valid_until: '2030-12-31' },
            },
            documents,
            payments: [],
            form_complete: false,
            first_time: false,
            consents: [{ kind: 'written', reference }],
          });
        };
        const ok = await application(`TRK-${RUN}-1`, [{ code: 'application', kind: 'original', pages: 1 }]);
        assert.equal(ok.status(), 201, await ok.text());
        accepted = await ok.json();
        assert.match(accepted.barcode, /^\d{13}$/);
        assert.equal(accepted.issue_date, '2026-12-15', 'the test clock is Tuesday 2026-11-24');
        const refused = await application(`TRK-${RUN}-2`, []);
        assert.equal(refused.status(), 422, await refused.text());
        const body = await refused.json();
        assert.equal(body.error.code, 'package_incomplete');
        refusalBarcode = body.error.details.refusal_barcode;
        assert.match(refusalBarcode, /^\d{13}$/);
      } finally {
        await staff.close();
      }
    });

    // ---- the applicant's side: no sign-in ----

    let tracked; // the 200 body the page got
    step("an anonymous visitor opens the receipt's QR link and sees the stage, the service and the issue date", async () => {
      ({ context, page } = await openPage(browser));
      page.on('request', (r) => {
        if (isTrackCall(r)) trackCalls.push(r.url());
      });
      assert.equal((await context.cookies(BASE)).length, 0, 'a fresh visitor has no cookies');
      const [response] = await Promise.all([
        page.waitForResponse((r) => isTrackCall(r)),
        page.goto(`${BASE}/#/track/${accepted.barcode}`),
      ]);
      assert.equal(response.status(), 200, await response.text());
      tracked = await response.json();
      assert.equal(tracked.stage, 'accepted');
      assert.equal(await meStatus(page), 401, 'nobody is signed in');

      await assertH1(page, en['track.heading']);
      const section = result();
      await section.getByRole('heading', { level: 2, name: fill(en['track.result.heading'], { barcode: accepted.barcode }) }).waitFor();
      assert.equal(await section.getAttribute('data-status'), 'accepted');
      assert.equal((await section.locator('[data-field="stage"]').textContent()).trim(), en['track.stage.accepted']);
      const ready = section.locator('[data-field="ready"]');
      assert.equal((await ready.textContent()).trim(), fill(en['track.ready_on'], { date: ISSUE_DOTTED }));
      const size = await ready.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 24, `the issue date is big (${size}px)`);
      // English falls back to the Russian name, marked as Russian.
      assert.ok(tracked.service_name?.ru, 'the service has a Russian name');
      const service = section.locator('[data-field="service"]');
      assert.equal((await service.textContent()).trim(), tracked.service_name.ru);
      assert.equal(await service.locator('[lang]').getAttribute('lang'), 'ru');
      assert.equal(await section.locator('[data-field="accepted_on_date"]').textContent(), ACCEPTED_DOTTED);
      assert.equal(await section.locator('[data-field="issue_date_date"]').getAttribute('datetime'), '2026-12-15');
      assert.equal(await section.locator('[data-field="issue_date_date"]').textContent(), ISSUE_DOTTED);
      // The progress: "Accepted" is the current step, the rest to come.
      const steps = section.getByRole('list', { name: en['track.steps.heading'] });
      assert.equal(await steps.locator('li').count(), 5);
      assert.deepEqual(
        await steps.locator('li').evaluateAll((lis) => lis.map((li) => [li.dataset.step, li.dataset.state, li.getAttribute('aria-current')])),
        [
          ['accepted', 'current', 'step'],
          ['provider', 'todo', null],
          ['decision', 'todo', null],
          ['ready', 'todo', null],
          ['issued', 'todo', null],
        ],
      );
      // The history, in Astana time, dates as on the receipt.
      const events = section.getByRole('list', { name: en['track.history.heading'] });
      const first = events.locator('li').first();
      assert.equal(await first.getAttribute('data-kind'), 'accepted');
      assert.equal(await first.locator('time').getAttribute('datetime'), tracked.events[0].at);
      assert.match(await first.locator('time').textContent(), new RegExp(`^${ACCEPTED_DOTTED.replaceAll('.', '\\.')}, \\d\\d:\\d\\d$`));
      assert.equal((await first.locator('.track-events__what').textContent()).trim(), en['track.event.accepted']);
      // Screen readers hear the outcome; the page keeps no personal data.
      const live = page.getByRole('status').filter({ hasText: fill(en['track.ready_on'], { date: ISSUE_DOTTED }) });
      assert.equal(await live.count(), 1, 'the outcome is in a live region');
      const text = await page.locator('main').textContent();
      for (const personal of [IIN, 'Сейтқали', 'Айгүл']) assert.ok(!text.includes(personal), `no ${personal} on the page`);
      // The receipt's link shows the answer: the field does not take the focus (no phone keyboard over it).
      assert.equal(await focusedIs(field()), false);
      assert.equal(await field().inputValue(), accepted.barcode);
      // On the phone the answer comes first, the form for another number after it.
      const answerFirst = await page.evaluate(() => {
        const answer = document.querySelector('section.track-result');
        const form = document.querySelector('form[data-form="track"]');
        return !!answer && !!form && !!(answer.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.equal(answerFirst, true, 'the answer precedes the form');
      await page.getByRole('heading', { level: 2, name: en['track.other.heading'] }).waitFor();
      const nav = page.getByRole('navigation', { name: en['layout.nav'] });
      assert.equal(await nav.getByRole('link', { name: en['nav.track'], exact: true }).getAttribute('aria-current'), 'page');
      await nav.getByRole('link', { name: en['nav.signin'], exact: true }).waitFor();
      await assertNoAxeViolations(page, 'tracking page with an accepted application');
    });

    step('in Kazakh and Russian, also at a phone width of 375 px, the page is translated and axe-clean', async () => {
      const section = result();
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(page, cat['track.heading']);
        await section.locator('[data-field="stage"]').filter({ hasText: cat['track.stage.accepted'] }).waitFor();
        assert.equal((await section.locator('[data-field="ready"]').textContent()).trim(), fill(cat['track.ready_on'], { date: ISSUE_DOTTED }));
        const service = section.locator('[data-field="service"]');
        assert.equal((await service.textContent()).trim(), tracked.service_name[lang], `the service name in ${lang}`);
        assert.equal(await service.locator('[lang]').count(), 0, 'in the UI language: no lang mark');
        await section.getByRole('list', { name: cat['track.steps.heading'] }).locator('li[aria-current="step"]').filter({ hasText: cat['track.step.accepted'] }).waitFor();
        await field(cat).waitFor();
        await assertNoAxeViolations(page, `tracking page in ${lang}`);
      }
      await page.setViewportSize({ width: 375, height: 740 });
      for (const [lang, cat] of [['ru', ru], ['kk', kk]]) {
        if (lang === 'kk') await page.getByRole('button', { name: ru['lang.kk'], exact: true }).click();
        await assertH1(page, cat['track.heading']);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 375, `no sideways scrolling at 375 px in ${lang} (${wide}px)`);
        const box = await section.locator('[data-field="ready"]').boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the issue date fits the screen in ${lang}`);
        await assertNoAxeViolations(page, `tracking page at 375 px in ${lang}`);
      }
      await page.getByRole('button', { name: kk['lang.en'], exact: true }).click();
      await assertH1(page, en['track.heading']);
      assert.equal(trackCalls.length, 1, 'switching the language asks the server nothing');
    });

    step('#/track: the field has the focus; a scanned number with a wrong check digit says "check and scan again"', async () => {
      await page.goto(`${BASE}/#/track`);
      await assertH1(page, en['track.heading']);
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'barcode');
      assert.equal(await field().inputValue(), '');
      assert.equal(await result().count(), 0);
      const last = Number(accepted.barcode.slice(-1));
      const misread = accepted.barcode.slice(0, -1) + String((last + 1) % 10);
      const before = trackCalls.length;
      // A scanner: the digits, then Enter, without a click.
      await page.keyboard.type(misread);
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: en['track.error.misread'] });
      await alert.waitFor();
      assert.equal(await field().getAttribute('aria-invalid'), 'true');
      const alertId = await page.locator('[data-field="track-error"]').getAttribute('id');
      assert.ok((await field().getAttribute('aria-describedby')).split(' ').includes(alertId), 'the error describes the field');
      assert.equal(trackCalls.length, before, 'a misread number is not sent');
      // Ready for the next scan: the focus stays, the number is selected.
      assert.equal(await focusedIs(field()), true);
      assert.deepEqual(await field().evaluate((el) => [el.selectionStart, el.selectionEnd]), [0, 13]);
      await assertNoAxeViolations(page, 'tracking page with a misread number');
    });

    step('an unknown but well-formed number: not found', async () => {
      const body = '1' + '73105924868';
      const unknown = body + checkDigit(body);
      const [response] = await Promise.all([
        page.waitForResponse((r) => isTrackCall(r)),
        (async () => {
          await page.keyboard.type(unknown);
          await page.keyboard.press('Enter');
        })(),
      ]);
      assert.equal(response.status(), 404, await response.text());
      assert.equal((await response.json()).error.code, 'application_not_found');
      await page.getByRole('alert').filter({ hasText: en['track.error.not_found'] }).waitFor();
      assert.equal(await page.getByRole('alert').filter({ hasText: en['track.error.misread'] }).count(), 0);
      assert.equal(await field().getAttribute('aria-invalid'), 'true');
      assert.equal(await field().inputValue(), unknown, 'the number typed replaced the selected one');
      assert.equal(await result().count(), 0);
    });

    step('the refusal receipt\'s number explains the refusal at intake', async () => {
      // Typed by hand, in groups.
      const typed = `${refusalBarcode.slice(0, 1)} ${refusalBarcode.slice(1, 7)} ${refusalBarcode.slice(7)}`;
      await field().fill(typed);
      const [response] = await Promise.all([page.waitForResponse((r) => isTrackCall(r)), field().press('Enter')]);
      assert.equal(response.status(), 200, await response.text());
      assert.equal(new URL(response.url()).pathname, `/api/v1/track/${refusalBarcode}`);
      const refusal = await response.json();
      assert.equal(refusal.status, 'refused');
      assert.match(page.url(), new RegExp(`#/track/${refusalBarcode}$`), 'the address names the number');
      const section = result();
      await section.locator('[data-field="stage"]').filter({ hasText: en['track.stage.refused'] }).waitFor();
      assert.equal(await section.getAttribute('data-status'), 'refused');
      assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'the error is gone');
      assert.equal(await field().getAttribute('aria-invalid'), null);
      assert.equal((await section.locator('[data-field="refused-text"]').textContent()).trim(), en['track.refused.text']);
      assert.equal((await section.locator('[data-field="refused-again"]').textContent()).trim(), en['track.refused.again']);
      assert.equal(await section.locator('[data-link="service-documents"]').getAttribute('href'), `#/services/${SERVICE}`);
      assert.equal(await section.locator('.track-progress').count(), 0, 'no progress for a refusal');
      assert.equal(await section.locator('[data-field="issue_date"]').count(), 0, 'no issue date');
      assert.equal((await section.locator('[data-field="status"]').textContent()).trim(), en['track.status.refused']);
      assert.equal(await section.locator('li[data-kind="refused"]').count(), 1);
      await page.getByRole('status').filter({ hasText: en['track.refused.again'] }).waitFor();
      for (const [lang, cat] of [['ru', ru], ['kk', kk]]) {
        await page.getByRole('button', { name: lang === 'ru' ? en['lang.ru'] : ru['lang.kk'], exact: true }).click();
        await section.locator('[data-field="refused-text"]').filter({ hasText: cat['track.refused.text'] }).waitFor();
        await assertNoAxeViolations(page, `tracking page with a refusal in ${lang} at 375 px`);
      }
      assert.equal(trackCalls.length, 3, 'three lookups in all');
    });

    step('too many lookups: the page says how long to wait (the 429 is simulated, not provoked)', async () => {
      await page.route(/\/api\/v1\/track\//, (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/json',
          headers: { 'Retry-After': '42' },
          body: JSON.stringify({ error: { code: 'too_many_requests', message: 'too many tracking requests; wait' } }),
        }),
      );
      try {
        await page.getByRole('button', { name: kk['lang.en'], exact: true }).click();
        await field().fill(accepted.barcode);
        await field().press('Enter');
        await page.getByRole('alert').filter({ hasText: fill(en['track.error.too_many'], { n: 42 }) }).waitFor();
        assert.equal(await result().count(), 0, 'the previous answer is gone');
        assert.equal(await field().getAttribute('aria-invalid'), 'true');
        await page.getByRole('button', { name: en['track.submit'], exact: true }).waitFor();
      } finally {
        await page.unroute(/\/api\/v1\/track\//);
      }
    });
  });
}
