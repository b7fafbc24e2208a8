import { ROLE_LABELS } from '../format';
import { accountActions, ROLES, stateBadges } from './users';

describe('staff accounts screen', () => {
  const account = { locked: false, disabled: false, totpEnabled: false };

  it('offers every role in the pickers, finance first and admin last, each with its Chinese label', () => {
    expect(ROLES).toEqual(['finance', 'warehouse', 'auditor', 'admin']);
    expect(ROLES.map((r) => ROLE_LABELS[r])).toEqual(['财务', '仓库', '审计', '管理员']);
  });

  it('gives an account the changes that fit its state', () => {
    expect(accountActions(account)).toEqual(['disable', 'reset-password', 'change-role']);
    expect(accountActions({ locked: true, disabled: true, totpEnabled: true })).toEqual(['unlock', 'enable', 'reset-password', 'change-role', 'reset-totp']);
  });

  it('shows its state as badges: active or disabled, then a sign-in lock and a second factor', () => {
    expect(stateBadges(account)).toEqual([['badge-paid', '正常']]);
    expect(stateBadges({ locked: true, disabled: true, totpEnabled: true })).toEqual([
      ['badge-voided', '已停用'],
      ['badge-pending user-locked', '登录已锁定'],
      ['badge-issued user-totp', '双重验证'],
    ]);
  });
});
