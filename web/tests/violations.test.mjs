// Browser test of the violations view (#/violations, R18.9) against a running server: an
// operator reports a violation seen on the premises (keyboard only) and gets the
// confirmation; an empty description is refused on the page and nothing is sent; the
// operator has no list of violations; the branch manager finds the report in the open ones,
// closes it with a resolution (keyboard only) and finds it, closed with the resolution, under
// "All"; the central office reads the branch's list without closing; a provider officer has
// no such page; axe-core finds nothing in kk and ru.
//
//   TEREZE_URL=http://127.0.0.1:8080 npm test
//
// The server must have the demo loaded (scripts/with-server.sh does that): the operator and
// the manager of AST-01 (Asia/Almaty), the central office without a branch. Uses the system
// Chromium.

import { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, en, kk, ru, fill, missingServerTest, launchBrowser, openPage, stepper,
  assertNoAxeViolations, assertH1, signIn as signInAs, signOut as signOutOf,
} from './support/browser.mjs';

const OPERATOR_NAME = 'Сәрсенбаева Әйгерім Қайратқызы';
const MANAGER_NAME = 'Ғабдуллина Салтанат Маратқызы';
const ZONE = 'Asia/Almaty'; // AST-01
// Unique per run, so that the test also passes against a database it already ran on.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const DESCRIPTION = `Посетитель курил в зале ожидания и отказался выйти (${RUN}).\nОхрана вызвана.`;
const PLACE = 'Зал ожидания, окно 3';
const RESOLUTION = `Посетитель выведен охраной; составлен акт (${RUN}).`;

const pathIs = (r, method, path) => r.request().method() === method && new URL(r.url()).pathname === path;

/** "Tuesday, 24 November 2026, 10:00" in the catalog's language, as the page writes an instant in the zone. */
function instantText(cat, iso, zone = ZONE) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  const date = fill(cat['date.long'], { weekday: cat[`weekday.${w}`], day: d, month: cat[`month.gen.${m}`], year: y });
  return fill(cat['date.at_time'], { date, time: `${parts.hour}:${parts.minute}` });
}

