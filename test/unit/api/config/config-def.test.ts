import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigDef,
  ConfigException,
  Importance,
  NO_DEFAULT_VALUE,
  Password,
  Range,
  type Recommender,
  Type,
  ValidString,
  Width,
} from '../../../../shared/api/config/index.ts';

/** FileStreamSource's keys, as Kafka defines them. */
function fileSourceDef(): ConfigDef {
  return new ConfigDef()
    .define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: 'Source filename.' })
    .define({ name: 'topic', type: Type.LIST, importance: Importance.HIGH, documentation: 'The topic to publish data to.' })
    .define({
      name: 'batch.size',
      type: Type.INT,
      defaultValue: 2000,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      documentation: 'The maximum number of records the source task can read from the file each time it is polled.',
    });
}

describe('ConfigDef.define', () => {
  it('when a key is defined twice, it refuses the second', () => {
    const def = fileSourceDef();
    assert.throws(
      () => def.define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: '' }),
      (error: unknown) => error instanceof ConfigException && error.message === 'Configuration file is defined twice.',
    );
  });

  it('when a default does not parse or fails its validator, it refuses the key at definition time', () => {
    const def = new ConfigDef();
    assert.throws(
      () => def.define({ name: 'a', type: Type.INT, defaultValue: 'x', importance: Importance.HIGH, documentation: '' }),
      /^ConfigException: Invalid value x for configuration a: Not a number of type INT$/,
    );
    assert.throws(
      () =>
        def.define({
          name: 'b',
          type: Type.INT,
          defaultValue: 0,
          validator: Range.atLeast(1),
          importance: Importance.HIGH,
          documentation: '',
        }),
      /Invalid value 0 for configuration b: Value must be at least 1/,
    );
  });

  it('when keys are defined, it fills in Kafka defaults and keeps definition and group order', () => {
    const def = new ConfigDef()
      .define({ name: 'z', type: Type.STRING, defaultValue: null, importance: Importance.LOW, documentation: 'Z.', group: 'Second' })
      .define({ name: 'a', type: Type.STRING, importance: Importance.LOW, documentation: 'A.', group: 'First' })
      .define({ name: 'm', type: Type.STRING, defaultValue: '', importance: Importance.LOW, documentation: 'M.', group: 'Second' });

    assert.deepEqual([...def.names()], ['z', 'a', 'm']);
    assert.deepEqual(def.groups(), ['Second', 'First']);
    const key = def.configKeys().get('a');
    assert.equal(key?.defaultValue, NO_DEFAULT_VALUE);
    assert.equal(key?.hasDefault(), false);
    assert.equal(key?.orderInGroup, -1);
    assert.equal(key?.width, Width.NONE);
    assert.equal(key?.displayName, 'a');
    assert.deepEqual(
      def.defaultValues(),
      new Map([
        ['z', null],
        ['m', ''],
      ]),
    );
  });

  it('when a definition is copied, adding keys to the copy leaves the base alone', () => {
    const base = fileSourceDef();
    const copy = new ConfigDef(base).define({
      name: 'extra',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.LOW,
      documentation: '',
    });
    assert.equal(base.names().has('extra'), false);
    assert.equal(copy.names().has('file'), true);
  });
});

