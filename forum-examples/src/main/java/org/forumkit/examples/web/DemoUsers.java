package org.forumkit.examples.web;

import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The demo host's users and its sign-in without passwords: choosing a name on the sign-in page signs you in as
 * that user. A real site's provider checks a password or an SSO assertion here; everything after it (session,
 * CSRF, the viewer passed into Forumkit) is the same.
 */
@Component
final class DemoUsers implements AuthenticationProvider {
    private static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice", List.of()),
            new DemoUser("bob", "鲍勃", List.of()),
            new DemoUser("carol", "Carol", List.of()),
            new DemoUser("mod", "版主", List.of("moderator")),
            // moderates the comments board only (DemoApp's seed): on the seed thread's board a member like any other
            new DemoUser("dave", "Dave（评论版主）", List.of()));

    List<DemoUser> all() {
        return USERS;
    }

    Optional<DemoUser> byName(String name) {
        return USERS.stream().filter(u -> u.getName().equals(name)).findFirst();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        DemoUser user = byName(authentication.getName())
                .orElseThrow(() -> new BadCredentialsException("unknown demo user"));
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
