import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import { plugins, SetSchemaMetadata } from '../../../shared/transforms/set-schema-metadata.ts';
import { sinkRecord } from '../../support/records.ts';

function setSchemaMetadata(side: 'key' | 'value', configs: Record<string, string>): SetSchemaMetadata {
  const transform = new SetSchemaMetadata(side);
  transform.configure(configs);
  return transform;
}

const schema = SchemaBuilder.struct()
  .name('old')
  .version(1)
  .doc('kept')
  .field('id', Schemas.INT32)
  .field('n', SchemaBuilder.int32().optional().defaultValue(3).build())
  .build();

describe('SetSchemaMetadata', () => {
  it('when the value is a struct, it renames and re-versions the schema and rebuilds the struct on it', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1);

    // Act
    const result = setSchemaMetadata('value', { 'schema.name': 'new', 'schema.version': '7' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    const updated = result?.valueSchema;
    assert.equal(updated?.name, 'new');
    assert.equal(updated?.version, 7);
    assert.equal(updated?.doc, 'kept');
    assert.equal((result?.value as Struct).schema, updated);
    assert.equal((result?.value as Struct).get('id'), 1);
    assert.equal((result?.value as Struct).getWithoutDefault('n'), 3);
  });

  it('when only the version is set, the name stays, and replace.null.with.default=false keeps nulls', () => {
    // Act
    const result = setSchemaMetadata('value', { 'schema.version': '2', 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: schema, value: new Struct(schema).put('id', 1) }),
    );

    // Assess
    assert.equal(result?.valueSchema?.name, 'old');
    assert.equal(result?.valueSchema?.version, 2);
    assert.equal((result?.value as Struct).getWithoutDefault('n'), null);
  });

  it('when there is neither value nor schema, it passes the record through', () => {
    // Prepare
    const record = sinkRecord();

    // Act & Assess
    assert.equal(setSchemaMetadata('value', { 'schema.name': 'x' }).apply(record), record);
  });

  it('when a null value has a schema, the schema is renamed and the value stays null', () => {
    // Act
    const result = setSchemaMetadata('value', { 'schema.name': 'x' }).apply(sinkRecord({ valueSchema: schema }));

    // Assess
    assert.equal(result?.valueSchema?.name, 'x');
    assert.equal(result?.value, null);
  });

  it('when a value has no schema, it fails as Kafka does', () => {
    assert.throws(() => setSchemaMetadata('value', { 'schema.name': 'x' }).apply(sinkRecord({ value: new Map() })), {
      name: 'DataException',
      message: 'Schema required for [updating schema metadata]',
    });
  });

  it('when the schema is not a struct, it fails as Kafka 4.3 does', () => {
    assert.throws(() => setSchemaMetadata('value', { 'schema.name': 'x' }).apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'v' })), {
      message: 'Cannot list fields on non-struct type',
    });
  });

  it('when it is the key variant, it changes the key schema', () => {
    // Act
    const result = setSchemaMetadata('key', { 'schema.name': 'k' }).apply(
      sinkRecord({ keySchema: schema, key: new Struct(schema).put('id', 1), valueSchema: Schemas.STRING, value: 'v' }),
    );

    // Assess
    assert.equal(result?.keySchema?.name, 'k');
    assert.equal(result?.valueSchema, Schemas.STRING);
  });

  it('when neither name nor version is set, or the version is not an int, configure fails', () => {
    assert.throws(
      () => setSchemaMetadata('value', {}),
      (error: unknown) => {
        assert.ok(error instanceof ConfigException);
        assert.equal(error.message, 'Neither schema name nor version configured');
        return true;
      },
    );
    assert.throws(() => setSchemaMetadata('value', { 'schema.version': 'one' }), {
      message: 'Invalid value one for configuration schema.version: Not a number of type INT',
    });
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.SetSchemaMetadata$Key', 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value'],
    );
  });
});
