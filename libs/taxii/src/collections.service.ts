import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Principal } from '@scamintel/common';
import { PartnersService, PartnerRecord } from '@scamintel/exchange';
import { PartnerPolicy, uuidv5 } from '@scamintel/exchange-core';
import { STIX_MEDIA_TYPE } from './media-types';
import { TaxiiError } from './taxii-error';
import { INDICATOR_TYPES } from '@scamintel/vocabulary';

/** Fixed namespace of TAXII collection ids, so every node derives the same ids from the same names. */
export const TAXII_COLLECTION_NAMESPACE = '8f0f6b3e-5d0a-4c6b-9e21-6a3c1d7f4b52';

export const PUBLIC_ALIAS = 'public';

/** CONTRACT §8: the `public` collection is TLP:CLEAR only, every type, no pseudonyms, no narratives. */
export const PUBLIC_POLICY: PartnerPolicy = {
  maxTlp: 'clear',
  types: [...INDICATOR_TYPES],
  minConfidence: 0,
  pseudonymise: [],
  shareNarrative: false,
};

/** Collection ids: UUIDv5 of the serving node and the audience, so they survive restarts and re-registrations. */
export const partnerCollectionId = (servingNodeId: string, partnerNodeId: string): string =>
  uuidv5(TAXII_COLLECTION_NAMESPACE, `scamintel:${servingNodeId}:partner:${partnerNodeId}`);
export const publicCollectionId = (servingNodeId: string): string =>
  uuidv5(TAXII_COLLECTION_NAMESPACE, `scamintel:${servingNodeId}:public`);

export interface TaxiiCollection {
  id: string;
  /** `public`, or the partner's node id; usable in URLs in place of the id (TAXII 2.1 §5.2 `alias`). */
  alias: string;
  title: string;
  description: string;
  kind: 'public' | 'partner';
  /**
   * Whose policy the content follows: the partner's own registration, or for `public` a record that carries
   * PUBLIC_POLICY and no pseudonym key. The exchange's outbound step reads the policy (and key) from it.
   */
  audience: PartnerRecord;
}

/** The TAXII 2.1 collection resource. Read-only: this node publishes, it takes nothing in over TAXII. */
export interface CollectionResource {
  id: string;
  title: string;
  description: string;
  alias: string;
  can_read: true;
  can_write: false;
  media_types: string[];
}

export const toResource = (c: TaxiiCollection): CollectionResource => ({
  id: c.id,
  title: c.title,
  description: c.description,
  alias: c.alias,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

function describePolicy(p: PartnerPolicy): string {
  const parts = [`TLP up to ${p.maxTlp.toUpperCase()}`, `types ${p.types.join(', ')}`];
  if (p.minConfidence > 0) parts.push(`confidence ≥ ${p.minConfidence}`);
  if (p.pseudonymise.length) parts.push(`pseudonymised: ${p.pseudonymise.join(', ')}`);
  parts.push(p.shareNarrative ? 'narratives shared' : 'no narratives');
  return parts.join('; ');
}

/**
 * Which collections exist and who sees them (CONTRACT §3, §8): one per registered partner, visible to that
 * partner's keys and to analysts; `public`, visible to every partner and analyst key. A collection the caller
 * may not see is a 404, exactly like one that does not exist.
 */
@Injectable()
export class TaxiiCollections {
  constructor(
    private readonly partners: PartnersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publicCollection(): TaxiiCollection {
    const epoch = new Date(0);
    return {
      id: publicCollectionId(this.config.nodeId),
      alias: PUBLIC_ALIAS,
      title: `${this.config.nodeId}: public`,
      description: `Indicators of ${this.config.jurisdiction} that any partner or analyst may read: TLP:CLEAR only, values in clear, no narratives, no reporter data.`,
      kind: 'public',
      audience: {
        nodeId: PUBLIC_ALIAS,
        jurisdiction: this.config.jurisdiction,
        baseUrl: '',
        publicKey: '',
        keyId: '',
        policy: PUBLIC_POLICY,
        pseudonymKey: null,
        mode: 'push',
        createdAt: epoch,
        updatedAt: epoch,
      },
    };
  }

  partnerCollection(p: PartnerRecord): TaxiiCollection {
    return {
      id: partnerCollectionId(this.config.nodeId, p.nodeId),
      alias: p.nodeId,
      title: `${this.config.nodeId} → ${p.nodeId}`,
      description: `What ${this.config.nodeId} (${this.config.jurisdiction}) shares with ${p.nodeId} (${p.jurisdiction}) under their bilateral policy: ${describePolicy(p.policy)}. The same records as the signed exchange.`,
      kind: 'partner',
      audience: p,
    };
  }

  /** Public first, then the partner collections the caller may see, by node id. */
  async visible(principal: Principal | undefined): Promise<TaxiiCollection[]> {
    if (principal?.kind !== 'key') return [];
    if (principal.role === 'analyst')
      return [this.publicCollection(), ...(await this.partners.all()).map((p) => this.partnerCollection(p))];
    if (principal.role === 'partner') {
      const own = principal.partnerNodeId ? await this.partners.get(principal.partnerNodeId) : undefined;
      return [this.publicCollection(), ...(own ? [this.partnerCollection(own)] : [])];
    }
    return [];
  }

  /** A collection by id or alias, or 404 when it does not exist or the caller may not see it. */
  async find(principal: Principal | undefined, idOrAlias: string): Promise<TaxiiCollection> {
    const found = (await this.visible(principal)).find((c) => c.id === idOrAlias.toLowerCase() || c.alias === idOrAlias);
    if (!found) throw new TaxiiError('not_found', 'no such collection');
    return found;
  }
}
