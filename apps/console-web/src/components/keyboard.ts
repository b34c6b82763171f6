import { useEffect, useRef } from 'react';

/**
 * A ref for a box whose tables scroll: their scrolling parts get a tab stop, so the keyboard
 * reaches them (WCAG 2.1.1); antd leaves them without one.
 */
export function useScrollableTables<T extends HTMLElement = HTMLDivElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current
      ?.querySelectorAll<HTMLElement>(
        '.ant-table-content, .ant-table-body, .ant-table-tbody-virtual-holder',
      )
      .forEach((el) => {
        el.tabIndex = 0;
      });
  });
  return ref;
}
