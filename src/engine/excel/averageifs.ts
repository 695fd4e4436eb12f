/**
 * AVERAGEIFS, which HyperFormula lacks, built on its own conditional
 * aggregation (the same criteria parsing, wildcards and size checks as its
 * SUMIFS and AVERAGEIF): the mean of the numbers in average_range whose rows
 * meet every criterion; text, logicals and blanks there are skipped; no
 * number left is #DIV/0!, as in Excel.
 */
import { CellError, ErrorType, FunctionArgumentType, FunctionPlugin, FunctionPluginDefinition, HyperFormula } from 'hyperformula';
import { hasConditionalAggregation, pluginInternals } from '../hf/internals';
import { rawNumber } from './values';

interface Mean {
  sum: number;
  count: number;
}

export function registerAverageifs(): void {
  const Base = HyperFormula.getFunctionPlugin('SUMIFS') as (FunctionPluginDefinition & (new (...a: never[]) => FunctionPlugin)) | undefined;
  if (!Base || !hasConditionalAggregation(Base)) return;
  if (HyperFormula.getRegisteredFunctionNames('enGB').includes('AVERAGEIFS')) return;
  class Averageifs extends (Base as unknown as typeof FunctionPlugin) {}
  Averageifs.implementedFunctions = {
    AVERAGEIFS: {
      method: 'averageifs',
      parameters: [{ argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.NOERROR }],
      repeatLastArgs: 2,
    },
  };
  (Averageifs.prototype as unknown as Record<string, unknown>).averageifs = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
    const self = pluginInternals(this);
    return self.call('AVERAGEIFS', ast.args, state, (values: unknown, ...criteria: unknown[]) => {
      const mean = self.conditionalAggregate<Mean>(
        values,
        criteria,
        'AVERAGEIFS',
        { sum: 0, count: 0 },
        (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
        (v) => {
          const n = rawNumber(v);
          return n === undefined ? { sum: 0, count: 0 } : { sum: n, count: 1 };
        },
      );
      if (mean instanceof CellError) return mean;
      return mean.count ? mean.sum / mean.count : new CellError(ErrorType.DIV_BY_ZERO, 'AVERAGEIFS: no number in average_range meets every criterion.');
    });
  };
  HyperFormula.registerFunction('AVERAGEIFS', Averageifs as unknown as FunctionPluginDefinition, { enGB: { AVERAGEIFS: 'AVERAGEIFS' }, enUS: { AVERAGEIFS: 'AVERAGEIFS' } });
}
