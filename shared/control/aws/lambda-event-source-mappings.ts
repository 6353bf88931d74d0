import { isDeepStrictEqual } from 'node:util';
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingRequest,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  type FunctionResponseType,
  GetAliasCommand,
  type LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  type ProvisionedPollerConfig,
  type SourceAccessConfiguration,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
  type UpdateEventSourceMappingRequest,
} from '@aws-sdk/client-lambda';
import { ControlValidationError, SinkMappingError } from '../errors.ts';
import { type EventSourceMappingPort, type SinkMapping, validateSinkMapping } from '../ports/event-source-mapping.ts';
import { awsFailure, isAwsError } from './aws-failure.ts';
import { SINK_ALIAS_PREFIX, sinkAliasName } from './resource-names.ts';

/** An Amazon MSK cluster. Lambda reaches it through the cluster's own subnets and security groups. */
export interface MskCluster {
  readonly type: 'msk';
  /** The cluster ARN (or a multi-VPC connection ARN). */
  readonly clusterArn: string;
  /** Secrets Manager secret for SASL/SCRAM-512. @default none: IAM authentication with the function's role */
  readonly saslScram512SecretArn?: string;
  /** Secrets Manager secret with the client certificate for mutual TLS. @default none */
  readonly clientCertificateSecretArn?: string;
}

/** A self-managed Kafka cluster (including Amazon MSK reached by its bootstrap servers). */
export interface SelfManagedKafkaCluster {
  readonly type: 'self-managed';
  /** `host:port` of the bootstrap brokers. */
  readonly bootstrapServers: readonly string[];
  /** SASL mechanism and the Secrets Manager secret holding `{"username","password"}`. @default none */
  readonly sasl?: { readonly mechanism: 'SCRAM-SHA-512' | 'SCRAM-SHA-256' | 'PLAIN'; readonly secretArn: string };
  /** Secrets Manager secret with the client certificate for mutual TLS. @default none */
  readonly clientCertificateSecretArn?: string;
  /** Secrets Manager secret with the root CA that signed the brokers' certificates. @default none: public CAs */
  readonly serverRootCaCertificateSecretArn?: string;
  /** The VPC the brokers are reached from. @default none: brokers reachable from the internet */
  readonly vpc?: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] };
}

export type KafkaCluster = MskCluster | SelfManagedKafkaCluster;

/** Settings of {@link LambdaEventSourceMappings}. */
export interface LambdaEventSourceMappingsOptions {
  /** The Lambda client; its region and credentials are the caller's choice. */
  readonly client: LambdaClient;
  /** Unqualified ARN of the sink task function the aliases are created on. */
  readonly sinkFunctionArn: string;
  /** The version the `sink-<name>` aliases point at. @default '$LATEST' */
  readonly functionVersion?: string;
  /** The Kafka cluster every mapping reads from. */
  readonly cluster: KafkaCluster;
  /**
   * Provisioned mode (dedicated event pollers). Kafka mappings honour `reportBatchItemFailures`,
   * `maximumRetryAttempts`, `bisectBatchOnFunctionError` and `maximumRecordAgeSeconds` only in
   * this mode. `minimum` 1–200, `maximum` 1–2000. @default none: on-demand pollers
   */
  readonly provisionedPollers?: { readonly minimum?: number; readonly maximum?: number };
}

const UNQUALIFIED_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]{1,64}$/;
/** The alias description holds the connector name, so listing can map an alias back to its connector. */
const DESCRIPTION_MAX = 256;
const REPORT_BATCH_ITEM_FAILURES: FunctionResponseType = 'ReportBatchItemFailures';

/**
 * The event source mapping port on Lambda: per sink connector an alias `sink-<name>` on the sink
 * function (pointing at the configured version, description = connector name) and one Kafka event
 * source mapping per topic on that alias, reading from the MSK or self-managed cluster of the
 * options. The sink handler learns its connector from the alias it was invoked through.
 */
export class LambdaEventSourceMappings implements EventSourceMappingPort {
  readonly #client: LambdaClient;
  readonly #functionArn: string;
  readonly #version: string;
  readonly #cluster: KafkaCluster;
  readonly #pollers: ProvisionedPollerConfig | undefined;
  readonly #access: SourceAccessConfiguration[];

  constructor(options: LambdaEventSourceMappingsOptions) {
    if (!UNQUALIFIED_FUNCTION_ARN.test(options.sinkFunctionArn))
      throw new ControlValidationError(
        'options.sinkFunctionArn',
        `"${options.sinkFunctionArn}" is not an unqualified Lambda function ARN.`,
      );
    this.#client = options.client;
    this.#functionArn = options.sinkFunctionArn;
    this.#version = options.functionVersion ?? '$LATEST';
    this.#cluster = options.cluster;
    this.#access = sourceAccessConfigurations(options.cluster);
    this.#pollers = provisionedPollerConfig(options.provisionedPollers);
  }

