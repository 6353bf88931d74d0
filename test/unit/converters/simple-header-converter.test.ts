import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectDate, SchemaBuilder, Schemas } from '../../../shared/api/data/index.ts';
import { converterPlugins, SimpleHeaderConverter } from '../../../shared/converters/index.ts';
import { PluginRegistry } from '../../../shared/plugins/registry.ts';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (value: Uint8Array | null): string | null => (value === null ? null : Buffer.from(value).toString('utf8'));

describe('SimpleHeaderConverter', () => {
  const converter = new SimpleHeaderConverter();
  converter.configure({});

  it('when reading a header, it infers its schema from the text', () => {
    assert.deepEqual(converter.toConnectHeader('t', 'h', utf8('42')), { schema: Schemas.INT8, value: 42 });
    assert.deepEqual(converter.toConnectHeader('t', 'h', utf8('hello')), { schema: Schemas.STRING, value: 'hello' });
    assert.deepEqual(converter.toConnectHeader('t', 'h', utf8('2024-01-15')), {
      schema: ConnectDate.schema(),
      value: new Date(Date.UTC(2024, 0, 15)),
    });
    assert.deepEqual(converter.toConnectHeader('t', 'h', utf8('[1,2]')), {
      schema: SchemaBuilder.array(Schemas.INT8).build(),
      value: [1, 2],
    });
  });

  it('when a header is null or the text "null", it reads a null schema and value', () => {
    assert.deepEqual(converter.toConnectHeader('t', 'h', null), { schema: null, value: null });
    assert.deepEqual(converter.toConnectHeader('t', 'h', utf8('null')), { schema: null, value: null });
  });

  it('when writing a header, it prints the value as Values.convertToString does, in UTF-8', () => {
    assert.equal(text(converter.fromConnectHeader('t', 'h', Schemas.INT32, 5)), '5');
    assert.equal(text(converter.fromConnectHeader('t', 'h', null, 5)), '5.0');
    assert.equal(text(converter.fromConnectHeader('t', 'h', Schemas.STRING, 'é')), 'é');
    assert.equal(text(converter.fromConnectHeader('t', 'h', SchemaBuilder.array(Schemas.STRING).build(), ['a', 'b'])), '["a","b"]');
    assert.equal(converter.fromConnectHeader('t', 'h', Schemas.OPTIONAL_STRING, null), null);
  });

  it('when a header is read and written again, the bytes are unchanged for text Kafka prints back alike', () => {
    for (const header of ['42', '-1.5', 'true', 'x y', '[1,2,3]', '{"a":1}', '2024-01-15T12:34:56.789Z', '']) {
      const { schema, value } = converter.toConnectHeader('t', 'h', utf8(header));
      assert.equal(text(converter.fromConnectHeader('t', 'h', schema, value)), header, header);
    }
  });
});

describe('the converter plugins', () => {
  const registry = new PluginRegistry(converterPlugins);

  it('when looking up Kafka’s class names and aliases, it finds each converter', () => {
    for (const name of [
      'org.apache.kafka.connect.json.JsonConverter',
      'JsonConverter',
      'Json',
      'StringConverter',
      'ByteArray',
      'LongConverter',
    ]) {
      assert.ok(registry.find('converter', name), name);
    }
    assert.ok(registry.find('header-converter', 'org.apache.kafka.connect.storage.SimpleHeaderConverter'));
    assert.ok(registry.find('header-converter', 'org.apache.kafka.connect.json.JsonConverter'));
    assert.equal(registry.find('converter', 'SimpleHeaderConverter'), undefined);
  });

  it('when a converter is usable both ways, it is listed once per kind with the same class name', () => {
    const json = converterPlugins.filter((plugin) => plugin.className === 'org.apache.kafka.connect.json.JsonConverter');
    assert.deepEqual(json.map((plugin) => plugin.kind).sort(), ['converter', 'header-converter']);
  });
});
