/**
 * The JPA storage adapter: {@link org.forumkit.jpa.JpaForumStore} on a host's {@code EntityManagerFactory},
 * compiled against the Jakarta Persistence API only, joining the host's transactions through
 * {@link org.forumkit.jpa.JpaTransactions}. Inside, a facade hands each SPI call to one package-private class per
 * aggregate ({@code BoardRows}, {@code PostRows}, {@code VoteRows}, …), and the database-specific hot writes sit
 * behind one {@code WritePath} chosen per database. The schema comes from the shipped Flyway migrations
 * ({@link org.forumkit.jpa.JpaForumStore#migrations(String)}).
 */
package org.forumkit.jpa;
