// Browser test of the operator's workstation (#/desk) against a running server: intake of
// an application at the front desk, keyboard only (R9, R10, R17, R18, R19, R27), the
// refusal of an incomplete package with its receipt (R18.6), a refused request (an expired
// identity document), the SMS consent up to a wrong code, accessibility in kk and ru, and
// that only operators see the desk.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded with the operator seated at intake window 1 of
// AST-01, and run with a test clock on an open day (scripts/with-server.sh: Tuesday
// 2026-11-24 10:00 Asia/Almaty). Uses the system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const SERVICE = '00803008'; // no payments, consent required, form prefilled (data/catalog/services.json)
const IIN = '870412300129'; // valid check digit; born 12 April 1987
const IIN_MISTYPED = '870412300128';
const BRANCH_NAME_EN = 'Public Service Center No. 1, Astana';
const APPLICATION_RU = 'Заявление'; // the "application" document has no English name in the refusal
// Consent numbers are unique: new ones per run, so that the test also passes on a database it ran on.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const CONSENT_1 = `ПС-${RUN}-1`;
const CONSENT_2 = `ПС-${RUN}-2`;
// Codes are limited per phone: a new mobile number per run (+7 70X XXX XX XX).
const SMS_DIGITS = `70${String(Date.now()).slice(-8)}`;
const SMS_PHONE = `+7 ${SMS_DIGITS.slice(0, 3)} ${SMS_DIGITS.slice(3, 6)} ${SMS_DIGITS.slice(6, 8)} ${SMS_DIGITS.slice(8)}`;

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

