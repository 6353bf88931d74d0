import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../../shared/api/config/index.ts';
import type { NewTopicSpec, TopicAdmin } from '../../../../shared/kafka/record-producer.ts';
import { TopicCreation } from '../../../../shared/runtime/source/topic-creation.ts';

const groups = {
  'topic.creation.groups': 'compacted, many',
  'topic.creation.default.replication.factor': '3',
  'topic.creation.default.partitions': '5',
  'topic.creation.compacted.include': 'users.*, accounts',
  'topic.creation.compacted.cleanup.policy': 'compact',
  'topic.creation.many.include': 'users-.*,clicks.*',
  'topic.creation.many.exclude': 'clicks-internal',
  'topic.creation.many.partitions': '24',
};

describe('KIP-158 topic creation', () => {
  it('when no topic.creation.* key is set, it is off', () => {
    assert.equal(TopicCreation.fromConfig({ topic: 'x' }).enabled, false);
  });

  it('when groups are configured, a topic gets the first group that includes and does not exclude it, else the default', () => {
    // Prepare
    const creation = TopicCreation.fromConfig(groups);
    // Act
    const specs = ['users-1', 'accounts', 'clicks-a', 'clicks-internal', 'other', 'xaccounts'].map((topic) => creation.newTopic(topic));
    // Assess
    assert.deepEqual(specs, [
      { topic: 'users-1', partitions: 5, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
      { topic: 'accounts', partitions: 5, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
      { topic: 'clicks-a', partitions: 24, replicationFactor: 3, configs: {} },
      { topic: 'clicks-internal', partitions: 5, replicationFactor: 3, configs: {} },
      { topic: 'other', partitions: 5, replicationFactor: 3, configs: {} },
      { topic: 'xaccounts', partitions: 5, replicationFactor: 3, configs: {} },
    ]);
  });

  it('when topic creation is used without the default replication factor or partitions, the error names the key', () => {
    const error = (() => {
      try {
        TopicCreation.fromConfig({ 'topic.creation.default.partitions': '1' });
      } catch (caught) {
        return caught;
      }
    })();
    assert.ok(error instanceof ConfigException);
    assert.equal(error.key, 'topic.creation.default.replication.factor');
    assert.throws(
      () => TopicCreation.fromConfig({ ...groups, 'topic.creation.default.partitions': '0' }),
      /topic.creation.default.partitions/,
    );
    assert.throws(() => TopicCreation.fromConfig({ ...groups, 'topic.creation.many.include': '(' }), /topic.creation.many.include/);
  });

  it('when records go to topics, missing ones are created once and existing ones are left alone', async () => {
    // Prepare
    const created: NewTopicSpec[] = [];
    let checks = 0;
    const admin: TopicAdmin = {
      existingTopics: async (topics) => {
        checks++;
        return new Set(topics.filter((topic) => topic === 'exists'));
      },
      createTopic: async (spec) => {
        created.push(spec);
        return true;
      },
    };
    const creation = TopicCreation.fromConfig(groups);
    // Act
    await creation.ensure(['exists', 'users-1', 'users-1'], admin);
    await creation.ensure(['users-1', 'exists'], admin);
    // Assess
    assert.deepEqual(
      created.map((spec) => spec.topic),
      ['users-1'],
    );
    assert.equal(checks, 1);
  });
});
