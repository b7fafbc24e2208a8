import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '../common/errors';
import { PageRenderer } from '../common/page-renderer';
import { ConsoleBundle } from './console-bundle';

/**
 * The staff console: one static shell and one script, the bundle of console/src (TypeScript); everything else happens in the browser through the staff
 * API with a bearer token, so the console has no rights of its own (and no cookies, so no CSRF).
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  private readonly bundle = new ConsoleBundle();

  constructor(private readonly pages: PageRenderer) {}

  @Get('staff')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  shell(): string {
    return this.pages.render('staff', { title: '温暖 · 工作台', bundle: this.bundle.scriptUrl() });
  }

  /**
   * The bundle, by its content-hashed name: cached for a year, never revalidated. The files of templates/assets
   * and templates/donor-build are routes of their own (fastify-static, src/bootstrap.ts), which the router prefers to this one.
   */
  @Get('assets/:file')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  script(@Param('file') file: string): Buffer {
    const content = this.bundle.file(file);
    if (!content) throw new DomainError('NOT_FOUND', '未找到该文件');
    return content;
  }
}
