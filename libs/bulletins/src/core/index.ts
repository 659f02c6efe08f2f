export * from './types';
export { buildFigures, isPublishable, BulletinInputError, DEFAULT_CONFIG, TOP_N, RISING_N, RISING_MIN_BASE, CHART_SERIES } from './figures';
export { render, renderFragment, FORMATS, type BulletinFormat, type RenderOptions } from './render';
export { availableLanguages, defaultLocalesDir, loadLocale, DEFAULT_LANG } from './locale';
export { maskIndicator } from './mask';
export { computeChange, isSuppressed } from './change';
export { sampleInput } from './samples';
