/**
 * Withdrawal and recall of a failed batch (下架 / 召回), docs/cases.md: the batch's downstream
 * holders are the parties and places its captured shipping and receiving events name; a holder
 * is an enterprise of Spotcheck when the GS1 company prefix of its GLN is one it registered
 * (`enterprise_gtin_prefix`); a holder confirms the withdrawal with an event of CBV disposition
 * `recalled` for the batch.
 */

/** A GS1 company prefix or GTIN an enterprise registered. */
export interface PrefixRegistration {
  readonly uscc: string;
  readonly kind: 'company_prefix' | 'gtin';
  readonly value: string;
}

/** CBV 2.0 `recalled`, as a bare word or a CBV URI (urn:epcglobal:cbv:disp:…, ref.gs1.org/cbv/Disp-…). */
export function isRecalledDisposition(disposition: string | null | undefined): boolean {
  if (!disposition) return false;
  return (
    disposition === 'recalled' ||
    disposition === 'urn:epcglobal:cbv:disp:recalled' ||
    /^https?:\/\/ref\.gs1\.org\/cbv\/Disp-recalled$/.test(disposition)
  );
}

/** The business step of a captured event as its CBV word (bare, or the end of a CBV URI). */
export function cbvWord(value: string | null | undefined): string | null {
  if (!value) return null;
  const m =
    /^(?:urn:epcglobal:cbv:(?:bizstep|disp):|https?:\/\/ref\.gs1\.org\/cbv\/(?:BizStep|Disp)-)(.+)$/.exec(
      value,
    );
  return m ? m[1] : value;
}

/**
 * What a party or place URI says of its GS1 company: the company prefix of an SGLN or PGLN URN
 * (`urn:epc:id:sgln:<prefix>.<location>.<ext>`), or the 13-digit GLN of a GS1 Digital Link
 * (`…/414/<GLN>`, `…/417/<party GLN>`); null for anything else.
 */
export function glnKeyOf(uri: string): { companyPrefix: string } | { gln: string } | null {
  const urn = /^urn:epc:id:(?:sgln|pgln):([0-9]{6,12})\./.exec(uri);
  if (urn) return { companyPrefix: urn[1] };
  const dl = /^https?:\/\/[^/]+(?:\/[^?#]*)?\/41[47]\/([0-9]{13})(?:[/?#]|$)/.exec(uri);
  if (dl) return { gln: dl[1] };
  return null;
}

/**
 * The enterprise a holder URI belongs to, by the company prefixes enterprises registered: the
 * URN's prefix exactly, or the longest registered prefix a Digital Link GLN starts with; null
 * when none (a holder without an account).
 */
export function holderEnterprise(
  uri: string,
  registrations: readonly PrefixRegistration[],
): string | null {
  const key = glnKeyOf(uri);
  if (key === null) return null;
  let best: PrefixRegistration | null = null;
  for (const r of registrations) {
    if (r.kind !== 'company_prefix') continue;
    if ('companyPrefix' in key ? r.value === key.companyPrefix : key.gln.startsWith(r.value))
      if (best === null || r.value.length > best.value.length) best = r;
  }
  return best?.uscc ?? null;
}

/** What a manufacturer decided about the failed batch. */
export const RECALL_DECISIONS = ['recall', 'withdraw', 'no_recall'] as const;
export type RecallDecision = (typeof RECALL_DECISIONS)[number];

export const RECALL_DECISION_LABELS_ZH: Readonly<Record<RecallDecision, string>> = Object.freeze({
  recall: '主动召回',
  withdraw: '下架停止销售',
  no_recall: '不召回（说明理由）',
});
