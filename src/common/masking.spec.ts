import fc from 'fast-check';
import { idNumberCheckChar } from './id-number';
import { ANONYMOUS_NAME, maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from './masking';

const hanChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCodePoint(code));
const hanString = (minLength: number, maxLength: number) => fc.string({ unit: hanChar, minLength, maxLength });
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const idNumber = fc
  .tuple(
    fc.stringMatching(/^[1-9]\d{5}$/),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([region, birth, sequence]) => `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`)
  .map((body) => body + idNumberCheckChar(body));
const utf16Length = (text: string) => text.length;
const hasInvisible = (text: string) => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text);

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['李', '李*'],
    ['欧阳娜娜', '欧阳**'],
    ['司马相如', '司马**'],
    ['诸葛亮', '诸葛*'],
    ['欧阳', '欧*'],
    ['  王 小 明 ', '王**'],
    ['阿依古丽·买买提', '阿*******'],
    ['John Smith', 'J***'],
    ['john', 'j***'],
    ['Émile Zola', 'É***'],
    ['腾讯公益慈善基金会', '腾讯****基金会'],
    ['武汉市第一人民医院', '武汉*****医院'],
    ['深圳市腾讯计算机系统有限公司', '深圳********有限公司'],
    ['华为技术有限公司', '华为**有限公司'],
    ['某某有限公司', '某*有限公司'],
    ['中国建设银行武汉分行', '中国******分行'],
    ['湖北省慈善总会秘书处', '湖北******书处'],
    ['王中心', '王**'],
    ['腾讯公司', '腾***'],
    ['一红十字会', '一****'],
    ['中国红十字会', '中*红十字会'],
  ])('%p → %p', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([null, undefined, '', '   ', '\u0000\u200b', ANONYMOUS_NAME])('%p → 爱心人士', (name) => {
    expect(maskName(name)).toBe(ANONYMOUS_NAME);
  });

  it('hides any name when the donor asked to be anonymous', () => {
    fc.assert(
      fc.property(anyText, (name) => {
        expect(maskName(name, true)).toBe(ANONYMOUS_NAME);
      }),
    );
  });

  it('strips control and bidi characters', () => {
    expect(maskName('\u202e张\u0007三')).toBe('张*');
    expect(maskName('\u202eJohn\nSmith')).toBe('J***');
  });

  it('caps very long names at 20 characters', () => {
    expect(maskName('张'.repeat(40))).toBe(`张${'*'.repeat(19)}`);
    expect(maskName(`${'甲'.repeat(40)}基金会`)).toBe(`甲甲${'*'.repeat(15)}基金会`);
  });

  it('keeps only the surname of a Chinese name, one star per hidden character', () => {
    fc.assert(
      fc.property(hanString(2, 19), (name) => {
        fc.pre(!/[公司集团医院基金会协学校大银行工委中心所社室部处政府厂店]/.test(name));
        const masked = maskName(name);
        const surname =
          /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|端木|独孤|南宫|西门)/.test(name) && name.length >= 3 ? 2 : 1;
        expect(masked).toBe(name.slice(0, surname) + '*'.repeat(name.length - surname));
      }),
    );
  });

  it('never shows the hidden middle of an organisation name', () => {
    const hidden = fc.string({ unit: fc.constantFrom(...'甲乙丙丁戊己庚辛壬癸'), minLength: 3, maxLength: 20 });
    const kind = fc.constantFrom('基金会', '有限公司', '医院', '协会', '委员会', '集团');
    fc.assert(
      fc.property(hanString(2, 2), hidden, kind, (head, middle, suffix) => {
        fc.pre(!/[甲乙丙丁戊己庚辛壬癸]/.test(head));
        const masked = maskName(head + middle + suffix);
        expect(masked.startsWith(head)).toBe(true);
        expect(masked.endsWith(suffix)).toBe(true);
        expect(masked).not.toMatch(/[甲乙丙丁戊己庚辛壬癸]/);
      }),
    );
  });

  it('is bounded, printable and idempotent for any input', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hanString(1, 30), fc.string({ unit: 'grapheme', maxLength: 30 })), (name) => {
        const masked = maskName(name);
        expect(utf16Length(masked)).toBeLessThanOrEqual(20);
        expect(masked.length).toBeGreaterThan(0);
        expect(hasInvisible(masked)).toBe(false);
        expect(masked === ANONYMOUS_NAME || masked.includes('*')).toBe(true);
      }),
    );
    const names = fc.oneof(
      hanString(1, 30),
      fc.stringMatching(/^[A-Z][a-z]{1,10} [A-Z][a-z]{1,10}$/),
      fc.tuple(hanString(0, 25), fc.constantFrom('基金会', '有限公司', '医院', '红十字会', '学校')).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(names, (name) => {
        expect(maskName(maskName(name))).toBe(maskName(name));
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['138****5678', '138****5678'],
    ['027-87654321', '027****4321'],
    ['87654321', '****4321'],
    ['12345', '****'],
    ['', ''],
  ])('%p → %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides the 4 middle digits of every mobile, however written', () => {
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86 ', '86', '0086'), (digits, prefix) => {
        const masked = maskPhone(prefix + digits);
        expect(masked).toMatch(/^\d{3}\*{4}\d{4}$/);
        expect(masked.slice(0, 3)).toBe(digits.slice(0, 3));
        expect(masked.slice(7)).toBe(digits.slice(7));
        expect(masked.slice(3, 7)).not.toBe(digits.slice(3, 7));
      }),
    );
  });

  it('is bounded, hides at least 4 digits and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^[\d +-]{0,20}$/)), (phone) => {
        const masked = maskPhone(phone);
        expect(masked.length).toBeLessThanOrEqual(11);
        if (masked !== '') expect(masked).toContain('****');
        expect(maskPhone(masked)).toBe(masked);
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '1****************X'],
    ['11010519491231002x', '1****************X'],
    [' 440524188001010014 ', '4****************4'],
    ['110105491231002', '1*************2'],
    ['E12345678', 'E*******8'],
    ['12', '**'],
    ['', ''],
  ])('%p → %p', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('keeps only the first and last character of an ID number', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked[0]).toBe(id[0]);
        expect(masked[17]).toBe(id[17]);
        for (let i = 1; i <= 14; i++) expect(masked).not.toContain(id.slice(i, i + 3));
      }),
    );
  });

  it('is bounded and idempotent', () => {
    fc.assert(
      fc.property(anyText, (id) => {
        const masked = maskIdNumber(id);
        expect(Array.from(masked).length).toBeLessThanOrEqual(32);
        expect(hasInvisible(masked)).toBe(false);
        expect(maskIdNumber(masked)).toBe(masked);
      }),
    );
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhangsan@example.com', 'z***@example.com'],
    ['z@example.com', 'z***@example.com'],
    [' Donor@Example.com ', 'D***@Example.com'],
    ['z***@example.com', 'z***@example.com'],
    ['not-an-email', 'n***'],
    ['', ''],
  ])('%p → %p', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('keeps the first character and the domain only', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const at = email.lastIndexOf('@');
        const first = email.startsWith('*') ? '' : email[0];
        expect(maskEmail(email)).toBe(`${first}***${email.slice(at)}`);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), anyText), (email) => {
        expect(maskEmail(maskEmail(email))).toBe(maskEmail(email));
      }),
    );
  });
});

