import { ToneTag, type Tone } from '../lab-shared/ToneTag';
import { memo, useMemo } from 'react';
import './grid.css';
import type { LimitRule } from '@spotcheck/domain/limit-rule';
import { prepareItem, type ItemEvaluation, type PreparedItem } from '@spotcheck/domain/verdict';
import type { Report, StoredItem } from '../../api/labs';
import type { Lang } from '../../i18n/format';
import { describeReason } from '../../i18n/errors';
import type { LabT } from '../lab-shared/labels';

/** What the user typed in a row: a measured value, or a reason it was not tested. */
export interface RowDraft {
  value: string;
  notTestedReason: string;
}

/** The outcome shown for a row: the server's for what it stored, the browser's for an edit. */
export interface Judged {
  outcome: 'pass' | 'fail' | 'not_applicable' | 'invalid' | 'empty';
  reason: string;
  /** From the server's answer (authoritative), not the browser's preview. */
  server: boolean;
}

/** The judge of each item, prepared once (the same libs/domain code the server runs). */
export function prepareAll(items: readonly StoredItem[]): PreparedItem[] {
  return items.map((i) =>
    prepareItem({
      itemCode: i.itemCode,
      itemName: i.itemName,
      unit: i.unit,
      rule: i.limitRule as unknown as LimitRule,
      limitText: i.limitText,
      comparison: i.comparison,
      roundingDigits: i.roundingDigits,
    }),
  );
}

type ServerItem = Report['preview']['items'][number] | undefined;

const same = (d: RowDraft, i: StoredItem) =>
  d.value.trim() === (i.value ?? '') && d.notTestedReason.trim() === (i.notTestedReason ?? '');

/** Whether a row differs from what the server stored. */
export const edited = (d: RowDraft, i: StoredItem) => !same(d, i);

/**
 * The outcome shown for a row: the server's (authoritative) while the row is as stored, the
 * browser's judgement of the typed text once it is edited.
 */
export function judgeRow(
  item: StoredItem,
  p: PreparedItem,
  server: ServerItem,
  d: RowDraft,
  lang: Lang,
): Judged {
  if (same(d, item) && server?.outcome)
    return {
      outcome: server.outcome as Judged['outcome'],
      reason: server.reason?.[lang] ?? '',
      server: true,
    };
  return judgeDraft(p, d, lang);
}

/** The browser's judgement of a row as typed (GB/T 8170 rounding and the limit rule). */
export function judgeDraft(p: PreparedItem, d: RowDraft, lang: Lang): Judged {
  const value = d.value.trim();
  const reason = d.notTestedReason.trim();
  if (!value && !reason) return { outcome: 'empty', reason: '', server: false };
  if (!p.ok) return { outcome: 'invalid', reason: describeReason(p.reason, lang), server: false };
  const e: ItemEvaluation =
    value && reason
      ? { ok: false, reason: 'give a measured value or a not-tested reason, not both' }
      : p.judge(value ? { kind: 'measured', value } : { kind: 'not_tested', reason });
  if (!e.ok) return { outcome: 'invalid', reason: describeReason(e.reason, lang), server: false };
  return { outcome: e.verdict.outcome, reason: e.verdict.reason[lang], server: false };
}

interface RowProps {
  index: number;
  item: StoredItem;
  prepared: PreparedItem;
  server: ServerItem;
  draft: RowDraft;
  lang: Lang;
  /** The previous version's value of this item, when it differs (an amendment). */
  previous?: string | null;
  showPrevious: boolean;
  editable: boolean;
  error?: string;
  onChange(index: number, patch: Partial<RowDraft>): void;
  lt: LabT;
  labels: GridLabels;
}

export interface GridLabels {
  seq: string;
  item: string;
  method: string;
  unit: string;
  limit: string;
  value: string;
  notTested: string;
  outcome: string;
  previous: string;
  invalid: string;
  local: string;
  server: string;
  valueOf: (name: string) => string;
  notTestedOf: (name: string) => string;
}

