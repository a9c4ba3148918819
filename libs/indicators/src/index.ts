export * from './schema';
export {
  FUNCTIONS,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  evaluate,
  operandsOf,
  parseFormula,
  printFormula,
  toFiniteNumber,
  type BinaryOperator,
  type EvaluationFailure,
  type EvaluationResult,
  type FormulaNode,
  type FormulaSyntaxError,
  type FunctionName,
  type ItemValues,
  type ParseResult,
  type PrintOptions,
} from './formula';
export {
  compileIndicator,
  computeIndicator,
  computeIndicators,
  runCompiled,
  type CompiledIndicator,
} from './compute';
export { loadIndicatorDefinitions, provisionalNotice, type IndicatorLoadResult } from './load';
export { RAW_INDICATOR_DEFINITIONS, getIndicatorDefinitions } from './definitions';
export { formulaInWords, formulaText, variantInWords } from './words';
export { distributionShares, storedDistribution, storedPart, type StoredDistribution } from './stored';
export { PUBLISHED_DECIMALS, publishedDecimals, roundForUnit } from './rounding';
export { indicatorsByItem, itemsOfIndicator, type DictionaryWithUses, type IndicatorUse } from './item-uses';
export {
  PRACTICE_MIN_GROUP_SIZE,
  PRACTICE_TYPES,
  QUALITATIVE_AXES,
  comparePractices,
  peerShare,
  practiceAnswer,
  practiceCode,
  practiceItems,
  practiceRule,
  type ChoicePracticeDefinition,
  type PeerLevel,
  type PracticeAnswer,
  type PracticeComparison,
  type PracticeDefinition,
  type PracticeItem,
  type PracticePeerCount,
  type PracticePeerShare,
  type QualitativeAxisDefinition,
  type ThresholdPracticeDefinition,
} from './practices';
