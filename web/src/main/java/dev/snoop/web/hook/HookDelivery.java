package dev.snoop.web.hook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GitHub webhook delivery, its signature checked.
 *
 * @param id {@code X-GitHub-Delivery}: the same when GitHub delivers the event again
 * @param event {@code X-GitHub-Event}: pull_request, push, ping, ...
 * @param payload the body, a JSON object
 */
public record HookDelivery(String id, String event, JsonNode payload) {}
