package org.forumkit.jpa;

import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;
import org.junit.jupiter.api.Tag;

/** The storage contract kit, unchanged, on MariaDB. */
@Tag("mariadb")
class MariaDbJpaForumStoreTest extends ForumStoreContract {

    @Override
    protected ForumStore newStore() {
        return TestDatabase.MARIADB.freshStore();
    }
}
