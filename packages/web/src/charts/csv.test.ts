import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes UTF-8 CSV with a byte-order mark, CRLF and quoted cells', () => {
    const csv = toCsv({
      header: ['地区', '值'],
      rows: [
        ['四川省', 6773],
        ['a,"b"', null],
      ],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('地区,值\r\n四川省,6773\r\n"a,""b""",\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
