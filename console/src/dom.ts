// The element builder and the small widgets every screen uses. Text is always text, never markup.
import { STATUS } from './format';

export type Child = Node | string | number | boolean | null | undefined | Child[];
export type AttrValue = string | number | boolean | null | undefined | Record<string, string> | EventListener;
export type Attrs = Record<string, AttrValue>;

const PROPERTIES = ['value', 'checked', 'disabled', 'selected'];

/** h('p', { className: 'x', onclick: fn }, 'text', child): attributes, `dataset`, `on*` listeners, children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach((key) => {
      const v = attrs[key];
      if (v === null || v === undefined || v === false) return;
      if (typeof v === 'object') {
        if (key === 'dataset') Object.keys(v).forEach((k) => (el.dataset[k] = v[k]));
      } else if (typeof v === 'function') {
        if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), v);
      } else if (key === 'className') el.className = String(v);
      else if (PROPERTIES.indexOf(key) >= 0) (el as unknown as Record<string, unknown>)[key] = v;
      else el.setAttribute(key, v === true ? '' : String(v));
    });
  }
  children.forEach((c) => append(el, c));
  return el;
}

export function append(el: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) child.forEach((c) => append(el, c));
  else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
}

export function clear<E extends Node>(el: E): E {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fill<E extends Node>(el: E, ...children: Child[]): E {
  clear(el);
  children.forEach((c) => append(el, c));
  return el;
}

/** A definition list of [label, value, className?] pairs; empty values are left out. */
export function facts(pairs: [string, Child, string?][], className?: string): HTMLElement {
  return h(
    'dl',
    { className: `facts ${className || ''}` },
    pairs
      .filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== '')
      .map((p) => h('div', null, h('dt', null, p[0]), h('dd', p[2] ? { className: p[2] } : null, p[1]))),
  );
}

export function badge(status: string): HTMLElement {
  return h('span', { className: `badge badge-${status}` }, STATUS[status] || status);
}

export function alert(text: string, kind?: string): HTMLElement {
  return h('p', { className: `alert${kind ? ` alert-${kind}` : ''}`, role: kind === 'ok' ? 'status' : 'alert' }, text);
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, kind?: string): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  el.className = `toast${kind ? ` toast-${kind}` : ''}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 4000);
}

export function field(label: string, input: Child, hint?: string | null): HTMLElement {
  return h('label', { className: 'field' }, h('span', null, label), input, hint ? h('small', { className: 'hint' }, hint) : null);
}

/** Runs `fn` with the button disabled, so a double click sends one request. */
export function busy<T>(button: HTMLButtonElement, fn: () => T | Promise<T>): Promise<T | undefined> {
  if (button.disabled) return Promise.resolve(undefined);
  button.disabled = true;
  button.classList.add('is-busy');
  const done = (): void => {
    button.disabled = false;
    button.classList.remove('is-busy');
  };
  return Promise.resolve()
    .then(fn)
    .then(
      (v) => {
        done();
        return v;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
}

export function table(headers: string[], rows: Child[], empty?: string): HTMLElement {
  if (!rows.length) return h('p', { className: 'empty' }, empty || '没有记录');
  return h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      { className: 'table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

export interface JobProgress {
  el: HTMLElement;
  bar: HTMLProgressElement;
  text: HTMLElement;
  set(done: number, total: number, line: string): void;
  hide(): void;
}

/** A progress bar with a line of text, for a job: `set(done, total, line)` shows where it stands. */
export function jobProgress(id?: string): JobProgress {
  const bar = h('progress', { max: 100, value: 0, id: id ? `${id}-bar` : null });
  const text = h('span', { className: 'muted', id: id ? `${id}-text` : null, role: 'status' });
  const el = h('div', { className: 'job-progress', id: id || null, hidden: true }, bar, ' ', text);
  return {
    el,
    bar,
    text,
    set(done, total, line) {
      el.hidden = false;
      bar.value = total > 0 ? Math.floor((done * 100) / total) : 0;
      text.textContent = line;
    },
    hide() {
      el.hidden = true;
    },
  };
}
