/**
 * Webhook delivery of notifications: {@link org.forumkit.webhook.WebhookSender} posts each one as JSON over
 * {@code java.net.http}, signed with HMAC-SHA256 ({@link org.forumkit.webhook.WebhookSignature}); needs Jackson
 * (optional in forum-core) on the class path.
 */
package org.forumkit.webhook;
