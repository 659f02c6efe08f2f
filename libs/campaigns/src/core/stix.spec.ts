import { identityId } from '@scamintel/exchange-core';
import { campaignObjects, campaignStixId } from './stix';
import { readCampaignObjects } from './read-stix';

const fp = (c: string) => c.repeat(64);
const sender = { nodeId: 'kr-knpa', jurisdiction: 'KR' };
const campaign = {
  id: '3f2a9c1e-0000-8000-8000-000000000001',
  name: 'job campaign 3f2a9c1e',
  tlp: 'green' as const,
  created: '2026-11-01T00:00:00.000Z',
  modified: '2026-11-02T00:00:00.000Z',
  reports: 2,
  jurisdictions: ['KR'],
  scamTypes: ['job'],
  channels: ['telegram'],
  losses: [{ currency: 'KRW', amount: '3000000' }],
  firstSeen: '2026-10-30T00:00:00.000Z',
  lastSeen: '2026-11-01T00:00:00.000Z',
  origin: { country: 'KH', note: 'compound' },
  members: [fp('a'), fp('b')],
};
const link = { a: fp('b'), b: fp('c'), reports: 1, aReports: 1, bReports: 2, tlp: 'amber' as const, firstAt: '2026-11-01T00:00:00.000Z' };

describe('campaigns as STIX', () => {
  it('writes deterministic objects and reads back what was written', () => {
    const objects = campaignObjects(sender, [campaign], [link]);
    expect(campaignObjects(sender, [campaign], [link])).toEqual(objects);
    expect(objects.filter((o) => o.type === 'campaign').map((o) => o.id)).toEqual([campaignStixId('kr-knpa', campaign.id)]);
    expect(
      objects
        .filter((o) => o.type === 'relationship')
        .map((o) => o.relationship_type)
        .sort(),
    ).toEqual(['indicates', 'indicates', 'originates-from', 'related-to']);
    expect(objects.find((o) => o.type === 'location')).toMatchObject({ country: 'KH', description: 'compound' });
    const read = readCampaignObjects(objects, identityId('kr-knpa'));
    expect(read.errors).toEqual([]);
    expect(read.campaigns).toEqual([
      expect.objectContaining({
        name: campaign.name,
        tlp: 'green',
        reports: 2,
        losses: campaign.losses,
        originCountry: 'KH',
        members: campaign.members,
      }),
    ]);
    expect(read.links).toEqual([{ a: fp('b'), b: fp('c'), reports: 1, aReports: 1, bReports: 2 }]);
  });

  it('leaves empty lists out (STIX lists hold at least one item) and reads them back as empty', () => {
    const bare = { ...campaign, losses: [], channels: [], origin: null };
    const objects = campaignObjects(sender, [bare], []);
    const c = objects.find((o) => o.type === 'campaign')!;
    expect(Object.keys(Object.values(c.extensions!)[0]).sort()).toEqual([
      'extension_type',
      'fingerprints',
      'jurisdictions',
      'reports',
      'scam_types',
    ]);
    expect(readCampaignObjects(objects, identityId('kr-knpa')).campaigns[0]).toMatchObject({ losses: [], channels: [] });
  });

  it('ignores objects another identity created and reports malformed ones', () => {
    const objects = campaignObjects(sender, [campaign], [link]);
    expect(readCampaignObjects(objects, identityId('sg-spf'))).toEqual({ completeSet: false, campaigns: [], links: [], errors: [] });
    expect(readCampaignObjects(objects, identityId('kr-knpa')).completeSet).toBe(true);
    expect(readCampaignObjects(campaignObjects(sender, [], [link], false), identityId('kr-knpa')).completeSet).toBe(false);
    const bad = objects.map((o) =>
      o.type === 'campaign'
        ? { ...o, extensions: { ...o.extensions!, [Object.keys(o.extensions!)[0]]: { extension_type: 'property-extension', reports: -1 } } }
        : o,
    );
    expect(readCampaignObjects(bad, identityId('kr-knpa')).errors).toHaveLength(1);
  });
});
