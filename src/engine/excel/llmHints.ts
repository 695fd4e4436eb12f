/**
 * Hints for Excel's VALUE, RANK and GROWTH called as if they were the LLM.
 * functions of the same name (`=VALUE("Alibaba","capex")`, `=RANK("tokens")`,
 * `=GROWTH("OpenAI","valuation","2025-04","2025-10-03")`): Excel's meaning is
 * kept — the error is Excel's (#N/A for a wrong argument count, as HyperFormula
 * gives it, #VALUE! for words where Excel wants numbers) — and the message says
 * which LLM. function fits the arguments.
 */
import { CellError, ErrorType } from 'hyperformula';
import { FUNCTIONS } from '../../core/catalog';
import { AnyAst, unparenthesised } from '../hf/internals';

/** A text literal that does not read as a number ("Alibaba", "tokens"; not "12" or ""). */
export function isWordLiteral(ast: AnyAst | undefined): boolean {
  const a = ast && unparenthesised(ast);
  if (!a || a.type !== 'STRING') return false;
  const text = String((a as { value?: unknown }).value ?? '').trim();
  return text !== '' && Number.isNaN(Number(text));
}

function signature(fn: string): string {
  const spec = FUNCTIONS.find((f) => f.name === fn);
  return spec ? `LLM.${fn}(${spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})` : `LLM.${fn}`;
}

/** Excel's error for `fn`, with what Excel's function wants and the LLM. function that fits. */
export function llmHint(fn: 'VALUE' | 'RANK' | 'GROWTH', type: ErrorType, excel: string): CellError {
  return new CellError(type, `${fn}: ${excel} Did you mean LLM.${fn}? ${signature(fn)} answers from the dataset.`);
}
