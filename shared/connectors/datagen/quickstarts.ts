import { type Schema, SchemaBuilder, Schemas, Struct } from '../../api/data/index.ts';
import type { SeededRandom } from './seeded-random.ts';

/** One of Confluent datagen's bundled quickstarts: its value schema, key field and generator. */
export interface Quickstart {
  readonly valueSchema: Schema;
  /** The value field that is also the record key (Confluent's `schema.keyfield` for the quickstart). */
  readonly keyField: string;
  /** The value of record number `iteration` (0-based), drawing from `random`. */
  generate(iteration: number, random: SeededRandom): Struct;
}

const NONZERO = '123456789';
const DIGIT = '0123456789';

const address = SchemaBuilder.struct()
  .name('ksql.address')
  .field('city', Schemas.STRING)
  .field('state', Schemas.STRING)
  .field('zipcode', Schemas.INT64)
  .build();

const orders = SchemaBuilder.struct()
  .name('ksql.orders')
  .field('ordertime', Schemas.INT64)
  .field('orderid', Schemas.INT32)
  .field('itemid', Schemas.STRING)
  .field('orderunits', Schemas.FLOAT64)
  .field('address', address)
  .build();

const users = SchemaBuilder.struct()
  .name('ksql.users')
  .field('registertime', Schemas.INT64)
  .field('userid', Schemas.STRING)
  .field('regionid', Schemas.STRING)
  .field('gender', Schemas.STRING)
  .build();

const pageviews = SchemaBuilder.struct()
  .name('ksql.pageviews')
  .field('viewtime', Schemas.INT64)
  .field('userid', Schemas.STRING)
  .field('pageid', Schemas.STRING)
  .build();

/**
 * The `orders`, `users` and `pageviews` quickstarts with the field names, types, key fields,
 * iteration sequences, ranges and patterns of Confluent's Avro schemas (`orders_schema.avro`
 * etc.). The random draws are Copycat's own: same shapes, not the same values as Confluent's.
 */
export const QUICKSTARTS: Readonly<Record<string, Quickstart>> = {
  orders: {
    valueSchema: orders,
    keyField: 'orderid',
    generate: (iteration, random) =>
      new Struct(orders)
        .put('ordertime', 1487715775521n + 1283n * BigInt(iteration))
        .put('orderid', iteration % 2147483648)
        // Item_[1-9][0-9]{0,2}
        .put('itemid', `Item_${random.digits(NONZERO, 1)}${random.digits(DIGIT, random.int(0, 2))}`)
        .put('orderunits', 0.1 + random.next() * 9.9)
        .put(
          'address',
          new Struct(address)
            // City_[1-9]{0,2}, State_[1-9]{0,2}
            .put('city', `City_${random.digits(NONZERO, random.int(0, 2))}`)
            .put('state', `State_${random.digits(NONZERO, random.int(0, 2))}`)
            .put('zipcode', BigInt(random.int(10000, 99999))),
        ),
  },
  users: {
    valueSchema: users,
    keyField: 'userid',
    generate: (_iteration, random) =>
      new Struct(users)
        .put('registertime', BigInt(random.int(1487715775521, 1519273364600)))
        // User_[1-9]{0,1}, Region_[1-9]?
        .put('userid', `User_${random.digits(NONZERO, random.int(0, 1))}`)
        .put('regionid', `Region_${random.digits(NONZERO, random.int(0, 1))}`)
        .put('gender', random.pick(['MALE', 'FEMALE', 'OTHER'])),
  },
  pageviews: {
    valueSchema: pageviews,
    keyField: 'viewtime',
    generate: (iteration, random) =>
      new Struct(pageviews)
        .put('viewtime', 1n + 10n * BigInt(iteration))
        .put('userid', `User_${random.digits(NONZERO, random.int(0, 1))}`)
        // Page_[1-9][0-9]?
        .put('pageid', `Page_${random.digits(NONZERO, 1)}${random.digits(DIGIT, random.int(0, 1))}`),
  },
};
