import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbstractConfig, ConfigDef, ConfigException, Importance, Password, Type } from '../../../../shared/api/config/index.ts';

/** One key of every type. */
function everyTypeDef(): ConfigDef {
  const def = new ConfigDef();
  const define = (name: string, type: Type, defaultValue: unknown) =>
    def.define({ name, type, defaultValue, importance: Importance.LOW, documentation: '' });
  define('s', Type.STRING, 'text');
  define('i', Type.INT, 1);
  define('sh', Type.SHORT, 3);
  define('l', Type.LONG, 5);
  define('d', Type.DOUBLE, 0.5);
  define('b', Type.BOOLEAN, false);
  define('list', Type.LIST, 'a,b');
  define('p', Type.PASSWORD, null);
  define('c', Type.CLASS, 'org.apache.kafka.connect.storage.StringConverter');
  return def;
}

describe('AbstractConfig', () => {
  it('when built, it parses once and the typed getters return each type', () => {
    // Act
    const config = new AbstractConfig(everyTypeDef(), { i: '7', l: '9007199254740993', p: 'hunter2', b: 'TRUE' });

    // Assess
    assert.equal(config.getString('s'), 'text');
    assert.equal(config.getInt('i'), 7);
    assert.equal(config.getShort('sh'), 3);
    assert.equal(config.getLong('l'), 9007199254740993n);
    assert.equal(config.getDouble('d'), 0.5);
    assert.equal(config.getBoolean('b'), true);
    assert.deepEqual(config.getList('list'), ['a', 'b']);
    assert.ok(config.getPassword('p') instanceof Password);
    assert.equal(config.getClass('c'), 'org.apache.kafka.connect.storage.StringConverter');
  });

  it('when a value is invalid, building the config throws the ConfigException', () => {
    assert.throws(() => new AbstractConfig(everyTypeDef(), { i: 'x' }), ConfigException);
  });

  it('when a key is unknown or read with the wrong getter, it says so', () => {
    const config = new AbstractConfig(everyTypeDef(), {});
    assert.throws(() => config.getString('nope'), { name: 'ConfigException', message: "Unknown configuration 'nope'" });
    assert.throws(() => config.getInt('s'), {
      name: 'ConfigException',
      message: "Configuration 's' is of type STRING, not INT; use its own getter.",
    });
  });

  it('when a key has a null default, its getter returns null', () => {
    assert.equal(new AbstractConfig(everyTypeDef(), {}).getPassword('p'), null);
  });

  it('when asked for originals, it returns the map as given, unknown keys included', () => {
    const props = { s: 'x', 'value.converter.schemas.enable': 'false' };
    const config = new AbstractConfig(everyTypeDef(), props);
    assert.deepEqual(config.originals(), props);
    assert.notEqual(config.originals(), props);
  });

  it('when asked for originals with a prefix, it strips the prefix unless told not to, and skips the bare prefix', () => {
    const config = new AbstractConfig(everyTypeDef(), { 'transforms.a.x': '1', 'transforms.b': '2', 'transforms.': '3', other: '4' });
    assert.deepEqual(config.originalsWithPrefix('transforms.'), { 'a.x': '1', b: '2' });
    assert.deepEqual(config.originalsWithPrefix('transforms.', false), { 'transforms.a.x': '1', 'transforms.b': '2' });
  });

  it('when prefixed keys override defined ones, valuesWithPrefixOverride parses them and ignores unknown ones', () => {
    const config = new AbstractConfig(everyTypeDef(), { s: 'f', 'x.s': 'g', 'x.i': '3', 'x.zz': 'q' });
    const values = config.valuesWithPrefixOverride('x.');
    assert.equal(values.get('s'), 'g');
    assert.equal(values.get('i'), 3);
    assert.equal(values.has('zz'), false);
    assert.throws(() => new AbstractConfig(everyTypeDef(), { 'x.i': 'abc' }).valuesWithPrefixOverride('x.'), {
      message: 'Invalid value abc for configuration i: Not a number of type INT',
    });
  });
});
