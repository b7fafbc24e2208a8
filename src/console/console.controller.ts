import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageRenderer } from '../common/page-renderer';

/** The page scripts of the console, in load order: the shell first, then one file per screen. */
const CONSOLE_SCRIPTS = [
  'staff-core',
  'staff-files',
  'staff-home',
  'staff-queue',
  'staff-donations',
  'staff-bank',
  'staff-receipts',
  'staff-receipt-books',
  'staff-plans',
  'staff-totals',
  'staff-goods',
  'staff-goods-pledges',
  'staff-goods-stock',
  'staff-campaigns',
  'staff-users',
  'staff-admin',
  'staff-security',
  'staff-main',
];

/**
 * The staff console: one static shell; everything else happens in the browser through the staff
 * API with a bearer token, so the console has no rights of its own (and no cookies, so no CSRF).
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(private readonly pages: PageRenderer) {}

  @Get('staff')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  shell(): string {
    return this.pages.render('staff', { title: '温暖 · 工作台', scripts: CONSOLE_SCRIPTS });
  }
}
