import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretMask } from '../../../../shared/runtime/source/secret-mask.ts';
import { InvalidSourceTaskEventError, parseSourceTaskEvent } from '../../../../shared/runtime/source/source-task-event.ts';

describe('the source task event and secret masking', () => {
  it('when the schedule sends {connector, task, generation}, it is accepted; anything else is refused with the expected shape', () => {
    assert.deepEqual(parseSourceTaskEvent({ connector: 'c', task: 0, generation: 3 }), { connector: 'c', task: 0, generation: 3 });
    assert.deepEqual(parseSourceTaskEvent({ connector: 'c', task: '1', generation: '2' }), { connector: 'c', task: 1, generation: 2 });
    assert.throws(() => parseSourceTaskEvent({ task: 0, generation: 1 }), InvalidSourceTaskEventError);
    assert.throws(() => parseSourceTaskEvent({ connector: 'c', task: -1, generation: 1 }), /"task" must be a whole number/);
  });

  it('when text quotes a secret of the connector config, it is hidden', () => {
    const mask = SecretMask.of([{ 'connection.password': 'p4ss', 'connection.url': 'jdbc:postgresql://h/db', 'api.key': 'k-123456' }]);
    assert.equal(
      mask.apply('login p4ss failed for k-123456 at jdbc:postgresql://h/db'),
      'login [hidden] failed for [hidden] at jdbc:postgresql://h/db',
    );
  });
});
