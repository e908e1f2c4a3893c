// Builds DOM nodes from data without innerHTML: text from the server is never parsed as HTML.

/**
 * h('button', { class: 'price', type: 'button', onclick: fn, dataset: { odds: 115 } }, 'text', child, …)
 * Attributes with null, undefined or false values are left out; true sets an empty attribute.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = String(v);
    } else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'value') el.value = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Says something to screen-reader users (the page's polite live region). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node in a later task is announced even when the text repeats.
  setTimeout(() => { region.textContent = text; }, 30);
}

/** A labelled form field: <label for=id>text</label><input id=id …>, with an optional hint. */
export function field(labelText, input, hint) {
  const id = input.id || (input.id = uid('f'));
  const parts = [h('label', { for: id }, labelText), input];
  if (hint) {
    const hintId = id + '-hint';
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A table with a caption; rows are arrays of cells (nodes or text), or null for none. */
export function table(caption, headers, rows, { empty = 'Nothing here yet.', rowAttrs } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h('table', null,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map((cells, i) => h('tr', rowAttrs ? rowAttrs(i) : null,
        cells.map((c, j) => (j === 0 ? h('th', { scope: 'row' }, c) : h('td', null, c))))))));
}

/** Calls fn at most once per `ms`, after the last call (trailing debounce). */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
