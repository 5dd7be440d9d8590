import mammoth from 'mammoth';
import { parse, type HTMLElement, NodeType, type Node } from 'node-html-parser';
import { checkZipSize, ZipRefused } from '../../lib/zip.js';
import { parseDocDate, ymd } from './periods.js';

/** A report as text, with what is known of its source. */
export interface SourceText {
  text: string;
  title: string | null;
  publisher: string | null;
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  date: string | null;
  url: string | null;
}

/** A file that cannot be read: the message says why and what is supported. */
export class DocumentError extends Error {}

export const SUPPORTED = '.txt (UTF-8 or GB18030), .docx, .html/.htm';

/** A report's .docx unzips to a few MB at most (its text, styles and a few images); more is refused unread. */
export const DOCX_LIMITS = { maxBytes: 8 * 1024 * 1024, maxEntries: 500 };

/** Turns an uploaded file (name + bytes) into text and the source's title, publisher, date and URL. */
export async function readDocument(name: string, bytes: Uint8Array): Promise<SourceText> {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (!bytes.length) throw new DocumentError(`"${name}" is empty.`);
  switch (ext) {
    case 'txt':
    case 'text':
    case 'md':
      return recogniseHeader(normaliseText(decodeText(bytes, name)));
    case 'html':
    case 'htm':
    case 'xhtml':
      return readHtml(decodeText(bytes, name, true));
    case 'docx': {
      if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
        throw new DocumentError(`"${name}" is not a valid .docx file (a .docx is a ZIP archive; this is not one).`);
      try {
        await checkZipSize(Buffer.from(bytes), DOCX_LIMITS);
      } catch (error) {
        if (error instanceof ZipRefused && error.reason === 'too-large') {
          throw new DocumentError(
            `"${name}" unzips to more than ${DOCX_LIMITS.maxBytes / 1024 / 1024} MB: that is not a report's text; paste the text instead.`,
          );
        }
        throw new DocumentError(`"${name}" is not a readable .docx file (a damaged ZIP archive).`);
      }
      let html: string;
      try {
        html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
      } catch (error) {
        throw new DocumentError(`"${name}" is not a readable .docx file: ${(error as Error).message}`);
      }
      return readHtml(`<html><body>${html}</body></html>`);
    }
    case 'doc':
      throw new DocumentError(`"${name}" is a Word 97–2003 .doc file: save it as .docx, or paste its text. Supported: ${SUPPORTED}.`);
    case 'pdf':
      throw new DocumentError(`"${name}" is a PDF, which is not supported: paste its text instead. Supported: ${SUPPORTED}.`);
    default:
      throw new DocumentError(`"${name}" has an unsupported type${ext ? ` (.${ext})` : ''}. Supported: ${SUPPORTED}.`);
  }
}

/** UTF-8 (with or without BOM), else GB18030 (a superset of GBK); refuses binary data. */
function decodeText(bytes: Uint8Array, name: string, html = false): string {
  if (bytes.subarray(0, 4096).includes(0))
    throw new DocumentError(`"${name}" is not a text file (it holds binary data). Supported: ${SUPPORTED}.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    if (html && /charset\s*=\s*["']?(?!gb|GB)[\w-]+/.test(head) && !/charset\s*=\s*["']?(gb2312|gbk|gb18030)/i.test(head)) {
      throw new DocumentError(`"${name}" is not valid UTF-8 and does not declare a Chinese encoding.`);
    }
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const normaliseText = (text: string): string => text.replace(/\r\n?/g, '\n');

const DROP =
  'script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select, object, [role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true]';
const CHROME =
  /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumb|footer|foot|header|head|sidebar|side|share|comments?|copyright|toolbar|related|recommend|ads?|banner)([-_\s]|$)/i;
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'blockquote',
  'pre',
  'br',
  'hr',
  'dd',
  'dt',
  'dl',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'td',
  'th',
]);

/** Visible article text of an HTML page: headings as `#` lines, blocks as paragraphs. */
function htmlText(root: HTMLElement): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      line += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    const heading = /^h([1-6])$/.exec(tag);
    if (BLOCK.has(tag)) flush();
    if (heading) line += `${'#'.repeat(Number(heading[1]))} `;
    for (const child of el.childNodes) walk(child);
    if (BLOCK.has(tag) || tag === 'td') flush();
  };
  walk(root);
  flush();
  return lines.join('\n\n');
}

/** The most tags, and the deepest nesting, of a page that is read (a news page has a few thousand, 20–40 deep). */
export const HTML_LIMITS = { tags: 30_000, depth: 400 };

// elements that hold nothing, or that the parser closes by themselves when the next one opens
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th option thead tbody tfoot colgroup'.split(' '),
);

