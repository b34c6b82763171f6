import { Space } from 'antd';
import { ToneTag } from '../lab-shared/ToneTag';
import type { LabSample } from '../../api/labs';
import { useI18n } from '../../i18n/i18n';
import type { LabT } from '../lab-shared/labels';

/** The deadline running now as working days left (by the server's calendar), coloured. */
export function DaysLeft({ s, lt }: { s: LabSample; lt: LabT }) {
  const { date } = useI18n();
  const due = s.receipt ? s.testDueDate : s.labDueDate;
  if (s.workingDaysLeft === null || !due) return <span>{date(due)}</span>;
  const n = s.workingDaysLeft;
  const label =
    n > 0
      ? lt('daysLeft', { count: n })
      : n === 0
        ? lt('dueToday')
        : lt('overdueBy', { count: -n });
  return (
    <Space size={4} wrap>
      <span>{date(due)}</span>
      <ToneTag tone={n < 0 ? 'bad' : n <= 2 ? 'warn' : 'info'}>{label}</ToneTag>
    </Space>
  );
}
