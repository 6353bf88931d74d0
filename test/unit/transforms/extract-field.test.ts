import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import { ExtractField, plugins } from '../../../shared/transforms/extract-field.ts';
import { SingleFieldPath } from '../../../shared/transforms/support/field-path.ts';
import { sinkRecord } from '../../support/records.ts';

function extractField(side: 'key' | 'value', configs: Record<string, string>): ExtractField {
  const transform = new ExtractField(side);
  transform.configure(configs);
  return transform;
}

const inner = SchemaBuilder.struct().field('city', SchemaBuilder.string().optional().defaultValue('Paris').build()).optional().build();
const schema = SchemaBuilder.struct().field('id', Schemas.INT32).field('address', inner).field('a.b', Schemas.OPTIONAL_STRING).build();

describe('ExtractField', () => {
  it('when the value is a struct, it becomes the field with the field schema', () => {
    // Prepare
    const value = new Struct(schema).put('id', 5);

    // Act
    const result = extractField('value', { field: 'id' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal(result?.valueSchema, Schemas.INT32);
    assert.equal(result?.value, 5);
  });

  it('when the syntax is V2, it reaches nested fields and backticks quote dots', () => {
    // Prepare
    const value = new Struct(schema).put('id', 5).put('address', new Struct(inner).put('city', 'Oslo')).put('a.b', 'dotted');

    // Act
    const nested = extractField('value', { field: 'address.city', 'field.syntax.version': 'v2' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );
    const dotted = extractField('value', { field: '`a.b`', 'field.syntax.version': 'V2' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    assert.equal(nested?.value, 'Oslo');
    assert.equal(nested?.valueSchema, inner.field('city')?.schema);
    assert.equal(dotted?.value, 'dotted');
  });

  it('when the syntax is V1, a dotted name is one field name', () => {
    // Prepare
    const value = new Struct(schema).put('id', 5).put('a.b', 'dotted');

    // Act
    const result = extractField('value', { field: 'a.b' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal(result?.value, 'dotted');
  });

  it('when the field is null with a default, replace.null.with.default decides', () => {
    // Prepare
    const value = new Struct(schema).put('id', 5).put('address', new Struct(inner));
    const configs = { field: 'address.city', 'field.syntax.version': 'V2' };

    // Act
    const replaced = extractField('value', configs).apply(sinkRecord({ valueSchema: schema, value }));
    const kept = extractField('value', { ...configs, 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    assert.equal(replaced?.value, 'Paris');
    assert.equal(kept?.value, null);
  });

  it('when the value is a schemaless map, it becomes the entry, or null when absent', () => {
    // Prepare
    const value = new Map<string, unknown>([
      ['id', 5n],
      ['nested', new Map([['x', 'y']])],
    ]);

    // Act
    const top = extractField('value', { field: 'id' }).apply(sinkRecord({ value }));
    const nested = extractField('value', { field: 'nested.x', 'field.syntax.version': 'V2' }).apply(sinkRecord({ value }));
    const absent = extractField('value', { field: 'nope' }).apply(sinkRecord({ value }));

    // Assess
    assert.equal(top?.value, 5n);
    assert.equal(top?.valueSchema, null);
    assert.equal(nested?.value, 'y');
    assert.equal(absent?.value, null);
  });

  it('when the value is null, it stays null, taking the field schema when there is one', () => {
    // Act
    const schemaless = extractField('value', { field: 'id' }).apply(sinkRecord());
    const withSchema = extractField('value', { field: 'id' }).apply(sinkRecord({ valueSchema: schema }));

    // Assess
    assert.equal(schemaless?.value, null);
    assert.equal(withSchema?.value, null);
    assert.equal(withSchema?.valueSchema, Schemas.INT32);
  });

  it('when the field is not in the schema, it fails with an IllegalArgumentException', () => {
    // Prepare
    const value = new Struct(schema).put('id', 5);

    // Act & Assess
    assert.throws(
      () => extractField('value', { field: 'nope' }).apply(sinkRecord({ valueSchema: schema, value })),
      (error: unknown) => {
        assert.equal((error as { kafkaClassName?: string }).kafkaClassName, 'java.lang.IllegalArgumentException');
        assert.equal((error as Error).message, 'Unknown field: nope');
        return true;
      },
    );
  });

  it('when a nested schemaless step is not a map, it fails with Kafka message', () => {
    assert.throws(
      () => extractField('value', { field: 'a.b', 'field.syntax.version': 'V2' }).apply(sinkRecord({ value: new Map([['a', 'text']]) })),
      { message: 'Only Map objects supported in absence of schema for [nested field access], found: java.lang.String' },
    );
  });

  it('when it is the key variant, it extracts from the key', () => {
    // Act
    const result = extractField('key', { field: 'id' }).apply(sinkRecord({ key: new Map([['id', 'k1']]), value: 'v' }));

    // Assess
    assert.equal(result?.key, 'k1');
    assert.equal(result?.value, 'v');
  });

  it('when the syntax version or a V2 path is invalid, configure fails', () => {
    assert.throws(() => extractField('value', { field: 'a', 'field.syntax.version': 'v3' }), {
      message: 'Invalid value v3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2',
    });
    assert.throws(
      () => extractField('value', { field: '`a.b', 'field.syntax.version': 'V2' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigException);
        assert.equal(
          error.message,
          'Incomplete backtick pair in path: [`a.b], consider adding a backslash before backtick at position 0 to escape it',
        );
        return true;
      },
    );
  });

  it('when a V2 path is split, dots separate, backticks quote and escaped backticks stay', () => {
    assert.deepEqual(new SingleFieldPath('a.b.c', 'V2').steps, ['a', 'b', 'c']);
    assert.deepEqual(new SingleFieldPath('`a.b`.c', 'V2').steps, ['a.b', 'c']);
    assert.deepEqual(new SingleFieldPath('a.', 'V2').steps, ['a', '']);
    assert.deepEqual(new SingleFieldPath('`a\\`.b`.c', 'V2').steps, ['a`.b', 'c']);
    assert.deepEqual(new SingleFieldPath('`a`b`', 'V2').steps, ['a`b']);
    assert.deepEqual(new SingleFieldPath('a.b', 'V1').steps, ['a.b']);
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.ExtractField$Key', 'org.apache.kafka.connect.transforms.ExtractField$Value'],
    );
  });
});
