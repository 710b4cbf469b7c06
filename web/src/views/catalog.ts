// Public service catalog: search as you type (#/services?q=…) and one service (#/services/{code}).

import {
  ApiError,
  checklistUrl,
  getService,
  searchServices,
  type Payment,
  type Service,
  type ServiceDocument,
  type ServiceSummary,
  type Term,
} from '../api';
import { getLang, plural, t, tDyn, tr, trAttr } from '../i18n';
import { h, uid } from '../dom';
import {
  alertBox,
  errorKey,
  formatMilli,
  formatTiyn,
  ltext,
  onViewEnd,
  onViewLang,
  pick,
  setTitle,
  showError,
} from '../ui';

const SEARCH_DELAY_MS = 250;

/** The last search, so that "back to the catalog" returns to it. */
let lastQuery = '';

export function catalogHref(q = lastQuery): string {
  return q ? `#/services?q=${encodeURIComponent(q)}` : '#/services';
}

export function termText(term: Term): string {
  return plural(`term.${term.unit}`, term.value);
}

function kindText(kind: string): string {
  return tDyn(`kind.${kind}`, kind);
}

// ---- list --------------------------------------------------------------------

export function catalogView(initialQuery: string): Node[] {
  setTitle('title.catalog');
  lastQuery = initialQuery;
  const inputId = uid('q');
  const hintId = uid('q-hint');
  const input = h('input', {
    id: inputId,
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': hintId,
  });
  input.value = initialQuery;
  const status = h('p', { class: 'status', role: 'status' });
  const error = alertBox();
  const list = h('ul', { class: 'service-list', 'data-list': 'services' });
  list.id = uid('results');
  input.setAttribute('aria-controls', list.id);
  const more = tr(h('button', { type: 'button', class: 'button button--secondary', hidden: true }), 'catalog.more');

  const form = h(
    'form',
    { class: 'search', role: 'search' },
    h(
      'div',
      { class: 'field' },
      tr(h('label', { for: inputId }), 'catalog.search'),
      tr(h('span', { id: hintId, class: 'hint' }), 'catalog.search_hint'),
      h('div', { class: 'search__row' }, input, tr(h('button', { type: 'submit', class: 'button button--primary' }), 'catalog.search_button')),
    ),
  );
  trAttr(form, 'aria-label', 'catalog.search');

  let items: ServiceSummary[] = [];
  let cursor: string | null = null;
  let controller: AbortController | null = null;
  let timer: number | undefined;

  const renderItems = () => {
    list.replaceChildren(
      ...items.map((s) =>
        h(
          'li',
          { 'data-code': s.code },
          h('a', { href: `#/services/${encodeURIComponent(s.code)}`, class: 'service-list__name' }, ltext(s.name)),
          h(
            'span',
            { class: 'service-list__meta' },
            `${t('service.code')}: ${s.code} · ${kindText(s.kind)} · ${t('service.term')}: ${termText(s.term)}`,
          ),
        ),
      ),
    );
    more.hidden = !cursor;
    if (!items.length) tr(status, 'catalog.none');
    else tr(status, cursor ? 'catalog.found_more' : 'catalog.found', { n: items.length });
  };

  const run = async (append: boolean) => {
    controller?.abort();
    const c = new AbortController();
    controller = c;
    const q = input.value.trim();
    if (!append) {
      lastQuery = q;
      history.replaceState(null, '', catalogHref(q));
    }
    list.setAttribute('aria-busy', 'true');
    showError(error, null);
    try {
      const page = await searchServices(q, getLang(), append ? cursor : null, c.signal);
      if (c !== controller) return;
      items = append ? items.concat(page.items) : page.items;
      cursor = page.next_cursor;
      renderItems();
    } catch (e) {
      if (c.signal.aborted) return;
      showError(error, errorKey(e));
    } finally {
      if (c === controller) list.removeAttribute('aria-busy');
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(false), SEARCH_DELAY_MS);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    window.clearTimeout(timer);
    void run(false);
  });
  more.addEventListener('click', () => void run(true));
  onViewLang(() => {
    trAttr(form, 'aria-label', 'catalog.search');
    void run(false);
  });
  onViewEnd(() => {
    window.clearTimeout(timer);
    controller?.abort();
  });
  void run(false);

  return [
    tr(h('h1', { tabindex: '-1' }), 'catalog.heading'),
    tr(h('p', { class: 'lead' }), 'catalog.intro'),
    form,
    error,
    status,
    list,
    more,
  ];
}

// ---- one service ----------------------------------------------------------------

function conditionText(doc: ServiceDocument): string {
  return tDyn(`doc.condition.${doc.condition}`, doc.condition);
}

function documentItem(doc: ServiceDocument): HTMLElement {
  return h(
    'li',
    { 'data-doc': doc.code, 'data-condition': doc.condition },
    h('span', { class: 'doc__name' }, ltext(doc.name)),
    h(
      'span',
      { class: 'doc__notes' },
      conditionText(doc),
      doc.held_by_state_systems ? null : ` · ${t(doc.electronic_copy_accepted ? 'doc.ecopy_yes' : 'doc.ecopy_no')}`,
    ),
  );
}

