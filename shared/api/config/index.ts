// The config definition mechanism (Kafka's ConfigDef): declare keys once, get parsing,
// validation and the REST `config/validate` answer from the declaration.
export { AbstractConfig } from './abstract-config.ts';
export { ConfigDef } from './config-def.ts';
export { ConfigException } from './config-exception.ts';
export { ConfigKey, type ConfigKeyOptions } from './config-key.ts';
export { ConfigValue } from './config-value.ts';
export { convertToString, parseType } from './parse-type.ts';
export { Password } from './password.ts';
export {
  type ConfigProps,
  Importance,
  NO_DEFAULT_VALUE,
  type ParsedValue,
  type Recommender,
  Type,
  type Validator,
  Width,
} from './types.ts';
export {
  type ConfigInfo,
  type ConfigInfos,
  type ConfigKeyInfo,
  type ConfigValueInfo,
  convertConfigKey,
  convertConfigValue,
  generateResult,
  mergeConfigInfos,
  prefixedConfigInfos,
  type ValidatedPart,
  validationResult,
} from './validation-result.ts';
export {
  CaseInsensitiveValidString,
  CompositeValidator,
  KnownClass,
  LambdaValidator,
  ListSize,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  ValidList,
  ValidString,
} from './validators.ts';
