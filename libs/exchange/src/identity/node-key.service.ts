import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { NodeIdentity } from '../core';
import { NodeKey, loadOrCreateNodeKey } from './node-key';

export interface PublicIdentity {
  nodeId: string;
  jurisdiction: string;
  keyId: string;
  publicKey: string;
}

/** This node's identity and signing key, loaded (or generated) once when the process starts. */
@Injectable()
export class NodeKeyService {
  private readonly logger = new Logger(NodeKeyService.name);
  readonly key: NodeKey;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = loadOrCreateNodeKey({ signingKeyFile: config.signingKeyFile, dataDir: config.dataDir });
    if (this.key.source === 'generated') this.logger.log(`generated a node signing key in ${this.key.file} (keyId ${this.key.keyId})`);
  }

  get keyId(): string {
    return this.key.keyId;
  }

  /** GET /v1/exchange/identity. */
  identity(): PublicIdentity {
    return { nodeId: this.config.nodeId, jurisdiction: this.config.jurisdiction, keyId: this.key.keyId, publicKey: this.key.publicKeyPem };
  }

  /** The STIX sender identity. */
  stixSender(): NodeIdentity {
    return { nodeId: this.config.nodeId, jurisdiction: this.config.jurisdiction };
  }
}
