import './style.css';
import { ApiError, login, logout, me, onUnauthorized, type Employee } from './api';
import { LANGS, getLang, loadLang, onLangChange, setLang, tr, trAttr, type MessageKey } from './i18n';
import { h, uid } from './dom';
import { alertBox, endView, errorKey, fullName, roleNodes, setTitle, showError } from './ui';
import { catalogView, serviceView } from './views/catalog';
import { calendarView } from './views/calendar';
import { IMPORT_ROLES, STAFF_ROLES, importView, staffView } from './views/admin';
import { BRANCH_ROLES, BRANCH_VIEW_ROLES, branchView, branchesView } from './views/branches';
import { DESK_ROLES, deskView } from './views/desk';
import { VIOLATION_ROLES, violationsView } from './views/violations';
import { trackView } from './views/track';
import { bookView } from './views/book';
import { COLLECTION_ROLES, collectionView } from './views/collection';
import { COURIER_ROLES, courierView } from './views/courier';
import { PROVIDER_ROLES, providerView } from './views/provider';
import { RECEPTION_ROLES, receptionView } from './views/reception';
import { ISSUANCE_ROLES, issuanceView } from './views/issuance';
import { SHELF_ROLES, shelfView } from './views/shelf';
import { MONITORING_ROLES, monitoringView } from './views/monitoring';
import { kioskView } from './views/kiosk';
import { boardView } from './views/board';
import { ticketView } from './views/ticket';
import { COUNTER_ROLES, counterView } from './views/counter';
import { QUEUE_LIVE_ROLES, queueLiveView } from './views/queue_live';
import { DASHBOARD_ROLES, dashboardView } from './views/dashboard';
import { REPORT_ROLES, reportsView } from './views/reports';

const root = document.getElementById('app') as HTMLElement;

/** The signed-in employee; null when nobody is signed in. */
let user: Employee | null = null;

// ---- routes ------------------------------------------------------------------

interface Route {
  path: string; // "/", "/services", "/services/00102002", …
  query: URLSearchParams;
}

function currentRoute(): Route {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

const hasRole = (roles: string[]) => !!user && user.roles.some((r) => roles.includes(r));

interface NavItem {
  href: string;
  key: MessageKey;
  show: () => boolean;
  admin?: boolean;
}
const NAV: NavItem[] = [
  { href: '#/', key: 'nav.home', show: () => !!user },
  { href: '#/counter', key: 'nav.counter', show: () => hasRole(COUNTER_ROLES) },
  { href: '#/queue-live', key: 'nav.queue_live', show: () => hasRole(QUEUE_LIVE_ROLES) },
  { href: '#/desk', key: 'nav.desk', show: () => hasRole(DESK_ROLES) },
  { href: '#/collection', key: 'nav.collection', show: () => hasRole(COLLECTION_ROLES) },
  { href: '#/courier', key: 'nav.courier', show: () => hasRole(COURIER_ROLES) },
  { href: '#/provider', key: 'nav.provider', show: () => hasRole(PROVIDER_ROLES) },
  { href: '#/reception', key: 'nav.reception', show: () => hasRole(RECEPTION_ROLES) },
  { href: '#/issuance', key: 'nav.issuance', show: () => hasRole(ISSUANCE_ROLES) },
  { href: '#/shelf', key: 'nav.shelf', show: () => hasRole(SHELF_ROLES) },
  { href: '#/monitoring', key: 'nav.monitoring', show: () => hasRole(MONITORING_ROLES) },
  { href: '#/dashboard', key: 'nav.dashboard', show: () => hasRole(DASHBOARD_ROLES) },
  { href: '#/reports', key: 'nav.reports', show: () => hasRole(REPORT_ROLES) },
  { href: '#/violations', key: 'nav.violations', show: () => hasRole(VIOLATION_ROLES) },
  { href: '#/track', key: 'nav.track', show: () => true },
  { href: '#/services', key: 'nav.services', show: () => true },
  { href: '#/calendar', key: 'nav.calendar', show: () => true },
  { href: '#/admin/import', key: 'nav.import', show: () => hasRole(IMPORT_ROLES), admin: true },
  { href: '#/admin/staff', key: 'nav.staff', show: () => hasRole(STAFF_ROLES), admin: true },
  { href: '#/admin/branches', key: 'nav.branches', show: () => hasRole(BRANCH_ROLES), admin: true },
];

function isCurrent(href: string, path: string): boolean {
  const target = href.slice(1);
  return target === '/' ? path === '/' : path === target || path.startsWith(`${target}/`);
}

// ---- shared pieces ---------------------------------------------------------

function skipLink(): HTMLElement {
  const a = tr(h('a', { class: 'skip-link', href: '#main' }), 'skip.main');
  // The hash is the route: move focus instead of navigating.
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    document.getElementById('main')?.focus();
  });
  return a;
}

