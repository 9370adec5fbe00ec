/** Release versions and the release catalogue (releases.yaml). */
package dev.snoop.db.release;
