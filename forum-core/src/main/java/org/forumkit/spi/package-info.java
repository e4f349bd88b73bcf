/**
 * The hooks a host implements to make the forum its own: {@link org.forumkit.spi.PermissionPolicy},
 * {@link org.forumkit.spi.ContentRenderer}, {@link org.forumkit.spi.CensorPolicy},
 * {@link org.forumkit.spi.CreditPolicy} and {@link org.forumkit.spi.ForumEventListener}, each passed to
 * {@code Forum.builder()}. What a storage plugin implements lives apart, in {@link org.forumkit.spi.store}.
 */
package org.forumkit.spi;
