/** The snoop database: connect to a URL or run the embedded PostgreSQL, migrate, hand out jOOQ. */
package dev.snoop.db;
