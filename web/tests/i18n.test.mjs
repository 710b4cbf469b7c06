// The message catalogs must have the same keys and no empty texts.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const load = (lang) => JSON.parse(readFileSync(new URL(`../src/i18n/${lang}.json`, import.meta.url), 'utf8'));

it('kk, ru and en catalogs have the same keys and non-empty texts', () => {
  const en = load('en');
  for (const lang of ['kk', 'ru']) {
    const cat = load(lang);
    assert.deepEqual(Object.keys(cat).sort(), Object.keys(en).sort(), `${lang}.json keys differ from en.json`);
    for (const [k, v] of Object.entries(cat)) assert.ok(typeof v === 'string' && v.trim(), `${lang}.json: empty ${k}`);
    for (const [k, v] of Object.entries(cat)) {
      const ph = (s) => (s.match(/\{\w+\}/g) ?? []).sort().join();
      assert.equal(ph(v), ph(en[k]), `${lang}.json: placeholders of ${k} differ from en.json`);
    }
  }
});
