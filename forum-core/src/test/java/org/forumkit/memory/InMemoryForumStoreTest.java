package org.forumkit.memory;

import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;

class InMemoryForumStoreTest extends ForumStoreContract {

    @Override
    protected ForumStore newStore() {
        return new InMemoryForumStore();
    }
}
