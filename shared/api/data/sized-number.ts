/**
 * A schemaless number whose Java type is narrower than Long or Double. Schemaless data from JSON
 * has only Long (`bigint`) and Double (`number`); a transform such as Cast can produce an int8,
 * int16, int32 or float32, which Kafka Connect keeps as Byte, Short, Integer or Float and later
 * formats differently (Float 1.1 prints as "1.1", the double closest to it does not).
 */
export class SizedNumber {
  readonly type: 'INT8' | 'INT16' | 'INT32' | 'FLOAT32';
  readonly value: number;

  constructor(type: 'INT8' | 'INT16' | 'INT32' | 'FLOAT32', value: number) {
    this.type = type;
    this.value = value;
  }

  valueOf(): number {
    return this.value;
  }
}
