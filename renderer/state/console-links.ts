// Places in program output that can be opened: traceback lines (`File "x.py", line 3`) and
// `x.py:3` as warnings print them.
export interface Segment {
  text: string;
  link?: { file: string; line: number };
}

const PLACE = /File "([^"\n]+)", line (\d+)|((?:[A-Za-z]:)?[^\s:"'()]+\.py):(\d+)/g;

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACE)) {
    const start = match.index;
    if (start > last) segments.push({ text: text.slice(last, start) });
    const file = match[1] ?? match[3]!;
    const line = Number(match[2] ?? match[4]);
    segments.push({ text: match[0], link: { file, line } });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}
