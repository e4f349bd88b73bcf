package org.forumkit.model;

/**
 * What one round of {@code forum.deliveries().deliverDue(…)} did with the deliveries it claimed.
 *
 * @param retrying failed this time, to be tried again later
 * @param lost     claimed, but finished meanwhile by another node after this node's lease ran out
 */
public record DeliveryRun(int claimed, int delivered, int retrying, int dead, int skipped, int lost) {
    public DeliveryRun {
        if (claimed < 0 || delivered < 0 || retrying < 0 || dead < 0 || skipped < 0 || lost < 0
                || delivered + retrying + dead + skipped + lost != claimed) {
            throw new IllegalArgumentException("the outcomes must add up to the claimed deliveries");
        }
    }
}
