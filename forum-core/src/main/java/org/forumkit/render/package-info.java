/**
 * The built-in content formats: PLAIN (with links), BBCODE (parsed into a tree) and MARKDOWN (CommonMark), each
 * rendered once when a post is written and cleaned through jsoup with an explicit allow-list, plus
 * {@link org.forumkit.render.QuoteBlocks} for quote snapshots and the link and image rules of
 * {@link org.forumkit.render.RenderOptions}.
 */
package org.forumkit.render;
