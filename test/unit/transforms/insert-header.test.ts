import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../../shared/api/data/index.ts';
import { Headers } from '../../../shared/api/record/headers.ts';
import { InsertHeader, plugins } from '../../../shared/transforms/insert-header.ts';
import { sinkRecord } from '../../support/records.ts';

function inserted(literal: string, headers = new Headers()) {
  const transform = new InsertHeader();
  transform.configure({ header: 'h', 'value.literal': literal });
  const record = sinkRecord({ headers });
  return [...(transform.apply(record)?.headers ?? [])];
}

describe('InsertHeader', () => {
  it('when the literal is text, the header is a string added after the existing ones', () => {
    // Prepare
    const existing = new Headers().add('h', 'old', Schemas.STRING);

    // Act
    const headers = inserted('hello world', existing);

    // Assess
    assert.deepEqual(
      headers.map((h) => [h.key, h.value]),
      [
        ['h', 'old'],
        ['h', 'hello world'],
      ],
    );
    assert.equal(headers[1]?.schema?.type, 'STRING');
    assert.equal(existing.size, 1);
  });

  it('when the literal looks like a number, a boolean or null, it is typed as Values.parseString types it', () => {
    // Act
    const [small] = inserted('42');
    const [flag] = inserted('true');
    const [nothing] = inserted('null');

    // Assess
    assert.equal(small?.schema?.type, 'INT8');
    assert.equal(small?.value, 42);
    assert.equal(flag?.value, true);
    assert.equal(nothing?.value, null);
    assert.equal(nothing?.schema, null);
  });

  it('when the config lacks a setting, it is rejected', () => {
    // Act & Assess
    assert.throws(() => new InsertHeader().configure({ header: 'h' }), {
      message: 'Missing required configuration "value.literal" which has no default value.',
    });
    assert.throws(() => new InsertHeader().configure({ 'value.literal': 'x' }), {
      message: 'Missing required configuration "header" which has no default value.',
    });
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.InsertHeader');
  });
});
