// A list that renders only the rows in view (plus a few), so ten thousand rows cost as much
// as forty. Rows have one fixed height; that is what makes the arithmetic cheap.
import { useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type UIEvent } from 'react';

export interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  overscan?: number;
  /** Scroll so that this row is visible, when it changes. */
  scrollToIndex?: number | null;
  /** Keep the view at the end as rows are added, while the user has not scrolled up. */
  followEnd?: boolean;
}

const FALLBACK_HEIGHT = 400;

export function VirtualList({ count, rowHeight, renderRow, overscan = 8, scrollToIndex, followEnd, className, ...rest }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const atEnd = useRef(true);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || FALLBACK_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || scrollToIndex == null || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [scrollToIndex, rowHeight]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !followEnd || !atEnd.current) return;
    element.scrollTop = element.scrollHeight;
  }, [count, followEnd]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    atEnd.current = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight;
    setScrollTop(element.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div key={index} role="none" className="virtual-row" style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div ref={ref} className={`virtual-list ${className ?? ''}`} onScroll={onScroll} {...rest}>
      <div role="none" className="virtual-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
