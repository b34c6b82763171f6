import { Typography } from 'antd';
import { useTaskT } from './labels';
import { TaskTable } from './TaskTable';

/** 抽查任务: the jurisdiction's tasks by plan, state, inspector and overdue. */
export default function TasksPage() {
  const t = useTaskT();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <TaskTable />
    </>
  );
}
