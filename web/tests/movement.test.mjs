// Browser test of the document-movement screens (R18.8, R18.10, R22, R23, R24, R25, R33–R36)
// against a running server: the demo operator accepts an application (through the API); the
// collection sector scans it — keyboard only, digits and Enter as a barcode scanner types them —
// forms the provider's register and dispatches it; the courier's page lists it; the provider's
// officer acknowledges the register and sends the result back with a register of results; the
// issuance sector receives that register (scanning the package) and it is accepted; the package
// goes on the shelf A-01, shows on the storage shelf, where returning it as unclaimed is
// refused while it is kept (storage_term_running); it is refused to a wrong recipient
// (recipient_not_entitled: it stays at issuance) and issued to the applicant. Another package
// is refused to a representative whose power of attorney is from somebody else
// (power_of_attorney_not_covering) and issued to them on one from the applicant (in_person
// false). The register (kk, ru), the act of refusal (kk, ru) and the issue receipt (A4,
// thermal) are fetched through the page's links and must be PDFs. The branch manager's
// monitoring, where one dispatch round is refused (too_few_rounds) and two are saved; the
// applicant rates the service on the tracking page. A mistyped barcode (one digit changed)
// shows barcode_misread. Every new screen is axe-clean in kk and ru.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded (scripts/with-server.sh does that) with its test clock
// on a working morning: the operator seated at intake window 1, issuance at window 9. Uses the
// system Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, PASSWORD, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const SERVICE = '00803008'; // provider MP; no payments; consent required
const PROVIDER = 'MP';
// Unique per run, so that the test also passes against a database it already ran on.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const APPLICANT = { surname: 'Сейтқали', name: 'Айгүл', patronymic: '', doc: '045123456', docValid: '2030-12-31' };
const SHELF = 'A-01';

