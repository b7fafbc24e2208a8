import { csvPreview, headerIndex, headerSuggestions, importProgressLine, importResult, MAPPING_FIELDS, mappingColumns, transferBody } from './bank';

describe('bank transfers screen', () => {
  it('previews a CSV: quotes, doubled quotes, commas and line breaks inside quotes, CRLF', () => {
    const rows = csvPreview('交易流水号,对方户名,贷方发生额\r\n"A-1","武汉""某某"",有限公司","1,000.00"\n"B-2","多\n行",5\n');
    expect(rows).toEqual([
      ['交易流水号', '对方户名', '贷方发生额'],
      ['A-1', '武汉"某某",有限公司', '1,000.00'],
      ['B-2', '多\n行', '5'],
    ]);
    expect(csvPreview('a,b')).toEqual([['a', 'b']]);
    expect(csvPreview('')).toEqual([]);
  });

  it('stops the preview after the header and eight lines', () => {
    const text = Array.from({ length: 50 }, (_, i) => `r${i},x`).join('\n');
    const rows = csvPreview(text);
    expect(rows).toHaveLength(9);
    expect(rows[8]).toEqual(['r8', 'x']);
  });

  it('finds the header below the account lines a bank prints above it (the fullest of the first rows)', () => {
    const rows = csvPreview(
      '账号：6222020200001234567,,,\n起止日期：2020-02-01 至 2020-02-29,,,\n交易日期,交易流水号,对方户名,贷方发生额\n2020-02-01,A-1,张三,100.00\n',
    );
    expect(headerIndex(rows)).toBe(2);
    expect(
      headerIndex([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe(0);
  });

  it('offers the header names of a statement for the mapping, not account numbers or long texts', () => {
    const rows = [
      ['账号：6222020200001234567', ''],
      ['交易日期', '对方户名', '交易日期'],
      ['2020-02-01', ' 张三 ', 'x'.repeat(41)],
    ];
    expect(headerSuggestions(rows)).toEqual(['交易日期', '对方户名', '2020-02-01', '张三']);
  });

  it('checks a transfer to record, in Chinese, and sends Beijing time with its offset', () => {
    const ok = transferBody({
      campaignCode: 'WH2020',
      bankReference: ' BOC20200201-000123 ',
      amountYuan: '5,000.5',
      payerName: ' 武汉某某有限公司 ',
      receivedAt: '2020-02-01T10:30',
      payerAccount: '',
    });
    expect(ok).toEqual({
      problems: [],
      body: {
        campaignCode: 'WH2020',
        bankReference: 'BOC20200201-000123',
        amountFen: 500050,
        payerName: '武汉某某有限公司',
        receivedAt: '2020-02-01T10:30:00+08:00',
      },
    });
    expect(
      transferBody({ campaignCode: 'WH2020', bankReference: 'R1', amountYuan: '1', payerName: 'x', receivedAt: '2020-02-01T10:30', payerAccount: ' 6222 ' })
        .body?.payerAccount,
    ).toBe('6222');
    const bad = transferBody({ campaignCode: '', bankReference: 'has space', amountYuan: '0', payerName: ' ', receivedAt: '', payerAccount: '' });
    expect(bad.body).toBeUndefined();
    expect(bad.problems).toEqual([
      '请选择活动',
      '银行流水号须为 1-64 位字母、数字或符号，不含空格',
      '金额须为大于 0 的元金额，最多两位小数',
      '请填写付款人',
      '请填写到账时间',
    ]);
    expect(
      transferBody({ campaignCode: 'C', bankReference: 'R', amountYuan: '1.234', payerName: 'x', receivedAt: '2020-02-01T10:30', payerAccount: '' }).problems,
    ).toEqual(['金额须为大于 0 的元金额，最多两位小数']);
  });

  it('maps statement columns: typed headers kept, the four needed fields and an amount asked for', () => {
    expect(MAPPING_FIELDS.filter((f) => f[2]).map((f) => f[0])).toEqual(['bankReference', 'receivedAt', 'payerName']);
    const ok = mappingColumns(' 招商银行 ', { bankReference: ' 流水号 ', receivedAt: '交易日', payerName: '户名', amount: '发生额', fundCode: '  ' });
    expect(ok).toEqual({ columns: { bankReference: '流水号', receivedAt: '交易日', payerName: '户名', amount: '发生额' }, problems: [] });
    expect(mappingColumns('x', { bankReference: 'a', receivedAt: 'b', payerName: 'c', creditAmount: '收入' }).problems).toEqual([]);
    expect(mappingColumns('', { receivedAt: 'b' }).problems).toEqual([
      '请填写映射名称',
      '请填写“交易流水号”所在列的表头',
      '请填写“对方户名（付款人）”所在列的表头',
      '请填写收入金额（或交易金额）所在列的表头',
    ]);
  });

  it('reads an import job: progress line, and its result with what is missing filled in', () => {
    expect(importProgressLine({ state: 'waiting', progress: { done: 0, total: 0 } }, 0)).toBe('导入任务排队中…');
    expect(importProgressLine({ state: 'active', progress: { done: 30, total: 120 } }, 25)).toBe(
      '正在导入：已处理 30 / 120 行（25%）。可以离开此页面，导入在服务器上继续。',
    );
    expect(importResult({})).toEqual({ imported: 0, duplicates: 0, errors: [] });
    const result = {
      imported: 3,
      duplicates: 1,
      skipped: 2,
      layout: { code: 'icbc', name: '工商银行' },
      errors: [{ line: 7, code: 'INVALID_AMOUNT', message: '第 7 行金额无效' }],
    };
    expect(importResult({ result })).toEqual(result);
  });
});
