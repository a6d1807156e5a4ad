// The tolerant readers live in lib/mesh (the rule words there use them too).
export * from '../mesh/read';
