// The BullMQ board is its own page: a bearer token cannot follow a link, so the console trades it for a
// short-lived cookie scoped to /staff/queues, then opens the board in this tab.
import { api, errorText } from '../api';
import { alert, busy, fill, h } from '../dom';
import { register } from '../shell';

export function registerQueueBoard(): void {
  register('queues', {
    title: '任务队列',
    rank: 950,
    roles: [],
    render(el) {
      const message = h('div', { className: 'form-message', id: 'queues-message' });
      const open = h('button', { type: 'button', className: 'btn btn-primary', id: 'open-queue-board' }, '打开队列看板');
      open.addEventListener('click', () => {
        void busy(open, () =>
          api('POST', '/api/staff/queue-board/session').then(
            (res) => {
              location.assign(res.url);
            },
            (error: unknown) => {
              fill(message, alert(errorText(error)));
            },
          ),
        );
      });
      fill(
        el,
        h(
          'header',
          { className: 'screen-head' },
          h('h1', null, '任务队列'),
          h('p', { className: 'muted' }, '票据签发、导入、导出、批量批准和定时任务的排队情况（只读）。看板登录 15 分钟内有效，退出登录即失效。'),
        ),
        h('section', { className: 'panel' }, open, message),
      );
    },
  });
}
