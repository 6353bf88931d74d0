import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  type GetScheduleOutput,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { EventBridgeTaskScheduler } from '../../../../shared/control/aws/eventbridge-scheduler.ts';
import { ControlValidationError, TaskScheduleError } from '../../../../shared/control/errors.ts';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:copycat-source';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/copycat-scheduler';
const GROUP = 'copycat';

/** A schedule definition as the adapter must send it, written out field by field. */
function definition(fields: {
  name: string;
  connector: string;
  task: number;
  generation: number;
  state: 'ENABLED' | 'DISABLED';
  minutes?: number;
}) {
  const minutes = fields.minutes ?? 1;
  return {
    Name: fields.name,
    GroupName: GROUP,
    Description: `Copycat source connector "${fields.connector}" task ${fields.task}`,
    ScheduleExpression: minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    State: fields.state,
    Target: {
      Arn: FUNCTION_ARN,
      RoleArn: ROLE_ARN,
      Input: `{"connector":"${fields.connector}","task":${fields.task},"generation":${fields.generation}}`,
      RetryPolicy: { MaximumEventAgeInSeconds: minutes * 60, MaximumRetryAttempts: 185 },
    },
  };
}

/** What GetSchedule answers for a definition: the same fields plus the ones the service adds. */
function stored(input: ReturnType<typeof definition>): GetScheduleOutput {
  return {
    ...input,
    Arn: `arn:aws:scheduler:eu-west-1:123456789012:schedule/${GROUP}/${input.Name}`,
    CreationDate: new Date('2025-01-01T00:00:00Z'),
    LastModificationDate: new Date('2025-01-02T00:00:00Z'),
  };
}

const notFound = () =>
  new ResourceNotFoundException({ message: 'Schedule not found.', Message: 'Schedule not found.', $metadata: { httpStatusCode: 404 } });

