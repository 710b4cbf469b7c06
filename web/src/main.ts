import './style.css';
import { ApiError, login, logout, me, onUnauthorized, type Employee } from './api';
import { LANGS, getLang, onLangChange, roleKey, setLang, t, tr, trAttr, type MessageKey } from './i18n';
import { h, uid } from './dom';

const root = document.getElementById('app') as HTMLElement;

// ---- document title -------------------------------------------------------

let titleKey: MessageKey = 'app.name';
function setTitle(key: MessageKey): void {
  titleKey = key;
  document.title = t(key);
}
onLangChange(() => {
  document.title = t(titleKey);
});

// ---- shared pieces ---------------------------------------------------------

function skipLink(): HTMLElement {
  return tr(h('a', { class: 'skip-link', href: '#main' }), 'skip.main');
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
    btn.addEventListener('click', () => setLang(lang));
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

function alertBox(): HTMLElement {
  return h('div', { class: 'alert', role: 'alert' });
}

function showError(box: HTMLElement, key: MessageKey | null): void {
  if (key) tr(box, key);
  else {
    delete box.dataset.i18n;
    box.textContent = '';
  }
}

function errorKey(e: unknown): MessageKey {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'invalid_credentials':
        return 'error.invalid_credentials';
      case 'too_many_attempts':
        return 'error.too_many_attempts';
      case 'network':
        return 'error.network';
    }
    if (e.status === 429) return 'error.too_many_attempts';
  }
  return 'error.unexpected';
}

function fullName(e: Employee): string {
  return [e.surname, e.name, e.patronymic].filter(Boolean).join(' ');
}

function roleNodes(roles: string[]): Node[] {
  const out: Node[] = [];
  roles.forEach((code, i) => {
    if (i > 0) out.push(document.createTextNode(', '));
    const span = h('span', { 'data-role': code });
    const key = roleKey(code);
    if (key) tr(span, key);
    else span.textContent = code;
    out.push(span);
  });
  return out;
}

function mount(...nodes: Node[]): void {
  root.replaceChildren(...nodes);
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
      renderHome(res.employee);
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

  mount(
    skipLink(),
    h('header', { class: 'app-header app-header--login' }, langSwitch()),
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

function renderHome(emp: Employee): void {
  setTitle('title.home');
  const name = fullName(emp);
  const heading = tr(h('h1', { tabindex: '-1' }), 'home.welcome', { name });
  const error = alertBox();

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
    renderLogin(null, true);
  });

  const userLabelId = uid('user-label');
  const header = h(
    'header',
    { class: 'app-header' },
    tr(h('div', { class: 'brand' }), 'app.name'),
    h(
      'div',
      { class: 'user', role: 'group', 'aria-labelledby': userLabelId },
      tr(h('span', { id: userLabelId, class: 'visually-hidden' }), 'layout.user'),
      h('span', { class: 'user__name' }, name),
      h('span', { class: 'user__roles' }, ...roleNodes(emp.roles)),
    ),
    langSwitch(),
    signOut,
  );

  const nav = h(
    'nav',
    { class: 'app-nav' },
    h('ul', {}, h('li', {}, tr(h('a', { href: '#/', 'aria-current': 'page' }), 'nav.home'))),
    tr(h('p', { class: 'app-nav__placeholder' }), 'nav.placeholder'),
  );
  trAttr(nav, 'aria-label', 'layout.nav');

  const profileId = uid('profile');
  const row = (key: MessageKey, ...value: (Node | string)[]) =>
    h('div', { class: 'profile__row' }, tr(h('dt'), key), h('dd', {}, ...value));

  const main = h(
    'main',
    { id: 'main', class: 'app-main', tabindex: '-1' },
    heading,
    error,
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
  );

  mount(skipLink(), header, h('div', { class: 'app-body' }, nav, main));
  heading.focus();
}

// ---- start -----------------------------------------------------------------

onUnauthorized(() => renderLogin('error.session_expired', true));

async function start(): Promise<void> {
  renderLoading();
  try {
    const emp = await me();
    if (emp) renderHome(emp);
    else renderLogin(null, true);
  } catch (e) {
    renderLogin(errorKey(e), true);
  }
}

void start();
