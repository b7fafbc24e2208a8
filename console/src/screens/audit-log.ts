// The audit log: every staff action, who, when, what and on which record, with its before → after, filtered by
// what it is about. Read-only, like the log itself.
import { api } from '../api';
import { busy, field, fill, h } from '../dom';
import { link, time } from '../format';
import { register, shell } from '../shell';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, changeLines, ENTITY_LABELS } from './audit-labels';

/** A change as a list: the value before struck out, → the value after; a field only before or only after shows one side. */
function changes(before: unknown, after: unknown): HTMLElement | null {
  const lines = changeLines(before, after);
  if (!lines.length) return null;
  return h(
    'ul',
    { className: 'change-list' },
    lines.map((line) =>
      h(
        'li',
        { dataset: { field: line.field } },
        h('span', { className: 'change-field' }, `${line.label}：`),
        line.before !== undefined ? h('del', { className: 'change-before' }, line.before) : null,
        line.before !== undefined && line.after !== undefined ? ' → ' : null,
        line.after !== undefined ? h(line.before !== undefined ? 'ins' : 'span', { className: 'change-after' }, line.after) : null,
      ),
    ),
  );
}

export function registerAuditLog(): void {
  register('audit', {
    title: '操作日志',
    rank: 900,
    roles: ['auditor'],
    render(el, params) {
      const body = h('tbody');
      const more = h('button', { type: 'button', className: 'btn btn-ghost', hidden: true, id: 'audit-more' }, '加载更早的记录');
      const entity = h(
        'select',
        { name: 'entity' },
        h('option', { value: '' }, '全部'),
        AUDIT_ENTITIES.map((e) => h('option', { value: e[0], selected: params.entity === e[0] }, e[1])),
      );
      const entityId = h('input', { name: 'entityId', maxlength: 128, value: params.entityId || '', placeholder: '订单号、票据号…' });
      const form = h(
        'form',
        { className: 'toolbar search-form', id: 'audit-search' },
        field('对象类型', entity),
        field('对象编号', entityId),
        h('button', { type: 'submit', className: 'btn btn-primary' }, '筛选'),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        location.hash = link('audit', { entity: entity.value, entityId: entityId.value.trim() });
      });
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '操作日志'),
          h('p', { className: 'muted' }, '每一项工作人员操作：谁、何时、做了什么、针对哪条记录。日志不可修改。'),
        ),
        form,
        h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'table', id: 'audit-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['时间', '操作人', '操作', '对象', '变更', 'IP'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            body,
          ),
        ),
        more,
      );
      const load = (beforeId?: string | null): Promise<void> =>
        api('GET', '/api/staff/audit-log', { query: { limit: 100, entity: params.entity, entityId: params.entityId, beforeId } }).then((res) => {
          if (!shell.current()) return;
          (res.items || []).forEach((a) => {
            body.appendChild(
              h(
                'tr',
                null,
                h('td', { className: 'nowrap audit-time' }, time(a.at, true)),
                h('td', null, a.actorEmail || '系统'),
                h('td', { className: 'audit-action', dataset: { action: a.action } }, AUDIT_ACTIONS[a.action] || a.action),
                h(
                  'td',
                  { className: 'small wrap audit-entity' },
                  ENTITY_LABELS[a.entity] || a.entity,
                  a.entityId ? h('span', { className: 'mono' }, ` · ${a.entityId}`) : null,
                ),
                h('td', { className: 'small change wrap' }, changes(a.before, a.after)),
                h('td', { className: 'mono small' }, a.ip || ''),
              ),
            );
          });
          if (!body.firstChild) body.appendChild(h('tr', null, h('td', { colspan: 6, className: 'empty' }, '没有记录')));
          more.hidden = !res.nextBeforeId;
          more.onclick = () => {
            void busy(more, () => load(res.nextBeforeId));
          };
        });
      return load();
    },
  });
}
