import {
  ConfigDef,
  ConfigException,
  Importance,
  LambdaValidator,
  NonEmptyString,
  Range,
  Type,
  ValidString,
} from '../../api/config/index.ts';
import { QUICKSTARTS } from './quickstarts.ts';

export const DATAGEN_CONNECTOR = 'io.confluent.kafka.connect.datagen.DatagenConnector';
export const DATAGEN_TASK = 'io.confluent.kafka.connect.datagen.DatagenTask';
export const DATAGEN_VERSION = '0.6.0';

export const KAFKA_TOPIC_CONF = 'kafka.topic';
export const MAXINTERVAL_CONF = 'max.interval';
export const RECORDS_PER_SECOND_CONF = 'records.per.second';
export const ITERATIONS_CONF = 'iterations';
export const QUICKSTART_CONF = 'quickstart';
export const RANDOM_SEED_CONF = 'random.seed';
export const BATCH_SIZE_CONF = 'batch.size';

/** Confluent's `DatagenConnectorConfig` keys that Copycat supports, plus `records.per.second` and `batch.size`. */
export const DATAGEN_CONFIG_DEF = new ConfigDef()
  .define({
    name: KAFKA_TOPIC_CONF,
    type: Type.STRING,
    validator: new NonEmptyString(),
    importance: Importance.HIGH,
    documentation: 'Topic to write to',
  })
  .define({
    name: MAXINTERVAL_CONF,
    type: Type.LONG,
    defaultValue: 500,
    validator: Range.atLeast(0),
    importance: Importance.HIGH,
    documentation: 'Max interval between messages (ms): each record waits a random time up to it. 0: as fast as possible.',
  })
  .define({
    name: RECORDS_PER_SECOND_CONF,
    type: Type.DOUBLE,
    defaultValue: null,
    validator: LambdaValidator.with(
      (name, value) => {
        if (value !== null && !((value as number) > 0)) throw ConfigException.invalidValue(name, value, 'Value must be positive');
      },
      () => 'positive, or unset',
    ),
    importance: Importance.MEDIUM,
    documentation: 'A steady rate of records per second per task; when set it replaces max.interval (a Copycat addition).',
  })
  .define({
    name: ITERATIONS_CONF,
    type: Type.INT,
    defaultValue: -1,
    importance: Importance.HIGH,
    documentation: 'Number of messages to send from each task, or less than 1 for unlimited',
  })
  .define({
    name: QUICKSTART_CONF,
    type: Type.STRING,
    validator: ValidString.in(...Object.keys(QUICKSTARTS)),
    importance: Importance.HIGH,
    documentation: `Name of the quickstart schema: ${Object.keys(QUICKSTARTS).join(', ')}`,
  })
  .define({
    name: RANDOM_SEED_CONF,
    type: Type.LONG,
    defaultValue: null,
    importance: Importance.LOW,
    documentation: 'Seed for the random generator: the same seed gives the same records. Unset: a random seed.',
  })
  .define({
    name: BATCH_SIZE_CONF,
    type: Type.INT,
    defaultValue: 1000,
    validator: Range.atLeast(1),
    importance: Importance.LOW,
    documentation: 'Most records one poll returns when max.interval is 0 or records.per.second is set (a Copycat addition).',
  });
