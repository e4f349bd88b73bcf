package org.forumkit.model;

/** The period a credit rule's cap counts in. */
public enum CreditCycle {
    /** The cap counts over all time. */
    ONCE,
    /** The cap counts per UTC day. */
    DAILY,
    /** No cap. */
    UNLIMITED
}
