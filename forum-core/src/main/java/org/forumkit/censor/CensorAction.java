package org.forumkit.censor;

/** What a censored word does to a text, weakest first: a text's outcome is its strongest hit. */
public enum CensorAction {
    /** No censored word was found. */
    NONE,
    /** The word is replaced with {@code *}, one per character, and the text is accepted. */
    REPLACE,
    /** The text is accepted but waits for a moderator's approval. */
    MODERATE,
    /** The text is refused. */
    REJECT
}
