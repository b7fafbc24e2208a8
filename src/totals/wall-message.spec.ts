import { wallMessage } from './wall-message';

describe('wallMessage', () => {
  it('keeps a plain message, folding white space', () => {
    expect(wallMessage('  武汉加油！\n\n  一起  挺过去 ')).toBe('武汉加油！ 一起 挺过去');
  });

  it('drops control, bidi and zero-width characters', () => {
    expect(wallMessage('加\u0000油\u202E\u200B！')).toBe('加油！');
  });

  it('masks contact data: phones, emails, links, long numbers', () => {
    expect(wallMessage('有需要联系我 138 0013 8000')).toBe('有需要联系我 ***');
    expect(wallMessage('邮箱 zhang.wei@example.com 欢迎来信')).toBe('邮箱 *** 欢迎来信');
    expect(wallMessage('看这里 https://evil.example/x?y=1 领红包')).toBe('看这里 *** 领红包');
    expect(wallMessage('身份证 11010519491231002X')).toBe('身份证 ***');
    expect(wallMessage('捐 2020 年的 100 元')).toBe('捐 2020 年的 100 元');
  });

  it('is null when nothing is left', () => {
    expect(wallMessage(null)).toBeNull();
    expect(wallMessage(' \u200B ')).toBeNull();
    expect(wallMessage('13800138000')).toBeNull();
  });

  it('keeps markup as text (the page escapes it) and cuts long messages', () => {
    expect(wallMessage('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    const long = wallMessage('爱'.repeat(300));
    expect(Array.from(long!)).toHaveLength(200);
    expect(long!.endsWith('…')).toBe(true);
  });
});
