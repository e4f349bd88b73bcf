package org.forumkit.jpa;

import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;

/** The storage contract kit, unchanged, on PostgreSQL. */
class PostgreSqlJpaForumStoreTest extends ForumStoreContract {

    @Override
    protected ForumStore newStore() {
        return TestDatabase.POSTGRESQL.freshStore();
    }
}
