import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { campaignPosterLayout, PosterData } from './campaign-poster.layout';
import { renderPosterPdf } from './campaign-poster.pdf';
import { renderPosterPng } from './campaign-poster.png';
import { wrapText, textWidth } from './poster-font';

const data: PosterData = {
  title: '温暖武汉：驰援一线医护人员的防护物资与生活保障专项募捐行动',
  organisation: '北京市温暖基金会',
  amountFen: 123_456_789,
  donorCount: 12_345,
  donationCount: 23_456,
  disbursedFen: 50_000_000,
  goalFen: 500_000_000,
  donateUrl: 'https://wennuan.example/donate/warm-wuhan',
  pageUrl: 'https://wennuan.example/c/warm-wuhan',
  asOf: '2020-02-01T02:30:00.000Z',
};

describe('campaign poster', () => {
  it('lays out the title, the figures, the progress and where they come from', () => {
    const layout = campaignPosterLayout(data);
    const texts = layout.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(texts).toEqual(
      expect.arrayContaining(['¥1,234,567.89', '12,345 位', '23,456 笔', '¥500,000.00', '目标 ¥5,000,000.00 · 已完成 24.6%', data.donateUrl, data.pageUrl]),
    );
    expect(texts.join('')).toContain('温暖武汉');
    expect(texts.some((t) => t.includes('2020-02-01 10:30'))).toBe(true);
    const boxes = layout.shapes.flatMap((s) => (s.kind === 'rects' ? s.rects : s.kind === 'rect' ? [s] : [{ x: s.x, width: textWidth(s.text, s.size) }]));
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(layout.width + 0.01);
    }
  });

  it('wraps a long title into at most three lines, ending with an ellipsis', () => {
    const lines = wrapText('很'.repeat(200), 34, 515, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith('…')).toBe(true);
    for (const line of lines) expect(textWidth(line, 34)).toBeLessThanOrEqual(515);
  });

  it('renders a PDF with the font embedded', async () => {
    const pdf = await renderPosterPdf(campaignPosterLayout(data), { title: '海报', author: data.organisation, date: new Date('2020-02-01T00:00:00Z') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('renders a PNG whose QR code a scanner reads as the donation link', () => {
    const png = PNG.sync.read(renderPosterPng(campaignPosterLayout(data), 1080));
    expect(png.width).toBe(1080);
    expect(png.height).toBe(1527);
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(found?.data).toBe(data.donateUrl);
    // The red band is drawn, and the white text on it too.
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(at(5, 5)).toEqual([0xb8, 0x32, 0x2a]);
  });
});