/** A row renders again only when its own props change: the rest of the grid stays put. */
const Row = memo(function Row(p: RowProps) {
  const { item, draft, lt, labels } = p;
  const judged = useMemo(
    () => judgeRow(item, p.prepared, p.server, draft, p.lang),
    [item, p.prepared, p.server, draft, p.lang],
  );
  const fail = judged.outcome === 'fail';
  return (
    <tr className={fail ? 'lab-grid-fail' : judged.outcome === 'invalid' ? 'lab-grid-invalid' : ''}>
      <td>{item.seq}</td>
      <th scope="row">
        {item.itemName}
        <div className="lab-grid-code">{item.itemCode}</div>
      </th>
      <td>{item.method ?? ''}</td>
      <td>{item.unit ?? ''}</td>
      <td>{item.limitText}</td>
      {p.showPrevious && <td>{p.previous ?? ''}</td>}
      <td>
        {p.editable ? (
          <input
            className={`lab-grid-input${p.error || judged.outcome === 'invalid' ? ' is-error' : fail ? ' is-fail' : ''}`}
            value={draft.value}
            aria-label={labels.valueOf(item.itemName)}
            aria-invalid={p.error || judged.outcome === 'invalid' ? true : undefined}
            onChange={(e) => p.onChange(p.index, { value: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        ) : (
          (item.value ?? '')
        )}
        {p.error && (
          <div className="lab-grid-error" role="alert">
            {p.error}
          </div>
        )}
      </td>
      <td>
        {p.editable ? (
          <input
            className="lab-grid-input"
            value={draft.notTestedReason}
            aria-label={labels.notTestedOf(item.itemName)}
            onChange={(e) => p.onChange(p.index, { notTestedReason: e.target.value })}
            autoComplete="off"
          />
        ) : (
          (item.notTestedReason ?? '')
        )}
      </td>
      <td>
        <Outcome judged={judged} lt={lt} labels={labels} />
      </td>
    </tr>
  );
});

function Outcome({ judged, lt, labels }: { judged: Judged; lt: LabT; labels: GridLabels }) {
  if (judged.outcome === 'empty') return null;
  const tone: Tone =
    judged.outcome === 'fail'
      ? 'bad'
      : judged.outcome === 'pass'
        ? 'ok'
        : judged.outcome === 'invalid'
          ? 'warn'
          : 'plain';
  const label = judged.outcome === 'invalid' ? labels.invalid : lt(`verdict_${judged.outcome}`);
  return (
    <div>
      <ToneTag tone={tone}>{label}</ToneTag>
      <span className="lab-grid-source">{judged.server ? labels.server : labels.local}</span>
      {judged.outcome !== 'pass' && judged.reason && (
        <div className="lab-grid-reason">{judged.reason}</div>
      )}
    </div>
  );
}

/**
 * The result grid of a report: one row per item of the category's template, the value typed as
 * text and judged at once by libs/domain (the server's own rules), failing rows highlighted.
 * Rows are memoised: a keystroke renders its own row and the summary, not the other 59; the
 * inputs are plain ones (antd's Input costs several hooks a render).
 */
export function ResultGrid(props: {
  items: readonly StoredItem[];
  drafts: readonly RowDraft[];
  prepared: readonly PreparedItem[];
  server: Report['preview']['items'];
  lang: Lang;
  previous?: ReadonlyMap<string, string | null>;
  editable: boolean;
  errors: ReadonlyMap<number, string>;
  onChange(index: number, patch: Partial<RowDraft>): void;
  lt: LabT;
  labels: GridLabels;
  caption: string;
}) {
  const { items, drafts, previous } = props;
  const showPrevious = !!previous;
  const header = (
    <tr>
      <th scope="col">{props.labels.seq}</th>
      <th scope="col">{props.labels.item}</th>
      <th scope="col">{props.labels.method}</th>
      <th scope="col">{props.labels.unit}</th>
      <th scope="col">{props.labels.limit}</th>
      {showPrevious && <th scope="col">{props.labels.previous}</th>}
      <th scope="col">{props.labels.value}</th>
      <th scope="col">{props.labels.notTested}</th>
      <th scope="col">{props.labels.outcome}</th>
    </tr>
  );
  return (
    <div className="lab-grid-box">
      <table className="lab-grid">
        <caption>{props.caption}</caption>
        <thead>{header}</thead>
        <tbody>
          {items.map((item, i) => {
            const prev = previous?.get(item.itemCode);
            return (
              <Row
                key={item.itemCode}
                index={i}
                item={item}
                draft={drafts[i]}
                prepared={props.prepared[i]}
                server={props.server[i]}
                lang={props.lang}
                previous={prev !== undefined && prev !== item.value ? prev : undefined}
                showPrevious={showPrevious}
                editable={props.editable}
                error={props.errors.get(i)}
                onChange={props.onChange}
                lt={props.lt}
                labels={props.labels}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
