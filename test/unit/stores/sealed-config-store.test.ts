import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigDef } from '../../../shared/api/config/index.ts';
import type { Connector } from '../../../shared/api/connector/connector.ts';
import { Reconciler } from '../../../shared/control/reconciler/index.ts';
import { builtInPlugins } from '../../../shared/plugins/built-in.ts';
import { connectorSecretKeys } from '../../../shared/plugins/connector-secret-keys.ts';
import { PluginRegistry } from '../../../shared/plugins/registry.ts';
import type { ConfigStore } from '../../../shared/stores/config-store.ts';
import { createMemoryStores } from '../../../shared/stores/memory/stores.ts';
import { KmsSecretSealer } from '../../../shared/stores/sealed/kms-secret-sealer.ts';
import { LocalSecretSealer } from '../../../shared/stores/sealed/local-secret-sealer.ts';
import { SealedConfigStore } from '../../../shared/stores/sealed/sealed-config-store.ts';
import { SealedSecretError, type SecretSealer } from '../../../shared/stores/sealed/secret-sealer.ts';
import { withSealedConfigs } from '../../../shared/stores/sealed/with-sealed-configs.ts';
import { RecordingMappings, RecordingScheduler } from '../../support/reconciler/fixtures.ts';
import { storeScenarios } from '../../support/stores/scenarios.ts';

const PASSWORD = 'pa55-w0rd-that-must-not-be-stored';
const JDBC_SINK = {
  'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
  'connection.url': 'jdbc:postgresql://db:5432/orders',
  'connection.user': 'copycat',
  'connection.password': PASSWORD,
  topics: 'orders',
};

function sealedStores(sealer: SecretSealer = new LocalSecretSealer(randomBytes(32)), registry = builtInPlugins) {
  const raw = createMemoryStores().configs;
  const configs = new SealedConfigStore({ inner: raw, sealer, isSecret: connectorSecretKeys(registry) });
  return { raw, configs };
}

const rawValue = async (raw: ConfigStore, name: string, key: string) => (await raw.get(name))?.config[key] ?? '';

// The sealed config store keeps every promise of a config store.
storeScenarios('the memory stores with sealed configs', async (clock) =>
  withSealedConfigs(createMemoryStores({ clock }), new LocalSecretSealer(randomBytes(32)), connectorSecretKeys(builtInPlugins)),
);

describe('SealedConfigStore', () => {
  it('when a connector config holds a password, the inner store holds it sealed and callers read it in clear', async () => {
    // Prepare
    const { raw, configs } = sealedStores();

    // Act
    const created = await configs.create('orders-db', JDBC_SINK);
    const read = await configs.get('orders-db');

    // Assess
    const stored = await rawValue(raw, 'orders-db', 'connection.password');
    assert.match(stored, /^copycat:sealed:local-aes-gcm:/);
    assert.ok(!stored.includes(PASSWORD));
    assert.equal(await rawValue(raw, 'orders-db', 'connection.user'), 'copycat');
    assert.equal(await rawValue(raw, 'orders-db', 'connection.url'), JDBC_SINK['connection.url']);
    assert.deepEqual(created.config, JDBC_SINK);
    assert.deepEqual(read?.config, JDBC_SINK);
  });

  it('when task configs carry the password, they are sealed too and read back in clear; an update seals the new value', async () => {
    // Prepare
    const { raw, configs } = sealedStores();
    await configs.create('orders-db', JDBC_SINK);

    // Act
    await configs.putTasks('orders-db', [{ ...JDBC_SINK, 'task.class': 'JdbcSinkTask' }], 0);
    await configs.update('orders-db', { ...JDBC_SINK, 'connection.password': 'rotated-secret' }, 1);

    // Assess
    const rawTask = (await raw.getTasks('orders-db'))?.tasks[0] ?? {};
    assert.ok(!JSON.stringify(rawTask).includes(PASSWORD));
    assert.equal((await configs.getTasks('orders-db'))?.tasks[0]?.['connection.password'], PASSWORD);
    assert.ok(!(await rawValue(raw, 'orders-db', 'connection.password')).includes('rotated-secret'));
    assert.equal((await configs.get('orders-db'))?.config['connection.password'], 'rotated-secret');
  });

  it('when a plugin declares a PASSWORD key with an ordinary name, that key is sealed as well', async () => {
    // Prepare: a connector whose PIN is a PASSWORD key; its name alone says nothing.
    const registry = new PluginRegistry([
      {
        kind: 'sink',
        className: 'com.example.VaultSink',
        create: (): Partial<Connector> => ({
          config: () => new ConfigDef().define({ name: 'vault.pin', type: 'PASSWORD', importance: 'HIGH', documentation: 'The PIN.' }),
        }),
      },
    ]);
    const { raw, configs } = sealedStores(undefined, registry);

    // Act
    await configs.create('vault', { 'connector.class': 'VaultSink', 'vault.pin': '4242', 'vault.name': 'main' });

    // Assess
    assert.match(await rawValue(raw, 'vault', 'vault.pin'), /^copycat:sealed:/);
    assert.equal(await rawValue(raw, 'vault', 'vault.name'), 'main');
    assert.equal((await configs.get('vault'))?.config['vault.pin'], '4242');
  });

  it('when a value was stored in clear before, it is read as it is', async () => {
    // Prepare
    const { raw, configs } = sealedStores();
    await raw.create('legacy', JDBC_SINK);

    // Act
    const read = await configs.get('legacy');

    // Assess
    assert.equal(read?.config['connection.password'], PASSWORD);
  });

  it('when a config was written around the store with its password in clear, the reconciler has it sealed in place, once', async () => {
    // Prepare: the item as the CDK construct writes it, straight into the table.
    const { raw, configs } = sealedStores();
    await raw.create('orders-db', JDBC_SINK);
    const reconciler = new Reconciler({
      configs,
      statuses: createMemoryStores().statuses,
      scheduler: new RecordingScheduler(),
      mappings: new RecordingMappings(),
      registry: builtInPlugins,
      topicsMatching: async () => [],
      workerId: 'test',
    });

    // Act
    const outcome = await reconciler.reconcile('orders-db');
    const again = await configs.sealStoredSecrets('orders-db');

    // Assess
    assert.ok(outcome.changes.includes('secrets sealed in the state table'), JSON.stringify(outcome));
    assert.match(await rawValue(raw, 'orders-db', 'connection.password'), /^copycat:sealed:/);
    assert.equal(again, false);
    assert.equal((await configs.get('orders-db'))?.config['connection.password'], PASSWORD);
  });

  it('when a sealed value is moved to another connector or sealed under another key, reading it fails naming the key and what to do', async () => {
    // Prepare
    const sealer = new LocalSecretSealer(randomBytes(32));
    const { raw, configs } = sealedStores(sealer);
    await configs.create('orders-db', JDBC_SINK);
    const sealed = await rawValue(raw, 'orders-db', 'connection.password');
    await raw.create('copy', { ...JDBC_SINK, 'connection.password': sealed });
    const otherKey = new SealedConfigStore({ inner: raw, sealer: new LocalSecretSealer(randomBytes(32)), isSecret: () => true });

    // Act / Assess
    await assert.rejects(configs.get('copy'), (error: unknown) => {
      assert.ok(error instanceof SealedSecretError);
      assert.match(error.message, /"connection\.password" of connector copy cannot be opened/);
      assert.match(error.message, /PUT \/connectors\/copy\/config/);
      return true;
    });
    await assert.rejects(otherKey.get('orders-db'), SealedSecretError);
  });
});

