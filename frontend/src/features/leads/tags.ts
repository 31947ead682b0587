/** Splits typed text into tags: commas separate, blanks and duplicates drop out. */
export function addTags(current: readonly string[], text: string): string[] {
  const next = [...current];
  for (const raw of text.split(',')) {
    const tag = raw.trim().toLowerCase();
    if (tag && !next.includes(tag)) next.push(tag);
  }
  return next;
}