describe('maskAddress', () => {
  it.each([
    ['湖北省武汉市江岸区中山大道1号', '湖北省武汉市****'],
    ['北京市朝阳区', '北京市****'],
    ['某路1号', '某路****'],
    ['', ''],
  ])('%p → %p', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('shows at most 6 leading characters and at most half of the address', () => {
    fc.assert(
      fc.property(fc.oneof(hanString(1, 60), anyText), (address) => {
        const masked = maskAddress(address);
        if (masked === '') return;
        const shown = Array.from(masked.slice(0, -4));
        expect(masked.endsWith('****')).toBe(true);
        expect(shown.length).toBeLessThanOrEqual(6);
        expect(shown.length * 2).toBeLessThanOrEqual(Array.from(address).length);
        expect(hasInvisible(masked)).toBe(false);
      }),
    );
  });

  it('never shows anything after the sixth character', () => {
    fc.assert(
      fc.property(hanString(6, 6), fc.string({ unit: fc.constantFrom(...'甲乙丙丁戊己庚辛壬癸'), minLength: 6, maxLength: 40 }), (region, street) => {
        fc.pre(!/[甲乙丙丁戊己庚辛壬癸]/.test(region));
        expect(maskAddress(region + street)).toBe(`${region}****`);
      }),
    );
  });
});
