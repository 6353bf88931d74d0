import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { secretSealerFromEnv, storesFromEnv } from '../../../functions/environment.ts';
import { EnvironmentError } from '../../../shared/errors.ts';
import { builtInPlugins } from '../../../shared/plugins/built-in.ts';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { ensureTable } from '../../../shared/stores/dynamodb/table.ts';
import { connectorItems } from '../../support/dynamodb.ts';
import { stack, uniqueName } from '../../support/stack.ts';

const client = createDynamoDbClient(stack.dynamoDbEndpoint);
const dir = mkdtempSync(join(tmpdir(), 'copycat-sealed-'));
after(() => {
  client.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'hunter2-but-longer';

describe('connector secrets in the DynamoDB state table', () => {
  it('when a function writes a JDBC connector and its tasks, no item in the table holds the password, and the function reads it back', async () => {
    // Prepare
    const tableName = uniqueName('sealed');
    await ensureTable(client, tableName);
    const env = {
      COPYCAT_TABLE_NAME: tableName,
      COPYCAT_DYNAMODB_ENDPOINT: stack.dynamoDbEndpoint,
      COPYCAT_SECRETS_KEY_FILE: join(dir, 'key'),
    };
    const stores = storesFromEnv(env, 'REST API', builtInPlugins);
    const config = {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
      'connection.url': 'jdbc:postgresql://127.0.0.1:5432/test',
      'connection.user': 'postgres',
      'connection.password': PASSWORD,
      'topic.prefix': 'pg-',
      mode: 'bulk',
    };

    // Act
    await stores.configs.create('pg', config);
    await stores.configs.putTasks('pg', [{ ...config, tables: '"public"."orders"' }], 0);
    const read = await storesFromEnv(env, 'source task', builtInPlugins).configs.getTasks('pg');
    stores.close();

    // Assess
    const items = await connectorItems(client, tableName, 'pg');
    assert.equal(items.length, 2);
    assert.ok(!JSON.stringify(items).includes(PASSWORD), 'the password is in a table item');
    assert.equal(read?.tasks[0]?.['connection.password'], PASSWORD);
  });

  it('when neither a KMS key nor a key file is configured, a function refuses to start and names the variable', () => {
    assert.throws(
      () => secretSealerFromEnv({ COPYCAT_TABLE_NAME: 't' }, 'sink task'),
      (error: unknown) =>
        error instanceof EnvironmentError && /COPYCAT_SECRETS_KEY_ARN is not set: the sink task function/.test(error.message),
    );
  });
});
