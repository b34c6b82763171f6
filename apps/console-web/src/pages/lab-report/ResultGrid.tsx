import { memo, useCallback, useSyncExternalStore } from 'react';
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

/** How many rows have each outcome, and how many differ from what the server stored. */
export interface GridSummary {
  counts: Record<Judged['outcome'], number>;
  edited: number;
}

/** One row as shown: its typed text, its judgement, the server's refusal of it if any. */
export interface RowState {
  draft: RowDraft;
  judged: Judged;
  error?: string;
}

/**
 * The typed text of a report's grid and the judgement of each row, kept outside React's state:
 * a keystroke replaces its own row's entry, judges that item alone and wakes only that row and
 * the subscribers of the summary (through useSyncExternalStore), so the page around the grid,
 * its buttons and the 59 other rows do not render again. The summary's counts are kept up to
 * date by difference, not by judging every item on each keystroke.
 */
export class GridState {
  private rows: RowState[];
  private summaryValue: GridSummary;
  private readonly rowListeners = new Map<number, Set<() => void>>();
  private readonly summaryListeners = new Set<() => void>();

  constructor(
    readonly items: readonly StoredItem[],
    readonly prepared: readonly PreparedItem[],
    readonly server: Report['preview']['items'],
    private lang: Lang,
  ) {
    this.rows = items.map((item, i) => {
      const draft = { value: item.value ?? '', notTestedReason: item.notTestedReason ?? '' };
      return { draft, judged: judgeRow(item, prepared[i], server[i], draft, lang) };
    });
    this.summaryValue = this.count();
  }

  private count(): GridSummary {
    const counts: GridSummary['counts'] = {
      pass: 0,
      fail: 0,
      not_applicable: 0,
      invalid: 0,
      empty: 0,
    };
    let n = 0;
    this.rows.forEach((r, i) => {
      counts[r.judged.outcome]++;
      if (edited(r.draft, this.items[i])) n++;
    });
    return { counts, edited: n };
  }

  /** Every row as typed, in the items' order (what Save sends). */
  get drafts(): RowDraft[] {
    return this.rows.map((r) => r.draft);
  }

  row = (index: number): RowState => this.rows[index];
  summary = (): GridSummary => this.summaryValue;

  /** A row's typed text changed: it is judged again, and its refusal (if any) is cleared. */
  set(index: number, patch: Partial<RowDraft>): void {
    const before = this.rows[index];
    const draft = { ...before.draft, ...patch };
    const item = this.items[index];
    const judged = judgeRow(item, this.prepared[index], this.server[index], draft, this.lang);
    this.rows[index] = { draft, judged };
    const counts = { ...this.summaryValue.counts };
    counts[before.judged.outcome]--;
    counts[judged.outcome]++;
    const edits =
      this.summaryValue.edited + Number(edited(draft, item)) - Number(edited(before.draft, item));
    const changed = before.judged.outcome !== judged.outcome || edits !== this.summaryValue.edited;
    if (changed) this.summaryValue = { counts, edited: edits };
    this.emitRow(index);
    if (changed) this.emitSummary();
  }

  /** The server refused some rows (by index): each shows its reason until it is typed in again. */
  setErrors(errors: ReadonlyMap<number, string>): void {
    this.rows.forEach((r, i) => {
      const error = errors.get(i);
      if (error === r.error) return;
      this.rows[i] = { draft: r.draft, judged: r.judged, ...(error ? { error } : {}) };
      this.emitRow(i);
    });
  }

  /** The page's language: the reasons are shown in it. */
  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.rows = this.rows.map((r, i) => ({
      ...r,
      judged: judgeRow(this.items[i], this.prepared[i], this.server[i], r.draft, lang),
    }));
    this.rows.forEach((_, i) => this.emitRow(i));
  }

  subscribeRow(index: number, f: () => void): () => void {
    let set = this.rowListeners.get(index);
    if (!set) this.rowListeners.set(index, (set = new Set()));
    set.add(f);
    return () => set.delete(f);
  }

  subscribeSummary = (f: () => void): (() => void) => {
    this.summaryListeners.add(f);
    return () => this.summaryListeners.delete(f);
  };

  private emitRow(index: number) {
    this.rowListeners.get(index)?.forEach((f) => f());
  }

  private emitSummary() {
    this.summaryListeners.forEach((f) => f());
  }
}