/** Refuses pages whose shape would make parsing slow (parsing deep nesting is quadratic). */
function checkHtmlShape(html: string): void {
  let tags = 0;
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    if (++tags > HTML_LIMITS.tags)
      throw new DocumentError(
        `The page has more than ${HTML_LIMITS.tags.toLocaleString('en')} tags: save only the article, or paste its text.`,
      );
    const name = m[2].toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    depth = Math.max(0, depth + (m[1] ? -1 : 1));
    if (depth > HTML_LIMITS.depth)
      throw new DocumentError(`The page nests elements more than ${HTML_LIMITS.depth} deep: save only the article, or paste its text.`);
  }
}

function readHtml(html: string): SourceText {
  checkHtmlShape(html);
  const doc = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const el = doc.querySelector(`meta[name="${key}"]`) ?? doc.querySelector(`meta[property="${key}"]`);
      const content = el?.getAttribute('content')?.trim();
      if (content) return content;
    }
    return null;
  };
  const pageTitle = doc.querySelector('title')?.text.trim() || null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const dateMeta = meta(
    'PubDate',
    'pubdate',
    'publishdate',
    'publish_date',
    'article:published_time',
    'og:published_time',
    'date',
    'DC.date',
  );
  const timeEl = doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;

  for (const el of doc.querySelectorAll(DROP)) el.remove();
  for (const el of doc.querySelectorAll('[class], [id]')) {
    const tag = el.tagName?.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') continue;
    if (CHROME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
  }
  const body =
    doc.querySelector('article') ?? doc.querySelector('main') ?? doc.querySelector('[role=main]') ?? doc.querySelector('body') ?? doc;
  const text = htmlText(body);
  const fromText = recogniseHeader(text);
  const h1 = body.querySelector('h1')?.text.trim() || null;
  const date = parseDocDate(dateMeta ?? timeEl ?? undefined);
  return {
    text,
    title: meta('ArticleTitle', 'og:title', 'twitter:title') ?? h1 ?? fromText.title ?? pageTitle,
    publisher: meta('ContentSource', 'source', 'author', 'og:site_name', 'SiteName', 'publisher') ?? fromText.publisher,
    date: date ? dateText(date) : fromText.date,
    url: canonical ?? meta('og:url', 'url') ?? fromText.url,
  };
}

const dateText = (d: { year: number; month: number; day: number | null }) =>
  d.day ? ymd(d.year, d.month, d.day) : `${d.year}-${String(d.month).padStart(2, '0')}`;

const ORG =
  /(人民政府|政府|人社局|人社厅|人力资源和社会保障(?:厅|局|部)|人力资源社会保障(?:厅|局|部)|总工会|工会|企业联合会|企业家协会|工商联|日报|晚报|报社|新闻网|网|办公室|委员会|Ministry[\w\s]*|News Network|Network|Daily)$/;
const META_LINE =
  /^(来源|来源于|发布日期|发布时间|日期|时间|作者|编辑|责任编辑|字体|点击|阅读|浏览|分享|Source|Editor|Author|Font size|Date)\b|^[\d\s:\-/年月日.]+(来源|Source|$)/i;

/** Title, publisher, date and URL from a report's own header lines and closing attribution. */
export function recogniseHeader(text: string): SourceText {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const head = lines.slice(0, 15);
  let date: string | null = null;
  let dateLine = -1;
  head.some((line, i) => {
    if (line.length > 100) return false;
    const d = parseDocDate(/(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})/.exec(line)?.[1]);
    if (d) {
      date = dateText(d);
      dateLine = i;
    }
    return !!d;
  });
  if (!date) {
    // a date standing alone on its line (the end of an appeal or a notice): 2024年3月19日
    const alone = lines.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
    const d = parseDocDate(alone);
    if (d) date = dateText(d);
  }
  const url = /https?:\/\/[^\s"'<>，。]+/.exec(head.join('\n'))?.[0] ?? null;

  let title: string | null = lines.find((l) => /^#\s/.test(l))?.replace(/^#+\s*/, '') ?? null;
  if (!title) title = head.find((l, i) => head.indexOf(l) !== i && l.length >= 6) ?? null; // repeated header line
  if (!title && dateLine > 0) {
    for (let i = dateLine - 1; i >= 0 && !title; i--) {
      const l = head[i];
      if (!META_LINE.test(l) && l.length >= 6 && l.length <= 160 && !/[。！？]$/.test(l)) title = l;
    }
  }

  let publisher: string | null = null;
  // a closing attribution: （四川省人民政府）
  for (const line of lines) {
    const m = /[（(]([^（）()]{2,30})[）)]\s*$/.exec(line);
    if (m && ORG.test(m[1].trim()) && line.length > m[0].length + 20) publisher = m[1].trim();
  }
  if (!publisher) {
    const source = head.map((l) => /(?:来源|Source)\s*[:：]\s*([^\s|]+(?: [A-Z][\w]+)*)/.exec(l)?.[1]).find(Boolean);
    publisher = source ?? null;
  }
  if (!publisher && head[0]) {
    const first = head[0].split(/\s+[-|–—]\s*|\s{2,}/)[0].trim();
    if (ORG.test(first) && first.length <= 30) publisher = first;
  }
  return { text, title, publisher, date, url };
}
