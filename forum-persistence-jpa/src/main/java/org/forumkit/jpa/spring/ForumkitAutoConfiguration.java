package org.forumkit.jpa.spring;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.jpa.JpaForumStore;
import org.forumkit.jpa.JpaTransactions;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A {@link Forum} on the host's JPA persistence unit, once a {@link DataSource} and an {@link EntityManagerFactory}
 * are in the context: the forum's entities join the host's persistence unit, its migrations run with Flyway, its
 * store works in Spring-managed transactions, and the host's {@link PermissionPolicy}, {@link CensorPolicy},
 * {@link CreditPolicy}, {@link ContentRenderer} and {@link ForumEventListener} beans are wired in. Every bean backs
 * off when the host defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnClass({EntityManagerFactory.class, EntityManagerFactoryUtils.class, PlatformTransactionManager.class})
@ConditionalOnBean({DataSource.class, EntityManagerFactory.class})
@EnableConfigurationProperties({ForumkitProperties.class, ForumkitDeliveryProperties.class})
public class ForumkitAutoConfiguration {

    /** Adds the forum's entities to the host's scanned persistence unit, with or without an {@code @EntityScan}. */
    @Bean
    @ConditionalOnMissingBean
    static ForumEntities forumkitEntities() {
        return new ForumEntities();
    }

    @Bean
    @ConditionalOnMissingBean
    JpaTransactions forumkitTransactions(EntityManagerFactory emf, PlatformTransactionManager transactionManager) {
        return new SpringTransactions(emf, transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean(ForumStore.class)
    JpaForumStore forumkitStore(JpaTransactions transactions, ForumkitProperties properties, EntityManagerFactory emf) {
        ForumEntities.requireRegistered(emf);
        return JpaForumStore.builder(transactions)
                .maxAttempts(properties.getStore().getMaxAttempts())
                .backoff(properties.getStore().getBackoff())
                .build();
    }

    /** Closed with the context, after the last request: buffered views are flushed then. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Forum forum(ForumStore store, ForumkitProperties properties, ObjectProvider<PermissionPolicy> permissionPolicy,
            ObjectProvider<CensorPolicy> censorPolicy, ObjectProvider<CreditPolicy> creditPolicy,
            ObjectProvider<ContentRenderer> renderers, ObjectProvider<ForumEventListener> listeners,
            ObjectProvider<UserDirectory> directory, ObjectProvider<NotificationSender> senders,
            ObjectProvider<DeliverySettings> deliverySettings) {
        Forum.Builder builder = Forum.builder().store(store).settings(properties.toSettings());
        permissionPolicy.ifAvailable(builder::permissionPolicy);
        censorPolicy.ifAvailable(builder::censorPolicy);
        creditPolicy.ifAvailable(builder::creditPolicy);
        renderers.orderedStream().forEach(builder::renderer);
        listeners.orderedStream().forEach(builder::listener);
        // the host's directory of users turns the inboxes on
        directory.ifAvailable(builder::notifications);
        // NotificationSender beans and a DeliverySettings bean deliver them through the outbox
        senders.orderedStream().forEach(builder::sender);
        deliverySettings.ifAvailable(builder::deliverySettings);
        return builder.build();
    }

    /** The forum's migrations with the host's Flyway, unless {@code forumkit.migrations.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    @ConditionalOnProperty(prefix = "forumkit.migrations", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class MigrationsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ForumMigrations forumkitMigrations(DataSource dataSource, ForumkitProperties properties) {
            return new ForumMigrations(dataSource, properties.getMigrations().getDialect(),
                    properties.getMigrations().getTable());
        }

        /** The schema must be there before Hibernate validates or updates it. */
        @Bean
        static EntityManagerFactoryDependsOnPostProcessor forumkitMigrationsBeforeJpa() {
            return new EntityManagerFactoryDependsOnPostProcessor(ForumMigrations.class);
        }
    }

    /**
     * {@code forum.deliveries().deliverDue(…)} on a schedule once a {@link DeliverySettings} bean turns deliveries
     * on, unless {@code forumkit.deliveries.enabled=false} (a node that only serves pages).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DeliverySettings.class)
    @ConditionalOnProperty(prefix = "forumkit.deliveries", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class DeliveriesConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DeliveryScheduler forumkitDeliveryScheduler(Forum forum, ForumkitDeliveryProperties properties) {
            return new DeliveryScheduler(forum, properties);
        }
    }

    /** Keeps Hibernate's schema tooling ({@code ddl-auto}) off the tables the migrations own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HibernatePropertiesCustomizer.class)
    static class SchemaToolingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ForumTablesFilter forumkitTablesFilter() {
            return new ForumTablesFilter();
        }
    }
}
