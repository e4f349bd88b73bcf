package org.forumkit.jpa.spring;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.core.env.Environment;

/**
 * The forum's tables belong to its migrations, never to Hibernate's {@code ddl-auto}: a host that asks for a mode
 * that drops tables fails at startup with a message saying so, and Spring Boot's own default for embedded
 * databases ({@code create-drop}, when the host set nothing) becomes {@code update}, which still creates the host's
 * tables and finds the forum's already there.
 */
final class DdlAutoGuard implements HibernatePropertiesCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(DdlAutoGuard.class);
    private static final String HBM2DDL = "hibernate.hbm2ddl.auto";
    private static final String JAKARTA_ACTION = "jakarta.persistence.schema-generation.database.action";
    private static final Set<String> DROPPING = Set.of("create", "create-drop", "drop", "drop-and-create");

    private final Environment environment;

    DdlAutoGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(Map<String, Object> properties) {
        Object jakartaAction = properties.get(JAKARTA_ACTION);
        if (jakartaAction != null && DROPPING.contains(jakartaAction.toString().trim())) {
            throw refused(JAKARTA_ACTION, jakartaAction);
        }
        Object mode = properties.get(HBM2DDL);
        if (mode == null || !DROPPING.contains(mode.toString().trim())) {
            return;
        }
        if (environment.containsProperty("spring.jpa.hibernate.ddl-auto")
                || environment.containsProperty("spring.jpa.properties." + HBM2DDL)) {
            throw refused("spring.jpa.hibernate.ddl-auto", mode);
        }
        LOG.info("Spring Boot's default ddl-auto={} for an embedded database would drop Forumkit's tables;"
                + " using update instead (set spring.jpa.hibernate.ddl-auto to choose)", mode);
        properties.put(HBM2DDL, "update");
    }

    private static IllegalStateException refused(String property, Object mode) {
        return new IllegalStateException(property + "=" + mode + " would let Hibernate drop and re-create Forumkit's"
                + " tables, which its migrations own: use none, validate or update");
    }
}
