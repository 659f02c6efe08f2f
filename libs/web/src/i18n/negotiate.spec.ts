import { chooseLanguage } from './negotiate';

const AVAILABLE = ['en', 'ko'];

describe('chooseLanguage (CONTRACT §13: ?lang=, else Accept-Language, else the node language)', () => {
  it.each([
    ['ko', 'en-US,en;q=0.9', 'en', { lang: 'ko', explicit: true }],
    ['fr', 'ko-KR,ko;q=0.9', 'en', { lang: 'ko', explicit: false }],
    [undefined, 'en-GB,en;q=0.8,ko;q=0.9', 'en', { lang: 'ko', explicit: false }],
    [undefined, 'fr-FR,de;q=0.5', 'ko', { lang: 'ko', explicit: false }],
    [undefined, '*', 'ko', { lang: 'ko', explicit: false }],
    [undefined, undefined, 'ko', { lang: 'ko', explicit: false }],
    [undefined, '', 'en', { lang: 'en', explicit: false }],
    [['ko', 'en'], undefined, 'en', { lang: 'en', explicit: false }],
  ])('?lang=%j, Accept-Language %j, node %s', (query, accept, node, expected) => {
    expect(chooseLanguage(AVAILABLE, query, accept as string | undefined, node)).toEqual(expected);
  });
});
