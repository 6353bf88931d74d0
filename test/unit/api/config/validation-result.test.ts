import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigDef,
  ConfigValue,
  generateResult,
  Importance,
  mergeConfigInfos,
  prefixedConfigInfos,
  Range,
  Type,
  ValidList,
  ValidString,
  validationResult,
  Width,
} from '../../../../shared/api/config/index.ts';

/** A small definition touching every field of the answer: groups, a password, a double, dependents, a recommender. */
function smallDef(): ConfigDef {
  return new ConfigDef()
    .define({
      name: 'file',
      type: Type.STRING,
      importance: Importance.HIGH,
      documentation: 'Source filename.',
      group: 'Common',
      orderInGroup: 1,
      width: Width.LONG,
      displayName: 'File',
    })
    .define({
      name: 'batch.size',
      type: Type.INT,
      defaultValue: 2000,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      documentation: 'Max lines per poll.',
      group: 'Common',
      orderInGroup: 2,
      width: Width.SHORT,
      displayName: 'Batch size',
    })
    .define({ name: 'password', type: Type.PASSWORD, defaultValue: 'changeme', importance: Importance.MEDIUM, documentation: 'Secret.' })
    .define({ name: 'ratio', type: Type.DOUBLE, defaultValue: 1, importance: Importance.LOW, documentation: 'Ratio.' })
    .define({
      name: 'topics',
      type: Type.LIST,
      defaultValue: 'a,b',
      validator: ValidList.anyNonDuplicateValues(true, false),
      importance: Importance.HIGH,
      documentation: 'Topics.',
      group: 'Other',
      orderInGroup: 1,
      width: Width.LONG,
      displayName: 'Topics',
      dependents: ['file'],
    })
    .define({
      name: 'mode',
      type: Type.STRING,
      defaultValue: 'bulk',
      validator: ValidString.in('bulk', 'incrementing'),
      importance: Importance.HIGH,
      documentation: 'Mode.',
      group: 'Other',
      orderInGroup: 2,
      width: Width.MEDIUM,
      displayName: 'Mode',
      recommender: { validValues: () => ['bulk', 'incrementing'], visible: () => true },
    });
}

describe('generateResult', () => {
  it("when a small definition is validated, the answer is exactly Kafka Connect 4.3's", () => {
    // Prepare: the same definition and props, run through Kafka 4.3.1's ConfigDef and
    // AbstractHerder.generateResult and serialised by Jackson, gave the expected object below.
    const def = smallDef();
    const values = def.validate({ 'batch.size': 'abc', password: 'hunter2', mode: 'nope', extra: '1', ratio: ' 2 ' });

    // Act
    const answer = JSON.parse(JSON.stringify(generateResult('org.example.Conn', def.configKeys(), values, def.groups())));

    // Assess
    const definition = (name: string, rest: object) => ({ name, ...rest });
    assert.deepEqual(answer, {
      name: 'org.example.Conn',
      error_count: 4,
      groups: ['Common', 'Other'],
      configs: [
        {
          definition: definition('file', {
            type: 'STRING',
            required: true,
            default_value: null,
            importance: 'HIGH',
            documentation: 'Source filename.',
            group: 'Common',
            order_in_group: 1,
            width: 'LONG',
            display_name: 'File',
            dependents: [],
          }),
          value: {
            name: 'file',
            value: null,
            recommended_values: [],
            errors: ['Missing required configuration "file" which has no default value.'],
            visible: true,
          },
        },
        {
          definition: definition('batch.size', {
            type: 'INT',
            required: false,
            default_value: '2000',
            importance: 'LOW',
            documentation: 'Max lines per poll.',
            group: 'Common',
            order_in_group: 2,
            width: 'SHORT',
            display_name: 'Batch size',
            dependents: [],
          }),
          value: {
            name: 'batch.size',
            value: null,
            recommended_values: [],
            errors: [
              'Invalid value abc for configuration batch.size: Not a number of type INT',
              'Invalid value null for configuration batch.size: Value must be non-null',
            ],
            visible: true,
          },
        },
        {
          definition: definition('password', {
            type: 'PASSWORD',
            required: false,
            default_value: '[hidden]',
            importance: 'MEDIUM',
            documentation: 'Secret.',
            group: null,
            order_in_group: -1,
            width: 'NONE',
            display_name: 'password',
            dependents: [],
          }),
          value: { name: 'password', value: '[hidden]', recommended_values: [], errors: [], visible: true },
        },
        {
          definition: definition('ratio', {
            type: 'DOUBLE',
            required: false,
            default_value: '1.0',
            importance: 'LOW',
            documentation: 'Ratio.',
            group: null,
            order_in_group: -1,
            width: 'NONE',
            display_name: 'ratio',
            dependents: [],
          }),
          value: { name: 'ratio', value: '2.0', recommended_values: [], errors: [], visible: true },
        },
        {
          definition: definition('topics', {
            type: 'LIST',
            required: false,
            default_value: 'a,b',
            importance: 'HIGH',
            documentation: 'Topics.',
            group: 'Other',
            order_in_group: 1,
            width: 'LONG',
            display_name: 'Topics',
            dependents: ['file'],
          }),
          value: { name: 'topics', value: 'a,b', recommended_values: [], errors: [], visible: true },
        },
        {
          definition: definition('mode', {
            type: 'STRING',
            required: false,
            default_value: 'bulk',
            importance: 'HIGH',
            documentation: 'Mode.',
            group: 'Other',
            order_in_group: 2,
            width: 'MEDIUM',
            display_name: 'Mode',
            dependents: [],
          }),
          value: {
            name: 'mode',
            value: 'nope',
            recommended_values: ['bulk', 'incrementing'],
            errors: ['Invalid value nope for configuration mode: String must be one of: bulk, incrementing'],
            visible: true,
          },
        },
      ],
    });
  });

  it('when the answer is serialised, its fields come in the order Kafka writes them', () => {
    const def = smallDef();
    const answer = generateResult('C', def.configKeys(), def.validate({ file: 'f' }), def.groups());
    const [first] = answer.configs;
    assert.deepEqual(Object.keys(answer), ['name', 'error_count', 'groups', 'configs']);
    assert.deepEqual(Object.keys(first ?? {}), ['definition', 'value']);
    assert.deepEqual(Object.keys(first?.definition ?? {}), [
      'name',
      'type',
      'required',
      'default_value',
      'importance',
      'documentation',
      'group',
      'order_in_group',
      'width',
      'display_name',
      'dependents',
    ]);
    assert.deepEqual(Object.keys(first?.value ?? {}), ['name', 'value', 'recommended_values', 'errors', 'visible']);
  });

  it('when a value has no definition, it comes first with a null definition; a key with no value gets a null value', () => {
    // Prepare: a connector's own validate() reported on a key nobody defined, and skipped `ratio`.
    const def = smallDef();
    const values = def.validate({ file: 'f' }).filter((value) => value.name !== 'ratio');
    const stray = new ConfigValue('connection.url', 'jdbc:x', [], ['Could not connect']);

    // Act
    const answer = generateResult('C', def.configKeys(), [...values, stray], def.groups());

    // Assess
    assert.deepEqual(answer.configs[0], {
      definition: null,
      value: { name: 'connection.url', value: 'jdbc:x', recommended_values: [], errors: ['Could not connect'], visible: true },
    });
    assert.equal(answer.configs.find((config) => config.definition?.name === 'ratio')?.value, null);
    assert.equal(answer.error_count, 1);
  });
});

