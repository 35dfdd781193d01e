export { matchPostings, companySimilarity, titleSimilarity, locationSimilarity, DEFAULT_MATCH_THRESHOLD, type MatchablePosting, type MatchFeatures, type MatchResult, type MatchVeto } from './match-postings.js';
export { evaluateMatcher, parsePairs, formatScoresLine, PairsFileError, type LabelledPair, type MatcherScores, type MatcherEvaluation, type MatcherMistake } from './evaluate-matcher.js';
