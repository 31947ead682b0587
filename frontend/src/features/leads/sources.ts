import type { LeadSourceView } from '../../api/types';

/** A source's label, or its slug when the list has not loaded or does not know it. */
export function sourceLabel(sources: readonly LeadSourceView[] | undefined, slug: string): string {
  return sources?.find((s) => s.slug === slug)?.label ?? slug;
}

/**
 * Sources a lead may be given: built-in and active custom ones. An archived
 * source the lead already has stays listed, so editing does not silently change it.
 */
export function selectableSources(sources: readonly LeadSourceView[], current?: string): LeadSourceView[] {
  return sources.filter((s) => !s.archived || s.slug === current);
}
