/**
 * Import files must be UTF-8. Node's 'utf8' decoding turns every invalid byte into U+FFFD without a word, so a
 * Latin-1 export would be stored as mojibake: the bytes are checked first, and a file that is not UTF-8 is
 * refused with where and what it looks like — or transcoded when the user names its encoding.
 */
export const TRANSCODABLE = ['windows-1252', 'latin1', 'iso-8859-1', 'iso-8859-15', 'utf-16le'] as const;
export type SourceEncoding = 'utf-8' | (typeof TRANSCODABLE)[number];

export class EncodingError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** Decodes `bytes` of `file` as `encoding` (default UTF-8, strictly: no byte is replaced silently). */
export function decodeImportFile(file: string, bytes: Uint8Array, encoding: SourceEncoding = 'utf-8'): string {
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    throw new EncodingError(file, 1, `${file} is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8, or give --encoding utf-16le`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = 1 + bytes.subarray(0, at).filter((b) => b === 0x0a).length;
    const sample = new TextDecoder('windows-1252').decode(bytes.subarray(Math.max(0, at - 20), at + 20)).replace(/\s+/g, ' ');
    throw new EncodingError(
      file,
      line,
      `${file} is not UTF-8 (byte 0x${bytes[at]!.toString(16)} at line ${line}, near "${sample.trim()}"); it looks like Windows-1252 / Latin-1. ` +
        'Save it as UTF-8, or give --encoding windows-1252 to convert it.',
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}
