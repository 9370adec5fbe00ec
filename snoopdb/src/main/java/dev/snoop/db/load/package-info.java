/** The load log: one row per committed load of an input. */
package dev.snoop.db.load;