describe('LocalSecretSealer.fromKeyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'copycat-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when the key file does not exist, it makes one readable by its owner only, and the same file opens what it sealed', async () => {
    // Prepare
    const file = join(dir, 'nested', 'secrets.key');
    const context = { connector: 'c', key: 'connection.password' };

    // Act
    const sealed = await LocalSecretSealer.fromKeyFile(file).seal('s3cret', context);
    const opened = await LocalSecretSealer.fromKeyFile(file).open(sealed, context);

    // Assess
    assert.equal(opened, 's3cret');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
  });
});

describe('KmsSecretSealer', () => {
  const client = new KMSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const kms = mockClient(client);
  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0b5c1e2a-0000-4000-8000-000000000001';
  const context = { 'copycat:connector': 'orders-db', 'copycat:config-key': 'connection.password' };
  beforeEach(() => kms.reset());

  it('when it seals and opens a value, it sends exactly one Encrypt and one Decrypt with the key and the connector and key as encryption context', async () => {
    // Prepare
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('ciphertext') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from(PASSWORD) });
    const sealer = new KmsSecretSealer({ client, keyId: KEY });

    // Act
    const sealed = await sealer.seal(PASSWORD, { connector: 'orders-db', key: 'connection.password' });
    const opened = await sealer.open(sealed, { connector: 'orders-db', key: 'connection.password' });

    // Assess
    assert.equal(sealed, `copycat:sealed:aws-kms:${Buffer.from('ciphertext').toString('base64')}`);
    assert.equal(opened, PASSWORD);
    const [encrypt] = kms.commandCalls(EncryptCommand);
    const [decrypt] = kms.commandCalls(DecryptCommand);
    assert.equal(kms.calls().length, 2);
    assert.deepEqual(encrypt?.args[0].input, { KeyId: KEY, Plaintext: Buffer.from(PASSWORD), EncryptionContext: context });
    assert.deepEqual(decrypt?.args[0].input, { KeyId: KEY, CiphertextBlob: Buffer.from('ciphertext'), EncryptionContext: context });
  });

  it('when a store reads the same sealed config again, it does not call KMS again', async () => {
    // Prepare
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('ciphertext') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from(PASSWORD) });
    const { configs } = sealedStores(new KmsSecretSealer({ client, keyId: KEY }));
    await configs.create('orders-db', JDBC_SINK);

    // Act
    for (let i = 0; i < 5; i++) await configs.get('orders-db');

    // Assess
    assert.equal(kms.commandCalls(DecryptCommand).length, 1);
  });

  it('when KMS refuses to decrypt, the error names the connector and key', async () => {
    kms.on(DecryptCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const sealer = new KmsSecretSealer({ client, keyId: KEY });

    await assert.rejects(
      sealer.open(`copycat:sealed:aws-kms:${Buffer.from('x').toString('base64')}`, { connector: 'orders-db', key: 'connection.password' }),
      /"connection\.password" of connector orders-db cannot be opened: KMS refused to decrypt it \(AccessDeniedException\)/,
    );
  });
});