  async list(connector?: string): Promise<SinkMapping[]> {
    const connectors = connector === undefined ? await this.#connectorsWithAlias() : [connector];
    const mappings: SinkMapping[] = [];
    for (const name of connectors)
      for (const esm of await this.#mappingsOf(name)) mappings.push(toSinkMapping(name, esm, this.#pollers !== undefined));
    return mappings;
  }

  async put(mapping: SinkMapping): Promise<void> {
    validateSinkMapping(mapping);
    this.#validateForLambda(mapping);
    const aliasArn = await this.#ensureAlias(mapping.connector);
    const target = { connector: mapping.connector, topic: mapping.topic };
    const current = (await this.#mappingsOf(mapping.connector)).find((esm) => esm.Topics?.[0] === mapping.topic);
    if (current?.UUID !== undefined && !this.#sameImmutables(current, mapping)) {
      // Topic, consumer group, starting position and cluster cannot be changed on an existing
      // mapping: delete it and create a new one. The group id must be unique among Kafka mappings,
      // so the create can be refused while the old mapping is still Deleting; that refusal is
      // retriable and the next reconciler run finds the old mapping gone.
      const uuid = current.UUID;
      await this.#callUnlessMissing({ ...target, operation: 'DeleteEventSourceMapping', resource: `mapping ${uuid}` }, () =>
        this.#client.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
      );
    } else if (current?.UUID !== undefined) {
      const update = this.#updateRequest(current.UUID, current, mapping);
      if (update !== undefined)
        await this.#call({ ...target, operation: 'UpdateEventSourceMapping', resource: `mapping ${current.UUID}` }, () =>
          this.#client.send(new UpdateEventSourceMappingCommand(update)),
        );
      return;
    }
    const create = this.#createRequest(aliasArn, mapping);
    await this.#call({ ...target, operation: 'CreateEventSourceMapping', resource: `alias ${aliasArn}` }, () =>
      this.#client.send(new CreateEventSourceMappingCommand(create)),
    );
  }

  async remove(connector: string, topic?: string): Promise<void> {
    const alias = sinkAliasName(connector);
    for (const esm of await this.#mappingsOf(connector)) {
      const uuid = esm.UUID;
      if (uuid === undefined || (topic !== undefined && esm.Topics?.[0] !== topic)) continue;
      await this.#callUnlessMissing(
        { operation: 'DeleteEventSourceMapping', connector, topic: esm.Topics?.[0], resource: `mapping ${uuid}` },
        () => this.#client.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
      );
    }
    if (topic !== undefined) return;
    await this.#callUnlessMissing({ operation: 'DeleteAlias', connector, resource: `alias ${alias}` }, () =>
      this.#client.send(new DeleteAliasCommand({ FunctionName: this.#functionArn, Name: alias })),
    );
  }

  #aliasArn(connector: string): string {
    return `${this.#functionArn}:${sinkAliasName(connector)}`;
  }

  /** Creates the connector's alias, or points it back at the configured version; returns its ARN. */
  async #ensureAlias(connector: string): Promise<string> {
    const name = sinkAliasName(connector);
    const target = { connector, resource: `alias ${name}` };
    const alias = await this.#callUnlessMissing({ ...target, operation: 'GetAlias' }, () =>
      this.#client.send(new GetAliasCommand({ FunctionName: this.#functionArn, Name: name })),
    );
    const definition = { FunctionName: this.#functionArn, Name: name, FunctionVersion: this.#version, Description: connector };
    if (alias === undefined) {
      try {
        await this.#client.send(new CreateAliasCommand(definition));
      } catch (error) {
        // Created by a concurrent reconciler run since GetAlias: it is the same alias.
        if (!isAwsError(error, 'ResourceConflictException'))
          throw new SinkMappingError({ ...target, operation: 'CreateAlias' }, awsFailure(error));
      }
    } else if (alias.FunctionVersion !== this.#version || alias.Description !== connector) {
      await this.#call({ ...target, operation: 'UpdateAlias' }, () => this.#client.send(new UpdateAliasCommand(definition)));
    }
    return this.#aliasArn(connector);
  }

  /** Connectors that have an alias; the alias description is the connector name. */
  async #connectorsWithAlias(): Promise<string[]> {
    const connectors: string[] = [];
    let marker: string | undefined;
    do {
      const request = { FunctionName: this.#functionArn, ...(marker === undefined ? {} : { Marker: marker }) };
      const page = await this.#call({ operation: 'ListAliases', resource: `function ${this.#functionArn}` }, () =>
        this.#client.send(new ListAliasesCommand(request)),
      );
      for (const alias of page.Aliases ?? []) {
        const connector = alias.Description;
        // Aliases someone else made on the function are not ours: the name must be the one the description gives.
        if (alias.Name?.startsWith(SINK_ALIAS_PREFIX) && connector && sinkAliasName(connector) === alias.Name) connectors.push(connector);
      }
      marker = page.NextMarker;
    } while (marker !== undefined && marker.length > 0);
    return connectors;
  }

  /** The connector's mappings, all pages, except those already being deleted. */
  async #mappingsOf(connector: string): Promise<EventSourceMappingConfiguration[]> {
    const aliasArn = this.#aliasArn(connector);
    const mappings: EventSourceMappingConfiguration[] = [];
    let marker: string | undefined;
    do {
      const request = { FunctionName: aliasArn, ...(marker === undefined ? {} : { Marker: marker }) };
      const page = await this.#callUnlessMissing({ operation: 'ListEventSourceMappings', connector, resource: `alias ${aliasArn}` }, () =>
        this.#client.send(new ListEventSourceMappingsCommand(request)),
      );
      if (page === undefined) break; // no alias, so no mappings
      for (const esm of page.EventSourceMappings ?? []) if (esm.State !== 'Deleting') mappings.push(esm);
      marker = page.NextMarker;
    } while (marker !== undefined && marker.length > 0);
    return mappings;
  }

  #validateForLambda(mapping: SinkMapping): void {
    if (mapping.connector.length > DESCRIPTION_MAX)
      throw new ControlValidationError(
        'connector',
        `Sink connector "${mapping.connector.slice(0, 40)}…" has a name of ${mapping.connector.length} characters; the Lambda adapter records it in the alias description, which holds ${DESCRIPTION_MAX}.`,
      );
    if (this.#pollers !== undefined) return;
    const provisionedOnly: [keyof SinkMapping, boolean][] = [
      ['reportBatchItemFailures', mapping.reportBatchItemFailures],
      ['maximumRetryAttempts', mapping.maximumRetryAttempts !== undefined && mapping.maximumRetryAttempts !== -1],
      ['bisectBatchOnFunctionError', mapping.bisectBatchOnFunctionError === true],
      ['maximumRecordAgeSeconds', mapping.maximumRecordAgeSeconds !== undefined && mapping.maximumRecordAgeSeconds !== -1],
    ];
    for (const [field, set] of provisionedOnly)
      if (set)
        throw new ControlValidationError(
          field,
          `Sink mapping of connector "${mapping.connector}" for topic "${mapping.topic}": ${field} needs a Kafka event source mapping in provisioned mode; configure provisioned pollers for the sink function or leave ${field} unset.`,
        );
  }

  #sameImmutables(esm: EventSourceMappingConfiguration, mapping: SinkMapping): boolean {
    const groupId = esm.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? esm.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId;
    if (groupId !== mapping.groupId || esm.StartingPosition !== mapping.startingPosition) return false;
    if (this.#cluster.type === 'msk') return esm.EventSourceArn === this.#cluster.clusterArn;
    const servers = esm.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ?? [];
    return esm.EventSourceArn === undefined && isDeepStrictEqual([...servers].sort(), [...this.#cluster.bootstrapServers].sort());
  }

  #createRequest(aliasArn: string, mapping: SinkMapping): CreateEventSourceMappingRequest {
    const consumerGroup = { ConsumerGroupId: mapping.groupId };
    return {
      FunctionName: aliasArn,
      ...(this.#cluster.type === 'msk'
        ? { EventSourceArn: this.#cluster.clusterArn, AmazonManagedKafkaEventSourceConfig: consumerGroup }
        : {
            SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [...this.#cluster.bootstrapServers] } },
            SelfManagedKafkaEventSourceConfig: consumerGroup,
          }),
      Topics: [mapping.topic],
      StartingPosition: mapping.startingPosition,
      BatchSize: mapping.batchSize,
      MaximumBatchingWindowInSeconds: mapping.batchingWindowSeconds,
      Enabled: mapping.enabled,
      ...(this.#access.length > 0 ? { SourceAccessConfigurations: this.#access } : {}),
      ...(mapping.reportBatchItemFailures ? { FunctionResponseTypes: [REPORT_BATCH_ITEM_FAILURES] } : {}),
      ...(mapping.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: mapping.maximumRetryAttempts }),
      ...(mapping.bisectBatchOnFunctionError === undefined ? {} : { BisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError }),
      ...(mapping.maximumRecordAgeSeconds === undefined ? {} : { MaximumRecordAgeInSeconds: mapping.maximumRecordAgeSeconds }),
      ...(this.#pollers === undefined ? {} : { ProvisionedPollerConfig: this.#pollers }),
    };
  }

  /**
   * The update that makes the mutable fields match, or undefined when they already do. It carries
   * every mutable field the port manages (not only those that differ) so the mapping converges in
   * one call; error handling only in provisioned mode, where Kafka mappings accept it, with the
   * defaults spelled out so that unsetting a field resets it.
   */
  #updateRequest(uuid: string, esm: EventSourceMappingConfiguration, mapping: SinkMapping): UpdateEventSourceMappingRequest | undefined {
    const provisioned = this.#pollers !== undefined;
    const desired = {
      Enabled: mapping.enabled,
      BatchSize: mapping.batchSize,
      MaximumBatchingWindowInSeconds: mapping.batchingWindowSeconds,
      ...(provisioned
        ? {
            FunctionResponseTypes: mapping.reportBatchItemFailures ? [REPORT_BATCH_ITEM_FAILURES] : [],
            MaximumRetryAttempts: mapping.maximumRetryAttempts ?? -1,
            BisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError ?? false,
            MaximumRecordAgeInSeconds: mapping.maximumRecordAgeSeconds ?? -1,
          }
        : {}),
    };
    const current = {
      Enabled: isEnabled(esm),
      BatchSize: esm.BatchSize,
      MaximumBatchingWindowInSeconds: esm.MaximumBatchingWindowInSeconds,
      ...(provisioned
        ? {
            FunctionResponseTypes: esm.FunctionResponseTypes?.includes(REPORT_BATCH_ITEM_FAILURES) ? [REPORT_BATCH_ITEM_FAILURES] : [],
            MaximumRetryAttempts: esm.MaximumRetryAttempts ?? -1,
            BisectBatchOnFunctionError: esm.BisectBatchOnFunctionError ?? false,
            MaximumRecordAgeInSeconds: esm.MaximumRecordAgeInSeconds ?? -1,
          }
        : {}),
    };
    // Cluster credentials and poller counts come from the deployment, not the connector: they are
    // sent only when a redeploy changed them (a rotated secret ARN, new subnets, more pollers).
    const accessChanged = !sameAccess(esm.SourceAccessConfigurations ?? [], this.#access);
    const pollers = this.#pollers;
    const pollersChanged =
      pollers !== undefined &&
      (esm.ProvisionedPollerConfig === undefined ||
        (pollers.MinimumPollers !== undefined && esm.ProvisionedPollerConfig.MinimumPollers !== pollers.MinimumPollers) ||
        (pollers.MaximumPollers !== undefined && esm.ProvisionedPollerConfig.MaximumPollers !== pollers.MaximumPollers));
    if (isDeepStrictEqual(current, desired) && !accessChanged && !pollersChanged) return undefined;
    return {
      UUID: uuid,
      ...desired,
      ...(accessChanged ? { SourceAccessConfigurations: this.#access } : {}),
      ...(pollersChanged ? { ProvisionedPollerConfig: pollers } : {}),
    };
  }

  async #call<T>(target: SinkCallTarget, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new SinkMappingError(target, awsFailure(error));
    }
  }

  /** As `#call`, but a missing alias or mapping is `undefined` rather than an error. */
  async #callUnlessMissing<T>(target: SinkCallTarget, send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
      throw new SinkMappingError(target, awsFailure(error));
    }
  }
}

type SinkCallTarget = ConstructorParameters<typeof SinkMappingError>[0];

/** Disabled and Disabling are off; Creating/Enabling/Updating count as on (an update then waits for the mapping to settle). */
function isEnabled(esm: EventSourceMappingConfiguration): boolean {
  return esm.State !== 'Disabled' && esm.State !== 'Disabling';
}

function toSinkMapping(connector: string, esm: EventSourceMappingConfiguration, provisioned: boolean): SinkMapping {
  const retries = esm.MaximumRetryAttempts;
  const age = esm.MaximumRecordAgeInSeconds;
  return {
    connector,
    topic: esm.Topics?.[0] ?? '',
    groupId: esm.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? esm.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId ?? '',
    enabled: isEnabled(esm),
    batchSize: esm.BatchSize ?? 100,
    batchingWindowSeconds: esm.MaximumBatchingWindowInSeconds ?? 0,
    // Only a mapping made outside Copycat starts AT_TIMESTAMP; put compares the raw value and recreates it.
    startingPosition: esm.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    reportBatchItemFailures: esm.FunctionResponseTypes?.includes(REPORT_BATCH_ITEM_FAILURES) ?? false,
    // Reported as normalizeSinkMapping leaves them: absent when at the default, or when on-demand
    // mode ignores them anyway.
    ...(provisioned && retries !== undefined && retries !== -1 ? { maximumRetryAttempts: retries } : {}),
    ...(provisioned && esm.BisectBatchOnFunctionError === true ? { bisectBatchOnFunctionError: true } : {}),
    ...(provisioned && age !== undefined && age !== -1 ? { maximumRecordAgeSeconds: age } : {}),
  };
}

function sourceAccessConfigurations(cluster: KafkaCluster): SourceAccessConfiguration[] {
  const access: SourceAccessConfiguration[] = [];
  if (cluster.type === 'msk') {
    if (!cluster.clusterArn.startsWith('arn:'))
      throw new ControlValidationError('options.cluster.clusterArn', `"${cluster.clusterArn}" is not an MSK cluster ARN.`);
    if (cluster.saslScram512SecretArn) access.push({ Type: 'SASL_SCRAM_512_AUTH', URI: cluster.saslScram512SecretArn });
    if (cluster.clientCertificateSecretArn) access.push({ Type: 'CLIENT_CERTIFICATE_TLS_AUTH', URI: cluster.clientCertificateSecretArn });
    return access;
  }
  if (cluster.bootstrapServers.length === 0)
    throw new ControlValidationError(
      'options.cluster.bootstrapServers',
      'A self-managed Kafka cluster needs at least one bootstrap server (host:port).',
    );
  if (cluster.sasl) {
    const type = { 'SCRAM-SHA-512': 'SASL_SCRAM_512_AUTH', 'SCRAM-SHA-256': 'SASL_SCRAM_256_AUTH', PLAIN: 'BASIC_AUTH' } as const;
    access.push({ Type: type[cluster.sasl.mechanism], URI: cluster.sasl.secretArn });
  }
  if (cluster.clientCertificateSecretArn) access.push({ Type: 'CLIENT_CERTIFICATE_TLS_AUTH', URI: cluster.clientCertificateSecretArn });
  if (cluster.serverRootCaCertificateSecretArn)
    access.push({ Type: 'SERVER_ROOT_CA_CERTIFICATE', URI: cluster.serverRootCaCertificateSecretArn });
  if (cluster.vpc) {
    if (cluster.vpc.subnetIds.length === 0 || cluster.vpc.securityGroupIds.length === 0)
      throw new ControlValidationError(
        'options.cluster.vpc',
        'A self-managed Kafka cluster in a VPC needs at least one subnet and one security group.',
      );
    for (const subnet of cluster.vpc.subnetIds) access.push({ Type: 'VPC_SUBNET', URI: `subnet:${subnet}` });
    for (const group of cluster.vpc.securityGroupIds) access.push({ Type: 'VPC_SECURITY_GROUP', URI: `security_group:${group}` });
  }
  return access;
}

function provisionedPollerConfig(pollers: LambdaEventSourceMappingsOptions['provisionedPollers']): ProvisionedPollerConfig | undefined {
  if (pollers === undefined) return undefined;
  const { minimum, maximum } = pollers;
  if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 1 || minimum > 200))
    throw new ControlValidationError(
      'options.provisionedPollers.minimum',
      `provisionedPollers.minimum must be an integer from 1 to 200, got ${minimum}.`,
    );
  if (maximum !== undefined && (!Number.isInteger(maximum) || maximum < 1 || maximum > 2000))
    throw new ControlValidationError(
      'options.provisionedPollers.maximum',
      `provisionedPollers.maximum must be an integer from 1 to 2000, got ${maximum}.`,
    );
  if (minimum !== undefined && maximum !== undefined && minimum > maximum)
    throw new ControlValidationError('options.provisionedPollers', `provisionedPollers.minimum (${minimum}) exceeds maximum (${maximum}).`);
  return { ...(minimum === undefined ? {} : { MinimumPollers: minimum }), ...(maximum === undefined ? {} : { MaximumPollers: maximum }) };
}

/** Lambda may hand the access configurations back in another order. */
function sameAccess(current: readonly SourceAccessConfiguration[], desired: readonly SourceAccessConfiguration[]): boolean {
  const key = (access: SourceAccessConfiguration) => `${access.Type} ${access.URI}`;
  return isDeepStrictEqual(current.map(key).sort(), desired.map(key).sort());
}
