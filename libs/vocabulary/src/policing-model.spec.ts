import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePolicingModel } from './policing-model';

const shipped = () => JSON.parse(readFileSync(path.resolve(__dirname, '../../../config/policing.json'), 'utf8'));

describe('parsePolicingModel', () => {
  it('accepts the shipped config/policing.json', () => {
    const { model, problems } = parsePolicingModel(shipped());
    expect(problems).toEqual([]);
    expect(model?.jurisdictions['*']).toBeDefined();
  });

  it('names every problem on its own line', () => {
    const m = shipped();
    m.trustWeights.high = -1;
    m.jurisdictions.KR.rules.push({ kind: 'min_reporters', min: 0, minTrust: 'anonymous', windowDays: 90 }, { kind: 'vibes' });
    delete m.jurisdictions['*'];
    const { model, problems } = parsePolicingModel(m);
    expect(model).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        'trustWeights.high: a number from 0 to 100',
        'jurisdictions["*"]: the fallback rules are required',
        expect.stringMatching(/^jurisdictions\.KR\.rules\[\d+\]: min_reporters needs/),
        expect.stringMatching(/^jurisdictions\.KR\.rules\[\d+\]: unknown kind "vibes"/),
      ]),
    );
    expect(parsePolicingModel('nope').problems).toEqual(['policing model: not a JSON object']);
  });
});