if (!BASE) {
  missingServerTest();
} else {
  describe(`operator's desk at ${BASE}`, () => {
    let browser, context, page;
    // Steps depend on each other: once one fails, skip the rest.
    const step = stepper();

    const signIn = async (login) => {
      await signInAs(page, login);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    };
    const signOut = () => signOutOf(page);
    const apiGet = async (path) => {
      const res = await page.request.get(`${BASE}${path}`);
      assert.equal(res.status(), 200, `GET ${path} answered ${res.status()}`);
      return res.json();
    };
    /** What has the focus: its label (or aria-label, or text), tag, name, value. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const label = el?.labels?.[0]?.textContent?.trim() || el?.getAttribute('aria-label') || el?.textContent?.trim() || '';
        return {
          label,
          tag: el?.tagName.toLowerCase(),
          type: el?.getAttribute('type'),
          name: el?.getAttribute('name'),
          action: el?.getAttribute('data-action'),
          value: el?.value,
        };
      });
    /** Tab once; the focus must land on the field with this label. */
    const tabTo = async (label) => {
      await page.keyboard.press('Tab');
      const f = await focused();
      assert.equal(f.label, label, `Tab should reach "${label}", got ${JSON.stringify(f)}`);
      return f;
    };
    /** Clicks (or presses) and returns the response of the first request matching method + path. */
    const waitFor = async (method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };
    /** The status of GET /applications/{id}: 404 when no such application exists (yet). */
    const applicationStatus = async (id) => (await page.request.get(`${BASE}/api/v1/applications/${id}`)).status();

    const desk = () => page.locator('.desk');
    const applicant = () => page.locator('fieldset[data-group="applicant"]');
    const outcome = () => page.locator('section.desk-outcome');
    const searchbox = () => page.getByRole('searchbox', { name: en['desk.service.search'] });

    /** Chooses the service through the search (mouse and fill: not the keyboard test). */
    const chooseService = async (code = SERVICE) => {
      await searchbox().fill(code);
      await searchbox().press('Enter');
      await desk().locator('[data-field="service-code"]').filter({ hasText: code }).waitFor();
    };
    const fillApplicant = async ({ iin = IIN, surname = 'Сейтқали', name = 'Айгүл', phone = '', number = '045123456', validUntil = '31.12.2030' } = {}) => {
      const a = applicant();
      await a.getByLabel(en['desk.field.iin'], { exact: true }).fill(iin);
      await a.getByLabel(en['desk.field.surname'], { exact: true }).fill(surname);
      await a.getByLabel(en['desk.field.name'], { exact: true }).fill(name);
      await a.getByLabel(en['desk.field.phone'], { exact: true }).fill(phone);
      await a.getByLabel(en['desk.field.doc_number'], { exact: true }).fill(number);
      await a.getByLabel(en['desk.field.doc_valid_until'], { exact: true }).fill(validUntil);
    };

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    // ---- who sees the desk ----

    step('a consultant, a branch manager and an administrator do not see the desk', async () => {
      await page.goto(`${BASE}/#/desk`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn('consultant');
      // Signed in on #/desk: the page says no.
      await assertH1(page, en['denied.heading']);
      for (const login of ['consultant', 'manager', 'admin']) {
        if (login !== 'consultant') {
          await signIn(login);
          await page.goto(`${BASE}/#/desk`);
          await assertH1(page, en['denied.heading']);
        }
        const nav = page.getByRole('navigation', { name: en['layout.nav'] });
        await nav.getByRole('link', { name: en['nav.services'], exact: true }).waitFor();
        assert.equal(await nav.locator('a[href="#/desk"]').count(), 0, `no desk link for ${login}`);
        assert.equal(await page.locator('form[data-form="application"]').count(), 0, `no intake form for ${login}`);
        await signOut();
      }
    });

    step('the operator has the desk in the menu and sees the window they sit at', async () => {
      await signIn('operator');
      const link = page.getByRole('navigation', { name: en['layout.nav'] }).getByRole('link', { name: en['nav.desk'], exact: true });
      await link.click();
      await page.waitForURL(/#\/desk$/);
      await assertH1(page, en['desk.heading']);
      assert.equal(await link.getAttribute('aria-current'), 'page');
      await page
        .locator('[data-field="where"]')
        .filter({ hasText: fill(en['desk.where'], { window: 1, branch: BRANCH_NAME_EN, code: 'AST-01' }) })
        .waitFor();
      assert.equal(await page.locator('[data-field="no-window"]').isVisible(), false);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'the view starts at its heading');
    });

    // ---- keyboard only: accepted ----

    let accepted; // the 201 body
    step('keyboard only: find the service, identify the applicant, tick the package, record the consent, accept', async () => {
      // From the heading: "New application", then the service search.
      await tabTo(en['desk.new']);
      await tabTo(en['desk.service.search']);
      await page.keyboard.type(SERVICE);
      await page.keyboard.press('Enter'); // the only result is chosen at once
      await desk().locator('[data-field="service-code"]').filter({ hasText: SERVICE }).waitFor();
      let f = await focused();
      assert.equal(f.label, en['desk.field.iin'], 'after the service, the applicant IIN has the focus');

      await page.keyboard.type(IIN);
      await applicant().getByText(fill(en['desk.iin.birth'], { date: '12.04.1987' }), { exact: true }).waitFor();
      await tabTo(en['desk.field.surname']);
      await page.keyboard.type('Сейтқали');
      await tabTo(en['desk.field.name']);
      await page.keyboard.type('Айгүл');
      await tabTo(en['desk.field.patronymic']);
      await tabTo(en['desk.field.phone']);
      await page.keyboard.type('+7 701 234 56 78');
      await tabTo(en['desk.field.doc_type']);
      await tabTo(en['desk.field.doc_number']);
      await page.keyboard.type('045123456');
      await tabTo(en['desk.field.doc_valid_until']);
      await page.keyboard.type('31.12.2030');
      await tabTo(en['desk.representative.toggle']);
      // The applicant's language (R19) is its own choice: Russian here, while the UI is English.
      f = await tabTo(ru['lang.ru']);
      assert.equal(f.type, 'radio');
      await tabTo('Application');
      await page.keyboard.press('Space');
      await tabTo(fill(en['desk.docs.kind_label'], { doc: 'Application' }));
      await tabTo(fill(en['desk.docs.pages_label'], { doc: 'Application' }));
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2');
      // The representative-only power of attorney is not asked for; the identity document is
      // fetched from state systems (R27) and cannot be ticked.
      const state = desk().locator('[data-group="state"]');
      await state.getByText(en['desk.docs.state_heading']).waitFor();
      await state.locator('li[data-doc="identity_document"]').filter({ hasText: 'Identity document' }).waitFor();
      assert.equal(await state.locator('input').count(), 0, 'documents from state systems are not tickable');
      assert.equal(await desk().locator('tr[data-doc="power_of_attorney"]').isVisible(), false);

      f = await tabTo(en['desk.consent.written']);
      assert.equal(f.type, 'radio');
      await tabTo(en['desk.consent.reference']);
      await page.keyboard.type(CONSENT_1);
      const consent = await waitFor('POST', '/api/v1/consents', () => page.keyboard.press('Enter'));
      assert.equal(consent.status(), 201, await consent.text());
      assert.deepEqual(consent.request().postDataJSON(), { kind: 'written', iin: IIN, reference: CONSENT_1, scope: SERVICE });
      await desk().locator('[data-field="consent-reference"]').filter({ hasText: CONSENT_1 }).waitFor();
      f = await focused();
      assert.equal(f.action, 'accept', 'after the consent, "Accept" has the focus');

      const response = await waitFor('POST', '/api/v1/applications', () => page.keyboard.press('Enter'));
      assert.equal(response.status(), 201, await response.text());
      accepted = await response.json();
      assert.deepEqual(response.request().postDataJSON(), {
        service_code: SERVICE,
        lang: 'ru',
        applicant: {
          iin: IIN,
          surname: 'Сейтқали',
          name: 'Айгүл',
          patronymic: '',
          phone: '+7 701 234 56 78',
          id_document: { type: 'id_card', number: '045123456', valid_until: '2030-12-31' },
        },
        documents: [{ code: 'application', kind: 'original', pages: 2 }],
        payments: [],
        form_complete: false,
        first_time: false,
        consents: [{ kind: 'written', reference: CONSENT_1 }],
      });

      const panel = outcome();
      await panel.getByRole('heading', { level: 2, name: en['desk.accepted.heading'] }).waitFor();
      assert.equal(await panel.getAttribute('data-outcome'), 'accepted');
      f = await focused();
      assert.equal(f.label, en['desk.accepted.heading'], 'the outcome heading has the focus');
      const barcode = (await panel.locator('[data-field="barcode"]').textContent()).trim();
      assert.match(barcode, /^\d{13}$/);
      assert.equal(barcode, accepted.barcode);
      const issue = panel.locator('[data-field="issue_date"]');
      assert.equal(await issue.getAttribute('datetime'), '2026-12-15');
      assert.equal(await issue.textContent(), fill(en['date.long'], { weekday: en['weekday.2'], day: 15, month: en['month.gen.12'], year: 2026 }));
      assert.equal(await panel.locator('[data-field="provider_deadline"]').getAttribute('datetime'), accepted.provider_deadline);
      const receipt = panel.getByRole('link', { name: new RegExp(`^${en['desk.print_receipt']}`) });
      assert.equal(await receipt.getAttribute('href'), accepted.receipt_url);
      assert.equal(accepted.receipt_url, `/api/v1/applications/${accepted.id}/receipt.pdf`);
      assert.equal(await receipt.getAttribute('target'), '_blank');
      assert.equal(await panel.locator('[data-link="receipt-thermal"]').getAttribute('href'), `${accepted.receipt_url}?layout=thermal`);
      assert.equal(await page.locator('form[data-form="application"]').isVisible(), false, 'the form gives way to the outcome');

      // The server has it as typed, with the identity document fetched from state systems.
      const stored = await apiGet(`/api/v1/applications/${accepted.id}`);
      assert.equal(stored.status, 'accepted');
      assert.equal(stored.lang, 'ru');
      assert.equal(stored.issue_date, '2026-12-15');
      assert.deepEqual(
        stored.documents.map((d) => [d.code, d.kind]).sort(),
        [['application', 'original'], ['identity_document', 'state_system']],
      );
      await assertNoAxeViolations(page, 'desk with the accepted application');
    });

    step('"New application" clears everything and goes to the service search (keyboard)', async () => {
      await tabTo(`${en['desk.print_receipt']} ${en['desk.pdf_note']}`);
      await tabTo(`${en['desk.print_thermal']} ${en['desk.pdf_note']}`);
      await tabTo(en['desk.new']);
      await page.keyboard.press('Enter');
      const f = await focused();
      assert.equal(f.label, en['desk.service.search'], 'the service search has the focus');
      assert.equal(f.value, '');
      assert.equal(await outcome().isVisible(), false);
      assert.equal(await desk().locator('[data-field="service"]').isVisible(), false, 'no service chosen');
      assert.equal(await applicant().getByLabel(en['desk.field.iin'], { exact: true }).inputValue(), '');
      assert.equal(await applicant().getByLabel(en['desk.field.surname'], { exact: true }).inputValue(), '');
      assert.equal(await desk().locator('fieldset[data-group="documents"]').isVisible(), false);
    });

    // ---- client-side IIN check ----

    step('a mistyped IIN is flagged at once and nothing is sent', async () => {
      await chooseService();
      const iin = applicant().getByLabel(en['desk.field.iin'], { exact: true });
      await iin.fill(IIN_MISTYPED);
      const message = applicant().getByText(en['desk.iin.checksum'], { exact: true });
      await message.waitFor();
      assert.equal(await iin.getAttribute('aria-invalid'), 'true');
      const messageId = await message.getAttribute('id');
      assert.ok((await iin.getAttribute('aria-describedby')).split(' ').includes(messageId), 'the message describes the field');
      // A date that does not exist is flagged when leaving the field.
      const valid = applicant().getByLabel(en['desk.field.doc_valid_until'], { exact: true });
      await valid.fill('31.02.2030');
      await valid.press('Tab');
      await applicant().getByText(en['desk.date_invalid'], { exact: true }).waitFor();
      assert.equal(await valid.getAttribute('aria-invalid'), 'true');
      let sent = false;
      const watch = (r) => {
        if (pathIs(r, 'POST', '/api/v1/applications')) sent = true;
      };
      page.on('request', watch);
      await page.getByRole('button', { name: en['desk.accept'], exact: true }).click();
      await page.locator('form[data-form="application"] .alert').filter({ hasText: en['desk.fix_fields'].replace(/ \(\{n\}\)\.$/, '') }).waitFor();
      assert.equal(await iin.evaluate((el) => el === document.activeElement), true, 'focus goes to the IIN');
      page.off('request', watch);
      assert.equal(sent, false, 'nothing was sent');
      await iin.fill(IIN);
      assert.equal(await iin.getAttribute('aria-invalid'), null, 'fixed: no longer invalid');
      await valid.fill('');
      await valid.press('Tab');
      assert.equal(await valid.getAttribute('aria-invalid'), null);
    });

    // ---- refused: the package is incomplete ----

    let refusal;
    step('an incomplete package is refused: the missing document is listed with the refusal receipt', async () => {
      await fillApplicant();
      // The written consent typed but not recorded is recorded by "Accept" first.
      await desk().getByLabel(en['desk.consent.reference'], { exact: true }).fill(CONSENT_2);
      let sent = false;
      const watch = (r) => {
        if (pathIs(r, 'POST', '/api/v1/applications') || pathIs(r, 'POST', '/api/v1/consents')) sent = true;
      };
      page.on('request', watch);
      // A refusal is a recorded act: "Accept" asks first, with Cancel focused; Escape cancels.
      const accept = page.getByRole('button', { name: en['desk.accept'], exact: true });
      await accept.click();
      const question = page.getByRole('group', { name: fill(en['desk.refuse_confirm'], { docs: 'Application' }) });
      await question.waitFor();
      assert.equal((await focused()).action, 'cancel', 'Cancel has the focus');
      await page.keyboard.press('Escape');
      await accept.waitFor();
      assert.equal(await question.count(), 0);
      const check = desk().locator('tr[data-doc="application"] input[type="checkbox"]');
      assert.equal(await check.evaluate((el) => el === document.activeElement), true, 'focus on the missing document');
      assert.equal(await check.getAttribute('aria-invalid'), 'true');
      page.off('request', watch);
      assert.equal(sent, false, 'nothing was sent before the refusal is confirmed');
      await accept.click();
      const [consent, response] = await Promise.all([
        page.waitForResponse((r) => pathIs(r, 'POST', '/api/v1/consents')),
        page.waitForResponse((r) => pathIs(r, 'POST', '/api/v1/applications')),
        question.getByRole('button', { name: en['desk.refuse_yes'], exact: true }).click(),
      ]);
      assert.equal(consent.status(), 201);
      assert.equal(response.status(), 422, await response.text());
      const body = await response.json();
      assert.equal(body.error.code, 'package_incomplete');
      refusal = body.error.details;
      assert.deepEqual(response.request().postDataJSON().documents, []);

      const panel = outcome();
      await panel.getByRole('heading', { level: 2, name: en['desk.refused.heading'] }).waitFor();
      assert.equal(await panel.getAttribute('data-outcome'), 'refused');
      const missing = panel.getByRole('list', { name: en['desk.refused.missing'] });
      const item = missing.locator('li[data-doc="application"]');
      assert.equal((await item.textContent()).trim(), APPLICATION_RU);
      assert.equal(await item.locator('[lang]').getAttribute('lang'), 'ru', 'the name is marked as Russian');
      assert.equal(await missing.locator('li').count(), 1);
      assert.match(await panel.locator('[data-field="refusal_barcode"]').textContent(), /^\d{13}$/);
      const link = panel.getByRole('link', { name: new RegExp(`^${en['desk.print_refusal']}`) });
      assert.equal(await link.getAttribute('href'), refusal.refusal_receipt_url);
      assert.match(refusal.refusal_receipt_url, /^\/api\/v1\/applications\/\d+\/receipt\.pdf$/);
      assert.equal(await panel.locator('[data-link="refusal-receipt-thermal"]').getAttribute('href'), `${refusal.refusal_receipt_url}?layout=thermal`);
      assert.equal((await apiGet(`/api/v1/applications/${refusal.refusal_id}`)).status, 'refused', 'the refusal is recorded (R18.6)');
      await assertNoAxeViolations(page, 'desk with the refusal');
    });

    step('"Back to the form" keeps what was typed and marks the missing document', async () => {
      await outcome().getByRole('button', { name: en['desk.back_to_form'], exact: true }).click();
      const check = desk().locator('tr[data-doc="application"] input[type="checkbox"]');
      assert.equal(await check.evaluate((el) => el === document.activeElement), true, 'focus on the missing document');
      assert.equal(await check.getAttribute('aria-invalid'), 'true');
      await desk().locator('tr[data-doc="application"]').getByText(en['desk.doc_missing'], { exact: true }).waitFor();
      assert.equal(await applicant().getByLabel(en['desk.field.surname'], { exact: true }).inputValue(), 'Сейтқали');
      await desk().locator('[data-field="consent-reference"]').filter({ hasText: CONSENT_2 }).waitFor();
    });

    // ---- refused request: nothing accepted, the form as typed ----

    step('an expired identity document is refused with a clear message at its field; nothing is accepted', async () => {
      await desk().locator('tr[data-doc="application"] input[type="checkbox"]').check();
      const valid = applicant().getByLabel(en['desk.field.doc_valid_until'], { exact: true });
      await valid.fill('01.01.2020');
      // Enter in a text field sends the form.
      const response = await waitFor('POST', '/api/v1/applications', () =>
        applicant().getByLabel(en['desk.field.surname'], { exact: true }).press('Enter'),
      );
      assert.equal(response.status(), 422);
      const body = await response.json();
      assert.equal(body.error.code, 'id_document_expired');
      const alert = page.locator('form[data-form="application"]').getByRole('alert').filter({ hasText: en['error.id_document_expired'] });
      await alert.waitFor();
      assert.equal(await alert.locator('[data-field="server-message"]').textContent(), body.error.message);
      assert.equal(await valid.getAttribute('aria-invalid'), 'true');
      assert.equal(await valid.evaluate((el) => el === document.activeElement), true, 'focus goes to the expired date');
      const described = await valid.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      );
      assert.ok(described.includes(en['error.id_document_expired']), `the field is described by the error: ${described}`);
      assert.equal(await outcome().isVisible(), false, 'no outcome');
      // Ids grow: nothing was written after the refusal.
      assert.equal(await applicationStatus(refusal.refusal_id + 1), 404, 'nothing accepted');
      assert.equal(await applicant().getByLabel(en['desk.field.iin'], { exact: true }).inputValue(), IIN, 'the form keeps what was typed');
      assert.equal(await valid.inputValue(), '01.01.2020');
      await assertNoAxeViolations(page, 'desk with a refused request');
    });

    // ---- consent by SMS ----

    step('consent by SMS: the code is sent to the masked phone; a wrong code says how many attempts are left', async () => {
      await page.getByRole('button', { name: en['desk.new'], exact: true }).first().click();
      await chooseService();
      await fillApplicant({ phone: SMS_PHONE });
      // Keyboard: from "In writing" to "By SMS code" with an arrow key.
      await desk().getByLabel(en['desk.consent.written'], { exact: true }).focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await desk().getByLabel(en['desk.consent.sms'], { exact: true }).isChecked(), true);
      const sent = await waitFor('POST', '/api/v1/consents/sms', () =>
        desk().getByRole('button', { name: en['desk.consent.send'], exact: true }).click(),
      );
      assert.equal(sent.status(), 201, await sent.text());
      assert.deepEqual(sent.request().postDataJSON(), { iin: IIN, phone: SMS_PHONE, lang: 'ru', scope: SERVICE });
      const challenge = await sent.json();
      assert.match(challenge.phone, new RegExp(`^\\+7\\*+${SMS_DIGITS.slice(-4)}$`), 'the phone is masked');
      await desk().getByRole('status').filter({ hasText: challenge.phone }).waitFor();
      const code = desk().getByLabel(en['desk.consent.code'], { exact: true });
      assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'the code field has the focus');
      await page.keyboard.type('000000');
      const verify = await waitFor('POST', `/api/v1/consents/sms/${challenge.challenge_id}/verify`, () => page.keyboard.press('Enter'));
      assert.equal(verify.status(), 422, 'a made-up code does not match');
      const err = (await verify.json()).error;
      assert.equal(err.code, 'consent_code_wrong');
      assert.equal(err.details.attempts_left, 2);
      const message = fill(en['desk.consent.code_wrong'], { n: 2 });
      await desk().locator('fieldset[data-group="consent"]').getByRole('alert').filter({ hasText: message }).waitFor();
      assert.equal(await code.getAttribute('aria-invalid'), 'true');
      assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'back in the code field');
      assert.equal(await desk().locator('[data-field="consent"]').isVisible(), false, 'no consent recorded');
    });

    // ---- accessibility in Kazakh and Russian ----

    step('the desk has no axe-core violations in kk and ru (with a representative)', async () => {
      await desk().getByLabel(en['desk.representative.toggle'], { exact: true }).check();
      await desk().locator('fieldset[data-group="representative"]').waitFor();
      await desk().locator('tr[data-doc="power_of_attorney"]').waitFor();
      for (const [lang, cat, docName] of [['kk', kk, 'Өтініш'], ['ru', ru, 'Заявление']]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(page, cat['desk.heading']);
        await page.getByRole('navigation').getByRole('link', { name: cat['nav.desk'], exact: true }).waitFor();
        await desk().locator('fieldset[data-group="applicant"] legend').filter({ hasText: cat['desk.applicant.legend'] }).waitFor();
        await desk().locator('tr[data-doc="application"] .desk-doc__name').filter({ hasText: docName }).waitFor();
        assert.equal(await desk().getByLabel(cat['desk.field.iin'], { exact: true }).count(), 2, 'applicant and representative IIN');
        assert.equal(
          await desk().getByLabel(fill(cat['desk.docs.pages_label'], { doc: docName }), { exact: true }).count(),
          1,
          'the pages field is named after the document in the UI language',
        );
        // The UI language does not change the applicant's language.
        assert.equal(await desk().getByLabel(ru['lang.ru'], { exact: true }).isChecked(), true);
        await assertNoAxeViolations(page, `desk in ${lang}`);
      }
      await page.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(page, en['desk.heading']);
    });
  });
}
