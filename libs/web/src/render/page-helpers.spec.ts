import { join } from 'node:path';
import { loadCatalogues } from '../i18n/catalogue';
import { webAssetsDir } from '../paths';
import { pageHelpers } from './page-helpers';

const catalogues = loadCatalogues(join(webAssetsDir(), 'locales'));

describe('page helpers', () => {
  it('keep an explicitly chosen language in links, and only then', () => {
    const chosen = pageHelpers({ catalogue: catalogues.get('ko')!, timeZone: 'Asia/Seoul', explicitLang: 'ko' });
    expect(chosen.href('/report')).toBe('/report?lang=ko');
    expect(chosen.href('/bulletins', { page: 2, empty: '' })).toBe('/bulletins?page=2&lang=ko');
    const negotiated = pageHelpers({ catalogue: catalogues.get('ko')!, timeZone: 'Asia/Seoul' });
    expect(negotiated.href('/report')).toBe('/report');
  });

  it('write dates in the node time zone, countries and durations in the page language', () => {
    const ko = pageHelpers({ catalogue: catalogues.get('ko')!, timeZone: 'Asia/Seoul' });
    const en = pageHelpers({ catalogue: catalogues.get('en')!, timeZone: 'Asia/Singapore' });
    expect(ko.region('KR')).toBe('대한민국');
    expect(en.region('KR')).toBe('South Korea');
    expect(en.date('2026-11-30T17:00:00Z')).toBe('Dec 1, 2026');
    expect(en.duration(30_000)).toBe('30 seconds');
    expect(en.duration(45 * 60_000)).toBe('45 minutes');
    expect(ko.duration(3 * 86_400_000)).toBe('3일');
    expect(en.date(null)).toBe('');
    expect(en.money('1200.00', 'SGD')).toBe('SGD\u00a01,200.00');
    expect(ko.money('1500000', 'KRW')).toBe('₩1,500,000');
    expect(en.money('5', 'XXXX')).toBe('XXXX 5');
    // Exact: no trip through a float, and no digit rounded away.
    expect(en.money('90071992547409931.15', 'SGD')).toBe('SGD\u00a090,071,992,547,409,931.15');
    expect(en.money('0.105', 'SGD')).toBe('SGD\u00a00.105');
    expect(ko.money('12345678901234567891', 'KRW')).toBe('₩12,345,678,901,234,567,891');
  });
});
