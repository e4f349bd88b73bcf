package org.forumkit.jpa;

import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;
import org.junit.jupiter.api.Tag;

/** The storage contract kit, unchanged, on H2 in memory. */
@Tag("h2")
class H2JpaForumStoreTest extends ForumStoreContract {

    @Override
    protected ForumStore newStore() {
        return TestDatabase.H2.freshStore();
    }
}
