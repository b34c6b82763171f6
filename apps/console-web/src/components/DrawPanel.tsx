import { Alert, Button, Card, Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { definePageMessages } from '../i18n/i18n';
import { ErrorAlert, useApplyError, useErrorText } from './errors';

/**
 * The commit-and-draw block shared by the plans' draw and the objections' retest-lab draw
 * (docs/draw-algorithm.md): the commitment computed from a seed in the browser (the seed is
 * never sent), the card that reveals the seed and draws, and the card that has the server
 * recompute the draw from its record. The pages keep what differs: what is drawn, the record.
 */
const useDrawT = definePageMessages(
  {
    seed: '种子',
    seedForHash: '在本机由种子计算承诺值（种子不会上传）',
    computeCommitment: '计算',
    commitment: '承诺值 SHA-256(种子)',
    drawAction: '公开种子并抽取',
    verifyTitle: '抽取验证',
    verifyAction: '重新计算验证',
    verdict_MATCH: '一致：按抽取记录重新计算，结果与本次抽取相同',
    verdict_MISMATCH: '不一致：按抽取记录重新计算的结果与本次抽取不同',
    firstDifference: '首个差异',
  },
  {
    seed: 'Seed',
    seedForHash: 'Compute the commitment from a seed in this browser (the seed is not sent)',
    computeCommitment: 'Compute',
    commitment: 'Commitment SHA-256(seed)',
    drawAction: 'Reveal the seed and draw',
    verifyTitle: 'Verification',
    verifyAction: 'Recompute and verify',
    verdict_MATCH: 'MATCH: recomputed from the record, the draw is the same',
    verdict_MISMATCH: 'MISMATCH: the draw recomputed from the record differs',
    firstDifference: 'First difference',
  },
);

/**
 * A form's request: refreshes the queries named, puts a refusal beside the fields it names and
 * keeps the rest for an alert above the form.
 */
export function useFormSubmit(invalidate: QueryKey[]) {
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [done, setDone] = useState(false);
  const run = async (form: FormInstance | undefined, call: () => Promise<unknown>) => {
    setBusy(true);
    setErrors(null);
    setDone(false);
    try {
      await call();
      setDone(true);
      for (const queryKey of invalidate) await client.invalidateQueries({ queryKey });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, done, run };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The `commitment` field of a form, with the seed typed beside it and hashed in the browser
 * (only the digest goes into the form).
 */
export function CommitmentFields({ form, required }: { form: FormInstance; required?: boolean }) {
  const t = useDrawT();
  const [seed, setSeed] = useState('');
  const canHash = typeof crypto !== 'undefined' && !!crypto.subtle;
  return (
    <>
      {canHash && (
        <Form.Item label={t('seedForHash')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input.Password
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              aria-label={t('seedForHash')}
              autoComplete="off"
            />
            <Button
              disabled={!seed}
              onClick={async () => form.setFieldsValue({ commitment: await sha256Hex(seed) })}
            >
              {t('computeCommitment')}
            </Button>
          </Space.Compact>
        </Form.Item>
      )}
      <Form.Item
        name="commitment"
        label={t('commitment')}
        rules={required ? [{ required: true }] : undefined}
      >
        <Input style={{ fontFamily: 'monospace' }} autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** A verdict of the recomputed draw, as the plans' and the objections' verifications give it. */
export interface DrawVerdict {
  verdict: 'MATCH' | 'MISMATCH';
  firstDifference?: string | null;
  /** Where the whole record can be downloaded, if it can. */
  recordUrl?: string;
}

export interface DrawPanelProps {
  /** `reveal` while committed and not drawn; `drawn` shows the record and its verification. */
  stage: 'reveal' | 'drawn';
  /** The reveal card's title ('双随机抽取', '抽取复检机构'). */
  title: string;
  seedHelp: string;
  /** Reveals the seed: the page's POST …/draw. */
  reveal: (seed: string) => Promise<unknown>;
  /** The queries to refresh after the draw. */
  invalidate: QueryKey[];
  /** The draw's record, as the page shows it (once drawn). */
  record?: ReactNode;
  /** Has the server recompute the draw from its record. */
  verify: () => Promise<DrawVerdict>;
  recordUrlLabel?: string;
}

/** Reveal the seed and draw; once drawn, the record and the verification. */
export function DrawPanel(p: DrawPanelProps) {
  return p.stage === 'reveal' ? (
    <RevealCard {...p} />
  ) : (
    <>
      {p.record}
      <VerifyCard verify={p.verify} recordUrlLabel={p.recordUrlLabel} />
    </>
  );
}

function RevealCard({ title, seedHelp, reveal, invalidate }: DrawPanelProps) {
  const t = useDrawT();
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(invalidate);
  return (
    <Card title={title}>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        aria-label={title}
        onFinish={(v: { seed: string }) => run(form, () => reveal(v.seed))}
      >
        <Form.Item name="seed" label={t('seed')} extra={seedHelp} rules={[{ required: true }]}>
          <Input autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('drawAction')}
        </Button>
      </Form>
    </Card>
  );
}

function VerifyCard({
  verify,
  recordUrlLabel,
}: {
  verify: () => Promise<DrawVerdict>;
  recordUrlLabel?: string;
}) {
  const t = useDrawT();
  const errorText = useErrorText();
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<DrawVerdict | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const run = async () => {
    setVerifying(true);
    setError(null);
    try {
      setVerdict(await verify());
    } catch (e) {
      setError([errorText(e)]);
    } finally {
      setVerifying(false);
    }
  };
  return (
    <Card title={t('verifyTitle')}>
      <ErrorAlert lines={error} />
      {verdict && (
        <Alert
          role="status"
          style={{ marginBottom: 16 }}
          type={verdict.verdict === 'MATCH' ? 'success' : 'error'}
          showIcon
          title={`${verdict.verdict} · ${t(`verdict_${verdict.verdict}`)}`}
          description={
            (verdict.firstDifference || verdict.recordUrl) && (
              <>
                {verdict.firstDifference && (
                  <div>
                    {t('firstDifference')}：{verdict.firstDifference}
                  </div>
                )}
                {verdict.recordUrl && (
                  <a href={verdict.recordUrl} download>
                    {recordUrlLabel ?? verdict.recordUrl}
                  </a>
                )}
              </>
            )
          }
        />
      )}
      <Button onClick={() => void run()} loading={verifying}>
        {t('verifyAction')}
      </Button>
    </Card>
  );
}
