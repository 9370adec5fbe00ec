package dev.snoop.web.hook;

import org.jooq.DSLContext;

/**
 * Something the server runs on each new GitHub webhook delivery (the pull request bot, the job
 * engine). A redelivery reaches no consumer.
 */
@FunctionalInterface
public interface HookConsumer {
  /**
   * Acts on one delivery. What it stores goes through {@code tx}, the transaction that records the
   * delivery: both commit together before GitHub is answered, or neither does and GitHub delivers
   * the event again.
   *
   * @return what it did, for the answer and the delivery's record, e.g. {@code queued #3297}
   */
  String accept(HookDelivery delivery, DSLContext tx);

  /**
   * Called once what {@link #accept} stored has committed (not for a redelivery): the moment to act
   * on it elsewhere, e.g. to wake the job engine, whose loops would not see the rows before.
   */
  default void committed(HookDelivery delivery) {}
}
