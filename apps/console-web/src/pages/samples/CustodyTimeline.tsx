import { Tag, Timeline, Typography } from 'antd';
import type { components } from '../../api/tasks.schema';
import { useI18n } from '../../i18n/i18n';
import { useSampleT } from './labels';

export type CustodyEvent = components['schemas']['CustodyEventDto'];

const KIND_COLOR: Record<string, string> = {
  sampled: 'blue',
  sealed: 'blue',
  shipped: 'blue',
  received: 'green',
  rejected_at_receipt: 'red',
  testing: 'green',
  backup_retained: 'gray',
  retest_dispatched: 'orange',
  disposed: 'gray',
  returned: 'gray',
};

const DETAIL_KEYS = new Set([
  'sealNumbers',
  'carrier',
  'trackingNo',
  'reason',
  'verdict',
  'verdictDate',
  'toLabId',
  'method',
  'recipient',
]);

/** A custody event's detail (seal numbers, carrier, reason…) as short "label：value" text. */
function detailText(detail: Record<string, unknown>, t: ReturnType<typeof useSampleT>): string {
  return Object.entries(detail)
    .map(
      ([k, v]) =>
        `${DETAIL_KEYS.has(k) ? t(`detail_${k}` as never) : k}：${Array.isArray(v) ? v.join('、') : String(v)}`,
    )
    .join('；');
}

/**
 * 样品流转记录: the custody chain of a sample, oldest first, each step with when it happened
 * (and when it was recorded, if later), where, by whom, and the state it left the sample in.
 */
export function CustodyTimeline({ events }: { events: CustodyEvent[] }) {
  const t = useSampleT();
  const { dateTime } = useI18n();
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.seq,
        color: KIND_COLOR[e.kind] ?? 'blue',
        content: (
          <div>
            <Typography.Text strong>
              {e.seq}. {t(`kind_${e.kind}` as never)}
            </Typography.Text>{' '}
            <Tag>{t(`state_${e.stateAfter}` as never)}</Tag>
            <div>
              {t('occurredAt')}：{dateTime(e.occurredAt)}
              {dateTime(e.recordedAt) !== dateTime(e.occurredAt) &&
                ` · ${t('recordedAt')}：${dateTime(e.recordedAt)}`}
            </div>
            <div>
              {t('where')}：{e.address}（{e.regionCode}）
            </div>
            <div>
              {t('by')}：{t(`role_${e.actorRole}` as never)} {e.actorStaffNo ?? e.actor}
            </div>
            {Object.keys(e.detail ?? {}).length > 0 && <div>{detailText(e.detail, t)}</div>}
            {e.note && <div>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
