import type { IConstruct } from 'constructs';
import { CopycatError } from '../shared/errors.ts';

/**
 * A construct prop is invalid: thrown while the app is built (`cdk synth`), before anything is
 * deployed. The message names the construct path, the prop and what to change.
 */
export class InfraValidationError extends CopycatError {
  /** The prop that is wrong, e.g. `kafka.bootstrapServers`. */
  readonly prop: string;

  constructor(scope: IConstruct, prop: string, message: string) {
    super(`${scope.node.path}: ${prop}: ${message}`);
    this.name = 'InfraValidationError';
    this.prop = prop;
  }
}
