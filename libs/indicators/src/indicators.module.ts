import { DynamicModule, Inject, Injectable, Module, Optional } from '@nestjs/common';
import type { IndicatorType, NormalizeOptions, NormalizedIndicator } from './indicator';
import { normalize, tryNormalize } from './normalize';
import type { NormalizeResult } from './normalize';
import { extract } from './extract';
import type { ExtractedIndicator } from './extract';
import { warninglistHit } from './warninglists';
import type { WarninglistHit } from './warninglists';
import { fingerprint } from './fingerprint';
import { defang, refang } from './refang';
import { DEFAULT_REGION } from './indicator';

/** The only Nest-aware file of the library: a DI-friendly face over the pure functions. */
export const INDICATORS_DEFAULT_REGION = Symbol('INDICATORS_DEFAULT_REGION');

export interface IndicatorsModuleOptions {
  /** Region used when a call gives none (ISO alpha-2). Default 'SG'. */
  defaultRegion?: string;
}

@Injectable()
export class IndicatorNormalizer {
  readonly defaultRegion: string;

  constructor(@Optional() @Inject(INDICATORS_DEFAULT_REGION) defaultRegion?: string) {
    this.defaultRegion = defaultRegion ?? DEFAULT_REGION;
  }

  normalize(raw: string, opts?: NormalizeOptions): NormalizedIndicator {
    return normalize(raw, { ...opts, region: opts?.region ?? this.defaultRegion });
  }

  tryNormalize(raw: string, opts?: NormalizeOptions): NormalizeResult {
    return tryNormalize(raw, { ...opts, region: opts?.region ?? this.defaultRegion });
  }

  extract(text: string, opts?: { region?: string }): ExtractedIndicator[] {
    return extract(text, { region: opts?.region ?? this.defaultRegion });
  }

  warninglistHit(ind: NormalizedIndicator): WarninglistHit | null {
    return warninglistHit(ind);
  }

  fingerprint(type: IndicatorType, value: string): string {
    return fingerprint(type, value);
  }

  refang(text: string): string {
    return refang(text);
  }

  defang(value: string, type: IndicatorType): string {
    return defang(value, type);
  }
}

@Module({
  providers: [IndicatorNormalizer],
  exports: [IndicatorNormalizer],
})
export class IndicatorsModule {
  static forRoot(options: IndicatorsModuleOptions = {}): DynamicModule {
    return {
      module: IndicatorsModule,
      providers: [{ provide: INDICATORS_DEFAULT_REGION, useValue: options.defaultRegion ?? DEFAULT_REGION }, IndicatorNormalizer],
      exports: [IndicatorNormalizer],
    };
  }
}
