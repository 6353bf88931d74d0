import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { SchemaBuilder, Schemas, SizedNumber, Struct, Timestamp } from '../../../shared/api/data/index.ts';
import { DataException } from '../../../shared/api/errors.ts';
import type { SinkRecord, SinkRecordFields } from '../../../shared/api/record/sink-record.ts';
import { InsertField, plugins } from '../../../shared/transforms/insert-field.ts';
import { sinkRecord, sourceRecord } from '../../support/records.ts';

/** Records on `orders`, partition 3, offset 42, with a timestamp: something to insert. */
function orderRecord(fields: Partial<SinkRecordFields> = {}): SinkRecord {
  return sinkRecord({ topic: 'orders', kafkaPartition: 3, kafkaOffset: 42, timestamp: 1_718_000_000_000, ...fields });
}

function insertField(side: 'key' | 'value', configs: Record<string, string>): InsertField {
  const transform = new InsertField(side);
  transform.configure(configs);
  return transform;
}

const ALL_FIELDS = {
  'topic.field': 'topic',
  'partition.field': 'partition!',
  'offset.field': 'offset?',
  'timestamp.field': 'ts',
  'static.field': 'source',
  'static.value': 'copycat',
};

const orderSchema = SchemaBuilder.struct().name('order').version(2).field('id', Schemas.INT64).build();

