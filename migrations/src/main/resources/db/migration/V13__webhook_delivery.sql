-- GitHub delivers a webhook event at least once: a delivery it thinks failed (a timeout, a 5xx) is
-- sent again with the same X-GitHub-Delivery id, and a user may redeliver by hand. The server keeps
-- every delivery id it has acted on, in the transaction that stores what the delivery caused, so a
-- redelivery is a no-op, also when several servers share the database.
CREATE TABLE snoop.webhook_delivery (
  delivery_id  text PRIMARY KEY,
  event        text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  reactions    jsonb NOT NULL
);
COMMENT ON TABLE snoop.webhook_delivery IS 'GitHub webhook deliveries the server acted on, one row per X-GitHub-Delivery id: a redelivery of one is answered from here and acts no more.';
COMMENT ON COLUMN snoop.webhook_delivery.delivery_id IS 'X-GitHub-Delivery: the id GitHub gives the event, kept when it is delivered again.';
COMMENT ON COLUMN snoop.webhook_delivery.event IS 'X-GitHub-Event: pull_request, ping, ...';
COMMENT ON COLUMN snoop.webhook_delivery.received_at IS 'When the delivery was first received.';
COMMENT ON COLUMN snoop.webhook_delivery.reactions IS 'What each consumer of the delivery did, by consumer: {"bot": "queued #3297"}.';
