/** Test fixtures shared by every module: a migrated database per test class, the shared data. */
package dev.snoop.db.testing;
