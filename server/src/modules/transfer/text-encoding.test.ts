import { describe, expect, it } from 'vitest';
import { decodeImportFile, EncodingError } from './text-encoding.js';

describe('decodeImportFile', () => {
  const latin1 = Uint8Array.from([...Buffer.from('id,name\n1,Caf'), 0xe9, ...Buffer.from(' Bonne Sant'), 0xe9, 0x0a]);

  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeImportFile('a.csv', Buffer.from('\uFEFFid,name\n1,Café\n'))).toBe('id,name\n1,Café\n');
  });

  it('refuses Latin-1 with the line and a way out, instead of storing mojibake', () => {
    expect(() => decodeImportFile('organizations.csv', latin1)).toThrow(EncodingError);
    expect(() => decodeImportFile('organizations.csv', latin1)).toThrow(/not UTF-8 \(byte 0xe9 at line 2, near "id,name 1,Café Bonne Santé"\).*--encoding windows-1252/);
  });

  it('converts when told the encoding', () => {
    expect(decodeImportFile('organizations.csv', latin1, 'windows-1252')).toBe('id,name\n1,Café Bonne Santé\n');
  });

  it('names UTF-16', () => {
    expect(() => decodeImportFile('x.csv', Uint8Array.from([0xff, 0xfe, 0x69, 0x00]))).toThrow(/UTF-16/);
  });
});
