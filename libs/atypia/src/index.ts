export * from './schema';
export { loadAtypiaRules, MIN_PEER_GROUP_SIZE, type AtypiaLoadResult } from './load';
export { RAW_ATYPIA_RULES, getAtypiaRules } from './rules';
export {
  computePeerReferences,
  evaluateOwnRules,
  evaluatePeerRules,
  indicatorValues,
  itemsReadBy,
  peerGroupFor,
  peerGroupsOf,
  peerReferencesFromGroups,
  type PeerGroupValues,
  peerReferenceKey,
  targetValue,
} from './engine';
export { percentile, quartiles, sortedValues, tukeyFences, type Quartiles, type SortedValues } from './stats';
export {
  formatAbsoluteChange,
  formatNumber,
  formatRatio,
  formatRelativeChange,
  formatValue,
  normaliseSpaces,
} from './format';
