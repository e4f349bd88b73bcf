package org.forumkit.jpa.spring;

import jakarta.persistence.Table;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.forumkit.jpa.JpaForumStore;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;

/**
 * Keeps Hibernate's schema tooling ({@code spring.jpa.hibernate.ddl-auto}) off the forum's tables, which belong to its
 * migrations: whatever mode the host runs for its own tables (Spring Boot's {@code create-drop} default for an
 * embedded database, {@code update}, …), the forum's are never dropped, created or altered, only validated. (Hibernate
 * 7's {@code update} would otherwise change their column types.) It is Hibernate's schema filter, built at run time
 * from the class names, since the adapter compiles against the Jakarta Persistence API only. A host that sets a schema
 * filter of its own while letting Hibernate change the schema is stopped at startup, as the two cannot be combined.
 */
final class ForumTablesFilter implements HibernatePropertiesCustomizer {
    static final String FILTER_PROVIDER = "hibernate.hbm2ddl.schema_filter_provider";
    private static final String PROVIDER_TYPE = "org.hibernate.tool.schema.spi.SchemaFilterProvider";
    private static final String FILTER_TYPE = "org.hibernate.tool.schema.spi.SchemaFilter";
    private static final Set<String> CHANGING = Set.of("create", "create-drop", "create-only", "drop", "update",
            "truncate", "drop-and-create");

    @Override
    public void customize(Map<String, Object> properties) {
        if (properties.containsKey(FILTER_PROVIDER)) {
            if (changesSchema(properties.get("hibernate.hbm2ddl.auto"))
                    || changesSchema(properties.get("jakarta.persistence.schema-generation.database.action"))) {
                throw new IllegalStateException("Hibernate may change the schema here and " + FILTER_PROVIDER
                        + " is the host's own, so nothing keeps it off Forumkit's tables, which its migrations own:"
                        + " leave the filter out, or set spring.jpa.hibernate.ddl-auto to none or validate");
            }
            return;
        }
        properties.put(FILTER_PROVIDER, provider(ForumTablesFilter.class.getClassLoader()));
    }

    private static boolean changesSchema(Object mode) {
        return mode != null && CHANGING.contains(mode.toString().trim().toLowerCase(Locale.ROOT));
    }

    /** A {@code SchemaFilterProvider} whose filters leave out the forum's tables, except when validating. */
    static Object provider(ClassLoader loader) {
        try {
            Class<?> providerType = Class.forName(PROVIDER_TYPE, false, loader);
            Class<?> filterType = Class.forName(FILTER_TYPE, false, loader);
            Object all = filterType.getField("ALL").get(null);
            Set<String> forumTables = forumTables(loader);
            Object withoutForum = proxy(loader, filterType, (proxy, method, args) -> switch (method.getName()) {
                case "includeTable" -> !forumTables.contains(tableName(args[0]));
                case "includeNamespace", "includeSequence" -> true;
                default -> objectMethod(proxy, method, args, "Forumkit's tables left out");
            });
            return proxy(loader, providerType, (proxy, method, args) -> {
                if (method.getReturnType() != filterType) {
                    return objectMethod(proxy, method, args, "Forumkit's schema filters");
                }
                return method.getName().equals("getValidateFilter") ? all : withoutForum;
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build Hibernate's schema filter for Forumkit's tables", e);
        }
    }

    private static Set<String> forumTables(ClassLoader loader) throws ClassNotFoundException {
        Set<String> names = new java.util.HashSet<>();
        for (String entity : JpaForumStore.entityClassNames()) {
            names.add(Class.forName(entity, false, loader).getAnnotation(Table.class).name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String tableName(Object table) throws ReflectiveOperationException {
        Object name = table.getClass().getMethod("getName").invoke(table);
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    private static Object proxy(ClassLoader loader, Class<?> type, InvocationHandler handler) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String description) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> description;
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
