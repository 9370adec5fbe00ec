/** The snoop command line: one small command class per command, each calling one library method. */
package dev.snoop.cli;
