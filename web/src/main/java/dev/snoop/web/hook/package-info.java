/**
 * GitHub's webhook ({@code POST /hook}): signature, delivery ids remembered, and the consumers (the
 * pull request bot, the job engine) each delivery is handed to.
 */
package dev.snoop.web.hook;
