/**
 * The source documents live beside the project, in ../shared/seeds; set
 * LLM_MARKET_DOCUMENTS to the folder that holds them anywhere else. Where they
 * are missing, tests that need them fail under CI and are skipped, with one
 * line saying so, elsewhere. Nothing here throws ENOENT.
 */
import fs from 'fs';
import path from 'path';

export const DOCUMENTS_ENV = 'LLM_MARKET_DOCUMENTS';
export const DOCUMENTS_DIR = process.env[DOCUMENTS_ENV] || path.resolve(__dirname, '../../../shared/seeds');

export function documentsAvailable(dir = DOCUMENTS_DIR): boolean {
  try {
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => f.endsWith('.txt'));
  } catch {
    return false;
  }
}

/** Why quotes cannot be verified, in one line, or null when they can. */
export function documentsMissingMessage(dir = DOCUMENTS_DIR): string | null {
  if (documentsAvailable(dir)) return null;
  return `source documents not found in ${dir}: quotes are not verified. Set ${DOCUMENTS_ENV} to the folder holding NNN_<hash>.txt (the shared seeds).`;
}

/** A document's text, or null when its file is missing or unreadable. */
export function readDocument(id: string, dir = DOCUMENTS_DIR): string | null {
  try {
    return fs.readFileSync(path.join(dir, `${id}.txt`), 'utf8');
  } catch {
    return null;
  }
}
