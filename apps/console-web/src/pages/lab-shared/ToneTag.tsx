import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * A tag whose text meets WCAG's 4.5:1 contrast: antd's coloured tags (green, orange, red) draw
 * light text on a light ground and fail axe's check.
 */
const TONES = {
  ok: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
  warn: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  info: { color: '#003a8c', background: '#e6f4ff', borderColor: '#69b1ff' },
  retest: { color: '#391085', background: '#f9f0ff', borderColor: '#b37feb' },
  plain: {},
} as const;

export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}