describe('EventBridgeTaskScheduler', () => {
  let client: SchedulerClient;
  let scheduler: AwsClientStub<SchedulerClient>;
  let adapter: EventBridgeTaskScheduler;

  beforeEach(() => {
    client = new SchedulerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    scheduler = mockClient(client);
    adapter = new EventBridgeTaskScheduler({ client, groupName: GROUP, sourceFunctionArn: FUNCTION_ARN, schedulerRoleArn: ROLE_ARN });
  });

  it('when a task has no schedule yet, it creates one with the full definition', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'orders', task: 2, generation: 7, enabled: true });

    // Assess
    assert.deepEqual(scheduler.commandCalls(GetScheduleCommand)[0]?.args[0].input, { Name: 'orders-2', GroupName: GROUP });
    assert.equal(scheduler.commandCalls(CreateScheduleCommand).length, 1);
    assert.deepEqual(
      scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input,
      definition({ name: 'orders-2', connector: 'orders', task: 2, generation: 7, state: 'ENABLED' }),
    );
    assert.equal(scheduler.commandCalls(UpdateScheduleCommand).length, 0);
  });

  it('when the generation changes, it re-sends the full definition with UpdateSchedule', async () => {
    // Prepare
    scheduler
      .on(GetScheduleCommand)
      .resolves(stored(definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 1, state: 'ENABLED' })));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'orders', task: 0, generation: 2, enabled: true });

    // Assess
    assert.equal(scheduler.commandCalls(UpdateScheduleCommand).length, 1);
    assert.deepEqual(
      scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input,
      definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 2, state: 'ENABLED' }),
    );
    assert.equal(scheduler.commandCalls(CreateScheduleCommand).length, 0);
  });

  it('when the connector is paused, it updates the schedule to DISABLED and sends every other field again', async () => {
    // Prepare
    scheduler
      .on(GetScheduleCommand)
      .resolves(stored(definition({ name: 'orders-1', connector: 'orders', task: 1, generation: 3, state: 'ENABLED', minutes: 5 })));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'orders', task: 1, generation: 3, enabled: false, intervalMinutes: 5 });

    // Assess
    assert.deepEqual(scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input, {
      Name: 'orders-1',
      GroupName: GROUP,
      Description: 'Copycat source connector "orders" task 1',
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'DISABLED',
      Target: {
        Arn: FUNCTION_ARN,
        RoleArn: ROLE_ARN,
        Input: '{"connector":"orders","task":1,"generation":3}',
        RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 185 },
      },
    });
  });

  it('when the schedule already matches, it sends no write', async () => {
    // Prepare
    scheduler
      .on(GetScheduleCommand)
      .resolves(stored(definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 4, state: 'DISABLED' })));

    // Act
    await adapter.put({ connector: 'orders', task: 0, generation: 4, enabled: false });

    // Assess
    assert.equal(scheduler.commandCalls(GetScheduleCommand).length, 1);
    assert.equal(scheduler.commandCalls(CreateScheduleCommand).length, 0);
    assert.equal(scheduler.commandCalls(UpdateScheduleCommand).length, 0);
  });

  it('when another run created the schedule since GetSchedule, it replaces it with UpdateSchedule', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).rejects(
      new ConflictException({
        message: 'Schedule orders-0 already exists.',
        Message: 'Schedule orders-0 already exists.',
        $metadata: { httpStatusCode: 409 },
      }),
    );
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'orders', task: 0, generation: 1, enabled: true });

    // Assess
    const expected = definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 1, state: 'ENABLED' });
    assert.deepEqual(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input, expected);
    assert.deepEqual(scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input, expected);
  });

  it('when removing a schedule, it deletes it by name in the group', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).resolves({});

    // Act
    await adapter.remove('orders', 3);

    // Assess
    assert.deepEqual(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input, { Name: 'orders-3', GroupName: GROUP });
  });

  it('when the schedule to remove does not exist, it resolves (ResourceNotFoundException is ignored)', async () => {
    // Prepare
    scheduler.on(DeleteScheduleCommand).rejects(notFound());

    // Act
    await adapter.remove('orders', 3);

    // Assess
    assert.deepEqual(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input, { Name: 'orders-3', GroupName: GROUP });
  });

  it('when listing, it pages through ListSchedules and reads connector, task and generation back from each input', async () => {
    // Prepare
    scheduler
      .on(ListSchedulesCommand, { GroupName: GROUP }, true)
      .resolves({ Schedules: [{ Name: 'orders-0' }, { Name: 'not-ours' }], NextToken: 'page-2' })
      .on(ListSchedulesCommand, { GroupName: GROUP, NextToken: 'page-2' }, true)
      .resolves({ Schedules: [{ Name: 'clicks-1' }] });
    scheduler
      .on(GetScheduleCommand, { Name: 'orders-0' })
      .resolves(stored(definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 9, state: 'ENABLED' })))
      .on(GetScheduleCommand, { Name: 'not-ours' })
      .resolves({
        Name: 'not-ours',
        ScheduleExpression: 'cron(0 12 * * ? *)',
        Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN, Input: '{}' },
      })
      .on(GetScheduleCommand, { Name: 'clicks-1' })
      .resolves(stored(definition({ name: 'clicks-1', connector: 'clicks', task: 1, generation: 2, state: 'DISABLED', minutes: 15 })));

    // Act
    const schedules = await adapter.list();

    // Assess
    assert.deepEqual(
      scheduler.commandCalls(ListSchedulesCommand).map((call) => call.args[0].input),
      [{ GroupName: GROUP }, { GroupName: GROUP, NextToken: 'page-2' }],
    );
    assert.deepEqual(
      scheduler.commandCalls(GetScheduleCommand).map((call) => call.args[0].input),
      [
        { Name: 'orders-0', GroupName: GROUP },
        { Name: 'not-ours', GroupName: GROUP },
        { Name: 'clicks-1', GroupName: GROUP },
      ],
    );
    assert.deepEqual(schedules, [
      { connector: 'orders', task: 0, generation: 9, enabled: true, intervalMinutes: 1 },
      { connector: 'clicks', task: 1, generation: 2, enabled: false, intervalMinutes: 15 },
    ]);
  });

  it("when listing one connector, it asks for the connector's name prefix and drops connectors that merely share it", async () => {
    // Prepare
    scheduler.on(ListSchedulesCommand).resolves({ Schedules: [{ Name: 'orders-0' }, { Name: 'orders-eu-0' }] });
    scheduler
      .on(GetScheduleCommand, { Name: 'orders-0' })
      .resolves(stored(definition({ name: 'orders-0', connector: 'orders', task: 0, generation: 1, state: 'ENABLED' })))
      .on(GetScheduleCommand, { Name: 'orders-eu-0' })
      .resolves(stored(definition({ name: 'orders-eu-0', connector: 'orders-eu', task: 0, generation: 1, state: 'ENABLED' })));

    // Act
    const schedules = await adapter.list('orders');

    // Assess
    assert.deepEqual(scheduler.commandCalls(ListSchedulesCommand)[0]?.args[0].input, { GroupName: GROUP, NamePrefix: 'orders-' });
    assert.deepEqual(schedules, [{ connector: 'orders', task: 0, generation: 1, enabled: true, intervalMinutes: 1 }]);
  });

  it('when a schedule disappears between ListSchedules and GetSchedule, it leaves it out of the list', async () => {
    // Prepare
    scheduler.on(ListSchedulesCommand).resolves({ Schedules: [{ Name: 'orders-0' }] });
    scheduler.on(GetScheduleCommand).rejects(notFound());

    // Act
    const schedules = await adapter.list();

    // Assess
    assert.deepEqual(schedules, []);
  });

  it('when the connector name has characters Scheduler refuses, it sanitizes the name and adds a stable hash', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'orders/eu west', task: 0, generation: 1, enabled: true });
    await adapter.put({ connector: 'orders/eu west', task: 12, generation: 1, enabled: true });
    await adapter.put({ connector: 'orders_eu_west', task: 0, generation: 1, enabled: true });

    // Assess
    assert.deepEqual(
      scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name),
      ['orders_eu_west-cddf4035-0', 'orders_eu_west-cddf4035-12', 'orders_eu_west-0'],
    );
    assert.deepEqual(
      scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input,
      definition({ name: 'orders_eu_west-cddf4035-0', connector: 'orders/eu west', task: 0, generation: 1, state: 'ENABLED' }),
    );
  });

  it('when the connector name is too long for a schedule name, it cuts it to 64 characters with a hash', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });

    // Act
    await adapter.put({ connector: 'a'.repeat(70), task: 99999, generation: 1, enabled: true });

    // Assess
    const name = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Name;
    assert.equal(name, `${'a'.repeat(49)}-6bd5e503-99999`);
    assert.equal(name?.length, 64);
  });

  it('when Scheduler throttles, it throws a retriable TaskScheduleError naming the connector, task and operation', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));

    // Act
    const put = adapter.put({ connector: 'orders', task: 4, generation: 1, enabled: true });

    // Assess
    await assert.rejects(put, (error: unknown) => {
      assert.ok(error instanceof TaskScheduleError);
      assert.equal(error.retriable, true);
      assert.equal(error.operation, 'CreateSchedule');
      assert.match(
        error.message,
        /CreateSchedule failed for source connector "orders" task 4 \(schedule copycat\/orders-4\): ThrottlingException: Rate exceeded/,
      );
      assert.ok(error.cause instanceof ThrottlingException);
      return true;
    });
  });

  it('when Scheduler refuses the definition, it throws a TaskScheduleError that is not retriable', async () => {
    // Prepare
    scheduler.on(GetScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).rejects(
      new ValidationException({
        message: 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.',
        Message: 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const put = adapter.put({ connector: 'orders', task: 0, generation: 1, enabled: true });

    // Assess
    await assert.rejects(
      put,
      (error: unknown) => error instanceof TaskScheduleError && !error.retriable && /scheduler role/.test(error.message),
    );
  });

  it('when the interval is below a minute, it refuses the schedule naming the field and calls nothing', async () => {
    // Act
    const put = adapter.put({ connector: 'orders', task: 0, generation: 1, enabled: true, intervalMinutes: 0 });

    // Assess
    await assert.rejects(put, (error: unknown) => error instanceof ControlValidationError && error.field === 'intervalMinutes');
    assert.equal(scheduler.calls().length, 0);
  });
});
