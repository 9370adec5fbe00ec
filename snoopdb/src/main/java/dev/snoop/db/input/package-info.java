/** Reading inputs from local files or upstream URLs (cached), with clear errors for bad content. */
package dev.snoop.db.input;
