import { buildFigures, DEFAULT_CONFIG } from './figures';
import { knownInput } from './__fixtures__/input';
import { render } from './render';
import type { BulletinFigures } from './types';

const figures = buildFigures(knownInput(), DEFAULT_CONFIG);

describe('render', () => {
  it('json is the figures, unchanged', () => {
    expect(JSON.parse(render(figures, 'ko', 'json'))).toEqual(figures);
  });

  it.each(['en', 'ko'])('html (%s) is one self-contained, accessible page', (lang) => {
    const html = render(figures, lang, 'html');
    expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toMatch(/<svg class="chart" role="img"[^>]* aria-label="[^"]+"/);
    expect(html).toMatch(/<title id="chart-title">[^<]+<\/title><desc id="chart-desc">[^<]+<\/desc>/);
    const table = html.match(/<table id="trend-table"[\s\S]*?<\/table>/)![0];
    expect(table.match(/<tr>/g)).toHaveLength(1 + figures.weekly.weeks.length);
  });

  it('puts the figures into the words of each language', () => {
    const en = render(figures, 'en', 'md');
    const ko = render(figures, 'ko', 'md');
    expect(en).toContain('| Reports | 120 | 100 | +20 (+20.0%) |');
    expect(ko).toContain('| 신고 건수 | 120 | 100 | +20 (+20.0%) |');
    expect(en).toContain('| Job scam | 3 | fewer than 3 | up |');
    expect(ko).toContain('| 구인·부업 사기 | 3 | 3건 미만 | 증가 |');
    expect(en).toContain('| Reported losses in SGD | S$1,500.10 | S$1,000.05 | +S$500.05 (+50.0%) |');
    expect(ko).toContain('| 신고된 피해액(KRW) | 1,500,000원 | 0원 | +1,500,000원 (신규) |');
    expect(en).toContain('| `+65 8123 ••67` | Phone number | 12 |');
    expect(en).toContain('- Investment scam: 5 → 10 (+100.0%)');
    expect(ko).toContain('- 투자 사기: 5건 → 10건 (+100.0%)');
    expect(en).toContain('| Indicators reported in both Singapore and South Korea | fewer than 3 |');
  });

  it('shows cross-border campaigns as counts in both languages, or one sentence when they are withheld', () => {
    const shown = buildFigures({ ...knownInput(), campaigns: { active: 5, new: 2, reports: 61 } }, DEFAULT_CONFIG);
    const en = render(shown, 'en', 'md');
    expect(en).toContain('## Cross-border campaigns');
    expect(en).toContain('| Campaigns active this period with reports in both Singapore and South Korea | 5 |');
    expect(en).toContain('| Of these, first seen this period | fewer than 3 |');
    expect(en).toContain('| Reports behind these campaigns (both countries, since first seen) | 61 |');
    const ko = render(shown, 'ko', 'html');
    expect(ko).toContain('<h2 id="campaigns-h">국경을 넘는 사기 캠페인</h2>');
    expect(ko).toMatch(/싱가포르·대한민국 양국에서 신고된 캠페인<\/th><td class="num" data-label="이번 기간">5<\/td>/);
    const hidden = buildFigures({ ...knownInput(), campaigns: { active: 2, new: 2, reports: 61 } }, DEFAULT_CONFIG);
    expect(render(hidden, 'en', 'md')).toContain('Fewer than 3 cross-border campaigns were active this period: not published.');
    expect(render(hidden, 'ko', 'md')).toContain('이번 기간에 활동한 국경을 넘는 캠페인이 3개 미만이어서 공개하지 않습니다.');
    expect(render(hidden, 'en', 'md')).not.toContain('61');
  });

  it('escapes every value it did not write itself', () => {
    // Figures may come back from storage; whatever is in them must not become markup.
    const hostile: BulletinFigures = {
      ...figures,
      nodeId: '<script>alert(1)</script>',
      watch: [{ ...figures.watch[0], display: '<img src=x onerror=alert(1)>|**x**`' }],
    };
    const html = render(hostile, 'en', 'html');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const md = render(hostile, 'en', 'md');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('`` <img src=x onerror=alert(1)>\\|**x**` ``');
  });

  it('rejects unknown formats and languages', () => {
    expect(() => render(figures, 'en', 'pdf' as never)).toThrow(RangeError);
    expect(() => render(figures, 'xx', 'md')).toThrow(RangeError);
  });
});
