import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors';
import { PageRenderer } from '../common/page-renderer';

/** What a confirmation page shows besides its record: done after a submit, or the refusal with the form as typed. */
export interface ConfirmationPageState {
  done?: boolean;
  error?: string;
  form?: Record<string, unknown>;
}

/**
 * The public pages a receiving unit opens from a signed QR code (goods: /confirm/:id, cash:
 * /confirm/payment/:id), answered the same way: HTML that no cache keeps; a 4xx refusal as the
 * error page with its status; anything else to Nest's error filter.
 */
export async function sendConfirmationPage(pages: PageRenderer, reply: FastifyReply, template: string, build: () => Promise<Record<string, unknown>>) {
  try {
    const data = await build();
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(pages.render(template, data));
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    const html = pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
    void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  }
}

/**
 * A confirmation form's submit: `confirm`, then the page as done. A refusal of what was typed (a
 * 4xx other than 404) shows the page again with its message and the form as sent; a wrong link
 * (404) and server errors go on to the error page.
 */
export async function submitConfirmationForm(
  pages: PageRenderer,
  reply: FastifyReply,
  template: string,
  form: Record<string, unknown>,
  confirm: () => Promise<unknown>,
  view: (state: ConfirmationPageState) => Promise<Record<string, unknown>>,
) {
  await sendConfirmationPage(pages, reply, template, async () => {
    try {
      await confirm();
      return view({ done: true });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404 || error.status >= 500) throw error;
      return view({ error: error.message, form });
    }
  });
}

/** A datetime-local field (2020-02-20T10:30) is Beijing time. */
export function beijingInput(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}
