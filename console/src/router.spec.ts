import { allowed, loginProblem } from './router';
import type { View } from './shell';

const render = (): undefined => undefined;
const views: Record<string, View> = {
  home: { title: '概览', roles: ['finance', 'warehouse', 'auditor'], render },
  goods: { title: '物资', roles: ['warehouse'], render },
  users: { title: '账号管理', roles: [], render },
  security: { title: '账号安全', roles: ['finance', 'warehouse', 'auditor'], render, nav: false },
};

describe('console router', () => {
  it('lets admins open every screen and others the screens naming their role', () => {
    expect(allowed(views, { role: 'admin' }, 'users')).toBe(true);
    expect(allowed(views, { role: 'finance' }, 'users')).toBe(false);
    expect(allowed(views, { role: 'finance' }, 'home')).toBe(true);
    expect(allowed(views, { role: 'warehouse' }, 'goods')).toBe(true);
    expect(allowed(views, { role: 'auditor' }, 'goods')).toBe(false);
  });

  it('opens nothing for nobody, nor a screen that does not exist', () => {
    expect(allowed(views, null, 'home')).toBe(false);
    expect(allowed(views, { role: 'admin' }, 'nowhere')).toBe(false);
  });

  it('while a second factor must be enrolled, opens only account security, even for an admin', () => {
    expect(allowed(views, { role: 'admin', secondFactorEnrolmentRequired: true }, 'users')).toBe(false);
    expect(allowed(views, { role: 'finance', secondFactorEnrolmentRequired: true }, 'home')).toBe(false);
    expect(allowed(views, { role: 'finance', secondFactorEnrolmentRequired: true }, 'security')).toBe(true);
  });

  it('refuses an empty sign-in and a malformed code before asking the server', () => {
    expect(loginProblem('', 'pw', false, '')).toBe('请输入邮箱和密码。');
    expect(loginProblem('a@b.cn', '', false, '')).toBe('请输入邮箱和密码。');
    expect(loginProblem('a@b.cn', 'pw', false, '')).toBeNull();
    expect(loginProblem('a@b.cn', 'pw', true, '12345')).toBe('请输入身份验证器中的 6 位动态验证码。');
    expect(loginProblem('a@b.cn', 'pw', true, '12345a')).toBe('请输入身份验证器中的 6 位动态验证码。');
    expect(loginProblem('a@b.cn', 'pw', true, '123456')).toBeNull();
  });
});
