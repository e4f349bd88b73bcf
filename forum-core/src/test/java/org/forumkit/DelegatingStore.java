package org.forumkit;

import java.util.Map;
import org.forumkit.model.TopicId;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreTransaction;

/** A store that passes everything through, so a test can intercept one operation. */
class DelegatingStore implements ForumStore {
    private final ForumStore delegate;

    DelegatingStore(ForumStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return delegate.inTransaction(tx -> work.run(intercepting(tx)));
    }

    @Override
    public <T> T readOnly(ReadWork<T> work) {
        return delegate.readOnly(work);
    }

    protected void addViews(StoreTransaction tx, Map<TopicId, Long> views) {
        tx.addViews(views);
    }

    private StoreTransaction intercepting(StoreTransaction tx) {
        return (StoreTransaction) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addViews")) {
                        @SuppressWarnings("unchecked")
                        Map<TopicId, Long> views = (Map<TopicId, Long>) args[0];
                        addViews(tx, views);
                        return null;
                    }
                    try {
                        return method.invoke(tx, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
