/**
 * The public records of a forum: typed ids, entities ({@code Board}, {@code Topic}, {@code Post}, …), commands,
 * pages ({@link org.forumkit.model.Page} with {@link org.forumkit.model.PageRequest} for every cursor-paged list,
 * {@link org.forumkit.model.TopicPage} for a topic's floor ranges) and enums. A component that may be absent is
 * nullable and says so in its javadoc; records the forum returns add one {@code Optional} view of it, named
 * {@code optional} + the component's name ({@code post.editedAt()} and {@code post.optionalEditedAt()}). Commands
 * are plain input: {@code null} there means "not given".
 */
package org.forumkit.model;
