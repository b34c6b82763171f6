/**
 * The publication page's own check of a list (served as /site/list-verify.js): for every
 * published version of the list, it downloads the stored list.json and recomputes in the
 * browser, with WebCrypto, what docs/publication.md defines — the SHA-256 of the file, the
 * canonical JSON (RFC 8785) of the document it holds and its SHA-256, the document's header
 * against the published version, the version it supersedes, and its links in the
 * jurisdiction's digest chain — then shows 一致 / MATCH or 不一致 / MISMATCH per version, with
 * the checks that failed. Nothing is taken from the server's own verdict.
 */
import { canonical } from './canonical';

/** A published version as the public API answers it. */
interface Version {
  id: string;
  jurisdiction: string;
  version: number;
  kind: string;
  noticeNo: string;
  failedCount: number;
  passedCount: number;
  chainSeq: number;
  previousDigest: string | null;
  digest: string;
  supersedesId: string | null;
}

interface ChainItem {
  chainSeq: number;
  id: string;
  previousDigest: string | null;
  digest: string;
}

interface PublishedDocument {
  format: string;
  id: string;
  version: number;
  noticeNo: string;
  jurisdiction: string;
  previousDigest: string | null;
  supersedes: { id: string; digest: string } | null;
  failed: unknown[];
  passed: unknown[];
}

interface Words {
  running: string;
  match: string;
  mismatch: string;
  error: string;
  /** Between the names of the checks that failed. */
  sep: string;
  checks: Record<string, string>;
}

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (bytes: Uint8Array) =>
  hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

async function json<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** The checks of one version that failed (none: MATCH). */
async function checkVersion(
  v: Version,
  before: Version | undefined,
  chain: ChainItem[],
): Promise<string[]> {
  const failed: string[] = [];
  const check = (name: string, ok: boolean) => {
    if (!ok) failed.push(name);
  };
  const r = await fetch(`/api/v1/public/publications/${v.id}/files/list.json`);
  if (r.status === 404) return ['file'];
  if (!r.ok) throw new Error(`list.json: HTTP ${r.status}`);
  const bytes = new Uint8Array(await r.arrayBuffer());
  check('file', (await sha256(bytes)) === v.digest);
  let doc: PublishedDocument;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as PublishedDocument;
  } catch {
    return [...failed, 'canonical'];
  }
  check('canonical', (await sha256(new TextEncoder().encode(canonical(doc)))) === v.digest);
  check(
    'header',
    doc.format === 'spotcheck-publication/1' &&
      doc.id === v.id &&
      doc.version === v.version &&
      doc.noticeNo === v.noticeNo &&
      doc.jurisdiction === v.jurisdiction,
  );
  check(
    'counts',
    Array.isArray(doc.failed) &&
      Array.isArray(doc.passed) &&
      doc.failed.length === v.failedCount &&
      doc.passed.length === v.passedCount,
  );
  check(
    'supersedes',
    before === undefined
      ? doc.supersedes === null
      : doc.supersedes?.id === before.id && doc.supersedes.digest === before.digest,
  );
  const at = chain.findIndex((c) => c.id === v.id);
  const prev = at > 0 ? chain[at - 1] : undefined;
  const next = at >= 0 ? chain[at + 1] : undefined;
  check(
    'chain',
    at >= 0 &&
      chain[at].chainSeq === v.chainSeq &&
      chain[at].digest === v.digest &&
      chain[at].previousDigest === v.previousDigest &&
      doc.previousDigest === v.previousDigest &&
      (at === 0 ? v.previousDigest === null : v.previousDigest === prev?.digest) &&
      (next === undefined || next.previousDigest === v.digest),
  );
  return failed;
}

const root = document.getElementById('list-verify');
if (root) {
  const button = root.querySelector('button')!;
  const out = root.querySelector<HTMLElement>('[data-out]')!;
  const words = JSON.parse(root.dataset.words!) as Words;
  // Each version's verdict goes in its row of the versions table, outside this section.
  const cells = (id: string) => document.querySelector<HTMLElement>(`[data-version-out="${id}"]`);
  const show = (el: HTMLElement, verdict: string, text: string) => {
    el.className = `verdict ${verdict === 'MATCH' ? 'passed' : 'failed'}`;
    el.dataset.verdict = verdict;
    el.textContent = text;
  };
  button.addEventListener('click', () => {
    button.disabled = true;
    out.className = 'verdict';
    delete out.dataset.verdict;
    out.textContent = words.running;
    document.querySelectorAll<HTMLElement>('[data-version-out]').forEach((el) => {
      el.className = '';
      delete el.dataset.verdict;
      el.textContent = '…';
    });
    void (async () => {
      try {
        const detail = await json<Version & { versions: Version[] }>(root.dataset.publication!);
        const chain = await json<{ items: ChainItem[] }>(
          `/api/v1/public/chains/${detail.jurisdiction}`,
        );
        const versions = [...detail.versions].sort((a, b) => a.version - b.version);
        let bad = 0;
        for (let i = 0; i < versions.length; i++) {
          const v = versions[i];
          const failed = await checkVersion(v, versions[i - 1], chain.items);
          if (failed.length) bad++;
          const el = cells(v.id);
          if (el)
            show(
              el,
              failed.length ? 'MISMATCH' : 'MATCH',
              failed.length
                ? `${words.mismatch}: ${failed.map((f) => words.checks[f] ?? f).join(words.sep)}`
                : words.match,
            );
        }
        show(out, bad ? 'MISMATCH' : 'MATCH', bad ? words.mismatch : words.match);
      } catch (e) {
        out.className = 'verdict failed';
        out.dataset.verdict = 'ERROR';
        out.textContent = `${words.error}: ${e instanceof Error ? e.message : String(e)}`;
      } finally {
        button.disabled = false;
      }
    })();
  });
}
