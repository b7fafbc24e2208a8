import { dispositionName, exportQuery, exportUrl } from './files';

describe('console files', () => {
  it('takes the UTF-8 file name of a Content-Disposition first, then the plain one, else the fallback', () => {
    expect(dispositionName(`attachment; filename="donations.csv"; filename*=UTF-8''%E6%8D%90%E8%B5%A0.csv`, 'x.csv')).toBe('捐赠.csv');
    expect(dispositionName('attachment; filename="receipt-WN2026-000001.pdf"', 'x.pdf')).toBe('receipt-WN2026-000001.pdf');
    expect(dispositionName('attachment', 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(dispositionName(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });

  it('builds an export URL from the filters set, leaving the empty ones out and encoding the rest', () => {
    expect(exportUrl('donations', 'csv', { campaignCode: 'warm-wuhan', status: undefined })).toBe('/api/staff/exports/donations.csv?campaignCode=warm-wuhan');
    expect(exportUrl('goods', 'xlsx', {})).toBe('/api/staff/exports/goods.xlsx');
    expect(exportQuery({ campaignCode: 'a&b', status: 'paid', empty: '' })).toBe('campaignCode=a%26b&status=paid');
  });
});
