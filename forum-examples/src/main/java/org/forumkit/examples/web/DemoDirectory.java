package org.forumkit.examples.web;

import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.UserDirectory;
import org.springframework.stereotype.Component;

/**
 * The demo's users as the forum's notifications see them: who a recipient is (with the roles that decide what they
 * may read), and who an {@code @name} in a post means, by sign-in name or display name ({@code @alice},
 * {@code @鲍勃}; Latin letters compare without case). Unknown names are left out, so they mention nobody.
 */
@Component
public final class DemoDirectory implements UserDirectory {
    private final DemoUsers users;

    DemoDirectory(DemoUsers users) {
        this.users = users;
    }

    @Override
    public Map<UserId, Viewer.Member> members(Collection<UserId> ids) {
        Map<UserId, Viewer.Member> found = new HashMap<>();
        for (UserId id : ids) {
            users.byName(id.value()).ifPresent(u -> found.put(id, member(u)));
        }
        return found;
    }

    @Override
    public Map<String, UserId> byNames(Collection<String> names) {
        Map<String, UserId> found = new HashMap<>();
        for (String name : names) {
            named(name).ifPresent(u -> found.put(name, UserId.of(u.getName())));
        }
        return found;
    }

    /** The user an {@code @name} means, if any. */
    Optional<DemoUser> named(String name) {
        String wanted = fold(name);
        return users.all().stream().filter(u -> fold(u.getName()).equals(wanted) || fold(u.getDisplayName())
                .equals(wanted)).findFirst();
    }

    /** Where the demo keeps a user's mail and in which language they read it. */
    static String address(DemoUser user) {
        return user.getName() + "@demo.forumkit.test";
    }

    static Locale language(DemoUser user) {
        return user.getDisplayName().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    private static Viewer.Member member(DemoUser user) {
        return new Viewer.Member(UserId.of(user.getName()), user.getDisplayName(), Set.copyOf(user.roles()));
    }

    private static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
