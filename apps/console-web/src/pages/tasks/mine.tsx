import { Alert, Typography } from 'antd';
import { useMe } from '../../app/session';
import { useTaskT } from './labels';
import { TaskTable } from './TaskTable';

/**
 * 我的任务: an inspector's own tasks (GET /tasks/mine, by the staff number of the account). An
 * account without one has none, and is told where to look instead.
 */
export default function MyTasksPage() {
  const t = useTaskT();
  const me = useMe();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('mineTitle')}
      </Typography.Title>
      {me.staffNo ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('mineHelp', { staffNo: me.staffNo })}
          </Typography.Paragraph>
          <TaskTable mine />
        </>
      ) : (
        <Alert type="info" showIcon title={t('mineNone')} />
      )}
    </>
  );
}