function documentGroup(group: 'applicant' | 'state', docs: ServiceDocument[]): HTMLElement {
  const id = uid(`docs-${group}`);
  return h(
    'section',
    { class: `doc-group doc-group--${group}`, 'data-group': group, 'aria-labelledby': id },
    h('h3', { id }, t(group === 'state' ? 'service.docs_state' : 'service.docs_applicant')),
    h('p', { class: 'hint' }, t(group === 'state' ? 'service.docs_state_hint' : 'service.docs_applicant_hint')),
    docs.length ? h('ul', { class: 'doc-list' }, ...docs.map(documentItem)) : h('p', {}, t('service.docs_none')),
  );
}

function paymentText(p: Payment): (Node | string)[] {
  const name = pick(p.name).text ? ltext(p.name) : p.code;
  const amount = h('span', { class: 'money', 'data-tiyn': String(p.amount_tiyn) }, formatTiyn(p.amount_tiyn));
  const mrp =
    p.amount_mrp_milli !== undefined && p.amount_mrp_milli !== null
      ? ` (${t('payment.mrp', { n: formatMilli(p.amount_mrp_milli) })})`
      : '';
  return [name, ': ', amount, mrp];
}

function paymentList(payments: Payment[] | undefined, priceTiyn: number): HTMLElement {
  const rows: HTMLElement[] = (payments ?? []).map((p) => h('li', { 'data-payment': p.code }, ...paymentText(p)));
  if (priceTiyn > 0) {
    rows.push(
      h(
        'li',
        { 'data-payment': 'price' },
        t('payment.price'),
        ': ',
        h('span', { class: 'money', 'data-tiyn': String(priceTiyn) }, formatTiyn(priceTiyn)),
      ),
    );
  }
  if (!rows.length) return h('p', { 'data-payment': 'free' }, t('payment.free'));
  return h('ul', { class: 'payments' }, ...rows);
}

function serviceBody(s: Service): Node[] {
  const lang = getLang();
  const checklistLang = lang === 'kk' ? 'kk' : 'ru';
  const row = (label: string, ...value: (Node | string)[]) =>
    h('div', { class: 'profile__row' }, h('dt', {}, label), h('dd', {}, ...value));
  const section = (title: string, ...content: (Node | string | null)[]) => {
    const id = uid('sec');
    return h('section', { class: 'service-section', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
  };
  const applicant = s.documents.filter((d) => !d.held_by_state_systems);
  const state = s.documents.filter((d) => d.held_by_state_systems);

  return [
    h(
      'p',
      { class: 'checklist' },
      h(
        'a',
        {
          href: checklistUrl(s.code, checklistLang),
          target: '_blank',
          rel: 'noopener',
          class: 'button button--primary',
          'data-link': 'checklist',
          hreflang: checklistLang,
        },
        t('service.checklist'),
        h('span', { class: 'visually-hidden' }, ` ${t('service.checklist_note')}`),
      ),
    ),
    h(
      'dl',
      { class: 'profile service-facts' },
      row(t('service.code'), s.code),
      row(t('service.kind'), kindText(s.kind)),
      row(t('service.provider'), ltext(s.provider_name)),
      row(t('service.term'), h('span', { 'data-field': 'term' }, termText(s.term))),
      row(t('service.result'), ltext(s.result)),
      s.prefilled_form ? row(t('service.form'), t('service.form_prefilled')) : null,
      s.consent_required ? row(t('service.consent'), t('service.consent_required')) : null,
    ),
    section(t('service.documents'), documentGroup('applicant', applicant), documentGroup('state', state)),
    section(t('service.payments'), paymentList(s.payments, s.price_tiyn)),
    s.urgent_terms?.length
      ? section(
          t('service.urgent'),
          h(
            'ul',
            { class: 'urgent' },
            ...s.urgent_terms.map((u) =>
              h(
                'li',
                {},
                pick(u.name).text ? ltext(u.name) : t('service.urgent'),
                `: ${termText(u.term)}`,
                u.payments?.length ? paymentList(u.payments, 0) : null,
              ),
            ),
          ),
        )
      : null,
  ].filter((n): n is HTMLElement => n !== null);
}

export function serviceView(code: string): Node[] {
  setTitle('title.catalog');
  const heading = tr(h('h1', { tabindex: '-1' }), 'app.loading');
  const error = alertBox();
  const body = h('div', { class: 'service', 'aria-busy': 'true' });
  let service: Service | null = null;

  const render = () => {
    if (!service) return;
    const name = pick(service.name);
    delete heading.dataset.i18n;
    heading.textContent = name.text;
    if (name.lang !== getLang()) heading.lang = name.lang;
    else heading.removeAttribute('lang');
    setTitle('title.service', { name: name.text });
    body.replaceChildren(...serviceBody(service));
  };

  getService(code)
    .then((s) => {
      service = s;
      body.removeAttribute('aria-busy');
      render();
    })
    .catch((e: unknown) => {
      body.removeAttribute('aria-busy');
      const notFound = e instanceof ApiError && (e.status === 404 || e.status === 400);
      tr(heading, notFound ? 'service.not_found' : 'service.heading');
      showError(error, notFound ? 'service.not_found_text' : errorKey(e));
    });
  onViewLang(render);

  return [
    h('p', { class: 'back' }, tr(h('a', { href: catalogHref() }), 'service.back')),
    heading,
    error,
    body,
  ];
}
