import { parsePlanCsv } from './disbursement-plan-csv';

describe('parsePlanCsv', () => {
  it('reads Chinese or English headers, amounts in yuan to integer fen', () => {
    const { lines, errors } = parsePlanCsv('\uFEFF受助单位,金额（元）,用途\n朝阳门街道,"50,000.00",慰问金\nXX社区,0.01,口罩\n');
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      { lineNo: 1, recipient: '朝阳门街道', amountFen: 5_000_000, purpose: '慰问金' },
      { lineNo: 2, recipient: 'XX社区', amountFen: 1, purpose: '口罩' },
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
});
