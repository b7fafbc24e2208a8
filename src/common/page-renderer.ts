import { Inject, Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');

/** Server-rendered pages from templates/pages, auto-escaped: donor-typed text can never become markup. */
@Injectable()
export class PageRenderer {
  private readonly eta: Eta;

  // Templates are read once, except in development, where an edited template shows at the next request.
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.eta = new Eta({ views: join(TEMPLATES_DIR, 'pages'), autoEscape: true, cache: config.nodeEnv !== 'development' });
  }

  render(template: string, data: Record<string, unknown>): string {
    return this.eta.render(template, data);
  }
}
