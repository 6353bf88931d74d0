import { createKafka, type KafkaConnection } from './client.ts';

/** The cluster's topics whose whole name matches `pattern`, internal ones (`__…`) left out, sorted. */
export async function topicsMatching(connection: KafkaConnection, pattern: RegExp): Promise<string[]> {
  const admin = createKafka(connection).admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    return topics.filter((topic) => !topic.startsWith('__') && fullMatch(pattern, topic)).sort();
  } finally {
    await admin.disconnect();
  }
}

function fullMatch(pattern: RegExp, text: string): boolean {
  const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return match !== null && match.index === 0 && match[0].length === text.length;
}