describe('ConfigDef.parse', () => {
  it('when every key is valid, it returns typed values with defaults, in definition order', () => {
    // Act
    const values = fileSourceDef().parse({ file: ' /tmp/in.txt ', topic: 'lines, more' });

    // Assess
    assert.deepEqual(
      values,
      new Map<string, unknown>([
        ['file', '/tmp/in.txt'],
        ['topic', ['lines', 'more']],
        ['batch.size', 2000],
      ]),
    );
  });

  it('when a required key is missing, it says which one has no default value', () => {
    assert.throws(
      () => fileSourceDef().parse({ topic: 't' }),
      (error: unknown) =>
        error instanceof ConfigException &&
        error.name === 'ConfigException' &&
        error.key === 'file' &&
        !error.retriable &&
        error.message === 'Missing required configuration "file" which has no default value.',
    );
  });

  it('when a value fails to parse or validate, it stops at that key', () => {
    assert.throws(() => fileSourceDef().parse({ file: 'f', topic: 't', 'batch.size': 'abc' }), {
      message: 'Invalid value abc for configuration batch.size: Not a number of type INT',
    });
    assert.throws(() => fileSourceDef().parse({ file: 'f', topic: 't', 'batch.size': '0' }), {
      message: 'Invalid value 0 for configuration batch.size: Value must be at least 1',
    });
  });

  it('when the props hold keys the definition does not know, it ignores them', () => {
    const values = fileSourceDef().parse({ file: 'f', topic: 't', 'value.converter': 'x', 'transforms.a.type': 'y' });
    assert.deepEqual([...values.keys()], ['file', 'topic', 'batch.size']);
  });

  it('when a key is undefined in the props, it takes the default; when null, it keeps null', () => {
    const values = fileSourceDef().parse({ file: null, topic: 't', 'batch.size': undefined });
    assert.equal(values.get('file'), null);
    assert.equal(values.get('batch.size'), 2000);
  });

  it('when a dependent is not defined, it refuses to parse', () => {
    const def = new ConfigDef().define({
      name: 'a',
      type: Type.INT,
      defaultValue: 0,
      importance: Importance.HIGH,
      documentation: '',
      dependents: ['zz'],
    });
    assert.throws(() => def.parse({}), { message: 'Some configurations in are referred in the dependents, but not defined: zz' });
  });
});

describe('ConfigDef.validate', () => {
  it('when several keys are wrong, it reports every problem per key without throwing', () => {
    // Act
    const values = fileSourceDef().validate({ topic: 't', 'batch.size': 'abc' });

    // Assess
    assert.deepEqual(
      values.map((value) => [value.name, value.value, value.errorMessages]),
      [
        ['file', null, ['Missing required configuration "file" which has no default value.']],
        ['topic', ['t'], []],
        // Parsing failed, so the validator saw null: Kafka reports both.
        [
          'batch.size',
          null,
          [
            'Invalid value abc for configuration batch.size: Not a number of type INT',
            'Invalid value null for configuration batch.size: Value must be non-null',
          ],
        ],
      ],
    );
  });

  it('when a key is a PASSWORD, its validated value is a Password that prints [hidden]', () => {
    const def = new ConfigDef().define({
      name: 'connection.password',
      type: Type.PASSWORD,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: '',
    });
    const [value] = def.validate({ 'connection.password': 'hunter2' });
    assert.ok(value?.value instanceof Password);
    assert.equal(String(value.value), '[hidden]');
  });

  it('when keys have recommenders, it asks them after parsing the parents, and records suggestions and visibility', () => {
    // Prepare: `mode` decides whether `incrementing.column.name` matters.
    const seen: unknown[] = [];
    const columnRecommender: Recommender = {
      validValues: (_name, parsed) => {
        seen.push(parsed.get('mode'));
        return ['id', 'seq'];
      },
      visible: (_name, parsed) => parsed.get('mode') === 'incrementing',
    };
    const def = new ConfigDef()
      .define({
        name: 'mode',
        type: Type.STRING,
        defaultValue: 'bulk',
        validator: ValidString.in('bulk', 'incrementing'),
        importance: Importance.HIGH,
        documentation: '',
        dependents: ['incrementing.column.name'],
      })
      .define({
        name: 'incrementing.column.name',
        type: Type.STRING,
        defaultValue: '',
        importance: Importance.MEDIUM,
        documentation: '',
        recommender: columnRecommender,
      });

    // Act
    const bulk = def.validateAll({});
    const incrementing = def.validateAll({ mode: 'incrementing' });

    // Assess
    assert.deepEqual(seen, ['bulk', 'incrementing']);
    assert.equal(bulk.get('incrementing.column.name')?.visible, false);
    assert.equal(incrementing.get('incrementing.column.name')?.visible, true);
    assert.deepEqual(incrementing.get('incrementing.column.name')?.recommendedValues, ['id', 'seq']);
  });

  it('when a recommender throws a ConfigException, it records the message on that key', () => {
    const def = new ConfigDef().define({
      name: 'table',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.LOW,
      documentation: '',
      recommender: {
        validValues: () => {
          throw new ConfigException('Cannot list tables: connection refused');
        },
        visible: () => true,
      },
    });
    assert.deepEqual(def.validateAll({}).get('table')?.errorMessages, ['Cannot list tables: connection refused']);
  });

  it('when a dependent is not defined, it adds an invisible value with an error for it', () => {
    const def = new ConfigDef().define({
      name: 'a',
      type: Type.INT,
      defaultValue: 0,
      importance: Importance.HIGH,
      documentation: '',
      dependents: ['zz'],
    });
    const undefinedValue = def.validateAll({}).get('zz');
    assert.deepEqual(undefinedValue?.errorMessages, ['zz is referred in the dependents, but not defined.']);
    assert.equal(undefinedValue?.visible, false);
  });
});