if (!BASE) {
  missingServerTest();
} else {
  describe(`violations on the premises at ${BASE}`, () => {
    let browser, context, page;
    // Steps depend on each other: once one fails, skip the rest.
    const step = stepper();

    const signIn = async (login) => {
      await signInAs(page, login);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    };
    const signOut = () => signOutOf(page);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return {
          label: el?.labels?.[0]?.textContent?.trim() || el?.getAttribute('aria-label') || el?.textContent?.trim() || '',
          tag: el?.tagName.toLowerCase(),
          name: el?.getAttribute('name'),
          action: el?.getAttribute('data-action'),
        };
      });
    /** Tab once; the focus must land on the control with this label. */
    const tabTo = async (label) => {
      await page.keyboard.press('Tab');
      const f = await focused();
      assert.equal(f.label, label, `Tab should reach "${label}", got ${JSON.stringify(f)}`);
      return f;
    };
    /** Acts and returns the response of the first request matching method + path. */
    const waitFor = async (method, path, act) => {
      const [response] = await Promise.all([page.waitForResponse((r) => pathIs(r, method, path)), act()]);
      return response;
    };
    /** Runs `act` and fails if a request matching `match` was sent meanwhile. */
    const nothingSent = async (match, act) => {
      let sent = false;
      const watch = (r) => {
        if (match(r)) sent = true;
      };
      page.on('request', watch);
      try {
        await act();
      } finally {
        page.off('request', watch);
      }
      assert.equal(sent, false, 'nothing was sent');
    };
    /** The text the described-by ids of a control point at. */
    const describedText = (locator) =>
      locator.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      );

    const report = () => page.locator('form[data-form="report-violation"]');
    const list = () => page.locator('ul[data-list="violations"]');

    let operator; // GET /auth/me of the operator
    let reported; // the 201 body

    before(async () => {
      browser = await launchBrowser();
      ({ context, page } = await openPage(browser));
    });
    after(async () => {
      await browser?.close();
    });

    // ---- the operator reports ----

    step('the operator has Violations in the menu, the report form and no list', async () => {
      await page.goto(`${BASE}/#/violations`);
      await page.getByLabel(en['login.login'], { exact: true }).waitFor();
      await signIn('operator');
      await assertH1(page, en['violations.heading']);
      operator = (await (await page.request.get(`${BASE}/api/v1/auth/me`)).json()).employee;
      const link = page.getByRole('navigation', { name: en['layout.nav'] }).getByRole('link', { name: en['nav.violations'], exact: true });
      assert.equal(await link.getAttribute('aria-current'), 'page');
      await page.getByRole('heading', { level: 2, name: en['violations.report.heading'] }).waitFor();
      await report().waitFor();
      assert.equal(await page.getByRole('heading', { name: en['violations.list.heading'] }).count(), 0, 'no list heading');
      assert.equal(await list().count(), 0, 'no list of violations for the operator');
      // The server agrees.
      const res = await page.request.get(`${BASE}/api/v1/branches/${operator.branch_id}/violations`);
      assert.equal(res.status(), 403);
      // The categories by their names.
      assert.deepEqual(
        (await report().getByLabel(en['violations.field.category'], { exact: true }).locator('option').allTextContents()).slice(1),
        ['public_order', 'corruption', 'employee_conduct', 'service_rules', 'safety', 'other'].map((c) => en[`violations.category.${c}`]),
      );
      await assertNoAxeViolations(page, 'violations view of the operator');
    });

    step('an empty description is flagged at its field and nothing is sent', async () => {
      const description = report().getByLabel(en['violations.field.description'], { exact: true });
      await report().getByLabel(en['violations.field.category'], { exact: true }).selectOption('public_order');
      await nothingSent(
        (r) => pathIs(r, 'POST', '/api/v1/violations'),
        async () => {
          await page.getByRole('button', { name: en['violations.send'], exact: true }).click();
          await report().getByRole('alert').filter({ hasText: fill(en['violations.fix_field'], { field: en['violations.field.description'] }) }).waitFor();
        },
      );
      assert.equal(await description.getAttribute('aria-invalid'), 'true');
      assert.equal(await description.evaluate((el) => el === document.activeElement), true, 'focus goes to the description');
      const message = report().getByText(en['violations.description_required'], { exact: true });
      await message.waitFor();
      assert.ok((await description.getAttribute('aria-describedby')).split(' ').includes(await message.getAttribute('id')), 'the message describes the field');
      // Spaces only are no description either.
      await description.fill('   ');
      await nothingSent(
        (r) => pathIs(r, 'POST', '/api/v1/violations'),
        async () => {
          await report().getByLabel(en['violations.field.place'], { exact: true }).press('Enter');
          await message.waitFor();
        },
      );
      await description.fill('');
    });

    step('keyboard only: the operator reports a violation and gets the confirmation', async () => {
      await page.reload();
      await assertH1(page, en['violations.heading']);
      const category = await tabTo(en['violations.field.category']);
      assert.equal(category.tag, 'select');
      // The first letters choose the option.
      await page.keyboard.type('Pu');
      assert.equal(await report().getByLabel(en['violations.field.category'], { exact: true }).inputValue(), 'public_order');
      await tabTo(en['violations.field.description']);
      await page.keyboard.type(DESCRIPTION.split('\n')[0]);
      await page.keyboard.press('Enter'); // a new line in the description, not the sending
      await page.keyboard.type(DESCRIPTION.split('\n')[1]);
      await tabTo(en['violations.field.place']);
      await page.keyboard.type(PLACE);
      await tabTo(en['violations.send']);
      const response = await waitFor('POST', '/api/v1/violations', () => page.keyboard.press('Enter'));
      assert.equal(response.status(), 201, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { category: 'public_order', description: DESCRIPTION, place: PLACE });
      reported = await response.json();
      assert.equal(reported.status, 'open');
      assert.equal(reported.reported_by, operator.id);
      assert.equal(reported.branch_id, operator.branch_id);

      const confirmation = page.locator('[data-field="confirmation"]');
      await confirmation.filter({ hasText: fill(en['violations.sent'], { id: reported.id }) }).waitFor();
      assert.equal(await confirmation.getAttribute('role'), 'status', 'the confirmation is announced');
      const at = confirmation.locator('time[data-field="reported_at"]');
      assert.equal(await at.getAttribute('datetime'), reported.reported_at);
      assert.equal(await at.textContent(), instantText(en, reported.reported_at));
      // The form is ready for the next report.
      assert.equal(await report().getByLabel(en['violations.field.description'], { exact: true }).inputValue(), '');
      assert.equal(await report().getByLabel(en['violations.field.category'], { exact: true }).inputValue(), '');
      assert.equal(await report().locator('.alert').textContent(), '', 'no error left');
      await assertNoAxeViolations(page, 'violations view with the confirmation');
      await signOut();
    });

    // ---- the branch manager reads and closes ----

    const item = () => list().locator(`li[data-violation="${reported.id}"]`);

    step('the branch manager finds the report among the open violations', async () => {
      await signIn('manager');
      await page.getByRole('navigation', { name: en['layout.nav'] }).getByRole('link', { name: en['nav.violations'], exact: true }).click();
      await assertH1(page, en['violations.heading']);
      await page.getByRole('heading', { level: 2, name: en['violations.list.heading'] }).waitFor();
      assert.equal(await page.getByRole('radio', { name: en['violations.filter.open'], exact: true }).isChecked(), true, 'open ones first');
      await item().waitFor();
      assert.equal(await item().getAttribute('data-status'), 'open');
      const heading = item().getByRole('heading', { level: 3 });
      assert.equal(await heading.textContent(), `${fill(en['violations.number'], { id: reported.id })} · ${en['violations.category.public_order']}`);
      assert.equal(await item().locator('[data-field="status"]').textContent(), en['violations.status.open']);
      assert.equal(await item().locator('[data-field="description"]').textContent(), DESCRIPTION);
      assert.equal(await item().locator('[data-field="place"]').textContent(), PLACE);
      const by = item().locator('[data-field="reported_by"]');
      assert.equal(await by.getAttribute('data-id'), String(operator.id));
      assert.equal(await by.textContent(), fill(en['violations.person'], { name: OPERATOR_NAME, id: operator.id }));
      const at = item().locator('time[data-field="reported_at"]');
      assert.equal(await at.getAttribute('datetime'), reported.reported_at);
      assert.equal(await at.textContent(), instantText(en, reported.reported_at));
      // Newest first.
      const ids = (await list().locator('li[data-violation]').evaluateAll((els) => els.map((e) => Number(e.dataset.violation))));
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
      assert.equal(await page.locator('[data-field="count"]').textContent(), fill(en['violations.count_open'], { n: ids.length }));
      await assertNoAxeViolations(page, 'violations of the branch (manager)');
    });

    step('closing needs a resolution: empty, it is flagged and nothing is sent; Escape cancels', async () => {
      const close = item().getByRole('button', { name: `${en['violations.close']} ${fill(en['violations.number'], { id: reported.id })} · ${en['violations.category.public_order']}` });
      await close.click();
      const resolution = item().getByLabel(en['violations.field.resolution'], { exact: true });
      assert.equal(await resolution.evaluate((el) => el === document.activeElement), true, 'the resolution has the focus');
      await nothingSent(
        (r) => pathIs(r, 'POST', `/api/v1/violations/${reported.id}/close`),
        async () => {
          await item().getByRole('button', { name: en['violations.close_submit'], exact: true }).click();
          await item().getByRole('alert').filter({ hasText: fill(en['violations.fix_field'], { field: en['violations.field.resolution'] }) }).waitFor();
        },
      );
      assert.equal(await resolution.getAttribute('aria-invalid'), 'true');
      await item().getByText(en['violations.resolution_required'], { exact: true }).waitFor();
      assert.ok((await describedText(resolution)).includes(en['violations.resolution_required']), 'the error describes the field');
      assert.equal(await resolution.evaluate((el) => el === document.activeElement), true);
      await assertNoAxeViolations(page, 'the close form with its error');
      await page.keyboard.press('Escape');
      assert.equal(await resolution.isVisible(), false, 'the form is gone');
      assert.equal(await close.evaluate((el) => el === document.activeElement), true, 'back on "Close the violation"');
    });

    step('keyboard only: the manager closes it with a resolution; it leaves the open ones', async () => {
      await page.keyboard.press('Enter');
      assert.equal((await focused()).name, 'resolution');
      await page.keyboard.type(RESOLUTION);
      await tabTo(en['violations.close_submit']);
      const response = await waitFor('POST', `/api/v1/violations/${reported.id}/close`, () => page.keyboard.press('Enter'));
      assert.equal(response.status(), 200, await response.text());
      assert.deepEqual(response.request().postDataJSON(), { resolution: RESOLUTION });
      const closed = await response.json();
      assert.equal(closed.status, 'closed');
      assert.equal(closed.resolution, RESOLUTION);
      await page.getByRole('status').filter({ hasText: fill(en['violations.closed_done'], { id: reported.id }) }).waitFor();
      assert.equal(await item().count(), 0, 'no longer among the open ones');
      assert.equal(
        await page.getByRole('heading', { level: 2, name: en['violations.list.heading'] }).evaluate((el) => el === document.activeElement),
        true,
        'focus on the list heading',
      );
      // The server says the same: closed once, not twice.
      const again = await page.request.post(`${BASE}/api/v1/violations/${reported.id}/close`, {
        data: { resolution: 'again' },
        headers: { 'X-CSRF-Token': (await context.cookies(BASE)).find((c) => c.name === 'tereze_csrf')?.value ?? '' },
      });
      assert.equal(again.status(), 409);
      assert.equal((await again.json()).error.code, 'violation_closed');
    });

    step('under "All" it is shown closed, with the resolution, who closed it and when', async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => pathIs(r, 'GET', `/api/v1/branches/${operator.branch_id}/violations`)),
        page.getByRole('radio', { name: en['violations.filter.all'], exact: true }).check(),
      ]);
      assert.equal(new URL(response.url()).searchParams.get('status'), null, 'all: no status filter');
      await item().waitFor();
      assert.equal(await item().getAttribute('data-status'), 'closed');
      assert.equal(await item().locator('[data-field="status"]').textContent(), en['violations.status.closed']);
      assert.equal(await item().locator('[data-field="resolution"]').textContent(), RESOLUTION);
      assert.equal(await item().locator('[data-field="closed_by"]').textContent(), fill(en['violations.person'], { name: MANAGER_NAME, id: (await (await page.request.get(`${BASE}/api/v1/auth/me`)).json()).employee.id }));
      const closedAt = item().locator('time[data-field="closed_at"]');
      assert.equal(await closedAt.textContent(), instantText(en, await closedAt.getAttribute('datetime')));
      assert.equal(await item().getByRole('button').count(), 0, 'nothing to close any more');
      assert.match(await page.locator('[data-field="count"]').textContent(), new RegExp(`^${en['violations.count_all'].replace('{n}', '\\d+')}$`));
    });

    step('no axe-core violations in kk and ru (list with an open close form and a closed report)', async () => {
      // A second report, by the manager: the list shows it at once, open, with its Close button.
      await report().getByLabel(en['violations.field.category'], { exact: true }).selectOption('safety');
      await report().getByLabel(en['violations.field.description'], { exact: true }).fill(`Огнетушитель у входа просрочен (${RUN}).`);
      const response = await waitFor('POST', '/api/v1/violations', () => page.getByRole('button', { name: en['violations.send'], exact: true }).click());
      assert.equal(response.status(), 201);
      const second = await response.json();
      const secondItem = list().locator(`li[data-violation="${second.id}"]`);
      await secondItem.waitFor();
      assert.equal(await secondItem.locator('[data-field="place"]').textContent(), en['violations.no_place']);
      await secondItem.locator('[data-action="close"]').click();
      for (const [lang, cat] of [['kk', kk], ['ru', ru]]) {
        await page.getByRole('button', { name: en[`lang.${lang}`], exact: true }).click();
        await assertH1(page, cat['violations.heading']);
        await page.getByRole('navigation').getByRole('link', { name: cat['nav.violations'], exact: true }).waitFor();
        await item().locator('[data-field="category"]').filter({ hasText: cat['violations.category.public_order'] }).waitFor();
        assert.equal(await item().locator('[data-field="status"]').textContent(), cat['violations.status.closed']);
        assert.equal(await item().locator('time[data-field="reported_at"]').textContent(), instantText(cat, reported.reported_at), 'the time follows the language');
        await secondItem.getByLabel(cat['violations.field.resolution'], { exact: true }).waitFor();
        await report().getByLabel(cat['violations.field.category'], { exact: true }).waitFor();
        await assertNoAxeViolations(page, `violations view in ${lang}`);
      }
      await page.getByRole('button', { name: ru['lang.en'], exact: true }).click();
      await assertH1(page, en['violations.heading']);
      await signOut();
    });

    // ---- others ----

    step('the central office chooses the branch and reads its violations without closing them', async () => {
      await signIn('central');
      await page.goto(`${BASE}/#/violations`);
      await assertH1(page, en['violations.heading']);
      await page.locator('[data-note="no-branch"]').filter({ hasText: en['violations.no_branch'] }).waitFor();
      assert.equal(await report().count(), 0, 'no report form without a branch');
      const branch = page.getByLabel(en['violations.filter.branch'], { exact: true });
      await branch.locator('option').first().waitFor({ state: 'attached' });
      if ((await branch.inputValue()) !== String(operator.branch_id)) {
        await Promise.all([
          page.waitForResponse((r) => pathIs(r, 'GET', `/api/v1/branches/${operator.branch_id}/violations`)),
          branch.selectOption(String(operator.branch_id)),
        ]);
      }
      await page.getByRole('radio', { name: en['violations.filter.all'], exact: true }).check();
      await item().locator('[data-field="resolution"]').filter({ hasText: RESOLUTION }).waitFor();
      assert.equal(await list().locator('[data-action="close"]').count(), 0, 'the central office does not close');
      await assertNoAxeViolations(page, 'violations view of the central office');
      await signOut();
    });

    step('a provider officer has no violations page', async () => {
      await signIn('provider');
      const nav = page.getByRole('navigation', { name: en['layout.nav'] });
      await nav.getByRole('link', { name: en['nav.services'], exact: true }).waitFor();
      assert.equal(await nav.locator('a[href="#/violations"]').count(), 0);
      await page.goto(`${BASE}/#/violations`);
      await assertH1(page, en['denied.heading']);
      assert.equal(await report().count(), 0);
      await signOut();
    });
  });
}