function langSwitch(): HTMLElement {
  const labelId = uid('lang-label');
  const group = h('div', { class: 'lang-switch', role: 'group', 'aria-labelledby': labelId });
  group.append(tr(h('span', { id: labelId, class: 'lang-switch__label' }), 'lang.label'));
  const buttons = LANGS.map((lang) => {
    const btn = tr(
      h('button', { type: 'button', lang, 'data-lang': lang, 'aria-pressed': String(lang === getLang()) }),
      `lang.${lang}`,
    );
    // A catalog that cannot be loaded leaves the language as it was.
    btn.addEventListener('click', () => void setLang(lang).catch(() => undefined));
    return btn;
  });
  group.append(...buttons);
  return group;
}
onLangChange((lang) => {
  for (const b of document.querySelectorAll<HTMLElement>('.lang-switch [data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
});

function navLinks(path: string): HTMLElement {
  const item = (n: NavItem) =>
    h('li', {}, tr(h('a', { href: n.href, 'aria-current': isCurrent(n.href, path) ? 'page' : null }), n.key));
  const main = NAV.filter((n) => !n.admin && n.show());
  const admin = NAV.filter((n) => n.admin && n.show());
  const adminHeadingId = uid('nav-admin');
  const nav = h(
    'nav',
    { class: 'app-nav' },
    h('ul', {}, ...main.map(item)),
    admin.length
      ? h(
          'div',
          { class: 'app-nav__group', 'data-nav': 'admin' },
          tr(h('h2', { id: adminHeadingId, class: 'app-nav__heading' }), 'nav.admin'),
          h('ul', { 'aria-labelledby': adminHeadingId }, ...admin.map(item)),
        )
      : null,
    user ? null : h('ul', {}, h('li', {}, tr(h('a', { href: '#/', 'data-link': 'signin' }), 'nav.signin'))),
  );
  trAttr(nav, 'aria-label', 'layout.nav');
  return nav;
}

function signOutButton(error: HTMLElement): HTMLElement {
  const signOut = tr(h('button', { type: 'button', class: 'button button--signout' }), 'layout.signout');
  signOut.addEventListener('click', async () => {
    signOut.disabled = true;
    showError(error, null);
    try {
      await logout();
    } catch (e) {
      // 401: the session is already gone, which is what we wanted.
      if (!(e instanceof ApiError && e.status === 401)) {
        signOut.disabled = false;
        showError(error, e instanceof ApiError && e.code === 'network' ? 'error.network' : 'error.logout_failed');
        return;
      }
    }
    user = null;
    if (currentRoute().path !== '/') history.replaceState(null, '', '#/');
    endView();
    renderLogin(null, true);
  });
  return signOut;
}

function mount(...nodes: Node[]): void {
  root.replaceChildren(...nodes);
}

/** The page frame (header, menu, main) around a view's content; focuses its h1. */
function renderPage(path: string, content: Node[], focus = true): void {
  const error = alertBox();
  let header: HTMLElement;
  if (user) {
    const userLabelId = uid('user-label');
    header = h(
      'header',
      { class: 'app-header' },
      tr(h('div', { class: 'brand' }), 'app.name'),
      h(
        'div',
        { class: 'user', role: 'group', 'aria-labelledby': userLabelId },
        tr(h('span', { id: userLabelId, class: 'visually-hidden' }), 'layout.user'),
        h('span', { class: 'user__name' }, fullName(user)),
        h('span', { class: 'user__roles' }, ...roleNodes(user.roles)),
      ),
      langSwitch(),
      signOutButton(error),
    );
  } else {
    header = h(
      'header',
      { class: 'app-header' },
      tr(h('a', { class: 'brand', href: '#/' }), 'app.name'),
      h('span', { class: 'app-header__spacer' }),
      langSwitch(),
    );
  }
  const main = h('main', { id: 'main', class: 'app-main', tabindex: '-1' }, error, ...content);
  mount(skipLink(), header, h('div', { class: 'app-body' }, navLinks(path), main));
  if (focus) (main.querySelector<HTMLElement>('h1') ?? main).focus();
}

/**
 * A screen of its own, without the menu (the queue's kiosk and board in the hall): a main with
 * the view's content, once the Kazakh and Russian texts (shown side by side) are loaded.
 */
let bareToken = 0;
function renderBare(kind: string, view: () => Node[], focus: boolean): void {
  const token = ++bareToken;
  const hash = location.hash;
  void Promise.all([loadLang('kk'), loadLang('ru')])
    .catch(() => undefined)
    .then(() => {
      if (token !== bareToken || location.hash !== hash) return;
      const main = h('main', { id: 'main', class: `bare-main bare-main--${kind}`, tabindex: '-1' }, ...view());
      root.replaceChildren(main);
      if (focus) (main.querySelector<HTMLElement>('h1') ?? main).focus();
    });
}

// ---- views -----------------------------------------------------------------

function renderLoading(): void {
  setTitle('app.name');
  mount(
    h('header', { class: 'app-header' }, tr(h('div', { class: 'brand' }), 'app.name'), langSwitch()),
    h('main', { id: 'main', class: 'loading', 'aria-busy': 'true' }, tr(h('p'), 'app.loading')),
  );
}

function renderLogin(initialError: MessageKey | null = null, focus = false): void {
  endView();
  setTitle('title.login');
  const headingId = uid('login-heading');
  const errorId = uid('login-error');
  const loginId = uid('login');
  const passwordId = uid('password');

  const error = alertBox();
  error.id = errorId;
  const loginInput = h('input', {
    id: loginId,
    name: 'login',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    'aria-describedby': errorId,
  });
  const passwordInput = h('input', {
    id: passwordId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': errorId,
  });
  const submit = tr(h('button', { type: 'submit', class: 'button button--primary' }), 'login.submit');

  const form = h(
    'form',
    { class: 'login-form', 'aria-labelledby': headingId, novalidate: true },
    tr(h('h2', { id: headingId }), 'login.heading'),
    error,
    h('div', { class: 'field' }, tr(h('label', { for: loginId }), 'login.login'), loginInput),
    h('div', { class: 'field' }, tr(h('label', { for: passwordId }), 'login.password'), passwordInput),
    submit,
  );

  const setInvalid = (input: HTMLInputElement, invalid: boolean) => {
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const loginValue = loginInput.value.trim();
    const passwordValue = passwordInput.value;
    setInvalid(loginInput, !loginValue);
    setInvalid(passwordInput, !passwordValue);
    if (!loginValue || !passwordValue) {
      showError(error, 'login.required');
      (loginValue ? passwordInput : loginInput).focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    tr(submit, 'login.submitting');
    showError(error, null);
    try {
      const res = await login(loginValue, passwordValue);
      user = res.employee;
      route();
    } catch (e) {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
      tr(submit, 'login.submit');
      const key = errorKey(e);
      if (key === 'error.invalid_credentials') {
        setInvalid(passwordInput, true);
        passwordInput.value = '';
        passwordInput.focus();
      }
      showError(error, key);
    }
  });

  const publicNav = h(
    'nav',
    { class: 'public-nav' },
    h(
      'ul',
      {},
      h('li', {}, tr(h('a', { href: '#/track' }), 'nav.track')),
      h('li', {}, tr(h('a', { href: '#/services' }), 'nav.services')),
      h('li', {}, tr(h('a', { href: '#/calendar' }), 'nav.calendar')),
    ),
  );
  trAttr(publicNav, 'aria-label', 'layout.public_nav');

  mount(
    skipLink(),
    h('header', { class: 'app-header app-header--login' }, publicNav, langSwitch()),
    h(
      'main',
      { id: 'main', class: 'login-main', tabindex: '-1' },
      h(
        'div',
        { class: 'login-card' },
        tr(h('h1', { class: 'product' }), 'app.name'),
        tr(h('p', { class: 'subtitle' }), 'app.subtitle'),
        form,
      ),
    ),
  );
  if (initialError) showError(error, initialError);
  if (focus) loginInput.focus();
}

function homeView(emp: Employee): Node[] {
  setTitle('title.home');
  const profileId = uid('profile');
  const row = (key: MessageKey, ...value: (Node | string)[]) =>
    h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', {}, ...value));
  return [
    tr(h('h1', { tabindex: '-1' }), 'home.welcome', { name: fullName(emp) }),
    h(
      'section',
      { class: 'profile', 'aria-labelledby': profileId },
      tr(h('h2', { id: profileId }), 'home.profile'),
      h(
        'dl',
        {},
        row('home.login', emp.login),
        emp.position ? row('home.position', emp.position) : null,
        row('home.branch', h('span', { 'data-field': 'branch_id' }, String(emp.branch_id ?? '—'))),
        row('home.roles', h('span', { 'data-field': 'roles' }, ...roleNodes(emp.roles))),
      ),
    ),
  ];
}

function messageView(title: MessageKey, heading: MessageKey, text: MessageKey): Node[] {
  setTitle(title);
  return [
    tr(h('h1', { tabindex: '-1' }), heading),
    tr(h('p'), text),
    h('p', {}, tr(h('a', { href: '#/' }), 'nav.home')),
  ];
}

/** Sets the document title of a view that does not set its own. */
function withTitle(title: MessageKey, nodes: Node[]): Node[] {
  setTitle(title);
  return nodes;
}

// ---- router --------------------------------------------------------------------

function route(focus = true): void {
  endView();
  bareToken++;
  document.body.classList.remove('bare', 'bare--kiosk', 'bare--board');
  const { path, query } = currentRoute();
  const parts = path.split('/').filter(Boolean);

  const needSignIn = (roles: string[], view: (who: Employee) => Node[]) => {
    if (!user) return renderLogin(null, focus);
    if (!hasRole(roles)) return renderPage(path, messageView('title.denied', 'denied.heading', 'denied.text'), focus);
    renderPage(path, view(user), focus);
  };

  if (parts.length === 0) {
    if (user) renderPage(path, homeView(user), focus);
    else renderLogin(null, focus);
  } else if (parts[0] === 'services' && parts.length === 1) {
    renderPage(path, catalogView(query.get('q') ?? ''), focus);
  } else if (parts[0] === 'services' && parts.length === 2) {
    renderPage(path, serviceView(decodeURIComponent(parts[1] ?? '')), focus);
  } else if (parts[0] === 'calendar' && parts.length === 1) {
    const y = Number(query.get('year'));
    renderPage(path, calendarView(Number.isInteger(y) && y > 0 ? y : null), focus);
  } else if (parts[0] === 'track' && parts.length <= 2) {
    // Public: the QR code on every receipt opens #/track/{barcode} (R32).
    let barcode: string | null = null;
    try {
      barcode = parts[1] === undefined ? null : decodeURIComponent(parts[1]);
    } catch {
      barcode = parts[1] ?? null;
    }
    renderPage(path, trackView(barcode, focus), focus);
  } else if ((parts[0] === 'kiosk' || parts[0] === 'board') && parts.length === 2 && /^[1-9]\d{0,15}$/.test(parts[1] ?? '')) {
    // Public screens in the hall (R8, R16): the kiosk that gives tickets, the board of calls.
    const id = Number(parts[1]);
    document.body.classList.add('bare', `bare--${parts[0]}`);
    if (parts[0] === 'kiosk') renderBare('kiosk', () => kioskView(id), focus);
    else renderBare('board', () => boardView(id), focus);
  } else if (parts[0] === 'book' && parts.length === 2 && /^[1-9]\d{0,15}$/.test(parts[1] ?? '')) {
    // Public: an appointment by IIN at a branch (R8, R16).
    renderPage(path, bookView(Number(parts[1])), focus);
  } else if (parts[0] === 'ticket' && parts.length === 2 && /^[1-9]\d{0,15}$/.test(parts[1] ?? '')) {
    // Public: a queue ticket followed on a phone; the token came with the ticket.
    renderPage(path, ticketView(Number(parts[1]), query.get('token') ?? ''), focus);
  } else if (path === '/counter') {
    needSignIn(COUNTER_ROLES, (who) => withTitle('title.counter', counterView(who)));
  } else if (path === '/queue-live') {
    const b = Number(query.get('branch'));
    needSignIn(QUEUE_LIVE_ROLES, (who) => withTitle('title.queue_live', queueLiveView(who, Number.isInteger(b) && b > 0 ? b : null)));
  } else if (path === '/desk') {
    needSignIn(DESK_ROLES, deskView);
  } else if (path === '/collection') {
    needSignIn(COLLECTION_ROLES, (who) => withTitle('title.collection', collectionView(who)));
  } else if (path === '/courier') {
    needSignIn(COURIER_ROLES, (who) => withTitle('title.courier', courierView(who)));
  } else if (path === '/provider') {
    needSignIn(PROVIDER_ROLES, (who) => withTitle('title.provider', providerView(who)));
  } else if (path === '/reception') {
    needSignIn(RECEPTION_ROLES, (who) => withTitle('title.reception', receptionView(who)));
  } else if (path === '/issuance') {
    needSignIn(ISSUANCE_ROLES, (who) => withTitle('title.issuance', issuanceView(who)));
  } else if (path === '/shelf') {
    needSignIn(SHELF_ROLES, (who) => withTitle('title.shelf', shelfView(who)));
  } else if (path === '/monitoring') {
    needSignIn(MONITORING_ROLES, (who) => withTitle('title.monitoring', monitoringView(who)));
  } else if (path === '/dashboard') {
    needSignIn(DASHBOARD_ROLES, (who) => withTitle('title.dashboard', dashboardView(who, query)));
  } else if (path === '/reports') {
    needSignIn(REPORT_ROLES, (who) => withTitle('title.reports', reportsView(who, query, null)));
  } else if (parts[0] === 'reports' && parts.length === 2 && /^[1-9]\d{0,15}$/.test(parts[1] ?? '')) {
    const id = Number(parts[1]);
    needSignIn(REPORT_ROLES, (who) => withTitle('title.report', reportsView(who, query, id)));
  } else if (path === '/violations') {
    needSignIn(VIOLATION_ROLES, violationsView);
  } else if (path === '/admin/import') {
    needSignIn(IMPORT_ROLES, importView);
  } else if (path === '/admin/staff') {
    needSignIn(STAFF_ROLES, staffView);
  } else if (path === '/admin/branches') {
    needSignIn(BRANCH_ROLES, branchesView);
  } else if (parts[0] === 'admin' && parts[1] === 'branches' && parts.length === 3 && /^[1-9]\d{0,15}$/.test(parts[2] ?? '')) {
    const id = Number(parts[2]);
    needSignIn(BRANCH_VIEW_ROLES, (who) => branchView(who, id));
  } else {
    renderPage(path, messageView('title.not_found', 'notfound.heading', 'notfound.text'), focus);
  }
}

window.addEventListener('hashchange', () => {
  // "#main" and other in-page anchors are not routes.
  if (location.hash === '' || location.hash.startsWith('#/')) route();
});

// ---- start -----------------------------------------------------------------

onUnauthorized(() => {
  user = null;
  renderLogin('error.session_expired', true);
});

async function start(): Promise<void> {
  const who = me();
  who.catch(() => undefined); // handled below, after the texts are loaded
  try {
    await loadLang();
  } catch {
    await setLang('en').catch(() => undefined);
  }
  renderLoading();
  try {
    user = await who;
    route();
  } catch (e) {
    // The server could not say who is signed in: public pages still work.
    user = null;
    if (currentRoute().path === '/') renderLogin(errorKey(e), true);
    else route();
  }
}

void start();
