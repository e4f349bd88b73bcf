package org.forumkit.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A way out of the forum that a notification may be delivered by: {@link #MAIL}, {@link #WEBHOOK}, or one a host
 * names (1 to 16 lower-case letters, digits, {@code _} or {@code -}, starting with a letter).
 */
public record DeliveryChannel(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,15}");

    public static final DeliveryChannel MAIL = new DeliveryChannel("mail");
    public static final DeliveryChannel WEBHOOK = new DeliveryChannel("webhook");

    public DeliveryChannel {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a channel name is 1 to 16 of [a-z0-9_-] starting with a letter, was '"
                    + name + "'");
        }
    }

    public static DeliveryChannel of(String name) {
        return new DeliveryChannel(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
