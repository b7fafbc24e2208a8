import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { join } from 'node:path';

export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');

/** Server-rendered pages from templates/pages, auto-escaped: donor-typed text can never become markup. */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({ views: join(TEMPLATES_DIR, 'pages'), autoEscape: true, cache: process.env.NODE_ENV !== 'development' });

  render(template: string, data: Record<string, unknown>): string {
    return this.eta.render(template, data);
  }
}
