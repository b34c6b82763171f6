/** What an Atom entry says about a published version. */
export interface FeedEntry {
  id: string;
  jurisdictionName: string;
  kind: string;
  reason: string | null;
  noticeNo: string;
  publishedAt: Date;
  failedCount: number;
  passedCount: number;
  digest: string;
  links: { self: string; files: string; results: string };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
/** Text for XML content and attribute values; characters XML 1.0 cannot hold are dropped. */
export const xml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]);

const KIND_ZH: Record<string, string> = {
  list: '',
  correction: '（更正）',
  withdrawal: '（撤回）',
};

/**
 * An Atom 1.0 feed (RFC 4287) of published versions, newest first: one entry per version, its
 * id the version's UUID, its link the version, the JSON file as an enclosure, and a summary
 * with its counts, digest and, for a correction or withdrawal, the reason. Links are relative
 * to the feed's own address.
 */
export function atomFeed(f: { id: string; title: string; self: string; entries: FeedEntry[] }) {
  const updated = f.entries.length
    ? new Date(f.entries[0].publishedAt).toISOString()
    : new Date(0).toISOString();
  const entries = f.entries.map((e) => {
    const at = new Date(e.publishedAt).toISOString();
    const summary =
      `不合格 ${e.failedCount} 批次，合格 ${e.passedCount} 批次。SHA-256：${e.digest}` +
      (e.reason ? `。原因：${e.reason}` : '');
    return `  <entry>
    <id>urn:uuid:${e.id}</id>
    <title>${xml(`${e.noticeNo} ${e.jurisdictionName}抽检结果公告${KIND_ZH[e.kind] ?? ''}`)}</title>
    <updated>${at}</updated>
    <published>${at}</published>
    <link rel="alternate" type="application/json" href="${xml(e.links.self)}"/>
    <link rel="enclosure" type="application/json" href="${xml(`${e.links.files}/list.json`)}"/>
    <link rel="related" type="application/json" href="${xml(e.links.results)}"/>
    <category term="${xml(e.kind)}"/>
    <summary>${xml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(f.id)}</id>
  <title>${xml(f.title)}</title>
  <updated>${updated}</updated>
  <author><name>Spotcheck</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(f.self)}"/>
${entries.join('\n')}
</feed>
`;
}
