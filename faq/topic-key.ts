// The topic an entry belongs to: its Finnish and English versions are one topic.
/** The entry id without its -fi/-en suffix: `returns-fi` and `returns-en` are one topic. */
export function topicKey(id: string): string {
  return id.replace(/-(fi|en)$/, '');
}
