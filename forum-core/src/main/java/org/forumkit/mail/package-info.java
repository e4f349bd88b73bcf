/**
 * Mail delivery of notifications on Jakarta Mail: {@link org.forumkit.mail.MailSender}. The API is an optional
 * dependency of forum-core, used only from this package; a host that sends mail adds it and an implementation
 * (Eclipse Angus Mail).
 */
package org.forumkit.mail;
