/**
 * The structure of a report's text, with offsets into it: sections (under `#` headings), paragraphs,
 * sentences and clauses. Lines broken in the middle of a sentence (newspaper layout, page breaks)
 * are joined back into one paragraph.
 */

export interface Span {
  start: number;
  end: number;
}
export interface Sentence extends Span {
  clauses: Span[];
}
export interface Paragraph extends Span {
  sentences: Sentence[];
}
export interface Section extends Span {
  /** The heading lines (without `#`) that open the section. */
  heading: string;
  paragraphs: Paragraph[];
}

const TERMINAL = /[。！？!?…”」』）)：:；;.]$/;
const SENTENCE_END = /[。！？!?]+[”’」』]?|\.(?=\s+["“A-Z]|\s*$)/g;

/** Splits a sentence into clauses at ，；： (and English , ; :), not inside short quotations or brackets. */
function clausesOf(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  const closing: Record<string, string> = { '“': '”', '《': '》', '（': '）', '(': ')', '「': '」' };
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    const close = closing[c];
    if (close) {
      const j = text.indexOf(close, i + 1);
      if (j > i && j < end && j - i <= 40) i = j; // a name or an aside: one piece
      continue;
    }
    if (
      '，；：'.includes(c) ||
      ((c === ',' || c === ';' || c === ':') && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')))
    ) {
      if (i > from) spans.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (end > from) spans.push({ start: from, end });
  for (const s of spans) {
    while (s.start < s.end && /\s/.test(text[s.start])) s.start++;
    for (;;) {
      const last = text[s.end - 1];
      const unopened = (open: string) => !text.slice(s.start, s.end - 1).includes(open);
      if (s.end > s.start && (/[\s。！？!?.]/.test(last) || (last === '”' && unopened('“')) || (last === '」' && unopened('「')))) s.end--;
      else break;
    }
    while (s.start < s.end && ((text[s.start] === '“' && !text.slice(s.start + 1, s.end).includes('”')) || /\s/.test(text[s.start])))
      s.start++;
  }
  return spans.filter((s) => s.end > s.start);
}

function sentencesOf(text: string, start: number, end: number): Sentence[] {
  const out: Sentence[] = [];
  const body = text.slice(start, end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m; (m = SENTENCE_END.exec(body));) {
    const to = m.index + m[0].length;
    if (body.slice(from, to).trim()) out.push({ start: start + from, end: start + to, clauses: [] });
    from = to;
  }
  if (body.slice(from).trim()) out.push({ start: start + from, end, clauses: [] });
  for (const s of out) {
    while (/\s/.test(text[s.start])) s.start++;
    s.clauses = clausesOf(text, s.start, s.end);
  }
  return out;
}

const isHeading = (line: string) => /^#{1,6}\s/.test(line);

/** Sections, paragraphs, sentences and clauses of the text. */
export function analyseLayout(text: string): Section[] {
  const lines: Span[] = [];
  const re = /[^\n]+/g;
  for (let m; (m = re.exec(text));) if (m[0].trim()) lines.push({ start: m.index, end: m.index + m[0].length });

  const sections: Section[] = [];
  let section: Section | null = null;
  let open: Span | null = null; // a paragraph that continues on the next line
  const closeParagraph = () => {
    if (open && section) section.paragraphs.push({ ...open, sentences: sentencesOf(text, open.start, open.end) });
    open = null;
  };
  for (const line of lines) {
    const content = text.slice(line.start, line.end).trim();
    if (isHeading(content)) {
      closeParagraph();
      const title = content.replace(/^#+\s*/, '');
      if (!section || section.paragraphs.length) {
        section = { start: line.start, end: line.end, heading: title, paragraphs: [] };
        sections.push(section);
      } else section.heading += ` ${title}`;
      continue;
    }
    if (!section) {
      section = { start: line.start, end: line.end, heading: '', paragraphs: [] };
      sections.push(section);
    }
    if (open) (open as Span).end = line.end;
    else open = { ...line };
    // body text cut mid-sentence (it has clause punctuation but no sentence end) goes on below
    const joined = text.slice((open as Span).start, (open as Span).end).trim();
    if (TERMINAL.test(joined) || !/[，。,]/.test(joined)) closeParagraph();
    section.end = line.end;
  }
  closeParagraph();
  for (const s of sections) s.end = Math.max(s.end, s.paragraphs.at(-1)?.end ?? s.end);
  return sections;
}

/** The text of a span with layout whitespace between Chinese characters removed. */
export const compact = (text: string): string =>
  text
    .replace(/\s*\n\s*/g, (ws, offset: number, all: string) =>
      /[A-Za-z0-9]/.test(all[offset - 1] ?? '') && /[A-Za-z0-9]/.test(all[offset + ws.length] ?? '') ? ' ' : '',
    )
    .replace(/[ \t\u3000]+/g, ' ')
    .trim();