describe('InsertField', () => {
  it('when the value is a struct, it appends every configured field with its schema', () => {
    // Prepare
    const transform = insertField('value', ALL_FIELDS);
    const value = new Struct(orderSchema).put('id', 7n);

    // Act
    const result = transform.apply(orderRecord({ valueSchema: orderSchema, value }));

    // Assess
    const schema = result?.valueSchema;
    assert.equal(schema?.name, 'order');
    assert.equal(schema?.version, 2);
    assert.deepEqual(
      schema?.fields.map((field) => [field.name, field.schema.type, field.schema.optional, field.schema.name]),
      [
        ['id', 'INT64', false, undefined],
        ['topic', 'STRING', true, undefined],
        ['partition', 'INT32', false, undefined],
        ['offset', 'INT64', true, undefined],
        ['ts', 'INT64', true, Timestamp.LOGICAL_NAME],
        ['source', 'STRING', true, undefined],
      ],
    );
    const struct = result?.value as Struct;
    assert.equal(struct.get('id'), 7n);
    assert.equal(struct.get('topic'), 'orders');
    assert.equal(struct.get('partition'), 3);
    assert.equal(struct.get('offset'), 42n);
    assert.deepEqual(struct.get('ts'), new Date(1_718_000_000_000));
    assert.equal(struct.get('source'), 'copycat');
  });

  it('when the value is a schemaless map, it adds the fields with their Java types', () => {
    // Prepare
    const transform = insertField('value', ALL_FIELDS);

    // Act
    const result = transform.apply(orderRecord({ value: new Map([['id', 7n]]) }));

    // Assess
    assert.equal(result?.valueSchema, null);
    assert.deepEqual(
      result?.value,
      new Map<string, unknown>([
        ['id', 7n],
        ['topic', 'orders'],
        ['partition', new SizedNumber('INT32', 3)],
        ['offset', 42n],
        ['ts', 1_718_000_000_000n],
        ['source', 'copycat'],
      ]),
    );
  });

  it('when the record has no partition or timestamp, it leaves those fields out', () => {
    // Prepare
    const transform = insertField('value', { 'partition.field': 'p', 'timestamp.field': 'ts' });
    const record = sourceRecord({ value: new Map() });

    // Act
    const result = transform.apply(record);

    // Assess
    assert.deepEqual(result?.value, new Map());
  });

  it('when it is the key variant, it changes the key and leaves the value alone', () => {
    // Prepare
    const transform = insertField('key', { 'topic.field': 't' });

    // Act
    const result = transform.apply(orderRecord({ key: new Map([['k', 'v']]), value: 'unchanged' }));

    // Assess
    assert.deepEqual(
      result?.key,
      new Map([
        ['k', 'v'],
        ['t', 'orders'],
      ]),
    );
    assert.equal(result?.value, 'unchanged');
  });

  it('when the value is null (a tombstone), it passes the record through unchanged', () => {
    // Prepare
    const transform = insertField('value', ALL_FIELDS);
    const record = orderRecord({ valueSchema: orderSchema, value: null });

    // Act
    const result = transform.apply(record);

    // Assess
    assert.equal(result, record);
  });

  it('when an offset is asked of a source record, it fails as Kafka does', () => {
    // Prepare
    const transform = insertField('value', { 'offset.field': 'offset' });
    const record = sourceRecord({ kafkaPartition: 0, value: new Map() });

    // Act & Assess
    assert.throws(() => transform.apply(record), {
      name: 'DataException',
      message: 'Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord',
    });
  });

  it('when the value is neither a map nor a struct, it names the Java class it found', () => {
    // Prepare
    const transform = insertField('value', { 'topic.field': 't' });

    // Act & Assess
    assert.throws(() => transform.apply(orderRecord({ value: 'text' })), {
      message: 'Only Map objects supported in absence of schema for [field insertion], found: java.lang.String',
    });
    assert.throws(
      () => transform.apply(orderRecord({ valueSchema: Schemas.INT32, value: 5 })),
      (error: unknown) => {
        assert.ok(error instanceof DataException);
        assert.equal(error.message, 'Only Struct objects supported for [field insertion], found: java.lang.Integer');
        return true;
      },
    );
  });

  it('when a field is null and has a default, replace.null.with.default decides which is copied', () => {
    // Prepare
    const schema = SchemaBuilder.struct().field('n', SchemaBuilder.int32().optional().defaultValue(5).build()).build();
    const value = new Struct(schema);

    // Act
    const replaced = insertField('value', { 'topic.field': 't' }).apply(orderRecord({ valueSchema: schema, value }));
    const kept = insertField('value', { 'topic.field': 't', 'replace.null.with.default': 'false' }).apply(
      orderRecord({ valueSchema: schema, value }),
    );

    // Assess
    assert.equal((replaced?.value as Struct).getWithoutDefault('n'), 5);
    assert.equal((kept?.value as Struct).getWithoutDefault('n'), null);
  });

  it('when records share a schema, it builds the updated schema once', () => {
    // Prepare
    const transform = insertField('value', { 'topic.field': 't' });

    // Act
    const first = transform.apply(orderRecord({ valueSchema: orderSchema, value: new Struct(orderSchema).put('id', 1n) }));
    const second = transform.apply(orderRecord({ valueSchema: orderSchema, value: new Struct(orderSchema).put('id', 2n) }));

    // Assess
    assert.equal(first?.valueSchema, second?.valueSchema);
  });

  it('when a field to insert already exists, building the schema fails', () => {
    // Prepare
    const transform = insertField('value', { 'topic.field': 'id' });

    // Act & Assess
    assert.throws(() => transform.apply(orderRecord({ valueSchema: orderSchema, value: new Struct(orderSchema).put('id', 1n) })), {
      message: 'Cannot create field because of field name duplication id',
    });
  });

  it('when nothing is configured, or a static field has no value, configure fails with Kafka messages', () => {
    assert.throws(
      () => insertField('value', {}),
      (error: unknown) => {
        assert.ok(error instanceof ConfigException);
        assert.equal(error.message, 'No field insertion configured');
        return true;
      },
    );
    assert.throws(() => insertField('value', { 'static.field': 's' }), {
      message:
        /^Invalid value null for configuration static\.value: No value specified for static field: org\.apache\.kafka\.connect\.transforms\.InsertField\$InsertionSpec@/,
    });
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    // Assess
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.InsertField$Key', 'org.apache.kafka.connect.transforms.InsertField$Value'],
    );
    assert.ok(plugins.every((plugin) => plugin.kind === 'transformation' && plugin.create() instanceof InsertField));
  });
});
