/** OpenAPI specs: parsing v2 and v3 documents, deriving APISnoop's columns, loading open_api. */
package dev.snoop.db.spec;
