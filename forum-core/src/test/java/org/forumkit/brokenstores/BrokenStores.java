package org.forumkit.brokenstores;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.PostState;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.tck.ForumStoreContract;
import org.forumkit.testing.LauncherOnly;
import org.junit.jupiter.api.Tag;

/**
 * Stores with one deliberate bug each, the kind a plugin author could make. Each runs the whole contract kit;
 * {@code ContractKitCatchesBrokenStoresTest} checks that the kit rejects every one of them.
 */
final class BrokenStores {
    private BrokenStores() {
    }

    /** A store whose transactions let {@code bug} rewrite calls; everything else goes to a correct store. */
    interface Bug {
        Object call(StoreTransaction tx, Method method, Object[] args) throws Throwable;
    }

    static ForumStore withBug(Bug bug) {
        InMemoryForumStore store = new InMemoryForumStore();
        return new ForumStore() {
            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return store.inTransaction(tx -> work.run(proxy(tx, bug)));
            }

            @Override
            public <T> T readOnly(ReadWork<T> work) {
                return store.readOnly(reader -> work.run(proxy((StoreTransaction) reader, bug)));
            }
        };
    }

    private static StoreTransaction proxy(StoreTransaction tx, Bug bug) {
        return (StoreTransaction) Proxy.newProxyInstance(BrokenStores.class.getClassLoader(),
                new Class<?>[] {StoreTransaction.class}, (p, method, args) -> bug.call(tx, method, args));
    }

    static Object pass(StoreTransaction tx, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(tx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Counts pending replies as if they were visible. */
    @Tag("broken-store")
    @LauncherOnly
    static class CountsPendingReplies extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                if (method.getName().equals("appendReply")) {
                    NewPost post = (NewPost) args[0];
                    NewPost visible = new NewPost(post.topicId(), post.author(), post.createdAt(), post.body(),
                            post.format(), post.html(), post.renderer(), PostState.VISIBLE, post.replyToFloor(),
                            post.quotes());
                    return tx.appendReply(visible);
                }
                return pass(tx, method, args);
            });
        }
    }

    /** Runs after-commit actions at once, inside the transaction (so a rollback still notifies). */
    @Tag("broken-store")
    @LauncherOnly
    static class RunsAfterCommitEarly extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                if (method.getName().equals("afterCommit")) {
                    ((Runnable) args[0]).run();
                    return null;
                }
                return pass(tx, method, args);
            });
        }
    }

    /** Commits every primitive on its own: a failing command leaves half of its writes behind. */
    @Tag("broken-store")
    @LauncherOnly
    static class AutoCommitsEachWrite extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            InMemoryForumStore store = new InMemoryForumStore();
            return new ForumStore() {
                @Override
                public <T> T inTransaction(TransactionWork<T> work) {
                    StoreTransaction each = (StoreTransaction) Proxy.newProxyInstance(
                            BrokenStores.class.getClassLoader(), new Class<?>[] {StoreTransaction.class},
                            (p, method, args) -> {
                                if (method.getName().equals("afterCommit")) {
                                    ((Runnable) args[0]).run();
                                    return null;
                                }
                                return store.inTransaction(tx -> {
                                    try {
                                        return method.invoke(tx, args);
                                    } catch (ReflectiveOperationException e) {
                                        throw e.getCause() instanceof RuntimeException r ? r
                                                : new IllegalStateException(e.getCause());
                                    }
                                });
                            });
                    return work.run(each);
                }

                @Override
                public <T> T readOnly(ReadWork<T> work) {
                    return store.readOnly(work);
                }
            };
        }
    }

    /** Ignores the "only this author" filter of topic pages. */
    @Tag("broken-store")
    @LauncherOnly
    static class IgnoresAuthorFilter extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                if (method.getName().equals("topicPage")) {
                    TopicPageRequest request = (TopicPageRequest) args[1];
                    args[1] = TopicPageRequest.from(request.fromFloor(), request.size());
                }
                return pass(tx, method, args);
            });
        }
    }

    /** Answers a vote for users who never voted (or retracted). */
    @Tag("broken-store")
    @LauncherOnly
    static class InventsVotes extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                Object result = pass(tx, method, args);
                if (method.getName().equals("vote") && ((java.util.Optional<?>) result).isEmpty()) {
                    return java.util.Optional.of(org.forumkit.model.VoteKind.SUPPORT);
                }
                return result;
            });
        }
    }

    /** Reads a page's posts without their quote snapshots. */
    @Tag("broken-store")
    @LauncherOnly
    static class DropsQuotesOnPages extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                Object result = pass(tx, method, args);
                if (method.getName().equals("topicPage")) {
                    return ((java.util.Optional<?>) result).map(found -> {
                        var page = (org.forumkit.spi.store.StoredTopicPage) found;
                        return new org.forumkit.spi.store.StoredTopicPage(page.board(), page.topic(), page.posts().stream()
                                .map(BrokenStores::withoutQuotes).toList(), page.viewerVotes(), page.quoteSources(),
                                page.viewerBans());
                    });
                }
                return result;
            });
        }
    }

    /** Reads the most-supported order from its start whatever the cursor says. */
    @Tag("broken-store")
    @LauncherOnly
    static class IgnoresSupportCursor extends ForumStoreContract {
        @Override
        protected ForumStore newStore() {
            return withBug((tx, method, args) -> {
                if (method.getName().equals("mostSupported")) {
                    var request = (org.forumkit.model.MostSupportedRequest) args[1];
                    args[1] = new org.forumkit.model.MostSupportedRequest(null, request.size(), request.onlyAuthor());
                }
                return pass(tx, method, args);
            });
        }
    }

    private static org.forumkit.model.Post withoutQuotes(org.forumkit.model.Post p) {
        return new org.forumkit.model.Post(p.id(), p.topicId(), p.floor(), p.author(), p.createdAt(), p.editedAt(),
                p.revision(), p.body(), p.format(), p.html(), p.renderer(), p.state(), p.replyToFloor(), p.support(),
                p.oppose(), java.util.List.of());
    }

    static final Class<?>[] ALL = {CountsPendingReplies.class, RunsAfterCommitEarly.class, AutoCommitsEachWrite.class,
        IgnoresAuthorFilter.class, InventsVotes.class, DropsQuotesOnPages.class, IgnoresSupportCursor.class};
}
