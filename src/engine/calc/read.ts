/**
 * Read stage: the .xlsx file → the raw book (every cell's saved value and
 * formula, names, date system), bounded by the documented caps. Every failure
 * is a WorkbookError with a one-line message: the book cannot be evaluated.
 */
import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, LimitError, XlsxLimits } from '../xlsx/limits';
import { XBook, XlsxError, readXlsx } from '../xlsx/read';
import { ZipFormatError } from '../xlsx/zip';
import { WorkbookError, firstLine } from './types';

/** Reads a workbook (bounded by `caps` over the defaults). */
export async function readBook(file: string, caps: Partial<XlsxLimits> = {}): Promise<XBook> {
  const limits: XlsxLimits = { ...DEFAULT_LIMITS, ...caps };
  let data: Uint8Array;
  try {
    // A zip is never larger than what it inflates to (beyond a few headers): a file over the cap is refused unread.
    if ((await stat(file)).size > limits.maxInflatedBytes) {
      throw new LimitError(`${file} is larger than ${Math.round(limits.maxInflatedBytes / 1048576)} MiB (the cap on a workbook's uncompressed size); calc stops here`);
    }
    data = await readFile(file);
  } catch (e) {
    if (e instanceof LimitError) throw new WorkbookError(e.message, 'cap');
    throw new WorkbookError(`cannot read ${file} (${firstLine(e)})`, 'unreadable');
  }
  try {
    return readXlsx(file, data, limits);
  } catch (e) {
    if (e instanceof LimitError) throw new WorkbookError(e.message, 'cap');
    if (e instanceof XlsxError) throw new WorkbookError(e.message, 'damaged');
    if (e instanceof ZipFormatError) throw new WorkbookError(`${file} is not a readable .xlsx workbook (${e.message})`, 'damaged');
    // Anything else the reader meets in a damaged file (a RangeError, say) ends this book, not the run.
    throw new WorkbookError(`${file} cannot be read (${firstLine(e)})`, 'damaged');
  }
}