/** An IIN check digit (Government decree No. 565), as the server checks it. */
function validIin(first11) {
  const d = [...first11].map(Number);
  const sum = (w) => w.reduce((acc, x, i) => acc + d[i] * x, 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  assert.notEqual(c, 10, 'no such IIN');
  return first11 + c;
}
const IIN = validIin('87041230012'); // the applicant
const OTHER_IIN = validIin('91020240013'); // somebody else: the representative
const THIRD_IIN = validIin('75110330014'); // a third person: a principal who is not the applicant

/** The barcode with one digit changed: the check digit no longer matches. */
const mistype = (barcode) => barcode.slice(0, 5) + String((Number(barcode[5]) + 1) % 10) + barcode.slice(6);
const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

if (!BASE) {
  missingServerTest();
} else {
  describe(`document movement at ${BASE}`, () => {
    let browser, context, page;
    const step = stepper();

    const signIn = async (login) => {
      await signInAs(page, login);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    };
    const signOut = () => signOutOf(page);
    const nav = () => page.getByRole('navigation', { name: en['layout.nav'] });
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
    /** Acts and returns the response of the first request matching method + path. */
    const waitFor = async (method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };
    /** Types a barcode as a scanner does — digits, then Enter — into the focused field. */
    const scanKeys = async (barcode, field = 'barcode') => {
      assert.equal(await focusedName(), field, `the scan field "${field}" has the focus`);
      await page.keyboard.type(barcode);
      await page.keyboard.press('Enter');
    };
    /** Scans by keyboard and returns the answer of POST /api/v1/scans. */
    const scanPost = (barcode, field = 'barcode') => waitFor('POST', '/api/v1/scans', () => scanKeys(barcode, field));
    const logItem = (list, barcode) => page.locator(`ol[data-list="${list}"] li[data-barcode="${barcode}"]`).first();
    /** Switches to kk and ru, checks the h1 and axe in each, and back to English. */
    const axeInKkRu = async (what, h1Key, extra = async () => {}) => {
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(page, cat[h1Key]);
        await extra(cat);
        await assertNoAxeViolations(page, `${what} in ${lang}`);
      }
      await page.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(page, en[h1Key]);
    };
    /**
     * The page's PDF link answers a PDF: its href is fetched with the page's session (the
     * browser context's cookies) and must give 200, application/pdf and a body from %PDF.
     * Returns the href.
     */
    const assertPdfLink = async (link) => {
      const href = await link.getAttribute('href');
      assert.ok(href, 'the link has an address');
      const res = await page.request.get(new URL(href, BASE).href);
      const body = await res.body();
      assert.equal(res.status(), 200, `${href}: ${res.status()} ${res.status() === 200 ? '' : body.toString('utf8', 0, 300)}`);
      assert.match(res.headers()['content-type'] ?? '', /^application\/pdf/, `${href}: content-type`);
      assert.equal(body.subarray(0, 4).toString('latin1'), '%PDF', `${href}: starts with %PDF`);
      return href;
    };
    const apiJson = async (path) => {
      const res = await page.request.get(`${BASE}${path}`);
      assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
      return res.json();
    };

    /** A signed-in API session of a demo account: post(path, data) and get(path). */
    const staffApi = async (login) => {
      const ctx = await browser.newContext();
      const res = await ctx.request.post(`${BASE}/api/v1/auth/login`, { data: { login, password: PASSWORD } });
      assert.equal(res.status(), 200, await res.text());
      const csrf = (await ctx.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value;
      const call = async (method, path, data, expect) => {
        const r = await ctx.request.fetch(`${BASE}${path}`, { method, data, headers: { 'X-CSRF-Token': csrf ?? '' } });
        if (expect) assert.equal(r.status(), expect, `${method} ${path}: ${await r.text()}`);
        return r.json();
      };
      return {
        post: (path, data, expect = undefined) => call('POST', path, data, expect),
        get: (path) => call('GET', path, undefined, 200),
        close: () => ctx.close(),
      };
    };

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    let accepted; // the 201 body of POST /api/v1/applications
    let register; // the outgoing register
    let results; // the register of results

    step('the operator accepts an application (API)', async () => {
      const staff = await browser.newContext();
      try {
        const api = staff.request;
        const login = await api.post(`${BASE}/api/v1/auth/login`, { data: { login: 'operator', password: PASSWORD } });
        assert.equal(login.status(), 200, await login.text());
        const csrf = (await staff.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value;
        const post = (path, data) => api.post(`${BASE}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
        const reference = `MOV-${RUN}`;
        const consent = await post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE });
        assert.equal(consent.status(), 201, await consent.text());
        const res = await post('/api/v1/applications', {
          service_code: SERVICE,
          lang: 'kk',
          applicant: {
            iin: IIN,
            surname: APPLICANT.surname,
            name: APPLICANT.name,
            patronymic: APPLICANT.patronymic,
            phone: '+77011234567',
            id_document: { type: 'id_card', number: APPLICANT.doc, valid_until: APPLICANT.docValid },
          },
          documents: [{ code: 'application', kind: 'original', pages: 1 }],
          payments: [],
          form_complete: false,
          first_time: false,
          consents: [{ kind: 'written', reference }],
        });
        assert.equal(res.status(), 201, await res.text());
        accepted = await res.json();
        assert.match(accepted.barcode, /^\d{13}$/);
      } finally {
        await staff.close();
      }
    });

    // ---- collection ----

    step('collection: keyboard-only scans collect the package; a repeated scan and a misread one are shown apart', async () => {
      await page.goto(`${BASE}/#/collection`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn('collection');
      await assertH1(page, en['collection.heading']);
      assert.equal(await nav().getByRole('link', { name: en['nav.collection'], exact: true }).getAttribute('aria-current'), 'page');
      await page.getByRole('radio', { name: en['collection.action.collect'], exact: true }).waitFor();
      assert.equal(await page.getByRole('radio', { name: en['collection.action.collect'], exact: true }).isChecked(), true);

      // The field has the focus from the start: a scanner types without a click.
      let response = await scanPost(accepted.barcode);
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { barcode: accepted.barcode, action: 'collect' });
      const body = await response.json();
      assert.equal(body.stage, 'collected');
      const first = logItem('scan-log', accepted.barcode);
      await first.waitFor();
      assert.equal(await first.getAttribute('data-result'), 'moved');
      assert.equal(await first.locator('[data-field="stage"]').textContent(), en['stage.collected']);
      assert.equal(await focusedName(), 'barcode', 'the field keeps the focus for the next scan');
      assert.equal(await page.getByLabel(en['scan.field'], { exact: true }).inputValue(), '', 'emptied for the next scan');
      // The announcement says the same.
      await page.locator('[data-field="scan-log-status"]').filter({ hasText: en['stage.collected'] }).waitFor();

      // The same scan again: nothing changes, shown as repeated.
      response = await scanPost(accepted.barcode);
      assert.equal(response.status(), 200, await response.text());
      assert.equal((await response.json()).repeated, true);
      const again = page.locator(`ol[data-list="scan-log"] li`).first();
      assert.equal(await again.getAttribute('data-result'), 'repeated');
      assert.equal(await again.locator('[data-field="repeated"]').textContent(), en['scan.repeated']);

      // One digit mistyped: barcode_misread, in red.
      const wrong = mistype(accepted.barcode);
      response = await scanPost(wrong);
      assert.equal(response.status(), 422, await response.text());
      const misread = logItem('scan-log', wrong);
      await misread.waitFor();
      assert.equal(await misread.getAttribute('data-result'), 'error');
      assert.equal(await misread.getAttribute('data-code'), 'barcode_misread');
      assert.equal(await misread.locator('[data-field="error"]').textContent(), en['scan.error.barcode_misread']);
      const color = await misread.locator('[data-field="error"]').evaluate((el) => getComputedStyle(el).color);
      assert.equal(color, 'rgb(155, 0, 21)', 'errors are red');
      assert.equal(await focusedName(), 'barcode');
      await assertNoAxeViolations(page, 'collection view with scans');
    });

    step('collection: forms the register of the provider and dispatches it', async () => {
      const button = page.locator(`button[data-action="form-register"][data-provider="${PROVIDER}"]`);
      await button.waitFor();
      assert.equal((await button.textContent()).trim(), fill(en['collection.form.button'], { provider: PROVIDER }));
      const me = (await apiJson('/api/v1/auth/me')).employee;
      const response = await waitFor('POST', '/api/v1/registers', () => button.click());
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { branch_id: me.branch_id, provider_code: PROVIDER });
      register = await response.json();
      assert.equal(register.kind, 'outgoing');
      assert.equal(register.status, 'formed');
      assert.ok(register.line_count >= 1);
      await page.locator('[data-field="register-notice"]').filter({ hasText: fill(en['collection.form.done'], { number: register.number, n: register.line_count, provider: '' }).split(':')[0] }).waitFor();
      const row = page.locator(`tr[data-register="${register.id}"]`);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-status'), 'formed');
      for (const lang of ['kk', 'ru']) {
        const link = row.locator(`a[data-link="register-pdf-${lang}"]`);
        assert.equal(await link.getAttribute('href'), `/api/v1/registers/${register.id}/register.pdf?lang=${lang}`);
        await assertPdfLink(link);
      }
      const stored = await apiJson(`/api/v1/registers/${register.id}`);
      assert.ok(stored.lines.some((l) => l.barcode === accepted.barcode), 'the package is on the register');

      // Dispatch, keyboard only from the button on.
      await row.getByRole('button', { name: fill(en['collection.dispatch.open'], { number: register.number }) }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await focusedName(), 'method', 'the method has the focus');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('form[data-form="dispatch"]').count(), 0, 'Escape closes the form');
      await row.getByRole('button', { name: fill(en['collection.dispatch.open'], { number: register.number }) }).click();
      const form = page.locator('form[data-form="dispatch"]');
      await form.getByLabel(en['collection.dispatch.method'], { exact: true }).selectOption('courier');
      // R33: a courier is named; the collection sector may not list the staff, so it types the number.
      const courierField = form.getByLabel(en['collection.dispatch.courier_number'], { exact: true });
      await courierField.waitFor();
      await assertNoAxeViolations(page, 'collection view with the dispatch form');
      await form.getByRole('button', { name: en['collection.dispatch.submit'], exact: true }).click();
      await form.locator('.alert').filter({ hasText: en['collection.dispatch.courier_required'] }).waitFor();
      assert.equal(await courierField.getAttribute('aria-invalid'), 'true');
      await form.getByLabel(en['collection.dispatch.method'], { exact: true }).selectOption('post');
      assert.equal(await courierField.isVisible(), false);
      const dispatched = await waitFor('POST', `/api/v1/registers/${register.id}/dispatch`, () =>
        form.getByRole('button', { name: en['collection.dispatch.submit'], exact: true }).click(),
      );
      assert.equal(dispatched.status(), 200, await dispatched.text());
      assert.deepEqual(dispatched.request().postDataJSON(), { method: 'post' });
      const dispatchedBody = await dispatched.json();
      assert.equal((dispatchedBody.register ?? dispatchedBody).status, 'dispatched');
      await page.locator(`tr[data-register="${register.id}"][data-status="dispatched"]`).waitFor();
      await page.locator('[data-field="register-notice"]').filter({ hasText: fill(en['collection.dispatch.done'], { number: register.number }) }).waitFor();
      assert.equal((await apiJson(`/api/v1/applications/${accepted.id}`)).stage, 'dispatched');
      // Collecting it again now is the wrong stage: the log names where it is.
      await page.getByLabel(en['scan.field'], { exact: true }).focus();
      const wrongStage = await scanPost(accepted.barcode);
      assert.equal(wrongStage.status(), 409, await wrongStage.text());
      const refused = page.locator('ol[data-list="scan-log"] li').first();
      assert.equal(await refused.getAttribute('data-code'), 'wrong_stage');
      assert.equal(await refused.locator('[data-field="current-stage"]').getAttribute('data-stage'), 'dispatched');
      assert.equal(await refused.locator('[data-field="current-stage"]').textContent(), en['stage.dispatched']);
      await page.locator('section[data-section="uncollected"] [data-list="uncollected"] > *').first().waitFor();
      await axeInKkRu('collection view', 'collection.heading', async (cat) => {
        await page.getByRole('heading', { level: 2, name: cat['collection.registers.heading'] }).waitFor();
        await page.getByLabel(cat['scan.field'], { exact: true }).waitFor();
      });
      await signOut();
    });

    // ---- courier ----

    step('courier: the dispatched register is listed; scanning is Enter-driven; axe in kk and ru', async () => {
      await signIn('courier');
      await nav().getByRole('link', { name: en['nav.courier'], exact: true }).click();
      await assertH1(page, en['courier.heading']);
      await page.locator(`tr[data-register="${register.id}"]`).waitFor();
      assert.equal(await focusedName(), 'barcode', 'the register field has the focus');
      // A misread register barcode.
      const wrong = mistype(register.barcode);
      let response = await scanPost(wrong);
      assert.equal(response.status(), 422);
      assert.deepEqual(response.request().postDataJSON(), { barcode: wrong, action: 'dispatch' });
      assert.equal(await logItem('scan-log', wrong).getAttribute('data-code'), 'barcode_misread');
      assert.equal(await focusedName(), 'barcode');
      // The register itself, already dispatched by post: the scan changes nothing.
      response = await scanPost(register.barcode);
      const item = logItem('scan-log', register.barcode);
      await item.waitFor();
      if (response.status() === 200) {
        assert.equal((await response.json()).repeated, true);
        assert.equal(await item.getAttribute('data-result'), 'repeated');
      } else {
        assert.equal(response.status(), 409, await response.text());
        assert.equal(await item.getAttribute('data-code'), 'wrong_stage');
      }
      assert.equal(await focusedName(), 'barcode');
      await axeInKkRu('courier view', 'courier.heading');
      await signOut();
    });

    // ---- provider ----

    step('provider: acknowledges the register and sends the result back with a register of results', async () => {
      await signIn('provider');
      await nav().getByRole('link', { name: en['nav.provider'], exact: true }).click();
      await assertH1(page, en['provider.heading']);
      const row = page.locator(`section[data-section="incoming"] tr[data-register="${register.id}"]`);
      await row.waitFor();
      const ack = await waitFor('POST', `/api/v1/registers/${register.id}/acknowledge`, () =>
        row.getByRole('button', { name: fill(en['provider.acknowledge'], { number: register.number }) }).click(),
      );
      assert.equal(ack.status(), 200, await ack.text());
      const ackBody = await ack.json();
      assert.equal((ackBody.register ?? ackBody).status, 'acknowledged');
      await page.locator(`section[data-section="incoming"] tr[data-register="${register.id}"][data-status="acknowledged"]`).waitFor();
      await page.locator('[data-field="incoming-notice"]').filter({ hasText: fill(en['provider.acknowledged'], { number: register.number, n: register.line_count }) }).waitFor();

      // The center is chosen from the register; the package is added by scanning.
      const branch = page.getByLabel(en['provider.results.branch'], { exact: true });
      assert.equal(await branch.inputValue(), String(register.branch_id));
      await page.getByLabel(en['provider.results.field'], { exact: true }).focus();
      // A misread number is not added.
      await scanKeys(mistype(accepted.barcode));
      await page.locator('section[data-section="results"] .alert').filter({ hasText: en['scan.error.barcode_misread'] }).waitFor();
      assert.equal(await page.locator('li.result-line').count(), 0);
      await scanKeys(accepted.barcode);
      const line = page.locator(`li.result-line[data-barcode="${accepted.barcode}"]`);
      await line.waitFor();
      assert.equal(await focusedName(), 'barcode', 'back to the field for the next package');
      assert.equal(await line.getByLabel(fill(en['provider.results.outcome'], { barcode: accepted.barcode }), { exact: true }).inputValue(), 'result');
      assert.equal(await line.getByLabel(fill(en['provider.results.form'], { barcode: accepted.barcode }), { exact: true }).inputValue(), 'paper');
      // A refusal needs its reason: the field shows up.
      await line.getByLabel(fill(en['provider.results.outcome'], { barcode: accepted.barcode }), { exact: true }).selectOption('refusal');
      await line.getByLabel(fill(en['provider.results.reason'], { barcode: accepted.barcode }), { exact: true }).waitFor();
      await assertNoAxeViolations(page, 'provider view with a line');
      await line.getByLabel(fill(en['provider.results.outcome'], { barcode: accepted.barcode }), { exact: true }).selectOption('result');

      const sent = await waitFor('POST', '/api/v1/provider/results', () => page.getByRole('button', { name: en['provider.results.send'], exact: true }).click());
      assert.equal(sent.status(), 201, await sent.text());
      assert.deepEqual(sent.request().postDataJSON(), { branch_id: register.branch_id, items: [{ barcode: accepted.barcode, outcome: 'result', form: 'paper' }] });
      results = await sent.json();
      assert.equal(results.kind, 'results');
      assert.equal(results.status, 'dispatched');
      const created = page.locator(`[data-field="created"] section[data-register="${results.id}"]`);
      await created.getByRole('heading', { level: 3, name: fill(en['provider.results.created'], { number: results.number }) }).waitFor();
      assert.equal(await created.locator('a[data-link="register-pdf-ru"]').getAttribute('href'), `/api/v1/registers/${results.id}/register.pdf?lang=ru`);
      await axeInKkRu('provider view', 'provider.heading', async (cat) => {
        await page.getByRole('heading', { level: 2, name: cat['provider.incoming.heading'] }).waitFor();
      });
      await signOut();
    });

    // ---- reception ----

    step('reception: the results register is checked by scanning its package and accepted', async () => {
      await signIn('issuance');
      await nav().getByRole('link', { name: en['nav.reception'], exact: true }).click();
      await assertH1(page, en['reception.heading']);
      await page.locator(`section[data-section="choose"] tr[data-register="${results.id}"]`).waitFor();
      await assertNoAxeViolations(page, 'reception: the list of registers');
      // The register is chosen by scanning its barcode.
      assert.equal(await focusedName(), 'register_barcode');
      await waitFor('GET', `/api/v1/barcodes/${results.barcode}`, () => scanKeys(results.barcode, 'register_barcode'));
      const work = page.locator(`section.reception-work[data-register="${results.id}"]`);
      await work.getByRole('heading', { level: 2, name: fill(en['reception.work.heading'], { number: results.number }) }).waitFor();
      const counts = work.locator('[data-field="counts"]');
      assert.equal((await counts.textContent()).trim(), fill(en['reception.counts'], { expected: 1, scanned: 0, extra: 0 }));
      assert.equal(await focusedName(), 'package_barcode');
      // A misread one is refused at once; the right one is checked off.
      await scanKeys(mistype(accepted.barcode), 'package_barcode');
      await work.locator(`ol[data-list="scan-log"] li[data-code="barcode_misread"]`).waitFor();
      await scanKeys(accepted.barcode, 'package_barcode');
      await work.locator(`tr[data-barcode="${accepted.barcode}"][data-checked="true"]`).waitFor();
      assert.equal((await counts.textContent()).trim(), fill(en['reception.counts'], { expected: 1, scanned: 1, extra: 0 }));
      assert.equal(await focusedName(), 'package_barcode', 'back to the field');
      await axeInKkRu('reception view while checking', 'reception.heading');
      const response = await waitFor('POST', `/api/v1/registers/${results.id}/receive`, () => work.getByRole('button', { name: en['reception.finish'], exact: true }).click());
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { barcodes: [accepted.barcode] });
      const body = await response.json();
      assert.equal(body.accepted, true);
      await page.getByRole('heading', { level: 3, name: fill(en['reception.accepted'], { number: results.number }) }).waitFor();
      assert.equal((await apiJson(`/api/v1/applications/${accepted.id}`)).stage, 'result_at_center');
      await assertNoAxeViolations(page, 'reception: accepted');
    });

    step('reception: a register whose package is missing goes back with an act of refusal (missing and extra)', async () => {
      // A second application through the API up to a register of results with a refusal.
      const operator = await staffApi('operator');
      const collection = await staffApi('collection');
      const provider = await staffApi('provider');
      let second, back;
      try {
        const reference = `MOV-${RUN}-2`;
        await operator.post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE }, 201);
        second = await operator.post('/api/v1/applications', {
          service_code: SERVICE, lang: 'ru',
          applicant: { iin: IIN, surname: APPLICANT.surname, name: APPLICANT.name, patronymic: '', phone: '', id_document: { type: 'id_card', number: APPLICANT.doc, valid_until: APPLICANT.docValid } },
          documents: [{ code: 'application', kind: 'original', pages: 1 }], payments: [], form_complete: false, first_time: false,
          consents: [{ kind: 'written', reference }],
        }, 201);
        await collection.post('/api/v1/scans', { barcode: second.barcode, action: 'collect' }, 201);
        const out = await collection.post('/api/v1/registers', { branch_id: register.branch_id, provider_code: PROVIDER }, 201);
        await collection.post(`/api/v1/registers/${out.id}/dispatch`, { method: 'post' }, 200);
        await provider.post(`/api/v1/registers/${out.id}/acknowledge`, {}, 200);
        back = await provider.post('/api/v1/provider/results', {
          branch_id: register.branch_id,
          items: [{ barcode: second.barcode, outcome: 'refusal', form: 'paper', reason: 'Сведения не подтверждены' }],
        }, 201);
      } finally {
        await operator.close();
        await collection.close();
        await provider.close();
      }
      await page.getByRole('button', { name: en['reception.back'], exact: true }).click();
      const row = page.locator(`section[data-section="choose"] tr[data-register="${back.id}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: fill(en['reception.open'], { number: back.number }) }).click();
      const work = page.locator(`section.reception-work[data-register="${back.id}"]`);
      await work.waitFor();
      // The wrong package came: it is not on the register.
      await scanKeys(accepted.barcode, 'package_barcode');
      await work.locator(`[data-list="extra"] li[data-barcode="${accepted.barcode}"]`).waitFor();
      assert.equal((await work.locator('[data-field="counts"]').textContent()).trim(), fill(en['reception.counts'], { expected: 1, scanned: 0, extra: 1 }));
      const response = await waitFor('POST', `/api/v1/registers/${back.id}/receive`, () => work.getByRole('button', { name: en['reception.finish'], exact: true }).click());
      assert.equal(response.status(), 200, await response.text());
      const body = await response.json();
      assert.equal(body.accepted, false);
      assert.deepEqual(body.act.missing, [second.barcode]);
      assert.deepEqual(body.act.extra, [accepted.barcode]);
      const act = page.locator(`[data-outcome="rejected"][data-act="${body.act.id}"]`);
      assert.equal(typeof body.act.seq, 'number', 'the act is known by its seq');
      await act.getByRole('heading', { level: 3, name: fill(en['reception.rejected'], { number: String(body.act.seq) }) }).waitFor();
      assert.equal(await act.locator(`[data-list="missing"] li`).textContent(), second.barcode);
      assert.equal(await act.locator(`[data-list="act-extra"] li`).textContent(), accepted.barcode);
      for (const lang of ['kk', 'ru']) {
        const link = act.locator(`a[data-link="act-pdf-${lang}"]`);
        assert.equal(await link.getAttribute('href'), `/api/v1/acts/${body.act.id}/act.pdf?lang=${lang}`);
        await assertPdfLink(link);
      }
      assert.equal((await apiJson(`/api/v1/applications/${second.id}`)).stage, 'at_provider', 'nothing moved');
      await axeInKkRu('reception view with the act of refusal', 'reception.heading');
    });

    // ---- issuance ----

    step('issuance: the package is found by its barcode and put on the shelf A-01', async () => {
      await nav().getByRole('link', { name: en['nav.issuance'], exact: true }).click();
      await assertH1(page, en['issuance.heading']);
      // A misread barcode.
      const wrong = mistype(accepted.barcode);
      await scanKeys(wrong);
      await logItem('scan-log', wrong).waitFor();
      assert.equal(await logItem('scan-log', wrong).getAttribute('data-code'), 'barcode_misread');
      await waitFor('GET', `/api/v1/applications/${accepted.id}`, () => scanKeys(accepted.barcode));
      const card = page.locator(`section[data-application="${accepted.id}"]`);
      await card.getByRole('heading', { level: 2, name: fill(en['issuance.card.heading'], { barcode: accepted.barcode }) }).waitFor();
      assert.equal(await card.getAttribute('data-stage'), 'result_at_center');
      assert.equal(await page.locator('form[data-form="issue"]').count(), 0, 'not issued before it is on the shelf');
      await card.getByLabel(en['issuance.shelf.field'], { exact: true }).focus();
      await page.keyboard.type(SHELF);
      const response = await waitFor('POST', '/api/v1/scans', () => page.keyboard.press('Enter'));
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { barcode: accepted.barcode, action: 'to_issuance', shelf: SHELF });
      await page.locator(`section[data-application="${accepted.id}"][data-stage="at_issuance"]`).waitFor();
      await page.locator('[data-field="issuance-notice"]').filter({ hasText: fill(en['issuance.shelf.done'], { shelf: SHELF }) }).waitFor();
      assert.equal(await focusedName(), 'iin', 'on to the recipient');
    });

    step('shelf: the result lies at A-01 with its keeping date', async () => {
      await nav().getByRole('link', { name: en['nav.shelf'], exact: true }).click();
      await assertH1(page, en['shelf.heading']);
      const row = page.locator(`[data-list="shelf"] tr[data-barcode="${accepted.barcode}"]`);
      await row.waitFor();
      assert.equal((await row.locator('[data-field="shelf"]').textContent()).trim(), SHELF);
      await page.locator('[data-list="expiring"] > *').first().waitFor();
      // R25: returning it to the provider as unclaimed is refused while it is kept.
      const response = await scanPost(accepted.barcode);
      assert.equal(response.status(), 422, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { barcode: accepted.barcode, action: 'return_unclaimed' });
      const refused = logItem('return-log', accepted.barcode);
      await refused.waitFor();
      assert.equal(await refused.getAttribute('data-code'), 'storage_term_running');
      assert.equal(await refused.locator('[data-field="error"]').textContent(), en['error.storage_term_running']);
      assert.equal(await focusedName(), 'barcode', 'back to the field for the next scan');
      assert.equal((await apiJson(`/api/v1/applications/${accepted.id}`)).stage, 'at_issuance', 'nothing moved');
      assert.equal(await row.count(), 1, 'still on the shelf');
      await axeInKkRu('shelf view with a refused return', 'shelf.heading');
    });

    step('issuance: a wrong recipient is refused (recipient_not_entitled) and the package stays at issuance', async () => {
      await nav().getByRole('link', { name: en['nav.issuance'], exact: true }).click();
      await assertH1(page, en['issuance.heading']);
      await waitFor('GET', `/api/v1/applications/${accepted.id}`, () => scanKeys(accepted.barcode));
      const form = page.locator('form[data-form="issue"]');
      await form.waitFor();
      await assertNoAxeViolations(page, 'issuance view with the issue form');
      // Keyboard only: IIN, names, the document.
      await form.getByLabel(en['issuance.field.iin'], { exact: true }).focus();
      await page.keyboard.type(OTHER_IIN);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Ахметов');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Ерлан');
      await form.getByLabel(en['issuance.field.doc_number'], { exact: true }).fill('012345678');
      await form.getByLabel(en['issuance.field.doc_valid_until'], { exact: true }).fill('31.12.2030');
      const response = await waitFor('POST', `/api/v1/applications/${accepted.id}/issue`, () => form.getByRole('button', { name: en['issuance.submit'], exact: true }).click());
      assert.equal(response.status(), 422, await response.text());
      assert.equal((await response.json()).error.code, 'recipient_not_entitled');
      assert.deepEqual(response.request().postDataJSON().recipient, {
        iin: OTHER_IIN, surname: 'Ахметов', name: 'Ерлан', patronymic: '', id_document: { type: 'id_card', number: '012345678', valid_until: '2030-12-31' },
      });
      const error = form.locator('[data-field="issue-error"]');
      await error.filter({ hasText: en['issuance.error.recipient_not_entitled'] }).waitFor();
      assert.equal(await error.getAttribute('data-code'), 'recipient_not_entitled');
      assert.equal(await focusedName(), 'iin');
      assert.equal((await apiJson(`/api/v1/applications/${accepted.id}`)).stage, 'at_issuance', 'nothing moved');
      await axeInKkRu('issuance view with the refusal', 'issuance.heading');
    });

    step('issuance: issued to the applicant; the issue receipt links (A4, thermal)', async () => {
      const form = page.locator('form[data-form="issue"]');
      await form.getByRole('button', { name: en['issuance.fill_applicant'], exact: true }).click();
      assert.equal(await form.getByLabel(en['issuance.field.iin'], { exact: true }).inputValue(), IIN);
      assert.equal(await form.getByLabel(en['issuance.field.doc_valid_until'], { exact: true }).inputValue(), '31.12.2030');
      const response = await waitFor('POST', `/api/v1/applications/${accepted.id}/issue`, () => form.getByRole('button', { name: en['issuance.submit'], exact: true }).click());
      assert.equal(response.status(), 201, await response.text());
      const issued = await response.json();
      assert.equal(issued.stage, 'issued');
      assert.equal(issued.in_person, true);
      const done = page.locator('[data-outcome="issued"]');
      await done.getByRole('heading', { level: 3, name: en['issuance.issued_heading'] }).waitFor();
      assert.equal(await done.locator('[data-field="in-person"]').getAttribute('data-in-person'), 'true');
      assert.equal(await done.locator('[data-field="in-person"]').textContent(), en['issuance.in_person']);
      for (const [link, layout] of [['issue-receipt', 'a4'], ['issue-receipt-thermal', 'thermal']]) {
        const a = done.locator(`a[data-link="${link}"]`);
        assert.equal(await a.getAttribute('href'), `/api/v1/applications/${accepted.id}/issue-receipt.pdf?layout=${layout}`);
        await assertPdfLink(a);
      }
      assert.equal((await apiJson(`/api/v1/applications/${accepted.id}`)).stage, 'issued');
      await assertNoAxeViolations(page, 'issuance view: issued');
    });

    step('issuance: a power of attorney from someone else is refused (power_of_attorney_not_covering); one from the applicant is accepted (in_person false)', async () => {
      // Another application of the same applicant, through the API up to the shelf B-02.
      const operator = await staffApi('operator');
      const collection = await staffApi('collection');
      const provider = await staffApi('provider');
      const issuance = await staffApi('issuance');
      let third;
      try {
        const reference = `MOV-${RUN}-3`;
        await operator.post('/api/v1/consents', { kind: 'written', iin: IIN, reference, scope: SERVICE }, 201);
        third = await operator.post('/api/v1/applications', {
          service_code: SERVICE, lang: 'kk',
          applicant: { iin: IIN, surname: APPLICANT.surname, name: APPLICANT.name, patronymic: '', phone: '', id_document: { type: 'id_card', number: APPLICANT.doc, valid_until: APPLICANT.docValid } },
          documents: [{ code: 'application', kind: 'original', pages: 1 }], payments: [], form_complete: false, first_time: false,
          consents: [{ kind: 'written', reference }],
        }, 201);
        await collection.post('/api/v1/scans', { barcode: third.barcode, action: 'collect' }, 201);
        const out = await collection.post('/api/v1/registers', { branch_id: register.branch_id, provider_code: PROVIDER }, 201);
        await collection.post(`/api/v1/registers/${out.id}/dispatch`, { method: 'post' }, 200);
        await provider.post(`/api/v1/registers/${out.id}/acknowledge`, {}, 200);
        const back = await provider.post('/api/v1/provider/results', {
          branch_id: register.branch_id,
          items: [{ barcode: third.barcode, outcome: 'result', form: 'paper' }],
        }, 201);
        const received = await issuance.post(`/api/v1/registers/${back.id}/receive`, { barcodes: [third.barcode] }, 200);
        assert.equal(received.accepted, true);
        await issuance.post('/api/v1/scans', { barcode: third.barcode, action: 'to_issuance', shelf: 'B-02' }, 201);
      } finally {
        await operator.close();
        await collection.close();
        await provider.close();
        await issuance.close();
      }
      await page.getByLabel(en['scan.field'], { exact: true }).focus();
      await waitFor('GET', `/api/v1/applications/${third.id}`, () => scanKeys(third.barcode));
      await page.locator(`section[data-application="${third.id}"][data-stage="at_issuance"]`).waitFor();
      const form = page.locator('form[data-form="issue"]');
      await form.waitFor();
      // The representative and the document they show.
      await form.getByLabel(en['issuance.field.iin'], { exact: true }).fill(OTHER_IIN);
      await form.getByLabel(en['issuance.field.surname'], { exact: true }).fill('Ахметов');
      await form.getByLabel(en['issuance.field.name'], { exact: true }).fill('Ерлан');
      await form.getByLabel(en['issuance.field.doc_number'], { exact: true }).fill('012345678');
      await form.getByLabel(en['issuance.field.doc_valid_until'], { exact: true }).fill('31.12.2030');
      // The power of attorney, keyboard: Space ticks the box.
      await form.getByLabel(en['issuance.poa.toggle'], { exact: true }).focus();
      await page.keyboard.press('Space');
      const principal = form.getByLabel(en['issuance.poa.principal_iin'], { exact: true });
      await principal.waitFor();
      assert.equal(await principal.inputValue(), IIN, 'the applicant is proposed as the principal');
      await form.getByLabel(en['issuance.poa.number'], { exact: true }).fill(`ДОВ-${RUN}`);
      await form.getByLabel(en['issuance.poa.issued_on'], { exact: true }).fill('02.11.2026');
      await form.getByLabel(en['issuance.poa.valid_until'], { exact: true }).fill('02.11.2027');
      await form.getByLabel(en['issuance.poa.issuer'], { exact: true }).fill('Нотариус Жанатова А. Б.');
      await assertNoAxeViolations(page, 'issuance view with a power of attorney');
      // Given by somebody else: it does not cover this application.
      await principal.fill(THIRD_IIN);
      let response = await waitFor('POST', `/api/v1/applications/${third.id}/issue`, () => form.getByRole('button', { name: en['issuance.submit'], exact: true }).click());
      assert.equal(response.status(), 422, await response.text());
      assert.equal((await response.json()).error.code, 'power_of_attorney_not_covering');
      assert.deepEqual(response.request().postDataJSON().power_of_attorney, {
        number: `ДОВ-${RUN}`, principal_iin: THIRD_IIN, issued_on: '2026-11-02', valid_until: '2027-11-02', issuer: 'Нотариус Жанатова А. Б.', services: [],
      });
      const error = form.locator('[data-field="issue-error"]');
      await error.filter({ hasText: en['issuance.error.power_of_attorney_not_covering'] }).waitFor();
      assert.equal(await error.getAttribute('data-code'), 'power_of_attorney_not_covering');
      assert.equal(await focusedName(), 'principal_iin', 'on to the principal');
      assert.equal((await apiJson(`/api/v1/applications/${third.id}`)).stage, 'at_issuance', 'nothing moved');
      await page.locator(`section[data-application="${third.id}"][data-stage="at_issuance"]`).waitFor();
      await axeInKkRu('issuance view with the power of attorney refused', 'issuance.heading');
      // Given by the applicant: issued, not in person.
      await principal.fill(IIN);
      response = await waitFor('POST', `/api/v1/applications/${third.id}/issue`, () => form.getByRole('button', { name: en['issuance.submit'], exact: true }).click());
      assert.equal(response.status(), 201, await response.text());
      const issued = await response.json();
      assert.equal(issued.stage, 'issued');
      assert.equal(issued.in_person, false);
      assert.equal(response.request().postDataJSON().power_of_attorney.principal_iin, IIN);
      const done = page.locator('[data-outcome="issued"]');
      await done.getByRole('heading', { level: 3, name: en['issuance.issued_heading'] }).waitFor();
      const how = done.locator('[data-field="in-person"]');
      assert.equal(await how.getAttribute('data-in-person'), 'false');
      assert.equal(await how.textContent(), en['issuance.by_proxy']);
      await assertPdfLink(done.locator('a[data-link="issue-receipt"]'));
      assert.equal((await apiJson(`/api/v1/applications/${third.id}`)).stage, 'issued');
      await axeInKkRu('issuance view: issued by proxy', 'issuance.heading');
      await signOut();
    });

    // ---- monitoring ----

    step('monitoring: the manager sees deadlines, missed dispatches, the rounds (editable) and the uncollected', async () => {
      await signIn('manager');
      await nav().getByRole('link', { name: en['nav.monitoring'], exact: true }).click();
      await assertH1(page, en['monitoring.heading']);
      await page.locator('[data-field="on-time"]').waitFor();
      await page.locator('[data-list="missed"] > *').first().waitFor();
      const rounds = page.locator('form[data-form="rounds"] input[name="round"]');
      await rounds.first().waitFor();
      assert.ok((await rounds.count()) >= 2, 'at least two rounds');
      await page.locator('[data-list="uncollected"] > *').first().waitFor();
      await axeInKkRu('monitoring view', 'monitoring.heading');

      // R33: one round a day is too few — the server says so and the page shows it.
      const roundsForm = page.locator('form[data-form="rounds"]');
      while ((await rounds.count()) > 1) await roundsForm.locator('button[data-action="remove-round"]').first().click();
      const roundsPath = `/api/v1/branches/${(await apiJson('/api/v1/auth/me')).employee.branch_id}/dispatch-rounds`;
      let saved = await waitFor('PUT', roundsPath, () =>
        roundsForm.getByRole('button', { name: en['monitoring.rounds.save'], exact: true }).click(),
      );
      assert.equal(saved.status(), 422, await saved.text());
      assert.equal(saved.request().postDataJSON().rounds.length, 1);
      const roundsError = page.locator('[data-field="rounds-error"]');
      await roundsError.filter({ hasText: en['error.too_few_rounds'] }).waitFor();
      assert.equal(await roundsError.getAttribute('data-code'), 'too_few_rounds');
      await assertNoAxeViolations(page, 'monitoring view: too few rounds');
      // Two rounds are saved and shown after a reload.
      await roundsForm.getByRole('button', { name: en['monitoring.rounds.add'], exact: true }).click();
      assert.equal(await rounds.count(), 2);
      await rounds.nth(0).fill('10:30');
      await rounds.nth(1).fill('16:45');
      saved = await waitFor('PUT', roundsPath, () =>
        roundsForm.getByRole('button', { name: en['monitoring.rounds.save'], exact: true }).click(),
      );
      assert.equal(saved.status(), 200, await saved.text());
      assert.deepEqual(saved.request().postDataJSON(), { rounds: ['10:30', '16:45'] });
      await page.locator('[data-field="rounds-notice"]').filter({ hasText: fill(en['monitoring.rounds.saved'], { rounds: '10:30, 16:45' }) }).waitFor();
      assert.equal((await roundsError.textContent()).trim(), '', 'the refusal is gone');
      await page.reload();
      await assertH1(page, en['monitoring.heading']);
      await rounds.first().waitFor();
      assert.deepEqual(await rounds.evaluateAll((els) => els.map((e) => e.value)), ['10:30', '16:45']);
      // The shelf is the manager's too.
      assert.equal(await nav().getByRole('link', { name: en['nav.shelf'], exact: true }).count(), 1);
      await signOut();
    });

    // ---- the applicant rates (R23) ----

    step('the applicant rates the service on the tracking page, once', async () => {
      const visitor = await browser.newContext({ locale: 'en-US' });
      try {
        const p = await visitor.newPage();
        await p.goto(`${BASE}/#/track/${accepted.barcode}`);
        const rating = p.locator('section[data-section="rating"]');
        await rating.getByRole('heading', { level: 3, name: en['rating.heading'] }).waitFor();
        await p.getByRole('radio', { name: en['rating.score.5'], exact: true }).check();
        await p.getByLabel(en['rating.comment'], { exact: true }).fill('Быстро и вежливо');
        const [response] = await Promise.all([
          p.waitForResponse((r) => pathIs(r, 'POST', `/api/v1/track/${accepted.barcode}/rating`)),
          p.getByRole('button', { name: en['rating.submit'], exact: true }).click(),
        ]);
        assert.equal(response.status(), 201, await response.text());
        assert.deepEqual(response.request().postDataJSON(), { score: 5, channel: 'receipt', comment: 'Быстро и вежливо' });
        await p.locator('[data-field="rating-done"]').filter({ hasText: en['rating.thanks'] }).waitFor();
        await assertNoAxeViolations(p, 'tracking page after rating');
        // Once only: the page no longer offers it.
        await p.reload();
        await p.locator('section.track-result').waitFor();
        assert.equal(await p.locator('section[data-section="rating"]').count(), 0);
      } finally {
        await visitor.close();
      }
    });
  });
}
