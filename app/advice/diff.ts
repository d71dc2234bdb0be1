import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  value: string;
  change: 'added' | 'removed' | 'same';
}

/** Word-level differences between two texts, for showing what an edit changed. */
export function diffText(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    value: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}
