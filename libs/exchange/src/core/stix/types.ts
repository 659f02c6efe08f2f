/** Loose shapes: STIX objects are open-ended and arrive from outside, so readers check what they use. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  object_marking_refs?: string[];
  granular_markings?: { marking_ref?: string; selectors: string[] }[];
  extensions?: Record<string, Record<string, unknown>>;
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}
