const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The note ending a cut summary: how much was left out and where the rest is. */
export function truncationNote(omittedLines: number, reportLink: string, whereReport?: string): string {
  return (
    `\n> [!WARNING]\n> **Summary truncated** to fit GitHub's 1 MiB job-summary limit: ${omittedLines} more line(s) not shown. ` +
    `${whereReport ?? `See the full report: [index.html](${reportLink}).`}\n`
  );
}

/**
 * Joins `lines` with newlines; when the result exceeds `maxBytes`, keeps the
 * longest prefix of whole lines that fits together with the truncation note
 * (which links `reportLink`, or says `whereReport` instead when given).
 */
export function truncateMarkdown(lines: readonly string[], maxBytes: number, reportLink: string, whereReport?: string): string {
  const full = lines.join('\n');
  if (bytes(full) <= maxBytes) return full;
  // Reserve room for the note with the largest count it could show.
  const budget = maxBytes - bytes(truncationNote(lines.length, reportLink, whereReport));
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const size = bytes(line) + 1;
    if (used + size > budget) break;
    used += size;
    kept++;
  }
  // An unclosed code span or table row is not an issue: every kept line is whole.
  return `${lines.slice(0, kept).join('\n')}\n${truncationNote(lines.length - kept, reportLink, whereReport)}`;
}
