import { parsePlanCsv, parsePlanRows } from './disbursement-plan-csv';

describe('parsePlanCsv', () => {
  it('reads Chinese or English headers, amounts in yuan to integer fen', () => {
    const { lines, errors } = parsePlanCsv('\uFEFF受助单位,金额（元）,用途\n朝阳门街道,"50,000.00",慰问金\nXX社区,0.01,口罩\n');
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { lineNo: 1, recipient: '朝阳门街道', amountFen: 5_000_000, purpose: '慰问金', tier: null },
      { lineNo: 2, recipient: 'XX社区', amountFen: 1, purpose: '口罩', tier: null },
    ]);
    expect(parsePlanCsv('recipient,amountYuan,purpose\nA,1,x').lines).toHaveLength(1);
  });

  it('reports every bad line by number', () => {
    const { lines, errors } = parsePlanCsv('受助单位,金额（元）,用途\n,5,x\nB,1.234,y\nC,0,z\nD,5,\nE,5,ok\n');
    expect(lines.map((l) => l.recipient)).toEqual(['E']);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'INVALID_RECIPIENT'],
      [3, 'INVALID_AMOUNT'],
      [4, 'INVALID_AMOUNT'],
      [5, 'INVALID_PURPOSE'],
    ]);
    expect(parsePlanCsv('a,b\n1,2').errors[0].code).toBe('INVALID_PLAN');
  });

  it('gives a line its tier’s amount; an amount beside a tier must agree; an unknown tier is named', () => {
    const tiers = new Map([
      ['小型社区', 5_000_000],
      ['大型社区', 10_000_000],
    ]);
    const { lines, errors } = parsePlanRows(
      [
        ['受助单位', '档次', '金额（元）', '用途'],
        ['朝阳区社区1', '小型社区', '', '慰问补贴'],
        ['朝阳区社区2', '大型社区', '100000', '慰问补贴'],
        ['朝阳区社区3', '大型社区', '80000', '慰问补贴'],
        ['朝阳区社区4', '中型社区', '', '慰问补贴'],
        ['朝阳区社区5', '', '', '慰问补贴'],
        ['朝阳区社区6', '', '12.5', '慰问补贴'],
      ],
      tiers,
    );
    expect(lines).toEqual([
      { lineNo: 1, recipient: '朝阳区社区1', amountFen: 5_000_000, purpose: '慰问补贴', tier: '小型社区' },
      { lineNo: 2, recipient: '朝阳区社区2', amountFen: 10_000_000, purpose: '慰问补贴', tier: '大型社区' },
      { lineNo: 3, recipient: '朝阳区社区6', amountFen: 1_250, purpose: '慰问补贴', tier: null },
    ]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'INVALID_AMOUNT'],
      [5, 'INVALID_TIER'],
      [6, 'INVALID_AMOUNT'],
    ]);
    expect(errors[1].message).toContain('中型社区');
    expect(
      parsePlanRows([
        ['受助单位', '档次', '用途'],
        ['A', '小型社区', 'x'],
      ]).errors[0].code,
    ).toBe('INVALID_PLAN');
  });
});