describe('prefixedConfigInfos and mergeConfigInfos', () => {
  it("when a converter's keys are validated under its prefix, names are prefixed and keys with errors are counted once", () => {
    // Prepare
    const converterDef = new ConfigDef().define({
      name: 'schemas.cache.size',
      type: Type.INT,
      defaultValue: 1000,
      validator: Range.atLeast(0),
      importance: Importance.HIGH,
      documentation: 'Schemas to cache.',
      group: 'Schemas',
    });
    // Fails twice: it does not parse, and the validator then sees null.
    const values = converterDef.validate({ 'schemas.cache.size': 'many' });

    // Act
    const prefixed = prefixedConfigInfos(converterDef.configKeys(), values, 'value.converter.');
    const merged = mergeConfigInfos('org.example.Conn', null, prefixed, {
      name: '',
      error_count: 2,
      groups: ['Schemas', 'Other'],
      configs: [],
    });

    // Assess
    assert.equal(prefixed.name, '');
    assert.equal(prefixed.error_count, 1);
    assert.equal(prefixed.configs[0]?.definition?.name, 'value.converter.schemas.cache.size');
    assert.equal(prefixed.configs[0]?.value?.name, 'value.converter.schemas.cache.size');
    assert.equal(prefixed.configs[0]?.value?.errors.length, 2);
    assert.deepEqual(merged.groups, ['Schemas', 'Other']);
    assert.equal(merged.error_count, 3);
    assert.equal(merged.name, 'org.example.Conn');
  });
});

describe('validationResult', () => {
  it('when the common connector definition and the connector definition are validated, it merges them as Kafka Connect does', () => {
    // Prepare: the common part (Common, Transforms, Error Handling) and the connector's own part.
    const common = new ConfigDef()
      .define({ name: 'name', type: Type.STRING, importance: Importance.HIGH, documentation: '', group: 'Common', orderInGroup: 1 })
      .define({
        name: 'transforms',
        type: Type.LIST,
        defaultValue: '',
        importance: Importance.LOW,
        documentation: '',
        group: 'Transforms',
        orderInGroup: 2,
      })
      .define({
        name: 'errors.tolerance',
        type: Type.STRING,
        defaultValue: 'none',
        validator: ValidString.in('none', 'all'),
        importance: Importance.MEDIUM,
        documentation: '',
        group: 'Error Handling',
        orderInGroup: 1,
      });
    const connector = new ConfigDef()
      .define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: '', group: 'File', orderInGroup: 1 })
      .define({
        name: 'name',
        type: Type.STRING,
        defaultValue: 'x',
        importance: Importance.LOW,
        documentation: 'redefined',
        group: 'Common',
      });
    const props = { name: 'source', 'errors.tolerance': 'some' };

    // Act
    const answer = validationResult('org.apache.kafka.connect.file.FileStreamSourceConnector', [
      { definition: common, values: common.validate(props) },
      { definition: connector, values: connector.validate(props) },
    ]);

    // Assess
    assert.equal(answer.name, 'org.apache.kafka.connect.file.FileStreamSourceConnector');
    assert.deepEqual(answer.groups, ['Common', 'Transforms', 'Error Handling', 'File']);
    assert.deepEqual(
      answer.configs.map((config) => config.definition?.name),
      ['name', 'transforms', 'errors.tolerance', 'file'],
    );
    // A key defined again keeps its first place but shows the later definition.
    assert.equal(answer.configs[0]?.definition?.documentation, 'redefined');
    assert.equal(answer.error_count, 2);
  });

  it('when groups are given, it uses them as they are', () => {
    const def = smallDef();
    const answer = validationResult('C', [{ definition: def, values: def.validate({ file: 'f' }) }], ['Other', 'Common']);
    assert.deepEqual(answer.groups, ['Other', 'Common']);
  });
});
