// How Java "studies" a pattern's nodes to find a lookbehind's longest match (`TreeInfo`, and each
// node's `study`), so that exactly the lookbehinds Java refuses ("Look-behind group does not have
// an obvious maximum length") are refused here too, and the node shape the translator builds.
import { MAX_REPS } from './java-regex-cursor.ts';

// What Java's `TreeInfo` tracks while "studying" a lookbehind: its longest match, and whether that
// is known. Java refuses a lookbehind without an obvious maximum length; the arithmetic is Java's
// own 32-bit arithmetic, overflow included, so that exactly the patterns Java refuses are refused.
export interface StudyInfo {
  maxLength: number;
  maxValid: boolean;
  deterministic: boolean;
}
/** Studies a node with `info` as it stands before it, then the nodes after it (`next`). */
export type Study = (info: StudyInfo, next: () => void) => void;

/**
 * What Java's quantifiers treat differently: single characters and classes get a greedy fast
 * path; groups become branches (`?`) and loops (`*`); anything else is a plain repetition.
 */
export type NodeKind = 'char' | 'group' | 'other';

export interface Node {
  readonly source: string;
  readonly kind: NodeKind;
  readonly study: Study;
}

export const i32 = (n: number): number => n | 0;
export const reset = (info: StudyInfo) => {
  info.maxLength = 0;
  info.maxValid = true;
  info.deterministic = true;
};
export const fixedLength =
  (length: number): Study =>
  (info, next) => {
    info.maxLength = i32(info.maxLength + length);
    next();
  };
export const zeroWidth: Study = (_info, next) => next();
export const studyAll = (nodes: readonly Node[]): Study => {
  return (info, next) => {
    const run = (i: number): void => {
      const node = nodes[i];
      if (node === undefined) next();
      else node.study(info, () => run(i + 1));
    };
    run(0);
  };
};

export const node = (sourceText: string, study: Study, kind: NodeKind = 'other'): Node => ({ source: sourceText, study, kind });
export const NEVER = '(?!)';
export const ANY_CHAR = '[\\u{0}-\\u{10ffff}]';
export const LINE_TERMINATOR = '[\\n\\r\\u{85}\\u{2028}\\u{2029}]';

// Java's `\b`: between a word character (a letter or digit of any script, or `_`) and a non-word one.
export const WORD_CHAR = '[\\p{L}\\p{Nd}_]';
export const WORD_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`;

export const invalidLength: Study = (info, next) => {
  info.maxValid = false;
  next();
};

// How Java studies an alternation: each alternative from scratch, and what follows from scratch too.
export function branchStudy(alternatives: readonly (Node | null)[]): Study {
  return (info, next) => {
    const prefix = info.maxLength;
    let valid = info.maxValid;
    let longest = -1;
    for (const alternative of alternatives) {
      reset(info);
      alternative?.study(info, () => {});
      longest = Math.max(longest, info.maxLength);
      valid = valid && info.maxValid;
    }
    reset(info);
    next();
    info.maxLength = i32(info.maxLength + i32(prefix + longest));
    info.maxValid = info.maxValid && valid;
    info.deterministic = false;
  };
}

// How Java studies a quantified atom: its greedy character loop, `Ques`, `Curly`, and for groups
// the branch (`(X)?`), `GroupCurly` (a group that matches one way) or `Loop` (one with choices).
export function quantifiedStudy(atom: Node, min: number, max: number, type: 'greedy' | 'lazy' | 'possessive'): Study {
  const group = atom.kind === 'group' && type !== 'possessive';
  if (max === MAX_REPS && type === 'greedy' && atom.kind === 'char') {
    return (info, next) => {
      if (info.maxValid) info.maxLength = i32(info.maxLength + MAX_REPS);
      info.deterministic = false;
      next();
    };
  }
  if (min === 0 && max === 1) {
    if (group) return branchStudy([atom, null]);
    return (info, next) => {
      atom.study(info, () => {});
      info.deterministic = false;
      next();
    };
  }
  return (info, next) => {
    const before = { ...info };
    reset(info);
    atom.study(info, () => {});
    if (group && !info.deterministic) {
      // A loop has no known length, and Java studies nothing after it.
      info.maxValid = false;
      info.deterministic = false;
      return;
    }
    if (before.maxValid && info.maxValid) {
      const repeated = Math.imul(info.maxLength, max);
      const total = i32(before.maxLength + repeated);
      info.maxValid = Math.trunc(repeated / max) === info.maxLength && total >= before.maxLength;
      info.maxLength = total;
    } else info.maxValid = false;
    info.deterministic = info.deterministic && min === max ? before.deterministic : false;
    next();
  };
}
