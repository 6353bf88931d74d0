import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import {
  AbstractConfig,
  ConfigDef,
  ConfigException,
  Importance,
  LambdaValidator,
  Password,
  Type,
} from '../../../../shared/api/config/index.ts';

describe('Password', () => {
  it('when printed in any usual way, it shows [hidden] and never the secret', () => {
    // Prepare
    const password = new Password('hunter2');

    // Act
    const printed = [String(password), `${password}`, JSON.stringify({ password }), inspect(password), inspect({ nested: { password } })];

    // Assess
    for (const text of printed) assert.ok(!text.includes('hunter2'), `leaked in ${text}`);
    assert.equal(String(password), '[hidden]');
    assert.equal(JSON.stringify({ password }), '{"password":"[hidden]"}');
    assert.equal(inspect(password), '[hidden]');
  });

  it('when asked for its value, it returns the secret', () => {
    assert.equal(new Password('hunter2').value(), 'hunter2');
  });

  it('when compared, it is equal to a password with the same secret only', () => {
    assert.ok(new Password('a').equals(new Password('a')));
    assert.ok(!new Password('a').equals(new Password('b')));
    assert.ok(!new Password('a').equals('a'));
  });

  it('when a validator rejects a password, the message shows [hidden]', () => {
    const atLeastEight = LambdaValidator.with(
      (name, value) => {
        if (value instanceof Password && value.value().length < 8) throw ConfigException.invalidValue(name, value, 'Too short');
      },
      () => 'at least 8 characters',
    );
    const def = new ConfigDef().define({
      name: 'secret',
      type: Type.PASSWORD,
      defaultValue: null,
      validator: atLeastEight,
      importance: Importance.HIGH,
      documentation: '',
    });
    const [value] = def.validate({ secret: 'hunter2' });
    assert.deepEqual(value?.errorMessages, ['Invalid value [hidden] for configuration secret: Too short']);
    assert.equal(
      ConfigException.invalidValue('secret', new Password('hunter2')).message,
      'Invalid value [hidden] for configuration secret',
    );
  });

  it('when a parsed config is logged whole, the password stays hidden', () => {
    const def = new ConfigDef().define({
      name: 'connection.password',
      type: Type.PASSWORD,
      importance: Importance.HIGH,
      documentation: '',
    });
    const config = new AbstractConfig(def, { 'connection.password': 'hunter2' });
    assert.ok(!inspect(config.values()).includes('hunter2'));
    assert.equal(config.getPassword('connection.password')?.value(), 'hunter2');
  });
});