/** The grid's summary, read by a component that renders again only when it changes. */
export function useGridSummary(grid: GridState): GridSummary {
  return useSyncExternalStore(grid.subscribeSummary, grid.summary);
}

interface RowProps {
  index: number;
  grid: GridState;
  item: StoredItem;
  /** The previous version's value of this item, when it differs (an amendment). */
  previous?: string | null;
  showPrevious: boolean;
  editable: boolean;
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

/**
 * A row renders again only when its own entry of the grid's state changes (or its props): a
 * keystroke renders its row, nothing else of the grid.
 */
const Row = memo(function Row(p: RowProps) {
  const { item, lt, labels, grid, index } = p;
  const subscribe = useCallback((f: () => void) => grid.subscribeRow(index, f), [grid, index]);
  const { draft, judged, error } = useSyncExternalStore(subscribe, () => grid.row(index));
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
            className={`lab-grid-input${error || judged.outcome === 'invalid' ? ' is-error' : fail ? ' is-fail' : ''}`}
            value={draft.value}
            aria-label={labels.valueOf(item.itemName)}
            aria-invalid={error || judged.outcome === 'invalid' ? true : undefined}
            onChange={(e) => grid.set(index, { value: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        ) : (
          (item.value ?? '')
        )}
        {error && (
          <div className="lab-grid-error" role="alert">
            {error}
          </div>
        )}
      </td>
      <td>
        {p.editable ? (
          <input
            className="lab-grid-input"
            value={draft.notTestedReason}
            aria-label={labels.notTestedOf(item.itemName)}
            onChange={(e) => grid.set(index, { notTestedReason: e.target.value })}
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

/**
 * The outcome of a row: a tag in plain markup (grid.css), not antd's Tag, whose colour
 * transition repainted the page for a fifth of a second after each keystroke that changed it.
 */
function Outcome({ judged, lt, labels }: { judged: Judged; lt: LabT; labels: GridLabels }) {
  if (judged.outcome === 'empty') return null;
  const tone =
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
      <span className={`lab-grid-tag is-${tone}`}>{label}</span>
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
 * The typed text lives in a GridState: a keystroke renders its own row (and whatever reads the
 * summary), not the other 59 nor the page; the inputs are plain ones (antd's Input costs
 * several hooks a render).
 */
export const ResultGrid = memo(function ResultGrid(props: {
  grid: GridState;
  previous?: ReadonlyMap<string, string | null>;
  editable: boolean;
  lt: LabT;
  labels: GridLabels;
  caption: string;
}) {
  const { grid, previous } = props;
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
        {/* Fixed widths (grid.css): a keystroke lays out its row, not every column's width. */}
        <colgroup>
          <col className="lab-grid-col-seq" />
          <col />
          <col className="lab-grid-col-method" />
          <col className="lab-grid-col-unit" />
          <col className="lab-grid-col-limit" />
          {showPrevious && <col className="lab-grid-col-previous" />}
          <col className="lab-grid-col-value" />
          <col className="lab-grid-col-value" />
          <col className="lab-grid-col-outcome" />
        </colgroup>
        <thead>{header}</thead>
        <tbody>
          {grid.items.map((item, i) => {
            const prev = previous?.get(item.itemCode);
            return (
              <Row
                key={item.itemCode}
                index={i}
                grid={grid}
                item={item}
                previous={prev !== undefined && prev !== item.value ? prev : undefined}
                showPrevious={showPrevious}
                editable={props.editable}
                lt={props.lt}
                labels={props.labels}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
