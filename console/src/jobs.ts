// Background jobs (GET /api/staff/jobs/:jobId), followed until they end.
import { api, type ResponseOf } from './api';
import { h } from './dom';
import { shell } from './shell';

export type JobView = ResponseOf<'GET', '/api/staff/jobs/{jobId}'>;
const JOB_POLL_MS = 700;

export interface JobHandlers {
  shown?: () => boolean;
  onUpdate?: (view: JobView) => void;
  onEnd?: (view: JobView) => void;
  onLost?: (error: { status: number }) => void;
}

export function jobRunning(view: Pick<JobView, 'state'>): boolean {
  return view.state === 'waiting' || view.state === 'active';
}

/**
 * Follows a background job until it ends: `onUpdate(view)` on every poll, `onEnd(view)` once it completed or
 * failed, `onLost(error)` when it is unknown. Stops quietly when `shown()` turns false (the user left the
 * screen): the job itself goes on on the server.
 */
export function followJob(jobId: string, handlers: JobHandlers): void {
  const poll = (): void => {
    if (!shell.current() || (handlers.shown && !handlers.shown())) return;
    api('GET', '/api/staff/jobs/{jobId}', { params: { jobId } }).then(
      (view) => {
        if (handlers.shown && !handlers.shown()) return;
        handlers.onUpdate?.(view);
        if (view.state === 'completed' || view.state === 'failed') return handlers.onEnd?.(view);
        setTimeout(poll, JOB_POLL_MS);
      },
      (error: { status: number }) => {
        if (error.status === 404 || error.status === 403) return handlers.onLost?.(error);
        if (error.status === 401) return;
        // Network trouble or a busy queue: the job goes on; ask again a little later.
        setTimeout(poll, JOB_POLL_MS * 3);
      },
    );
  };
  poll();
}

/** Recent jobs of a kind (7 days, newest first): the user's own, or (`all`) every one the role may follow. */
export async function recentJobs(kind: string, all?: boolean) {
  const res = await api('GET', '/api/staff/jobs', { query: { kind, mine: all ? 'false' : undefined } });
  return res.items || [];
}

/** A <select> of campaigns; `any` adds an "all campaigns" option. */
export function campaignSelect(load: () => Promise<{ code: string; title: string }[]>, name: string, any?: boolean, selected?: string): HTMLSelectElement {
  const select = h('select', { name, required: !any }, h('option', { value: '' }, any ? '全部活动' : '请选择活动'));
  load().then(
    (items) => {
      items.forEach((c) => select.appendChild(h('option', { value: c.code, selected: c.code === selected }, `${c.title}（${c.code}）`)));
      if (!any && items.length === 1) select.value = items[0].code;
    },
    () => {
      /* the pickers stay empty; the screen shows its own error when it calls the API */
    },
  );
  return select;
}