describe('ConfigDef.embed', () => {
  /** A transform's keys: one grouped and required, one ungrouped with a validator. */
  function transformDef(): ConfigDef {
    return new ConfigDef()
      .define({
        name: 'field',
        type: Type.STRING,
        importance: Importance.MEDIUM,
        documentation: 'F.',
        group: 'G',
        orderInGroup: 3,
        width: Width.SHORT,
        displayName: 'Field',
      })
      .define({
        name: 'other',
        type: Type.INT,
        defaultValue: 1,
        validator: Range.atLeast(0),
        importance: Importance.HIGH,
        documentation: 'O.',
        dependents: ['field'],
      });
  }

  it("when a child is embedded, its keys are prefixed, grouped under the prefix and ordered in the child's display order", () => {
    // Act
    const def = new ConfigDef().define({
      name: 'transforms',
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.LOW,
      documentation: 'T.',
    });
    def.embed('transforms.a.', 'Transforms: a', 5, transformDef());

    // Assess: ungrouped keys come first, as in Kafka's sortedConfigs.
    const keys = [...def.configKeys().values()].map((key) => [key.name, key.group, key.orderInGroup, key.displayName, key.dependents]);
    assert.deepEqual(keys, [
      ['transforms', null, -1, 'transforms', []],
      ['transforms.a.other', 'Transforms: a', 5, 'other', ['transforms.a.field']],
      ['transforms.a.field', 'Transforms: a: G', 6, 'Field', []],
    ]);
    assert.deepEqual(def.groups(), ['Transforms: a', 'Transforms: a: G']);
  });

  it('when an embedded key is invalid, the required message names the prefixed key and the validator the child key, as Kafka does', () => {
    const def = new ConfigDef().embed('transforms.a.', 'Transforms: a', 1, transformDef());
    const values = def.validateAll({ 'transforms.a.other': '-3' });
    assert.deepEqual(values.get('transforms.a.other')?.errorMessages, [
      'Invalid value -3 for configuration other: Value must be at least 0',
    ]);
    assert.deepEqual(values.get('transforms.a.field')?.errorMessages, [
      'Missing required configuration "transforms.a.field" which has no default value.',
    ]);
  });

  it("when an embedded key has a recommender, it sees the child's names and values without the prefix", () => {
    const seen: [string, unknown][] = [];
    const child = new ConfigDef().define({
      name: 'field',
      type: Type.STRING,
      defaultValue: 'x',
      importance: Importance.LOW,
      documentation: '',
      recommender: {
        validValues: (name, parsed) => {
          seen.push([name, Object.fromEntries(parsed)]);
          return [];
        },
        visible: () => true,
      },
    });
    const def = new ConfigDef()
      .define({ name: 'outside', type: Type.STRING, defaultValue: 'o', importance: Importance.LOW, documentation: '' })
      .embed('transforms.a.', 'Transforms: a', 1, child);
    def.validate({ 'transforms.a.field': 'y' });
    assert.deepEqual(seen, [['field', { field: 'y' }]]);
  });
});
