package org.forumkit.spi;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * The host's users as notifications need them: who a recipient is (their roles decide what they may see), looked up
 * in batches. Users the directory does not know are notified of nothing.
 */
public interface UserDirectory {

    /**
     * Knows every id, as a member with no roles named by the id: enough for boards every member may read; a host
     * with role-restricted boards passes its own directory.
     */
    UserDirectory ROLELESS = ids -> ids.stream().distinct()
            .collect(Collectors.toMap(Function.identity(), id -> new Viewer.Member(id, id.value(), java.util.Set.of())));

    /** The members with these ids; unknown ids are left out. */
    Map<UserId, Viewer.Member> members(Collection<UserId> ids);

    /**
     * The users with these names (as typed after {@code @}, NFKC-normalised), in one lookup; names nobody has are
     * left out. How names compare (case, width) is the host's rule. By default nobody is found, so text mentions
     * notify nobody.
     */
    default Map<String, UserId> byNames(Collection<String> names) {
        return Map.of();
    }
}
