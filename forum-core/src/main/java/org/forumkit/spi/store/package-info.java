/**
 * The storage SPI, for plugin authors: a {@link org.forumkit.spi.store.ForumStore} runs work in a read-write
 * {@link org.forumkit.spi.store.StoreTransaction} or a {@link org.forumkit.spi.store.StoreReader}, whose methods are
 * persistence primitives, each atomic on its own (append a post with its floor, cast a vote, move a topic's
 * counts, …). The domain rules stay in core; a store proves itself by passing the contract kit
 * ({@code org.forumkit.tck.ForumStoreContract} in forum-core's test-jar).
 */
package org.forumkit.spi.store;
