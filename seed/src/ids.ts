import { createHash } from 'node:crypto';

/** Namespace of every Knotwork seed/import id (a fixed random UUID). */
export const KNOTWORK_NAMESPACE = '6f1c2a8e-3b5d-4c7a-9e21-5d8b0f4a7c13';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 4122 UUID version 5 (SHA-1, name-based). */
export function uuidv5(name: string, namespace: string = KNOTWORK_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** lower-case, ascii, words joined by '-' */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The deterministic id of a seeded entity: UUID v5 of `knotwork:<Label>:<key>` where key is the slug of its
 * natural name (e.g. seedId('Specialism', 'Speech and language therapy') ===
 * uuidv5('knotwork:Specialism:speech-and-language-therapy')).
 */
export function seedId(label: string, nameOrKey: string): string {
  return uuidv5(`knotwork:${label}:${slug(nameOrKey)}`);
}
