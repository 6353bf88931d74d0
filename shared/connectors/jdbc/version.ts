/** The version the JDBC connectors report (`GET /connector-plugins`): Copycat's own. */
export const JDBC_CONNECTOR_VERSION = '0.1.0';
