/**
 * Censored words: {@link org.forumkit.censor.WordFilter} finds listed words in one pass over a normalised copy of the
 * text (NFKC, case and width folded, zero-width characters and separators ignored) and says whether to reject,
 * hold for moderation or star them out; a host sets one per board through {@link org.forumkit.spi.CensorPolicy}.
 */
package org.forumkit.censor;
