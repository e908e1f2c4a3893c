// Log in with username and password. The server answers with the signed, HttpOnly `auth` cookie;
// the page keeps nothing itself.

import { session } from '../session.js';
import { h, field } from '../dom.js';

export function mount(root, { next }) {
  document.title = 'Log in — OpenLine';
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'card login-form', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Log in to OpenLine'),
    field('Username', username),
    field('Password', password),
    message,
    submit,
    h('p', { class: 'hint' }, 'Operators: the operator view takes the operator token instead. ', h('a', { href: '#/admin' }, 'Open the operator view'), '.'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (!username.value.trim() || !password.value) {
      message.textContent = 'Enter your username and password.';
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Logging in…';
    try {
      await session.login(username.value.trim(), password.value);
      const target = next && next !== '#/login' ? next : '#/';
      if (location.hash === target || (target === '#/' && !location.hash)) window.dispatchEvent(new HashChangeEvent('hashchange'));
      else location.hash = target;
    } catch (error) {
      message.textContent = error.status === 401 ? 'Wrong username or password.' : error.message;
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Log in';
    }
  });
  root.append(form);
  username.focus();
  return () => {};
}
