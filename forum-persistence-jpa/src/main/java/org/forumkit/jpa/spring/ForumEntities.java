package org.forumkit.jpa.spring;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.forumkit.jpa.JpaForumStore;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * Adds the forum's entities to the host's {@link PersistenceManagedTypes}, the classes Spring Boot's JPA
 * auto-configuration found in the host's {@code @EntityScan} packages (or, without one, its auto-configuration
 * packages). Adding to what was scanned, rather than registering a package to scan, keeps both cases working: an
 * {@code @EntityScan} replaces the packages scanned, so a package registered beside it would hide the host's entities
 * or be hidden by them.
 */
final class ForumEntities implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof PersistenceManagedTypes types)) {
            return bean;
        }
        List<String> names = new ArrayList<>(types.getManagedClassNames());
        List<String> missing = JpaForumStore.entityClassNames().stream().filter(n -> !names.contains(n)).toList();
        if (missing.isEmpty()) {
            return bean;
        }
        names.addAll(missing);
        return new WithForumEntities(names, types);
    }

    /**
     * Fails with a message naming the remedy when {@code emf}'s persistence unit lacks the forum's entities, as one the
     * host builds itself (not through Spring Boot's scanned types) does unless it lists them.
     */
    static void requireRegistered(EntityManagerFactory emf) {
        Set<String> managed = emf.getMetamodel().getEntities().stream()
                .map(type -> type.getJavaType().getName()).collect(Collectors.toSet());
        List<String> missing = JpaForumStore.entityClassNames().stream().filter(n -> !managed.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the EntityManagerFactory's persistence unit lacks Forumkit's entities "
                    + missing + ": Spring Boot's own factory gets them by itself; a factory of the host's own needs the"
                    + " mapping file " + JpaForumStore.MAPPING_FILE + " or the classes of JpaForumStore.entityClassNames()");
        }
    }

    /** The scanned types plus the forum's entities. */
    private record WithForumEntities(List<String> names, PersistenceManagedTypes scanned)
            implements PersistenceManagedTypes {
        @Override
        public List<String> getManagedClassNames() {
            return names;
        }

        @Override
        public List<String> getManagedPackages() {
            return scanned.getManagedPackages();
        }

        @Override
        public java.net.URL getPersistenceUnitRootUrl() {
            return scanned.getPersistenceUnitRootUrl();
        }
    }
}
