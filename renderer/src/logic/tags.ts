/** Tag text handling shared by the tag editors. */

/** Splits comma-separated tag text into trimmed, non-empty, unique tags in typed order. */
export function parseTags(text: string): string[] {
  const tags: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim()
    if (tag !== '' && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}
