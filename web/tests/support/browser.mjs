// Shared setup of the browser tests (shell, reference, admin): the server address,
// the system Chromium through playwright-core, the message catalogs, the axe-core
// check and the sign-in helpers. Not a test file itself: node --test only runs
// files named like *.test.mjs.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.TEREZE_URL?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_PATH = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export const catalog = (lang) => JSON.parse(readFileSync(new URL(`../../src/i18n/${lang}.json`, import.meta.url), 'utf8'));
export const en = catalog('en');
export const ru = catalog('ru');
export const kk = catalog('kk');

/** The demo password of every demo account. */
export const PASSWORD = 'tereze-demo';

export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const fill = (text, params) => text.replace(/\{(\w+)\}/g, (_, k) => params[k]);

/** Registers the one failing test that says TEREZE_URL is missing. */
export function missingServerTest() {
  it('TEREZE_URL is set', () => {
    assert.fail('TEREZE_URL is not set: start the Tereze server and run e.g. TEREZE_URL=http://127.0.0.1:8080 npm test');
  });
}

export function launchBrowser() {
  return chromium.launch({
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
}

/** A fresh English context (15 s default timeout) with one page. */
export async function openPage(browser) {
  const context = await browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Steps of a describe depend on each other: once one fails, skip the rest
 * instead of piling up noise. Returns step(name, fn); fn gets the test context.
 */
export function stepper() {
  let failed = false;
  return (name, fn) =>
    it(name, async (t) => {
      if (failed) return t.skip('an earlier step failed');
      try {
        await fn(t);
      } catch (e) {
        failed = true;
        throw e;
      }
    });
}

/**
 * Runs axe-core on the page and fails with the list of violations.
 * axe is injected once per document unless reinject is set.
 */
export async function assertNoAxeViolations(page, what, { reinject = false } = {}) {
  if (reinject || !(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: AXE_PATH });
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

/** Exactly one h1, inside main, with the expected text (string or RegExp). */
export async function assertH1(page, expected) {
  await page.getByRole('main').getByRole('heading', { level: 1, name: expected }).waitFor();
  assert.equal(await page.locator('h1').count(), 1, 'one h1 per view');
}

/** The status of GET /api/v1/auth/me with the page's cookies. */
export const meStatus = async (page) => (await page.request.get(`${BASE}/api/v1/auth/me`)).status();

/** The cookie of that name the context holds for the server, if any. */
export const cookie = async (context, name) => (await context.cookies(BASE)).find((c) => c.name === name);

/** Fills the login form (labels in the given catalog), submits it and returns the login response. */
export async function submitLogin(page, login, password = PASSWORD, lang = en) {
  await page.getByLabel(lang['login.login'], { exact: true }).fill(login);
  await page.getByLabel(lang['login.password'], { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: lang['login.submit'], exact: true }).click(),
  ]);
  return response;
}

/** Signs in with the demo password; the login must answer 200. */
export async function signIn(page, login, lang = en) {
  const response = await submitLogin(page, login, PASSWORD, lang);
  assert.equal(response.status(), 200, `login ${login} answered ${response.status()}`);
}

/** Signs out from the layout (English) and waits for the login form. */
export async function signOut(page) {
  await page.getByRole('button', { name: en['layout.signout'], exact: true }).click();
  await page.getByLabel(en['login.login'], { exact: true }).waitFor();
}
